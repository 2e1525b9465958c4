"""Viewing stations (播放网点), their standards and coverage ([stations and
standards][concept-stations]).

>>> from pmedu.stations import Station, Standard, check
>>> s = Station(id="S1", unit_id="V1", features=["电视机", "播放室"])
>>> [i.label for i in check(s, Standard.preset("两机一室"))]
['VCD/DVD机']
"""

from pmedu.model import Feature, Station
from pmedu.stations.rollup import (
    DEFAULT_KINDS,
    compliance,
    coverage_by_kind,
    gaps,
    station_coverage,
)
from pmedu.stations.standards import Standard, StandardItem, check, equipped, passes

__all__ = [
    "DEFAULT_KINDS",
    "Feature",
    "Standard",
    "StandardItem",
    "Station",
    "check",
    "compliance",
    "coverage_by_kind",
    "equipped",
    "gaps",
    "passes",
    "station_coverage",
]
