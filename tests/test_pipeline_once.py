"""Every figure computed once: after ``compute_year`` nothing computes again.

The computing functions (the measures, ``compute_facts``, ``plan_supply``, ``assess``,
``OrgTree.coverage``, ``station_gaps`` and the station roll-ups) are made to raise; the HTML
report, the workbook's tables and every line of the demo still render, unchanged.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import pytest

from pmedu.cli.demo_cmd import run_demo
from pmedu.datasets import sample_county, sample_holdings, sample_records, sample_year
from pmedu.facts import Measure
from pmedu.network import OrgTree
from pmedu.pipeline import compute_year
from pmedu.report import render_year, workbook_tables
from pmedu.results import YearResults
from pmedu.tables import text_table

#: every function that computes a figure, by the name modules import it under
COMPUTING = (
    "assess",
    "attendance_by_unit",
    "compliance",
    "compute_facts",
    "decompose_target",
    "gaps",
    "measure_facts",
    "measured_facts",
    "plan_supply",
    "pool_shares",
    "station_coverage",
    "station_figures",
    "station_gaps",
    "tree_figures",
)


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("computed again after compute_year")


@pytest.fixture
def no_computing(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    def patch() -> None:
        for name, module in list(sys.modules.items()):
            if not name.startswith("pmedu") or module is None:
                continue
            for fn in COMPUTING:
                if callable(vars(module).get(fn)):
                    monkeypatch.setattr(module, fn, _boom)
        monkeypatch.setattr(OrgTree, "coverage", _boom)
        monkeypatch.setattr(OrgTree, "rollup", _boom)
        monkeypatch.setattr(Measure, "__call__", _boom)

    return patch


def _report_year() -> YearResults:
    records = sample_records()
    return compute_year(
        sample_county(), records=records, holdings=sample_holdings(), year=records.year
    )


def _rendered(report: YearResults, demo: YearResults) -> tuple[str, dict[str, str], str]:
    html = render_year(report, chart=False).to_html()
    sheets = {name: text_table(t) for name, t in workbook_tables(report, tree_summary=True).items()}
    out, err = io.StringIO(), io.StringIO()
    assert run_demo(out, err, results=demo) == 0, err.getvalue()
    assert err.getvalue() == ""
    return html, sheets, out.getvalue()


def test_rendering_computes_nothing(no_computing: Callable[[], None]) -> None:
    pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")
    report, demo = _report_year(), sample_year()
    before = _rendered(report, demo)
    no_computing()
    with pytest.raises(AssertionError, match="computed again"):
        sample_county().coverage("村")  # the patch is in place
    after = _rendered(report, demo)
    assert after == before
    assert "示例县" in after[2]
    assert len(after[1]) == 6  # the tree summary and the five sheets of the computed objects


def test_the_demo_renders_from_one_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = sample_year

    def counted(**kwargs: Any) -> YearResults:
        calls.append(1)
        return real(**kwargs)

    monkeypatch.setattr("pmedu.cli.demo_cmd.sample_year", counted)
    out, err = io.StringIO(), io.StringIO()
    assert run_demo(out, err) == 0
    assert calls == [1]
