"""The redesigned report (issue 14, deliverables 1 and 3): values formatted by what they are,
words from the catalogue, a summary up front, an appendix, print rules, the 落款, templates a
centre can override, the chart's legend and order, the PDF and the printable workbook."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pmedu.datasets import sample_county, sample_records
from pmedu.errors import MissingExtraError, MissingFontError
from pmedu.facts import Facts
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.pipeline import compare_years, compute_year
from pmedu.report import render_year, workbook_tables, workbook_title
from pmedu.report.chart import coverage_chart, have_matplotlib
from pmedu.report.describe import actual_text, value_text
from pmedu.report.messages import messages
from pmedu.report.tables import scorecard_table
from pmedu.scoring import assess, preset_rubric
from pmedu.tables import display_width, format_cell

pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")

needs_mpl = pytest.mark.skipif(not have_matplotlib(), reason="matplotlib (pmedu[report]) absent")


@pytest.fixture(scope="module")
def year() -> object:
    return compute_year(sample_county(), records=sample_records(), year=2025)


@pytest.fixture(scope="module")
def zh_page(year: object) -> str:
    report = render_year(year, chart=False, issuer="某县委组织部", issued="2026-01-15")  # type: ignore[arg-type]
    return report.to_html()


def visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def main_part(html: str) -> str:
    return html[: html.index('id="appendix"')]


def test_values_are_formatted_by_what_they_are(zh_page: str) -> None:
    text = visible(zh_page)
    assert not re.search(r"\d\.\d{5,}", text), "float noise on the page"
    assert re.search(r"提前 \d+ 天", text)
    assert re.search(r"\b\d{1,3}\.\d%", text)
    assert not re.search(r">-\d+<", zh_page), "a raw negative day count"
    assert "21,361" in text  # members with a thousands separator


def test_deadlines_and_not_applicable_in_words() -> None:
    zh, en = messages("zh"), messages("en")
    assert value_text(Decimal(-102), "days", zh) == "提前 102 天"
    assert value_text(Decimal(15), "days", zh) == "逾期 15 天"
    assert value_text(Decimal(15), "days", en) == "15 days late"
    tree = OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县"),
            Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
            Unit(id="T2", name="西镇", kind="镇", parent_id="C"),
        ]
    )
    facts = Facts.from_records([("T1", "film_supply_rate", None), ("T2", "info_items", 3)])
    a = assess(tree, facts, preset_rubric())
    card = a.scorecard("T1")
    na = [ln for ln in card.lines if ln.not_applicable]
    assert na, "the fixture has a not-applicable line"
    assert actual_text(na[0], "rate", zh) == "不适用"
    table = scorecard_table(card, "zh", rubric=a.rubric)
    row = next(r for r in table.rows if r[0] == na[0].code)
    assert row[2] == "不适用"
    assert "not applicable" not in " ".join(str(c) for c in row)
    news = next(r for r in table.rows if r[0] == "PR1")
    assert news[2] == "未报送"


def test_no_english_rules_or_notes_in_the_chinese_page(zh_page: str) -> None:
    text = visible(zh_page)
    for english in (
        "ratio:",
        "threshold:",
        "per item",
        "deadline:",
        "on time",
        "days late",
        "bands:",
        "not applicable",
        "min(1",
    ):
        assert english not in text
    assert "按完成比例计分" in text


def test_english_page_has_english_rules(year: object) -> None:
    text = visible(render_year(year, lang="en", chart=False).to_html())  # type: ignore[arg-type]
    assert "in proportion" in text
    assert "days early" in text


def test_summary_first_and_appendix_after_the_signature(zh_page: str) -> None:
    ids = re.findall(r'<section id="([^"]+)"', zh_page)
    assert ids[0] == "summary"
    main = main_part(zh_page)
    assert 'id="scorecards"' not in main
    assert 'id="gaps"' not in main
    assert 'id="assessment"' in main
    assert main.index("某县委组织部") > main.index('id="assessment"')
    assert "2026年1月15日" in main
    summary = zh_page[zh_page.index('id="summary"') : zh_page.index('id="tree"')]
    for figure in (
        "390",
        "21,361",
        "91.5%",
        "105",
        "101",
        "缺口 4",
        "青塘乡",
        "口松镇",
        "优秀 4 个",  # the re-weighted preset rubric and the sample of 0.2 (5 in 0.1)
    ):
        assert figure in summary, figure


def test_print_rules_and_totals_once(zh_page: str) -> None:
    assert re.search(r"@page\s*\{\s*size:\s*A4", zh_page)
    assert "break-after:avoid" in zh_page
    assert "break-inside:avoid" in zh_page
    assert "<tfoot" not in zh_page
    assert zh_page.count('<div class="card scroll">') == 20
    assert zh_page.count("<table") == zh_page.count('class="scroll"') + zh_page.count(
        'class="card scroll"'
    )
    assert "overflow-x:auto" in zh_page


def test_a_centre_overrides_heading_and_signature(year: object, tmp_path: Path) -> None:
    (tmp_path / "heading.html").write_text(
        "<header><h1>某县委组织部文件</h1><p>{{ report.title }}</p></header>", encoding="utf-8"
    )
    (tmp_path / "signature.html").write_text(
        '<div class="signature">中共某县委组织部（盖章）{{ report.issued }}</div>',
        encoding="utf-8",
    )
    html = render_year(year, chart=False, issued="2026-01-15", template_dir=tmp_path).to_html()  # type: ignore[arg-type]
    assert "某县委组织部文件" in html
    assert "中共某县委组织部（盖章）2026年1月15日" in html
    assert 'id="appendix"' in html  # the rest is the shipped template


def test_templates_escape(tmp_path: Path) -> None:
    tree = OrgTree.from_units([Unit(id="C", name="<script>x</script>", kind="县")])
    html = render_year(compute_year(tree), chart=False, issuer="<b>部</b>").to_html()
    assert "<script>x" not in html
    assert "&lt;b&gt;部&lt;/b&gt;" in html


def test_without_jinja2_rendering_names_the_extra(
    year: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = render_year(year, chart=False)  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtraError, match=r"jinja2.*pmedu\[report\]"):
        report.to_html()


@needs_mpl
def test_chart_has_a_legend_sorted_bars_and_no_mathtext() -> None:
    svg = coverage_chart(
        [("低镇", 0.4), ("$x^$", 0.7), ("满镇", 1.0)], legend=("全覆盖", "中间", "偏低")
    )
    for label in ("全覆盖", "中间", "偏低", "$x^$"):
        assert label in svg
    assert svg.index("满镇") < svg.index("$x^$") < svg.index("低镇")


def test_compare_years_is_computed_in_the_pipeline_and_shown(year: object) -> None:
    tree = sample_county()
    before = compute_year(tree, year=2024)
    comparison = compare_years(year, before)  # type: ignore[arg-type]
    assert comparison.year == 2025
    assert comparison.previous_year == 2024
    assert comparison.figure("units").delta == 0
    assert comparison.figure("assessed").previous is None
    assert len(comparison.units) == 20
    assert all(u.previous_rank is None for u in comparison.units)
    html = render_year(year, chart=False, comparison=comparison).to_html()  # type: ignore[arg-type]
    summary = html[html.index('id="summary"') : html.index('id="tree"')]
    assert "与 2024 年度比较" in summary
    assert "2025 年度" in summary


def test_pdf_embeds_a_cjk_font(year: object, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    from pmedu.io.pdf import CJK_FONTS, find_cjk_font, write_pdf

    try:
        find_cjk_font(candidates=CJK_FONTS)
    except MissingFontError:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    tree = OrgTree.from_units(
        [Unit(id="C", name="某县", kind="县"), Unit(id="T", name="东镇", kind="镇", parent_id="C")]
    )
    html = render_year(compute_year(tree, year=2025), chart=False).to_html()
    out = write_pdf(html, tmp_path / "r.pdf")
    reader = pypdf.PdfReader(out)
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 595.28) < 2
    fonts = [str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert any("cjk" in f.lower() for f in fonts), fonts
    assert "东镇" in page.extract_text()


def test_pdf_errors_name_the_font_and_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmedu.io import pdf

    with pytest.raises(MissingFontError, match="Noto Sans CJK SC"):
        pdf.find_cjk_font(candidates=[tmp_path / "none.ttc"])
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(MissingExtraError, match=r"pmedu\[pdf\]"):
        pdf.write_pdf("<p>x</p>", tmp_path / "x.pdf")


def test_the_workbook_prints(year: object, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from pmedu.io.xlsx import write_tables

    sheets = workbook_tables(year, tree_summary=True)  # type: ignore[arg-type]
    title = workbook_title(year)  # type: ignore[arg-type]
    out = write_tables(tmp_path / "y.xlsx", sheets, title=title, issuer="某县委组织部")
    wb = openpyxl.load_workbook(out)
    zh = messages("zh")
    assert wb.sheetnames[0] == zh["sheet.tree"]
    for (name, table), ws in zip(sheets.items(), wb.worksheets, strict=True):
        assert ws.title == name
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows in ("1:1", "$1:$1")
        assert ws.oddHeader.center.text == title
        assert ws.oddFooter.left.text == "某县委组织部"
        body = len(table.rows) - table.footer
        if ws.tables:
            (t,) = ws.tables.values()
            assert t.ref.endswith(str(1 + body))
        else:
            assert ws.auto_filter.ref
        for j, col in enumerate(table.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            texts = [
                col.header,
                *(format_cell(r[j - 1], fmt=col.fmt) for r in table.rows if r[j - 1] is not None),
            ]
            want = min(60, max(display_width(t) for t in texts) + 2)
            assert ws.column_dimensions[letter].width == want
            cell = ws.cell(row=2, column=j)
            expected = {"int": "#,##0", "pct": "0.0%", "num": "0.00"}.get(col.fmt)
            if expected and table.rows:
                assert cell.number_format == expected
    assert len(wb.worksheets) == len(sheets)
    assert all(ws.tables or ws.auto_filter.ref for ws in wb.worksheets)
    coverage = wb[zh["sheet.coverage"]]
    rate_col = [c.value for c in coverage[1]].index("建点率") + 1
    assert coverage.column_dimensions[openpyxl.utils.get_column_letter(rate_col)].width < 10
