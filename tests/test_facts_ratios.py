"""Issue 11 (3): measures report true ratios, ``None`` where nothing is to be divided."""

from __future__ import annotations

from pmedu import OrgTree, Unit
from pmedu.datasets import sample_county, sample_records
from pmedu.facts import compute_facts
from pmedu.facts.measures import MEASURES
from pmedu.model import DemoHouseholds
from pmedu.records import Records


def test_street_needing_no_film_set_is_not_applicable() -> None:
    tree, rec = sample_county(), sample_records()
    facts = compute_facts(tree, rec, 2025)
    streets = [u.id for u in tree.units(kind="街道")]
    assert streets
    for uid in streets:
        assert facts.has(uid, "film_supply_rate")
        assert facts.get(uid, "film_supply_rate") is None


def test_rates_are_not_capped() -> None:
    tree = OrgTree.from_units(
        [
            Unit(id="C", name="县", kind="县"),
            Unit(id="T", name="镇", kind="镇", parent_id="C"),
        ]
    )
    rec = Records(
        year=2025, demo_households=[DemoHouseholds(unit_id="T", year=2025, target=50, achieved=58)]
    )
    assert MEASURES["demo_households_rate"](tree, rec, "T", 2025) == 1.16
