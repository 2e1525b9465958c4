"""One spreadsheet reader for ``.xlsx``, ``.xls`` and ``.ods``, through python-calamine.

:func:`read_sheet_rows` reads one sheet into a :class:`SheetData`: its name, the workbook's
sheet names, the non-blank rows as lists of plain cell values with the row numbers a
spreadsheet shows (1-based), and the merged ranges. python-calamine parses the whole file
at once in Rust (no XML entity expansion, nothing parsed lazily later), and every error it
or the file can raise becomes a :class:`~pmedu.errors.DataError` naming the file (and sheet).
python-calamine is the optional ``excel`` extra (:func:`calamine`).

Cell values are plain: ``str``, ``int`` (a whole float, as sheets store every number),
``float``, ``bool``, :class:`datetime.date` (a date cell; a date-time cell at midnight is
its date, one with a time of day stays a :class:`datetime.datetime`) or ``None`` for a blank
cell. A time or duration cell is its ISO text.

>>> cell_value(5.0), cell_value(2.5), cell_value(""), cell_value(True)
(5, 2.5, None, True)
>>> import datetime
>>> cell_value(datetime.datetime(2025, 3, 10))
datetime.date(2025, 3, 10)
>>> MergedRange(3, 1, 4, 1).cells
'A3:A4'
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from pmedu.errors import DataError, MissingExtraError, Problem

__all__ = [
    "SHEET_SUFFIXES",
    "Cell",
    "MergedRange",
    "SheetData",
    "calamine",
    "cell_value",
    "column_letter",
    "read_sheet_rows",
]

#: the file suffixes :func:`read_sheet_rows` reads
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

#: a plain cell value
Cell = str | int | float | bool | dt.date | None


def calamine() -> ModuleType:
    """The python-calamine module, or :class:`MissingExtraError` saying what to install."""
    try:
        return importlib.import_module("python_calamine")
    except ImportError as exc:
        raise MissingExtraError("excel", "python-calamine", "reading spreadsheets") from exc


def column_letter(column: int) -> str:
    """The letters a spreadsheet shows for the 1-based ``column``.

    >>> column_letter(1), column_letter(26), column_letter(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen
class MergedRange:
    """Merged cells, 1-based and inclusive, as a spreadsheet numbers them."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def cells(self) -> str:
        """The range as a spreadsheet writes it (``A3:B4``)."""
        first = f"{column_letter(self.first_column)}{self.first_row}"
        return f"{first}:{column_letter(self.last_column)}{self.last_row}"


@attrs.frozen
class SheetData:
    """One sheet's cells.

    ``rows[i]`` is sheet row ``row_numbers[i]``; fully blank rows are left out, every row
    has the sheet's width (an absent cell is ``None``). ``merged`` is ``None`` when the file
    format does not say (``.ods``: calamine does not read its merged cells), else the ranges.
    """

    source: str
    name: str
    sheet_names: tuple[str, ...]
    rows: list[list[Cell]]
    row_numbers: list[int]
    merged: tuple[MergedRange, ...] | None


def cell_value(value: Any) -> Cell:
    """A calamine cell value as a plain one (see the module's description).

    >>> cell_value(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: a number that is not finite: inf
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a number that is not finite: {value}")
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _problem(what: str, source: str, sheet: str | None = None) -> DataError:
    return DataError([Problem(what, file=source, field=f"sheet {sheet!r}" if sheet else None)])


def _open(cal: ModuleType, path: Path, source: str) -> Any:
    if not path.is_file():
        what = "is a directory, not a spreadsheet" if path.is_dir() else "no such file"
        raise _problem(what, source)
    if path.suffix.lower() not in SHEET_SUFFIXES:
        raise _problem(f"not a spreadsheet: reads {', '.join(SHEET_SUFFIXES)}", source)
    try:
        return cal.CalamineWorkbook.from_path(os.fspath(path))
    except BaseException as exc:  # a foreign parser: anything it raises, panics included
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _problem(f"cannot be read as a spreadsheet: {_reason(exc)}", source) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _choose(
    workbook: Any, names: list[str], sheet: str | int | None, source: str
) -> tuple[Any, str]:
    if not names:
        raise _problem("has no sheets", source)
    if sheet is None:
        index = 0
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise _problem(f"has no sheet number {sheet + 1}; it has {len(names)}", source)
        index = sheet
    elif sheet in names:
        index = names.index(sheet)
    else:
        shown = ", ".join(repr(n) for n in names)
        raise _problem(f"has no sheet {sheet!r}; its sheets are {shown}", source)
    return workbook.get_sheet_by_index(index), names[index]


def _rows(raw: list[list[Any]], source: str, name: str) -> tuple[list[list[Cell]], list[int]]:
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    width = max((len(r) for r in raw), default=0)
    for n, cells in enumerate(raw, start=1):
        try:
            values = [cell_value(v) for v in cells]
        except ValueError as exc:
            problem = Problem(str(exc), file=source, row=n, field=f"sheet {name!r}")
            raise DataError([problem]) from None
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append(values + [None] * (width - len(values)))
        numbers.append(n)
    return rows, numbers


def _merged(ranges: Any) -> tuple[MergedRange, ...] | None:
    if ranges is None:
        return None
    return tuple(
        MergedRange(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in sorted(ranges)
    )


def read_sheet_rows(path: str | os.PathLike[str], *, sheet: str | int | None = None) -> SheetData:
    """The cells of one sheet (by name, 0-based index, or the first) of a spreadsheet file.

    Errors — a missing file, a directory, a file that is not a spreadsheet or is damaged,
    an encrypted workbook, an unknown sheet (the message lists the sheets there), a cell
    that is not finite — are :class:`DataError` naming the file and sheet. Needs the
    ``excel`` extra (python-calamine).
    """
    path = Path(path)
    source = path.name
    cal = calamine()
    workbook = _open(cal, path, source)
    try:
        names = [str(n) for n in workbook.sheet_names]
        chosen, name = _choose(workbook, names, sheet, source)
        raw = chosen.to_python(skip_empty_area=False)
        merged = _merged(chosen.merged_cell_ranges)
    except DataError:
        raise
    except BaseException as exc:  # a foreign parser: anything it raises, panics included
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _problem(f"cannot be read: {_reason(exc)}", source, str(sheet or "")) from None
    finally:
        workbook.close()
    rows, numbers = _rows(raw, source, name)
    return SheetData(source, name, tuple(names), rows, numbers, merged)
