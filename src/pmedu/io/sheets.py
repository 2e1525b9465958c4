"""One spreadsheet reader for ``.xlsx``, ``.xls`` and ``.ods``, through python-calamine.

[`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows] reads one sheet into a
[`SheetData`][pmedu.io.sheets.SheetData]: its name, the workbook's sheet names, the non-blank rows
as lists of plain cell values with the row numbers a spreadsheet shows (1-based), and the merged
ranges. python-calamine parses the whole file at once in Rust (no XML entity expansion, nothing
parsed lazily later), and every error it or the file can raise becomes a
[`DataError`][pmedu.errors.DataError] naming the file (and sheet). python-calamine is the optional
``excel`` extra ([`calamine`][pmedu.io.sheets.calamine]).

Cell values are plain: ``str``, ``int`` (a whole float, as sheets store every number),
``float``, ``bool``, `datetime.date` (a date cell; a date-time cell at midnight is
its date, one with a time of day stays a `datetime.datetime`) or ``None`` for a blank
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
import multiprocessing
import os
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.etree import ElementTree

import attrs

from pmedu.errors import DataError, MissingExtraError, Problem

__all__ = [
    "MAX_CELLS",
    "SHEET_SUFFIXES",
    "Cell",
    "MergedRange",
    "SheetData",
    "calamine",
    "cell_value",
    "column_letter",
    "column_number",
    "ods_merges",
    "read_here",
    "read_sheet_rows",
    "sheet_merges",
]

#: the file suffixes [`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows] reads
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

#: the most cells a sheet (from A1 to its last used cell) may span: an .xlsx file is checked
#: before calamine reads it (calamine allocates the whole range at once and aborts the
#: process when it cannot: a stray cell at ZZZ99999999 would), .xls and .ods sheets before
#: their cells become Python values (calamine itself refuses .ods sheets over 10⁸ cells)
MAX_CELLS = 10_000_000

#: a plain cell value
Cell = str | int | float | bool | dt.date | None


def calamine() -> ModuleType:
    """The python-calamine module, or [`MissingExtraError`][pmedu.errors.MissingExtraError] saying
    what to install."""
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
    format does not say (``.ods``: calamine does not read its merged cells), else the ranges;
    [`sheet_merges`][pmedu.io.sheets.sheet_merges] reads an ``.ods`` sheet's own.
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


_REF = re.compile(rb'\br="([A-Z]{0,8})([0-9]{1,15})"')


def column_number(letters: str) -> int:
    """The 1-based column of a spreadsheet's column letters.

    >>> column_number("A"), column_number("AB"), column_number("XFD")
    (1, 28, 16384)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


class _Extent:
    """The first and last row and column of the cell references met so far."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.last = ""

    def add(self, data: bytes, end: int) -> None:
        rows, cols = self.rows, self.cols
        top_row = max(rows, default=0)  # the running maxima: one pass, not one max per cell
        top_col = max(cols, default=0)
        for m in _REF.finditer(data, 0, end):
            row = int(m.group(2))
            far = row > top_row
            rows.append(row)
            top_row = max(top_row, row)
            ref = f"row {row}"
            if m.group(1):
                col = column_number(m.group(1).decode())
                far = far or col > top_col
                cols.append(col)
                top_col = max(top_col, col)
                ref = (m.group(1) + m.group(2)).decode()
            if far:
                self.last = ref
        self.rows = [min(rows, default=1), max(rows, default=1)]
        self.cols = [min(cols, default=1), max(cols, default=1)]

    @property
    def cells(self) -> int:
        return (self.rows[1] - self.rows[0] + 1) * (self.cols[1] - self.cols[0] + 1)


def _extent(stream: Any) -> _Extent:
    """The extent of the cell and row references of a worksheet's XML, read in chunks."""
    extent = _Extent()
    tail = b""
    while chunk := stream.read(1 << 20):
        data = tail + chunk
        cut = max(len(data) - 40, 0)
        extent.add(data, cut)
        tail = data[cut:]
    extent.add(tail, len(tail))
    return extent


def _xlsx_too_large(path: Path, source: str) -> DataError | None:
    """An error when a worksheet of an .xlsx file spans more than MAX_CELLS cells."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(info) as stream:
                    extent = _extent(stream)
                if extent.cells > MAX_CELLS:
                    reach = extent.last
                    return _problem(
                        f"a sheet's cells reach {reach}: {extent.cells:,} cells in all, "
                        f"more than {MAX_CELLS:,} (delete the stray cells far from the data)",
                        source,
                    )
    except Exception:  # a damaged archive: calamine's own error names the fault
        return None
    return None


def _problem(what: str, source: str, sheet: str | None = None) -> DataError:
    return DataError([Problem(what, file=source, field=f"sheet {sheet!r}" if sheet else None)])


def _open(cal: ModuleType, path: Path, source: str) -> Any:
    if not path.is_file():
        what = "is a directory, not a spreadsheet" if path.is_dir() else "no such file"
        raise _problem(what, source)
    if path.suffix.lower() not in SHEET_SUFFIXES:
        raise _problem(f"not a spreadsheet: reads {', '.join(SHEET_SUFFIXES)}", source)
    too_large = _xlsx_too_large(path, source) if path.suffix.lower() != ".xls" else None
    if too_large is not None:
        raise too_large
    try:
        return cal.CalamineWorkbook.from_path(os.fspath(path))
    except BaseException as exc:  # a foreign parser: anything it raises, panics included
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        what = f"not a readable {path.suffix.lower()} workbook: {_reason(exc)}"
        raise _problem(what, source) from None


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
        raise _problem(f"no sheet named {sheet!r}; sheets: {', '.join(names)}", source)
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

    Errors — a missing file, a directory, a file that is not a spreadsheet or is damaged, an
    encrypted workbook, an unknown sheet (the message lists the sheets there), a cell that is not
    finite — are [`DataError`][pmedu.errors.DataError] naming the file and sheet. Needs the
    ``excel`` extra (python-calamine).

    A legacy ``.xls`` is parsed in a child process: a damaged one can make calamine's ``.xls``
    parser abort the whole process (tests/data/bad/sheets/calamine_aborts.xls), which no ``try``
    catches; in a child that is a clean [`DataError`][pmedu.errors.DataError] instead.
    """
    if Path(path).suffix.lower() == ".xls" and Path(path).is_file():
        return _read_in_child(Path(path), sheet)
    return read_here(path, sheet=sheet)


def _outcome(path: Path, sheet: str | int | None) -> tuple[SheetData | None, list[Problem]]:
    """What the child process sends back: the sheet, or the problems (both picklable)."""
    try:
        return read_here(path, sheet=sheet), []
    except DataError as exc:
        return None, list(exc.problems)


def _read_in_child(path: Path, sheet: str | int | None) -> SheetData:
    calamine()  # a missing extra is said here, in the caller's process
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            data, problems = pool.submit(_outcome, path, sheet).result()
    except BrokenProcessPool:
        what = "cannot be read: the .xls reader stopped on it (a damaged workbook?)"
        raise _problem(what, os.fspath(path), str(sheet or "")) from None
    if problems:
        raise DataError(problems)
    assert data is not None
    return data


def read_here(path: str | os.PathLike[str], *, sheet: str | int | None = None) -> SheetData:
    """[`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows] in this process, whatever the
    format."""
    path = Path(path)
    source = os.fspath(path)
    cal = calamine()
    workbook = _open(cal, path, source)
    try:
        names = [str(n) for n in workbook.sheet_names]
        chosen, name = _choose(workbook, names, sheet, source)
        end = chosen.end or (0, 0)
        if (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
            where = f"{column_letter(end[1] + 1)}{end[0] + 1}"
            raise _problem(
                f"the sheet's cells reach {where}: more than {MAX_CELLS:,} cells in all "
                "(delete the stray cells far from the data)",
                source,
                name,
            )
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


_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CELLS = (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell")


def _spanned(elem: Any, what: str) -> int:
    try:
        return max(int(elem.get(f"{_TABLE_NS}number-{what}", "1")), 1)
    except ValueError:
        return 1


def _ods_ranges(events: Iterator[tuple[str, Any]], sheet: str) -> Iterator[MergedRange]:
    """The merged ranges of the sheet named ``sheet`` in the parse ``events`` of an .ods
    ``content.xml``: each cell with ``number-rows-spanned`` or ``number-columns-spanned`` over 1,
    its rows and columns counted with their ``number-…-repeated``."""
    depth = 0  # the depth of table:table elements, 1 inside the sheet wanted
    inside = False
    row = column = 0
    for event, elem in events:
        tag = elem.tag
        if tag == f"{_TABLE_NS}table":
            if event == "start":
                depth += 1
                inside = inside or (depth == 1 and elem.get(f"{_TABLE_NS}name") == sheet)
            else:
                depth -= 1
                if inside and depth == 0:
                    return
            continue
        if not inside or depth != 1:
            continue
        if tag == f"{_TABLE_NS}table-row":
            if event == "start":
                column = 0
            else:
                row += _spanned(elem, "rows-repeated")
                elem.clear()
        elif tag in _CELLS and event == "start":
            rows, cols = _spanned(elem, "rows-spanned"), _spanned(elem, "columns-spanned")
            if rows > 1 or cols > 1:
                yield MergedRange(row + 1, column + 1, row + rows, column + cols)
            column += _spanned(elem, "columns-repeated")


def ods_merges(path: str | os.PathLike[str], sheet: str) -> tuple[MergedRange, ...] | None:
    """The merged ranges of the sheet named ``sheet`` of an ``.ods`` file, read from its
    ``content.xml`` (stdlib XML; a file declaring a DTD or entities is not read), or ``None``
    when they cannot be read (the reader then leaves merged cells blank, and says so).

    >>> ods_merges("no-such.ods", "Sheet1") is None
    True
    """
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            start = stream.read(4096)
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                return None
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            events = ElementTree.iterparse(stream, events=("start", "end"))
            return tuple(sorted(_ods_ranges(events, sheet), key=attrs.astuple))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None


def sheet_merges(data: SheetData) -> tuple[MergedRange, ...] | None:
    """The merged ranges of a sheet read by [`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows]:
    calamine's (``.xlsx``, ``.xls``), else, for ``.ods``, those of its ``content.xml``
    ([`ods_merges`][pmedu.io.sheets.ods_merges]); ``None`` when the file does not say.

    >>> sheet_merges(SheetData("u.ods", "乡镇", ("乡镇",), [], [], None)) is None
    True
    """
    if data.merged is None and data.source.lower().endswith(".ods"):
        return ods_merges(data.source, data.name)
    return data.merged
