"""The report's sections on members, plans and teaching steps, activities and money (issues 13
and 17 in the report): each figure is the one the command line or the measure gives."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from pmedu.cli import main
from pmedu.datasets import sample_county, sample_holdings, sample_path, sample_records
from pmedu.facts import MEASURES
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.pipeline import compute_year
from pmedu.records import Records
from pmedu.report import render_year
from pmedu.results import YearResults
from pmedu.tables import Table, format_cell

TREE = str(sample_path())
RECORDS = str(sample_path(name="records_2025.json"))


@pytest.fixture(scope="module")
def results() -> YearResults:
    records = sample_records()
    return compute_year(
        sample_county(), records=records, holdings=sample_holdings(), year=records.year
    )


def _cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(argv=list(argv)) == 0
    return out.getvalue()


def _line(text: str, key: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith(key + " "):
            return line.split()
    raise AssertionError(f"no line {key!r}")


def _row(table: Table, name: str) -> list[str]:
    for row in table.rows:
        if row[0] == name:
            return [format_cell(v, fmt=c.fmt) for v, c in zip(row, table.columns, strict=True)]
    raise AssertionError(f"no row {name!r}")


def _sections(results: YearResults, lang: str = "zh") -> dict[str, object]:
    report = render_year(results, lang=lang, chart=False)
    return {s.key: s for s in report.sections}


def test_members_section_figures_are_pmedu_members(results: YearResults) -> None:
    """The learning archive per township is the one ``pmedu members`` prints (seed 003)."""
    section = _sections(results)["members"]
    archive = section.tables[0]  # type: ignore[attr-defined]
    cli = _line(_cli("members", TREE, RECORDS, "--year", "2025"), "T04")
    # 编号 乡镇 党员 未达标 达标率 电教占比
    assert _row(archive, "华宁镇")[1:] == cli[2:]
    assert "0 处不符" in section.paragraphs[1]  # type: ignore[attr-defined]
    text = "".join(str(c) for row in section.tables[1].rows for c in row)  # type: ignore[attr-defined]
    roster_names = {m.name for m in sample_records().members if m.name}
    assert not any(name in text for name in roster_names), "no member named"


def test_teaching_section_figures_are_pmedu_plan_and_registers(results: YearResults) -> None:
    """Plan entries held per township as ``pmedu plan``; the five steps as ``pmedu registers
    --register 步骤`` (seeds 000, 001, 002)."""
    plan, steps, _registers = _sections(results)["teaching"].tables  # type: ignore[attr-defined]
    cli = _line(_cli("plan", TREE, RECORDS, "--year", "2025"), "T04")
    # 乡镇 名称 计划场次 阶段主题 有网点 已落实 落实率
    assert _row(plan, "华宁镇")[1:] == [cli[2], cli[4], cli[5], cli[6]]
    cli = _line(_cli("registers", TREE, RECORDS, "--year", "2025", "--register", "步骤"), "T04")
    # 乡镇 名称 场次 五步齐全 齐全率 最常缺少 …
    assert _row(steps, "华宁镇")[1:] == cli[2:6]


def test_activities_section_values_are_the_measures(results: YearResults) -> None:
    """Every value of the activities section is the measure's own for that unit (seeds 000,
    001, 002), shown as the report shows a rate."""
    tree, records = results.tree, sample_records()
    summary = results.activities
    assert summary is not None
    fields = {
        "theme_activities": "theme_activities",
        "budget_share": "funds_budget_share",
        "earmarked_rate": "funds_earmarked_rate",
        "misuse_findings": "funds_misuse_findings",
        "trained_rate": "trained_broadcaster_rate",
        "bases_rate": "demo_bases_rate",
        "liaison_quarters": "liaison_quarters_met",
    }
    for line in (*summary.lines[:5], summary.total):
        assert line is not None
        for field, name in fields.items():
            want = MEASURES[name](tree, records, line.unit_id, 2025)
            got = getattr(line, field)
            assert (got is None) == (want is None)
            if want is not None:
                assert float(got) == pytest.approx(want)
    people = _sections(results)["activities"].tables[2]  # type: ignore[attr-defined]
    rate = MEASURES["trained_broadcaster_rate"](tree, records, "T04", 2025)
    assert _row(people, "华宁镇")[1] == format_cell(rate, fmt="pct")
    total = summary.total
    assert total is not None
    assert total.bases_target
    assert float(total.bases_rate) == pytest.approx(total.bases_built / total.bases_target)


def test_without_records_the_sections_are_left_out() -> None:
    """A report from the tree alone keeps its shape: no members, teaching, activities."""
    results = compute_year(sample_county(), year=2025)
    assert (results.membership, results.teaching, results.activities) == (None, None, None)
    keys = set(_sections(results))
    assert not keys & {"members", "teaching", "activities"}


def test_sections_render_rates_with_one_decimal(results: YearResults) -> None:
    """No long float in the new sections' HTML: every rate is a percentage with one decimal;
    the English report names the teaching step in English."""
    pytest.importorskip("jinja2")
    for lang in ("zh", "en"):
        html = render_year(results, lang=lang, chart=False).to_html()
        start = html.index('<section id="members">')
        end = html.index("</section>", html.index('<section id="activities">'))
        part = re.sub(r' data-sort="[^"]*"', "", html[start:end])  # the raw value sorts
        assert not re.search(r"\d\.\d{3,}", part)
        assert re.search(r">\d{1,3}\.\d%<", part)
    html = render_year(results, lang="en", chart=False).to_html()
    steps = html[html.index('<section id="teaching">') : html.index('<section id="activities">')]
    assert "信息反馈" not in steps
    assert "feedback" in steps


def test_records_keeping_none_of_it_give_no_section() -> None:
    """Records with no member, session, plan entry or activity: no section."""
    tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    results = compute_year(tree, records=Records(year=2025), year=2025)
    assert (results.membership, results.teaching, results.activities) == (None, None, None)
