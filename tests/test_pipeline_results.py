"""The year computed once (pipeline) and rendered (report) — the report computes nothing."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from pmedu.cli.report_cmd import build_report
from pmedu.datasets import sample_county, sample_holdings, sample_records
from pmedu.pipeline import compute_parts, compute_year
from pmedu.report import render_year, workbook_tables
from pmedu.results import YearResults

SRC = Path(__file__).resolve().parent.parent / "src" / "pmedu"

#: modules the report must never import (they compute)
FORBIDDEN = (
    "pmedu.pipeline",
    "pmedu.measures",
    "pmedu.scoring.assess",
    "pmedu.supply.plan",
    "pmedu.facts.compute",
    "pmedu.stations.check",
    "pmedu.cli",
    "pmedu.datasets",
)


@pytest.fixture(scope="module")
def results() -> YearResults:
    records = sample_records()
    return compute_year(
        sample_county(), records=records, holdings=sample_holdings(), year=records.year
    )


def test_results_are_frozen_data(results: YearResults) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        results.year = 1999  # type: ignore[misc]
    assert results.plan is not None
    assert results.gap_list is not None
    assert results.assessment is not None


def test_compute_parts_is_compute_year(results: YearResults) -> None:
    records = sample_records()
    parts = compute_parts(
        sample_county(), records=records, holdings=sample_holdings(), year=records.year
    )
    assert parts["plan"] == results.plan
    assert [(s.id, std.name) for s, std, _ in parts["gap_list"]] == [
        (s.id, std.name) for s, std, _ in results.parts()["gap_list"]
    ]


def test_render_year_is_the_old_build_report(results: YearResults) -> None:
    pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")
    records = sample_records()
    old = build_report(
        sample_county(),
        records=records,
        holdings=sample_holdings(),
        year=records.year,
        lang="en",
        chart=False,
    )
    assert render_year(results, lang="en", chart=False).to_html() == old.to_html()


def test_workbook_layout(results: YearResults) -> None:
    assert list(workbook_tables(results, lang="en")) == [
        "Coverage",
        "Supply plan",
        "Ranking",
        "Indicator lines",
        "Station gaps",
    ]
    # what ``pmedu report --xlsx`` writes: the tree summary first
    assert list(workbook_tables(results, lang="en", tree_summary=True)) == [
        "Organisation tree",
        "Coverage",
        "Supply plan",
        "Ranking",
        "Indicator lines",
        "Station gaps",
    ]


@pytest.mark.parametrize(
    ("module", "name", "home"),
    [
        ("pmedu.report", "compute_parts", "pmedu.pipeline"),
        ("pmedu.report", "station_gaps", "pmedu.pipeline"),
        ("pmedu.report", "build_report", "pmedu.cli.report_cmd"),
        ("pmedu.report", "sample_report", "pmedu.datasets"),
        ("pmedu.report.build", "compute_parts", "pmedu.pipeline"),
        ("pmedu.report.tables", "GAP_STANDARDS", "pmedu.pipeline"),
        ("pmedu.report.tables", "ASSESS_KINDS", "pmedu.pipeline"),
    ],
)
def test_moved_names_still_import(module: str, name: str, home: str) -> None:
    with pytest.deprecated_call(match=f"{module}.{name} moved to"):
        old = getattr(importlib.import_module(module), name)
    assert old is getattr(importlib.import_module(home), name)


def test_importing_the_report_does_not_import_the_pipeline() -> None:
    code = "import sys, pmedu.report; print(sorted(m for m in sys.modules if m in %r))"
    out = subprocess.run(
        [sys.executable, "-c", code % (FORBIDDEN[:1] + FORBIDDEN[-2:],)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("path", sorted((SRC / "report").glob("*.py")), ids=lambda p: p.name)
def test_report_modules_import_no_computing_module(path: Path) -> None:
    imported: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.append(node.module)
            imported.extend(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            imported.extend(a.name for a in node.names)
    bad = [m for m in imported if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []


def test_results_imports_no_computing_module() -> None:
    tree = ast.parse((SRC / "results.py").read_text(encoding="utf-8"))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [m for m in modules if m and m.startswith(FORBIDDEN)]
