"""Excel in and out (``.xlsx``), with openpyxl as the optional extra ``pmedu[excel]``.

Reading: a sheet is read as a header row and data rows, then handed to the *same* row
functions the CSV readers use, so a workbook and a CSV export of it give the same result and
the same messages (``FILE:ROW: column: what``, header = row 1, the sheet named after the
file when it is not the first: ``units.xlsx[乡镇]:5: kind: …``).

Writing: [`write_tables`][pmedu.io.xlsx.write_tables] writes tables it is given (any object with
``headers``, ``rows`` and ``columns`` of ``header``/``fmt``: the neutral table model) as sheets, one
each. Which sheets a year's workbook has is the report's business (``write_workbook``, kept
importable here for now). Percentages are stored as numbers with a percent format, not as text. The
file is written atomically.

openpyxl is imported only when a workbook is read or written; without it a
[`MissingExtraError`][pmedu.errors.MissingExtraError] names the ``pip install`` to run. The examples
below need openpyxl: the doctest run skips this module without it
([`__doctest_requires__`][pmedu.io.xlsx.__doctest_requires__]).

>>> import tempfile, pathlib
>>> from pmedu.tables import Column, Table
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
>>> t = Table(columns=(Column("名称"), Column("建点率", "pct")), rows=(("东镇", 0.5),))
>>> _ = write_tables(path, {"建点率": t})
>>> read_sheet(path)
(['名称', '建点率'], [['东镇', 0.5]])
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import warnings
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from pmedu.errors import DataError, MissingExtraError, PmeduWarning, Problem
from pmedu.io.documents import AtomicGroup, open_target
from pmedu.io.layout import Laid, as_grid, lay_out_sheet, sheet_records, shown_sheet
from pmedu.io.sheets import read_sheet_rows, sheet_merges
from pmedu.io.table import lay_out_units, match_headers, units_from_laid
from pmedu.io.text import FORMULA_START
from pmedu.network import OrgTree
from pmedu.tables import display_width, format_cell

__all__ = [
    "have_openpyxl",
    "lost_zero_problems",
    "read_facts",
    "read_holdings",
    "read_laid",
    "read_sheet",
    "read_units",
    "sheet_grid",
    "sheet_rows",
    "sheet_source",
    "write_tables",
]

#: the extras this module's examples need (the doctest run skips the module without them)
__doctest_requires__ = ("openpyxl",)

_FORMATS = {"int": "#,##0", "num": "0.00", "pct": "0.0%"}
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def have_openpyxl() -> bool:
    """True when openpyxl (the ``excel`` extra) can be imported.

    >>> isinstance(have_openpyxl(), bool)
    True
    """
    return importlib.util.find_spec("openpyxl") is not None


def _openpyxl(feature: str, module: str = "openpyxl") -> Any:
    """The optional ``openpyxl`` (or one of its modules), or a MissingExtraError naming the
    ``pip install`` for ``feature``: the one lazy import of the ``excel`` extra."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError("excel", "openpyxl", feature) from None


class SheetColumn(Protocol):
    """A column of a table to write: its header and its number format (``"int"``, ``"num"``,
    ``"pct"`` or anything else for none)."""

    @property
    def header(self) -> str: ...
    @property
    def fmt(self) -> str: ...


class SheetTable(Protocol):
    """A table to write as a sheet (the interface of the neutral ``Table``)."""

    @property
    def headers(self) -> list[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[Any]]: ...
    @property
    def columns(self) -> Sequence[SheetColumn]: ...


def sheet_source(path: str | os.PathLike[str], *, sheet: str | None = None) -> str:
    """How a sheet is named in messages: the file, with ``[sheet]`` when one is named.

    >>> sheet_source("units.xlsx"), sheet_source("units.xlsx", sheet="乡镇")
    ('units.xlsx', 'units.xlsx[乡镇]')
    """
    return f"{os.fspath(path)}[{sheet}]" if sheet else os.fspath(path)


def _plain(value: Any) -> Any:
    """A cell value as the CSV readers would see it: text stripped, whole floats as ints,
    dates as ISO text, blanks as ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_sheet(
    path: str | os.PathLike[str], *, sheet: str | None = None
) -> tuple[list[str], list[list[Any]]]:
    """The header and the data rows of a sheet (the first sheet when ``sheet`` is ``None``).

    Read through python-calamine ([`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows]), so
    ``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods`` all read, the whole file parsed at once. Trailing
    empty rows and columns are dropped; blank rows in between are kept as rows of ``None`` so
    that row numbers stay those the spreadsheet shows (row ``i`` of the result is spreadsheet
    row ``i + 2`` when the header is on row 1). Text is stripped; whole numbers come back as
    ``int``. A file that cannot be read (missing, damaged, not a spreadsheet), or an unknown
    sheet, is a [`DataError`][pmedu.errors.DataError] naming the file.

    >>> try:
    ...     read_sheet("nope.xlsx")
    ... except DataError as exc:
    ...     print(exc.lines())  # doctest: +ELLIPSIS
    ['nope.xlsx: ...']
    """
    data = read_sheet_rows(path, sheet=sheet)
    if not data.rows:
        return [], []
    width = max((i + 1 for row in data.rows for i, c in enumerate(row) if c is not None), default=0)
    first = data.row_numbers[0]
    header_cells = [_plain(c) for c in data.rows[0]]
    header = ["" if c is None else str(c) for c in (header_cells + [None] * width)[:width]]
    # row i of the result is sheet row first + 1 + i: blank rows in between are rows of None
    rows: list[list[Any]] = [[None] * width for _ in range(data.row_numbers[-1] - first)]
    for number, row in zip(data.row_numbers[1:], data.rows[1:], strict=True):
        rows[number - first - 1] = [_plain(c) for c in (row + [None] * width)[:width]]
    return header, rows


def _text(value: Any) -> str:
    """A plain cell value as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def sheet_rows(
    path: str | os.PathLike[str], *, sheet: str | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the data rows of a sheet as ``{header: text}`` dicts, the shape the
    CSV readers' row functions take (see [`read_sheet`][pmedu.io.xlsx.read_sheet] for what is read).

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "h.xlsx"
    >>> t = Table(columns=(Column("编号"), Column("套数", "int")), rows=(("T1", 3), ("T2", None)))
    >>> _ = write_tables(path, {"holdings": t})
    >>> sheet_rows(path)[1]
    [{'编号': 'T1', '套数': '3'}, {'编号': 'T2', '套数': ''}]
    """
    header, rows = read_sheet(path, sheet=sheet)
    keys = [h if h else f"_{j}" for j, h in enumerate(header)]
    return header, [dict(zip(keys, map(_text, row), strict=True)) for row in rows]


def read_units(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    extra_columns: Any = "warn",
    row_numbers: list[int] | dict[str, int] | None = None,
    collect: list[Problem] | None = None,
    skipped: set[str] | None = None,
    shown: list[str | None] | None = None,
) -> list[Any]:
    """The units of a unit table in a workbook (``.xlsx``, ``.xls``, ``.ods``), laid out as an
    office fills it in ([`lay_out_units`][pmedu.io.table.lay_out_units]: title rows, a two-row
    merged header, 序号, 合计/小计 rows, 上级编号 merged down a block of villages, from the
    sheet's merged ranges) and read with the CSV reader's checks: same columns, same header
    aliases, same messages, with the sheet's own row numbers (``FILE:SHEET!ROW`` when the sheet
    is named or the workbook has several; ``shown`` gets the sheet's name as the problems show
    it, for the tree's problems). A blank yes/no cell (有播放网点) is an error, never ``False``.

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "units.xlsx"
    >>> t = Table(columns=[Column(h) for h in ("编号", "上级编号", "名称", "类型", "党员数")],
    ...           rows=[("C", None, "某县", "县", 3), ("T", "C", "东镇", "乡镇", 12)])
    >>> _ = write_tables(path, {"units": t})
    >>> [(u.id, u.kind.value, u.members) for u in read_units(path)]
    [('C', 'county', 3), ('T', 'township', 12)]
    """
    data = read_sheet_rows(path, sheet=sheet)
    source = os.fspath(path)
    where = shown_sheet(data, named=sheet is not None)
    if shown is not None:
        shown.append(where)
    if not data.rows:
        raise DataError([Problem("no rows: the sheet is empty", file=source, sheet=where)])
    merges = sheet_merges(data)
    if merges is None:
        warnings.warn(
            f"{source}: the sheet's merged cells cannot be read: a blank 上级编号 is a root, "
            "never filled from a merge (unmerge the cells and fill them in)",
            PmeduWarning,
            stacklevel=2,
        )
    laid = lay_out_units(sheet_records(data), source, sheet=where, merges=merges or ())
    lost = _lost_zeros(laid, source, where)
    found: list[Problem] = [] if collect is None else collect
    units = units_from_laid(
        laid,
        source,
        sheet=where,
        text=_cell_text,
        extra_columns=extra_columns,
        row_numbers=row_numbers,
        collect=found if lost or collect is not None else None,
        skipped=skipped,
        blank_is_false=False,
    )
    if lost:
        if collect is None:
            raise DataError(sorted([*lost, *found], key=lambda p: p.row or 0))
        collect.extend(lost)
    return units


def _cell_text(value: Any) -> str:
    """A sheet's cell as the text a CSV export of it would hold."""
    return _text(_plain(value))


#: the length of a statistical division code (统计用区划代码)
CODE_DIGITS = 12


def lost_zero_problems(
    header: Sequence[str], rows: Sequence[Sequence[Any]], source: str
) -> list[Problem]:
    """The id and parent-id cells that hold a *number* shorter than the 12-digit statistical
    division codes (统计用区划代码) the column's other ids are: a spreadsheet stored the code
    as a number and dropped its leading zeros, which cannot be recovered, so the cell is
    refused (store ids as text). A number of 12 digits reads back as its 12-digit text; a
    column with no 12-digit code is not checked (short numeric ids are ids like any other).

    >>> rows = [[110101001001, None], [10101001001, 110101001001], ["110101001002", None]]
    >>> for p in lost_zero_problems(["编号", "上级编号"], rows, "u.xlsx[units]"):
    ...     print(p)  # doctest: +ELLIPSIS
    u.xlsx[units]:3: id: number 10101001001 has 11 digits, not 12: the code's leading zeros ...
    >>> lost_zero_problems(["编号"], [[12], [345]], "u.xlsx")
    []
    """
    mapping, _ = match_headers([h for h in header if h], source, extra_columns="ignore")
    problems: list[Problem] = []
    for j, h in enumerate(header):
        if mapping.get(h) not in ("id", "parent_id"):
            continue
        cells = [row[j] if j < len(row) else None for row in rows]
        digits = [str(c) for c in cells if isinstance(c, int | str) and str(c).isdigit()]
        if not any(len(d) == CODE_DIGITS for d in digits):
            continue
        problems.extend(
            Problem(
                f"number {c} has {len(str(c))} digits, not {CODE_DIGITS}: "
                "the code's leading zeros were lost; store ids as text",
                file=source,
                row=i + 2,
                field=mapping[h],
            )
            for i, c in enumerate(cells)
            if isinstance(c, int)
            and not isinstance(c, bool)
            and c >= 0
            and len(str(c)) < CODE_DIGITS
        )
    return problems


def _lost_zeros(laid: Laid, source: str, sheet: str | None) -> list[Problem]:
    """[`lost_zero_problems`][pmedu.io.xlsx.lost_zero_problems] of a laid-out unit table, at
    the sheet's own rows."""
    problems: list[Problem] = []
    for field in ("id", "parent_id"):
        cells = laid.cells(field)
        digits = [str(c) for c in cells if isinstance(c, int | str) and str(c).isdigit()]
        if not any(len(d) == CODE_DIGITS for d in digits):
            continue
        problems.extend(
            Problem(
                f"number {c} has {len(str(c))} digits, not {CODE_DIGITS}: "
                "the code's leading zeros were lost; store ids as text",
                file=source,
                sheet=sheet,
                row=n,
                field=field,
            )
            for (n, _), c in zip(laid.rows, cells, strict=True)
            if isinstance(c, int)
            and not isinstance(c, bool)
            and c >= 0
            and len(str(c)) < CODE_DIGITS
        )
    return problems


def read_laid(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    aliases: Mapping[str, str],
    required: Sequence[str],
    fill_down: Sequence[str] = (),
    empty: str = "no header row: the sheet is empty",
) -> tuple[Laid, str | None]:
    """A table on a sheet laid out as an office fills it in
    ([`lay_out_sheet`][pmedu.io.layout.lay_out_sheet]: the sheet's merged ranges, ``.ods`` ones
    too), and the sheet's name as its problems show it (``None``: a lone sheet read by default).
    An empty sheet is a [`DataError`][pmedu.errors.DataError] saying ``empty``.

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "h.xlsx"
    >>> t = Table(columns=[Column("编号"), Column("套数", "int")], rows=[("T01", 3)])
    >>> _ = write_tables(path, {"片库": t})
    >>> laid, shown = read_laid(path, sheet="片库", aliases={"编号": "unit", "套数": "sets"},
    ...                         required=["unit", "sets"])
    >>> laid.rows, shown
    (((2, ('T01', 3)),), '片库')
    """
    data = read_sheet_rows(path, sheet=sheet)
    shown = shown_sheet(data, named=sheet is not None)
    if not data.rows:
        raise DataError([Problem(empty, file=os.fspath(path), sheet=shown, row=1)])
    laid = lay_out_sheet(
        data, aliases=aliases, required=required, named=sheet is not None, fill_down=fill_down
    )
    return laid, shown


def sheet_grid(laid: Laid) -> list[list[str]]:
    """The data rows of a laid-out sheet as text (``grid[i]`` is sheet row ``i + 2``, see
    [`as_grid`][pmedu.io.layout.as_grid]), each cell as a CSV export of it would hold it.

    >>> from pmedu.io.layout import lay_out
    >>> laid = lay_out([["编号", "套数"], ["T1", 3.0]], aliases={"编号": "unit"},
    ...                required=["unit"], source="h.xlsx")
    >>> sheet_grid(laid)
    [['T1', '3']]
    """
    return as_grid(laid, text=_cell_text)


def read_facts(
    path: str | os.PathLike[str], *, sheet: str | None = None, year: int | None = None
) -> Any:
    """Measured facts ([`pmedu.scoring.Facts`][pmedu.facts.data.Facts]) from a sheet, long (unit,
    measure, value — 单位编号, 指标, 数值) or wide (one row per unit, one column per measure), told
    apart by the header exactly as the CSV reader does, with the same row functions and the same
    layout of a sheet as an office fills it in and the same warnings for unknown measures
    ([`pmedu.io.facts.read_facts`][pmedu.io.facts.read_facts]).

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "facts.xlsx"
    >>> t = Table(columns=[Column("单位编号"), Column("info_items", "int"),
    ...                    Column("attendance_rate", "pct")],
    ...           rows=[("T01", 8, 0.85), ("T02", 6, None)])
    >>> _ = write_tables(path, {"facts": t})
    >>> f = read_facts(path)
    >>> print(f.get("T01", "attendance_rate"), f.has("T02", "attendance_rate"))
    0.85 False
    """
    reader = importlib.import_module("pmedu.io.facts").read_facts
    return reader(path, sheet=sheet, year=year)


def read_holdings(
    path: str | os.PathLike[str], *, sheet: str | None = None, tree: OrgTree | None = None
) -> dict[str, int]:
    """Sets held per unit (unit id → sets) from a sheet's rows, read by the same row function as a
    CSV file
    ([`pmedu.supply.holdings.holdings_from_rows`][pmedu.supply.holdings.holdings_from_rows]): same
    columns, rules and messages, every problem naming this workbook (and the sheet, when one is
    named), the sheet laid out as an office fills it in
    ([`pmedu.io.holdings.read_holdings`][pmedu.io.holdings.read_holdings]).

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "holdings.xlsx"
    >>> t = Table(columns=[Column("编号"), Column("套数", "int")], rows=[("T01", 3), ("T02", None)])
    >>> _ = write_tables(path, {"holdings": t})
    >>> read_holdings(path)
    {'T01': 3, 'T02': 0}
    """
    reader = importlib.import_module("pmedu.io.holdings").read_holdings
    result: dict[str, int] = reader(path, sheet=sheet, tree=tree)
    return result


def _sheet_title(name: str, taken: set[str]) -> str:
    title = name.translate(_BAD_SHEET_CHARS)[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def text_cells(row: Any) -> None:
    """Make every text cell of ``row`` that a spreadsheet program would take for a formula (see
    [`pmedu.io.text.FORMULA_START`][pmedu.io.text.FORMULA_START]) an explicit string cell:
    openpyxl writes it as inline text (never evaluated on opening) with the quote prefix (it stays
    text when edited), so a unit named ``=HYPERLINK(...)`` or ``-东村`` is shown as written."""
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


#: the widest a column gets (characters), and the room added to the longest text
MAX_WIDTH, WIDTH_PAD = 60, 2


def _width(col: Any, values: Sequence[Any]) -> float:
    """A column's width from the text its cells show (wide CJK characters count 2)."""
    texts = [str(col.header), *(format_cell(v, fmt=col.fmt) for v in values if v is not None)]
    return min(MAX_WIDTH, max(display_width(t) for t in texts) + WIDTH_PAD)


def _excel_table(ws: Any, table: SheetTable, body: int, number: int, tables: Any) -> None:
    """An Excel table (banded, with an autofilter) over the header and the ``body`` rows (the
    total rows below stay out of it, so sorting never moves them); a plain autofilter when
    the headers cannot name a table's columns (empty or repeated) or there is no body row."""
    last = tables.get_column_letter(len(table.columns))
    ref = f"A1:{last}{1 + max(body, 0)}"
    headers = [str(h) for h in table.headers]
    if body < 1 or len(set(headers)) != len(headers) or not all(headers):
        ws.auto_filter.ref = ref
        return
    t = tables.Table(displayName=f"pmedu{number}", ref=ref)
    t.tableStyleInfo = tables.TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(t)


def _print_setup(ws: Any, *, title: str | None, issuer: str | None) -> None:
    """A4 landscape, fit to the page's width, the header row repeated on every page, the title
    in the page header and the issuing unit and page number in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    if title:
        ws.oddHeader.center.text = title
    ws.oddHeader.right.text = "&A"
    if issuer:
        ws.oddFooter.left.text = issuer
    ws.oddFooter.right.text = "&P / &N"


def _fill_sheet(ws: Any, table: SheetTable, bold: Any, tables: Any, number: int) -> None:
    """One table on one worksheet: bold frozen header, number formats by column kind, widths
    from the formatted text, an Excel table with its autofilter."""
    ws.append(table.headers)
    for cell in ws[1]:
        cell.font = bold
    text_cells(ws[1])
    for i, row in enumerate(table.rows, start=2):
        ws.append([_cell_value(v) for v in row])
        text_cells(ws[i])
    for j, col in enumerate(table.columns, start=1):
        fmt = _FORMATS.get(col.fmt)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
        width = _width(col, [r[j - 1] for r in table.rows])
        ws.column_dimensions[tables.get_column_letter(j)].width = width
    footer = int(getattr(table, "footer", 0))
    for row in ws.iter_rows(min_row=len(table.rows) + 2 - footer, max_row=len(table.rows) + 1):
        for cell in row:
            cell.font = bold
    _excel_table(ws, table, len(table.rows) - footer, number, tables)
    ws.freeze_panes = "A2"


def write_tables(
    path: str | os.PathLike[str],
    sheets: Mapping[str, SheetTable],
    *,
    group: AtomicGroup | None = None,
    title: str | None = None,
    issuer: str | None = None,
) -> Path:
    """Write tables (see [`SheetTable`][pmedu.io.xlsx.SheetTable]) to one workbook, one sheet each.

    ``sheets`` maps a sheet name to its table, in order. Headers are bold and frozen; each sheet is
    an Excel table with an autofilter (a table's ``footer`` rows — totals — stay below it, bold);
    number columns get a number format by kind (``#,##0`` counts, ``0.0%`` rates, ``0.00``
    numbers); widths come from the text the cells show (CJK counted double); text that would
    start a formula is a plain text cell (see [`text_cells`][pmedu.io.xlsx.text_cells]). Every
    sheet prints on A4 landscape, fit to the page's width, with the header row repeated, the
    ``title`` in the page header and the ``issuer`` (issuing unit) in the footer. Written
    atomically; with ``group``, as one of several files written all or none
    ([`pmedu.io.documents.atomic_files`][pmedu.io.documents.atomic_files]).

    >>> import tempfile, pathlib
    >>> from pmedu.tables import Column, Table
    >>> t = Table(columns=(Column("名称"), Column("套数", "int")), rows=(("东镇", 3),))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> read_sheet(write_tables(out, {"供片": t}, title="某县年度报告", issuer="某县委组织部"))
    (['名称', '套数'], [['东镇', 3]])
    """
    openpyxl = _openpyxl("writing .xlsx files")
    bold = _openpyxl("writing .xlsx files", "openpyxl.styles").Font(bold=True)
    tables = _Tables(
        _openpyxl("writing .xlsx files", "openpyxl.utils").get_column_letter,
        _openpyxl("writing .xlsx files", "openpyxl.worksheet.table"),
    )
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for number, (name, table) in enumerate(sheets.items(), start=1):
        ws = wb.create_sheet(_sheet_title(name, taken))
        _fill_sheet(ws, table, bold, tables, number)
        _print_setup(ws, title=title, issuer=issuer)
    p = Path(path)
    with open_target(p, mode="wb", group=group) as fh:
        wb.save(fh)
    return p


class _Tables:
    """openpyxl's column letters and its table classes, found once per workbook."""

    def __init__(self, get_column_letter: Any, module: Any) -> None:
        self.get_column_letter = get_column_letter
        self.Table = module.Table
        self.TableStyleInfo = module.TableStyleInfo


def __getattr__(name: str) -> Any:
    """``write_workbook`` lays out the report's sheets, which is the report's business: it is
    found on first use (kept importable from here for now), so this module imports nothing
    of the report.

    >>> callable(__getattr__("write_workbook"))
    True
    """
    if name == "write_workbook":
        return importlib.import_module("pmedu.io.workbook").write_workbook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
