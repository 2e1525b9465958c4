"""Issue 12, outputs: formula text stays text, several files all or none, stale temporary
files removed, bad target paths are clean errors."""

from __future__ import annotations

import csv
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmedu.errors import DataError, PmeduError
from pmedu.io.documents import (
    atomic_files,
    atomic_open,
    escape_formula,
    remove_stale_temps,
    unescape_formula,
)
from pmedu.io.registers import write_table

if TYPE_CHECKING:
    from pmedu.tables import Table

DANGEROUS = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-东村",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", [*DANGEROUS, "'=x", "''-y", "'", "", "东村", "a=b"])
def test_escape_round_trips(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text


@pytest.mark.parametrize("text", DANGEROUS[:6])
def test_escaped_text_does_not_start_a_formula(text: str) -> None:
    assert escape_formula(text).startswith("'")


def test_register_csv_has_no_formula_cell(tmp_path: os.PathLike[str]) -> None:
    p = write_table(
        [{"name": n} for n in DANGEROUS], os.path.join(tmp_path, "r.csv"), columns={"name": "名称"}
    )
    with open(p, encoding="utf-8-sig", newline="") as fh:
        cells = [row[0] for row in csv.reader(fh)][1:]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert [unescape_formula(c) for c in cells] == DANGEROUS


def test_holdings_csv_reads_escaped_cells(tmp_path: Path) -> None:
    from pmedu.io.holdings import read_holdings
    from pmedu.model import Unit
    from pmedu.network import OrgTree

    t = OrgTree.from_units([Unit(id="-C", name="某县", kind="县")])
    p = tmp_path / "h.csv"
    p.write_text(f"unit_id,sets\n{escape_formula('-C')},2\n", encoding="utf-8")
    assert read_holdings(p, tree=t) == {"-C": 2}


def test_workbook_text_cells_are_never_formulas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from pmedu.io.xlsx import write_tables
    from pmedu.tables import Column, Table

    t = Table(
        columns=(Column("名称"), Column("套数", "int")), rows=tuple((n, 1) for n in DANGEROUS)
    )
    out = write_tables(tmp_path / "t.xlsx", {"供片": t})
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula element anywhere
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    got = [ws.cell(row=i, column=1) for i in range(2, 2 + len(DANGEROUS))]
    # XML reads a lone carriage return back as a line feed
    assert [c.value for c in got] == [d.replace("\r", "\n") for d in DANGEROUS]
    assert all(c.data_type == "s" for c in got)
    assert [c.quotePrefix for c in got] == [d != DANGEROUS[-1] for d in DANGEROUS]


def _write_group(files: dict[Path, bytes], fail: bool = False) -> None:
    with atomic_files() as group:
        for path, data in files.items():
            with group.open(path, mode="wb") as fh:
                fh.write(data)
        if fail:
            raise RuntimeError("writer failed")


def _names(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir())


def test_several_files_all_or_none(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.xlsx"
    a.write_text("old a")
    with pytest.raises(DataError, match=re.escape("b.xlsx")):
        _write_group({a: b"new a", tmp_path / "a.html" / "b.xlsx": b"x"})
    assert a.read_text() == "old a"
    assert _names(tmp_path) == ["a.html"]
    with pytest.raises(RuntimeError):
        _write_group({a: b"new a", b: b"new b"}, fail=True)
    assert a.read_text() == "old a"
    assert _names(tmp_path) == ["a.html"]
    _write_group({a: b"new a", b: b"new b"})
    assert a.read_text() == "new a"
    assert b.read_bytes() == b"new b"
    assert _names(tmp_path) == ["a.html", "b.xlsx"]


def test_failed_rename_restores_the_targets_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a")
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst) == str(b):
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DataError, match=re.escape("b.txt")):
        _write_group({a: b"new a", b: b"new b"})
    monkeypatch.setattr(os, "replace", real)
    assert a.read_text() == "old a"
    assert not b.exists()
    assert _names(tmp_path) == ["a.txt"]


def test_stale_temps_removed_on_next_write(tmp_path: Path) -> None:
    (tmp_path / ".out.csv.k1ll3d00.tmp").write_text("half")
    (tmp_path / ".other.csv.k1ll3d00.tmp").write_text("not ours")
    _write_group({tmp_path / "out.csv": b"ok"})
    assert _names(tmp_path) == [".other.csv.k1ll3d00.tmp", "out.csv"]
    assert remove_stale_temps(tmp_path / "other.csv") == [tmp_path / ".other.csv.k1ll3d00.tmp"]


def _write_one(path: Path) -> None:
    with atomic_open(path) as fh:
        fh.write("x")


def test_bad_targets_are_clean_errors(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for target in [tmp_path, tmp_path / "file" / "x.csv"]:
        with pytest.raises(PmeduError, match=re.escape(str(target))):
            _write_one(target)
    if os.name == "posix" and os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        try:
            with pytest.raises(PmeduError, match=re.escape(str(ro / "x.csv"))):
                _write_one(ro / "x.csv")
        finally:
            ro.chmod(0o700)
    # a missing directory is made (as before), not an error
    _write_one(tmp_path / "new" / "x.csv")
    assert (tmp_path / "new" / "x.csv").read_text() == "x"


def test_writers_join_a_group(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from pmedu.io.documents import dump_document
    from pmedu.io.xlsx import write_tables
    from pmedu.tables import Column, Table

    t = Table(columns=(Column("名称"),), rows=(("东镇",),))
    (tmp_path / "old.json").write_text("{}")
    with pytest.raises(DataError):
        _group_of_writers(tmp_path, t, write_tables, dump_document)
    assert _names(tmp_path) == ["file", "old.json"]
    assert (tmp_path / "old.json").read_text() == "{}"


def _group_of_writers(
    d: Path,
    table: Table,
    write_tables: Callable[..., Path],
    dump_document: Callable[..., Path],
) -> None:
    (d / "file").write_text("x")
    with atomic_files() as group:
        write_table([{"a": 1}], d / "reg.csv", group=group)
        dump_document({"a": 1}, d / "old.json", group=group)
        write_tables(d / "t.xlsx", {"s": table}, group=group)
        write_tables(d / "file" / "bad.xlsx", {"s": table}, group=group)
