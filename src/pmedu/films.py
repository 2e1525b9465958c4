"""The film library's record types: now in ``pmedu.model.films``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "Film": "pmedu.model",
        "FilmCategory": "pmedu.model",
        "FilmLibrary": "pmedu.model",
        "FilmSet": "pmedu.model",
        "FilmSource": "pmedu.model",
        "Media": "pmedu.model",
    },
)
