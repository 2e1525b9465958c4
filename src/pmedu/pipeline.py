"""One year computed (年度计算): from the tree and the year's inputs to a
[`YearResults`][pmedu.results.YearResults].

[`compute_year`][pmedu.pipeline.compute_year] computes what the inputs allow — the film supply plan
(always), the station gap list (when stations are known) and the assessment (when facts are given or
measured from records) — and returns them as data for the report, the workbook and the command line,
which render and never compute.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
>>> r = compute_year(t, holdings={"T": 1})
>>> r.plan.total.held, r.gap_list, r.assessment
(1, None, None)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pmedu.errors import DataError, Problem, RubricError
from pmedu.facts import MEASURES, Facts, MeasurePolicy, held_sets, magazine_units
from pmedu.facts import compute_facts as measure_facts
from pmedu.facts.measures import demo_base_targets, most_missing_step
from pmedu.labels import Hierarchy, UnitKind, parse_kinds
from pmedu.members import MemberPolicy, reconcile, volunteer_teams
from pmedu.model.lineage import Lineage
from pmedu.model.session import TeachingStep
from pmedu.network import OrgTree
from pmedu.network.decompose import decompose_target
from pmedu.planning import plan_held
from pmedu.results import (
    COVERAGE_SETS,
    ActivityLine,
    ActivitySummary,
    ArchiveLine,
    Difference,
    FigureChange,
    Gap,
    KindCount,
    MemberSummary,
    Mover,
    Progress,
    SkillTeams,
    StationFigures,
    TeachingLine,
    TeachingSummary,
    TreeFigures,
    TrendPolicy,
    TrendStep,
    UnitChange,
    UnitSeries,
    YearComparison,
    YearPoint,
    YearResults,
    YearSeries,
)
from pmedu.scoring import Rubric, assess, preset_rubric, rubric_presets
from pmedu.stations import (
    DEFAULT_KINDS,
    Standard,
    check,
    compliance,
    equipped,
    gaps,
    station_coverage,
)
from pmedu.supply import SupplyPolicy, plan_supply
from pmedu.viewing import attendance_by_unit
from pmedu.viewing.archive import ArchivePolicy, build_archive, shortfall, township_positions
from pmedu.viewing.register import steps_rows

__all__ = [
    "ACTIVITY_MEASURES",
    "ASSESS_KINDS",
    "GAP_STANDARDS",
    "SECTION_KINDS",
    "activity_summary",
    "affiliation_differences",
    "compare_years",
    "compute_parts",
    "compute_trend",
    "compute_year",
    "equipped_units",
    "follow_lineage",
    "held_sets",
    "holdings_warnings",
    "member_summary",
    "pool_shares",
    "records_warnings",
    "resolve_rubric",
    "station_figures",
    "station_gaps",
    "teaching_summary",
    "tree_figures",
    "units_with_station",
]

#: the standards the gap list checks by default ([seed 002][seed-002]): 两机一室 and 六有
GAP_STANDARDS: tuple[str, ...] = ("two_machines_one_room", "six_haves")

#: the kinds of unit assessed by default when facts cover more (townships are checked and
#: ranked yearly, [seed 003][seed-003])
ASSESS_KINDS: tuple[UnitKind, ...] = (UnitKind.TOWNSHIP, UnitKind.STREET)


def _quiet(_message: str) -> None:
    return None


def station_gaps(
    tree: OrgTree, stations: Iterable[Any], *, standards: Iterable[Any] = GAP_STANDARDS
) -> list[Gap]:
    """``(station, standard, missing items)`` for every station that falls short of a
    standard meant for its unit's kind (a standard with no ``applies_to`` applies to all).

    ``standards`` are [`pmedu.stations.Standard`][pmedu.stations.standards.Standard] objects or
    preset names. Stations come in their given order; for each, the standards in the given order.

    >>> from pmedu.model import Unit
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> [(s.id, std.label, [i.label for i in m])
    ...  for s, std, m in station_gaps(t, [Station(id="S1", unit_id="V", features=["电视机"])],
    ...                                standards=["两机一室"])]
    [('S1', '两机一室', ['VCD/DVD机', '播放室'])]
    """
    stds = [s if isinstance(s, Standard) else Standard.preset(name=str(s)) for s in standards]
    out: list[Gap] = []
    for station in stations:
        kind = tree.unit(station.unit_id).kind
        for std in stds:
            if std.applies_to and kind not in std.applies_to:
                continue
            missing = check(station, std)
            if missing:
                out.append((station, std, missing))
    return out


def tree_figures(
    tree: OrgTree,
    *,
    with_station: Collection[str] | None = None,
    coverage_sets: Iterable[Any] = COVERAGE_SETS,
) -> TreeFigures:
    """Units and members by kind and the station coverage of each of ``coverage_sets`` (a
    kind or several kinds each), for every unit: the figures the tree summary and the
    coverage tables show.

    A unit has a station when its id is in ``with_station`` (``station_source`` is then
    ``"records"``), or, when ``with_station`` is ``None``, when its ``has_station`` flag is
    set (``"units"``).

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
    >>> tree_figures(t).coverage_of("村")["T"].rate
    1.0
    >>> f = tree_figures(t, with_station=set())
    >>> f.station_source, f.coverage_of("村")["T"].rate, f.kinds[-1].with_station
    ('records', 0.0, 0)
    """
    # on the tree's columns and per-kind index: no Unit is made
    has: str | Any
    counts = tree.count_by_kind()
    members = tree.sum_by_kind("members")
    if with_station is None:
        source, has = "units", "has_station"
        equipped = tree.sum_by_kind("has_station")
    else:
        source = "records"
        ids = frozenset(with_station)
        id_col = tree.column("id")

        def has(u: Any) -> bool:
            return u.id in ids

        equipped = {
            k: sum(map(ids.__contains__, map(id_col.__getitem__, tree.kind_positions(k))))
            for k in counts
        }
    kinds = tuple(
        KindCount(kind=k, units=counts[k], members=members[k], with_station=int(equipped[k]))
        for k in UnitKind
        if k in counts
    )
    coverage = {}
    for spec in coverage_sets:
        key = parse_kinds(spec)
        coverage[key] = tree.coverage(key, has=has)
    return TreeFigures(
        kinds=kinds,
        members=sum(k.members for k in kinds),
        coverage=coverage,
        station_source=source,
    )


def station_figures(
    tree: OrgTree,
    records: Any,
    year: int | None,
    *,
    standards: Iterable[Any] = GAP_STANDARDS,
    figures: TreeFigures | None = None,
) -> StationFigures:
    """The stations' figures of ``records`` for ``year``: stations short of each standard,
    the root's attendance, the plans held rate of the whole tree, every unit's compliance
    with each standard and its coverage by the station records (read from ``figures``
    when they were computed from the same records).

    >>> from pmedu.model import Unit
    >>> from pmedu.records import Records
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> f = station_figures(t, Records(stations=[Station(id="S", unit_id="V")]), 2025)
    >>> f.stations, f.short_of, f.coverage["T"].rate
    (1, {'two_machines_one_room': 1, 'six_haves': 1}, 1.0)
    """
    stds = tuple(s if isinstance(s, Standard) else Standard.preset(name=str(s)) for s in standards)
    yr = year if year is not None else records.year
    root = tree.root.id
    stations = list(records.stations)
    plans = MEASURES["plans_held_rate"](tree, records, root, yr) if yr is not None else None
    return StationFigures(
        stations=len(stations),
        sessions=len(records.sessions),
        standards=stds,
        short_of={s.name: len(gaps(stations, s)) for s in stds},
        attendance=attendance_by_unit(tree, stations, records.sessions, year=yr)[root],
        plans_held_rate=plans,
        compliance={s.name: compliance(tree, stations, s) for s in stds},
        coverage=_records_coverage(tree, stations, figures),
    )


def _records_coverage(tree: OrgTree, stations: list[Any], figures: TreeFigures | None) -> Any:
    if figures is not None and figures.station_source == "records":
        key = parse_kinds(DEFAULT_KINDS)
        if key in figures.coverage:
            return figures.coverage[key]
    return station_coverage(tree, stations, kind=DEFAULT_KINDS)


def pool_shares(
    tree: OrgTree, plan: Any, holdings: Mapping[str, int]
) -> tuple[tuple[str, int], ...]:
    """The county pool (the sets the root holds) split over the townships' and streets'
    shortfalls by largest remainder: ``(name, share)`` for every unit that gets some;
    empty without a pool or a shortfall.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县"),
    ...     Unit(id="T", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> pool_shares(t, plan_supply(t), {"C": 2})
    (('东镇', 2),)
    """
    pool = holdings.get(tree.root.id, 0)
    short = {x.unit_id: x.shortfall for x in plan.level("township")}
    if not pool or not any(short.values()):
        return ()
    split = decompose_target(
        tree, at=tree.root.id, total=pool, levels=[["乡镇", "街道"]], weight=short
    )
    return tuple((r["name"], r["share"]) for r in split.to_records() if r["share"])


def resolve_rubric(rubric: Any) -> Rubric:
    """The rubric to score with: the shipped default for ``None``, a
    [`Rubric`][pmedu.scoring.schema.Rubric] as given, or a preset name (files are read by
    [`pmedu.io.rubrics.load_rubric`][pmedu.io.rubrics.load_rubric]).

    >>> resolve_rubric(None) == preset_rubric()
    True
    """
    if rubric is None:
        return preset_rubric()
    if isinstance(rubric, Rubric):
        return rubric
    if isinstance(rubric, str) and rubric in rubric_presets():
        return preset_rubric(name=rubric)
    raise RubricError(
        [
            Problem(
                f"unknown rubric {rubric!r}: give a Rubric (read a file with "
                f"pmedu.io.rubrics.load_rubric) or a shipped preset: {', '.join(rubric_presets())}"
            )
        ]
    )


def _measure(
    tree: OrgTree,
    records: Any,
    year: int | None,
    policy: SupplyPolicy,
    holdings: Any,
    schedule: Any = None,
) -> Any:
    yr = year if year is not None else records.year
    if yr is None:
        raise DataError([Problem("the year to measure is not known: give year= (--year)")])
    # the records were checked once by compute_year
    measures = _measure_policy(policy, holdings, schedule)
    return measure_facts(tree, records, yr, policy=measures, check=False)


def _measure_policy(policy: SupplyPolicy, holdings: Any, schedule: Any) -> MeasurePolicy:
    # the supply section's policy and holdings are the ones film_supply_rate measures against
    measures = MeasurePolicy(supply=policy, holdings=holdings)
    if schedule is not None:
        measures = attrs.evolve(measures, schedule=schedule)
    return measures


def records_warnings(tree: OrgTree, records: Any, year: int | None) -> tuple[Problem, ...]:
    """The records checked once against ``tree`` and ``year``: the errors raise one
    [`RecordError`][pmedu.errors.RecordError]; the warnings are returned. When the unit table
    carries station flags (any unit's ``has_station`` is set), each unit whose flag disagrees
    with the station records is a warning too (the records decide, the flag is the fallback).

    >>> from pmedu.model import Unit
    >>> from pmedu.records import Records
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇", has_station=True),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> for p in records_warnings(t, Records(stations=[Station(id="S", unit_id="V")]), 2025):
    ...     print(p.what)
    unit 'V' has a station record ('S') but has_station is False in the unit table
    unit 'T' has has_station True in the unit table but no station record
    """
    flags = {u.id: bool(u.has_station) for u in tree}
    report = records.check(tree=tree, year=year, flags=flags if any(flags.values()) else None)
    report.raise_errors()
    return tuple(report.warnings)


def holdings_warnings(
    holdings: Mapping[str, int], records_held: Mapping[str, int] | None
) -> tuple[Problem, ...]:
    """A warning for every unit whose film sets in the given ``holdings`` differ from the
    records' film sets ([`held_sets`][pmedu.pipeline.held_sets]); none when the records hold
    no film set. The given holdings are the ones used (the plan and ``film_supply_rate``).

    >>> for p in holdings_warnings({"T": 2, "U": 1}, {"T": 1, "U": 1, "W": 1}): print(p)
    unit T: holdings: the holdings give 2 film sets, the records' film sets 1
    unit W: holdings: the holdings give 0 film sets, the records' film sets 1
    """
    if records_held is None:
        return ()
    out = []
    for uid in dict.fromkeys([*holdings, *records_held]):
        given, recorded = holdings.get(uid, 0), records_held.get(uid, 0)
        if given != recorded:
            what = f"the holdings give {given} film sets, the records' film sets {recorded}"
            out.append(Problem(what, unit=uid, field="holdings"))
    return tuple(out)


def units_with_station(stations: Iterable[Any] | None) -> frozenset[str] | None:
    """The units a station record names — the one source of "has a station" when there is
    any station record; ``None`` (fall back to the units' ``has_station`` flags) when
    there is none.

    >>> from pmedu.stations import Station
    >>> sorted(units_with_station([Station(id="S1", unit_id="V"), Station(id="S2", unit_id="V")]))
    ['V']
    >>> units_with_station([]) is None
    True
    """
    ids = frozenset(s.unit_id for s in stations or ())
    return ids or None


def equipped_units(
    stations: Iterable[Any] | None, *, standard: Any = "two_machines_one_room"
) -> frozenset[str] | None:
    """The units whose station meets ``standard`` (两机一室: a television, a player and a room — the
    organisations magazine copies go to, [seed 002][seed-002]); ``None`` without stations.

    >>> from pmedu.stations import Station
    >>> full = ["电视机", "VCD机", "播放室"]
    >>> sorted(equipped_units([Station(id="S1", unit_id="V", features=full),
    ...                        Station(id="S2", unit_id="W", features=["电视机"])]))
    ['V']
    """
    if stations is None:
        return None
    return equipped(stations, standard=standard)


def _assess(tree: OrgTree, facts: Any, rubric: Any, kinds: Any, year: int | None) -> Any:
    wanted = parse_kinds(kinds)
    present = set(facts.units())
    chosen = [u.id for u in tree if u.id in present and u.kind in wanted]
    if chosen:
        return assess(tree, facts, resolve_rubric(rubric), units=chosen, year=year)
    return assess(tree, facts, resolve_rubric(rubric), year=year)


def compute_year(
    tree: OrgTree,
    *,
    stations: Iterable[Any] | None = None,
    records: Any = None,
    facts: Any = None,
    rubric: Any = None,
    holdings: Mapping[str, int] | None = None,
    policy: Any = None,
    standards: Iterable[Any] = GAP_STANDARDS,
    assess_kinds: Any = ASSESS_KINDS,
    coverage_sets: Iterable[Any] = COVERAGE_SETS,
    year: int | None = None,
    progress: Progress | None = None,
    schedule: Any = None,
) -> YearResults:
    """Compute the year's objects from what is given (``schedule``: the
    [`SchedulePolicy`][pmedu.model.calendar.SchedulePolicy] whose calendar the deadlines of the
    measured facts follow; the default policy, on the official calendar, when ``None``):

    - ``plan``: ``pmedu.supply.plan_supply(tree, policy=policy, holdings=holdings, equipped=...)``
      — always; without ``holdings``, the records' film sets are the sets held
      ([`held_sets`][pmedu.pipeline.held_sets]), the same sets ``film_supply_rate`` counts, and a
      given ``holdings`` is what ``film_supply_rate`` measures too; the magazine copies go to the
      grassroots organisations whose station record has 两机一室
      ([`magazine_units`][pmedu.facts.measures.magazine_units], the policy's ``magazine_kinds``)
      when any station is known, else to the units flagged ``has_station``;
    - ``gap_list``: the ``stations`` (or the records' stations) checked against
      ``standards`` (两机一室 and 六有 by default) — ``None`` when no station is known;
    - ``assessment``: ``pmedu.scoring.assess`` of the ``facts`` (or the facts measured from
      ``records`` for ``year``) with ``rubric`` (a rubric, a preset name or a file; the
      shipped default when ``None``) — ``None`` without facts or records. Facts
      measured here use ``policy`` for ``film_supply_rate``, as the plan does. The units
      assessed are those of ``assess_kinds`` (townships and streets) that have facts, or
      every unit with facts when none of them is of those kinds;
    - ``figures``: the tree summary and the coverage of each of ``coverage_sets``
      ([`tree_figures`][pmedu.pipeline.tree_figures]) — a unit has a station iff a station record
      names it, when there is any station record; else its ``has_station`` flag;
    - ``equipped``: the units whose station has 两机一室
      ([`equipped_units`][pmedu.pipeline.equipped_units]), for the magazine copies;
    - ``stations``: the stations' figures of the ``records``
      ([`station_figures`][pmedu.pipeline.station_figures]);
    - ``pool_shares``: the root's held sets split over the townships' shortfalls
      ([`pool_shares`][pmedu.pipeline.pool_shares]);
    - ``warnings``: the records check's warnings, each unit whose ``has_station`` flag disagrees
      with the station records ([`records_warnings`][pmedu.pipeline.records_warnings]) and each
      unit whose given holdings differ from the records' film sets
      ([`holdings_warnings`][pmedu.pipeline.holdings_warnings]). Errors in the records raise one
      [`RecordError`][pmedu.errors.RecordError].

    Each is computed once; the report, the workbook and the command line only read them.
    Nothing given is changed.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = compute_year(t, year=2025)
    >>> r.plan.total.target_sets, r.gap_list, r.assessment, r.year
    (1, None, None, 2025)
    """
    say = progress or _quiet
    pol = SupplyPolicy.resolve(policy)
    warnings: tuple[Problem, ...] = ()
    records_held = None
    measured = False
    if records is not None:
        yr = year if year is not None else records.year
        warnings = records_warnings(tree, records, yr)
        records_held = held_sets(records, yr)
        if stations is None:
            stations = getattr(records, "stations", None)
        if facts is None:
            say("facts")
            facts = _measure(tree, records, year, pol, holdings, schedule)
            measured = True
    if holdings is not None:
        warnings += holdings_warnings(holdings, records_held)
    else:
        # no holdings given: the records' film sets, as film_supply_rate counts them
        holdings = records_held
    stations = None if stations is None else list(stations)
    gap_list = None
    if stations is not None:
        say("gaps")
        gap_list = station_gaps(tree, stations, standards=standards)
    say("coverage")
    figures = tree_figures(
        tree, with_station=units_with_station(stations), coverage_sets=coverage_sets
    )
    station_figs = None
    if records is not None:
        station_figs = station_figures(tree, records, year, standards=standards, figures=figures)
    say("supply")
    held = dict(holdings or {})
    plan = plan_supply(
        tree, policy=pol, holdings=holdings, equipped=_magazine_orgs(tree, stations, pol)
    )
    assessment = None
    if facts is not None:
        say("assessment")
        assessment = _assess(tree, facts, rubric, assess_kinds, year)
    return YearResults(
        tree=tree,
        plan=plan,
        gap_list=gap_list,
        assessment=assessment,
        facts=facts,
        year=year,
        figures=figures,
        stations=station_figs,
        holdings=held,
        pool_shares=pool_shares(tree, plan, held),
        score_rollup=tuple(assessment.rollup()) if assessment is not None else (),
        equipped=equipped_units(stations),
        warnings=warnings,
        differences=affiliation_differences(tree),
        **_record_sections(
            tree,
            records,
            year,
            facts=facts if measured else None,
            policy=_measure_policy(pol, holdings, schedule),
            say=say,
        ),
    )


def _record_sections(
    tree: OrgTree, records: Any, year: int | None, *, facts: Any, policy: MeasurePolicy, say: Any
) -> dict[str, Any]:
    """The members, teaching and activities summaries of the records (none without records
    or a year)."""
    yr = year if year is not None or records is None else records.year
    if records is None or yr is None:
        return {}
    say("members, plans and activities")
    return {
        "membership": member_summary(tree, records, yr, archive_policy=policy.archive),
        "teaching": teaching_summary(tree, records, yr),
        "activities": activity_summary(tree, records, yr, facts=facts, policy=policy),
    }


def _magazine_orgs(
    tree: OrgTree, stations: list[Any] | None, policy: SupplyPolicy
) -> frozenset[str] | None:
    """The organisations the magazine copies go to, from the station records when there is
    any (else ``None``: the units' ``has_station`` flags stand in)."""
    if not stations:
        return None
    return magazine_units(tree, stations, kinds=policy.magazine_kinds)


def compute_parts(tree: OrgTree, **inputs: Any) -> dict[str, Any]:
    """[`compute_year`][pmedu.pipeline.compute_year]'s objects (it takes the same keyword
    ``inputs``) as keyword arguments — ``plan``, ``gap_list``, ``assessment`` — for
    [`pmedu.report.assemble_report`][pmedu.report.build.assemble_report] (the 0.1 shape).

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> parts = compute_parts(t)
    >>> parts["plan"].total.target_sets, parts["gap_list"], parts["assessment"]
    (1, None, None)
    """
    return compute_year(tree, **inputs).parts()


#: the kinds whose coverage the year comparison reads (villages and communities together)
COMPARE_COVERAGE: frozenset[UnitKind] = frozenset({UnitKind.VILLAGE, UnitKind.COMMUNITY})


def _headline(
    results: YearResults, kinds: frozenset[UnitKind]
) -> dict[str, tuple[str, int | float | None]]:
    """The headline figures of one year: key → (kind, value)."""
    tree = results.tree
    figures = results.figures
    members = figures.members if figures is not None else tree.rollup("members")[tree.root.id]
    coverage = None
    if figures is not None and kinds in figures.coverage:
        coverage = figures.coverage[kinds][tree.root.id].rate
    plan = results.plan
    total = plan.total if plan is not None else None
    assessed = len(results.assessment) if results.assessment is not None else None
    return {
        "units": ("count", len(tree)),
        "members": ("count", members),
        "coverage": ("rate", coverage),
        "target_sets": ("count", total.target_sets if total is not None else None),
        "held_sets": ("count", total.held if total is not None else None),
        "shortfall": ("count", total.shortfall if total is not None else None),
        "assessed": ("count", assessed),
    }


def _ranks(results: YearResults) -> dict[str, tuple[str, Any, int]]:
    if results.assessment is None:
        return {}
    return {e.unit_id: (e.unit_name, e.total, e.rank) for e in results.assessment.ranking()}


def compare_years(
    current: YearResults, previous: YearResults, *, coverage_kinds: Any = COMPARE_COVERAGE
) -> YearComparison:
    """What changed between ``previous`` and ``current`` (two years' results of the same
    county): each headline figure of both years, and every unit ranked in either year with its
    total and rank in each (``None`` where it was not ranked). ``coverage_kinds`` are the kinds
    whose station coverage is compared (villages and communities; a set computed by
    ``compute_year``'s ``coverage_sets``). The report shows it; nothing is recomputed there.

    >>> from pmedu.model import Unit
    >>> old = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇", members=10),
    ...                           Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> new = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇", members=12),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
    >>> c = compare_years(compute_year(new, year=2025), compute_year(old, year=2024))
    >>> c.year, c.previous_year, c.figure("members").delta, c.figure("coverage").delta
    (2025, 2024, 2, 1.0)
    """
    kinds = parse_kinds(coverage_kinds)
    now, before = _headline(current, kinds), _headline(previous, kinds)
    figures = tuple(
        FigureChange(key=key, kind=kind, current=value, previous=before[key][1])
        for key, (kind, value) in now.items()
    )
    ranks_now, ranks_before = _ranks(current), _ranks(previous)
    units = []
    for uid in [*ranks_now, *(u for u in ranks_before if u not in ranks_now)]:
        cur, old = ranks_now.get(uid), ranks_before.get(uid)
        name = cur[0] if cur is not None else old[0] if old is not None else uid
        units.append(
            UnitChange(
                unit_id=uid,
                unit_name=name,
                current_total=cur[1] if cur is not None else None,
                previous_total=old[1] if old is not None else None,
                current_rank=cur[2] if cur is not None else None,
                previous_rank=old[2] if old is not None else None,
            )
        )
    return YearComparison(
        year=current.year, previous_year=previous.year, figures=figures, units=tuple(units)
    )


# --- issue 18: where the two hierarchies differ --------------------------------------------------


def affiliation_differences(tree: OrgTree) -> tuple[Difference, ...]:
    """Every unit whose party-affiliation parent is not its administrative parent (the working
    committees that exist only in the affiliation tree included), with its own members, the
    members and stations of its subtree along affiliation, in the affiliation tree's order
    ([affiliation][concept-affiliation]). Empty for a tree without affiliation.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="GW", name="县直机关工委", kind="工委", affiliation_id="C"),
    ...     Unit(id="A", name="县财政局", kind="机关", parent_id="C", members=7,
    ...          affiliation_id="GW", has_station=True)])
    >>> [(d.unit_id, d.parent_name, d.affiliation_name, d.affiliated_members, d.stations)
    ...  for d in affiliation_differences(t)]
    [('GW', None, '某县', 7, 1), ('A', '某县', '县直机关工委', 7, 1)]
    """
    admin = tree.along(Hierarchy.ADMINISTRATIVE)
    aff = tree.along(Hierarchy.AFFILIATION)
    ids = admin.differences()
    if not ids:
        return ()
    members = aff.rollup("members")
    stations = aff.rollup(lambda u: 1 if u.has_station else 0)
    out = []
    for uid in ids:
        u = aff.unit(uid)
        pid = admin.unit(uid).parent_id if uid in admin else None
        out.append(
            Difference(
                unit_id=uid,
                name=u.name,
                kind=u.kind,
                parent_id=pid,
                parent_name=admin.unit(pid).name if pid is not None else None,
                affiliation_id=u.parent_id,
                affiliation_name=aff.unit(u.parent_id).name if u.parent_id else None,
                members=u.members,
                affiliated_members=members[uid],
                has_station=u.has_station,
                stations=stations[uid],
            )
        )
    return tuple(out)


# --- issue 18: years as a series -----------------------------------------------------------------


def _combine(measure: str, values: list[Decimal | None]) -> Decimal | None:
    """One value for the facts of merged units: counts add up, rates are the units' mean (the
    facts keep no denominators), days late the latest; not applicable where all are."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    kind = MEASURES[measure].kind if measure in MEASURES else "count"
    if kind == "rate":
        return sum(known, Decimal(0)) / len(known)
    if kind == "days":
        return max(known)
    return sum(known, Decimal(0))


def follow_lineage(facts: Facts, lineage: Lineage | None) -> tuple[Facts, tuple[Problem, ...]]:
    """The facts carried to the ids their units have now (``lineage``: renames and merges,
    followed through chains): a renamed unit's facts move to its new id; the facts of units
    merged into one (撤并) are combined — counts added up, rates averaged, days late the
    latest. A split unit's facts cannot be divided: they are left out, with a warning.

    >>> from pmedu.model.lineage import LineageEntry
    >>> lin = Lineage([LineageEntry("V1", "V9", "2026-01-01", "撤并"),
    ...                LineageEntry("V2", "V9", "2026-01-01", "撤并")])
    >>> f = Facts({("V1", "info_items"): Decimal(3), ("V2", "info_items"): Decimal(4)}, year=2025)
    >>> moved, warnings = follow_lineage(f, lin)
    >>> dict(moved.data), warnings
    ({('V9', 'info_items'): Decimal('7')}, ())
    """
    if lineage is None or not lineage.entries:
        return facts, ()
    groups: dict[tuple[str, str], list[Decimal | None]] = {}
    split: list[str] = []
    for (uid, measure), value in facts.data.items():
        now = lineage.current_id(uid)
        if now is None:
            if uid not in split:
                split.append(uid)
            continue
        groups.setdefault((now, measure), []).append(value)
    data = {key: _combine(key[1], vals) for key, vals in groups.items()}
    warnings = tuple(
        Problem(
            f"split (拆分) in the lineage: its {facts.year or ''} facts are left out".replace(
                "  ", " "
            ),
            unit=uid,
        )
        for uid in split
    )
    return Facts(data, year=facts.year, warnings=facts.warnings), warnings


def _points(assessment: Any, year: int) -> dict[str, tuple[YearPoint, dict[str, Any]]]:
    """Each ranked unit's point of the year and its indicator lines (code → line)."""
    entries = list(assessment.ranking())
    width: dict[int, int] = {}
    for e in entries:
        width[e.rank] = width.get(e.rank, 0) + 1
    out = {}
    for e in entries:
        card = assessment.scorecard(e.unit_id)
        lines = {ln.code: ln for ln in (*card.lines, *card.bonus_lines)}
        point = YearPoint(
            year=year,
            total=e.total,
            rank=e.rank,
            rank_low=e.rank + width[e.rank] - 1,
            grade=e.grade,
            vetoed=e.vetoed,
        )
        out[e.unit_id] = (point, lines)
    return out


def _step(
    now: tuple[YearPoint, dict[str, Any]] | None,
    before: tuple[YearPoint, dict[str, Any]] | None,
    year: int,
    previous_year: int,
    policy: TrendPolicy,
) -> TrendStep:
    """A unit from ``previous_year`` to ``year``: the changes, their significance, the movers."""
    if now is None or before is None:
        return TrendStep(
            year=year,
            previous_year=previous_year,
            total_delta=None,
            rank_delta=None,
            significant=False,
        )
    p, lines = now
    q, old = before
    total_delta = p.total - q.total if p.total is not None and q.total is not None else None
    rank_delta = q.rank - p.rank if p.rank is not None and q.rank is not None else None
    overlap = (
        p.rank is not None
        and q.rank is not None
        and p.rank <= (q.rank_low or q.rank)
        and q.rank <= (p.rank_low or p.rank)
    )
    significant = (
        bool(rank_delta)
        and total_delta is not None
        and abs(total_delta) >= policy.min_points
        and not overlap
    )
    movers = []
    for code in [*lines, *(c for c in old if c not in lines)]:
        a, b = lines.get(code), old.get(code)
        name = str((a if a is not None else old[code]).name)
        m = Mover(
            code=code,
            name=name,
            points=a.points if a is not None else None,
            previous=b.points if b is not None else None,
        )
        if m.delta:
            movers.append(m)
    movers.sort(key=lambda m: -abs(m.delta))
    return TrendStep(
        year=year,
        previous_year=previous_year,
        total_delta=total_delta,
        rank_delta=rank_delta,
        significant=significant,
        movers=tuple(movers[: policy.movers]),
    )


def _years_of(facts: Sequence[Facts]) -> list[int]:
    years = [f.year for f in facts]
    problems = [
        Problem(f"facts file {k + 1} names no year: give each year's facts its year")
        for k, y in enumerate(years)
        if y is None
    ]
    seen: set[int] = set()
    for y in years:
        if y is not None and y in seen:
            problems.append(Problem(f"two facts files for {y}: one per year"))
        if y is not None:
            seen.add(y)
    if problems:
        raise DataError(problems)
    return [y for y in years if y is not None]


def compute_trend(
    tree: OrgTree,
    facts: Iterable[Facts],
    *,
    rubric: Any = None,
    lineage: Lineage | None = None,
    assess_kinds: Any = ASSESS_KINDS,
    policy: TrendPolicy | None = None,
    progress: Progress | None = None,
) -> YearSeries:
    """Any number of years of the assessment as a series (it generalises
    [`compare_years`][pmedu.pipeline.compare_years]): each year's ``facts`` (each with its
    ``year``) carried along the ``lineage`` to the units of ``tree`` (the latest year's tree,
    [`follow_lineage`][pmedu.pipeline.follow_lineage]), assessed with ``rubric`` as
    [`compute_year`][pmedu.pipeline.compute_year] does (townships and streets), and for each
    unit its total, rank and grade per year, and from one year to the next the change, whether
    the rank change is significant, and the indicators that moved its total most
    ([`TrendPolicy`][pmedu.results.TrendPolicy]: not significant when the total moved less than
    ``min_points`` or the tied rank ranges overlap).

    Facts of a unit neither in the tree nor carried to it by the lineage are left out, with a
    warning. The report and ``pmedu trend`` render the result; nothing is recomputed there.

    >>> from pmedu.datasets import sample_county, sample_facts
    >>> f = sample_facts()
    >>> ys = compute_trend(sample_county(), [Facts(f.data, year=2024), f])
    >>> ys.years, len(ys.units), any(s.significant for u in ys.units for s in u.steps)
    ((2024, 2025), 20, False)
    """
    say = progress or _quiet
    pol = policy if policy is not None else TrendPolicy()
    given = sorted(facts, key=lambda f: f.year if f.year is not None else 0)
    years = _years_of(given)
    warnings: list[Problem] = []
    by_year: list[dict[str, tuple[YearPoint, dict[str, Any]]]] = []
    for f, year in zip(given, years, strict=True):
        say(f"assessing {year}")
        moved, warns = follow_lineage(f, lineage)
        warnings.extend(warns)
        outside = [u for u in moved.units() if u not in tree]
        if outside:
            warnings.extend(
                Problem(f"{year}: not in the tree (nor carried to it by the lineage)", unit=u)
                for u in outside
            )
            moved = Facts({k: v for k, v in moved.data.items() if k[0] in tree}, year=year)
        if not moved.units():
            by_year.append({})
            continue
        by_year.append(_points(_assess(tree, moved, rubric, assess_kinds, year), year))
    order: list[str] = []
    for points in reversed(by_year):
        order.extend(u for u in points if u not in order)
    units = []
    for uid in order:
        pts = tuple(
            pts[uid][0] if uid in pts else YearPoint(year=y, total=None, rank=None)
            for pts, y in zip(by_year, years, strict=True)
        )
        steps = tuple(
            _step(by_year[k].get(uid), by_year[k - 1].get(uid), years[k], years[k - 1], pol)
            for k in range(1, len(years))
        )
        name = tree.unit(uid).name
        former = lineage.former_ids(uid) if lineage is not None else ()
        units.append(
            UnitSeries(unit_id=uid, unit_name=name, points=pts, steps=steps, former_ids=former)
        )
    return YearSeries(years=tuple(years), units=tuple(units), policy=pol, warnings=warnings)


# --- issues 13 and 17 in the report: members, plans and teaching steps, activities and money ---

#: the kinds of unit the members, teaching and activities sections have one row for
SECTION_KINDS: tuple[UnitKind, ...] = (UnitKind.TOWNSHIP, UnitKind.STREET)

#: the measures the activities section reads (issue 17; [`pmedu.facts`][pmedu.facts]), by the
#: [`ActivityLine`][pmedu.results.ActivityLine] field they fill
ACTIVITY_MEASURES: dict[str, str] = {
    "theme_activities": "theme_activities",
    "participants": "theme_activity_participants",
    "tv_column": "tv_column_in_place",
    "liaison_quarters": "liaison_quarters_met",
    "budget_share": "funds_budget_share",
    "earmarked_rate": "funds_earmarked_rate",
    "misuse_findings": "funds_misuse_findings",
    "trained_rate": "trained_broadcaster_rate",
    "bases_rate": "demo_bases_rate",
}


def _towns(tree: OrgTree) -> list[Any]:
    return list(tree.units(kind=SECTION_KINDS))


def member_summary(
    tree: OrgTree,
    records: Any,
    year: int,
    *,
    archive_policy: ArchivePolicy | None = None,
    member_policy: MemberPolicy | None = None,
) -> MemberSummary | None:
    """The members and learning archive of ``year``, aggregate (no member named): per
    township the members on the roster, those below the yearly 学时 and e-education's share
    ([`build_archive`][pmedu.viewing.archive.build_archive],
    [`shortfall`][pmedu.viewing.archive.shortfall]), the reconciliation's differences
    ([`reconcile`][pmedu.members.reconcile.reconcile]) and the volunteer teams by skill
    ([`volunteer_teams`][pmedu.members.teams.volunteer_teams]) — the figures ``pmedu members``
    prints. ``None`` when the records have no member.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> s = member_summary(sample_county(), sample_records(), 2025)
    >>> s.total.members, s.differences, s.teams > 0
    (21361, 0, True)
    """
    roster = list(records.members)
    if not roster:
        return None
    archive = build_archive(
        records.sessions,
        records.films,
        study_records=records.study_records,
        members=roster,
        year=year,
        policy=archive_policy,
    )
    short = shortfall(tree, archive)
    rec = reconcile(tree, roster)
    teams = volunteer_teams(tree, roster, policy=member_policy)

    def line(x: Any) -> ArchiveLine:
        share = x.e_share
        name = tree.unit(x.unit_id).name if x.unit_id in tree else x.unit_id
        return ArchiveLine(
            unit_id=x.unit_id,
            name=name,
            members=x.members,
            below=x.below,
            e_share=None if share is None else float(share),
        )

    skills: dict[str, list[int]] = {}
    for t in teams.teams:
        c = skills.setdefault(t.skill, [0, 0, 0])
        c[0] += t.formed
        c[1] += t.size if t.formed else 0
        c[2] += not t.formed
    return MemberSummary(
        year=year,
        required_hours=archive.policy.required_hours,
        minutes_per_hour=archive.policy.minutes_per_hour,
        lines=tuple(line(x) for x in short.by_township),
        total=None if short.total is None else line(short.total),
        branches_below=len(short.by_branch),
        units=rec.units,
        roster=rec.members,
        differences=len(rec.differences),
        communities=teams.communities,
        communities_with_team=teams.communities_with_team(),
        min_team_size=teams.min_team_size,
        skills=tuple(
            SkillTeams(skill=k, teams=c[0], members=c[1], too_small=c[2])
            for k, c in sorted(skills.items(), key=lambda kv: (-kv[1][0], kv[0]))
        ),
    )


def _station_towns(tree: OrgTree, stations: Iterable[Any]) -> dict[str, str]:
    town = township_positions(tree)
    ids = tree.column("id")
    out = {}
    for s in stations:
        if s.unit_id in tree:
            k = town[tree.position(s.unit_id)]
            if k >= 0:
                out[s.id] = ids[k]
    return out


def teaching_summary(tree: OrgTree, records: Any, year: int) -> TeachingSummary | None:
    """The monthly plan against sessions held, the five teaching steps and the registers
    三簿一册 of ``year`` per township (the station's township), summed over the townships: the
    records' own plan entries held ([`plan_held`][pmedu.planning.held.plan_held], as ``pmedu
    plan`` counts them), the steps ([`steps_rows`][pmedu.viewing.register.steps_rows], as
    ``pmedu registers --register 步骤`` counts them), the discussion and feedback entries of the
    year's sessions and the members signed in. ``None`` without sessions or plan entries.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> s = teaching_summary(sample_county(), sample_records(), 2025)
    >>> s.total.entries, s.total.held, s.lines[0].unit_id
    (1140, 825, 'T01')
    """
    sessions = [s for s in records.sessions if s.date.year == year]
    entries = [e for e in records.plan_entries if e.year == year]
    if not sessions and not entries:
        return None
    town_of = _station_towns(tree, records.stations)
    steps = {r["key"]: r for r in steps_rows(sessions, by=town_of)}
    by_town: dict[str, list[Any]] = {}
    for e in entries:
        by_town.setdefault(e.township_id, []).append(e)
    session_town = {s.id: town_of.get(s.station_id) for s in sessions}
    talk = Counter(session_town.get(d.session_id) for d in records.discussions)
    said = Counter(session_town.get(f.session_id) for f in records.feedback_entries)
    closed = Counter(session_town.get(f.session_id) for f in records.feedback_entries if f.closed)
    signed: Counter[str | None] = Counter()
    for s in sessions:
        signed[town_of.get(s.station_id)] += s.n_signed_in
    lines = []
    missing = [0] * len(TeachingStep)
    for t in _towns(tree):
        held = plan_held(by_town.get(t.id, ()), records.sessions)
        st = steps.get(t.id, {})
        for k, step in enumerate(TeachingStep):
            missing[k] += st.get(f"missing_{step.value}", 0)
        lines.append(
            TeachingLine(
                unit_id=t.id,
                name=t.name,
                entries=len(by_town.get(t.id, ())),
                with_station=held.planned,
                held=held.held,
                sessions=st.get("sessions", 0),
                complete=st.get("complete", 0),
                most_missing=st.get("most_missing"),
                discussions=talk[t.id],
                feedback=said[t.id],
                feedback_closed=closed[t.id],
                signed_in=signed[t.id],
            )
        )
    top = most_missing_step(missing)
    root = tree.root
    total = TeachingLine(
        unit_id=root.id,
        name=root.name,
        most_missing=None if top is None else list(TeachingStep)[top - 1].label,
        **{
            f: sum(getattr(x, f) for x in lines)
            for f in (
                "entries",
                "with_station",
                "held",
                "sessions",
                "complete",
                "discussions",
                "feedback",
                "feedback_closed",
                "signed_in",
            )
        },
    )
    return TeachingSummary(year=year, lines=tuple(lines), total=total)


def _has_activities(records: Any) -> bool:
    kept = ("theme_activities", "tv_columns", "liaison_meetings", "ledger", "budgets",
            "broadcasters", "demo_bases")  # fmt: skip
    return any(getattr(records, name, ()) for name in kept)


def activity_summary(
    tree: OrgTree,
    records: Any,
    year: int,
    *,
    facts: Any = None,
    policy: MeasurePolicy | None = None,
) -> ActivitySummary | None:
    """Theme activities, the TV column, liaison meetings, money (budget share, earmarked
    share, misuse findings), trained broadcasters and demonstration bases per township and for
    the root's own: the values of the measures ``ACTIVITY_MEASURES`` names, read from ``facts``
    measured from the same records (measured here for those units when not given), and the
    bases built by the year's end against the target decomposed from the root
    ([`demo_base_targets`][pmedu.facts.measures.demo_base_targets]). ``None`` when the records
    keep none of them.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> s = activity_summary(sample_county(), sample_records(), 2025)
    >>> s.total.theme_activities, s.total.bases_built <= s.total.bases_target
    (Decimal('44'), True)
    """
    if not _has_activities(records):
        return None
    pol = policy or MeasurePolicy()
    towns = _towns(tree)
    ids = [t.id for t in towns] + [tree.root.id]
    if facts is None:
        facts = measure_facts(
            tree, records, year, units=ids, measures=list(ACTIVITY_MEASURES.values()),
            policy=pol, check=False,
        )  # fmt: skip
    targets = demo_base_targets(tree, pol.demo_targets)
    counts = Counter(b.unit_id for b in records.demo_bases if b.year <= year)
    built = tree.rollup(lambda u: counts.get(u.id, 0))

    def line(uid: str, name: str) -> ActivityLine:
        values = {f: facts.get(uid, m) for f, m in ACTIVITY_MEASURES.items()}
        return ActivityLine(
            unit_id=uid,
            name=name,
            bases_built=int(built[uid]),
            bases_target=targets.get(uid),
            **values,
        )

    return ActivitySummary(
        year=year,
        lines=tuple(line(t.id, t.name) for t in towns),
        total=line(tree.root.id, tree.root.name),
    )
