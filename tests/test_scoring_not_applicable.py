"""Issue 11 (3): an indicator that does not apply is left out and the total rescaled 折算."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from pmedu import OrgTree, Unit
from pmedu.facts import Facts
from pmedu.scoring.assess import assess
from pmedu.scoring.rules import RatioRule, ThresholdRule
from pmedu.scoring.schema import Grade, Indicator, NotApplicablePolicy, Rubric


def _rubric(**kw: object) -> Rubric:
    return Rubric(
        name="r",
        total=100,
        grades=[Grade("优秀", 90), Grade("合格", 60), Grade("不合格", 0)],
        indicators=[
            Indicator(
                code="SU1",
                name="供片",
                category="supply",
                points=10,
                measure="film_supply_rate",
                rule=ThresholdRule(target=1),
            ),
            Indicator(
                code="X",
                name="其他",
                category="other",
                points=90,
                measure="m",
                rule=RatioRule(target=90),
            ),
        ],
        **kw,  # type: ignore[arg-type]
    )


TREE = OrgTree.from_units(
    [
        Unit(id="C", name="县", kind="县"),
        Unit(id="S", name="街道", kind="街道", parent_id="C"),
        Unit(id="T", name="镇", kind="镇", parent_id="C"),
    ]
)
FACTS = Facts.from_records(
    [("S", "film_supply_rate", None), ("S", "m", 80), ("T", "film_supply_rate", 1), ("T", "m", 80)]
)


def test_street_rescaled_township_unchanged() -> None:
    a = assess(TREE, FACTS, _rubric())
    street = a.scorecard("S")
    assert street.total == Decimal("88.89")
    assert street.line("SU1").not_applicable
    assert not street.line("SU1").missing
    assert street.not_applicable == ("film_supply_rate",)
    assert street.missing == ()
    assert "不适用" in street.explain()
    assert "折算" in street.explain()
    assert a.scorecard("T").total == Decimal("90.00")


@pytest.mark.parametrize(
    ("policy", "street"), [("rescale", "88.89"), ("full", "90.00"), ("zero", "80.00")]
)
def test_policy(policy: str, street: str) -> None:
    rubric = _rubric(not_applicable=policy)
    assert rubric.not_applicable is NotApplicablePolicy.parse(policy)
    a = assess(TREE, FACTS, rubric)
    assert a.scorecard("S").total == Decimal(street)
    assert a.scorecard("T").total == Decimal("90.00")


def test_missing_is_not_not_applicable() -> None:
    facts = Facts.from_records([("S", "m", 80)])  # no SU1 fact at all
    card = assess(TREE, facts, _rubric(), units=["S"]).scorecard("S")
    assert card.total == Decimal("80.00")
    assert card.missing == ("film_supply_rate",)
    assert not card.line("SU1").not_applicable


def test_policy_round_trips_through_data() -> None:
    r = _rubric(not_applicable="full", veto_rank="by_total")
    assert Rubric.from_dict(r.to_dict()) == r
    assert attrs.evolve(r).not_applicable is NotApplicablePolicy.FULL
