"""Scoring rules: points within [0, P], monotone in the actual value, DOMAIN §10 deadlines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.scoring import (
    BandsRule,
    DeadlineRule,
    DeductionRule,
    PerItemRule,
    RatioRule,
    ThresholdRule,
)
from pmedu.scoring.rules import RULES
from strategies import fact_values, score_decimals, score_rules
from strategies import indicator_points as points

D = Decimal


@given(st.data(), points, fact_values)
def test_points_within_zero_and_indicator_points(
    data: st.DataObject, possible: Decimal, actual: Decimal
) -> None:
    rule = data.draw(score_rules(possible))
    earned = rule.points(actual, possible)
    assert D(0) <= earned <= possible


@given(st.data(), points, fact_values, fact_values)
def test_every_rule_is_monotone_in_the_actual(
    data: st.DataObject, possible: Decimal, a: Decimal, b: Decimal
) -> None:
    """More of the measure never earns fewer points (for ``deadline`` the measure is days
    late, so it is non-increasing; for ``deduction`` the shortfall = target − actual)."""
    kind = data.draw(st.sampled_from(sorted(RULES)))
    rule = data.draw(score_rules(possible, kind))
    lo, hi = min(a, b), max(a, b)
    p_lo, p_hi = rule.points(lo, possible), rule.points(hi, possible)
    if kind == "deadline":
        assert p_lo >= p_hi
    else:
        assert p_lo <= p_hi


@given(
    points,
    score_decimals(-5, 20),
    score_decimals(0, 10),
    score_decimals(0, 10),
    score_decimals(0, 10),
)
def test_deduction_non_increasing_in_shortfall(
    possible: Decimal, target: Decimal, per_unit: Decimal, s1: Decimal, s2: Decimal
) -> None:
    rule = DeductionRule(target=target, per_unit=per_unit)
    small, big = min(s1, s2), max(s1, s2)
    assert rule.points(target - small, possible) >= rule.points(target - big, possible)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("-30", "12"),
        ("0", "12"),
        ("0.5", "6"),
        ("1", "6"),
        ("30", "6"),
        ("30.01", "0"),
        ("31", "0"),
        ("400", "0"),
    ],
)
def test_deadline_follows_domain_section_10(days: str, expected: str) -> None:
    """days late ≤ 0 → full; 0 < days ≤ grace_days → late_points; later → 0 (a missing fact
    is scored by assess as not delivered, tested there)."""
    rule = DeadlineRule(late_points=D(6), grace_days=30)
    assert rule.points(D(days), D(12)) == D(expected)


def test_late_points_above_indicator_points_are_clamped() -> None:
    assert DeadlineRule(late_points=D(20), grace_days=5).points(D(3), D(12)) == D(12)
    assert DeadlineRule(late_points=D(20), grace_days=5).problems(D(12))


def test_ratio_threshold_per_item_deduction_bands_examples() -> None:
    assert RatioRule(target=D(1)).points(D("0.85"), D(20)) == D("17")
    assert RatioRule(target=D(1)).points(D("1.3"), D(20)) == D("20")
    assert RatioRule(target=D(1)).points(D("-1"), D(20)) == D("0")
    assert RatioRule(target=D(3)).points(D(1), D(10)) == D("3.33")  # half-up to 2 places
    th = ThresholdRule(target=D("0.9"), steps=[(0.8, 15), (0.6, 8)])
    assert [th.points(D(x), D(20)) for x in ("0.9", "0.89", "0.8", "0.79", "0.6", "0.59")] == [
        D(20),
        D(15),
        D(15),
        D(8),
        D(8),
        D(0),
    ]
    pi = PerItemRule(per_item=D(1))
    assert [pi.points(D(x), D(8)) for x in ("0", "3", "8", "12")] == [D(0), D(3), D(8), D(8)]
    assert PerItemRule(per_item=D(2), cap=D(5)).points(D(4), D(8)) == D(5)
    de = DeductionRule(target=D(9), per_unit=D(4))
    assert [de.points(D(x), D(20)) for x in ("9", "12", "8", "5", "2")] == [
        D(20),
        D(20),
        D(16),
        D(4),
        D(0),
    ]
    ba = BandsRule(bands=[(0, 0.5, 5), (0.5, 0.9, 12), (0.9, 10, 20)])
    assert [ba.points(D(x), D(20)) for x in ("-1", "0", "0.2", "0.5", "0.7", "0.95", "11")] == [
        D(0),
        D(0),
        D(5),
        D(5),
        D(12),
        D(20),
        D(20),
    ]


def test_rule_tables_are_checked() -> None:
    assert ThresholdRule(target=D(1), steps=[(0.8, 5), (0.6, 7)]).problems(D(10))
    assert ThresholdRule(target=D(1), steps=[(1.2, 5)]).problems(D(10))
    assert BandsRule(bands=[(0, 1, 5), (0.5, 2, 6)]).problems(D(10))  # overlap
    assert BandsRule(bands=[(0, 1, 5), (1, 2, 4)]).problems(D(10))  # decreasing
    assert BandsRule(bands=[(0, 1, 5), (1, 2, 11)]).problems(D(10))  # above the points
    assert not BandsRule(bands=[(0, 1, 5), (1, 2, 10)]).problems(D(10))
