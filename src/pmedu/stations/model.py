"""Viewing stations: moved to [`pmedu.model.station`][pmedu.model.station] (this module re-exports
them).

>>> Station.__module__
'pmedu.model.station'
"""

from pmedu.model.station import Feature, Station

__all__ = ["Feature", "Station"]
