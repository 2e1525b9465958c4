"""Issue 12: the guard is wired into every reader (JSON/TOML loaders, CSV/TSV readers, sheets)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmedu.errors import DataError
from pmedu.io.documents import read_document
from pmedu.io.jsonfile import load_tree
from pmedu.io.policies import load_policy
from pmedu.io.records import load_records
from pmedu.io.rubrics import load_rubric
from pmedu.io.rules import load_rules
from pmedu.io.standards import load_standard

BAD = Path(__file__).parent / "data" / "bad"
DOCUMENTS = sorted(
    p for p in BAD.iterdir() if p.suffix in (".json", ".toml") and p.stem != "ids_bad"
)

LOADERS: dict[str, Callable[[Path], Any]] = {
    "document": read_document,
    "tree": load_tree,
    "records": load_records,
    "rubric": load_rubric,
    "policy": load_policy,
    "rules": load_rules,
    "standard": load_standard,
}


@pytest.mark.parametrize("loader", sorted(LOADERS))
@pytest.mark.parametrize("bad", DOCUMENTS, ids=lambda p: p.name)
def test_every_document_loader_refuses_the_bad_files(
    tmp_path: Path, loader: str, bad: Path
) -> None:
    target = tmp_path / bad.name
    shutil.copy(bad, target)
    with pytest.raises(DataError) as exc:
        LOADERS[loader](target)
    assert all(p.file == str(target) for p in exc.value.problems)


@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_a_document_with_a_gbk_line_in_utf8_is_refused_at_the_line(
    tmp_path: Path, loader: str
) -> None:
    p = tmp_path / "d.json"
    p.write_bytes('{"name": "某县",\n'.encode() + ' "label": "东镇"}\n'.encode("gbk"))
    with pytest.raises(DataError) as exc:
        LOADERS[loader](p)
    assert exc.value.problems[0].row == 2


def test_duplicate_keys_are_an_error_at_their_path(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text('{"format": "pmedu.tree", "version": 1, "units": [{"id": "C", "id": "D"}]}')
    with pytest.raises(DataError) as exc:
        load_tree(p)
    assert [x.field for x in exc.value.problems] == ["units[0].id"]


def test_toml_floats_too_small_to_hold_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_text("villages_per_set = 1e-400\n")
    with pytest.raises(DataError, match="too small"):
        load_policy(p)
