"""The scoring split: one points() body, data results, io only by name, old paths still work."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

import pmedu.scoring as scoring
from issue17 import rubric_before_issue17
from pmedu.errors import RubricError
from pmedu.io import facts as io_facts
from pmedu.io.rubrics import load_rubric, save_rubric
from pmedu.scoring import facts, results, rubric, rules, schema
from pmedu.scoring.presets import preset_rubric
from pmedu.scoring.validate import CODES

SRC = Path(scoring.__file__).parent
DATA = Path(__file__).parent / "data" / "v0_1_0"


def _tree(name: str) -> ast.Module:
    return ast.parse((SRC / name).read_text(encoding="utf-8"))


def _imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_points_is_written_once() -> None:
    defs = [
        n
        for n in ast.walk(_tree("rules.py"))
        if isinstance(n, ast.FunctionDef) and n.name == "points"
    ]
    assert len(defs) == 2  # the protocol's signature and RuleBase's one body


def test_results_never_import_assess() -> None:
    assert "pmedu.scoring.assess" not in _imports(_tree("results.py"))


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.name)
def test_scoring_imports_io_only_for_types(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith("pmedu.io"), path


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_old_names_are_the_new_objects() -> None:
    assess = importlib.import_module("pmedu.scoring.assess")  # the name is also the function

    assert rubric.load_rubric is load_rubric
    assert scoring.save_rubric is save_rubric
    assert facts.read_facts is io_facts.read_facts is scoring.read_facts
    assert rubric.RatioRule is rules.RatioRule
    assert rubric.Rubric is schema.Rubric
    assert assess.Assessment is results.Assessment is scoring.Assessment
    assert rubric.preset_rubric is preset_rubric
    with pytest.raises(AttributeError):
        _ = rubric.nonesuch
    with pytest.deprecated_call(match="pmedu.scoring.rubric.Rubric moved to pmedu.scoring.Rubric"):
        _ = rubric.Rubric


def test_old_rubric_file_loads_equal() -> None:
    old = rubric_before_issue17(load_rubric(DATA / "county_township.toml"))
    assert old == rubric_before_issue17(preset_rubric(name="county_township"))


def test_rubric_round_trip(tmp_path: Path) -> None:
    r = preset_rubric()
    save_rubric(r, tmp_path / "r.json")
    assert load_rubric(tmp_path / "r.json") == r


def test_cross_problems_carry_codes() -> None:
    data = {
        "name": "x",
        "total": 12,
        "grades": [{"name": "合格", "min": 5}],
        "indicators": [
            {"code": "A", "name": "a", "category": "other", "points": 10, "measure": "m",
             "rule": {"type": "ratio", "target": 1}},
            {"code": "A", "name": "b", "category": "other", "points": 0, "measure": "m",
             "rule": {"type": "ratio", "target": 1}},
        ],
    }  # fmt: skip
    with pytest.raises(RubricError) as err:
        scoring.Rubric.from_dict(data)
    codes = [p.code for p in err.value.problems]
    assert codes == ["total", "duplicate-code", "grade-gap"]
    assert set(codes) <= set(CODES)


def test_rubric_files_carry_a_version(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    save_rubric(preset_rubric(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("pmedu.rubric", 1)
    data["version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RubricError, match="unknown rubric file version 2"):
        load_rubric(path)
