"""Issue 12 for rubrics and facts: bad values are problems at their place, never tracebacks."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pmedu.errors import DataError, RubricError
from pmedu.facts import Facts
from pmedu.io.facts import read_facts
from pmedu.scoring.presets import preset_rubric
from pmedu.scoring.rules import RULES, RatioRule
from pmedu.scoring.schema import Rubric

BASE = preset_rubric().to_dict()


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


CASES = [
    (["indicators", 0, "points"], float("nan"), "$.indicators[0].points"),
    (["indicators", 0, "points"], float("inf"), "$.indicators[0].points"),
    (["indicators", 0, "points"], "abc", "$.indicators[0].points"),
    (["indicators", 0], "abc", "$.indicators[0]"),
    (["indicators"], {"a": 1}, "$.indicators"),
    (["grades", 0], [1], "$.grades[0]"),
    (["grades"], "abc", "$.grades"),
    (["total"], "abc", "$.total"),
    (["total"], "1e999999999", "$.total"),
    (["veto", 0, "fails_when"], [1], "$.veto[0].fails_when"),
    # MG1's bands (index 11 since issue 17 put ST4 before it)
    (["indicators", 13, "rule", "bands"], [[0, float("nan"), 1]], "$.indicators[13].rule.bands"),
    (["indicators", 0, "rule"], "ratio", "$.indicators[0].rule"),
    (["bonus"], "x", "$.bonus"),
]


@pytest.mark.parametrize(("path", "value", "field"), CASES)
def test_bad_rubric_value_is_a_problem_at_its_field(
    path: list[Any], value: Any, field: str
) -> None:
    doc = copy.deepcopy(BASE)
    _set(path, value)(doc)
    with pytest.raises(RubricError) as err:
        Rubric.from_dict(doc)
    # at the field, or more precisely inside it (a band's own cell)
    fields = [p.field or "" for p in err.value.problems]
    assert any(f == field or f.startswith(f"{field}[") for f in fields), err.value.problems


@pytest.mark.parametrize("doc", [[1], "x", None, 5])
def test_a_rubric_document_that_is_not_a_table(doc: Any) -> None:
    with pytest.raises(RubricError) as err:
        Rubric.from_dict(doc)
    assert err.value.problems[0].field == "$"


def test_huge_fact_is_refused_naming_unit_and_measure() -> None:
    with pytest.raises(DataError) as err:
        Facts.from_records([("T01", "info_items", "1e999999999")])
    assert err.value.problems[0].unit == "T01"
    assert "info_items" in str(err.value)
    with pytest.raises(DataError) as err2:
        Facts({("T01", "info_items"): Decimal("1e999999999")})
    assert err2.value.problems[0].field == "info_items"
    with pytest.raises(DataError):
        Facts({("T01", "info_items"): Decimal("NaN")})


@pytest.mark.parametrize("actual", ["1e999999999", "-1e999999999", "1e-999999999"])
def test_rules_compute_safely_on_huge_actuals(actual: str) -> None:
    for rule in preset_rubric().indicators:
        pts = rule.rule.points(Decimal(actual), rule.points)
        assert Decimal(0) <= pts <= rule.points
    assert RatioRule(target=Decimal(1)).points(Decimal(actual), Decimal(10)) >= 0
    assert set(RULES) >= {"ratio", "bands"}


def test_unknown_measure_column_warns_or_fails_when_strict(tmp_path: Path) -> None:
    p = tmp_path / "f.csv"
    p.write_text("unit,info_item,info_items\nT01,8,8\n", encoding="utf-8")
    facts = read_facts(p)
    assert [w.field for w in facts.warnings] == ["info_item"]
    assert facts.get("T01", "info_item") == 8
    with pytest.raises(DataError) as err:
        read_facts(p, strict=True)
    assert "info_item" in str(err.value)
    long = tmp_path / "l.csv"
    long.write_text("unit,measure,value\nT01,info_itmes,8\n", encoding="utf-8")
    assert [w.field for w in read_facts(long).warnings] == ["info_itmes"]
