"""One year's results (年度结果), already computed: data only.

A [`YearResults`][pmedu.results.YearResults] holds the tree and everything
[`pmedu.pipeline.compute_year`][pmedu.pipeline.compute_year] computed from the year's inputs: the
film supply plan, the station gap list and the assessment (each ``None`` when its inputs were not
given). The report, the workbook and the command line render it; nothing here computes, and this
module imports no computing module.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
>>> r = YearResults(tree=tree, year=2025)
>>> r.year, r.plan, r.gap_list, r.assessment
(2025, None, None, None)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from pmedu.errors import Problem
from pmedu.labels import UnitKind, parse_kinds
from pmedu.network import Coverage, OrgTree

__all__ = [
    "COVERAGE_SETS",
    "FigureChange",
    "Gap",
    "KindCount",
    "Progress",
    "StationFigures",
    "TreeFigures",
    "UnitChange",
    "YearComparison",
    "YearResults",
]

#: the kinds whose station coverage is computed by default: villages, communities, both
COVERAGE_SETS: tuple[frozenset[UnitKind], ...] = (
    frozenset({UnitKind.VILLAGE}),
    frozenset({UnitKind.COMMUNITY}),
    frozenset({UnitKind.VILLAGE, UnitKind.COMMUNITY}),
)

#: a progress callback: receives one short message per step
Progress = Callable[[str], None]

#: one station gap: ``(station, standard, missing items)``
Gap = tuple[Any, Any, tuple[Any, ...]]


def _gaps(value: Iterable[Gap] | None) -> tuple[Gap, ...] | None:
    return None if value is None else tuple((s, std, tuple(m)) for s, std, m in value)


def _problems(value: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class KindCount:
    """The units of one kind: how many, their own members, how many have a station.

    >>> KindCount(kind=UnitKind.VILLAGE, units=3, members=90, with_station=2).with_station
    2
    """

    kind: UnitKind
    units: int
    members: int
    with_station: int


@attrs.frozen(kw_only=True)
class TreeFigures:
    """The tree summary and the station coverage (建点率), computed once.

    ``kinds`` counts units by kind (in [`UnitKind`][pmedu.labels.UnitKind] order); ``members``
    is the whole tree's members; ``coverage`` maps a set of kinds to every unit's
    [`Coverage`][pmedu.network.tree.Coverage] of those kinds; ``station_source`` says where "has a
    station" came from: ``"records"`` (a station record names the unit) or ``"units"``
    (the unit table's ``has_station`` flag, when no station record is known).

    >>> from pmedu.network import Coverage
    >>> f = TreeFigures(kinds=(), members=0,
    ...                 coverage={frozenset({UnitKind.VILLAGE}): {"T": Coverage(1, 2)}})
    >>> f.coverage_of("村")["T"].rate
    0.5
    """

    kinds: tuple[KindCount, ...]
    members: int
    coverage: Mapping[frozenset[UnitKind], Mapping[str, Coverage]]
    station_source: str = "units"

    def coverage_of(self, kinds: Any) -> Mapping[str, Coverage]:
        """Every unit's coverage of ``kinds`` (one kind or several, labels accepted); a
        ``KeyError`` names the kinds when they were not computed."""
        key = parse_kinds(kinds)
        try:
            return self.coverage[key]
        except KeyError:
            names = ", ".join(sorted(k.value for k in key))
            raise KeyError(f"coverage of {names} was not computed") from None


@attrs.frozen(kw_only=True)
class StationFigures:
    """The stations' figures of the year: how many stations and sessions, how many stations
    fall short of each standard, the root's attendance, the plans held rate, and every
    unit's compliance with each standard.

    >>> StationFigures(stations=0, sessions=0).short_of
    {}
    """

    stations: int
    sessions: int
    standards: tuple[Any, ...] = ()
    short_of: Mapping[str, int] = attrs.field(factory=dict)
    attendance: Any = None
    plans_held_rate: float | None = None
    compliance: Mapping[str, Mapping[str, Coverage]] = attrs.field(factory=dict)
    coverage: Mapping[str, Coverage] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class YearResults:
    """The tree and the year's computed objects.

    ``plan`` is a [`pmedu.supply.SupplyPlan`][pmedu.supply.plan.SupplyPlan]; ``gap_list`` the
    ``(station, standard, missing items)`` triples of the stations that fall short (``None`` when no
    station is known); ``assessment`` a
    [`pmedu.scoring.Assessment`][pmedu.scoring.results.Assessment] (``None`` without facts);
    ``facts`` the facts it was scored from; ``year`` the year reported on; ``figures`` the tree
    summary and the coverage ([`TreeFigures`][pmedu.results.TreeFigures]); ``stations`` the
    stations' figures ([`StationFigures`][pmedu.results.StationFigures], ``None`` without records);
    ``holdings`` the film sets held per unit the plan used; ``pool_shares`` the county pool's sets
    split over the townships' shortfalls, ``(name, share)`` for every township that gets some;
    ``score_rollup`` the assessment's mean scores up the tree (``Assessment.rollup()``);
    ``equipped`` the units whose station has 两机一室, of any kind (``None`` without stations);
    ``warnings`` the [`Problem`][pmedu.errors.Problem]s found on the way that did not stop the
    computation (the records check's warnings, station flags that disagree with the station
    records, holdings that disagree with the records' film sets), for the report and the command
    line to show.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> YearResults(tree=t, gap_list=[]).gap_list
    ()
    """

    tree: OrgTree = attrs.field(validator=attrs.validators.instance_of(OrgTree))
    plan: Any = None
    gap_list: tuple[Gap, ...] | None = attrs.field(default=None, converter=_gaps)
    assessment: Any = None
    facts: Any = None
    year: int | None = None
    figures: TreeFigures | None = None
    stations: StationFigures | None = None
    holdings: Mapping[str, int] = attrs.field(factory=dict)
    pool_shares: tuple[tuple[str, int], ...] = ()
    score_rollup: tuple[Any, ...] = ()
    equipped: frozenset[str] | None = None
    warnings: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def __repr__(self) -> str:
        """One line: the county, the year and what was computed (the objects are large).

        >>> from pmedu.network import OrgTree
        >>> from pmedu.model import Unit
        >>> YearResults(tree=OrgTree.from_units([Unit(id="C", name="某县", kind="县")]), year=2025)
        <YearResults 某县 2025: 1 units; no plan, no assessment, 0 warnings>
        """
        root = self.tree.root
        plan = "plan" if self.plan is not None else "no plan"
        if self.assessment is not None:
            scored = f"{len(self.assessment.ranking().entries)} units assessed"
        else:
            scored = "no assessment"
        year = "" if self.year is None else f" {self.year}"
        return (
            f"<YearResults {root.name}{year}: {len(self.tree)} units; {plan}, {scored}, "
            f"{len(self.warnings)} warnings>"
        )

    def parts(self) -> dict[str, Any]:
        """The computed objects as keyword arguments (``plan``, ``gap_list``,
        ``assessment``), as [`pmedu.report.assemble_report`][pmedu.report.build.assemble_report] and
        [`pmedu.io.xlsx.write_workbook`][pmedu.io.workbook.write_workbook] take them.

        >>> from pmedu.network import OrgTree
        >>> from pmedu.model import Unit
        >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
        >>> sorted(YearResults(tree=t).parts())
        ['assessment', 'gap_list', 'plan']
        """
        gaps = None if self.gap_list is None else list(self.gap_list)
        return {"plan": self.plan, "gap_list": gaps, "assessment": self.assessment}


@attrs.frozen(kw_only=True)
class FigureChange:
    """One headline figure this year and last year (``None`` where a year lacks it).

    ``key`` names the figure (``units``, ``members``, ``coverage``, ``target_sets``,
    ``held_sets``, ``shortfall``, ``assessed``); ``kind`` is ``"count"`` or ``"rate"``.

    >>> FigureChange(key="members", kind="count", current=120, previous=100).delta
    20
    >>> FigureChange(key="coverage", kind="rate", current=0.5, previous=None).delta is None
    True
    """

    key: str
    kind: str
    current: int | float | None
    previous: int | float | None

    @property
    def delta(self) -> int | float | None:
        """``current − previous``, or ``None`` when either is missing."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@attrs.frozen(kw_only=True)
class UnitChange:
    """A ranked unit's total and rank this year and last year (``None``: not ranked then).

    >>> from decimal import Decimal
    >>> c = UnitChange(unit_id="T1", unit_name="东镇", current_total=Decimal("90"),
    ...                previous_total=Decimal("85"), current_rank=1, previous_rank=3)
    >>> c.total_delta, c.rank_delta
    (Decimal('5'), 2)
    """

    unit_id: str
    unit_name: str
    current_total: Any
    previous_total: Any
    current_rank: int | None
    previous_rank: int | None

    @property
    def total_delta(self) -> Any:
        """``current_total − previous_total`` (``None`` when either is missing)."""
        if self.current_total is None or self.previous_total is None:
            return None
        return self.current_total - self.previous_total

    @property
    def rank_delta(self) -> int | None:
        """Places gained (positive: moved up), ``None`` when either rank is missing."""
        if self.current_rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.current_rank


@attrs.frozen(kw_only=True)
class YearComparison:
    """What changed since last year, already computed
    ([`pmedu.pipeline.compare_years`][pmedu.pipeline.compare_years]): the headline figures of
    both years and every ranked unit's total and rank.

    >>> YearComparison(year=2025, previous_year=2024).figures
    ()
    >>> YearComparison(year=2025, previous_year=2024).to_records()
    []
    """

    year: int | None
    previous_year: int | None
    figures: tuple[FigureChange, ...] = ()
    units: tuple[UnitChange, ...] = ()

    def figure(self, key: str) -> FigureChange:
        """The figure named ``key`` (``KeyError`` if absent).

        >>> YearComparison(year=1, previous_year=0).figure("units")
        Traceback (most recent call last):
        ...
        KeyError: 'units'
        """
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per headline figure."""
        return [
            {"key": f.key, "kind": f.kind, "current": f.current, "previous": f.previous}
            for f in self.figures
        ]
