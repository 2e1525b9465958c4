"""The measures registry: the facts the assessment rubric reads, computed from records.

[`MEASURES`][pmedu.facts.measures.MEASURES] maps each canonical measure name to a
[`Measure`][pmedu.facts.measures.Measure], callable as ``MEASURES[name](tree, records, unit_id,
year)``. [`pmedu.facts.compute_facts`][pmedu.facts.compute.compute_facts] computes every measure for
every unit (or the units asked for) in one pass over a
[`MeasureContext`][pmedu.facts.measures.MeasureContext]: records are grouped by unit once and rolled
up the tree with [`OrgTree`][pmedu.network.tree.OrgTree]'s cached arrays, never a scan of all
records per unit.

Scopes: *subtree* measures count the unit and everything under it (coverage, standards,
film sets, plans, attendance, magazine, demonstration households, awards, funds misuse);
*own* measures read the unit's own submissions and institution (production items and
information reports are due from each township party committee, [seed 002][seed-002]).

Rates are true ratios, never capped (58 of 50 households is 1.16; 9 sets against a target
of 8 is 1.125: the rules clamp the points), or ``None`` when not applicable (nothing to
divide by: a street that needs no film set, a unit without stations). In the computed
facts a not-applicable rate is a row with value ``None`` (a blank fact: "not
applicable"), and an undelivered production item has no row at all (a missing fact:
"not delivered").

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> from pmedu.stations import Station
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="县", kind="县"),
...     Unit(id="T", name="镇", kind="镇", parent_id="C"),
...     Unit(id="V1", name="一村", kind="村", parent_id="T"),
...     Unit(id="V2", name="二村", kind="村", parent_id="T")])
>>> rec = Records(year=2025, stations=[Station(id="S1", unit_id="V1",
...                                            features=["电视机", "VCD机", "播放室"])])
>>> MEASURES["station_coverage_rate"](tree, rec, "T", 2025)
0.5
>>> MEASURES["two_machines_one_room_rate"](tree, rec, "T", 2025)
1.0
>>> MEASURES["funds_misused"](tree, rec, "T", 2025)
0
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from pmedu.errors import ApportionError, DataError, Problem
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import AwardLevel, SubmissionKind, TeachingStep
from pmedu.model.calendar import SchedulePolicy
from pmedu.model.people import DemoLevel, DemoTargets
from pmedu.model.submissions import delivery_days_late, index_submissions, quarter_infos
from pmedu.network import OrgTree
from pmedu.network.decompose import Decomposition, decompose_target
from pmedu.planning.held import held_by_unit
from pmedu.records import Records
from pmedu.stations.standards import Standard, equipped, passes
from pmedu.supply import SupplyPlan, SupplyPolicy, plan_supply
from pmedu.viewing.archive import ArchivePolicy, build_archive, requirement_counts
from pmedu.viewing.plans import plan_counts

__all__ = [
    "MEASURES",
    "Measure",
    "MeasureContext",
    "MeasurePolicy",
    "Value",
    "held_sets",
    "magazine_units",
    "measure_names",
]

Value = int | float | None


def _one_of(options: Sequence[Any]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in options:
            shown = ", ".join(repr(o) for o in options)
            raise ValueError(f"'{attribute.name}' must be one of {shown}: {value!r}")

    return check


def _kinds(value: Any) -> frozenset[UnitKind]:
    return parse_kinds(value)


def _supply_policy(value: Any) -> SupplyPolicy:
    if isinstance(value, SupplyPolicy):
        return value
    return SupplyPolicy.preset(name=value)


def _holdings(value: Mapping[str, int] | None) -> Mapping[str, int] | None:
    return None if value is None else dict(value)


def held_sets(records: Any, year: int | None) -> dict[str, int] | None:
    """Film sets held per unit by the records' film sets of ``year`` or before (a set
    without a year counts): what ``film_supply_rate`` measures and the supply plan holds when
    no holdings are given; ``None`` when the records hold no film set.

    >>> from pmedu.model import FilmSet
    >>> held_sets(Records(film_sets=[FilmSet(id="A", unit_id="T", film_ids=[], year=2024),
    ...                              FilmSet(id="B", unit_id="T", film_ids=[], year=2026)]), 2025)
    {'T': 1}
    >>> held_sets(Records(), 2025) is None
    True
    """
    sets = list(getattr(records, "film_sets", ()) or ())
    if not sets:
        return None
    out: dict[str, int] = {}
    for fs in sets:
        if fs.year is None or year is None or fs.year <= year:
            out[fs.unit_id] = out.get(fs.unit_id, 0) + 1
    return out


def magazine_units(
    tree: OrgTree,
    stations: Iterable[Any],
    *,
    kinds: Iterable[Any],
    standard: Standard | str = "two_machines_one_room",
) -> frozenset[str]:
    """The organisations 《党员电化教育》 goes to ([seed 002][seed-002]): the units of ``kinds``
    (the supply policy's ``magazine_kinds``, the grassroots organisations) whose station meets
    ``standard`` (两机一室: a television, a player and a room). The supply plan's magazine
    copies and ``magazine_subscription_rate``'s denominator are these units.

    >>> from pmedu import Unit
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> full = ["电视机", "VCD机", "播放室"]
    >>> sorted(magazine_units(t, [Station(id="S1", unit_id="V", features=full),
    ...                           Station(id="S2", unit_id="T", features=full)], kinds=["村"]))
    ['V']
    """
    wanted = parse_kinds(list(kinds))
    return frozenset(
        u
        for u in equipped(stations, standard=standard)
        if u in tree and tree.unit(u).kind in wanted
    )


@attrs.frozen
class MeasurePolicy:
    """The parameters of the measures (defaults from [stations and standards][concept-stations],
    [film supply][concept-supply], [playing and viewing][concept-viewing], [splitting a
    target][howto-split-target]).

    Parameters
    ----------
    schedule
        The calendar: production deadline, information deadlines and items per quarter.
    coverage_kinds
        Kinds whose station coverage 建点率 is measured (villages and communities).
    two_machines_one_room, six_haves
        Names (or labels) of the standards the two standard rates check.
    supply
        The film-supply policy ([`pmedu.supply.SupplyPolicy`][pmedu.supply.policy.SupplyPolicy] or a
        preset name; read a user's file with [`pmedu.io`][pmedu.io] first) whose target sets
        ``film_supply_rate`` measures the sets held against: the same plan
        [`pmedu.supply.plan_supply`][pmedu.supply.plan.plan_supply] makes; its
        ``magazine_kinds`` are the organisations ``magazine_subscription_rate`` counts.
    holdings
        Film sets held, unit id → sets (a holdings file, as the supply plan reads it): what
        ``film_supply_rate`` measures when given; ``None`` (the default) measures the records'
        film sets ([`held_sets`][pmedu.facts.measures.held_sets]).
    demo_targets
        The demonstration-base targets held at the root and how they are split down
        ([`DemoTargets`][pmedu.model.people.DemoTargets]; seed 001: 10 city-level and 100
        county-level bases), which ``demo_bases_rate`` measures the bases built against.
    archive
        The learning archive's policy ([`ArchivePolicy`][pmedu.viewing.archive.ArchivePolicy]:
        45 minutes a 学时, 32 学时 a year) that ``study_hours_met_rate`` measures against.

    >>> MeasurePolicy().supply.villages_per_set
    3
    >>> MeasurePolicy(supply="seed001").supply.villages_per_subscribed_set
    5
    """

    schedule: SchedulePolicy = attrs.field(factory=SchedulePolicy, kw_only=True)
    coverage_kinds: frozenset[UnitKind] = attrs.field(
        default=frozenset({UnitKind.VILLAGE, UnitKind.COMMUNITY}),
        converter=_kinds,
        kw_only=True,
    )
    two_machines_one_room: str = attrs.field(default="two_machines_one_room", kw_only=True)
    six_haves: str = attrs.field(default="six_haves", kw_only=True)
    supply: SupplyPolicy = attrs.field(factory=SupplyPolicy, converter=_supply_policy, kw_only=True)
    holdings: Mapping[str, int] | None = attrs.field(
        default=None, converter=_holdings, kw_only=True, hash=False
    )
    demo_targets: DemoTargets = attrs.field(factory=DemoTargets, kw_only=True)
    archive: ArchivePolicy = attrs.field(factory=ArchivePolicy, kw_only=True)


def _rate(num: int, den: int) -> float | None:
    """``num / den``, uncapped; ``None`` (not applicable) when there is nothing to divide by.

    >>> _rate(58, 50), _rate(9, 8), _rate(0, 0)
    (1.16, 1.125, None)
    """
    return num / den if den else None


class MeasureContext:
    """Per-(tree, records, year) arrays, each computed once on first use.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
    >>> MEASURES["funds_misused"].fn(MeasureContext(t, Records(), 2025, MeasurePolicy()), "C")
    0
    """

    def __init__(self, tree: OrgTree, records: Records, year: int, policy: MeasurePolicy) -> None:
        self.tree = tree
        self.records = records
        self.year = year
        self.policy = policy

    def _roll(self, per_unit: dict[str, int] | Counter[str]) -> Any:
        return self.tree.rollup(lambda u: per_unit.get(u.id, 0))

    @functools.cached_property
    def coverage(self) -> Any:
        with_station = {s.unit_id for s in self.records.stations}
        return self.tree.coverage(self.policy.coverage_kinds, has=lambda u: u.id in with_station)

    def _standard_counts(self, standard: str) -> tuple[Any, Any]:
        std = Standard.preset(name=standard)
        kinds = self.policy.coverage_kinds
        total: Counter[str] = Counter()
        ok: Counter[str] = Counter()
        for s in self.records.stations:
            if s.unit_id in self.tree and self.tree.unit(s.unit_id).kind in kinds:
                total[s.unit_id] += 1
                ok[s.unit_id] += passes(s, std)
        return self._roll(ok), self._roll(total)

    @functools.cached_property
    def tmor(self) -> tuple[Any, Any]:
        return self._standard_counts(self.policy.two_machines_one_room)

    @functools.cached_property
    def six(self) -> tuple[Any, Any]:
        return self._standard_counts(self.policy.six_haves)

    @functools.cached_property
    def supply(self) -> SupplyPlan:
        held = self.policy.holdings
        if held is None:
            held = held_sets(self.records, self.year)
        return plan_supply(self.tree, policy=self.policy.supply, holdings=held)

    @functools.cached_property
    def plans(self) -> tuple[Any, Any]:
        counts = plan_counts(self.records.stations, self.records.sessions, self.year)
        held: Counter[str] = Counter()
        planned: Counter[str] = Counter()
        for s in self.records.stations:
            h, p = counts[s.id]
            held[s.unit_id] += h
            planned[s.unit_id] += p
        return self._roll(held), self._roll(planned)

    @functools.cached_property
    def attendance(self) -> tuple[Any, Any]:
        unit_of = {s.id: s.unit_id for s in self.records.stations}
        signed: Counter[str] = Counter()
        expected: Counter[str] = Counter()
        for ses in self.records.sessions:
            uid = unit_of.get(ses.station_id)
            if uid is not None and ses.date.year == self.year:
                signed[uid] += ses.n_signed_in
                expected[uid] += ses.n_expected
        return self._roll(signed), self._roll(expected)

    @functools.cached_property
    def submissions(self) -> Any:
        return index_submissions(self.records.submissions, self.year)

    @functools.cached_property
    def magazine(self) -> tuple[Any, Any]:
        orgs = magazine_units(
            self.tree,
            self.records.stations,
            kinds=self.policy.supply.magazine_kinds,
            standard=self.policy.two_machines_one_room,
        )
        subscribed = {m.unit_id for m in self.records.subscriptions if m.year == self.year}
        return (
            self._roll(Counter(u for u in orgs if u in subscribed)),
            self._roll(Counter(orgs)),
        )

    @functools.cached_property
    def demo(self) -> tuple[Any, dict[str, int | None]]:
        own: dict[str, int | None] = {}
        achieved: Counter[str] = Counter()
        for d in self.records.demo_households:
            if d.year == self.year:
                achieved[d.unit_id] += d.achieved
                if d.target is not None:
                    own[d.unit_id] = (own.get(d.unit_id) or 0) + d.target
        # effective target: the unit's own, else the sum of the nearest targets below it
        units = self.tree.units()
        parent = self.tree.parent_positions()
        below: list[int | None] = [None] * len(units)
        eff: dict[str, int | None] = {}
        for k in range(len(units) - 1, -1, -1):
            uid = units[k].id
            mine = own.get(uid)
            e = mine if mine is not None else below[k]
            eff[uid] = e
            p = parent[k]
            if p >= 0 and e is not None:
                below[p] = e + (below[p] or 0)
        return self._roll(achieved), eff

    @functools.cached_property
    def institutions(self) -> set[str]:
        return {i.unit_id for i in self.records.institutions if i.in_place(self.year)}

    @functools.cached_property
    def awards(self) -> Any:
        return self._roll(
            Counter(
                a.unit_id
                for a in self.records.awards
                if a.year == self.year and a.level is AwardLevel.PROVINCIAL
            )
        )

    @functools.cached_property
    def misuse(self) -> Any:
        return self._roll(
            Counter(c.unit_id for c in self.records.funds_misuse if c.date.year == self.year)
        )

    @functools.cached_property
    def steps(self) -> tuple[Any, Any, tuple[Any, ...]]:
        """Sessions with all five steps, sessions, and per step the sessions missing it, per
        unit (the station's unit), rolled up."""
        unit_of = {s.id: s.unit_id for s in self.records.stations}
        complete: Counter[str] = Counter()
        total: Counter[str] = Counter()
        missing: list[Counter[str]] = [Counter() for _ in TeachingStep]
        for ses in self.records.sessions:
            uid = unit_of.get(ses.station_id)
            if uid is None or ses.date.year != self.year:
                continue
            total[uid] += 1
            absent = ses.missing_steps
            complete[uid] += not absent
            for step in absent:
                missing[_STEP_ORDER[step]][uid] += 1
        return self._roll(complete), self._roll(total), tuple(self._roll(m) for m in missing)

    @functools.cached_property
    def plan_held(self) -> tuple[Any, Any]:
        """Plan entries held and plan entries with a station, per unit, rolled up."""
        entries = [e for e in self.records.plan_entries if e.year == self.year]
        held, planned = held_by_unit(entries, self.records.sessions)
        return self._roll(held), self._roll(planned)

    @functools.cached_property
    def study_hours(self) -> tuple[Any, Any]:
        r = self.records
        archive = build_archive(
            r.sessions,
            r.films,
            study_records=r.study_records,
            members=r.members,
            year=self.year,
            policy=self.policy.archive,
        )
        return requirement_counts(self.tree, archive)


def _station_coverage(c: MeasureContext, u: str) -> Value:
    return c.coverage[u].rate  # type: ignore[no-any-return]


def _tmor(c: MeasureContext, u: str) -> Value:
    ok, total = c.tmor
    return _rate(ok[u], total[u])


def _six(c: MeasureContext, u: str) -> Value:
    ok, total = c.six
    return _rate(ok[u], total[u])


def _film_supply(c: MeasureContext, u: str) -> Value:
    if u not in c.supply:
        return None
    line = c.supply.line(u)
    return _rate(line.held, line.target_sets)


def _plans(c: MeasureContext, u: str) -> Value:
    held, planned = c.plans
    return _rate(held[u], planned[u])


def _attendance(c: MeasureContext, u: str) -> Value:
    signed, expected = c.attendance
    return _rate(signed[u], expected[u])


def _late(kind: SubmissionKind) -> Callable[[MeasureContext, str], Value]:
    def fn(c: MeasureContext, u: str) -> Value:
        return delivery_days_late(c.submissions.get((u, kind), ()), c.year, c.policy.schedule)

    return fn


def _info_items(c: MeasureContext, u: str) -> Value:
    return len(c.submissions.get((u, SubmissionKind.INFORMATION), ()))


def _info_quarters(c: MeasureContext, u: str) -> Value:
    items = c.submissions.get((u, SubmissionKind.INFORMATION), ())
    return sum(q.met for q in quarter_infos(items, c.year, c.policy.schedule))


def _magazine(c: MeasureContext, u: str) -> Value:
    sub, equipped = c.magazine
    return _rate(sub[u], equipped[u])


def _demo(c: MeasureContext, u: str) -> Value:
    achieved, target = c.demo
    t = target[u]
    return None if not t else _rate(achieved[u], t)


def _institution(c: MeasureContext, u: str) -> Value:
    return int(u in c.institutions)


def _awards(c: MeasureContext, u: str) -> Value:
    return int(c.awards[u])


def _misuse(c: MeasureContext, u: str) -> Value:
    return int(c.misuse[u])


@attrs.frozen
class Measure:
    """A named measure: ``measure(tree, records, unit_id, year)`` → its value.

    >>> m = MEASURES["info_items"]
    >>> m.kind, m.scope, m.seeds
    ('count', 'own', ('002',))
    """

    name: str
    label: str
    kind: str  # "rate", "count" or "days"
    scope: str  # "subtree" or "own"
    seeds: tuple[str, ...]
    description: str
    fn: Callable[[MeasureContext, str], Value] = attrs.field(repr=False)

    def __call__(
        self,
        tree: OrgTree,
        records: Records,
        unit_id: str,
        year: int,
        policy: MeasurePolicy | None = None,
    ) -> Value:
        """The measure's value for ``unit_id`` in ``year``."""
        tree.unit(unit_id)  # UnknownUnitError for an id not in the tree
        return self.fn(_context(tree, records, year, policy), unit_id)


_CACHE: list[tuple[OrgTree, Records, int, MeasurePolicy | None, MeasureContext]] = []


def _context(
    tree: OrgTree, records: Records, year: int, policy: MeasurePolicy | None
) -> MeasureContext:
    for t, r, y, p, ctx in _CACHE:
        if t is tree and r is records and y == year and p is policy:
            return ctx
    ctx = MeasureContext(tree, records, year, policy or MeasurePolicy())
    _CACHE[:] = [(tree, records, year, policy, ctx)]
    return ctx


def _m(
    name: str, label: str, kind: str, scope: str, seeds: str, fn: Any, text: str
) -> tuple[str, Measure]:
    return name, Measure(name, label, kind, scope, tuple(seeds.split()), text, fn)


#: every canonical measure, by name (the names the preset rubric reads)
MEASURES: dict[str, Measure] = dict(
    [
        _m("station_coverage_rate", "建点率", "rate", "subtree", "001 002", _station_coverage,
           "villages and communities with a viewing station / all of them"),
        _m("two_machines_one_room_rate", "两机一室达标率", "rate", "subtree", "002", _tmor,
           "village/community stations meeting 两机一室 / those stations"),
        _m("six_haves_rate", "六有达标率", "rate", "subtree", "002", _six,
           "village/community stations meeting 六有 / those stations"),
        _m("film_supply_rate", "供片达标率", "rate", "subtree", "001", _film_supply,
           "film sets held / target sets (one per three villages, per township); "
           "not applicable (None) when no set is needed"),
        _m("plans_held_rate", "播放计划完成率", "rate", "subtree", "001", _plans,
           "station-months with a session / station-months planned"),
        _m("attendance_rate", "出席率", "rate", "subtree", "000 003", _attendance,
           "members signed in / members expected over the year's sessions"),
        _m("news_item_days_late", "党建类新闻", "days", "own", "002",
           _late(SubmissionKind.NEWS_ITEM),
           "days after the production deadline the news item arrived (None: missing)"),
        _m("special_film_days_late", "专题片", "days", "own", "002",
           _late(SubmissionKind.SPECIAL_FILM),
           "days after the production deadline the special-topic film arrived"),
        _m("info_items", "信息报送", "count", "own", "002", _info_items,
           "information items reported for the year"),
        _m("info_quarters_met", "信息报送达标季度", "count", "own", "002", _info_quarters,
           "quarters with the required items on time (0–4)"),
        _m("magazine_subscription_rate", "杂志订阅率", "rate", "subtree", "002", _magazine,
           "grassroots units with 两机一室 subscribing 《党员电化教育》 / those units"),
        _m("demo_households_rate", "科技示范户完成率", "rate", "subtree", "001", _demo,
           "demonstration households achieved / the unit's decomposed target"),
        _m("institution_in_place", "机构人员到位", "count", "own", "000 002", _institution,
           "1 if the unit has an e-education institution with staff, else 0"),
        _m("provincial_awards", "省级表彰", "count", "subtree", "002", _awards,
           "provincial-level commendations in the year"),
        _m("funds_misused", "经费挪用", "count", "subtree", "000 002 003", _misuse,
           "cases of e-education funds misused in the year"),
    ]
)  # fmt: skip


def measure_names(names: Sequence[str] | None) -> list[str]:
    """The measures asked for (every one, in registry order, for ``None``); an unknown name
    is a [`DataError`][pmedu.errors.DataError] listing every unknown one and the known ones.

    >>> measure_names(["info_items"]), len(measure_names(None))
    (['info_items'], 29)
    >>> measure_names(["nope", "info_items", "zilch"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    measures: unknown measure(s) nope, zilch; known: station_coverage_rate, ...
    """
    chosen = list(MEASURES) if names is None else list(names)
    unknown = [n for n in chosen if n not in MEASURES]
    if unknown:
        what = f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(MEASURES)}"
        raise DataError([Problem(what, field="measures")])
    return chosen


# --- issue 17: theme activities, TV, liaison meetings, money, people, demonstration bases ------


def _once(c: MeasureContext, key: str, make: Callable[[], Any]) -> Any:
    """``make()`` computed once per context (kept in the context's own dict)."""
    store: dict[str, Any] = c.__dict__.setdefault("_issue17", {})
    if key not in store:
        store[key] = make()
    return store[key]


def _activities(c: MeasureContext) -> tuple[Any, Any]:
    n: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for a in c.records.theme_activities:
        if a.year == c.year:
            n[a.unit_id] += 1
            people[a.unit_id] += a.participants
    return c._roll(n), c._roll(people)


def _theme_activities(c: MeasureContext, u: str) -> Value:
    if not c.records.theme_activities:  # the records do not keep them: not applicable
        return None
    return int(_once(c, "activities", lambda: _activities(c))[0][u])


def _theme_participants(c: MeasureContext, u: str) -> Value:
    if not c.records.theme_activities:
        return None
    return int(_once(c, "activities", lambda: _activities(c))[1][u])


def _tv_column(c: MeasureContext, u: str) -> Value:
    cols = _once(
        c,
        "tv",
        lambda: {t.unit_id for t in c.records.tv_columns if t.year == c.year and t.in_place},
    )
    return int(u in cols)


def _liaison(c: MeasureContext, u: str) -> Value:
    quarters = _once(
        c,
        "liaison",
        lambda: {
            (m.unit_id, m.quarter) for m in c.records.liaison_meetings if m.date.year == c.year
        },
    )
    return sum((u, q) in quarters for q in range(1, 5))


def _quota(c: MeasureContext, u: str) -> Value:
    kinds = (SubmissionKind.NEWS_ITEM, SubmissionKind.SPECIAL_FILM)
    late = [
        delivery_days_late(c.submissions.get((u, k), ()), c.year, c.policy.schedule) for k in kinds
    ]
    return int(all(d is not None and d <= 0 for d in late))


def _ledger(c: MeasureContext) -> dict[str, tuple[int, int, int]]:
    """Unit → (fen from the budget, fen earmarked, fen in all) of the year's ledger."""
    out: dict[str, tuple[int, int, int]] = {}
    for e in c.records.ledger:
        if e.year == c.year:
            b, m, t = out.get(e.unit_id, (0, 0, 0))
            budget = e.fen if e.source.value == "budget" else 0
            out[e.unit_id] = (b + budget, m + (e.fen if e.earmarked else 0), t + e.fen)
    return out


def _budget_share(c: MeasureContext, u: str) -> Value:
    budgets = _once(
        c, "budgets", lambda: {b.unit_id: b.total for b in c.records.budgets if b.year == c.year}
    )
    if u not in budgets:
        return None
    spent = _once(c, "ledger", lambda: _ledger(c)).get(u, (0, 0, 0))[0]
    return _rate(spent, int(budgets[u] * 100))


def _earmarked(c: MeasureContext, u: str) -> Value:
    _b, marked, total = _once(c, "ledger", lambda: _ledger(c)).get(u, (0, 0, 0))
    return _rate(marked, total)


def _findings(c: MeasureContext) -> Any:
    n: Counter[str] = Counter(e.unit_id for e in c.records.ledger if e.year == c.year and e.misuse)
    n.update(f.unit_id for f in c.records.funds_misuse if f.date.year == c.year)
    return c._roll(n)


def _misuse_findings(c: MeasureContext, u: str) -> Value:
    return int(_once(c, "findings", lambda: _findings(c))[u])


def _broadcasters(c: MeasureContext) -> tuple[Any, Any]:
    trained = {b.station_id for b in c.records.broadcasters if b.trained_by(c.year)}
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for s in c.records.stations:
        total[s.unit_id] += 1
        ok[s.unit_id] += s.id in trained
    return c._roll(ok), c._roll(total)


def _trained(c: MeasureContext, u: str) -> Value:
    if not c.records.broadcasters:  # the records do not keep them: not applicable
        return None
    ok, total = _once(c, "broadcasters", lambda: _broadcasters(c))
    return _rate(ok[u], total[u])


def _shares(d: Decomposition, out: Counter[str]) -> None:
    for uid, n in d.shares.items():
        out[uid] += n
    for sub in d.below.values():
        _shares(sub, out)


def demo_base_targets(tree: OrgTree, targets: DemoTargets) -> dict[str, int]:
    """Unit → its demonstration-base target, all levels together: the totals at the root
    decomposed level by level ([`decompose_target`][pmedu.network.decompose.decompose_target];
    seed 001, seed 004 逐层分解). Levels the tree lacks below its root are skipped, and so is
    the split when no unit has any weight; a unit below the last level has no target (absent).

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")]
    ...     + [Unit(id=f"T{i}", name="镇", kind="镇", parent_id="C") for i in (1, 2)]
    ...     + [Unit(id=f"V{i}", name="村", kind="村", parent_id="T1" if i < 4 else "T2")
    ...        for i in range(1, 6)])
    >>> demo_base_targets(t, DemoTargets(bases={"county": 10}))
    {'C': 10, 'T1': 6, 'T2': 4}
    """
    root = tree.root.id
    below = [u for u in tree.units() if u.id != root]
    levels = [
        list(lv) for lv in targets.levels if any(u.kind in parse_kinds(list(lv)) for u in below)
    ]
    out: Counter[str] = Counter({root: targets.total})
    if not levels:
        return dict(out)
    for level, n in targets.bases.items():
        DemoLevel.parse(level)
        try:
            d = decompose_target(tree, at=root, total=n, levels=levels, weight=targets.weight)
        except ApportionError:  # nothing to split by (no village at all): the root's only
            continue
        _shares(d, out)
    return dict(out)


def _demo_bases(c: MeasureContext, u: str) -> Value:
    if not c.records.demo_bases:  # the records do not keep them: not applicable
        return None
    target = _once(c, "demo_targets", lambda: demo_base_targets(c.tree, c.policy.demo_targets))
    built = _once(
        c,
        "demo_built",
        lambda: c._roll(Counter(b.unit_id for b in c.records.demo_bases if b.year <= c.year)),
    )
    t = target.get(u)
    return None if not t else _rate(int(built[u]), t)


_STEP_ORDER = {step: k for k, step in enumerate(TeachingStep)}


def _steps_complete(c: MeasureContext, u: str) -> Value:
    complete, total, _ = c.steps
    return _rate(complete[u], total[u])


def most_missing_step(missing: Sequence[int]) -> int | None:
    """The step most often missing, as its number 1–5 in method order
    ([`TeachingStep`][pmedu.model.session.TeachingStep]; the first on a tie), from the sessions
    missing each step; ``None`` when no step is missing (or there is no session).

    >>> most_missing_step([0, 3, 0, 3, 1]), most_missing_step([0] * 5)
    (2, None)
    """
    top = max(missing, default=0)
    return None if top == 0 else list(missing).index(top) + 1


def _most_missing(c: MeasureContext, u: str) -> Value:
    _, _, missing = c.steps
    return most_missing_step([int(m[u]) for m in missing])


def _plan_entries_held(c: MeasureContext, u: str) -> Value:
    held, planned = c.plan_held
    return _rate(held[u], planned[u])


def _study_hours(c: MeasureContext, u: str) -> Value:
    """Members of the unit's subtree on the roster who reach the yearly 学时 / all of them
    (seed [003][seed-003]; DOMAIN §11); not applicable without members on the roster.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.model import Member, StudyEntry
    >>> t = OrgTree.from_units([Unit(id="T", name="镇", kind="镇"),
    ...                         Unit(id="V", name="村", kind="村", parent_id="T", members=2)])
    >>> rec = Records(year=2025, members=[Member(id="a", name="甲", unit_id="V"),
    ...                                   Member(id="b", name="乙", unit_id="V")],
    ...               study_records=[StudyEntry(id="L", member_id="a", date="2025-04-01",
    ...                                         kind="党校", minutes=32 * 45)])
    >>> MEASURES["study_hours_met_rate"](t, rec, "T", 2025)
    0.5
    >>> MEASURES["study_hours_met_rate"](t, Records(year=2025), "T", 2025) is None
    True
    """
    met, total = c.study_hours
    return _rate(met[u], total[u])


MEASURES.update(
    [
        _m("theme_activities", "主题实践活动", "count", "subtree", "000 001", _theme_activities,
           "theme practice activities (凝聚力工程, 科技经济开发, 科技富民) begun in the year "
           "(None: the records keep no theme activity)"),
        _m("theme_activity_participants", "主题活动参加人次", "count", "subtree", "000 001",
           _theme_participants, "participants in the year's theme practice activities"),
        _m("tv_column_in_place", "党建电视栏目", "count", "own", "001 002", _tv_column,
           "1 if the unit has a party-building TV column with episodes, or planned "
           "concentrated broadcasts, in the year, else 0"),
        _m("liaison_quarters_met", "通联会议季度", "count", "own", "001", _liaison,
           "quarters of the year with a liaison meeting 通联会议 (0–4)"),
        _m("production_quota_met", "制片任务完成", "count", "own", "002", _quota,
           "1 if the unit (a township, or the county TV station) delivered its news item and "
           "special-topic film by the production deadline, else 0"),
        _m("funds_budget_share", "电教经费占预算比例", "rate", "own", "000 002 003",
           _budget_share, "ledger money from the budget / the unit's budget (fen over fen); "
           "None without a budget record"),
        _m("funds_earmarked_rate", "专款专用比例", "rate", "own", "000 002 003", _earmarked,
           "earmarked ledger money / all ledger money of the year"),
        _m("funds_misuse_findings", "经费违规", "count", "subtree", "000 002 003",
           _misuse_findings, "ledger findings (earmarked money spent outside e-education, "
           "audit findings) plus misuse cases of the year"),
        _m("trained_broadcaster_rate", "播放员培训率", "rate", "subtree", "002", _trained,
           "stations with a broadcaster trained by the year's end / stations (None: the "
           "records keep no broadcaster)"),
        _m("demo_bases_rate", "科技示范基地完成率", "rate", "subtree", "001 004", _demo_bases,
           "demonstration bases built by the year's end / the decomposed target (None: the "
           "records keep no base)"),
    ]
)  # fmt: skip

MEASURES.update(
    [
        _m("steps_complete_rate", "五步教学完整率", "rate", "subtree", "000 002", _steps_complete,
           "sessions with all five teaching steps / sessions of the year"),
        _m("most_missing_step", "最常缺少步骤", "count", "subtree", "000 002", _most_missing,
           "the teaching step most often missing (1 播前提示 … 5 信息反馈; None: none missing)"),
        _m("plan_entries_held_rate", "计划片目落实率", "rate", "subtree", "001",
           _plan_entries_held,
           "plan entries held (a session at the station in the month showing the films) / "
           "plan entries with a station"),
        _m("study_hours_met_rate", "学时达标率", "rate", "subtree", "003", _study_hours,
           "members on the roster reaching the yearly 学时 (32 of 45 minutes, policy) / "
           "members on the roster"),
    ]
)  # fmt: skip

__all__ += ["most_missing_step"]


def rate(num: int, den: int) -> float | None:
    """A rate from its whole numerator and denominator: ``num / den``, uncapped, ``None`` (not
    applicable) when there is nothing to divide by — the one function every engine forms its
    rates with ([`pmedu.facts.sql.form_rows`][pmedu.facts.sql.form_rows]), so the facts of the
    ``python``, ``duckdb`` and ``spark`` engines are equal exactly.

    >>> rate(58, 50), rate(0, 0)
    (1.16, None)
    """
    return _rate(num, den)
