"""Station coverage (建点率) and standard compliance rolled up the tree ([stations and
standards][concept-stations]).

Both run on [`OrgTree`][pmedu.network.tree.OrgTree]'s cached pre-order arrays (one
[`rollup`][pmedu.network.tree.OrgTree.rollup] / [`coverage`][pmedu.network.tree.OrgTree.coverage]
pass each), never a per-unit scan of the stations.

>>> from pmedu import OrgTree, Unit
>>> from pmedu.stations import Station, Standard
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="县", kind="县"),
...     Unit(id="T", name="镇", kind="镇", parent_id="C"),
...     Unit(id="V1", name="一村", kind="村", parent_id="T"),
...     Unit(id="V2", name="二村", kind="村", parent_id="T")])
>>> st = [Station(id="S1", unit_id="V1", features=["电视机", "VCD机", "播放室"])]
>>> station_coverage(tree, st)["C"]
Coverage(covered=1, total=2)
>>> compliance(tree, st, Standard.preset("两机一室"))["T"]
Coverage(covered=1, total=1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pmedu.errors import DataError, Problem
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import Station
from pmedu.network import Coverage, OrgTree, UnitMap
from pmedu.stations.standards import Standard, StandardItem, check, passes

__all__ = [
    "DEFAULT_KINDS",
    "compliance",
    "coverage_by_kind",
    "gaps",
    "station_coverage",
]

#: the kinds whose coverage target is 100% (seeds [001][seed-001], [002][seed-002])
DEFAULT_KINDS: tuple[UnitKind, ...] = (UnitKind.VILLAGE, UnitKind.COMMUNITY)


def _known(tree: OrgTree, stations: Sequence[Station]) -> None:
    problems = [
        Problem(f"station {s.id}: unit {s.unit_id!r} is not in the tree", field="unit_id")
        for s in stations
        if s.unit_id not in tree
    ]
    if problems:
        raise DataError(problems)


def station_coverage(
    tree: OrgTree, stations: Iterable[Station], kind: Any = DEFAULT_KINDS
) -> UnitMap[Coverage]:
    """For every unit: units of ``kind`` in its subtree that have a station / all of them.

    ``kind`` is one kind or several (labels accepted); the default is villages and
    communities. Stations at units outside the tree are a [`DataError`][pmedu.errors.DataError].

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([
    ...     Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V1", name="石桥村", kind="村", parent_id="T"),
    ...     Unit(id="V2", name="河口村", kind="村", parent_id="T")])
    >>> cov = station_coverage(tree, [Station(id="S1", unit_id="V1")])
    >>> cov["T"], cov["T"].rate, cov["V2"].rate
    (Coverage(covered=1, total=2), 0.5, 0.0)
    >>> station_coverage(tree, [Station(id="S9", unit_id="X")])
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    unit_id: station S9: unit 'X' is not in the tree
    """
    st = list(stations)
    _known(tree, st)
    with_station = {s.unit_id for s in st}
    return tree.coverage(kind, has=lambda u: u.id in with_station)


def coverage_by_kind(
    tree: OrgTree, stations: Iterable[Station], *, kinds: Any = None
) -> dict[UnitKind, UnitMap[Coverage]]:
    """Station coverage for each kind separately (villages, communities, non-public
    enterprises, social organisations …); by default every non-top kind found in the tree.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="c", kind="县"),
    ...                         Unit(id="E", name="e", kind="非公企业", parent_id="C")])
    >>> cov = coverage_by_kind(t, [])
    >>> [(k.value, c["C"].rate) for k, c in cov.items()]
    [('non_public_enterprise', 0.0)]
    """
    st = list(stations)
    _known(tree, st)
    if kinds is None:
        found = tree.count_by_kind()
        top = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.CITY, UnitKind.COUNTY)
        chosen = sorted((k for k in found if k not in top), key=list(UnitKind).index)
    else:
        chosen = sorted(parse_kinds(kinds), key=list(UnitKind).index)
    with_station = {s.unit_id for s in st}
    return {k: tree.coverage(k, has=lambda u: u.id in with_station) for k in chosen}


def compliance(
    tree: OrgTree,
    stations: Iterable[Station],
    standard: Standard,
    *,
    kind: Any = DEFAULT_KINDS,
) -> dict[str, Coverage]:
    """For every unit: stations at units of ``kind`` in its subtree meeting ``standard`` /
    all such stations (a unit with two stations counts two). ``rate`` is ``None`` where
    there is no station.

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([
    ...     Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
    >>> st = [Station(id="S1", unit_id="V", features=["电视机", "VCD机", "播放室"]),
    ...       Station(id="S2", unit_id="V", features=["电视机"])]
    >>> comp = compliance(tree, st, Standard.preset("两机一室"))
    >>> comp["T"], comp["T"].rate
    (Coverage(covered=1, total=2), 0.5)
    >>> compliance(tree, [], Standard.preset("两机一室"))["T"].rate is None
    True
    """
    st = list(stations)
    _known(tree, st)
    kinds = parse_kinds(kind)
    total: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    for s in st:
        if tree.unit(s.unit_id).kind in kinds:
            total[s.unit_id] += 1
            ok[s.unit_id] += passes(s, standard)
    tot = tree.rollup(lambda u: total[u.id])
    met = tree.rollup(lambda u: ok[u.id])
    return {uid: Coverage(covered=met[uid], total=tot[uid]) for uid in tot}


def gaps(
    stations: Iterable[Station], standard: Standard
) -> list[tuple[Station, tuple[StandardItem, ...]]]:
    """The stations that fall short of ``standard`` and what each one misses.

    >>> from pmedu.stations import Station, Standard
    >>> [(s.id, [i.label for i in m]) for s, m in gaps(
    ...     [Station(id="S1", unit_id="V", features=["tv", "player"])],
    ...     Standard.preset("two_machines_one_room"))]
    [('S1', ['播放室'])]
    """
    out = []
    for s in stations:
        missing = check(s, standard)
        if missing:
            out.append((s, missing))
    return out
