"""Facts files (考核数据): read a long or wide CSV into [`Facts`][pmedu.facts.data.Facts], write
one.

>>> import tempfile, pathlib
>>> from pmedu.facts import Facts
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
>>> f = Facts.from_records([("T01", "info_items", 8)], year=2025)
>>> read_facts(write_facts(f, p)) == f
True
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from pmedu.errors import DataError
from pmedu.facts.data import (
    MEASURE_HEADERS,
    NAME_HEADERS,
    UNIT_HEADERS,
    VALUE_HEADERS,
    YEAR_HEADERS,
    Facts,
    Layout,
    facts_from_rows,
)
from pmedu.facts.measures import MEASURES
from pmedu.io import xlsx
from pmedu.io.csvfile import read_csv_table
from pmedu.io.documents import atomic_open
from pmedu.io.layout import as_grid, placed
from pmedu.io.sheets import SHEET_SUFFIXES

__all__ = ["FACTS_ALIASES", "read_facts", "read_long_facts", "read_wide_facts", "write_facts"]

#: the headers of a facts table → its fields: unit, measure, value, year, name, and every
#: known measure (a wide table's columns) as itself
FACTS_ALIASES: dict[str, str] = {
    **{m: m for m in MEASURES},
    **dict.fromkeys(NAME_HEADERS, "name"),
    **dict.fromkeys(YEAR_HEADERS, "year"),
    **dict.fromkeys(VALUE_HEADERS, "value"),
    **dict.fromkeys(MEASURE_HEADERS, "measure"),
    **dict.fromkeys(UNIT_HEADERS, "unit"),
}


def _read(
    path: str | os.PathLike[str],
    year: int | None,
    layout: Layout,
    *,
    strict: bool,
    sheet: str | None = None,
) -> Facts:
    shown = None
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        laid, shown = xlsx.read_laid(
            path,
            sheet=sheet,
            aliases=FACTS_ALIASES,
            required=("unit",),
            fill_down=("unit",),
            empty="empty sheet: no header row",
        )
        grid = xlsx.sheet_grid(laid)
    else:
        laid = read_csv_table(path, aliases=FACTS_ALIASES, required=("unit",), widths=False)
        grid = as_grid(laid)
    try:
        return facts_from_rows(
            str(path),
            list(laid.headers),
            grid,
            year=year,
            layout=layout,
            known=MEASURES,
            strict=strict,
        )
    except DataError as exc:
        raise DataError(placed(exc.problems, laid, sheet=shown)) from None


def read_facts(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    strict: bool = False,
    sheet: str | None = None,
) -> Facts:
    """Read facts from a CSV file or a workbook sheet (``.xlsx``, ``.xls``, ``.ods``: the first
    unless ``sheet`` is named), long or wide: a header with unit, measure and value columns
    (English or Chinese) is long, any other header is wide. The table is laid out as an office
    fills it in ([`pmedu.io.layout.lay_out`][pmedu.io.layout.lay_out]: title rows, a two-row
    header, 序号, 合计/小计 rows, in a long sheet the unit merged down its measures), every
    problem at the sheet's own row.

    A measure that is not in [`pmedu.facts.MEASURES`][pmedu.facts.MEASURES] (a misspelt column) is
    kept and named in the result's ``warnings``; with ``strict=True`` it is a
    [`DataError`][pmedu.errors.DataError].

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("单位编号,指标,数值\\nT01,info_items,8\\nT02,info_items,abc\\n",
    ...                  encoding="utf-8")
    >>> read_facts(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...f.csv:3: value: not a number: 'abc'
    >>> _ = p.write_text("unit,info_item\\nT01,8\\n", encoding="utf-8")
    >>> [p.what for p in read_facts(p).warnings]
    ["'info_item' is not a known measure (kept as given)"]
    >>> read_facts(p, strict=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...f.csv: info_item: 'info_item' is not a known measure (kept as given)
    """
    return _read(path, year, "auto", strict=strict, sheet=sheet)


def read_long_facts(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    strict: bool = False,
    sheet: str | None = None,
) -> Facts:
    """Read a long CSV: columns unit, measure, value (单位编号, 指标, 数值), optional year.

    When the file has a year column, ``year`` selects the rows of that year (a file with
    several years and no ``year`` given is an error). Every bad row is reported as
    ``FILE:ROW: column: what``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("unit,measure,value,year\\nT01,m,1,2024\\nT01,m,2,2025\\n")
    >>> read_long_facts(p, year=2025).get("T01", "m")
    Decimal('2')
    """
    return _read(path, year, "long", strict=strict, sheet=sheet)


def read_wide_facts(
    path: str | os.PathLike[str],
    *,
    year: int | None = None,
    strict: bool = False,
    sheet: str | None = None,
) -> Facts:
    """Read a wide CSV: a unit column (unit/单位编号), then one column per measure.

    A name column (name/单位名称) and a year column (year/年度) are allowed; a blank
    cell is a missing fact.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("单位编号,单位名称,info_items,six_haves_rate\\nT01,东镇,8,\\n")
    >>> f = read_wide_facts(p)
    >>> f.get("T01", "info_items"), f.has("T01", "six_haves_rate")
    (Decimal('8'), False)
    """
    return _read(path, year, "wide", strict=strict, sheet=sheet)


def write_facts(facts: Facts, path: str | os.PathLike[str]) -> Path:
    """Write facts as a long CSV (unit, measure, value[, year]), atomically.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = write_facts(Facts.from_records([("T01", "m", "0.5")]), p)
    >>> p.read_text().splitlines()
    ['unit,measure,value', 'T01,m,0.5']
    """
    p = Path(path)
    with atomic_open(p, mode="w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["unit", "measure", "value"] + (["year"] if facts.year else []))
        for (u, m), val in facts.data.items():
            text = "" if val is None else format(val, "f")
            w.writerow([u, m, text] + ([facts.year] if facts.year else []))
    return p
