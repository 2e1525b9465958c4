"""E-education films: moved to [`pmedu.model.films`][pmedu.model.films] (this module re-exports
them).

>>> Film.__module__
'pmedu.model.films'
"""

from pmedu.model.films import Film, FilmCategory, FilmLibrary, FilmSet, FilmSource, Media

__all__ = ["Film", "FilmCategory", "FilmLibrary", "FilmSet", "FilmSource", "Media"]
