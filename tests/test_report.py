"""The yearly HTML report: well-formed, every section present, nothing fetched, escaped."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree
from pmedu.cli import main
from pmedu.cli.report_cmd import build_report
from pmedu.datasets import sample_county, sample_path, sample_records, sample_report
from pmedu.errors import MissingExtraError
from pmedu.io import write_units_csv
from pmedu.io.html import write_report
from pmedu.io.xlsx import have_openpyxl
from pmedu.pipeline import station_gaps
from pmedu.report import MESSAGES, SECTION_KEYS, Report, Section, assemble_report, have_matplotlib
from pmedu.report.build import SECTION_KEYS_WITH_RECORDS
from pmedu.report.tables import coverage_table, supply_table
from pmedu.stations import Station
from pmedu.supply import plan_supply
from pmedu.tables import Column, Table
from strategies import even, seed_county, trees

pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
URL_ATTRS = {"src", "href", "xlink:href", "action", "data", "poster", "srcset"}

needs_mpl = pytest.mark.skipif(not have_matplotlib(), reason="matplotlib (pmedu[report]) absent")


class Checker(HTMLParser):
    """Checks nesting, collects section ids, URL attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.section_ids: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.html_lang: str | None = None
        self.svg_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "section" and a.get("id"):
            self.section_ids.append(str(a["id"]))
        self.urls.extend(str(v) for k, v in attrs if k in URL_ATTRS and v is not None)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls.extend(str(v) for k, v in attrs if k in URL_ATTRS and v is not None)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "text" in self.stack and "svg" in self.stack:
            self.svg_text.append(data)


def check_html(text: str) -> Checker:
    assert text.startswith("<!DOCTYPE html>")
    c = Checker()
    c.feed(text)
    c.close()
    assert c.errors == []
    assert c.stack == [], f"unclosed: {c.stack}"
    for url in c.urls:
        assert url.startswith("#"), f"external reference {url!r}"
    assert "http://" not in text
    assert "https://" not in text
    assert "<link" not in text
    assert "@import" not in text
    assert re.search(r"url\((?!#)", text) is None
    assert "<script src" not in text
    return c


def county() -> tuple[OrgTree, list[Station]]:
    tree = seed_county(
        town_names=["东镇", "西<乡>&", "南镇", "北镇"],
        county_members=50,
        town_members=20,
        village_members=lambda i: 10 + i,
        has_station=even,
        street=True,
        community_members=30,
    )
    stations = [
        Station(id="ST1", unit_id="T1-V0", features=["电视机", "VCD机", "播放室"]),
        Station(id="ST2", unit_id="T2-V0", name="<b>西乡站</b>", features=["电视机"]),
    ]
    return tree, stations


def test_every_section_present_in_order_and_well_formed() -> None:
    tree, stations = county()
    report = build_report(tree, stations=stations, holdings={"T1": 2}, year=2025, chart=False)
    c = check_html(report.to_html())
    assert c.section_ids == list(SECTION_KEYS)
    assert c.html_lang == "zh"
    text = "".join(c.text)
    for key in SECTION_KEYS:
        assert MESSAGES["zh"][f"section.{key}"] in text
    assert "2025 年度" in text


def test_names_are_escaped() -> None:
    tree, stations = county()
    html = build_report(tree, stations=stations, chart=False).to_html()
    assert "西&lt;乡&gt;&amp;" in html
    assert "&lt;b&gt;西乡站&lt;/b&gt;" in html
    assert "<b>西乡站" not in html
    check_html(html)


def test_english_report() -> None:
    tree, stations = county()
    c = check_html(build_report(tree, stations=stations, lang="en", chart=False).to_html())
    assert c.html_lang == "en"
    text = "".join(c.text)
    assert "Station coverage by township" in text
    assert "Film supply plan and shortfall" in text
    assert "建点率" not in text


def test_missing_data_is_said_not_dropped() -> None:
    tree, _ = county()
    report = assemble_report(tree, chart=False)
    assert [s.key for s in report.sections] == list(SECTION_KEYS)
    for key in ("gaps", "supply", "assessment"):
        section = report.section(key)
        assert not section.available
        assert section.paragraphs == (MESSAGES["zh"]["report.not_available"],)
    check_html(report.to_html())


def test_gap_list_names_what_each_station_misses() -> None:
    tree, stations = county()
    gaps = station_gaps(tree, stations, standards=["two_machines_one_room"])
    assert [(s.id, [i.name for i in m]) for s, _std, m in gaps] == [("ST2", ["player", "room"])]
    report = build_report(tree, stations=stations, standards=["两机一室"], chart=False)
    (table,) = report.section("gaps").tables
    assert table.rows == (
        ("<b>西乡站</b>", "西<乡>&0村", "某县/西<乡>&", "两机一室", "VCD/DVD机、播放室"),
    )


def test_supply_section_matches_the_plan() -> None:

    tree, _ = county()
    plan = plan_supply(tree, holdings={"T1": 2})
    report = assemble_report(tree, plan=plan, chart=False, lang="en")
    section = report.section("supply")
    assert section.tables == (supply_table(plan, "en"),)
    assert "Target 9 sets, subscribed 5, supplementary 4, held 2, shortfall 7." in (
        section.paragraphs
    )


def test_coverage_rows_and_total() -> None:
    tree, _ = county()
    t = coverage_table(tree, "en")
    assert [r[1] for r in t.rows] == ["T1", "T2", "T3", "T4", "S1", "C"]
    assert t.rows[0][2:] == (4, 7, 4 / 7)
    assert t.rows[-1][2:] == (13, 23, 13 / 23)  # 22 villages and 1 community
    assert t.footer == 1


@needs_mpl
def test_chart_is_inline_svg_with_text_kept_as_text() -> None:
    tree, _ = county()
    report = assemble_report(tree)
    svg = report.section("coverage").svg
    assert svg is not None
    assert svg.startswith("<svg")
    c = check_html(report.to_html())
    assert "svg" in c.tags
    assert "东镇" in "".join(c.svg_text)  # not turned into paths
    assert "西&lt;乡&gt;&amp;" in svg  # names are escaped in the chart too
    assert "西<乡>" not in svg
    assert "<image" not in svg
    assert "base64" not in svg


def test_missing_matplotlib_gives_the_pip_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    tree, _ = county()
    with pytest.raises(MissingExtraError, match=r'pip install "pmedu\[report\]"'):
        assemble_report(tree)
    assemble_report(tree, chart=False)  # the tables alone need nothing


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree, _ = county()
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")

    def boom(self: Report, **_options: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(Report, "to_html", boom)
    with pytest.raises(RuntimeError):
        write_report(assemble_report(tree, chart=False), out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
    monkeypatch.undo()
    write_report(assemble_report(tree, chart=False), out)
    check_html(out.read_text(encoding="utf-8"))


def test_progress_is_reported_per_step() -> None:
    tree, _ = county()
    seen: list[str] = []
    build_report(tree, chart=False, lang="en", progress=seen.append)
    for key in SECTION_KEYS:
        assert MESSAGES["en"][f"section.{key}"] in seen


def test_catalogues_have_the_same_keys() -> None:
    keys = {lang: set(cat) for lang, cat in MESSAGES.items()}
    assert keys["zh"] == keys["en"]


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="row 2 has 1 cells for 2 columns"):
        Table(columns=(Column("a"), Column("b")), rows=(("x", 1), ("y",)))


def test_unavailable_section_renders_its_note() -> None:
    r = Report(title="t", lang="en", sections=(Section("x", "X", ("nothing",), available=False),))
    assert '<p class="na">nothing</p>' in r.to_html()


@given(trees(max_size=30), st.sampled_from(["zh", "en"]))
def test_any_tree_gives_a_well_formed_report(tree: OrgTree, lang: str) -> None:
    report = build_report(tree, lang=lang, chart=False)
    c = check_html(report.to_html())
    assert c.section_ids == list(SECTION_KEYS)
    cov = coverage_table(tree, lang)
    root = tree.coverage(["village", "community"])[tree.root.id]
    assert cov.rows[-1][2:4] == (root.covered, root.total)
    for row in cov.rows[:-1]:
        covered, total = row[2], row[3]
        assert isinstance(covered, int)
        assert isinstance(total, int)
        assert covered <= total


def test_cli_writes_html_and_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    tree, _ = county()
    units = write_units_csv(tree, tmp_path / "units.csv")
    holdings = tmp_path / "h.csv"
    holdings.write_text("编号,套数\nT1,2\n", encoding="utf-8")
    out = tmp_path / "r.html"
    args = [str(units), "--holdings", str(holdings), "--year", "2025", "--lang", "en"]
    assert main(argv=["report", *args, "--no-chart", "--out", str(out)]) == 0
    c = check_html(out.read_text(encoding="utf-8"))
    assert c.section_ids == list(SECTION_KEYS)
    assert "held 2, shortfall 7" in "".join(c.text)
    if have_openpyxl():
        assert main(argv=["report", *args, "--xlsx", str(tmp_path / "r.xlsx")]) == 0
        assert (tmp_path / "r.xlsx").is_file()


def test_cli_bad_input_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    units = tmp_path / "units.csv"
    units.write_text("编号,上级编号,名称,类型\nC,,某县,县\nT,C,东镇,镇村\nV,X,某村,村\n", "utf-8")
    assert main(argv=["report", str(units), "--out", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert f"{units}:3: kind: unknown unit kind '镇村'" in err
    assert not (tmp_path / "r.html").exists()
    assert main(argv=["report", str(units)]) == 1
    assert "nothing to write" in capsys.readouterr().err


def test_cli_missing_extra_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:

    tree, _ = county()
    units = write_units_csv(tree, tmp_path / "units.csv")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    assert main(argv=["report", str(units), "--out", str(tmp_path / "r.html")]) == 2
    assert 'pip install "pmedu[report]"' in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_sample_report_has_every_section_filled(tmp_path: Path) -> None:

    out = sample_report(tmp_path / "sample.html", lang="en", chart=False)
    c = check_html(out.read_text(encoding="utf-8"))
    assert c.section_ids == list(SECTION_KEYS_WITH_RECORDS)
    assert 'class="na"' not in out.read_text(encoding="utf-8")
    towns = sample_county().units(kind=["乡镇", "街道"])
    report = build_report(
        sample_county(), records=sample_records(), year=2025, chart=False, breakdowns=3
    )
    (ranking,) = report.section("assessment").tables
    breakdowns = report.section("scorecards").tables
    assert len(ranking.rows) == len(towns)
    assert len(breakdowns) == 3
    ranks = [int(str(row[0])) for row in ranking.rows]
    totals = [Decimal(str(row[3])) for row in ranking.rows]
    assert ranks == sorted(ranks)
    assert ranking.rows[-1][2] == "T17"  # the one vetoed unit ranks last (veto_rank = "last")
    assert totals[:-1] == sorted(totals[:-1], reverse=True)
    assert [(b.caption or "").split(" ")[0] for b in breakdowns] == [r[1] for r in ranking.rows[:3]]


def test_cli_with_records(tmp_path: Path) -> None:

    out = tmp_path / "r.html"
    args = ["report", str(sample_path()), "--records", str(sample_path(name="records_2025.json"))]
    assert main(argv=[*args, "--year", "2025", "--no-chart", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'class="na"' not in text
    check_html(text)


def test_demo_writes_the_sample_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    out = tmp_path / "demo.html"
    assert main(argv=["demo", "--report", str(out), "--lang", "en", "--no-chart"]) == 0
    assert f"report written: {out}" in capsys.readouterr().out
    c = check_html(out.read_text(encoding="utf-8"))
    assert c.section_ids == list(SECTION_KEYS_WITH_RECORDS)
    assert c.html_lang == "en"
