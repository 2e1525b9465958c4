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

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import attrs

from pmedu.errors import DataError, Problem, RubricError
from pmedu.facts import MEASURES, MeasurePolicy, held_sets, magazine_units
from pmedu.facts import compute_facts as measure_facts
from pmedu.labels import UnitKind, parse_kinds
from pmedu.network import OrgTree
from pmedu.network.decompose import decompose_target
from pmedu.results import (
    COVERAGE_SETS,
    FigureChange,
    Gap,
    KindCount,
    Progress,
    StationFigures,
    TreeFigures,
    UnitChange,
    YearComparison,
    YearResults,
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

__all__ = [
    "ASSESS_KINDS",
    "GAP_STANDARDS",
    "compare_years",
    "compute_parts",
    "compute_year",
    "equipped_units",
    "held_sets",
    "holdings_warnings",
    "pool_shares",
    "records_warnings",
    "resolve_rubric",
    "station_figures",
    "station_gaps",
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
    # the supply section's policy and holdings are the ones film_supply_rate measures against;
    # the records were checked once by compute_year
    measures = MeasurePolicy(supply=policy, holdings=holdings)
    if schedule is not None:
        measures = attrs.evolve(measures, schedule=schedule)
    return measure_facts(tree, records, yr, policy=measures, check=False)


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
    if records is not None:
        yr = year if year is not None else records.year
        warnings = records_warnings(tree, records, yr)
        records_held = held_sets(records, yr)
        if stations is None:
            stations = getattr(records, "stations", None)
        if facts is None:
            say("facts")
            facts = _measure(tree, records, year, pol, holdings, schedule)
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
    )


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
