"""Viewing stations: moved to :mod:`pmedu.model.station` (this module re-exports them).

>>> Station.__module__
'pmedu.model.station'
"""

from pmedu.model.station import Feature, Station

__all__ = ["Feature", "Station"]
