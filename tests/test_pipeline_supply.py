"""One holdings, one policy: the supply section and film_supply_rate read the same ones."""

from __future__ import annotations

from pmedu.datasets import sample_county, sample_holdings, sample_records
from pmedu.facts import MeasurePolicy
from pmedu.facts import measure_rows as compute_facts
from pmedu.pipeline import compute_year, held_sets


def test_without_holdings_the_records_film_sets_are_held() -> None:
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, year=2025)
    held = held_sets(records, 2025)
    assert held is not None
    assert results.plan.total.held == sum(held.values()) == 101
    for line in results.plan.level("township"):
        assert line.held == held.get(line.unit_id, 0)
        rate = results.facts.get(line.unit_id, "film_supply_rate")
        if line.target_sets:
            assert float(rate) == min(1.0, line.held / line.target_sets)


def test_given_holdings_feed_the_plan() -> None:
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, holdings=sample_holdings(), year=2025)
    assert results.plan.line("C000").held == sum(sample_holdings().values())


def test_the_policy_feeds_the_plan_and_film_supply_rate() -> None:
    tree, records = sample_county(), sample_records()
    results = compute_year(tree, records=records, policy="seed001", year=2025)
    assert results.plan.policy.name == "seed001"
    want = compute_facts(
        tree,
        records,
        2025,
        measures=["film_supply_rate"],
        policy=MeasurePolicy(supply="seed001"),
    )
    for uid, _m, value in want:
        got = results.facts.get(uid, "film_supply_rate")
        assert (None if got is None else float(got)) == value, uid
