"""The one spreadsheet reader (pmedu.io.sheets) on real workbooks: .xlsx written here with
openpyxl, .xls and .ods converted from it by LibreOffice (kept under tests/data/bad/sheets)."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pmedu.errors import DataError, MissingExtraError
from pmedu.io import sheets
from pmedu.io.sheets import MergedRange, read_sheet_rows

pytest.importorskip("python_calamine")

SHEETS = Path(__file__).parent / "data" / "bad" / "sheets"


def layout_workbook(path: Path) -> Path:
    """A township report as counties send it: a title row, a two-row merged header, parent
    ids merged over their villages, and a 合计 row."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "乡镇"
    ws["A1"] = "某县 2025 年党员电教站点统计"
    ws.merge_cells("A1:E1")
    ws["A3"], ws["B3"], ws["C3"] = "上级编号", "编号", "党员"
    ws["C4"], ws["D4"], ws["E4"] = "人数", "日期", "站点"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:E3")
    data = [
        ("T01", "V01", 30.0, dt.date(2025, 3, 10), True),
        (None, "V02", 12, dt.datetime(2025, 3, 11), False),
        ("T02", "V03", 2.5, None, True),
    ]
    for row in data:
        ws.append(list(row))
    ws.merge_cells("A5:A6")
    ws.append([])
    ws.append(["合计", None, 44.5])
    wb.create_sheet("说明")["A1"] = "填表说明"
    wb.save(path)
    return path


EXPECTED_ROWS: list[list[object]] = [
    ["某县 2025 年党员电教站点统计", None, None, None, None],
    ["上级编号", "编号", "党员", None, None],
    [None, None, "人数", "日期", "站点"],
    ["T01", "V01", 30, dt.date(2025, 3, 10), True],
    [None, "V02", 12, dt.date(2025, 3, 11), False],
    ["T02", "V03", 2.5, None, True],
    ["合计", None, 44.5, None, None],
]
EXPECTED_NUMBERS = [1, 3, 4, 5, 6, 7, 9]
EXPECTED_MERGED = (
    MergedRange(1, 1, 1, 5),
    MergedRange(3, 1, 4, 1),
    MergedRange(3, 2, 4, 2),
    MergedRange(3, 3, 3, 5),
    MergedRange(5, 1, 6, 1),
)


def test_xlsx_rows_numbers_and_merged_ranges(tmp_path: Path) -> None:
    data = read_sheet_rows(layout_workbook(tmp_path / "layout.xlsx"))
    assert data.source == str(tmp_path / "layout.xlsx")
    assert data.name == "乡镇"
    assert data.sheet_names == ("乡镇", "说明")
    assert data.rows == EXPECTED_ROWS
    assert data.row_numbers == EXPECTED_NUMBERS
    assert data.merged == EXPECTED_MERGED
    assert isinstance(data.rows[3][2], int)


def test_sheet_by_name_and_index(tmp_path: Path) -> None:
    path = layout_workbook(tmp_path / "layout.xlsx")
    assert read_sheet_rows(path, sheet="说明").rows == [["填表说明"]]
    assert read_sheet_rows(path, sheet=1).name == "说明"


@pytest.mark.parametrize("name", ["layout.xls", "layout.ods"])
def test_xls_and_ods_read_the_same_cells(name: str) -> None:
    data = read_sheet_rows(SHEETS / name)
    assert data.sheet_names == ("乡镇", "说明")
    assert data.row_numbers == EXPECTED_NUMBERS
    # LibreOffice writes booleans to .ods as numbers formatted TRUE/FALSE
    expected = [
        [int(c) if isinstance(c, bool) and name.endswith(".ods") else c for c in row]
        for row in EXPECTED_ROWS
    ]
    assert data.rows == expected
    if name.endswith(".xls"):
        assert data.merged == EXPECTED_MERGED
    else:
        assert data.merged is None  # calamine does not read .ods merged cells


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = layout_workbook(tmp_path / "layout.xlsx")
    with pytest.raises(DataError, match=r"layout.xlsx: no sheet named '村'; sheets: 乡镇, 说明"):
        read_sheet_rows(path, sheet="村")
    with pytest.raises(DataError, match="has no sheet number 3"):
        read_sheet_rows(path, sheet=2)


@pytest.mark.parametrize("name", ["not_a_zip.xlsx", "truncated.xlsx"])
def test_damaged_workbooks_are_data_errors(name: str) -> None:
    with pytest.raises(
        DataError, match=rf"^1 problem:\n.*{name}: not a readable \.xls[x]? workbook"
    ):
        read_sheet_rows(SHEETS / name)


@pytest.mark.parametrize(
    ("name", "reach"),
    [("stray_cell_far_away.xlsx", "ZZZ99999999"), ("stray_row_far_away.xlsx", "row 999999999999")],
)
def test_a_used_range_too_large_is_refused_before_calamine_allocates_it(
    name: str, reach: str
) -> None:
    # calamine allocates the whole used range at once and aborts the process when it cannot
    with pytest.raises(DataError, match=rf"{name}: a sheet's cells reach {reach}: [0-9,]+ cells"):
        read_sheet_rows(SHEETS / name)


@pytest.mark.parametrize("name", ["layout.xls", "layout.ods"])
def test_xls_and_ods_sheets_too_large_are_refused_before_conversion(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheets, "MAX_CELLS", 40)  # this process's limit: read here, not in a child
    with pytest.raises(DataError, match=rf"{name}: sheet '乡镇': the sheet's cells reach E9"):
        sheets.read_here(SHEETS / name)


def xml_mutant(base: bytes, rng: random.Random) -> bytes:
    """The workbook with a few of its XML parts mangled (and sometimes a part dropped)."""
    pieces = ["<", ">", "&", '"', '<c r="B99999"><v>x</v></c>', "<v>1e999</v>", "&lol;", ""]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".xml") and rng.random() < 0.5:
                text = data.decode()
                for _ in range(rng.randint(1, 5)):
                    i = rng.randrange(len(text))
                    text = text[:i] + rng.choice(pieces) + text[i + rng.randint(0, 5) :]
                data = text.encode()
            if rng.random() > 0.03:
                zout.writestr(info, data)
    return out.getvalue()


def test_mangled_workbook_parts_give_a_data_error_or_rows(tmp_path: Path) -> None:
    base = layout_workbook(tmp_path / "layout.xlsx").read_bytes()
    rng = random.Random(10)
    for i in range(100):
        path = tmp_path / f"x{i}.xlsx"
        path.write_bytes(xml_mutant(base, rng))
        with contextlib.suppress(DataError):
            read_sheet_rows(path)


def test_damaged_xls_that_makes_calamine_abort() -> None:
    # in a child process: in this one the abort would end the whole test run
    code = (
        "from pmedu.errors import DataError\n"
        "from pmedu.io.sheets import read_sheet_rows\n"
        "try:\n"
        f"    read_sheet_rows({str(SHEETS / 'calamine_aborts.xls')!r})\n"
        "except DataError:\n"
        "    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120)
    assert result.returncode == 0


def test_bad_paths_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_sheet_rows(tmp_path / "none.xlsx")
    with pytest.raises(DataError, match="is a directory"):
        read_sheet_rows(tmp_path)
    (tmp_path / "units.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a spreadsheet"):
        read_sheet_rows(tmp_path / "units.csv")


def test_every_mangled_byte_gives_a_data_error_or_rows(tmp_path: Path) -> None:
    """A small seeded mutation campaign: no exception but DataError, whatever the bytes."""
    original = layout_workbook(tmp_path / "layout.xlsx").read_bytes()
    rng = random.Random(12)
    for i in range(60):
        mutant = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            mutant[rng.randrange(len(mutant))] = rng.randrange(256)
        if i % 3 == 0:
            mutant = mutant[: rng.randrange(len(mutant))]
        path = tmp_path / f"m{i}.xlsx"
        path.write_bytes(bytes(mutant))
        with contextlib.suppress(DataError):
            read_sheet_rows(path)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> object:
        if name == "python_calamine":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(MissingExtraError, match=r'pip install "pmedu\[excel\]"'):
        read_sheet_rows("x.xlsx")
