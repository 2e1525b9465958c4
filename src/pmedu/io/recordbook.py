"""The records workbook 记录工作簿: a year's records as one sheet per record type
([records workbook][howto-records-workbook]; issue 13).

Every field of [`Records`][pmedu.records.bundle.Records] that holds records is a sheet, named and
headed by its record class's ``SHEET`` and [`column`][pmedu.model.columns.column] metadata
(网点, 电教片, 片套, 播放记录, 报送, 征订, 示范户, 机构, 表彰, 经费挪用, 党员, 学习记录 …): the
sheets are built from ``attrs.fields(Records)``, so a record type added to ``Records`` gets its
sheet with nothing changed here. Beside them: 签到 (sign-ins: one row per session, member and
whether they signed in, filling the sessions' ``expected`` / ``signed_in`` ids; the counts-only
form stays in 播放记录) and 填表说明 (instructions; its 年度 and 填报单位 rows give the year and the
sending township).

The same sheets are read from an ``.xlsx`` / ``.xls`` / ``.ods`` workbook (calamine) or a folder
of CSV files named like the sheets (``网点.csv`` …), as offices fill them in (title rows,
two-row headers, 序号 columns, 合计 rows, merged id cells: [`pmedu.io.layout`][pmedu.io.layout]).
Cells become field values through the one converter: list cells split on 、;，,； labels accepted
for closed vocabularies, dates as [`parse_date`][pmedu.validators.parse_date] reads them, 是/否 for
yes/no. Every problem is reported at once as ``FILE:SHEET!ROW: column: what`` (``FILE:ROW: …`` in
a CSV file), with the sheet's own row numbers.

>>> import tempfile, pathlib
>>> from pmedu.model import Station, ViewingSession
>>> from pmedu.records import Records
>>> r = Records(year=2025, stations=[Station(id="S1", unit_id="V1", features=["电视机"])],
...             sessions=[ViewingSession(id="a", station_id="S1", date="2025-03-10",
...                                      expected=["m1", "m2"], signed_in=["m1"])])
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "returns"
>>> _ = write_csv_folder(r, folder)
>>> (folder / "签到.csv").read_text(encoding="utf-8-sig").split()
['播放记录编号,党员编号,是否签到,是否应到', 'a,m1,是,是', 'a,m2,否,是']
>>> read_book(folder).records == r
True
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib
import os
import re
import types
import typing
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import chain, count, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import attrs

from pmedu.convert import converter, problems_from
from pmedu.errors import DataError, MissingExtraError, PmeduWarning, Problem
from pmedu.io.csvfile import read_csv_records
from pmedu.io.documents import atomic_files, open_target
from pmedu.io.layout import Laid, is_total, lay_out, sheet_records
from pmedu.io.sheets import (
    MAX_CELLS,
    Cell,
    MergedRange,
    calamine,
    column_number,
    read_sheet_rows,
    sheet_merges,
)
from pmedu.io.sheets import cell_value as plain_cell
from pmedu.io.table import parse_bool
from pmedu.io.text import FORMULA_START, escape_formula
from pmedu.labels import LabelledEnum
from pmedu.model.columns import field_headers, sheet_name
from pmedu.model.session import ViewingSession
from pmedu.records.bundle import Records
from pmedu.validators import parse_date

__all__ = [
    "BOOK_SUFFIXES",
    "INSTRUCTIONS_SHEET",
    "LIST_SEPARATORS",
    "SIGN_IN_SHEET",
    "Book",
    "BookColumn",
    "BookSheet",
    "Place",
    "book_rows",
    "book_sheets",
    "is_book",
    "locate",
    "read_book",
    "write_csv_folder",
    "write_workbook",
]

#: the workbook suffixes read (calamine) — and ``.xlsx`` is the one written
BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: the sign-in sheet: one row per (session, member, signed in 是/否, expected 是/否)
SIGN_IN_SHEET = "签到"
#: the instructions sheet (its 年度 / 填报单位 rows are read; the rest is for people)
INSTRUCTIONS_SHEET = "填表说明"
#: a reference sheet the template carries (a township's own units): never read as records
UNITS_SHEET = "单位表"
#: the characters a list cell is split on (a film list 片号 "F01、F02")
LIST_SEPARATORS = "、;，,；"
#: the start of an example row's first cell: the reader skips such a row
EXAMPLE_MARK = "示例"
#: the longest inline drop-down list Excel accepts (characters of its formula)
MAX_LIST_FORMULA = 255
#: the keys of the instructions sheet read back
YEAR_KEY, TOWNSHIP_KEY = "年度", "填报单位"

_SPLIT = re.compile(f"[{LIST_SEPARATORS}]")
_INT = re.compile(r"[+-]?\d+(\.0*)?")
_PATH = re.compile(r"^\$\.(\w+)\[(\d+)\](?:\.(\w+))?")
_SEQUENCES = (tuple, list, frozenset, set, typing.Sequence, typing.AbstractSet)


# ---- the sheets, from Records and the record classes' metadata ---------------------------------


@attrs.frozen
class BookColumn:
    """One column of a records sheet: the field, its Chinese header and aliases, and how its
    cells are read (``kind``: text, int, float, decimal, bool, date, enum, other; ``many``
    for a list cell; ``enum`` the closed vocabulary, if any)."""

    name: str
    header: str
    aliases: tuple[str, ...]
    kind: str
    many: bool = False
    enum: type[LabelledEnum] | None = None
    required: bool = False


@attrs.frozen
class BookSheet:
    """One records sheet: the [`Records`][pmedu.records.bundle.Records] field it fills, the record
    class and its sheet name, and the columns (``written``: those the workbook writes; the
    sessions' id lists go to 签到).

    >>> s = {b.name: b for b in book_sheets()}["网点"]
    >>> s.field, s.columns[0].header, s.columns[0].required
    ('stations', '网点编号', True)
    """

    field: str
    cls: type
    name: str
    columns: tuple[BookColumn, ...]
    written: tuple[BookColumn, ...]

    def aliases(self) -> dict[str, str]:
        """Header text → field name (the header, each alias, and the field's own name)."""
        out: dict[str, str] = {}
        for c in self.columns:
            for text in (c.name, c.header, *c.aliases):
                out.setdefault(text, c.name)
        return out

    def column(self, name: str) -> BookColumn:
        """The column of field ``name``."""
        return next(c for c in self.columns if c.name == name)


def _unwrap(t: Any) -> Any:
    """``X`` for ``X | None``."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return args[0] if len(args) == 1 else t
    return t


_KINDS: dict[Any, str] = {
    str: "text",
    int: "int",
    float: "float",
    Decimal: "decimal",
    bool: "bool",
    dt.date: "date",
}


def _column(a: attrs.Attribute[Any], header: str, aliases: tuple[str, ...]) -> BookColumn:
    t = _unwrap(a.type)
    many = typing.get_origin(t) in _SEQUENCES
    if many:
        args = typing.get_args(t)
        t = args[0] if args else str
    enum = t if isinstance(t, type) and issubclass(t, LabelledEnum) else None
    kind = "enum" if enum is not None else _KINDS.get(t, "other")
    return BookColumn(a.name, header, aliases, kind, many, enum, a.default is attrs.NOTHING)


#: fields the workbook writes on 签到 rather than on the record's own sheet
_SIGN_IN_FIELDS: dict[type, tuple[str, ...]] = {ViewingSession: ("expected", "signed_in")}


def _sheet(field: str, cls: type) -> BookSheet:
    attrs.resolve_types(cls)
    headers = field_headers(cls)
    cols = tuple(_column(a, *headers[a.name]) for a in attrs.fields(cls))
    skip = _SIGN_IN_FIELDS.get(cls, ())
    return BookSheet(
        field, cls, sheet_name(cls), cols, tuple(c for c in cols if c.name not in skip)
    )


@functools.cache
def book_sheets() -> tuple[BookSheet, ...]:
    """The records sheets, in the order of [`Records`][pmedu.records.bundle.Records]' fields: every
    field holding a tuple of attrs records.

    >>> [s.name for s in book_sheets()][:5]
    ['网点', '电教片', '片套', '播放记录', '报送']
    """
    attrs.resolve_types(Records)
    out = []
    for a in attrs.fields(Records):
        args = typing.get_args(a.type)
        if typing.get_origin(a.type) is tuple and args and attrs.has(args[0]):
            out.append(_sheet(a.name, args[0]))
    return tuple(out)


#: the sign-in sheet's columns: session id, member id, signed in (是), expected (是)
SIGN_IN_COLUMNS = (
    BookColumn("session_id", "播放记录编号", ("场次编号", "记录编号", "播放编号"), "text",
               required=True),
    BookColumn("member_id", "党员编号", ("党员", "编号"), "text", required=True),
    BookColumn("signed", "是否签到", ("签到", "已签到", "实到"), "bool"),
    BookColumn("expected", "是否应到", ("应到", "应参加"), "bool"),
)  # fmt: skip


def _sign_in_aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for c in SIGN_IN_COLUMNS:
        for text in (c.name, c.header, *c.aliases):
            out.setdefault(text, c.name)
    return out


def is_book(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as a records workbook or CSV folder (a workbook suffix, or a
    directory).

    >>> is_book("returns.xlsx"), is_book("records.json")
    (True, False)
    """
    p = Path(path)
    return p.suffix.lower() in BOOK_SUFFIXES or p.is_dir()


# ---- reading -----------------------------------------------------------------------------------


@attrs.frozen
class Place:
    """Where a record was read: the file, the sheet (``None`` in a CSV file) and the row."""

    file: str
    sheet: str | None
    row: int


@attrs.frozen
class Book:
    """A records workbook (or CSV folder) as read: the ``records``, the sending ``township``
    (填表说明's 填报单位, if given), and where each record came from (``places[field][i]`` is
    the [`Place`][pmedu.io.recordbook.Place] of ``records.<field>[i]``)."""

    records: Records
    township: str | None = None
    places: Mapping[str, tuple[Place, ...]] = attrs.field(factory=dict)
    source: str = ""


#: a cell or row reference (``r="B12"``, ``r="12"``); without a word boundary, which makes the scan
#: slower: a longer attribute name ending in ``r`` can only raise the extent (refuse more)
_REF = re.compile(rb'r="([A-Z]{0,8})([0-9]{1,15})"')


def _far(refs: list[tuple[bytes, bytes]], rows: int, cols: int) -> tuple[int, int]:
    """The last row and column among cell references ``refs`` and those met before (the maps
    run in C: a sheet of 700,000 rows holds millions of references)."""
    rows = max(rows, max(map(int, map(itemgetter(1), refs)), default=0))
    letters = {c for c in set(map(itemgetter(0), refs)) if c}
    far = max(letters, key=lambda c: (len(c), c), default=b"")
    return rows, max(cols, column_number(far.decode()) if far else 0)


def _xlsx_extent(path: Path) -> str | None:
    """What is wrong when an ``.xlsx`` worksheet's cells span more than
    [`MAX_CELLS`][pmedu.io.sheets.MAX_CELLS] (calamine would allocate them all), else ``None``:
    one linear pass over each worksheet's cell references."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                rows = cols = 0
                with archive.open(info) as stream:
                    tail = b""
                    while chunk := stream.read(1 << 22):
                        data = tail + chunk
                        cut = max(len(data) - 40, 0)
                        rows, cols = _far(_REF.findall(data, 0, cut), rows, cols)
                        tail = data[cut:]
                rows, cols = _far(_REF.findall(tail), rows, cols)
                if rows * cols > MAX_CELLS:
                    return (
                        f"a sheet's cells reach row {rows:,}, column {cols}: more than "
                        f"{MAX_CELLS:,} cells (delete the stray cells far from the data)"
                    )
    except (OSError, zipfile.BadZipFile, ValueError):  # calamine's own error names the fault
        return None
    return None


def _plain_rows(raw: list[list[Any]]) -> list[list[Cell]]:
    """calamine's rows as plain cells ([`cell_value`][pmedu.io.sheets.cell_value]); text cells,
    most of a records sheet, are taken as they are."""
    out: list[list[Cell]] = []
    for row in raw:
        out.append([v if v.__class__ is str and v else plain_cell(v) for v in row])
    return out


class _Sheets:
    """The raw sheets of a workbook or a folder: ``get(name)`` → (records, merges, source, sheet
    shown) or ``None`` when absent. An ``.xlsx`` workbook is opened once for every sheet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.is_dir()
        self.names: tuple[str, ...] = ()
        self.book: Any = None
        if self.folder:
            self.names = tuple(sorted(p.stem for p in path.glob("*.csv")))
        elif path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
            self._open_xlsx(path)
        else:
            self.names = read_sheet_rows(path, sheet=0).sheet_names

    def _open_xlsx(self, path: Path) -> None:
        what = _xlsx_extent(path)
        if what is not None:
            raise DataError([Problem(what, file=str(path))])
        try:
            self.book = calamine().CalamineWorkbook.from_path(os.fspath(path))
        except Exception:  # not readable: the hardened reader says why
            self.names = read_sheet_rows(path, sheet=0).sheet_names
            return
        self.names = tuple(str(n) for n in self.book.sheet_names)

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
            self.book = None

    def _xlsx(self, name: str) -> tuple[list[list[Cell]], tuple[MergedRange, ...]]:
        try:
            sheet = self.book.get_sheet_by_name(name)
            raw = sheet.to_python(skip_empty_area=False)
            ranges = sheet.merged_cell_ranges or ()
            rows = _plain_rows(raw)
        except ValueError as exc:
            raise DataError([Problem(str(exc), file=str(self.path), sheet=name)]) from None
        except Exception as exc:  # a foreign parser
            what = f"cannot be read: {type(exc).__name__}: {str(exc)[:200]}"
            raise DataError([Problem(what, file=str(self.path), sheet=name)]) from None
        merges = tuple(MergedRange(r0 + 1, c0 + 1, r1 + 1, c1 + 1)
                       for (r0, c0), (r1, c1) in sorted(ranges))  # fmt: skip
        return rows, merges

    def actual(self, name: str) -> str | None:
        """The sheet (or file stem) called ``name``, spaces around it and full-width forms
        aside (``网点 `` is 网点)."""
        if name in self.names:
            return name
        return next((n for n in self.names if _sheet_key(n) == name), None)

    def get(self, wanted: str) -> tuple[list[list[Cell]], Any, str, str | None] | None:
        name = self.actual(wanted)
        if name is None:
            return None
        if self.folder:
            f = self.path / f"{name}.csv"
            rows: list[list[Cell]] = [list(r) for r in read_csv_records(f)]
            return rows, (), str(f), None
        if self.book is not None:
            rows, merges = self._xlsx(name)
            return rows, merges, str(self.path), name
        data = read_sheet_rows(self.path, sheet=name)
        return sheet_records(data), sheet_merges(data) or (), str(self.path), name


def _sheet_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def _text(cell: Cell) -> str:
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return "是" if cell else "否"
    return "" if cell is None else str(cell).strip()


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _scalar(cell: Cell, col: BookColumn) -> Any:
    """A non-blank cell as the value the converter takes for ``col`` (or as it is, for the
    converter to report)."""
    kind = col.kind
    if kind in ("text", "enum"):
        return _text(cell)
    if kind == "bool":
        return cell if isinstance(cell, bool) else parse_bool(_text(cell))
    if kind == "date":
        return parse_date(cell.strip() if isinstance(cell, str) else cell)
    if isinstance(cell, str):
        text = cell.strip()
        if kind == "int" and _INT.fullmatch(text):
            return int(float(text)) if "." in text else int(text)
        if kind == "float":
            try:
                return float(text)
            except ValueError:
                return text
    return cell


def cell_value(cell: Cell, col: BookColumn) -> Any:
    """A cell as the value of ``col``'s field (a list cell split on 、;，,；, or one item a line
    when the cell has several lines: items that hold a separator are written so).

    >>> c = {x.name: x for x in book_sheets()[0].columns}
    >>> cell_value("电视机、 播放室", c["features"]), cell_value("2025/3/1", c["established"])
    (['电视机', '播放室'], datetime.date(2025, 3, 1))
    >>> cell_value("电视机\\n播放室", c["features"])
    ['电视机', '播放室']
    """
    if not col.many:
        return _scalar(cell, col)
    if isinstance(cell, str):
        by_line = "\n" in cell.strip(" ")  # one item a line (a line break, even a last one)
        parts = [p.strip() for p in (cell.splitlines() if by_line else _SPLIT.split(cell))]
        return [_scalar(p, col) for p in parts if p]
    return [_scalar(cell, col)]


#: a sheet row read: where, the field values, the headers of the cells that could not be read
_Row = tuple[Place, dict[str, Any], frozenset[str]]


class _Reader:
    """Collects records, places and problems over every sheet."""

    def __init__(self, sheets: _Sheets) -> None:
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.places: dict[str, tuple[Place, ...]] = {}
        self.tail: tuple[list[list[Cell]], Any] = ([], ())

    def problem(self, what: str, src: str, sheet: str | None, row: int | None,
                column: str | None = None) -> None:  # fmt: skip
        self.problems.append(Problem(what, file=src, sheet=sheet, row=row, field=column))

    def laid(self, name: str, aliases: Mapping[str, str], required: Sequence[str],
             fill: Sequence[str], *, head: int | None = None,
             ) -> tuple[Laid, str, str | None] | None:  # fmt: skip
        """The sheet laid out ([`lay_out`][pmedu.io.layout.lay_out]); with ``head``, only its
        first ``head`` rows (the caller reads the rest: ``self.tail``)."""
        raw = self.sheets.get(name)
        if raw is None:
            return None
        records, merges, src, shown = raw
        self.tail = (records, merges)
        try:
            laid = lay_out(records[:head] if head else records, aliases=aliases,
                           required=required, source=src, sheet=shown, merges=merges,
                           fill_down=fill, check=True)  # fmt: skip
        except DataError as exc:
            self.problems.extend(exc.problems)
            return None
        if laid.unknown:
            cols = ", ".join(text for _, text in laid.unknown)
            where = Problem("", file=src, sheet=shown).where
            warnings.warn(f"{where}: unknown column(s) not read: {cols}", PmeduWarning,
                          stacklevel=4)  # fmt: skip
        return laid, src, shown

    def row_data(self, named: Sequence[tuple[int, BookColumn]], n: int, cells: Sequence[Cell],
                 src: str, shown: str | None) -> _Row:  # fmt: skip
        """A row's field values (``named``: the row's columns that hold a field)."""
        data: dict[str, Any] = {}
        bad: set[str] = set()
        width = len(cells)
        for j, col in named:
            cell = cells[j] if j < width else None
            if cell is None or (cell.__class__ is str and not cell.strip()):
                continue
            try:
                data[col.name] = cell_value(cell, col)
            except (ValueError, TypeError) as exc:
                self.problem(str(exc), src, shown, n, col.header)
                bad.add(col.header)
        return Place(src, shown, n), data, frozenset(bad)

    def structure(self, sheet: BookSheet, rows: list[_Row]) -> list[Any]:
        """The rows' records; a row with a bad cell (already reported) is structured for its
        other problems only."""
        out: list[Any] = []
        places: list[Place] = []
        for place, data, bad in rows:
            try:
                record: Any = converter.structure(data, sheet.cls)
            except Exception as exc:
                for pr in problems_from(exc):
                    header = _header(sheet, pr.field)
                    if header not in bad:
                        self.problem(pr.what, place.file, place.sheet, place.row, header)
                continue
            if not bad:
                out.append(record)
                places.append(place)
        self.places[sheet.field] = tuple(places)
        return out

    def sheet_rows(self, sheet: BookSheet) -> list[_Row]:
        required = [c.name for c in sheet.columns if c.required]
        fill = [c.name for c in sheet.columns if c.name.endswith("_id") and c.kind == "text"]
        found = self.laid(sheet.name, sheet.aliases(), required, fill)
        if found is None:
            return []
        laid, src, shown = found
        named = [(j, sheet.column(f)) for j, f in enumerate(laid.fields) if f is not None]
        out = []
        for n, cells in laid.rows:
            if _is_example(cells):
                continue
            out.append(self.row_data(named, n, cells, src, shown))
        return out


def _is_example(cells: Sequence[Cell]) -> bool:
    first = cells[0] if cells else None
    if isinstance(first, str) and first[:1].strip():  # the usual row: text in its first cell
        return first.startswith(EXAMPLE_MARK)
    first = next((c for c in cells if not _blank(c)), None)
    return isinstance(first, str) and first.strip().startswith(EXAMPLE_MARK)


def _header(sheet: BookSheet, path: str | None) -> str | None:
    """The column header for a converter path ``$.field`` (``None`` for the whole record)."""
    name = (path or "$").removeprefix("$").lstrip(".").split(".")[0].split("[")[0]
    if not name:
        return None
    return next((c.header for c in sheet.columns if c.name == name), name)


#: the sign-in sheet's rows laid out by io.layout (the header is among them); the rest, most of
#: a county's sign-ins, are read row by row here (blank, example and 合计 rows skipped alike)
SIGN_IN_HEAD = 64
#: a session id starting with one of these is looked at closely (示例 rows, 合计/小计/总计 rows)
_SLOW_START = frozenset("示合小总")


def _fill_map(
    records: Sequence[Sequence[Cell]], merges: Sequence[MergedRange], column: int, data_from: int
) -> dict[int, Cell]:
    """Sheet row → the value of the vertical merge covering ``column`` (0-based) there (its first
    cell): what [`lay_out`][pmedu.io.layout.lay_out]'s ``fill_down`` does, for the rows read
    here."""
    out: dict[int, Cell] = {}
    for m in merges:
        inside = m.first_column - 1 <= column <= m.last_column - 1
        if m.last_row > m.first_row and inside and m.first_row >= data_from:
            top = records[m.first_row - 1] if m.first_row <= len(records) else ()
            value = top[column] if column < len(top) else None
            if not _blank(value):
                out.update(dict.fromkeys(range(m.first_row + 1, m.last_row + 1), value))
    return out


#: the yes/no cells of the sign-in sheet read without parsing (a blank is yes)
_FLAGS: dict[Any, bool] = {None: True, "": True, "是": True, "否": False, True: True, False: False}


class _SignIns:
    """The 签到 sheet read: per session id, the members expected and signed in, in row order."""

    def __init__(self) -> None:
        self.expected: dict[str, list[str]] = {}
        self.signed: dict[str, list[str]] = {}
        self.first_row: dict[str, Place] = {}

    def read(self, reader: _Reader) -> None:
        cols = {c.name: c for c in SIGN_IN_COLUMNS}
        found = reader.laid(SIGN_IN_SHEET, _sign_in_aliases(), ["session_id", "member_id"],
                            ["session_id"], head=SIGN_IN_HEAD)  # fmt: skip
        if found is None:
            return
        laid, src, shown = found
        records, merges = reader.tail
        js = [laid.column(f) for f in ("session_id", "member_id", "signed", "expected")]
        a, b, c, d = (len(laid.fields) + 8 if j is None else j for j in js)  # absent: past it
        fill = _fill_map(records, merges, a, max(laid.header_rows) + 1)
        tail = zip(count(SIGN_IN_HEAD + 1), islice(records, SIGN_IN_HEAD, None), strict=False)
        rows = chain(laid.rows, tail)
        seen: dict[tuple[str, str], int] = {}
        totals: list[int] = []
        expected, signed, first = self.expected, self.signed, self.first_row
        pad = (None,) * (len(laid.fields) + 9)
        reach = max(a, b, c, d)
        for n, row in rows:
            cells = row if len(row) > reach else (*row, *pad)
            sid, mid, s, e = cells[a], cells[b], _FLAGS.get(cells[c]), _FLAGS.get(cells[d])
            if sid is None and n in fill:
                sid = fill[n]
            # the common row, read inline: two ids as text, 是/否 (or blank) flags, no repeat
            if (sid.__class__ is str and mid.__class__ is str and s is not None and e is not None
                    and sid.strip() == sid and mid.strip() == mid and sid and mid
                    and sid[0] not in _SLOW_START and (sid, mid) not in seen):  # fmt: skip
                seen[sid, mid] = n
                if sid not in first:
                    first[sid] = Place(src, shown, n)
                if e:
                    expected.setdefault(sid, []).append(mid)
                if s:
                    signed.setdefault(sid, []).append(mid)
                continue
            if all(map(_blank, row)) or _is_example(row):
                continue
            if n > SIGN_IN_HEAD and is_total(row):
                totals.append(n)
                continue
            self._row(reader, [sid, cells[b], cells[c], cells[d]], n, src, shown, cols, seen)
        if totals:
            where = Problem("", file=src, sheet=shown).where
            warnings.warn(f"{where}: {len(totals)} more 合计/小计 rows skipped: rows "
                          f"{', '.join(map(str, totals))}", PmeduWarning, stacklevel=3)  # fmt: skip

    def _row(self, reader: _Reader, values: list[Cell], n: int, src: str, shown: str | None,
             cols: Mapping[str, BookColumn], seen: dict[tuple[str, str], int]) -> None:  # fmt: skip
        sid, mid = _text(values[0]), _text(values[1])
        flags = []
        for value, name in ((values[2], "signed"), (values[3], "expected")):
            try:
                flags.append(True if _blank(value) else bool(_scalar(value, cols[name])))
            except ValueError as exc:
                reader.problem(str(exc), src, shown, n, cols[name].header)
                return
        for text, name in ((sid, "session_id"), (mid, "member_id")):
            if not text:
                reader.problem("must not be blank", src, shown, n, cols[name].header)
                return
        if (sid, mid) in seen:
            what = f"member {mid!r} is listed twice for session {sid!r} (also row {seen[sid, mid]})"
            reader.problem(what, src, shown, n, cols["member_id"].header)
            return
        seen[sid, mid] = n
        self.first_row.setdefault(sid, Place(src, shown, n))
        if flags[1]:
            self.expected.setdefault(sid, []).append(mid)
        if flags[0]:
            self.signed.setdefault(sid, []).append(mid)

    def fill(self, reader: _Reader, rows: list[_Row]) -> None:
        """Add the sign-ins to the sessions' rows; a session id no 播放记录 row has is a problem."""
        known = set()
        for _, data, _bad in rows:
            if not isinstance(data.get("id"), str):
                continue
            sid = data["id"]
            known.add(sid)
            for key, ids in (("expected", self.expected), ("signed_in", self.signed)):
                if sid in ids:
                    data[key] = [*data.get(key, []), *ids[sid]]
        for sid, place in self.first_row.items():
            if sid not in known:
                what = f"session {sid!r} is not on the {sheet_name(ViewingSession)} sheet"
                reader.problem(what, place.file, place.sheet, place.row, SIGN_IN_COLUMNS[0].header)


def _instructions(sheets: _Sheets, problems: list[Problem]) -> tuple[int | None, str | None]:
    raw = sheets.get(INSTRUCTIONS_SHEET)
    if raw is None:
        return None, None
    records, _, src, shown = raw
    year: int | None = None
    township: str | None = None
    for k, row in enumerate(records):
        key = _text(row[0]) if row else ""
        value = row[1] if len(row) > 1 else None
        if key == YEAR_KEY and not _blank(value):
            v = _scalar(value, BookColumn("year", YEAR_KEY, (), "int"))
            if isinstance(v, int):
                year = v
            else:
                problems.append(Problem(f"expected a year, got {value!r}", file=src, sheet=shown,
                                        row=k + 1, field=YEAR_KEY))  # fmt: skip
        elif key == TOWNSHIP_KEY and not _blank(value):
            township = _text(value)
    return year, township


def read_book(path: str | os.PathLike[str]) -> Book:
    """Read a records workbook (``.xlsx``, ``.xls``, ``.ods``) or a folder of CSV files named
    like its sheets; every problem in every sheet is raised at once as a
    [`DataError`][pmedu.errors.DataError] (``FILE:SHEET!ROW: column: what``). A sheet that is
    absent is an empty collection; a sheet that is no records sheet is not read (warned).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "网点.csv").write_text("网点编号,所在单位,设施\\nS1,V1,电视机、录像机\\n,V2,\\n",
    ...                                 encoding="utf-8")
    >>> read_book(d)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 2 problems:
    ...网点.csv:2: 设施: unknown station feature '录像机'; accepted: ...
    ...网点.csv:3: 网点编号: required field missing
    """
    p = Path(path)
    sheets = _Sheets(p)
    reader = _Reader(sheets)
    known = {s.name for s in book_sheets()} | {SIGN_IN_SHEET, INSTRUCTIONS_SHEET, UNITS_SHEET}
    other = [n for n in sheets.names if _sheet_key(n) not in known]
    if len(other) == len(sheets.names):
        names = [s.name for s in book_sheets()] + [SIGN_IN_SHEET]
        what = f"no records sheet here: expected sheets named {', '.join(names)}"
        raise DataError([Problem(what, file=str(p))])
    if other:
        warnings.warn(f"{p}: not records sheets, not read: {', '.join(other)}", PmeduWarning,
                      stacklevel=2)  # fmt: skip
    try:
        year, township = _instructions(sheets, reader.problems)
        sign_ins = _SignIns()
        sign_ins.read(reader)
        kwargs: dict[str, Any] = {}
        for sheet in book_sheets():
            rows = reader.sheet_rows(sheet)
            if sheet.cls in _SIGN_IN_FIELDS:
                sign_ins.fill(reader, rows)
            kwargs[sheet.field] = reader.structure(sheet, rows)
    finally:
        sheets.close()
    if reader.problems:
        raise DataError(reader.problems)
    return Book(Records(year=year, **kwargs), township, reader.places, str(p))


def locate(problem: Problem, book: Book) -> Problem:
    """A problem a records check names by path (``$.sessions[3].date``) at the sheet row and
    column of that record (unchanged when the path names no record of the book).

    >>> b = Book(Records(), places={"stations": (Place("r.xlsx", "网点", 5),)})
    >>> str(locate(Problem("station 'S1' …", field="$.stations[0].unit_id"), b))
    "r.xlsx:网点!5: 所在单位: station 'S1' …"
    """
    m = _PATH.match(problem.field or "")
    if m is None:
        return problem
    places = book.places.get(m.group(1), ())
    i = int(m.group(2))
    if i >= len(places):
        return problem
    sheet = next(s for s in book_sheets() if s.field == m.group(1))
    place = places[i]
    header = _header(sheet, m.group(3))
    return attrs.evolve(problem, file=place.file, sheet=place.sheet, row=place.row, field=header)


# ---- writing -----------------------------------------------------------------------------------


def _out(value: Any, col: BookColumn, *, text: bool) -> Any:
    """A field value as a cell (``text``: as a CSV cell's text)."""
    if value is None:
        return None
    if col.many:
        items = sorted(value, key=_order) if isinstance(value, frozenset | set) else list(value)
        cells = [str(_out(x, attrs.evolve(col, many=False), text=True)) for x in items]
        for c in cells:
            if "\n" in c or "\r" in c:
                what = f"cannot write {c!r} in a list cell: it holds a line break"
                raise DataError([Problem(what, field=col.header)])
        if any(_SPLIT.search(c) for c in cells):  # "今年种什么、养什么": one item a line
            return "".join(f"{c}\n" for c in cells)
        return "、".join(cells) or None
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if text:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def _order(member: Any) -> Any:
    if isinstance(member, LabelledEnum):
        return list(type(member)).index(member)
    return str(member)


def _sign_in_rows(sessions: Iterable[ViewingSession]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for s in sessions:
        signed = set(s.signed_in)
        expected = set(s.expected)
        rows.extend([s.id, m, "是" if m in signed else "否", "是"] for m in s.expected)
        rows.extend([s.id, m, "是", "否"] for m in s.signed_in if m not in expected)
    return rows


def book_rows(
    records: Records, *, text: bool = False
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Each records sheet's headers and rows for ``records`` (the sign-ins on 签到), in sheet order;
    ``text``: cells as CSV text.

    >>> from pmedu.model import Station
    >>> rows = book_rows(Records(stations=[Station(id="S1", unit_id="V1", features=["电视机"])]))
    >>> rows["网点"][0][:3], rows["网点"][1]
    (['网点编号', '所在单位', '设施'], [['S1', 'V1', '电视机', None, None, None]])
    """
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for sheet in book_sheets():
        items = getattr(records, sheet.field)
        rows = [[_blank_none(_out(getattr(r, c.name), c, text=text)) for c in sheet.written]
                for r in items]  # fmt: skip
        out[sheet.name] = ([c.header for c in sheet.written], rows)
        if sheet.cls is ViewingSession:
            out[SIGN_IN_SHEET] = ([c.header for c in SIGN_IN_COLUMNS], _sign_in_rows(items))
    return out


def _blank_none(value: Any) -> Any:
    return None if value == "" else value


def _instruction_rows(year: int | None, township: str | None) -> list[list[Any]]:
    rows: list[list[Any]] = [["项目", "内容"], [YEAR_KEY, year], [TOWNSHIP_KEY, township]]
    rows.append(["说明", "每张表一行一条记录；表头可保留标题行、填报单位行、序号列和合计行。"])
    rows.append(["说明", f"多项内容用“、”分隔；以“{EXAMPLE_MARK}”开头的行是示例，不读入。"])
    rows.append(["说明", f"{SIGN_IN_SHEET}：每场播放、每名党员一行，是否签到填 是/否。"])
    for sheet in book_sheets():
        rows.append([sheet.name, "；".join(_describe(c) for c in sheet.written)])
    return rows


def _describe(col: BookColumn) -> str:
    parts = [col.header]
    if col.required:
        parts.append("（必填）")
    if col.enum is not None:
        parts.append("：" + "/".join(m.label for m in col.enum))
    elif col.kind == "date":
        parts.append("：日期，如 2025-03-10")
    elif col.kind == "bool":
        parts.append("：是/否")
    if col.many:
        parts.append("，多项用、分隔")
    return "".join(parts)


def write_csv_folder(records: Records, folder: str | os.PathLike[str], *,
                     township: str | None = None) -> Path:  # fmt: skip
    """Write ``records`` as a folder of CSV files named like the workbook's sheets (UTF-8 with a
    byte-order mark, as Excel reads it), all files or none."""
    d = Path(folder)
    sheets: dict[str, tuple[list[str] | None, list[list[Any]]]] = {
        INSTRUCTIONS_SHEET: (None, _instruction_rows(records.year, township))
    }
    sheets.update({k: (h, r) for k, (h, r) in book_rows(records, text=True).items()})
    with atomic_files() as group:
        for name, (headers, rows) in sheets.items():
            with group.open(d / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                if headers is not None:
                    w.writerow(headers)
                for row in rows:
                    w.writerow(["" if c is None else escape_formula(str(c)) for c in row])
    return d


def _openpyxl(module: str = "openpyxl") -> Any:
    """openpyxl (the ``excel`` extra) or one of its modules: the one lazy import here."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError("excel", "openpyxl", "writing the records workbook") from None


def _cell(ws: Any, value: Any, cell_type: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        c = cell_type(ws, value=value)
        c.data_type = "s"
        return c
    return value


def write_workbook(records: Records, path: str | os.PathLike[str], *,
                   township: str | None = None, template: bool = False,
                   units: Sequence[tuple[str, str]] = ()) -> Path:  # fmt: skip
    """Write ``records`` as the records workbook (``.xlsx``, atomically): 填表说明 first, then
    one sheet per record type and 签到. ``template``: add drop-down lists for every closed
    vocabulary (and 是/否 columns) and one example row per sheet; ``units`` (id, name) pairs go
    on a 单位表 sheet, and the unit-id columns get a drop-down of them."""
    openpyxl = _openpyxl()
    cell_type = _openpyxl("openpyxl.cell").WriteOnlyCell
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(INSTRUCTIONS_SHEET)
    for row in _instruction_rows(records.year, township):
        ws.append(row)
    columns = {s.name: s.written for s in book_sheets()}
    columns[SIGN_IN_SHEET] = SIGN_IN_COLUMNS
    for name, (headers, rows) in book_rows(records).items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        ws.append(headers)
        if template:
            ws.append(_example(columns[name]))
            _validations(ws, columns[name], len(units))
        for row in rows:
            ws.append([_cell(ws, v, cell_type) for v in row])
    if units:
        ws = wb.create_sheet(UNITS_SHEET)
        ws.append(["编号", "名称"])
        for unit in units:
            ws.append(list(unit))
    p = Path(path)
    with atomic_files() as group, open_target(p, mode="wb", group=group) as fh:
        wb.save(fh)
    return p


_EXAMPLE_TEXT = {"unit_id": "T01-V01", "station_id": "S001", "member_id": "M0001",
                 "session_id": "VS001", "film_ids": "F01、F02", "dual_unit_id": None}  # fmt: skip


def _example(columns: Sequence[BookColumn]) -> list[Any]:
    out: list[Any] = []
    for k, c in enumerate(columns):
        if k == 0:
            out.append(f"{EXAMPLE_MARK}（本行不读入）")
        elif c.name in _EXAMPLE_TEXT:
            out.append(_EXAMPLE_TEXT[c.name])
        elif c.enum is not None:
            out.append("、".join(m.label for m in list(c.enum)[: 2 if c.many else 1]))
        else:
            out.append({"int": 1, "float": 1.5, "decimal": 1, "bool": "是",
                        "date": dt.date(2025, 3, 10)}.get(c.kind, f"（{c.header}）"))  # fmt: skip
    return out


def _validations(ws: Any, columns: Sequence[BookColumn], n_units: int) -> None:
    dv_type = _openpyxl("openpyxl.worksheet.datavalidation").DataValidation
    letter = _openpyxl("openpyxl.utils").get_column_letter
    for j, c in enumerate(columns, start=1):
        if c.enum is not None:
            formula = '"' + ",".join(m.label for m in c.enum) + '"'
        elif c.kind == "bool":
            formula = '"是,否"'
        elif c.name.endswith("unit_id") and n_units:
            formula = f"{UNITS_SHEET}!$A$2:$A${n_units + 1}"
        else:
            continue
        if len(formula) > MAX_LIST_FORMULA:  # Excel refuses a longer inline list
            continue
        # a list cell (several labels joined by 、) is allowed: the list only suggests
        dv = dv_type(type="list", formula1=formula, allow_blank=True, showErrorMessage=not c.many)
        dv.add(f"{letter(j)}2:{letter(j)}1048576")
        ws.data_validations.append(dv)
