"""Apportionment (pmedu.supply.apportion, decompose_target): known answers and properties."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.apportion import apportion
from pmedu.errors import ApportionError
from pmedu.network.decompose import decompose_target
from strategies import APPORTION_METHODS, DIVISOR_METHODS, apportion_weights, seed_county

VOTES = [100_000, 80_000, 30_000, 20_000]  # the textbook example, 8 seats


def test_alabama_paradox_from_style_guide() -> None:
    assert apportion(10, [6, 6, 2]) == [4, 4, 2]
    assert apportion(11, [6, 6, 2]) == [5, 5, 1]


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("dhondt", [4, 3, 1, 0]),
        ("jefferson", [4, 3, 1, 0]),
        ("sainte_lague", [3, 3, 1, 1]),
        ("webster", [3, 3, 1, 1]),
        ("hamilton", [3, 3, 1, 1]),
        ("huntington_hill", [3, 3, 1, 1]),
    ],
)
def test_known_answers(method: str, expected: list[int]) -> None:
    assert apportion(8, VOTES, method=method) == expected


def test_huntington_hill_one_each_before_a_second() -> None:
    assert apportion(3, [1000, 1, 1], method="huntington_hill") == [1, 1, 1]
    assert apportion(4, [1000, 1, 1], method="huntington_hill") == [2, 1, 1]


def test_fewer_seats_than_recipients_larger_weights_win() -> None:
    assert apportion(2, [3, 9, 5, 1], method="huntington_hill") == [0, 1, 1, 0]
    # equal weights: the earlier position wins (documented tie-break)
    assert apportion(1, [4, 4], method="huntington_hill") == [1, 0]
    assert apportion(1, [4, 4]) == [1, 0]


def test_mapping_in_mapping_out() -> None:
    assert apportion(9, {"T1": 7, "T2": 3, "T3": 11, "T4": 1}) == {
        "T1": 3,
        "T2": 1,
        "T3": 5,
        "T4": 0,
    }


def test_exact_arithmetic_takes_floats_and_fractions() -> None:
    assert apportion(3, [Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)]) == [1, 1, 1]
    assert apportion(10, [0.1, 0.2, 0.7]) == [1, 2, 7]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((3, [1, 0]), "must be > 0"),
        ((3, [1, -2]), "must be > 0"),
        ((-1, [1]), "total must be >= 0"),
        ((3, [1, 1], {"method": "borda"}), "unknown apportionment method"),
        ((2, []), "no recipients"),
        ((3, [1, True]), "must be a number"),
    ],
)
def test_bad_input_is_a_clear_error(args: tuple[Any, ...], message: str) -> None:
    options = args[2] if len(args) > 2 else {}
    with pytest.raises(ApportionError, match=message):
        apportion(args[0], args[1], **options)


def test_impossible_minimum() -> None:
    with pytest.raises(ApportionError, match="minimum 2 for each of 3 recipients needs 6"):
        apportion(5, [1, 1, 1], minimum=2)
    assert apportion(6, [100, 1, 1], method="webster", minimum=2) == [2, 2, 2]
    assert apportion(0, []) == []


@given(
    st.integers(min_value=0, max_value=200),
    apportion_weights,
    st.sampled_from(APPORTION_METHODS),
    st.integers(min_value=0, max_value=3),
)
def test_shares_sum_to_total_and_respect_minimum(
    total: int, weights: list[int], method: str, minimum: int
) -> None:
    if minimum * len(weights) > total:
        with pytest.raises(ApportionError):
            apportion(total, weights, method=method, minimum=minimum)
        return
    shares = apportion(total, weights, method=method, minimum=minimum)
    assert sum(shares) == total
    assert all(s >= minimum for s in shares)


@given(st.integers(min_value=0, max_value=300), apportion_weights)
def test_hamilton_quota_rule(total: int, weights: list[int]) -> None:
    shares = apportion(total, weights)
    w = sum(weights)
    for s, x in zip(shares, weights, strict=True):
        quota = Fraction(total * x, w)
        assert quota - 1 < s < quota + 1


@given(st.integers(min_value=0, max_value=120), apportion_weights, st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_are_house_monotone(total: int, weights: list[int], method: str) -> None:
    before = apportion(total, weights, method=method)
    after = apportion(total + 1, weights, method=method)
    assert all(b <= a for b, a in zip(before, after, strict=True))


@given(
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=50),
    st.sampled_from(APPORTION_METHODS),
)
def test_equal_weights_differ_by_at_most_one(total: int, n: int, w: int, method: str) -> None:
    shares = apportion(total, [w] * n, method=method)
    assert max(shares) - min(shares) <= 1


@given(
    st.integers(min_value=0, max_value=200),
    st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=7, unique=True),
    st.sampled_from(APPORTION_METHODS),
    st.randoms(use_true_random=False),
)
def test_permuting_recipients_permutes_shares(
    total: int, weights: list[int], method: str, rnd: random.Random
) -> None:
    # distinct weights: the tie-break (larger weight first) never looks at positions
    order = list(range(len(weights)))
    rnd.shuffle(order)
    shares = apportion(total, weights, method=method)
    permuted = apportion(total, [weights[i] for i in order], method=method)
    assert permuted == [shares[i] for i in order]


@given(
    st.integers(min_value=0, max_value=200),
    apportion_weights,
    st.sampled_from(APPORTION_METHODS),
    st.integers(min_value=2, max_value=9),
)
def test_scaling_weights_changes_nothing(
    total: int, weights: list[int], method: str, k: int
) -> None:
    assert apportion(total, weights, method=method) == apportion(
        total, [k * x for x in weights], method=method
    )


@given(apportion_weights, st.integers(min_value=0, max_value=30))
def test_huntington_hill_gives_everyone_one(weights: list[int], extra: int) -> None:
    shares = apportion(len(weights) + extra, weights, method="huntington_hill")
    assert min(shares) >= 1


def test_decompose_target_by_villages_leaves_out_zero_weights() -> None:
    tree = seed_county(
        {"T1": 7, "T2": 3, "S1": 0, "T3": 11, "T4": 1},
        county_members=5,
        town_members=10,
        village_members=lambda i: 3,
    )
    d = decompose_target(tree, at="C", total=1000, levels=[["乡镇", "街道"]], weight="村")
    assert d.shares == {"T1": 318, "T2": 136, "S1": 0, "T3": 500, "T4": 46}
    assert sum(d.shares.values()) == 1000
    assert d.left_out == ("S1",)
    recs = d.to_records()
    assert recs[2] == {"unit_id": "S1", "name": "S1街道", "weight": 0, "share": 0, "left_out": True}


def test_decompose_target_weights_by_field_function_and_mapping() -> None:
    tree = seed_county(
        {"T1": 2, "T2": 6}, county_members=5, town_members=10, village_members=lambda i: 3
    )
    by_members = decompose_target(
        tree, at="C", total=10, levels="镇", weight="members"
    )  # 16 and 28 members
    assert by_members.shares == {"T1": 4, "T2": 6}
    by_fn = decompose_target(
        tree, at="C", total=10, levels="镇", weight=lambda u: 1, method="dhondt"
    )
    assert by_fn.shares == {"T1": 5, "T2": 5}
    by_map = decompose_target(
        tree, at="C", total=3, levels="镇", weight={"T2": 1}, method="huntington_hill"
    )
    assert by_map.shares == {"T1": 0, "T2": 3}
    assert by_map.left_out == ("T1",)


def test_decompose_target_errors() -> None:
    tree = seed_county(
        {"S1": 0, "S2": 0}, county_members=5, town_members=10, village_members=lambda i: 3
    )
    with pytest.raises(ApportionError, match="every weight is zero"):
        decompose_target(tree, at="C", total=5, levels="街道", weight="村")
    with pytest.raises(ApportionError, match="negative weights"):
        decompose_target(tree, at="C", total=5, levels="街道", weight=lambda u: -1)
    with pytest.raises(ApportionError, match="neither a Unit count field nor a unit kind"):
        decompose_target(tree, at="C", total=5, levels="街道", weight="households")
    with pytest.raises(ApportionError, match="no units"):
        decompose_target(tree, at="C", total=5, levels="村", weight="村")
