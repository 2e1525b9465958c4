"""Issue 13, deliverable 4: sheets as offices fill them in, for every table reader.

[`pmedu.io.layout.lay_out`] finds the table (title and 填报单位 rows above the header, a two-row
merged header, 序号, 合计/小计 rows, 上级编号 merged down a block of villages); the unit table,
holdings and facts readers use it, for CSV, .xlsx, .xls and .ods alike, and every row number is
the sheet's own (DOMAIN §2: a county centre merges what its townships send back as they fill
it in).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from pmedu.errors import DataError, PmeduWarning, Problem
from pmedu.io.layout import lay_out
from pmedu.io.sheets import Cell, MergedRange

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
