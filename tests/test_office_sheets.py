"""Issue 13, deliverable 4 (the unit table): sheets as offices fill them in — title rows
above the header, a 序号 column, 合计/小计 rows; row numbers stay the sheet's own."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from pmedu.errors import DataError, PmeduWarning
from pmedu.io import read_units_csv, xlsx
from pmedu.tables import Column, Table

ROWS = [
    ["某县党组织基本情况统计表", "", "", "", "", ""],
    ["填报单位：某县委组织部", "", "", "", "日期：2025-12-31", ""],
    ["序号", "编号", "上级编号", "名称", "类型", "党员数"],
    ["1", "C", "", "某县", "县", "10"],
    ["2", "T", "C", "东镇", "镇", "20"],
    ["3", "V", "T", "石桥村", "村", "30"],
    ["", "小计", "", "", "", "50"],
    ["4", "F", "C", "某农场", "农场", "5"],
    ["", "合 计", "", "", "", "65"],
]


def _csv(tmp_path: Path, rows: list[list[str]]) -> Path:
    p = tmp_path / "u.csv"
    p.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return p


def _xlsx(tmp_path: Path, rows: list[list[str]]) -> Path:
    p = tmp_path / "u.xlsx"
    width = max(map(len, rows))
    table = Table(
        columns=[Column(f"c{j}") for j in range(width)],
        rows=[tuple(c or None for c in r) for r in rows[1:]],
    )
    xlsx.write_tables(p, {"units": table})
    # the writer's own header row stands in for the title row (row 1)
    return p


def _read(path: Path) -> tuple[list[tuple[str, int]], list[str]]:
    rows: list[int] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if path.suffix == ".csv":
            units = read_units_csv(path, row_numbers=rows)
        else:
            units = xlsx.read_units(path, row_numbers=rows)
    said = [str(w.message) for w in caught if issubclass(w.category, PmeduWarning)]
    return list(zip([u.id for u in units], rows, strict=True)), said


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_office_sheet_reads_with_its_own_row_numbers(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        pytest.importorskip("openpyxl")
        path = _xlsx(tmp_path, ROWS)
    else:
        path = _csv(tmp_path, ROWS)
    got, said = _read(path)
    assert got == [("C", 4), ("T", 5), ("V", 6), ("F", 8)]
    assert any("rows 1-2 above the header row (row 3) skipped" in s for s in said), said
    assert any("2 合计/小计 rows skipped: rows 7, 9" in s for s in said), said
    assert not any("序号" in s for s in said), said


def test_bad_cell_names_the_sheets_row(tmp_path: Path) -> None:
    rows = [r[:] for r in ROWS]
    rows[5][5] = "x"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError) as err:
            read_units_csv(_csv(tmp_path, rows))
    assert err.value.lines() == [
        f"{tmp_path / 'u.csv'}:6: members: must be a whole number ≥ 0, got 'x'"
    ]


def test_two_header_rows_is_an_error_naming_both(tmp_path: Path) -> None:
    rows = [ROWS[2], ROWS[3], ROWS[2], ROWS[4]]
    with pytest.raises(DataError) as err:
        read_units_csv(_csv(tmp_path, rows))
    assert "rows 1 and 3" in err.value.lines()[0]


def test_plain_table_says_nothing(tmp_path: Path) -> None:
    got, said = _read(_csv(tmp_path, ROWS[2:6]))
    assert got == [("C", 2), ("T", 3), ("V", 4)]
    assert said == []
