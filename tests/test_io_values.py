"""Issue 12 for policies, rules and standards: non-finite and non-numeric values are
rejected at the field that holds them, a string where a list belongs is an error (never
split into characters), and a 16,000-item standard loads in linear time."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from pmedu.convert import structure
from pmedu.errors import DataError, PolicyError
from pmedu.network.rules import HierarchyRules
from pmedu.stations.standards import Standard
from pmedu.supply.policy import SupplyPolicy

ITEM = {"name": "a", "label": "甲", "requires": ["签到册"]}
RULES = {"name": "x", "allowed": {"县": ["乡镇"]}}
STANDARD = {"name": "x", "label": "x", "items": [ITEM]}

Loader = type[SupplyPolicy] | type[HierarchyRules] | type[Standard]


def _field(cl: Loader, doc: dict[str, Any]) -> str:
    with pytest.raises(PolicyError) as info:
        cl.from_document(doc, source="f.toml")
    problems = info.value.problems
    assert len(problems) == 1
    assert problems[0].file == "f.toml"
    return f"{problems[0].field}: {problems[0].what}"


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, math.nan, 1e300, 2.5, "3", "nan", True, [3], {"a": 3}]
)
@pytest.mark.parametrize(
    "key", ["villages_per_set", "villages_per_subscribed_set", "magazines_per_unit"]
)
def test_policy_numbers(key: str, value: object) -> None:
    assert _field(SupplyPolicy, {key: value}).startswith(f"$.{key}: ")


@pytest.mark.parametrize(
    ("cl", "doc", "where"),
    [
        (SupplyPolicy, {"village_kinds": "村"}, "$.village_kinds"),
        (SupplyPolicy, {"magazine_kinds": "村社区"}, "$.magazine_kinds"),
        (HierarchyRules, {**RULES, "allowed": {"县": "乡镇"}}, "$.allowed['县']"),
        (HierarchyRules, {**RULES, "organisations": "村"}, "$.organisations"),
        (HierarchyRules, {**RULES, "allowed": "县"}, "$.allowed"),
        (HierarchyRules, {**RULES, "allowed": ["县"]}, "$.allowed"),
        (Standard, {**STANDARD, "items": "ab"}, "$.items"),
        (Standard, {**STANDARD, "items": {"a": ITEM}}, "$.items"),
        (Standard, {**STANDARD, "applies_to": "村社区"}, "$.applies_to"),
        (Standard, {**STANDARD, "items": [{**ITEM, "requires": "签到册"}]}, "$.items[0].requires"),
        (Standard, {**STANDARD, "items": [{**ITEM, "requires": math.nan}]}, "$.items[0].requires"),
        (
            Standard,
            {**STANDARD, "items": [{**ITEM, "requires": [math.inf]}]},
            "$.items[0].requires[0]",
        ),
    ],
)
def test_string_or_bad_value_where_a_list_belongs(
    cl: Loader, doc: dict[str, Any], where: str
) -> None:
    assert _field(cl, doc).startswith(f"{where}: ")


def test_lists_still_load() -> None:
    assert SupplyPolicy.from_document({"village_kinds": ["村", "社区"]}).village_kinds
    assert HierarchyRules.from_document({**RULES, "organisations": ["企业"]}).organisations
    assert Standard.from_document({**STANDARD, "applies_to": ["村"]}).applies_to


@pytest.mark.parametrize(
    "value", [math.inf, math.nan, "inf", "NaN", "-Infinity", "x", Decimal("nan")]
)
def test_generic_numbers_are_finite(value: object) -> None:
    with pytest.raises(DataError, match="number"):
        structure(value, Decimal)
    if not isinstance(value, str | Decimal):
        with pytest.raises(DataError, match="finite"):
            structure(value, float)


def test_big_standard_loads() -> None:
    # its load time beside a baseline is a benchmark figure (benchmarks/bench_inputs.py)
    doc = {**STANDARD, "items": [{**ITEM, "name": f"i{i}"} for i in range(16_000)]}
    assert len(Standard.from_document(doc).items) == 16_000


def test_duplicate_items_still_named() -> None:
    doc = {**STANDARD, "items": [ITEM, {**ITEM, "label": "乙"}, {**ITEM, "name": "b"}]}
    assert _field(Standard, doc) == "$.items: duplicate item name(s): a"
