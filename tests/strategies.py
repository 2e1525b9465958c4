"""Every hypothesis strategy the tests use (trees, units, records, rubrics, facts, supply
policies), each typed ``SearchStrategy[T]``; the fixed trees more than one module builds
(:func:`seed_county`, :func:`township`, :func:`townships`); and the brute-force oracles
over a tree (:func:`above`, :func:`below`) that properties compare the library with.
Test modules define no strategies, and build only the trees particular to them.

Trees are drawn the way hypothesis-networkx does it: node ``n`` takes a parent among the
nodes ``0 … n-1``, so every draw is a valid tree and failures shrink toward small paths.
Kinds are chosen so that the default hierarchy rules allow every parent/child pair.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from pmedu import OrgTree, Unit, UnitKind
from pmedu.facts import Facts
from pmedu.labels import OrgType
from pmedu.model import (
    Award,
    DemoHouseholds,
    EDay,
    Film,
    FundsMisuse,
    Institution,
    MagazineSubscription,
    Member,
    Submission,
    SubmissionKind,
)
from pmedu.network import HierarchyRules
from pmedu.records import Records
from pmedu.scoring import (
    BandsRule,
    BonusItem,
    Category,
    Condition,
    DeadlineRule,
    DeductionRule,
    Grade,
    Indicator,
    PerItemRule,
    RatioRule,
    Rubric,
    Rule,
    ThresholdRule,
    VetoEffect,
    VetoItem,
)
from pmedu.scoring.rules import RULES
from pmedu.stations import Feature, Station
from pmedu.supply import BudgetProblem, SupplyPolicy
from pmedu.viewing import TeachingStep, ViewingSession

_RULES = HierarchyRules.preset(name="default")
ALL_KINDS = list(UnitKind)
#: the administrative ladder a generated tree follows, top down
LADDER = [UnitKind.COUNTY, UnitKind.TOWNSHIP, UnitKind.VILLAGE]

counts: st.SearchStrategy[int] = st.integers(min_value=0, max_value=500)


@st.composite
def unit_lists(
    draw: st.DrawFn,
    min_size: int = 1,
    max_size: int = 40,
    root_kind: UnitKind = UnitKind.COUNTY,
) -> list[Unit]:
    """A list of units forming a valid tree under the default rules (root first)."""
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    units: list[Unit] = []
    for i in range(n):
        if i == 0:
            parent = None
            kind = root_kind
        else:
            p = draw(st.integers(min_value=0, max_value=i - 1))
            parent = units[p]
            options = sorted(_RULES.allowed_under(parent.kind), key=lambda k: k.value)
            if not options:
                # a leaf kind: hang the new unit on the root instead
                parent = units[0]
                options = sorted(_RULES.allowed_under(parent.kind), key=lambda k: k.value)
            kind = draw(st.sampled_from(options))
        members = draw(counts)
        retired = draw(st.none() | st.integers(min_value=0, max_value=members))
        units.append(
            Unit(
                id=f"U{i:04d}",
                name=draw(st.sampled_from(["东", "西", "南", "北", "石桥", "河口"])) + f"{i}",
                kind=kind,
                parent_id=None if parent is None else parent.id,
                members=members,
                retired=retired,
                has_station=draw(st.booleans()),
            )
        )
    return units


@st.composite
def trees(draw: st.DrawFn, min_size: int = 1, max_size: int = 40) -> OrgTree:
    """A valid :class:`OrgTree` rooted at a county."""
    return OrgTree.from_units(draw(unit_lists(min_size=min_size, max_size=max_size)))


# --- stations, viewing records and records bundles (issue 5) -----------------------------

features: st.SearchStrategy[frozenset[Feature]] = st.frozensets(st.sampled_from(list(Feature)))
teaching_steps: st.SearchStrategy[frozenset[TeachingStep]] = st.frozensets(
    st.sampled_from(list(TeachingStep))
)
edays: st.SearchStrategy[EDay] = st.builds(EDay, day=st.integers(1, 31)) | st.builds(
    EDay, weekday=st.integers(0, 6), nth=st.sampled_from([1, 2, 3, 4, -1])
)


def dates_in(year: int) -> st.SearchStrategy[_dt.date]:
    """Dates within ``year``."""
    return st.dates(_dt.date(year, 1, 1), _dt.date(year, 12, 31))


@st.composite
def sessions_at(
    draw: st.DrawFn, station_ids: list[str], year: int = 2025, max_size: int = 12
) -> list[ViewingSession]:
    """Sessions at the given stations with sign-ins ⊆ expected (ids), unique ids."""
    out: list[ViewingSession] = []
    n = draw(st.integers(0, max_size)) if station_ids else 0
    for i in range(n):
        expected = draw(st.lists(st.sampled_from([f"m{k}" for k in range(12)]), unique=True))
        signed = [m for m in expected if draw(st.booleans())]
        out.append(
            ViewingSession(
                id=f"VS{i:03d}",
                station_id=draw(st.sampled_from(station_ids)),
                date=draw(dates_in(year)),
                film_ids=draw(st.lists(st.sampled_from(["F1", "F2"]), max_size=2)),
                expected=expected,
                signed_in=signed,
                steps=draw(teaching_steps),
            )
        )
    return out


@st.composite
def records_for(draw: st.DrawFn, tree: OrgTree, year: int = 2025) -> Records:
    """A valid :class:`Records` for ``tree`` and ``year`` (every id known, every date in
    the year), with stations, sessions, submissions and the other record kinds."""
    units = [u.id for u in tree]
    pick = st.sampled_from(units)
    station_units = draw(st.lists(pick, max_size=min(12, len(units))))
    stations = [
        Station(id=f"S{i:03d}", unit_id=u, features=draw(features))
        for i, u in enumerate(station_units)
    ]
    films = [
        Film(
            id="F1",
            title="一",
            category="党性教育",
            source="中央",
            year=2020,
            media="DVD",
            minutes=40,
        ),
        Film(
            id="F2",
            title="二",
            category="实用技术",
            source="本地制作",
            year=2024,
            media="数字",
            minutes=25,
        ),
    ]
    subs = [
        Submission(
            id=f"SB{i:03d}",
            unit_id=draw(pick),
            kind=draw(st.sampled_from(list(SubmissionKind))),
            date=draw(dates_in(year)),
        )
        for i in range(draw(st.integers(0, 10)))
    ]
    demo = {
        u: DemoHouseholds(
            unit_id=u,
            year=year,
            target=draw(st.none() | st.integers(0, 30)),
            achieved=draw(st.integers(0, 30)),
        )
        for u in draw(st.lists(pick, max_size=6, unique=True))
    }
    return Records(
        year=year,
        stations=stations,
        films=films,
        sessions=draw(sessions_at([s.id for s in stations], year)),
        submissions=subs,
        subscriptions=[
            MagazineSubscription(unit_id=u, year=year)
            for u in draw(st.lists(pick, max_size=6, unique=True))
        ],
        demo_households=list(demo.values()),
        institutions=[
            Institution(unit_id=u, staff=draw(st.integers(0, 3)))
            for u in draw(st.lists(pick, max_size=4, unique=True))
        ],
        awards=[
            Award(
                id=f"A{i}",
                unit_id=draw(pick),
                year=year,
                level=draw(st.sampled_from(["省级", "市级"])),
            )
            for i in range(draw(st.integers(0, 3)))
        ],
        funds_misuse=[
            FundsMisuse(id=f"M{i}", unit_id=draw(pick), date=draw(dates_in(year)))
            for i in range(draw(st.integers(0, 2)))
        ],
    )


@st.composite
def trees_with_records(draw: st.DrawFn, max_size: int = 30) -> tuple[OrgTree, Records]:
    """A tree and valid records for it (year 2025)."""
    tree = draw(trees(max_size=max_size))
    return tree, draw(records_for(tree))


# ---- foundation helper: units with awkward text (CSV quoting, CJK, GBK-safe) --------------

#: text a spreadsheet cell may hold after stripping: CJK, ASCII, commas, quotes, newlines
cell_texts: st.SearchStrategy[str] = st.text(
    alphabet=st.sampled_from(list("东西石桥村社区镇abcXYZ019 ,;\"'\n-_/（）·")),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s != "")


@st.composite
def unit_lists_with_text(draw: st.DrawFn, max_size: int = 25) -> list[Unit]:
    """Like :func:`unit_lists`, with awkward ids and names and every optional field drawn."""
    base = draw(unit_lists(max_size=max_size))
    ids = draw(st.lists(cell_texts, min_size=len(base), max_size=len(base), unique=True))
    new_id = {u.id: i for u, i in zip(base, ids, strict=True)}
    out = []
    for u in base:
        m = u.members
        part = st.none() | st.integers(min_value=0, max_value=m)
        out.append(
            Unit(
                id=new_id[u.id],
                name=draw(cell_texts),
                kind=u.kind,
                parent_id=None if u.parent_id is None else new_id[u.parent_id],
                members=m,
                org_type=draw(st.none() | st.sampled_from(list(OrgType))),
                mobile=draw(part),
                retired=draw(part),
                not_transferred=draw(part),
                has_station=u.has_station,
            )
        )
    return out


# --- scoring (pmedu.scoring): rubrics, rules and facts ---------------------------------------


def score_decimals(
    lo: Decimal | int | str, hi: Decimal | int | str, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite decimals in [lo, hi] with at most ``places`` decimal places."""
    return st.decimals(
        min_value=Decimal(str(lo)),
        max_value=Decimal(str(hi)),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


#: the points an indicator may be worth
indicator_points: st.SearchStrategy[Decimal] = score_decimals(0, 40, 1)

#: the example rubric of the scoring issue, as a user would write it (TOML)
ISSUE_EXAMPLE = """
name = "某县乡镇党员电教目标考核"
total = 100
bonus_cap = 5
grades = [ { name = "优秀", min = 90 }, { name = "良好", min = 75 },
           { name = "合格", min = 60 }, { name = "不合格", min = 0 } ]

[[indicators]]
code = "ST1"
name = "两机一室普及率"
category = "stations"
points = 20
measure = "two_machines_one_room_rate"
rule = { type = "ratio", target = 1.0 }

[[indicators]]            # full points at or above target, else the first step reached
code = "VW1"
name = "出席率"
category = "viewing"
points = 20
measure = "attendance_rate"
rule = { type = "threshold", target = 0.9, steps = [[0.8, 15], [0.6, 8]] }

[[indicators]]            # points per item, capped at the indicator's points
code = "IN1"
name = "信息报送"
category = "information"
points = 8
measure = "info_items"
rule = { type = "per_item", per_item = 1 }

[[indicators]]            # points − per_unit × max(0, target − actual), floor 0
code = "SU1"
name = "供片达标"
category = "supply"
points = 20
measure = "film_sets_held"
rule = { type = "deduction", target = 9, per_unit = 4 }

[[indicators]]            # actual = days late (≤ 0 on time); a missing fact = not delivered
code = "PR1"
name = "党建新闻"
category = "production"
points = 12
measure = "news_item_days_late"
rule = { type = "deadline", late_points = 6, grace_days = 30 }

[[indicators]]            # (from, to] → points
code = "DM1"
name = "科技示范户完成率"
category = "demonstration"
points = 20
measure = "demo_households_rate"
rule = { type = "bands", bands = [[0.0, 0.5, 5], [0.5, 0.9, 12], [0.9, 10.0, 20]] }

[[bonus]]
code = "B1"
name = "省级表彰"
measure = "provincial_awards"
rule = { type = "per_item", per_item = 3 }

[[veto]]                  # a failed veto item: "lowest_grade" or "zero"
code = "V1"
name = "电教经费挪用"
measure = "funds_misused"
fails_when = { op = ">", value = 0 }
effect = "lowest_grade"
"""

#: measured values a fact may take (rates, counts, days late)
fact_values: st.SearchStrategy[Decimal] = score_decimals(-60, 60, 3)


@st.composite
def score_rules(draw: st.DrawFn, points: Decimal, kind: str | None = None) -> Rule:
    """A valid rule of ``kind`` (any kind when None) for an indicator worth ``points``."""
    kind = kind or draw(st.sampled_from(sorted(RULES)))
    if kind == "ratio":
        return RatioRule(target=draw(score_decimals("0.01", 20)))
    if kind == "threshold":
        target = draw(score_decimals(-5, 20))
        ats = sorted(draw(st.lists(score_decimals(-10, 20), max_size=3, unique=True)))
        ats = [a for a in ats if a < target]
        pts = sorted(
            draw(
                st.lists(
                    score_decimals(0, points), min_size=len(ats), max_size=len(ats), unique=True
                )
            )
        )
        return ThresholdRule(target=target, steps=list(zip(ats, pts, strict=True)))
    if kind == "per_item":
        cap = draw(st.none() | score_decimals(0, 50))
        return PerItemRule(per_item=draw(score_decimals(0, 5)), cap=cap)
    if kind == "deduction":
        return DeductionRule(
            target=draw(score_decimals(-5, 20)), per_unit=draw(score_decimals(0, 10))
        )
    if kind == "deadline":
        return DeadlineRule(
            late_points=draw(score_decimals(0, points)), grace_days=draw(st.integers(0, 60))
        )
    edges = sorted(draw(st.lists(score_decimals(-5, 20), min_size=2, max_size=5, unique=True)))
    pts = sorted(
        draw(st.lists(score_decimals(0, points), min_size=len(edges) - 1, max_size=len(edges) - 1))
    )
    return BandsRule(bands=[(edges[i], edges[i + 1], pts[i]) for i in range(len(edges) - 1)])


@st.composite
def rubrics(draw: st.DrawFn, max_indicators: int = 6) -> Rubric:
    """A valid :class:`~pmedu.scoring.Rubric`: indicators with any rules, grades starting
    at 0, up to two bonus items and two veto items; measures ``m0``, ``m1`` …"""
    n = draw(st.integers(1, max_indicators))
    measures = [f"m{k}" for k in range(draw(st.integers(1, n)))]
    indicators = []
    for k in range(n):
        pts = draw(score_decimals(0, 30, 1))
        indicators.append(
            Indicator(
                code=f"I{k}",
                name=f"指标{k}",
                category=draw(st.sampled_from(list(Category))),
                points=pts,
                measure=draw(st.sampled_from(measures)),
                rule=draw(score_rules(pts)),
            )
        )
    total = sum((i.points for i in indicators), Decimal(0))
    if total == 0:
        indicators[0] = Indicator(
            code="I0",
            name="指标0",
            category="other",
            points=10,
            measure=measures[0],
            rule=RatioRule(target=1),
        )
        total = sum((i.points for i in indicators), Decimal(0))
    bonus_cap = draw(score_decimals(0, 10, 1))
    bonus = [
        BonusItem(
            code=f"B{k}",
            name=f"加分{k}",
            measure=f"b{k}",
            rule=PerItemRule(per_item=draw(score_decimals(0, 3, 1))),
            points=draw(st.none() | score_decimals(0, 10, 1)),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    veto = [
        VetoItem(
            code=f"V{k}",
            name=f"否决{k}",
            measure=f"v{k}",
            fails_when=Condition(op=draw(st.sampled_from([">", ">=", "=="])), value=0),
            effect=draw(st.sampled_from(list(VetoEffect))),
        )
        for k in range(draw(st.integers(0, 2)))
    ]
    drawn = draw(st.lists(score_decimals(0, total, 1), max_size=3, unique=True))
    mins = list(dict.fromkeys(sorted([*drawn, Decimal(0)])))
    grades = [Grade(name=f"G{k}", min=m) for k, m in enumerate(reversed(mins))]
    return Rubric(
        name=draw(st.sampled_from(["考核", "rubric"])),
        total=total,
        grades=grades,
        indicators=indicators,
        bonus_cap=bonus_cap,
        bonus=bonus,
        veto=veto,
        decimals=draw(st.integers(1, 3)),
    )


@st.composite
def facts_for(draw: st.DrawFn, rubric: Rubric, unit_ids: list[str]) -> Facts:
    """Facts for ``unit_ids`` on every measure of ``rubric``, some missing, veto measures
    mostly 0."""
    records = []
    for uid in unit_ids:
        for m in rubric.measures:
            if draw(st.integers(0, 9)) == 0:
                continue  # a missing fact
            if m.startswith("v"):
                value: Decimal = draw(st.sampled_from([Decimal(0), Decimal(0), Decimal(1)]))
            else:
                value = draw(fact_values)
            records.append((uid, m, value))
    return Facts.from_records(records)


# --- film supply (pmedu.supply) ----------------------------------------------------------

#: apportionment methods, canonical names
APPORTION_METHODS: list[str] = ["hamilton", "jefferson", "webster", "huntington_hill"]
DIVISOR_METHODS: list[str] = ["jefferson", "webster", "huntington_hill"]

#: positive apportionment weights (integers; exact arithmetic makes ints enough)
apportion_weights: st.SearchStrategy[list[int]] = st.lists(
    st.integers(min_value=1, max_value=1_000), min_size=1, max_size=8
)


@st.composite
def supply_policies(draw: st.DrawFn) -> SupplyPolicy:
    """A valid :class:`pmedu.supply.SupplyPolicy` with every parameter drawn."""
    return SupplyPolicy(
        villages_per_set=draw(st.integers(min_value=1, max_value=7)),
        villages_per_subscribed_set=draw(st.integers(min_value=1, max_value=9)),
        rounding=draw(st.sampled_from(["ceil", "floor", "half_up"])),
        village_kinds=draw(st.sampled_from([["village"], ["village", "community"]])),
        grouping=draw(st.sampled_from(["township", "county"])),
        magazines_per_unit=draw(st.integers(min_value=0, max_value=3)),
    )


@st.composite
def county_village_trees(
    draw: st.DrawFn, max_townships: int = 6, max_villages: int = 12
) -> OrgTree:
    """A county (``C``) whose townships/streets ``T1`` … hold villages and communities
    (``T1-V1`` …), with random stations; the shape of the supply examples."""
    n_towns = draw(st.integers(min_value=0, max_value=max_townships))
    units = [Unit(id="C", name="县", kind=UnitKind.COUNTY)]
    for t in range(1, n_towns + 1):
        kind = draw(st.sampled_from([UnitKind.TOWNSHIP, UnitKind.STREET]))
        units.append(Unit(id=f"T{t}", name=f"镇{t}", kind=kind, parent_id="C"))
        n = draw(st.integers(min_value=0, max_value=max_villages))
        for v in range(1, n + 1):
            vk = draw(st.sampled_from([UnitKind.VILLAGE, UnitKind.VILLAGE, UnitKind.COMMUNITY]))
            units.append(
                Unit(
                    id=f"T{t}-V{v}",
                    name=f"村{v}",
                    kind=vk,
                    parent_id=f"T{t}",
                    has_station=draw(st.booleans()),
                )
            )
    return OrgTree.from_units(units)


# --- assessment totals -------------------------------------------------------------------

#: totals of a handful of units, one decimal place (rankings, grades)
totals_lists: st.SearchStrategy[list[Decimal]] = st.lists(
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False), min_size=1, max_size=12
)


# --- fixed trees built once --------------------------------------------------------------

#: DOMAIN §4's example county: its townships hold 7, 3, 11 and 1 villages
SEED_VILLAGES = (7, 3, 11, 1)


def _never(i: int) -> bool:
    return False


def even(i: int) -> bool:
    """Every other village has a station (``V0``, ``V2`` …)."""
    return i % 2 == 0


def first(i: int) -> bool:
    """Only the first village of a township has a station."""
    return i == 0


def _none(i: int) -> int:
    return 0


def seed_county(
    villages: Sequence[int] | Mapping[str, int] = SEED_VILLAGES,
    *,
    town_names: Sequence[str] = (),
    county_members: int = 0,
    town_members: int = 0,
    village_members: Callable[[int], int] = _none,
    has_station: Callable[[int], bool] = _never,
    street: bool = False,
    community_members: int = 0,
) -> OrgTree:
    """The county ``C`` (某县) of DOMAIN §4: townships ``T1`` … (or the ids of a mapping;
    an id starting with ``S`` is a street) with villages ``T1-V0`` …; village ``i`` has
    ``village_members(i)`` members and a station when ``has_station(i)``. ``street`` adds
    the street ``S1`` (城关街道) with its community ``S1-C1`` (幸福社区)."""
    sizes = (
        dict(villages)
        if isinstance(villages, Mapping)
        else {f"T{t}": n for t, n in enumerate(villages, start=1)}
    )
    units = [Unit(id="C", name="某县", kind=UnitKind.COUNTY, members=county_members)]
    for k, (tid, n) in enumerate(sizes.items()):
        kind = UnitKind.STREET if tid.startswith("S") else UnitKind.TOWNSHIP
        default = f"{tid}街道" if kind is UnitKind.STREET else f"{tid}镇"
        name = town_names[k] if k < len(town_names) else default
        units.append(Unit(id=tid, name=name, kind=kind, parent_id="C", members=town_members))
        prefix = town_names[k] if k < len(town_names) else tid
        units += [
            Unit(
                id=f"{tid}-V{i}",
                name=f"{prefix}{i}村",
                kind=UnitKind.VILLAGE,
                parent_id=tid,
                members=village_members(i),
                has_station=has_station(i),
            )
            for i in range(n)
        ]
    if street:
        units.append(Unit(id="S1", name="城关街道", kind=UnitKind.STREET, parent_id="C"))
        units.append(
            Unit(
                id="S1-C1",
                name="幸福社区",
                kind=UnitKind.COMMUNITY,
                parent_id="S1",
                members=community_members,
            )
        )
    return OrgTree.from_units(units)


def townships(n: int, *, members: Sequence[int] = ()) -> OrgTree:
    """A county ``C`` with townships ``T1`` … ``Tn`` and no villages (members as given,
    else 10 each)."""
    got = list(members) or [10] * n
    return OrgTree.from_units(
        [Unit(id="C", name="某县", kind=UnitKind.COUNTY)]
        + [
            Unit(
                id=f"T{i + 1}",
                name=f"镇{i + 1}",
                kind=UnitKind.TOWNSHIP,
                parent_id="C",
                members=got[i],
            )
            for i in range(n)
        ]
    )


def township(villages: int, *, communities: int = 0) -> OrgTree:
    """A lone township ``T`` (东镇) with villages ``V00`` … and communities ``S00`` …"""
    units = [Unit(id="T", name="东镇", kind=UnitKind.TOWNSHIP)]
    units += [
        Unit(id=f"V{i:02d}", name="村", kind=UnitKind.VILLAGE, parent_id="T")
        for i in range(villages)
    ]
    units += [
        Unit(id=f"S{i:02d}", name="社区", kind=UnitKind.COMMUNITY, parent_id="T")
        for i in range(communities)
    ]
    return OrgTree.from_units(units)


# --- brute-force oracles over a tree -----------------------------------------------------


def above(tree: OrgTree, uid: str) -> set[str]:
    """``uid`` and every unit above it, by following ``parent_id`` (not the tree's index)."""
    out: set[str] = set()
    cur: str | None = uid
    while cur is not None:
        out.add(cur)
        cur = tree.unit(cur).parent_id
    return out


def below(tree: OrgTree, uid: str) -> set[str]:
    """``uid`` and every unit under it: the units whose chain of parents reaches ``uid``."""
    return {u.id for u in tree if uid in above(tree, u.id)}


# ---- issue 12: ids and names refuse control characters (a line break included) ----------------

#: the cell texts of a unit table an id or name may hold since issue 12 (no line breaks: ids and
#: names refuse control characters). Rebinding the name makes unit_lists_with_text draw these.
cell_texts = cell_texts.filter(lambda s: "\n" not in s)


# --- supply under a budget (pmedu.supply.budget) -----------------------------------------


@st.composite
def budget_problems(
    draw: st.DrawFn, max_townships: int = 6, max_villages: int = 15, same_cost: bool = False
) -> BudgetProblem:
    """A :class:`pmedu.supply.BudgetProblem`: townships with villages, held sets (some past
    their target), the policy's target ``ceil(villages / k)`` and a cost per set in whole
    yuan (all equal with ``same_cost``)."""
    n = draw(st.integers(min_value=0, max_value=max_townships))
    k = draw(st.integers(min_value=1, max_value=5))
    villages = draw(st.lists(st.integers(0, max_villages), min_size=n, max_size=n))
    target = [-(-v // k) for v in villages]
    held = [draw(st.integers(0, t + 1)) for t in target]
    prices = st.sampled_from([100, 200, 300, 400, 600, 250, 350])
    same = [draw(prices)] * n if same_cost else None
    cost = same if same is not None else draw(st.lists(prices, min_size=n, max_size=n))
    return BudgetProblem(
        ids=[f"T{i}" for i in range(n)],
        villages=villages,
        target=target,
        held=held,
        cost=cost,
        villages_per_set=k,
    )


#: budgets in whole yuan, from nothing to more than a tiny county's shortfall costs
budgets: st.SearchStrategy[int] = st.integers(min_value=0, max_value=6_000)

# ---- issue 17: the official calendar ---------------------------------------------------------

#: a day in a year the shipped calendar covers (2024–2026), away from the end of 2026 so the next
#: official working day is still covered
covered_days = st.dates(min_value=_dt.date(2024, 1, 1), max_value=_dt.date(2026, 12, 20))

#: a year the shipped calendar covers
covered_years = st.integers(min_value=2024, max_value=2026)

#: an e-education day: a fixed day of the month or an nth weekday
edays = st.one_of(
    st.integers(min_value=1, max_value=31).map(lambda d: EDay(day=d)),
    st.builds(
        lambda wd, n: EDay(weekday=wd, nth=n),
        st.integers(min_value=0, max_value=6),
        st.sampled_from([1, 2, 3, 4, -1]),
    ),
)


# ---- issue 13.3: the records workbook (records that survive the workbook, CSV folder, JSON) ---

from pmedu.model.films import FilmCategory, FilmSet, FilmSource, Media  # noqa: E402
from pmedu.model.member import MemberStatus, Mobility, Standing  # noqa: E402
from pmedu.model.records import AwardLevel  # noqa: E402
from pmedu.model.study import StudyEntry, StudyKind  # noqa: E402

#: text a records sheet's cell holds and gives back: stripped, no control characters, no list
#: separator, never a 合计 marker or a column name (so no row is taken for a header or a sum)
book_texts: st.SearchStrategy[str] = st.text(
    alphabet=st.sampled_from(list("东西石桥村社区镇党员学习abcXYZ019 -=+/·（）'\"")),
    min_size=1,
    max_size=10,
).filter(lambda s: s.strip() == s)

_book_dates = st.dates(_dt.date(2025, 1, 1), _dt.date(2025, 12, 31))
_yuan = st.floats(0, 1e6).map(lambda x: round(x, 2))


@st.composite
def book_members(draw: st.DrawFn, unit_ids: Sequence[str], n: int) -> list[Member]:
    """``n`` members (ids ``M0000`` …) of ``unit_ids``, every optional field drawn."""
    out = []
    for i in range(n):
        unit = draw(st.sampled_from(unit_ids))
        mobility = draw(st.sampled_from(list(Mobility)))
        others = [u for u in unit_ids if u != unit]
        out.append(
            Member(
                id=f"M{i:04d}",
                name=draw(book_texts),
                unit_id=unit,
                standing=draw(st.sampled_from(list(Standing))),
                status=draw(st.sampled_from(list(MemberStatus))),
                mobility=mobility,
                mobile_from=draw(book_texts) if mobility is Mobility.INFLOW else "",
                mobile_to=draw(book_texts) if mobility is Mobility.OUTFLOW else "",
                transferred=draw(st.booleans()),
                dual_unit_id=draw(st.none() | st.sampled_from(others)) if others else None,
                skills=draw(st.lists(st.sampled_from(["法律咨询", "家电维修", "医疗保健"]),
                                     unique=True, max_size=2)),
            )
        )  # fmt: skip
    return out


@st.composite
def book_sessions(
    draw: st.DrawFn, station_ids: Sequence[str], member_ids: Sequence[str], n: int
) -> list[ViewingSession]:
    """``n`` sessions with ids: members expected by id (or only counts), signed in in the order
    they are expected, a few signing in unexpected (the sheet keeps one order per session)."""
    out = []
    for i in range(n):
        expected = draw(st.lists(st.sampled_from(member_ids), unique=True, max_size=6))
        signed = [m for m in expected if draw(st.booleans())]
        extra = [m for m in draw(st.lists(st.sampled_from(member_ids), unique=True, max_size=2))
                 if m not in expected]  # fmt: skip
        counts = draw(st.booleans())
        out.append(
            ViewingSession(
                id=f"VS{i:04d}",
                station_id=draw(st.sampled_from(station_ids)),
                date=draw(_book_dates),
                film_ids=draw(st.lists(st.sampled_from(["F1", "F2"]), max_size=2)),
                theme=draw(st.just("") | book_texts),
                expected=expected,
                expected_count=len(expected) + draw(st.integers(0, 3)) if counts else None,
                signed_in=signed + extra,
                signed_in_count=len(signed) + len(extra) if counts else None,
                steps=draw(teaching_steps),
                discussion=draw(st.just("") | book_texts),
                minutes=draw(st.none() | st.integers(1, 240)),
            )
        )
    return out


@st.composite
def book_records(draw: st.DrawFn, max_size: int = 6) -> Records:
    """Records of every kind that the records workbook holds (members, study records, sessions
    with ids and sign-ins, the county's films …), as a return would carry them."""
    units = ["T01", "T01-V01", "T01-V02", "T01-C01"]
    pick = st.sampled_from(units)
    n = st.integers(0, max_size)
    stations = [
        Station(id=f"S{i:03d}", unit_id=draw(pick), features=draw(features),
                name=draw(st.just("") | book_texts), keeper=draw(st.none() | book_texts),
                established=draw(st.none() | _book_dates))
        for i in range(draw(st.integers(1, max_size)))
    ]  # fmt: skip
    members = draw(book_members(units, draw(st.integers(1, max_size))))
    mids = [m.id for m in members]
    films = [
        Film(id=f"F{i}", title=draw(book_texts), category=draw(st.sampled_from(list(FilmCategory))),
             source=draw(st.sampled_from(list(FilmSource))), year=draw(st.integers(1990, 2025)),
             media=draw(st.sampled_from(list(Media))), minutes=draw(st.integers(1, 120)))
        for i in (1, 2)
    ]  # fmt: skip
    return Records(
        year=draw(st.none() | st.just(2025)),
        stations=stations,
        films=films,
        film_sets=[FilmSet(id=f"FS{i}", unit_id=draw(pick), film_ids=["F1", "F2"][: i % 3],
                           title=draw(st.just("") | book_texts),
                           year=draw(st.none() | st.just(2025)))
                   for i in range(draw(n))],
        sessions=draw(book_sessions([s.id for s in stations], mids, draw(n))),
        submissions=[Submission(id=f"SB{i}", unit_id=draw(pick),
                                kind=draw(st.sampled_from(list(SubmissionKind))),
                                date=draw(_book_dates), year=draw(st.none() | st.just(2025)),
                                quarter=draw(st.none() | st.integers(1, 4)),
                                title=draw(st.just("") | book_texts))
                     for i in range(draw(n))],
        subscriptions=[MagazineSubscription(unit_id=u, year=2025, copies=draw(st.integers(1, 5)))
                       for u in draw(st.lists(pick, unique=True))],
        demo_households=[DemoHouseholds(unit_id=u, year=2025,
                                        target=draw(st.none() | st.integers(0, 30)),
                                        achieved=draw(st.integers(0, 30)))
                         for u in draw(st.lists(pick, unique=True))],
        institutions=[Institution(unit_id=u, name=draw(st.just("") | book_texts),
                                  staff=draw(st.integers(0, 3)),
                                  established=draw(st.none() | _book_dates))
                      for u in draw(st.lists(pick, unique=True))],
        awards=[Award(id=f"A{i}", unit_id=draw(pick), year=2025,
                      level=draw(st.sampled_from(list(AwardLevel))),
                      title=draw(st.just("") | book_texts))
                for i in range(draw(st.integers(0, 2)))],
        funds_misuse=[FundsMisuse(id=f"FM{i}", unit_id=draw(pick), date=draw(_book_dates),
                                  amount=draw(st.none() | _yuan),
                                  description=draw(st.just("") | book_texts))
                      for i in range(draw(st.integers(0, 2)))],
        members=members,
        study_records=[StudyEntry(id=f"L{i}", member_id=draw(st.sampled_from(mids)),
                                  date=draw(_book_dates),
                                  kind=draw(st.sampled_from(list(StudyKind))),
                                  minutes=draw(st.integers(1, 600)),
                                  content=draw(st.just("") | book_texts),
                                  effect=draw(st.just("") | book_texts))
                       for i in range(draw(n))],
    )  # fmt: skip


# ---- issue 17: money, people and activities ---------------------------------------------------

from pmedu.model import LedgerEntry  # noqa: E402 - appended: the imports above stay untouched


@st.composite
def ledgers(
    draw: st.DrawFn, *, units: Sequence[str] = ("T1", "T2"), year: int = 2025
) -> list[LedgerEntry]:
    """Funding-ledger rows (issue 17) at ``units`` for ``year``: any source, amounts in yuan to
    the fen, earmarked or not, spent on e-education or not, an audit finding now and then."""
    n = draw(st.integers(min_value=0, max_value=12))
    return [
        LedgerEntry(
            id=f"JF{i}",
            unit_id=draw(st.sampled_from(list(units))),
            year=year,
            source=draw(st.sampled_from(["预算", "党费", "捐赠", "budget", "财政预算"])),
            amount=Decimal(draw(st.integers(min_value=0, max_value=10**8))) / 100,
            earmarked=draw(st.booleans()),
            for_e_education=draw(st.booleans()),
            audit_finding=draw(st.sampled_from(["", "", "", "无票据"])),
        )
        for i in range(n)
    ]


# ---- issue 18: affiliation as a second tree --------------------------------------------------

#: the kinds of the working committees that exist only in the affiliation tree
COMMITTEE_KINDS = [UnitKind.WORKING_COMMITTEE, UnitKind.PARTY_WORKING_COMMITTEE]


@st.composite
def affiliated_unit_lists(draw: st.DrawFn, max_size: int = 30) -> list[Unit]:
    """A valid tree's units (root first) with working committees 工委/党工委 under the root
    (no ``parent_id``) and some units affiliated elsewhere than their parent: each unit's
    affiliation parent comes before it in the list, among the kinds the default rules allow
    along affiliation, so both hierarchies are trees."""
    units = draw(unit_lists(max_size=max_size))
    rules = _RULES.along("affiliation")
    root = units[0]
    committees = [
        Unit(
            id=f"W{k}",
            name=f"工委{k}",
            kind=draw(st.sampled_from(COMMITTEE_KINDS)),
            affiliation_id=root.id,
            members=draw(counts),
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    out = [root, *committees]
    for u in units[1:]:
        options = [p.id for p in out if rules.allows(p.kind, u.kind)]
        aff: str | None = None
        moved = draw(st.booleans())
        if options and moved:
            aff = draw(st.sampled_from(options))
        out.append(
            Unit(
                id=u.id,
                name=u.name,
                kind=u.kind,
                parent_id=u.parent_id,
                members=u.members,
                retired=u.retired,
                has_station=u.has_station,
                affiliation_id=aff,
            )
        )
    return out


# ---- issue 18: years as a series -------------------------------------------------------------

#: one year's totals of a few townships (the one-indicator demo rubric scores a total as is)
township_totals: st.SearchStrategy[list[int]] = st.lists(
    st.integers(min_value=0, max_value=100), min_size=2, max_size=8
)

#: how many years a series has
series_lengths: st.SearchStrategy[int] = st.integers(min_value=2, max_value=5)
# ---- issue 17: monthly plans with content ------------------------------------------------------

from pmedu.model import FilmCategory as _FilmCategory  # noqa: E402
from pmedu.model import FilmSet as _FilmSet  # noqa: E402
from pmedu.model.plans import AnnualTheme as _AnnualTheme  # noqa: E402
from pmedu.model.plans import PlanEntry as _PlanEntry  # noqa: E402
from pmedu.planning import PlanPolicy as _PlanPolicy  # noqa: E402

_CATS = list(_FilmCategory)


def _film(i: int, category: _FilmCategory) -> Film:
    return Film(id=f"F{i:03d}", title=f"片{i}", category=category, source="省", year=2024,
                media="dvd", minutes=30)  # fmt: skip


@st.composite
def township_plans(
    draw: st.DrawFn, *, every_category: bool = False, max_villages: int = 12
) -> tuple[OrgTree, list[Film], list[_FilmSet], list[_AnnualTheme], _PlanPolicy, list[Station]]:
    """A county with one or two townships (1 … ``max_villages`` villages each), each holding
    0 … 5 film sets drawn from a library; stage themes for 2025 (their own categories, a theme
    the policy maps, or one it does not); a plan policy with random weights; stations at some
    villages. With ``every_category`` every set holds at least one film of every category the
    policy weighs."""
    weights = draw(st.dictionaries(st.sampled_from(_CATS), st.integers(0, 6), min_size=1))
    if not any(weights.values()):
        weights[_CATS[0]] = 1
    policy = _PlanPolicy(
        category_weights=weights,
        theme_categories={"先进性教育": [_CATS[0], _CATS[3]], "农村实用技术": [_CATS[5]]},
        films_per_session=draw(st.integers(1, 2)),
    )
    units = [Unit(id="C", name="县", kind="县")]
    films: list[Film] = []
    sets: list[_FilmSet] = []
    for t in range(draw(st.integers(1, 2))):
        tid = f"T{t}"
        units.append(Unit(id=tid, name=f"镇{t}", kind="镇", parent_id="C"))
        units += [Unit(id=f"{tid}V{v}", name=f"村{v}", kind="村", parent_id=tid)
                  for v in range(draw(st.integers(1, max_villages)))]  # fmt: skip
        for s in range(draw(st.integers(0, 5))):
            cats = draw(st.lists(st.sampled_from(_CATS), min_size=0, max_size=6))
            if every_category:
                cats += [c for c, w in weights.items() if w > 0]
            ids = []
            for c in cats:
                films.append(_film(len(films), c))
                ids.append(films[-1].id)
            sets.append(_FilmSet(id=f"FS-{tid}-{s}", unit_id=tid, film_ids=ids))
    themes = []
    for k in range(draw(st.integers(0, 3))):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True))
        how = draw(st.sampled_from(["own", "mapped", "unknown"]))
        own = st.lists(st.sampled_from(_CATS), min_size=1, max_size=2)
        cats = draw(own) if how == "own" else []
        theme = {"own": "专题", "mapped": "先进性教育", "unknown": "别的主题"}[how]
        themes.append(_AnnualTheme(id=f"A{k}", year=2025, theme=theme, months=months,
                                   kinds=draw(st.sampled_from([["镇"], ["村"], []])),
                                   categories=cats))  # fmt: skip
    tree = OrgTree.from_units(units)
    stations = [Station(id=f"S-{u.id}", unit_id=u.id) for u in units
                if u.kind is UnitKind.VILLAGE and draw(st.booleans())]  # fmt: skip
    return tree, films, sets, themes, policy, stations


@st.composite
def plan_entry_lists(draw: st.DrawFn) -> list[_PlanEntry]:
    """A user's plan rows: 1 … 30 entries over a few months, villages and sets (so a set is
    sometimes at two villages in one month), some without a set."""
    n = draw(st.integers(1, 30))
    out = []
    for i in range(n):
        fs = draw(st.sampled_from(["", "S1", "S2", "S3"]))
        out.append(_PlanEntry(id=f"P{i}", year=2025, month=draw(st.integers(1, 3)),
                              township_id="T", unit_id=draw(st.sampled_from(["V1", "V2", "V3"])),
                              film_set_id=fs, film_ids=[] if fs else ["F1"]))  # fmt: skip
    return out


# ---- issue 13.4: sheets as offices fill them in ---------------------------------------------


@st.composite
def office_unit_lists(draw: st.DrawFn, max_size: int = 25) -> list[Unit]:
    """A valid tree's units in pre-order (a parent's children in consecutive rows, as an office
    lists the villages of each township under it, so 上级编号 can be merged down each block), with
    mobile members recorded for some (the two-row 党员情况 header's second child)."""
    units = draw(unit_lists(max_size=max_size))
    tree = OrgTree.from_units(units)
    out = []
    for u in tree:
        mobile = draw(st.none() | st.integers(min_value=0, max_value=u.members))
        out.append(
            Unit(
                id=u.id,
                name=u.name,
                kind=u.kind,
                parent_id=u.parent_id,
                members=u.members,
                mobile=mobile,
                retired=u.retired,
                has_station=u.has_station,
            )
        )
    return out


# ---- issue 13: members, the roster and the learning archive ----------------------------------


@st.composite
def counted_trees(draw: st.DrawFn, max_size: int = 25) -> OrgTree:
    """A tree whose units count their members and, or not (``None``), the mobile, retired
    and not-transferred ones, every part at most the members (small counts: rosters are
    built member by member)."""
    units = []
    for u in draw(unit_lists(max_size=max_size)):
        n = draw(st.integers(min_value=0, max_value=12))
        part = st.none() | st.integers(min_value=0, max_value=n)
        units.append(
            attrs.evolve(
                u,
                members=n,
                mobile=draw(part),
                retired=draw(part),
                not_transferred=draw(part),
                org_type=draw(st.none() | st.sampled_from(list(OrgType))),
            )
        )
    return OrgTree.from_units(units)


@st.composite
def rosters_for(draw: st.DrawFn, tree: OrgTree) -> list[Member]:
    """A roster matching every unit's counts exactly: ``members`` members at each unit, of
    whom ``mobile`` mobile (either way), ``retired`` retired and ``not_transferred`` not
    transferred (a blank count: none of them), the sets drawn independently."""
    rnd = draw(st.randoms(use_true_random=False))
    out: list[Member] = []
    for u in tree:
        n = u.members
        picks = {f: set(rnd.sample(range(n), getattr(u, f) or 0))
                 for f in ("mobile", "retired", "not_transferred")}  # fmt: skip
        for k in range(n):
            way = rnd.choice(["流入", "流出"]) if k in picks["mobile"] else ""
            out.append(
                Member(
                    id=f"{u.id}-{k}",
                    name=f"党员{len(out)}",
                    unit_id=u.id,
                    status="离退休" if k in picks["retired"] else rnd.choice(["在职", "下岗"]),
                    mobility=way,
                    transferred=k not in picks["not_transferred"],
                    skills=rnd.sample(["法律咨询", "家电维修", "医疗保健"], rnd.randint(0, 2)),
                )
            )
    return out


#: study minutes of one member's study records
study_minutes: st.SearchStrategy[list[int]] = st.lists(
    st.integers(min_value=1, max_value=600), max_size=12
)


# ---- engines (issue 16): records that exercise every measure's SQL ----------------------------


@st.composite
def engine_records(draw: st.DrawFn, tree: OrgTree, year: int = 2025) -> Records:
    """Records for ``tree`` that reach every branch of the measures' SQL: stations established
    before, within and after ``year`` (or never recorded), sessions with sign-in ids and counts,
    film sets of several years, submissions with their own year and quarter, institutions
    established late or unstaffed, members of the tree's units; and the records of issues 13
    and 17 (``engine_more_records``)."""
    import attrs

    from pmedu.model import FilmSet, Member

    base = draw(records_for(tree, year))
    est = st.none() | st.dates(_dt.date(year - 2, 1, 1), _dt.date(year + 1, 12, 31))
    stations = [attrs.evolve(s, established=draw(est)) for s in base.stations]
    sessions = [
        attrs.evolve(
            v,
            signed_in_count=draw(st.none() | st.integers(len(v.signed_in), len(v.signed_in) + 3)),
            date=draw(
                st.just(v.date) | st.dates(_dt.date(year - 1, 11, 1), _dt.date(year, 12, 31))
            ),
        )
        for v in base.sessions
    ]
    units = [u.id for u in tree]
    pick = st.sampled_from(units)
    film_sets = [
        FilmSet(id=f"FS{i}", unit_id=draw(pick), film_ids=[],
                year=draw(st.none() | st.integers(year - 1, year + 1)))
        for i in range(draw(st.integers(0, 6)))
    ]  # fmt: skip
    subs = [
        attrs.evolve(
            s,
            year=draw(st.none() | st.sampled_from([year, year - 1])),
            quarter=draw(st.none() | st.integers(1, 4)),
        )
        for s in base.submissions
    ]
    institutions = [
        attrs.evolve(i, established=draw(st.none() | st.dates(_dt.date(year - 1, 1, 1),
                                                              _dt.date(year + 1, 12, 31))))
        for i in base.institutions
    ]  # fmt: skip
    members = [
        Member(id=f"m{k}", name=f"党员{k}", unit_id=draw(pick))
        for k in range(draw(st.integers(0, 5)))
    ]
    out = attrs.evolve(
        base,
        stations=stations,
        sessions=sessions,
        film_sets=film_sets,
        submissions=subs,
        institutions=institutions,
        members=members,
    )
    return draw(engine_more_records(tree, out, year))


@st.composite
def engine_cases(
    draw: st.DrawFn, max_size: int = 25
) -> tuple[OrgTree, Records, Mapping[str, int] | None, list[str] | None]:
    """A tree, records for it, film-set holdings (or ``None``: the records' own film sets) and
    the units asked for (``None``: every unit) — what the engines must measure alike."""
    tree = draw(trees(max_size=max_size))
    records = draw(engine_records(tree))
    ids = [u.id for u in tree]
    holdings = draw(
        st.none() | st.dictionaries(st.sampled_from(ids), st.integers(0, 4), max_size=4)
    )
    units = draw(st.none() | st.lists(st.sampled_from(ids), min_size=1, unique=True))
    return tree, records, holdings, units


@st.composite
def engine_more_records(draw: st.DrawFn, tree: OrgTree, base: Records, year: int = 2025) -> Records:
    """``base`` with the records of issues 13 and 17 the measures' SQL reads, each kind sometimes
    absent (a measure of records the bundle does not keep is not applicable): study records and
    sessions' own minutes around the yearly 学时, theme activities, TV columns, liaison meetings,
    a ledger and budgets (fen exact, some years off), broadcasters trained before, within and
    after the year (or not), demonstration bases, plan entries (with and without a station or
    films) and late production items."""
    from pmedu.model import (
        Broadcaster,
        DemoBase,
        LedgerEntry,
        LiaisonMeeting,
        StudyEntry,
        ThemeActivity,
        TvColumn,
        UnitBudget,
    )
    from pmedu.model.plans import PlanEntry

    units = [u.id for u in tree]
    pick = st.sampled_from(units)
    some = st.integers(0, 1) | st.integers(0, 6)
    near = st.dates(_dt.date(year - 1, 10, 1), _dt.date(year + 1, 2, 28))
    stations = [s.id for s in base.stations]
    sessions = [
        attrs.evolve(v, minutes=draw(st.none() | st.sampled_from([0, 45, 720, 1440])))
        for v in base.sessions
    ]
    members = [m.id for m in base.members] + ["m9"]
    study = [
        StudyEntry(id=f"L{k}", member_id=draw(st.sampled_from(members)), date=draw(near),
                   kind=draw(st.sampled_from(["党校", "三会一课"])),
                   minutes=draw(st.sampled_from([1, 44, 720, 1439, 1440])))
        for k in range(draw(some))
    ]  # fmt: skip
    activities = [
        ThemeActivity(id=f"TA{k}", unit_id=draw(pick), kind=draw(st.sampled_from(
            ["凝聚力工程", "科技富民"])), start=draw(near), participants=draw(st.integers(0, 50)))
        for k in range(draw(some))
    ]  # fmt: skip
    tv = [
        TvColumn(unit_id=u, year=draw(st.sampled_from([year, year - 1])),
                 episodes=draw(st.integers(0, 2)), concentrated=draw(st.integers(0, 1)))
        for u in draw(st.lists(pick, max_size=3, unique=True))
    ]  # fmt: skip
    meetings = [
        LiaisonMeeting(id=f"LM{k}", unit_id=draw(pick), date=draw(near)) for k in range(draw(some))
    ]
    amounts = st.sampled_from(["0", "0.01", "12.30", "800", "1200.50"])
    ledger = [
        LedgerEntry(id=f"F{k}", unit_id=draw(pick),
                    year=draw(st.sampled_from([year, year, year - 1])),
                    source=draw(st.sampled_from(["预算", "党费", "捐赠"])), amount=draw(amounts),
                    earmarked=draw(st.booleans()), for_e_education=draw(st.booleans()),
                    audit_finding=draw(st.sampled_from(["", " ", "无票据"])))
        for k in range(draw(some))
    ]  # fmt: skip
    spenders = st.sampled_from([e.unit_id for e in ledger]) if ledger else pick
    budgets = [
        UnitBudget(unit_id=u, year=draw(st.sampled_from([year, year, year - 1])),
                   total=draw(amounts))
        for u in dict.fromkeys(draw(st.lists(spenders, max_size=3))
                               + draw(st.lists(pick, max_size=1)))
    ]  # fmt: skip
    trained = st.none() | st.dates(_dt.date(year - 1, 1, 1), _dt.date(year + 1, 12, 31))
    broadcasters = [
        Broadcaster(id=f"B{k}", name="播放员", station_id=draw(st.sampled_from(stations)),
                    trained=draw(trained))
        for k in range(draw(some) if stations else 0)
    ]  # fmt: skip
    bases = [
        DemoBase(id=f"J{k}", unit_id=draw(pick), level=draw(st.sampled_from(["市级", "县级"])),
                 year=draw(st.integers(year - 2, year + 1)))
        for k in range(draw(some))
    ]  # fmt: skip
    plan = []
    for k in range(draw(some)):
        films = draw(st.lists(st.sampled_from(["F1", "F2"]), max_size=2))
        at_session: bool = draw(st.booleans())
        if sessions and at_session:  # the month and station of a session, its films
            v = draw(st.sampled_from(sessions))
            films = draw(st.lists(st.sampled_from(["F1", "F2"]), max_size=2)) or list(v.film_ids)
            plan.append(
                PlanEntry(id=f"P{k}", year=v.date.year, month=v.date.month,
                          township_id=draw(pick), unit_id=draw(pick), station_id=v.station_id,
                          film_set_id="" if films else "FS0", film_ids=films)
            )  # fmt: skip
            continue
        plan.append(
            PlanEntry(id=f"P{k}", year=draw(st.sampled_from([year, year, year - 1])),
                      month=draw(st.integers(1, 12)), township_id=draw(pick), unit_id=draw(pick),
                      station_id=draw(st.sampled_from(["", *stations])),
                      film_set_id="" if films else "FS0", film_ids=films)
        )  # fmt: skip
    late = [
        Submission(id=f"SL{k}", unit_id=draw(pick), year=year,
                   kind=draw(st.sampled_from([SubmissionKind.NEWS_ITEM,
                                              SubmissionKind.SPECIAL_FILM])),
                   date=draw(st.dates(_dt.date(year + 1, 1, 1), _dt.date(year + 1, 1, 10))))
        for k in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    return attrs.evolve(
        base,
        sessions=sessions,
        study_records=study,
        theme_activities=activities,
        tv_columns=tv,
        liaison_meetings=meetings,
        ledger=ledger,
        budgets=budgets,
        broadcasters=broadcasters,
        demo_bases=bases,
        plan_entries=plan,
        submissions=[*base.submissions, *late],
    )
