"""The lineage table (沿革: 撤并 merges, 拆分 splits, 更名 renames) from a user's CSV file or
Excel workbook.

The columns and checks are those of
[`Lineage.from_rows`][pmedu.model.lineage.Lineage.from_rows] (原编号, 新编号, 生效日期, 变更类型,
备注); this module opens the file, through the CSV reader every table uses (encoding detected:
UTF-8, UTF-8 with BOM, GBK) or a workbook's sheet (``pmedu[excel]``).

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "lineage.csv"
>>> _ = p.write_text("原编号,新编号,生效日期,变更类型\\nT01-V01,T01-V09,2026-01-01,撤并\\n",
...                  encoding="utf-8")
>>> read_lineage(p).current_id("T01-V01")
'T01-V09'
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from pmedu.io import xlsx
from pmedu.io.csvfile import read_csv_records
from pmedu.io.documents import atomic_open
from pmedu.io.sheets import SHEET_SUFFIXES
from pmedu.model.lineage import COLUMNS, Lineage

__all__ = ["read_lineage", "write_lineage"]


def read_lineage(
    path: str | os.PathLike[str], *, encoding: str | None = None, sheet: str | None = None
) -> Lineage:
    """The [`Lineage`][pmedu.model.lineage.Lineage] of a ``.csv`` file or a sheet of an
    ``.xlsx``/``.xls``/``.ods`` workbook (the first unless ``sheet`` is named); every bad cell
    is a [`LineageError`][pmedu.errors.LineageError] naming the file and the row.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "l.csv"
    >>> _ = p.write_text("old_id,new_id,effective,change\\nA,B,2025-02-30,rename\\n")
    >>> read_lineage(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.LineageError: 1 problem:
    ...l.csv:2: effective: ...
    """
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        header, rows = xlsx.read_sheet(path, sheet=sheet)
        return Lineage.from_rows(header, rows, source=xlsx.sheet_source(path, sheet=sheet))
    records = read_csv_records(path, encoding=encoding)
    if not records:
        return Lineage(())
    return Lineage.from_rows(records[0], records[1:], source=str(path))


def write_lineage(lineage: Lineage, path: str | os.PathLike[str]) -> Path:
    """Write a lineage table as a CSV with the Chinese headers (changes by their Chinese
    label), atomically; [`read_lineage`][pmedu.io.lineage.read_lineage] reads it back.

    >>> import pathlib, tempfile
    >>> from pmedu.model.lineage import LineageEntry
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "l.csv"
    >>> lin = Lineage([LineageEntry("T21", "T08", "2024-01-01", "更名", note="改名")])
    >>> p.read_text(encoding="utf-8").splitlines() if write_lineage(lin, p) else None
    ['原编号,新编号,生效日期,变更类型,备注', 'T21,T08,2024-01-01,更名,改名']
    >>> read_lineage(p) == lin
    True
    """
    p = Path(path)
    with atomic_open(p, mode="w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([names[0] for names in COLUMNS.values()])
        for e in lineage.entries:
            w.writerow([e.old_id, e.new_id, e.effective.isoformat(), e.change.label, e.note])
    return p
