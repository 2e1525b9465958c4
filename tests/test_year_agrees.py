"""Issue 11, done when: the sample report agrees with itself, section by section.

One ``compute_year`` (the sample year ``pmedu demo`` prints) is rendered three ways: the HTML
report (parsed with ``html.parser``, no styling relied on), the workbook's tables and the demo
text. Every figure shown twice is compared: per township the coverage in the coverage table and
ST1's actual in its scorecard; the supply line's held and target and SU1's actual; the magazine
copies and MG1's actual (the same organisations); the tree summary's unit and member counts and
the tree table; the ranking's totals and grades and the scorecards'; the workbook's sheets and
the HTML tables; the demo's supply, coverage and ranking lines and the HTML ones; and the
summary's headline figures (units, members, coverage, film sets, best and worst unit, units per
grade, stations short) and the tables they summarise.

The page (issue 14) shows a scorecard's actual value as text only (``88.9%``): each scorecard
line's text is compared with the one the other table shows, and the exact value behind the line
(the year's [`ScoreLine`][pmedu.scoring.results.ScoreLine], which the test first checks the page
renders) with the other table's exact ``data-sort``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from fractions import Fraction
from html.parser import HTMLParser

import pytest

from pmedu.cli.demo_cmd import SECTIONS
from pmedu.datasets import sample_year
from pmedu.report import render_year, workbook_tables
from pmedu.report.describe import actual_text, measure_kind
from pmedu.report.messages import messages
from pmedu.report.page import render_html
from pmedu.results import YearResults
from pmedu.scoring.results import ScoreLine
from pmedu.tables import Table, format_cell

pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")

MSG = messages("zh")


@dataclass
class HtmlTable:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # the cells' text
    sort: list[list[str | None]] = field(default_factory=list)  # the cells' data-sort
    foot: list[list[str]] = field(default_factory=list)

    def column(self, header: str) -> int:
        return self.headers.index(header)

    def by(self, header: str) -> dict[str, int]:
        """Row index by the value of a column."""
        k = self.column(header)
        return {row[k]: i for i, row in enumerate(self.rows)}

    def number(self, i: int, header: str) -> float | None:
        raw = self.sort[i][self.column(header)]
        return None if raw in (None, "") else float(raw)


@dataclass
class HtmlSection:
    paragraphs: list[str] = field(default_factory=list)
    tables: list[HtmlTable] = field(default_factory=list)


class _Page(HTMLParser):
    """Sections (by id) with their paragraphs and tables; nothing about styling."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, HtmlSection] = {}
        self._section: HtmlSection | None = None
        self._table: HtmlTable | None = None
        self._text: list[str] | None = None
        self._row: tuple[list[str], list[str | None]] | None = None
        self._part = ""
        self._sort: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("id"):
            self._section = self.sections.setdefault(str(a["id"]), HtmlSection())
        elif self._section is None:
            return
        elif tag == "table":
            self._table = HtmlTable()
        elif tag in ("thead", "tbody", "tfoot"):
            # the totals rows are a second <tbody class="totals"> (shown once, not sorted)
            self._part = "tfoot" if a.get("class") == "totals" else tag
        elif tag == "tr" and self._table is not None:
            self._row = ([], [])
        elif tag in ("td", "th", "p", "caption"):
            self._text, self._sort = [], a.get("data-sort")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._section is None:
            return
        text = "".join(self._text or []).strip()
        if tag in ("td", "th") and self._row is not None:
            self._row[0].append(text)
            self._row[1].append(self._sort)
        elif tag == "p" and self._table is None:
            self._section.paragraphs.append(text)
        elif tag == "caption" and self._table is not None:
            self._table.caption = text
        elif tag == "tr" and self._table is not None and self._row is not None:
            cells, sort = self._row
            if self._part == "thead":
                self._table.headers = cells
            elif self._part == "tfoot":
                self._table.foot.append(cells)
            else:
                self._table.rows.append(cells)
                self._table.sort.append(sort)
            self._row = None
        elif tag == "table" and self._table is not None:
            self._section.tables.append(self._table)
            self._table = None
        elif tag == "section":
            self._section = None
        if tag in ("td", "th", "p", "caption"):
            self._text = None


@pytest.fixture(scope="module")
def year() -> YearResults:
    return sample_year()


@pytest.fixture(scope="module")
def page(year: YearResults) -> dict[str, HtmlSection]:
    parser = _Page()
    parser.feed(render_html(render_year(year, chart=False)))
    return parser.sections


@pytest.fixture(scope="module")
def demo(year: YearResults) -> dict[str, str]:
    out = {}
    for module in SECTIONS:
        buf = io.StringIO()
        module.demo_section(year, buf)
        out[module.__name__.rsplit(".", 1)[1]] = buf.getvalue()
    return out


def _scorecards(page: dict[str, HtmlSection]) -> dict[str, HtmlTable]:
    """Each unit's scorecard (in the appendix), by unit name (from its caption)."""
    return {t.caption.split(" ", 1)[0]: t for t in page["scorecards"].tables}


def _line(card: HtmlTable, code: str) -> int:
    return card.by("代码")[code]


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _exact_actual(card: HtmlTable, year: YearResults, uid: str, code: str) -> ScoreLine:
    """The year's score line ``code`` of unit ``uid``, after checking that ``card`` (the page's
    scorecard of that unit) shows exactly its actual value."""
    assert year.assessment is not None
    scorecard = year.assessment.scorecard(uid)
    assert card.caption.split(" ", 1)[0] == scorecard.unit_name, uid
    line: ScoreLine = scorecard.line(code)
    shown = card.rows[_line(card, code)][card.column("实际值")]
    assert shown == actual_text(line, measure_kind(line.measure), MSG), (uid, code)
    return line


def _fields(template: str, text: str) -> dict[str, str]:
    """The fields of a message ``template`` (``{name}`` placeholders) filled in ``text``."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    match = re.fullmatch(pattern, text)
    assert match is not None, (template, text)
    return match.groupdict()


def _summary(page: dict[str, HtmlSection], key: str) -> dict[str, str]:
    """The fields of the summary paragraph made from message ``summary.<key>``."""
    template = MSG[f"summary.{key}"]
    head = re.split(r"\{\w+\}", template)[0] or re.split(r"\{\w+\}", template)[1]
    found = [p for p in page["summary"].paragraphs if head in p]
    assert len(found) == 1, (key, page["summary"].paragraphs)
    return _fields(template, found[0])


def test_every_section_is_there(page: dict[str, HtmlSection]) -> None:
    assert list(page) == [
        "summary",
        "tree",
        "coverage",
        "supply",
        "assessment",
        "members",
        "teaching",
        "activities",
        "gaps",
        "scorecards",
        "compare_units",
    ]


def test_tree_summary_and_tree_table(page: dict[str, HtmlSection], year: YearResults) -> None:
    tree = page["tree"]
    table = tree.tables[0]
    foot = table.foot[0]
    units, members = (_int(x) for x in re.findall(r"[\d,]+", tree.paragraphs[0])[:2])
    assert units == _int(foot[table.column("单位数")]) == len(year.tree)
    assert members == _int(foot[table.column("党员数")])
    for header in ("单位数", "党员数", "有播放网点"):
        k = table.column(header)
        assert sum(_int(r[k]) for r in table.rows) == _int(foot[k]), header


def test_coverage_table_and_tree_table(page: dict[str, HtmlSection]) -> None:
    kinds = page["tree"].tables[0]
    per_kind = {r[0]: r for r in kinds.rows}
    places = [per_kind[k] for k in ("行政村", "社区")]
    coverage = page["coverage"].tables[0]
    covered = sum(_int(r[coverage.column("已建点")]) for r in coverage.rows)
    total = sum(_int(r[coverage.column("总数")]) for r in coverage.rows)
    assert covered == sum(_int(r[kinds.column("有播放网点")]) for r in places)
    assert total == sum(_int(r[kinds.column("单位数")]) for r in places)


def test_coverage_equals_st1_in_every_scorecard(
    page: dict[str, HtmlSection], year: YearResults
) -> None:
    coverage = page["coverage"].tables[0]
    cards = _scorecards(page)
    rate = coverage.column("建点率")
    assert len(cards) == 20
    for i, row in enumerate(coverage.rows):
        uid, card = row[coverage.column("编号")], cards[row[0]]
        st1 = _exact_actual(card, year, uid, "ST1")
        assert st1.actual is not None, uid
        assert float(st1.actual) == coverage.number(i, "建点率"), uid
        assert card.rows[_line(card, "ST1")][card.column("实际值")] == row[rate], uid
        assert row[rate] == format_cell(coverage.number(i, "建点率"), fmt="pct"), uid


def test_supply_lines_equal_su1_in_every_scorecard(
    page: dict[str, HtmlSection], year: YearResults
) -> None:
    supply = page["supply"].tables[0]
    cards = _scorecards(page)
    ids = supply.by("编号")
    names = {row[supply.column("编号")]: row[0] for row in supply.rows}
    checked = 0
    for uid, i in ids.items():
        if names[uid] not in cards:
            continue
        card = cards[names[uid]]
        su1 = _exact_actual(card, year, uid, "SU1")
        held, target = supply.number(i, "现有套数"), supply.number(i, "目标套数")
        assert held is not None
        assert target is not None
        if target:
            assert su1.actual is not None, uid
            assert float(su1.actual) == pytest.approx(held / target, abs=1e-12), uid
            shown = card.rows[_line(card, "SU1")][card.column("实际值")]
            assert shown == format_cell(held / target, fmt="pct"), uid
            short = supply.number(i, "缺口")
            assert short == max(0, target - held), uid
        else:
            assert su1.actual is None, uid  # nothing to supply: not applicable
        checked += 1
    assert checked == 20


def test_magazine_copies_are_mg1s_organisations(
    page: dict[str, HtmlSection], year: YearResults
) -> None:
    supply = page["supply"].tables[0]
    cards = _scorecards(page)
    for i, row in enumerate(supply.rows):
        if row[0] not in cards:
            continue
        uid = row[supply.column("编号")]
        copies = supply.number(i, "《党员电化教育》订数")
        actual = _exact_actual(cards[row[0]], year, uid, "MG1").actual
        if not copies:
            assert actual is None, row[0]
            continue
        assert actual is not None
        # MG1 = subscribing / the organisations the copies go to: a whole number subscribe
        subscribing = Fraction(actual).limit_denominator(1000) * int(copies)
        assert subscribing.denominator == 1, (row[0], actual, copies)


def test_supply_intro_equals_the_total_line(page: dict[str, HtmlSection]) -> None:
    supply = page["supply"]
    table = supply.tables[0]
    root = table.rows[0]
    figures = [_int(x) for x in re.findall(r"\d[\d,]*", supply.paragraphs[0])]
    shown = [table.column(h) for h in ("目标套数", "现有套数", "缺口")]
    for k in shown:
        assert _int(root[k]) in figures, table.headers[k]
    assert figures[0] == _int(root[shown[0]])
    assert figures[-2:] == [_int(root[shown[1]]), _int(root[shown[2]])]


def test_ranking_totals_equal_the_scorecards(page: dict[str, HtmlSection]) -> None:
    ranking = page["assessment"].tables[0]
    cards = _scorecards(page)
    assert len(cards) == len(ranking.rows)
    for row in ranking.rows:
        name = row[ranking.column("单位")]
        caption = cards[name].caption
        total, grade = row[ranking.column("总分")], row[ranking.column("等次")]
        assert f"总分 {total}，{grade}" in caption, name
        foot = cards[name].foot[-1]  # the scorecard's own total line
        assert foot[cards[name].column("得分")] == total, name
        assert foot[cards[name].column("说明")] == grade, name


def _cells(table: Table) -> list[list[str]]:
    return [
        [format_cell(v, fmt=c.fmt) for c, v in zip(table.columns, row, strict=True)]
        for row in table.rows
    ]


def test_the_workbook_shows_the_html_tables(
    page: dict[str, HtmlSection], year: YearResults
) -> None:
    sheets = workbook_tables(year, tree_summary=True)
    html = {
        "组织体系概况": page["tree"].tables[0],
        "建点率": page["coverage"].tables[0],
        "供片计划": page["supply"].tables[0],
        "考核排名": page["assessment"].tables[0],
    }
    assert next(iter(sheets)) == "组织体系概况"
    for name, table in html.items():
        sheet = sheets[name]
        assert sheet.headers[: len(table.headers)] == table.headers, name
        rows = [r[: len(table.headers)] for r in _cells(sheet)]
        body = rows[: len(table.rows)]
        assert body == table.rows, name
        assert rows[len(table.rows) :] == table.foot, name  # the totals, shown once


def test_summary_units_and_members(page: dict[str, HtmlSection], year: YearResults) -> None:
    shown = _summary(page, "units")
    table = page["tree"].tables[0]
    foot = table.foot[0]
    assert shown["root"] == year.tree.root.name
    assert _int(shown["units"]) == _int(foot[table.column("单位数")]) == len(year.tree)
    assert _int(shown["members"]) == _int(foot[table.column("党员数")])


def test_summary_coverage(page: dict[str, HtmlSection]) -> None:
    shown = _summary(page, "coverage")
    coverage = page["coverage"].tables[0]
    total = coverage.foot[0]
    assert shown["rate"] == total[coverage.column("建点率")]
    assert _int(shown["covered"]) == _int(total[coverage.column("已建点")])
    assert _int(shown["total"]) == _int(total[coverage.column("总数")])
    assert _int(shown["covered"]) == sum(_int(r[coverage.column("已建点")]) for r in coverage.rows)
    assert _int(shown["total"]) == sum(_int(r[coverage.column("总数")]) for r in coverage.rows)


def test_summary_supply(page: dict[str, HtmlSection]) -> None:
    shown = _summary(page, "supply")
    table = page["supply"].tables[0]
    root = table.rows[0]
    for key, header in (("target", "目标套数"), ("held", "现有套数"), ("shortfall", "缺口")):
        assert shown[key] == root[table.column(header)], header


def test_summary_best_and_worst(page: dict[str, HtmlSection]) -> None:
    shown = _summary(page, "ranking")
    ranking = page["assessment"].tables[0]
    unit, total = ranking.column("单位"), ranking.column("总分")
    assert int(shown["count"]) == len(ranking.rows) == len(_scorecards(page))
    assert [shown["best"], shown["best_total"]] == [ranking.rows[0][unit], ranking.rows[0][total]]
    last = ranking.rows[-1]
    assert [shown["worst"], shown["worst_total"]] == [last[unit], last[total]]


def test_summary_grade_counts(page: dict[str, HtmlSection], year: YearResults) -> None:
    shown = _summary(page, "grades")["grades"].split(MSG["list.sep"])
    counted = [_fields(MSG["summary.grade"], words) for words in shown]
    ranking = page["assessment"].tables[0]
    grades = [r[ranking.column("等次")] for r in ranking.rows]
    cards = [c.foot[-1][c.column("说明")] for c in _scorecards(page).values()]
    assert year.assessment is not None
    for field_ in counted:
        n = int(field_["count"])
        assert n == grades.count(field_["grade"]) == cards.count(field_["grade"]), field_
        assert n == year.assessment.grade_counts()[field_["grade"]], field_
    assert sum(int(f["count"]) for f in counted) == len(grades)


def test_summary_gaps_count(page: dict[str, HtmlSection], year: YearResults) -> None:
    shown = _summary(page, "gaps")
    intro = _fields(MSG["gaps.intro"], page["gaps"].paragraphs[0])
    assert year.gap_list is not None
    assert shown["count"] == intro["count"] == str(len({s.id for s, _, _ in year.gap_list}))


def _demo_rows(text: str, first: str) -> list[list[str]]:
    """The rows of the demo's text table whose header starts with ``first``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_the_demo_supply_plan_equals_the_html(
    page: dict[str, HtmlSection], demo: dict[str, str]
) -> None:
    supply = page["supply"].tables[0]
    html = {r[0]: r for r in supply.rows}
    cols = [supply.column(h) for h in ("目标套数", "现有套数", "缺口", "《党员电化教育》订数")]
    rows = _demo_rows(demo["supply_cmd"], "名称")
    assert len(rows) == len(supply.rows)
    for row in rows:
        name, target, held, short, copies = row[0], row[2], row[5], row[6], row[7]
        assert [target, held, short, copies] == [html[name][k] for k in cols], name


def test_the_demo_coverage_equals_the_html(
    page: dict[str, HtmlSection], demo: dict[str, str]
) -> None:
    coverage = page["coverage"].tables[0]
    html = {r[coverage.column("编号")]: r for r in [*coverage.rows, *coverage.foot]}
    rate = coverage.column("建点率")
    tree_rows = _demo_rows(demo["tree_cmd"], "编号")
    records_rows = _demo_rows(demo["records_cmd"], "编号")
    assert {r[0] for r in tree_rows} == set(html)
    for row in tree_rows:
        assert row[-1] == html[row[0]][rate], row[0]
    for row in records_rows:
        if row[0] in html:
            assert row[4] == html[row[0]][rate], row[0]


def test_the_demo_ranking_equals_the_html(
    page: dict[str, HtmlSection], demo: dict[str, str]
) -> None:
    ranking = page["assessment"].tables[0]
    html = {r[ranking.column("编号")]: r for r in ranking.rows}
    rows = _demo_rows(demo["score_cmd"], "rank")
    assert len(rows) == len(html) == 20
    for row in rows:
        rank, uid, _name, total, grade = row[:5]
        want = html[uid]
        assert [rank, total, grade] == [
            want[ranking.column("名次")],
            want[ranking.column("总分")],
            want[ranking.column("等次")],
        ], uid
