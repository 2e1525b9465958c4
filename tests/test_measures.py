"""The measures registry (issue 5 §5): every canonical measure, computed from records."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree
from pmedu.errors import RecordError
from pmedu.facts import MEASURES, MeasurePolicy
from pmedu.facts import measure_rows as compute_facts
from pmedu.model import (
    Award,
    AwardLevel,
    DemoHouseholds,
    FilmSet,
    FundsMisuse,
    Institution,
    MagazineSubscription,
    Submission,
)
from pmedu.records import Records
from pmedu.stations import Standard, Station
from pmedu.supply import SupplyPolicy
from pmedu.viewing import ViewingSession
from strategies import above, seed_county, trees_with_records

CANONICAL = [
    "station_coverage_rate",
    "two_machines_one_room_rate",
    "six_haves_rate",
    "film_supply_rate",
    "plans_held_rate",
    "attendance_rate",
    "news_item_days_late",
    "special_film_days_late",
    "info_items",
    "info_quarters_met",
    "magazine_subscription_rate",
    "demo_households_rate",
    "institution_in_place",
    "provincial_awards",
    "funds_misused",
    # issue 17
    "theme_activities",
    "theme_activity_participants",
    "tv_column_in_place",
    "liaison_quarters_met",
    "production_quota_met",
    "funds_budget_share",
    "funds_earmarked_rate",
    "funds_misuse_findings",
    "trained_broadcaster_rate",
    "demo_bases_rate",
]


def test_registry_has_every_canonical_measure() -> None:
    assert list(MEASURES) == CANONICAL
    assert all(m.kind in ("rate", "count", "days") for m in MEASURES.values())


TMOR = Standard.preset(name="two_machines_one_room").requires()
SIX = Standard.preset(name="six_haves").requires()


def _records() -> Records:
    return Records(
        year=2025,
        stations=[
            Station(id="st1", unit_id="T1-V0", features=TMOR | SIX),
            Station(id="st2", unit_id="T1-V1", features=TMOR),
            Station(id="st3", unit_id="T1-V2", features=["tv"], established=dt.date(2025, 7, 1)),
            Station(id="st4", unit_id="S1-C1", features=TMOR),
        ],
        film_sets=[FilmSet(id=f"fs{i}", unit_id="T1") for i in range(2)]
        + [FilmSet(id="fs9", unit_id="T2", year=2026)],
        sessions=[
            ViewingSession(
                id=f"a{m}",
                station_id="st1",
                date=dt.date(2025, m, 10),
                expected_count=20,
                signed_in_count=15,
            )
            for m in range(1, 13)
        ]
        + [
            ViewingSession(
                id="b1", station_id="st2", date="2025-03-10", expected_count=10, signed_in_count=5
            ),
            ViewingSession(
                id="c1", station_id="st3", date="2025-08-10", expected_count=10, signed_in_count=10
            ),
        ],
        submissions=[
            Submission(id="n1", unit_id="T1", kind="党建类新闻", date="2025-12-01"),
            Submission(id="f1", unit_id="T1", kind="专题片", date="2026-01-20", year=2025),
            *(
                Submission(id=f"i{k}", unit_id="T1", kind="信息", date=d)
                for k, d in enumerate(
                    ["2025-02-01", "2025-03-01", "2025-05-01", "2025-06-01", "2025-08-01"]
                )
            ),
        ],
        subscriptions=[MagazineSubscription(unit_id="T1-V0", year=2025)],
        demo_households=[
            DemoHouseholds(unit_id="T1", year=2025, target=10),
            DemoHouseholds(unit_id="T1-V0", year=2025, achieved=4),
            DemoHouseholds(unit_id="T1-V1", year=2025, achieved=3),
            DemoHouseholds(unit_id="T2", year=2025, target=5, achieved=6),
        ],
        institutions=[Institution(unit_id="T1", staff=2), Institution(unit_id="T2", staff=0)],
        awards=[
            Award(id="a", unit_id="T1-V0", year=2025, level="省级"),
            Award(id="b", unit_id="T1", year=2025, level="市级"),
        ],
        funds_misuse=[FundsMisuse(id="x", unit_id="T3-V1", date=dt.date(2025, 4, 1))],
    )


def test_pinned_values_for_a_small_county() -> None:
    tree, rec = seed_county(street=True), _records()
    facts = {(u, m): v for u, m, v in compute_facts(tree, rec, 2025)}
    t1 = {m: facts[("T1", m)] for m in CANONICAL[:15] if ("T1", m) in facts}  # before issue 17
    assert t1 == {
        "station_coverage_rate": 3 / 7,
        "two_machines_one_room_rate": 2 / 3,
        "six_haves_rate": 1 / 3,
        "film_supply_rate": 2 / 3,  # 2 sets held, ceil(7/3) = 3 needed
        "plans_held_rate": 14 / 30,  # st1 12/12, st2 1/12, st3 1/6
        "attendance_rate": (180 + 5 + 10) / (240 + 10 + 10),
        "news_item_days_late": -30,
        "special_film_days_late": 20,
        "info_items": 5,
        "info_quarters_met": 2,
        "magazine_subscription_rate": 0.5,
        "demo_households_rate": 0.7,
        "institution_in_place": 1,
        "provincial_awards": 1,
        "funds_misused": 0,
    }
    assert facts[("T2", "demo_households_rate")] == 1.2  # uncapped: the rules clamp
    assert facts[("T2", "institution_in_place")] == 0  # no staff
    assert facts[("T2", "film_supply_rate")] == 0.0  # its set counts from 2026
    assert ("T2", "news_item_days_late") not in facts  # not delivered: a missing fact
    assert facts[("T3", "funds_misused")] == 1
    assert facts[("C", "funds_misused")] == 1
    assert facts[("S1", "film_supply_rate")] is None  # a street needs no set: n/a
    assert facts[("T2", "two_machines_one_room_rate")] is None  # no station: n/a
    assert facts[("C", "demo_households_rate")] == pytest.approx(13 / 15)
    # the county's target: 9 sets grouped by township (DOMAIN §4)
    assert facts[("C", "film_supply_rate")] == pytest.approx(2 / 9)


def test_single_measure_call_matches_compute_facts() -> None:
    tree, rec = seed_county(street=True), _records()
    rows = compute_facts(tree, rec, 2025)
    for u, m, v in rows:
        assert MEASURES[m](tree, rec, u, 2025) == v


def test_policy_is_a_parameter() -> None:
    tree, rec = seed_county(street=True), _records()
    pol = MeasurePolicy(supply=SupplyPolicy(villages_per_set=5, rounding="floor"))
    assert (
        MEASURES["film_supply_rate"](tree, rec, "T1", 2025, pol) == 2.0
    )  # 2 sets / floor(7/5) = 1


def test_bad_records_raise_with_every_problem() -> None:
    tree = seed_county(street=True)
    rec = Records(
        stations=[Station(id="s", unit_id="NOPE")],
        sessions=[ViewingSession(id="v", station_id="zz", date="2025-01-01")],
    )
    with pytest.raises(RecordError) as err:
        compute_facts(tree, rec, 2025)
    assert len(err.value.problems) == 2


@given(trees_with_records(), st.randoms(use_true_random=False))
def test_measures_invariant_under_reordering_records(
    data: tuple[OrgTree, Records], rnd: random.Random
) -> None:
    tree, rec = data
    shuffled = {}
    for name in (
        "stations",
        "film_sets",
        "sessions",
        "submissions",
        "subscriptions",
        "demo_households",
        "institutions",
        "awards",
        "funds_misuse",
    ):
        items = list(getattr(rec, name))
        rnd.shuffle(items)
        shuffled[name] = items
    other = Records(year=rec.year, films=rec.films, **shuffled)
    a = compute_facts(tree, rec, 2025)
    b = compute_facts(tree, other, 2025)
    assert a == b
    for _u, m, v in a:
        if MEASURES[m].kind == "rate" and v is not None:
            assert v >= 0  # true ratios, uncapped


@given(trees_with_records())
def test_count_measures_roll_up_as_sums(data: tuple[OrgTree, Records]) -> None:
    tree, rec = data
    facts = {(u, m): v for u, m, v in compute_facts(tree, rec, 2025)}
    provincial = [a.unit_id for a in rec.awards if a.level is AwardLevel.PROVINCIAL]
    misused = [f.unit_id for f in rec.funds_misuse]
    for u in tree:
        # a record counts at its own unit and at every unit above it (parent links)
        assert facts[(u.id, "provincial_awards")] == sum(u.id in above(tree, w) for w in provincial)
        assert facts[(u.id, "funds_misused")] == sum(u.id in above(tree, w) for w in misused)
