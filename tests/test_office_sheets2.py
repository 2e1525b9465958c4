"""Issue 13, deliverable 4: sheets as offices fill them in, for every table reader.

[`pmedu.io.layout.lay_out`] finds the table (title and 填报单位 rows above the header, a two-row
merged header, 序号, 合计/小计 rows, 上级编号 merged down a block of villages); the unit table,
holdings and facts readers use it, for CSV, .xlsx, .xls and .ods alike, and every row number is
the sheet's own (DOMAIN §2: a county centre merges what its townships send back as they fill
it in).
"""

from __future__ import annotations

import codecs
import subprocess
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.errors import DataError, PmeduWarning, Problem, TreeError
from pmedu.io import read_tree, write_units_csv
from pmedu.io.facts import read_facts
from pmedu.io.holdings import read_holdings
from pmedu.io.layout import lay_out
from pmedu.io.sheets import Cell, MergedRange
from strategies import office_unit_lists

ALIASES = {
    "编号": "id",
    "上级编号": "parent_id",
    "名称": "name",
    "类型": "kind",
    "党员数": "members",
    "党员人数": "members",
    "流动党员": "mobile",
    "流动党员人数": "mobile",
}

OFFICE: list[list[Cell]] = [
    ["某县党组织基本情况统计表", None, None, None, None, None, None],
    ["填报单位：某县委组织部", None, None, None, "日期：2025-12-31", None, None],
    ["序号", "编号", "上级编号", "名称", "类型", "党员情况", None],
    [None, None, None, None, None, "党员数", "流动党员"],
    [1, "T", "C", "东镇", "镇", 50, 2],
    [2, "V1", "T", "石桥村", "村", 30, 1],
    [3, "V2", None, "河口村", "村", 20, 1],
    [None, "小计", None, None, None, 50, 2],
    [],
    [4, "V3", None, "南村", "村", 5, 0],
    [None, "合 计", None, None, None, 55, 2],
]
# the sheet's merges: title, parent header, 上级编号 of V1..V2 merged (rows 6-7)
MERGES = [
    MergedRange(1, 1, 1, 7),
    MergedRange(3, 1, 4, 1),
    MergedRange(3, 2, 4, 2),
    MergedRange(3, 3, 4, 3),
    MergedRange(3, 4, 4, 4),
    MergedRange(3, 5, 4, 5),
    MergedRange(3, 6, 3, 7),
    MergedRange(6, 3, 7, 3),
]


@contextmanager
def said() -> Iterator[list[str]]:
    out: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield out
    out.extend(str(w.message) for w in caught if issubclass(w.category, PmeduWarning))


def test_office_sheet_laid_out_with_merges() -> None:
    with said() as messages:
        laid = lay_out(
            OFFICE,
            aliases=ALIASES,
            required=["id", "parent_id", "name", "kind"],
            source="u.xlsx",
            sheet="乡镇",
            merges=MERGES,
            fill_down=["parent_id"],
        )
    assert laid.fields == (None, "id", "parent_id", "name", "kind", "members", "mobile")
    assert laid.headers == ("序号", "编号", "上级编号", "名称", "类型", "党员数", "流动党员")
    assert laid.header_rows == (3, 4)
    assert laid.skipped_above == (1, 2)
    assert laid.totals == (8, 11)
    assert laid.unknown == ()
    # V2's 上级编号 is under the merge of rows 6-7; V3's blank is under no merge: never filled
    assert [(n, c[1], c[2]) for n, c in laid.rows] == [
        (5, "T", "C"),
        (6, "V1", "T"),
        (7, "V2", "T"),
        (10, "V3", None),
    ]
    assert messages == [
        "u.xlsx:乡镇: rows 1-2 above the header row (row 3) skipped",
        "u.xlsx:乡镇: 2 合计/小计 rows skipped: rows 8, 11",
    ]


def test_csv_export_of_the_office_sheet_reads_the_same_header() -> None:
    """A CSV export keeps no merges: a parent cell is followed by blank cells."""
    text = [["" if c is None else str(c) for c in row] for row in OFFICE]
    with said():
        laid = lay_out(text, aliases=ALIASES, required=["id"], source="u.csv")
    assert laid.fields == (None, "id", "parent_id", "name", "kind", "members", "mobile")
    assert laid.header_rows == (3, 4)
    assert [n for n, _ in laid.rows] == [5, 6, 7, 10]
    # no merges, nothing filled: V2's blank stays blank
    assert laid.rows[2][1][2] == ""


def test_ambiguous_or_unknown_child_keeps_its_parent() -> None:
    records: list[list[Cell]] = [
        ["编号", "党员", None, "流动党员", None, "备注"],
        [None, "人数", "其中女", "人数", "其中女", None],
        ["V1", 3, 1, 0, 0, None],
    ]
    laid = lay_out(records, aliases=ALIASES, required=["id"], source="u.csv")
    assert laid.headers == (
        "编号",
        "党员/人数",
        "党员/其中女",
        "流动党员/人数",
        "流动党员/其中女",
        "备注",
    )
    assert laid.fields == ("id", "members", None, "mobile", None, None)
    assert laid.unknown == ((2, "党员/其中女"), (4, "流动党员/其中女"), (5, "备注"))


def test_two_header_rows_name_both_with_the_sheet() -> None:
    head = ["编号", "名称", "类型"]
    with pytest.raises(DataError) as err:
        lay_out(
            [head, ["C", "某县", "县"], head],
            aliases=ALIASES,
            required=[],
            source="u.xlsx",
            sheet="乡镇",
        )
    assert err.value.lines() == [
        "u.xlsx:乡镇!3: two header rows: rows 1 and 3 both hold the table's column names; keep one"
    ]


def test_no_header_row_the_first_row_is_the_header() -> None:
    laid = lay_out([["a", "b"], ["1", "2"]], aliases=ALIASES, required=["id"], source="t.csv")
    assert laid.header_rows == (1,)
    assert laid.unknown == ((0, "a"), (1, "b"))
    assert laid.rows == ((2, ("1", "2")),)


def test_check_reports_missing_and_doubled_columns() -> None:
    records = [["编号", "党员数", "党员人数"], ["V", "1", "1"]]
    with pytest.raises(DataError) as err:
        lay_out(records, aliases=ALIASES, required=["id", "name"], source="t.csv", check=True)
    assert err.value.lines() == [
        "t.csv:1: members: column for 'members' given twice (columns B and C)",
        "t.csv:1: name: missing column 'name'",
    ]


def test_problem_names_file_sheet_and_row() -> None:
    p = Problem("must not be empty", file="u.xlsx", sheet="乡镇", row=5, field="id")
    assert str(p) == "u.xlsx:乡镇!5: id: must not be empty"
    assert str(Problem("x", file="u.csv", row=5)) == "u.csv:5: x"


# ---- the readers, on sheets as offices fill them in ------------------------------------------

#: the columns of the office's sheet after 序号: (header, field); 党员情况 heads two of them
OFFICE_COLUMNS = [
    ("编号", "id"),
    ("上级编号", "parent_id"),
    ("名称", "name"),
    ("类型", "kind"),
    ("党员数", "members"),
    ("流动党员", "mobile"),
    ("离退休党员", "retired"),
    ("有播放网点", "has_station"),
]


def _cell(unit: Unit, field: str) -> object:
    value = getattr(unit, field)
    if field == "kind":
        return unit.kind.label
    if field == "has_station":
        return "是" if value else "否"
    return value


def office_workbook(
    path: Path, units: list[Unit], *, subtotal_after: int | None = None, sheets: int = 1
) -> Path:
    """``units`` as a township office fills in its sheet: a merged title row, a 填报单位/日期
    row, a two-row header (序号 … merged down, 党员情况 merged over 党员数 / 流动党员), 上级编号
    merged down each block of consecutive rows with one parent, a 小计 row after row
    ``subtotal_after`` of the data (between two blocks) and a 合计 row last."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "乡镇"
    width = 1 + len(OFFICE_COLUMNS)
    ws.append(["某县党组织基本情况统计表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append(["填报单位：某县委组织部", None, None, None, None, "日期：2025-12-31"])
    ws.append(["序号", *[h if f not in ("members", "mobile") else None for h, f in OFFICE_COLUMNS]])
    ws.cell(3, 6, "党员情况")
    ws.append([None] * 5 + ["党员数", "流动党员"])
    for j in range(1, width + 1):
        if j not in (6, 7):
            ws.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    ws.merge_cells(start_row=3, start_column=6, end_row=3, end_column=7)
    row = 5
    blocks: list[list[object]] = []  # [first row, last row, parent] of each block of one parent
    for k, unit in enumerate(units):
        if blocks and blocks[-1][2] == unit.parent_id and blocks[-1][1] == row - 1:
            blocks[-1][1] = row
        else:
            blocks.append([row, row, unit.parent_id])
        ws.append([k + 1, *[_cell(unit, f) for _, f in OFFICE_COLUMNS]])
        row += 1
        if subtotal_after is not None and k + 1 == subtotal_after and k + 1 < len(units):
            ws.append([None, "小计", None, None, None, sum(u.members for u in units[: k + 1])])
            row += 1
    ws.append([None, "合 计", None, None, None, sum(u.members for u in units)])
    for first, last, parent in blocks:
        assert isinstance(first, int)
        assert isinstance(last, int)
        if parent is not None and last > first:
            for r in range(first + 1, last + 1):
                ws.cell(r, 3).value = None  # the merge keeps the top cell's value only
            ws.merge_cells(start_row=first, start_column=3, end_row=last, end_column=3)
    for n in range(1, sheets):
        wb.create_sheet(f"说明{n}")["A1"] = "填表说明"
    wb.save(path)
    return path


UNITS = [
    Unit(id="C", name="某县", kind="县", members=10),
    Unit(id="T", name="东镇", kind="镇", parent_id="C", members=20, mobile=2),
    Unit(id="V1", name="石桥村", kind="村", parent_id="T", members=30, has_station=True),
    Unit(id="V2", name="河口村", kind="村", parent_id="T", members=25, retired=5),
    Unit(id="V3", name="南村", kind="村", parent_id="T", members=5, mobile=0),
    Unit(id="S", name="城关街道", kind="街道", parent_id="C", members=7),
    Unit(id="Q1", name="东社区", kind="社区", parent_id="S", members=3),
    Unit(id="Q2", name="西社区", kind="社区", parent_id="S", members=4),
]


def _units(path: Path, **options: object) -> tuple[list[Unit], list[str]]:
    with said() as messages:
        tree = read_tree(path, **options)  # type: ignore[arg-type]
    return list(tree), messages


def test_office_xlsx_reads_the_same_units_as_the_plain_table(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    path = office_workbook(tmp_path / "u.xlsx", UNITS, subtotal_after=5)
    got, messages = _units(path)
    assert got == list(OrgTree.from_units(UNITS))
    assert f"{path}: rows 1-2 above the header row (row 3) skipped" in messages
    assert f"{path}: 2 合计/小计 rows skipped: rows 10, 14" in messages
    assert not [m for m in messages if "unknown column" in m]


def test_office_xlsx_problem_names_the_sheet_and_its_own_row(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    bad = [*UNITS[:3], Unit(id="V2", name="河口村", kind="社区", parent_id="T"), *UNITS[4:]]
    path = office_workbook(tmp_path / "u.xlsx", bad, sheets=2)
    with said(), pytest.raises(TreeError) as err:
        read_tree(path, rules="strict", sheet="乡镇")
    # V2 is the sheet's row 8 (title, 填报单位 and the two header rows above)
    assert any(line.startswith(f"{path}:乡镇!8: unit V2: kind:") for line in err.value.lines())


def test_a_bad_cell_names_file_sheet_and_row(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    path = office_workbook(tmp_path / "u.xlsx", UNITS, sheets=2)
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(path)
    wb["乡镇"].cell(9, 6).value = "x"  # V3's 党员数
    wb.save(path)
    with said(), pytest.raises(DataError) as err:
        read_tree(path)
    assert err.value.lines() == [
        f"{path}:乡镇!9: members: must be a whole number ≥ 0, got 'x'",
    ]


def test_two_roots_name_their_rows(tmp_path: Path) -> None:
    rows = ["编号,上级编号,名称,类型", "C,,某县,县", *[f"T{i},C,镇{i},镇" for i in range(14)]]
    rows.append("X,,另一县,县")
    p = tmp_path / "u.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(TreeError) as err:
        read_tree(p)
    assert err.value.lines() == [
        f"{p}: 2 roots: rows 2 and 17 (units without parent: C (某县), X (另一县)); "
        "a tree has exactly one"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_text_export_reads(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated."""
    lines = ["某县党组织基本情况统计表", "序号\t编号\t上级编号\t名称\t类型\t党员数"]
    lines += [
        f"{k}\t{u.id}\t{u.parent_id or ''}\t{u.name}\t{u.kind.label}\t{u.members}"
        for k, u in enumerate(UNITS, start=1)
    ]
    lines.append("\t合计\t\t\t\t104")
    text = "\r\n".join(lines) + "\r\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    p = tmp_path / "u.csv"
    p.write_bytes(bom + text.encode(encoding))
    got, messages = _units(p)
    assert [(u.id, u.parent_id, u.members) for u in got] == [
        (u.id, u.parent_id, u.members) for u in OrgTree.from_units(UNITS)
    ]
    assert f"{p}: 1 合计/小计 row skipped: row {len(lines)}" in messages


def test_semicolon_csv_with_a_title_line_without_delimiters(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text("某县统计表\n编号;上级编号;名称;类型\nC;;某县;县\n", encoding="utf-8")
    got, _ = _units(p)
    assert [u.id for u in got] == ["C"]


def test_sheet_option_picks_the_sheet(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "u.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "填表说明"
    ws = wb.create_sheet("单位")
    for r in (["编号", "上级编号", "名称", "类型"], ["C", None, "某县", "县"]):
        ws.append(r)
    wb.save(path)
    assert [u.id for u in read_tree(path, sheet="单位")] == ["C"]
    out = subprocess.run(
        [sys.executable, "-m", "pmedu", "tree", str(path), "--sheet", "单位"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    with pytest.raises(DataError, match="no sheet named '村'; sheets: 说明, 单位"):
        read_tree(path, sheet="村")


FIXTURES = Path(__file__).parent / "data" / "office"


@pytest.mark.parametrize("name", ["units.xls", "units.ods"])
def test_xls_and_ods_office_sheets(name: str) -> None:
    """The office workbook saved by LibreOffice as .xls and .ods: calamine reads the .xls merges,
    the .ods ones come from its content.xml."""
    pytest.importorskip("python_calamine")
    got, messages = _units(FIXTURES / name)
    assert got == list(OrgTree.from_units(UNITS))
    assert any("2 合计/小计 rows skipped: rows 10, 14" in m for m in messages), messages


def test_holdings_and_facts_from_office_sheets(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "h.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "片库"
    ws.append(["某县片库统计"])
    ws.merge_cells("A1:C1")
    for r in (["序号", "编号", "套数"], [1, "T1", 3], [2, "T2", -1], [None, "合计", 2]):
        ws.append(r)
    wb.save(path)
    with said(), pytest.raises(DataError) as err:
        read_holdings(path)
    assert err.value.lines() == [f"{path}:4: 套数: must be a whole number ≥ 0, got '-1'"]
    facts = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["考核数据"])
    for r in (["单位编号", "指标", "数值"], ["T1", "info_items", 8], [None, "meetings", 4]):
        ws.append(r)
    ws.merge_cells("A3:A4")  # the unit merged down its measures
    wb.save(facts)
    with said():
        f = read_facts(facts)
    assert (f.get("T1", "info_items"), f.get("T1", "meetings")) == (Decimal(8), Decimal(4))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units=office_unit_lists(max_size=12), cut=st.integers(min_value=1, max_value=12))
def test_office_sheet_reads_back_as_the_plain_table(units: list[Unit], cut: int) -> None:
    """Domain rule (DOMAIN §2, issue 13): a unit table is the same units however the office lays
    it out — a title row, a 填报单位 row, a two-row merged header, 序号, 小计/合计 rows and
    上级编号 merged down each block of villages change nothing."""
    pytest.importorskip("python_calamine")
    with tempfile.TemporaryDirectory() as d:
        plain = write_units_csv(units, Path(d) / "plain.csv")
        office = office_workbook(Path(d) / "office.xlsx", units, subtotal_after=cut)
        with said():
            assert list(read_tree(office)) == list(read_tree(plain))


def test_a_stray_cell_under_a_blank_header_is_no_second_header_row(tmp_path: Path) -> None:
    """A known column followed by a blank header is a column, not a group: the row below with
    data only under the blank header is a data row (its cell has no header)."""
    p = tmp_path / "u.csv"
    p.write_text("编号,上级编号,名称,类型,\n,,,,x\nC,,某县,县,\n", encoding="utf-8")
    with pytest.raises(DataError, match="column 5 has no header but has data"):
        read_tree(p)


def test_unreadable_ods_merges_are_said(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    src = FIXTURES / "units.ods"
    p = tmp_path / "units.ods"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "content.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
            zout.writestr(info, data)
    with said() as messages, pytest.raises((DataError, TreeError)):
        read_tree(p)
    assert any("merged cells cannot be read" in m for m in messages), messages


def test_holdings_and_facts_csv_exports_as_offices_send_them(tmp_path: Path) -> None:
    """A UTF-16 tab-separated holdings export with a title row and a 合计 row, and a facts CSV
    with a title row: read as the plain tables, problems at the file's own lines."""
    h = tmp_path / "h.csv"
    text = "某县片库统计\r\n序号\t编号\t套数\r\n1\tT1\t3\r\n2\tT2\t\r\n\t合计\t3\r\n"
    h.write_bytes(text.encode("utf-16"))
    with said() as messages:
        assert read_holdings(h) == {"T1": 3, "T2": 0}
    assert f"{h}: 1 合计/小计 row skipped: row 5" in messages
    h.write_bytes(text.replace("\t3\r\n2", "\tx\r\n2", 1).encode("utf-16"))
    with said(), pytest.raises(DataError) as err:
        read_holdings(h)
    assert err.value.lines() == [f"{h}:3: 套数: must be a whole number ≥ 0, got 'x'"]
    f = tmp_path / "f.csv"
    f.write_text("2025年考核数据,,\n单位编号,指标,数值\nT1,info_items,8\nT2,info_items,y\n")
    with said(), pytest.raises(DataError) as err:
        read_facts(f)
    assert err.value.lines() == [f"{f}:4: value: not a number: 'y'"]


def test_a_two_row_header_holding_its_names_across_both_rows() -> None:
    """编号 merged down beside 片库情况 merged over 套数 / 其中新增: neither row alone holds both
    required names, the two rows together do."""
    records: list[list[Cell]] = [
        ["某县片库统计", None, None],
        ["编号", "片库情况", None],
        [None, "套数", "其中新增"],
        ["T1", 3, 1],
    ]
    merges = [MergedRange(1, 1, 1, 3), MergedRange(2, 1, 3, 1), MergedRange(2, 2, 2, 3)]
    with said():
        laid = lay_out(
            records,
            aliases={"编号": "unit_id", "套数": "sets"},
            required=["unit_id", "sets"],
            source="h.xlsx",
            merges=merges,
        )
    assert laid.fields == ("unit_id", "sets", None)
    assert laid.headers == ("编号", "套数", "片库情况/其中新增")
    assert laid.header_rows == (2, 3)
    assert laid.rows == ((4, ("T1", 3, 1)),)


def test_a_parent_over_one_child_in_a_csv_export(tmp_path: Path) -> None:
    """党员情况 over 党员数 alone (the last column): the child names the column, and the rows
    are the file's own."""
    p = tmp_path / "u.csv"
    p.write_text(
        "某县统计表,,,,,\n序号,编号,上级编号,名称,类型,党员情况\n,,,,,党员数\n"
        "1,C,,某县,县,10\n2,T,C,东镇,镇,x\n,合计,,,,10\n",
        encoding="utf-8",
    )
    with said(), pytest.raises(DataError) as err:
        read_tree(p)
    assert err.value.lines() == [f"{p}:5: members: must be a whole number ≥ 0, got 'x'"]
