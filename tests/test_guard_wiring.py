"""Issue 12: the guard is wired into every reader (JSON/TOML loaders, CSV/TSV readers, sheets)."""

from __future__ import annotations

import shutil
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmedu import Unit
from pmedu.errors import DataError, PmeduWarning
from pmedu.io import read_tree, xlsx
from pmedu.io.csvfile import read_valid_tree_csv
from pmedu.io.documents import read_document
from pmedu.io.facts import read_facts
from pmedu.io.holdings import read_holdings
from pmedu.io.jsonfile import load_tree
from pmedu.io.policies import load_policy
from pmedu.io.records import load_records
from pmedu.io.rubrics import load_rubric
from pmedu.io.rules import load_rules
from pmedu.io.sessions import read_sessions_csv
from pmedu.io.standards import load_standard
from pmedu.tables import Column, Table

BAD = Path(__file__).parent / "data" / "bad"
DOCUMENTS = sorted(
    p for p in BAD.iterdir() if p.suffix in (".json", ".toml") and p.stem != "ids_bad"
)

LOADERS: dict[str, Callable[[Path], Any]] = {
    "document": read_document,
    "tree": load_tree,
    "records": load_records,
    "rubric": load_rubric,
    "policy": load_policy,
    "rules": load_rules,
    "standard": load_standard,
}


@pytest.mark.parametrize("loader", sorted(LOADERS))
@pytest.mark.parametrize("bad", DOCUMENTS, ids=lambda p: p.name)
def test_every_document_loader_refuses_the_bad_files(
    tmp_path: Path, loader: str, bad: Path
) -> None:
    target = tmp_path / bad.name
    shutil.copy(bad, target)
    with pytest.raises(DataError) as exc:
        LOADERS[loader](target)
    assert all(p.file == str(target) for p in exc.value.problems)


@pytest.mark.parametrize("loader", sorted(LOADERS))
def test_a_document_with_a_gbk_line_in_utf8_is_refused_at_the_line(
    tmp_path: Path, loader: str
) -> None:
    p = tmp_path / "d.json"
    p.write_bytes('{"name": "某县",\n'.encode() + ' "label": "东镇"}\n'.encode("gbk"))
    with pytest.raises(DataError) as exc:
        LOADERS[loader](p)
    assert exc.value.problems[0].row == 2


def test_duplicate_keys_are_an_error_at_their_path(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text('{"format": "pmedu.tree", "version": 1, "units": [{"id": "C", "id": "D"}]}')
    with pytest.raises(DataError) as exc:
        load_tree(p)
    assert [x.field for x in exc.value.problems] == ["units[0].id"]


def test_toml_floats_too_small_to_hold_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_text("villages_per_set = 1e-400\n")
    with pytest.raises(DataError, match="too small"):
        load_policy(p)


# ---- 2. CSV/TSV readers ----------------------------------------------------------------------

UNITS = "编号,上级编号,名称,类型,党员数\nC,,某县,县,0\nT01,C,东镇,镇,12\nV1,T01,石桥村,村,30\n"


def _units_csv(tmp_path: Path, text: str | bytes, name: str = "u.csv") -> Path:
    p = tmp_path / name
    if isinstance(text, str):
        p.write_text(text, encoding="utf-8")
    else:
        p.write_bytes(text)
    return p


def test_a_utf8_unit_table_with_one_gbk_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    data = UNITS.encode() + "V2,T01,河口村,村,3\n".encode("gbk")
    p = _units_csv(tmp_path, data)
    with pytest.raises(DataError) as exc:
        read_tree(p)
    assert exc.value.problems[0].row == 5
    assert read_valid_tree_csv(p) is None


@pytest.mark.parametrize(
    ("text", "row", "what"),
    [
        (UNITS + "V2,T01,河口村\n", 5, "short or truncated row"),
        (UNITS.replace("T01,C,东镇,镇,12", "T01,C,东镇,镇"), 3, "short or truncated row"),
        (UNITS + 'V2,T01,"河口村,村,3\nV3,T01,山村,村,4\n', 5, "malformed CSV"),
        (UNITS.replace("党员数\n", "党员数,\n") + "V2,T01,河口村,村,3,9\n", 1, "no header"),
        (UNITS.replace("T01,C", "T\x0001,C"), 3, "a NUL character"),
        (UNITS.replace("T01,C", "T\x0701,C"), 3, "control character U+0007"),
        (UNITS.replace("T01,C,东镇", "T01,C,东\ufeff镇"), 3, "byte-order mark"),
        (UNITS.replace("12", "1e-400"), 3, "whole number"),
        (UNITS.replace("12", "20000000"), 3, "at most 10,000,000"),
    ],
)
def test_bad_unit_tables_are_errors_at_their_row(
    tmp_path: Path, text: str, row: int, what: str
) -> None:
    p = _units_csv(tmp_path, text)
    with pytest.raises(DataError) as exc:
        read_tree(p)
    assert any(x.row == row and what in x.what for x in exc.value.problems), exc.value
    assert read_valid_tree_csv(p) is None


def test_full_width_ids_are_plain_and_formula_guards_stripped(tmp_path: Path) -> None:
    text = UNITS.replace("T01,C,东镇", "Ｔ０１,C,'-东镇").replace("V1,T01", "V1,Ｔ01")
    tree = read_tree(_units_csv(tmp_path, text))
    assert tree.unit("T01").name == "-东镇"
    assert tree.unit("V1").parent_id == "T01"
    assert Unit(id="Ｔ０１", name="东镇", kind="镇").id == "T01"


def test_a_utf16_tsv_unit_table_reads(tmp_path: Path) -> None:
    p = _units_csv(tmp_path, UNITS.replace(",", "\t").encode("utf-16"))
    assert read_tree(p) == read_tree(_units_csv(tmp_path, UNITS, "plain.csv"))


def test_an_unknown_column_is_a_warning_by_default_and_an_error_under_strict(
    tmp_path: Path,
) -> None:
    p = _units_csv(
        tmp_path, "编号,上级编号,名称,类型,党员数,备注\nC,,某县,县,0,\nT01,C,东镇,镇,12,首镇\n"
    )
    with pytest.warns(PmeduWarning, match="备注: unknown column"):
        tree = read_tree(p)
    assert len(tree) == 2
    with pytest.raises(DataError, match="备注: unknown column"):
        read_tree(p, strict=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_tree(p, extra_columns="ignore") == tree


def test_holdings_short_rows_and_quotes_are_errors(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text("unit_id,sets\nC,2\nT01\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"h.csv:3: 1 cell where the header has 2"):
        read_holdings(p)
    p.write_text("unit_id,sets\n'=C,2\n", encoding="utf-8")
    assert read_holdings(p) == {"=C": 2}


def test_facts_and_sessions_refuse_a_mixed_encoding(tmp_path: Path) -> None:
    p = tmp_path / "f.csv"
    p.write_bytes("unit,measure,value\nT01,某,1\n".encode() + "T02,东,2\n".encode("gbk"))
    with pytest.raises(DataError) as exc:
        read_facts(p)
    assert exc.value.problems[0].row == 3
    s = tmp_path / "s.csv"
    head = "id,station_id,date,theme\na,S1,2025-01-10,学习\n".encode()
    s.write_bytes(head + "b,S1,2025-01-11,东\n".encode("gbk"))
    with pytest.raises(DataError) as exc:
        read_sessions_csv(s)
    assert exc.value.problems[0].row == 3


@pytest.mark.parametrize("date", ["20250310", "2025-W11-1", "25-03-10"])
def test_sessions_refuse_dates_that_are_not_dates(tmp_path: Path, date: str) -> None:
    s = tmp_path / "s.csv"
    s.write_text(f"id,station_id,date\na,S1,{date}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"s.csv:2: date"):
        read_sessions_csv(s)


# ---- 3. spreadsheets through calamine ----------------------------------------------------------


def _units_xlsx(path: Path, rows: list[tuple[Any, ...]]) -> Path:
    heads = ("编号", "上级编号", "名称", "类型", "党员数", "有播放网点")
    xlsx.write_tables(path, {"units": Table(columns=[Column(h) for h in heads], rows=rows)})
    return path


def test_a_unit_workbook_reads_through_calamine(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    pytest.importorskip("openpyxl")
    p = _units_xlsx(
        tmp_path / "u.xlsx",
        [("C", None, "某县", "县", 3, "否"), ("T", "C", "东镇", "镇", 12, "是")],
    )
    tree = read_tree(p)
    assert tree.unit("T").has_station
    assert tree.rollup("members")["C"] == 15


def test_a_blank_flag_cell_in_a_sheet_is_an_error_never_false(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    pytest.importorskip("openpyxl")
    p = _units_xlsx(tmp_path / "u.xlsx", [("C", None, "某县", "县", 3, None)])
    with pytest.raises(DataError, match=r"u.xlsx:2: has_station: must not be blank"):
        read_tree(p)


@pytest.mark.parametrize("name", ["not_a_zip.xlsx", "truncated.xlsx"])
def test_damaged_workbooks_are_data_errors_in_every_reader(tmp_path: Path, name: str) -> None:
    pytest.importorskip("python_calamine")
    p = tmp_path / name
    shutil.copy(BAD / "sheets" / name, p)
    for read in (read_tree, read_holdings, xlsx.read_facts):
        with pytest.raises(DataError) as exc:
            read(p)
        assert exc.value.problems[0].file == str(p)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_xls_and_ods_read(suffix: str) -> None:
    pytest.importorskip("python_calamine")
    header, rows = xlsx.read_sheet(BAD / "sheets" / f"layout{suffix}")
    assert rows
    assert any(c is not None for c in header)


def test_a_session_with_100000_member_ids_loads_in_well_under_a_second(tmp_path: Path) -> None:
    members = ";".join(f"M{k:06d}" for k in range(100_000))  # one 800 kB cell
    s = tmp_path / "s.csv"
    s.write_text(f"id,station_id,date,expected\na,S1,2025-03-10,{members}\n", encoding="utf-8")
    start = time.perf_counter()
    (session,) = read_sessions_csv(s)
    assert time.perf_counter() - start < 1.0
    assert len(session.expected) == 100_000
