"""Where a table is on a sheet as an office fills it in (issue 13, deliverable 4).

County centres and townships keep their tables in Excel, and a sheet as an office fills it in
is seldom a plain table: a merged title row and a 填报单位/日期 row stand above the header, the
header may be two rows (党员情况 merged over 党员数 / 流动党员), a 序号 (running number) column
comes first, 合计 / 小计 rows sum the rows above, and 上级编号 is one cell merged down a block of
villages. [`lay_out`][pmedu.io.layout.lay_out] finds the table in such a sheet for every table
reader (units, records sheets, holdings, facts):

- the header row is the first among the first ``scan`` (20) rows that holds every required field
  or at least three known names; two such rows are a [`DataError`][pmedu.errors.DataError]
  naming both; the rows above it are skipped with a [`PmeduWarning`][pmedu.errors.PmeduWarning];
- a two-row header is flattened: under a parent cell spanning several columns (a horizontal
  merge, or in a CSV export a cell with blank cells to its right), the child names the column
  when it alone is a known, unambiguous name; else the column is ``parent/child``
  (``党员情况/党员数``), looked up as that and as the two run together;
- a 序号 / 序 / 行号 column is ignored (its field is ``None``), never an unknown column;
- rows with a 合计 / 小计 / 总计 cell among their first four are sum rows: skipped, and counted
  in a warning naming their rows;
- a vertically merged cell of a ``fill_down`` field fills the rows its merge covers; a blank cell
  that no merge covers is never filled (the reader reports it as blank).

Row numbers are always the sheet's own: ``records[k]`` is sheet row ``k + 1``, and every problem
names ``FILE:SHEET!ROW`` (``FILE:ROW`` when ``sheet`` is ``None``, as for CSV).

>>> import warnings
>>> from pmedu.io.sheets import MergedRange
>>> records = [
...     ["某县党组织统计表", None, None, None, None],
...     ["序号", "编号", "上级编号", "党员情况", None],
...     [None, None, None, "党员数", "流动党员"],
...     [1, "V1", "T1", 30, 2],
...     [2, "V2", None, 20, 0],
...     [None, "合计", None, 50, 2],
... ]
>>> merges = [MergedRange(2, 4, 2, 5), MergedRange(4, 3, 5, 3)]
>>> aliases = {"编号": "id", "上级编号": "parent_id", "党员数": "members", "流动党员": "mobile"}
>>> with warnings.catch_warnings(record=True) as said:
...     warnings.simplefilter("always")
...     laid = lay_out(records, aliases=aliases, required=["id"], source="u.xlsx",
...                    sheet="乡镇", merges=merges, fill_down=["parent_id"])
>>> laid.fields
(None, 'id', 'parent_id', 'members', 'mobile')
>>> laid.header_rows, laid.skipped_above, laid.totals
((2, 3), (1,), (6,))
>>> laid.rows[1]
(5, (2, 'V2', 'T1', 20, 0))
>>> for w in said: print(w.message)
u.xlsx:乡镇: row 1 above the header row (row 2) skipped
u.xlsx:乡镇: 1 合计/小计 row skipped: row 6
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import attrs

from pmedu.errors import DataError, PmeduWarning, Problem
from pmedu.io.sheets import Cell, MergedRange, SheetData, column_letter, sheet_merges

__all__ = [
    "HEADER_SCAN",
    "IGNORED_HEADERS",
    "TOTAL_LABELS",
    "Laid",
    "as_grid",
    "header_key",
    "is_total",
    "lay_out",
    "lay_out_sheet",
    "placed",
    "sheet_records",
    "shown_sheet",
]

#: headers of a running-number column (序号): the column is ignored, never an unknown column
IGNORED_HEADERS = frozenset({"序号", "序", "行号", "no."})
#: a cell that marks a sum row (合计 / 小计 / 总计): the row is skipped and counted
TOTAL_LABELS = frozenset({"合计", "小计", "总计"})
#: how many rows from the top are searched for the header row
HEADER_SCAN = 20

_SEP = re.compile(r"[\s\-_]+")
_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """A header as it is matched: NFKC (full-width letters and brackets as ASCII), no
    byte-order mark, lower case, every run of spaces, ``-`` and ``_`` one ``_``.

    >>> header_key(" Parent-ID "), header_key("党员\\n人数"), header_key("ＩＤ")
    ('parent_id', '党员_人数', 'id')
    """
    text = unicodedata.normalize("NFKC", text.lstrip("\ufeff"))
    return _SEP.sub("_", text.strip().lower()).strip("_")


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def is_total(cells: Sequence[Any]) -> bool:
    """Whether a row is a sum row: a 合计 / 小计 / 总计 cell (spaces inside allowed) among its
    first four cells.

    >>> is_total(["", "合 计", "", 50]), is_total(["1", "V1", "合计村"])
    (True, False)
    """
    for c in cells[:4]:
        if isinstance(c, str) and c.lstrip()[:1] in "合小总" and _SPACES.sub("", c) in TOTAL_LABELS:
            return True
    return False


class _Names:
    """The known header names: ``aliases`` and every field's own name, matched by
    [`header_key`][pmedu.io.layout.header_key], and also with the separators dropped
    (``党员 人数`` is ``党员人数``)."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        table: dict[str, str] = {}
        for field in aliases.values():
            table.setdefault(header_key(field), field)
        for text, field in aliases.items():
            table[header_key(text)] = field
        self.table = table
        self.joined = {k.replace("_", ""): f for k, f in table.items()}
        self.ignored = {header_key(h) for h in IGNORED_HEADERS}

    def field(self, text: str) -> str | None:
        key = header_key(text)
        found = self.table.get(key)
        return found if found is not None else self.joined.get(key.replace("_", ""))

    def is_ignored(self, text: str) -> bool:
        return header_key(text) in self.ignored

    def fields_in(self, row: Sequence[Any]) -> set[str]:
        found = set()
        for c in row:
            if not _blank(c):
                f = self.field(_text(c))
                if f is not None:
                    found.add(f)
        return found


@attrs.frozen
class Laid:
    """A table as [`lay_out`][pmedu.io.layout.lay_out] found it on a sheet.

    ``fields[j]`` is the field column ``j`` holds (``None``: ignored, a 序号 or blank header,
    or unknown), ``headers[j]`` its header text (a two-row header flattened), ``rows`` the data
    rows with their sheet row numbers, ``header_rows`` the header's row(s), ``skipped_above``
    the non-blank rows above it, ``totals`` the sum rows skipped, ``unknown`` the columns whose
    header matches no name.

    >>> laid = lay_out([["编号", "名称", "备注"], ["T1", "东镇", ""]],
    ...                aliases={"编号": "id", "名称": "name"}, required=["id"], source="t.csv")
    >>> laid.column("name"), laid.unknown, laid.to_records()
    (1, ((2, '备注'),), [{'row': 2, 'id': 'T1', 'name': '东镇'}])
    """

    fields: tuple[str | None, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    header_rows: tuple[int, ...]
    skipped_above: tuple[int, ...]
    totals: tuple[int, ...]
    unknown: tuple[tuple[int, str], ...]

    def column(self, field: str) -> int | None:
        """The index of the (first) column holding ``field``, or ``None``."""
        try:
            return self.fields.index(field)
        except ValueError:
            return None

    def cells(self, field: str) -> list[Cell]:
        """The cells of ``field``'s column, one per data row (``None`` for an absent column or a
        row shorter than it)."""
        j = self.column(field)
        if j is None:
            return [None] * len(self.rows)
        return [cells[j] if j < len(cells) else None for _, cells in self.rows]

    def to_records(self) -> list[dict[str, Any]]:
        """One ``{"row": N, field: cell, …}`` per data row (known fields only)."""
        named = [(j, f) for j, f in enumerate(self.fields) if f is not None]
        return [
            {"row": n, **{f: cells[j] if j < len(cells) else None for j, f in named}}
            for n, cells in self.rows
        ]


def _spans(row: Sequence[Any], number: int, merges: Sequence[MergedRange], width: int) -> list[int]:
    """``span[j]``: the column of the parent cell over column ``j`` of a header row (sheet row
    ``number``): a horizontal merge when the sheet says so, else a cell and the blank cells to
    its right (a CSV export of a merged cell)."""
    span = list(range(width))
    in_row = [m for m in merges if m.first_row <= number <= m.last_row]
    if in_row:
        for m in in_row:
            if m.first_row == m.last_row == number and m.last_column > m.first_column:
                for j in range(m.first_column - 1, min(m.last_column, width)):
                    span[j] = m.first_column - 1
        return span
    parent = None
    for j in range(width):
        cell = row[j] if j < len(row) else None
        if not _blank(cell):
            parent = j
        elif parent is not None:
            span[j] = parent
    return span


def _child_row(
    row: Sequence[Any],
    below: Sequence[Any],
    number: int,
    merges: Sequence[MergedRange],
    width: int,
    names: _Names,
) -> list[int] | None:
    """The parent spans of header ``row`` when ``below`` is the second row of a two-row header:
    every non-blank cell of ``below`` stands under a parent spanning several columns, or is a
    known name under a parent that is none (党员情况 over 党员数 alone); a data row has its id
    under a header of one column. Else ``None``. Without merges (a CSV export) the
    parents must look like groups: a child is a known name, a parent is not, or a parent has two
    children (a known column followed by a blank header, with one cell below, is a column and a
    stray row)."""
    span = _spans(row, number, merges, width)
    wide = {p for p in span if span.count(p) > 1}
    cells = [(j, below[j]) for j in range(min(width, len(below))) if not _blank(below[j])]
    if not cells:
        return None
    for j, c in cells:
        lone = names.field(_text(c)) and not names.field(_text(row[j] if j < len(row) else None))
        if span[j] not in wide and not lone:
            return None
    if any(m.first_row == m.last_row == number for m in merges):
        return span
    under = [span[j] for j, _ in cells]
    if (
        any(names.field(_text(c)) for _, c in cells)
        or not all(names.field(_text(row[p])) for p in under)
        or len(under) > len(set(under))
    ):
        return span
    return None


def _flat_headers(
    row: Sequence[Any], below: Sequence[Any] | None, span: list[int] | None, names: _Names
) -> list[str]:
    """Each column's header text: a one-row header's cells, or a two-row header flattened (the
    child when it alone is a known name no other column has, else ``parent/child``)."""
    width = len(span) if span is not None else len(row)
    top = [_text(row[j]) if j < len(row) else "" for j in range(width)]
    if below is None or span is None:
        return top
    low = [_text(below[j]) if j < len(below) else "" for j in range(width)]
    child_fields = [names.field(c) if c else None for c in low]
    counts: dict[str, int] = {}
    for j in range(width):
        f = child_fields[j] or (names.field(top[j]) if top[j] and not low[j] else None)
        if f is not None:
            counts[f] = counts.get(f, 0) + 1
    same = {c: low.count(c) for c in low if c}
    out = []
    for j in range(width):
        parent, child, known = top[span[j]], low[j], child_fields[j]
        if not child:
            out.append(parent if span[j] == j else "")
        elif known is not None and counts[known] == 1 and same[child] == 1:
            out.append(child)
        else:
            out.append(f"{parent}/{child}" if parent else child)
    return out


def _field_of(text: str, names: _Names) -> str | None:
    found = names.field(text)
    if found is None and "/" in text:
        found = names.field(text.replace("/", ""))
    return found


def _header_at(
    records: Sequence[Sequence[Any]],
    names: _Names,
    required: frozenset[str],
    merges: Sequence[MergedRange],
    scan: int,
    where: Any,
) -> tuple[int, list[int] | None]:
    """The index of the header row (its first row) and, for a two-row header, the parent
    spans of its first row."""
    width = max((len(r) for r in records), default=0)
    candidates: list[tuple[int, list[int] | None]] = []
    k = 0
    top = min(scan, len(records))
    while k < top:
        fields = names.fields_in(records[k])
        span = None
        if fields and k + 1 < len(records):
            span = _child_row(records[k], records[k + 1], k + 1, merges, width, names)
        # a two-row header may hold its names across both rows (编号 merged down beside
        # 片库情况 over 套数): its first row must hold one itself (a title row holds none)
        both = fields | names.fields_in(records[k + 1]) if span is not None else fields
        if (required and both >= required) or len(both) >= 3:
            candidates.append((k, span))
            k += 2 if span is not None else 1
            continue
        k += 1
    if len(candidates) > 1:
        a, b = candidates[0][0] + 1, candidates[1][0] + 1
        msg = f"two header rows: rows {a} and {b} both hold the table's column names; keep one"
        raise DataError([where(msg, row=b)])
    if candidates:
        return candidates[0]
    first = next((k for k, r in enumerate(records) if not all(map(_blank, r))), 0)
    return first, None


def _fill(
    rows: list[tuple[int, tuple[Any, ...]]],
    columns: Sequence[int],
    merges: Sequence[MergedRange],
    records: Sequence[Sequence[Any]],
    data_from: int,
) -> None:
    """Fill the cells of ``columns`` that a vertical merge covers with the merge's value."""
    at = {n: k for k, (n, _) in enumerate(rows)}
    for m in merges:
        if m.last_row == m.first_row or m.first_row < data_from:
            continue
        top = records[m.first_row - 1] if m.first_row <= len(records) else ()
        value = top[m.first_column - 1] if m.first_column <= len(top) else None
        if _blank(value):
            continue
        for j in columns:
            if not m.first_column - 1 <= j <= m.last_column - 1:
                continue
            for n in range(m.first_row, m.last_row + 1):
                k = at.get(n)
                if k is None:
                    continue
                cells = list(rows[k][1])
                if len(cells) <= j:
                    cells.extend([None] * (j + 1 - len(cells)))
                if _blank(cells[j]):
                    cells[j] = value
                    rows[k] = (n, tuple(cells))


def _blank_row(cells: Sequence[Any]) -> bool:
    try:
        return not "".join(cells).strip()  # a row of text: at once
    except TypeError:
        return all(map(_blank, cells))


def _say_skipped(where: Any, above: list[int], header: int, totals: list[int]) -> None:
    if above:
        first = header + 1
        rows = "row 1" if first == 2 else f"rows 1-{first - 1}"
        what = f"{rows} above the header row (row {first}) skipped"
        warnings.warn(str(where(what)), PmeduWarning, stacklevel=3)
    if totals:
        noun = "row" if len(totals) == 1 else "rows"
        numbers = ", ".join(map(str, totals))
        what = f"{len(totals)} 合计/小计 {noun} skipped: {noun} {numbers}"
        warnings.warn(str(where(what)), PmeduWarning, stacklevel=3)


def _header_problems(
    fields: Sequence[str | None], required: Collection[str], where: Any, row: int
) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for j, f in enumerate(fields):
        if f is None:
            continue
        if f in first:
            what = (
                f"column for {f!r} given twice (columns {column_letter(first[f] + 1)} "
                f"and {column_letter(j + 1)})"
            )
            problems.append(where(what, row=row, field=f))
        else:
            first[f] = j
    problems.extend(
        where(f"missing column {f!r}", row=row, field=f) for f in required if f not in first
    )
    return problems


def lay_out(
    records: Sequence[Sequence[Cell]],
    *,
    aliases: Mapping[str, str],
    required: Collection[str],
    source: str,
    sheet: str | None = None,
    merges: Sequence[MergedRange] = (),
    fill_down: Collection[str] = (),
    scan: int = HEADER_SCAN,
    check: bool = False,
    say: bool = True,
) -> Laid:
    """Find the table in a sheet's ``records`` (``records[k]`` is the sheet's row ``k + 1``; a
    blank row is an empty or all-blank list) — see the module's description.

    ``aliases`` maps header text (any case and spacing) to a field; ``required`` fields pick the
    header row; ``merges`` are the sheet's merged ranges
    ([`SheetData.merged`][pmedu.io.sheets.SheetData]); ``fill_down`` names the fields whose
    vertically merged cells fill the rows they cover. No row qualifying as the header, the first
    non-blank row is. With ``check``, a field held by two columns or a required field held by
    none is a [`DataError`][pmedu.errors.DataError] at the header row (readers with their own
    messages for these leave ``check`` off and look at ``fields``). With ``say=False`` the
    skipped rows are not warned of (the caller says so itself).

    >>> lay_out([["编号", "名称"], ["T1", "东镇"]], aliases={"名称": "name"},
    ...         required=["id", "name"], source="t.xlsx", sheet="乡镇", check=True)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    t.xlsx:乡镇!1: id: missing column 'id'
    """

    def where(what: str, *, row: int | None = None, field: str | None = None) -> Problem:
        return Problem(what, file=source, sheet=sheet, row=row, field=field)

    names = _Names(aliases)
    need = frozenset(required)
    header, span = _header_at(records, names, need, merges, scan, where)
    head = records[header] if records else []
    below = records[header + 1] if span is not None else None
    headers = _flat_headers(head, below, span, names)
    fields: list[str | None] = []
    unknown: list[tuple[int, str]] = []
    for j, text in enumerate(headers):
        f = _field_of(text, names) if text else None
        if f is None and text and not names.is_ignored(text):
            unknown.append((j, text))
        fields.append(f)
    header_rows = (header + 1, header + 2) if span is not None else (header + 1,)
    if check:
        problems = _header_problems(fields, need, where, header + 1)
        if problems:
            raise DataError(problems)
    above = [k + 1 for k in range(header) if not _blank_row(records[k])]
    rows: list[tuple[int, tuple[Any, ...]]] = []
    totals: list[int] = []
    for k in range(header_rows[-1], len(records)):
        cells = records[k]
        if _blank_row(cells):
            continue
        if is_total(cells):
            totals.append(k + 1)
            continue
        rows.append((k + 1, tuple(cells)))
    down = [j for j, f in enumerate(fields) if f is not None and f in fill_down]
    if down and merges:
        _fill(rows, down, merges, records, header_rows[-1] + 1)
    if say:
        _say_skipped(where, above, header, totals)
    return Laid(
        fields=tuple(fields),
        headers=tuple(headers),
        rows=tuple(rows),
        header_rows=header_rows,
        skipped_above=tuple(above),
        totals=tuple(totals),
        unknown=tuple(unknown),
    )


def sheet_records(data: SheetData) -> list[list[Cell]]:
    """A sheet's rows as [`lay_out`][pmedu.io.layout.lay_out] takes them: ``records[k]`` is
    sheet row ``k + 1`` (an empty list for a blank row).

    >>> sheet_records(SheetData("u.xlsx", "乡镇", ("乡镇",), [["编号"], ["T1"]], [2, 4], ()))
    [[], ['编号'], [], ['T1']]
    """
    records: list[list[Cell]] = [[] for _ in range(data.row_numbers[-1] if data.rows else 0)]
    for n, row in zip(data.row_numbers, data.rows, strict=True):
        records[n - 1] = row
    return records


def shown_sheet(data: SheetData, *, named: bool = False) -> str | None:
    """The sheet's name as problems show it (``FILE:SHEET!ROW``): when the caller named the
    sheet or the workbook has more than one; ``None`` (``FILE:ROW``) for a lone sheet read by
    default.

    >>> data = SheetData("u.xlsx", "乡镇", ("乡镇",), [], [], ())
    >>> shown_sheet(data), shown_sheet(data, named=True)
    (None, '乡镇')
    """
    return data.name if named or len(data.sheet_names) > 1 else None


def lay_out_sheet(
    data: SheetData,
    *,
    aliases: Mapping[str, str],
    required: Collection[str],
    named: bool = False,
    fill_down: Collection[str] = (),
    scan: int = HEADER_SCAN,
    check: bool = False,
) -> Laid:
    """[`lay_out`][pmedu.io.layout.lay_out] of a sheet read by
    [`read_sheet_rows`][pmedu.io.sheets.read_sheet_rows], with its merged ranges
    ([`sheet_merges`][pmedu.io.sheets.sheet_merges]: ``.ods`` ones from its ``content.xml``) and
    the sheet named in problems as [`shown_sheet`][pmedu.io.layout.shown_sheet] says.

    >>> data = SheetData("u.xlsx", "乡镇", ("乡镇", "说明"), [["编号", "名称"], ["T1", "东镇"]],
    ...                  [1, 2], ())
    >>> lay_out_sheet(data, aliases={"编号": "id", "名称": "name"}, required=["id"]).rows
    ((2, ('T1', '东镇')),)
    """
    return lay_out(
        sheet_records(data),
        aliases=aliases,
        required=required,
        source=data.source,
        sheet=shown_sheet(data, named=named),
        merges=sheet_merges(data) or (),
        fill_down=fill_down,
        scan=scan,
        check=check,
    )


def _cell_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def as_grid(laid: Laid, *, text: Callable[[Any], str] = _cell_text) -> list[list[str]]:
    """The data rows as a table reader that numbers its rows from 2 (the header being row 1)
    takes them: ``grid[i]`` is sheet row ``i + 2``, an empty list where the sheet's row is no
    data row (title, header, sum and blank rows), so every problem names the sheet's own row;
    ``text`` turns a cell into its text.

    >>> laid = lay_out([["某县"], ["编号", "套数"], ["T1", 3]],
    ...                aliases={"编号": "unit", "套数": "sets"}, required=["unit", "sets"],
    ...                source="h.csv", say=False)
    >>> as_grid(laid)
    [[], ['T1', '3']]
    """
    if not laid.rows:
        return []
    grid: list[list[str]] = [[] for _ in range(laid.rows[-1][0] - 1)]
    for n, cells in laid.rows:
        grid[n - 2] = [text(c) for c in cells]
    return grid


def placed(problems: Iterable[Problem], laid: Laid, *, sheet: str | None = None) -> list[Problem]:
    """Problems of a reader that calls the header row 1 (given [`as_grid`][pmedu.io.layout.as_grid]
    rows), with the header's problems moved to its own row and the sheet named.

    >>> laid = lay_out([["某县"], ["编号", "套数"]], aliases={"编号": "unit"}, required=["unit"],
    ...                source="h.xlsx", say=False)
    >>> [str(p) for p in placed([Problem("missing column", file="h.xlsx", row=1)], laid,
    ...                         sheet="乡镇")]
    ['h.xlsx:乡镇!2: missing column']
    """
    head = laid.header_rows[0]
    return [
        attrs.evolve(p, row=head if p.row == 1 else p.row, sheet=sheet or p.sheet) for p in problems
    ]
