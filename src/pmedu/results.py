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
from decimal import Decimal
from typing import Any

import attrs

from pmedu.errors import Problem
from pmedu.labels import UnitKind, parse_kinds
from pmedu.network import Coverage, OrgTree

__all__ = [
    "COVERAGE_SETS",
    "Difference",
    "FigureChange",
    "Gap",
    "KindCount",
    "Mover",
    "Progress",
    "StationFigures",
    "TreeFigures",
    "TrendPolicy",
    "TrendStep",
    "UnitChange",
    "UnitSeries",
    "YearComparison",
    "YearPoint",
    "YearResults",
    "YearSeries",
]
__all__ += [
    "ActivityLine",
    "ActivitySummary",
    "ArchiveLine",
    "MemberSummary",
    "SkillTeams",
    "TeachingLine",
    "TeachingSummary",
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
    line to show; ``differences`` the units whose party affiliation differs from their
    administrative parent ([`Difference`][pmedu.results.Difference], empty for a tree without
    affiliation).

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
    differences: tuple[Difference, ...] = ()
    membership: MemberSummary | None = None
    teaching: TeachingSummary | None = None
    activities: ActivitySummary | None = None

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


# --- issue 18: where the two hierarchies differ --------------------------------------------------


@attrs.frozen(kw_only=True)
class Difference:
    """A unit whose party-affiliation parent (隶属党组织) is not its administrative parent
    (行政上级), with its members and stations ([affiliation][concept-affiliation]); computed
    by [`pmedu.pipeline.affiliation_differences`][pmedu.pipeline.affiliation_differences].

    ``parent_id`` is ``None`` for a working committee 工委 / 党工委, which has no administrative
    place; ``members`` are the unit's own, ``affiliated_members`` those of its whole subtree
    along affiliation; ``stations`` counts the units with a station in that subtree.

    >>> d = Difference(unit_id="A", name="县财政局", kind=UnitKind.AGENCY, parent_id="C",
    ...     parent_name="某县", affiliation_id="GW", affiliation_name="县直机关工委",
    ...     members=7, affiliated_members=7, has_station=False, stations=0)
    >>> d.to_record()["affiliation_name"]
    '县直机关工委'
    """

    unit_id: str
    name: str
    kind: UnitKind
    parent_id: str | None
    parent_name: str | None
    affiliation_id: str | None
    affiliation_name: str | None
    members: int
    affiliated_members: int
    has_station: bool
    stations: int

    def to_record(self) -> dict[str, Any]:
        """A plain dict (the kind by its English value)."""
        rec = attrs.asdict(self)
        rec["kind"] = self.kind.value
        return rec


# --- issue 18: years as a series -----------------------------------------------------------------


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@attrs.frozen(kw_only=True)
class TrendPolicy:
    """How a series of years is read (a policy: data, not code).

    ``min_points``: a rank change is *not significant* when the total moved less than this
    many points (``trend.min_points``, default 1.0), or when the tied rank ranges of the two
    years overlap; ``movers``: how many indicators that moved a total most are listed.

    >>> TrendPolicy().min_points, TrendPolicy(min_points="0.5").min_points
    (Decimal('1.0'), Decimal('0.5'))
    """

    min_points: Decimal = attrs.field(default=Decimal("1.0"), converter=_decimal)
    movers: int = 3

    @classmethod
    def from_document(cls, data: Mapping[str, Any]) -> TrendPolicy:
        """The policy of a document's ``[trend]`` table (or of the document itself).

        >>> TrendPolicy.from_document({"trend": {"min_points": 2}}).min_points
        Decimal('2')
        """
        body = data.get("trend", data)
        return cls(**{k: body[k] for k in ("min_points", "movers") if k in body})


@attrs.frozen(kw_only=True)
class YearPoint:
    """A unit in one year: its total, rank (``rank`` … ``rank_low`` when tied), grade.
    ``None`` everywhere when the unit was not assessed that year.

    >>> YearPoint(year=2025, total=None, rank=None).assessed
    False
    """

    year: int
    total: Decimal | None
    rank: int | None
    rank_low: int | None = None
    grade: str | None = None
    vetoed: bool = False

    @property
    def assessed(self) -> bool:
        """Whether the unit was assessed and ranked that year."""
        return self.rank is not None


@attrs.frozen(kw_only=True)
class Mover:
    """One indicator's points in two consecutive years and the change.

    >>> Mover(code="A1", name="建点率", points=Decimal(8), previous=Decimal(5)).delta
    Decimal('3')
    """

    code: str
    name: str
    points: Decimal | None
    previous: Decimal | None

    @property
    def delta(self) -> Decimal:
        """``points − previous``, a missing side counting 0."""
        return (self.points or Decimal(0)) - (self.previous or Decimal(0))


@attrs.frozen(kw_only=True)
class TrendStep:
    """A unit from one year to the next: the change of its total and rank, whether the rank
    change is significant ([`TrendPolicy`][pmedu.results.TrendPolicy]), and the indicators that
    moved its total most.

    >>> TrendStep(year=2025, previous_year=2024, total_delta=Decimal("0.5"), rank_delta=2,
    ...           significant=False).rank_delta
    2
    """

    year: int
    previous_year: int
    total_delta: Decimal | None
    rank_delta: int | None
    significant: bool
    movers: tuple[Mover, ...] = ()


@attrs.frozen(kw_only=True)
class UnitSeries:
    """One unit's years: a [`YearPoint`][pmedu.results.YearPoint] per year, a
    [`TrendStep`][pmedu.results.TrendStep] per pair of consecutive years, and the former ids its
    history was carried from (lineage: renames and merges).

    >>> s = UnitSeries(unit_id="T1", unit_name="东镇", points=(
    ...     YearPoint(year=2024, total=Decimal(80), rank=2),
    ...     YearPoint(year=2025, total=Decimal(90), rank=1)))
    >>> s.point(2025).rank, s.totals()
    (1, [Decimal('80'), Decimal('90')])
    """

    unit_id: str
    unit_name: str
    points: tuple[YearPoint, ...]
    steps: tuple[TrendStep, ...] = ()
    former_ids: tuple[str, ...] = ()

    def point(self, year: int) -> YearPoint:
        """The unit's point in ``year`` (``KeyError`` if the series has no such year)."""
        for p in self.points:
            if p.year == year:
                return p
        raise KeyError(year)

    def totals(self) -> list[Decimal | None]:
        """The totals, year by year (``None`` where not assessed)."""
        return [p.total for p in self.points]


@attrs.frozen(kw_only=True)
class YearSeries:
    """Several years of one county's assessment, already computed
    ([`pmedu.pipeline.compute_trend`][pmedu.pipeline.compute_trend]; it generalises
    [`YearComparison`][pmedu.results.YearComparison] from two years to any number): the years,
    one [`UnitSeries`][pmedu.results.UnitSeries] per unit assessed in any year, the policy used
    and the warnings (facts of units no longer in the tree …).

    >>> ys = YearSeries(years=(2024, 2025), units=(), policy=TrendPolicy())
    >>> ys.to_records(), ys.years
    ([], (2024, 2025))
    """

    years: tuple[int, ...]
    units: tuple[UnitSeries, ...]
    policy: TrendPolicy = attrs.field(factory=TrendPolicy)
    warnings: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def unit(self, unit_id: str) -> UnitSeries:
        """The series of ``unit_id`` (``KeyError`` if it was never assessed)."""
        for u in self.units:
            if u.unit_id == unit_id:
                return u
        raise KeyError(unit_id)

    def comparison(self, year: int) -> YearComparison:
        """The two-year view of ``year`` and the year before it in the series, as
        [`pmedu.pipeline.compare_years`][pmedu.pipeline.compare_years] gives it for the ranked
        units (no headline figures: a series holds only the assessment).

        >>> ys = YearSeries(years=(2024, 2025), policy=TrendPolicy(), units=(UnitSeries(
        ...     unit_id="T1", unit_name="东镇", points=(
        ...         YearPoint(year=2024, total=Decimal(80), rank=2),
        ...         YearPoint(year=2025, total=Decimal(90), rank=1))),))
        >>> c = ys.comparison(2025)
        >>> c.previous_year, c.units[0].rank_delta, c.units[0].total_delta
        (2024, 1, Decimal('10'))
        """
        k = self.years.index(year)
        if k == 0:
            raise ValueError(f"{year} is the first year of the series: nothing to compare with")
        before = self.years[k - 1]
        units = tuple(
            UnitChange(
                unit_id=u.unit_id,
                unit_name=u.unit_name,
                current_total=u.points[k].total,
                previous_total=u.points[k - 1].total,
                current_rank=u.points[k].rank,
                previous_rank=u.points[k - 1].rank,
            )
            for u in self.units
            if u.points[k].assessed or u.points[k - 1].assessed
        )
        return YearComparison(year=year, previous_year=before, units=units)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per unit and year: total, rank, grade, and the change since the year
        before (``significant``, the top mover's code)."""
        out: list[dict[str, Any]] = []
        for u in self.units:
            steps = {s.year: s for s in u.steps}
            for p in u.points:
                step = steps.get(p.year)
                out.append(
                    {
                        "unit_id": u.unit_id,
                        "unit_name": u.unit_name,
                        "year": p.year,
                        "total": p.total,
                        "rank": p.rank,
                        "rank_low": p.rank_low,
                        "grade": p.grade,
                        "total_delta": step.total_delta if step else None,
                        "rank_delta": step.rank_delta if step else None,
                        "significant": step.significant if step else None,
                        "top_mover": step.movers[0].code if step and step.movers else None,
                    }
                )
        return out


# --- issues 13 and 17 in the report: members, plans and teaching steps, activities and money ---


def _share(num: int, den: int) -> float | None:
    return num / den if den else None


@attrs.frozen(kw_only=True)
class ArchiveLine:
    """One township's (or, at the root, the whole tree's) members on the roster, those below
    the yearly 学时 and e-education's share of their study minutes (learning archive 学习档案,
    seed [003][seed-003]; aggregate: no member is named).

    >>> ArchiveLine(unit_id="T", name="东镇", members=4, below=1, e_share=0.25).met_rate
    0.75
    """

    unit_id: str
    name: str
    members: int
    below: int
    e_share: float | None = None

    @property
    def met_rate(self) -> float | None:
        """Members reaching the requirement / members (``None`` without members)."""
        return _share(self.members - self.below, self.members)


@attrs.frozen(kw_only=True)
class SkillTeams:
    """The volunteer teams of one skill over all communities: teams formed, their members,
    and the groups too small to be a team (aggregate counts).

    >>> SkillTeams(skill="法律咨询", teams=2, members=9, too_small=1).members
    9
    """

    skill: str
    teams: int
    members: int
    too_small: int


@attrs.frozen(kw_only=True)
class MemberSummary:
    """The members and the learning archive of a year, aggregate
    ([`pmedu.pipeline.member_summary`][pmedu.pipeline.member_summary]): per township the
    archive line, the tree's line (``total``), the branches with members below the requirement,
    the reconciliation of the units' counts with the roster (``differences``) and the volunteer
    teams by skill.

    >>> MemberSummary(year=2025).roster
    0
    """

    year: int
    required_hours: Any = 32
    minutes_per_hour: int = 45
    lines: tuple[ArchiveLine, ...] = ()
    total: ArchiveLine | None = None
    branches_below: int = 0
    units: int = 0
    roster: int = 0
    differences: int = 0
    communities: int = 0
    communities_with_team: int = 0
    min_team_size: int = 3
    skills: tuple[SkillTeams, ...] = ()

    @property
    def teams(self) -> int:
        """Volunteer teams formed, all skills."""
        return sum(s.teams for s in self.skills)


@attrs.frozen(kw_only=True)
class TeachingLine:
    """One township's (or the tree's) monthly plan held, five teaching steps and registers
    三簿一册 of the year: plan entries, those with a station and those held; sessions, those
    with all five steps and the step most often missing (its label, ``None``: none missing);
    discussion and feedback entries (those closed) and members signed in.

    >>> line = TeachingLine(unit_id="T", name="东镇", entries=4, with_station=4, held=1,
    ...                     sessions=10, complete=6)
    >>> line.held_rate, line.complete_rate
    (0.25, 0.6)
    """

    unit_id: str
    name: str
    entries: int = 0
    with_station: int = 0
    held: int = 0
    sessions: int = 0
    complete: int = 0
    most_missing: str | None = None
    discussions: int = 0
    feedback: int = 0
    feedback_closed: int = 0
    signed_in: int = 0

    @property
    def held_rate(self) -> float | None:
        """Plan entries held / plan entries with a station (播放计划落实率)."""
        return _share(self.held, self.with_station)

    @property
    def complete_rate(self) -> float | None:
        """Sessions with all five steps / sessions (五步齐全率)."""
        return _share(self.complete, self.sessions)


@attrs.frozen(kw_only=True)
class TeachingSummary:
    """The monthly plan against sessions, the teaching steps and the registers per township
    ([`pmedu.pipeline.teaching_summary`][pmedu.pipeline.teaching_summary]); ``total`` sums the
    townships.

    >>> TeachingSummary(year=2025).lines
    ()
    """

    year: int
    lines: tuple[TeachingLine, ...] = ()
    total: TeachingLine | None = None


@attrs.frozen(kw_only=True)
class ActivityLine:
    """One township's (or the county's own) theme activities, TV column, liaison meetings,
    money, trained broadcasters and demonstration bases, the values of the measures of
    [`pmedu.facts`][pmedu.facts] (``None``: not applicable) and the bases built against the
    decomposed target.

    >>> ActivityLine(unit_id="T", name="东镇", bases_built=3, bases_target=4).bases_target
    4
    """

    unit_id: str
    name: str
    theme_activities: Any = None
    participants: Any = None
    tv_column: Any = None
    liaison_quarters: Any = None
    budget_share: Any = None
    earmarked_rate: Any = None
    misuse_findings: Any = None
    trained_rate: Any = None
    bases_built: int = 0
    bases_target: int | None = None
    bases_rate: Any = None


@attrs.frozen(kw_only=True)
class ActivitySummary:
    """Theme activities, the TV column, liaison meetings, money and people per township
    ([`pmedu.pipeline.activity_summary`][pmedu.pipeline.activity_summary]); ``total`` is the
    root's line.

    >>> ActivitySummary(year=2025).total is None
    True
    """

    year: int
    lines: tuple[ActivityLine, ...] = ()
    total: ActivityLine | None = None
