"""The facts layer: compute_facts returns Facts, errors name everything at once, layering."""

from __future__ import annotations

import ast
import inspect
from decimal import Decimal
from pathlib import Path

import pytest

import pmedu.facts as facts_pkg
import pmedu.measures as old_module
from pmedu.errors import DataError, UnknownUnitError
from pmedu.facts import MEASURES, Facts, compute_facts, measure_rows
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.records import Records

SRC = Path(facts_pkg.__file__).parent


def _tree() -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="县", kind="县"),
            Unit(id="T", name="镇", kind="镇", parent_id="C"),
            Unit(id="V", name="村", kind="村", parent_id="T"),
        ]
    )


def test_compute_facts_is_facts_of_the_rows() -> None:
    tree, rec = _tree(), Records(year=2025)
    got = compute_facts(tree, rec, 2025)
    assert isinstance(got, Facts)
    assert got == Facts.from_records(measure_rows(tree, rec, 2025), year=2025)
    assert got.year == 2025
    assert got.get("T", "funds_misused") == Decimal(0)


def test_old_measures_module_keeps_its_rows() -> None:
    tree, rec = _tree(), Records(year=2025)
    with pytest.deprecated_call(match="measure_rows"):
        rows = old_module.compute_facts(tree, rec, 2025, ["T"])
    assert rows == measure_rows(tree, rec, 2025, units=["T"])
    with pytest.deprecated_call(match="pmedu.facts.compute_facts"):
        old_facts = old_module.facts
    assert old_facts(tree, rec, 2025) == compute_facts(tree, rec, 2025)


def test_every_unknown_unit_at_once() -> None:
    with pytest.raises(UnknownUnitError) as err:
        compute_facts(_tree(), Records(), 2025, units=["X1", "T", "X2"])
    assert "'X1'" in str(err.value)
    assert "'X2'" in str(err.value)


def test_unknown_measure_lists_the_known_ones() -> None:
    with pytest.raises(DataError) as err:
        compute_facts(_tree(), Records(), 2025, measures=["nope", "zilch"])
    text = str(err.value)
    assert "nope, zilch" in text
    assert all(name in text for name in MEASURES)


@pytest.mark.parametrize("fn", [compute_facts, measure_rows])
def test_options_are_keyword_only(fn: object) -> None:
    for p in inspect.signature(fn).parameters.values():  # type: ignore[arg-type]
        if p.default is not inspect.Parameter.empty:
            assert p.kind is inspect.Parameter.KEYWORD_ONLY, p.name


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("path", sorted(SRC.glob("*.py")), ids=lambda p: p.name)
def test_facts_never_imports_scoring_or_io(path: Path) -> None:
    bad = {m for m in _imports(path) if m.startswith(("pmedu.scoring", "pmedu.io"))}
    assert not bad
    assert "pmedu" not in _imports(path)


def test_facts_data_imports_no_computing_module() -> None:
    mods = _imports(SRC / "data.py")
    ground = {"pmedu.errors", "pmedu.compat"}
    assert not {m for m in mods if m.startswith("pmedu.") and m not in ground}
