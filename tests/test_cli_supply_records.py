"""``pmedu supply --records``: the magazine copies counted as the report counts them."""

from __future__ import annotations

import json

import pytest

from pmedu.cli import main
from pmedu.datasets import sample_path
from pmedu.io import read_tree
from pmedu.io.records import load_records
from pmedu.pipeline import compute_year


def _total_magazines(argv: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    assert main(argv=[*argv, "--format", "json"]) == 0
    lines = json.loads(capsys.readouterr().out)["tables"]["lines"]
    return int(lines[0]["magazines"])  # the root's line comes first


def test_supply_with_records_counts_magazines_like_the_year(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tree_path, rec_path = sample_path(), sample_path(name="records_2025.json")
    year = compute_year(read_tree(tree_path), records=load_records(rec_path), year=2025)
    with_records = _total_magazines(["supply", str(tree_path), "--records", str(rec_path)], capsys)
    assert with_records == year.plan.total.magazines
    # without records the unit table's station flags stand in: every unit with a station,
    # a room or not — more copies than the stations with 两机一室
    assert _total_magazines(["supply", str(tree_path)], capsys) > with_records
