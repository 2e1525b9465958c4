"""Tables: the neutral [`Table`][pmedu.tables.Table] model, and plain text for the command line.

A [`Table`][pmedu.tables.Table] holds raw values and how each column shows them
([`FORMATS`][pmedu.tables.FORMATS]: text, integer, number, percentage); the CLI, the HTML report and
the workbook all render it, and [`format_cell`][pmedu.tables.format_cell] is the one place a value
becomes the text a cell shows.

Plain-text tables are aligned for Chinese text.

Wide characters (CJK ideographs, full-width forms) take two columns in a terminal, so
[`display_width`][pmedu.tables.display_width] counts them twice and
[`format_table`][pmedu.tables.format_table] pads by display width, not by ``len``. Columns of
numbers are right-aligned; ``None`` shows as ``—`` (not applicable).

>>> print(format_table(["名称", "units", "rate"], [["东镇", 12, "50.0%"], ["石桥街道", 3, None]]))
名称      units  rate
--------  -----  -----
东镇         12  50.0%
石桥街道      3  —
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from attrs import validators as v

__all__ = [
    "FORMATS",
    "NOT_APPLICABLE",
    "Cell",
    "Column",
    "Table",
    "display_width",
    "format_cell",
    "format_number",
    "format_rate",
    "format_table",
    "pad",
    "plain_value",
    "text_table",
]

#: what a ``None`` cell shows
NOT_APPLICABLE = "—"

#: a table cell: text, a number or nothing (shown as a dash)
Cell = str | int | float | Decimal | None

#: how a column shows its values
FORMATS = ("text", "int", "num", "pct")


@attrs.frozen
class Column:
    """A table column: its header and its format (``"text"``, ``"int"``, ``"num"``,
    ``"pct"``: a share in [0, 1] shown as a percentage).

    >>> Column("缺口", "int").numeric
    True
    """

    header: str = attrs.field(validator=v.instance_of(str))
    fmt: str = attrs.field(default="text", validator=v.in_(FORMATS))

    @property
    def numeric(self) -> bool:
        """True for the number formats (right-aligned, sorted as numbers)."""
        return self.fmt != "text"


def _columns(value: Any) -> tuple[Column, ...]:
    return tuple(value)


def _rows(value: Any) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in value)


@attrs.frozen
class Table:
    """A table of raw values; every row has one cell per column.

    >>> Table(columns=(Column("a"),), rows=((1, 2),))
    Traceback (most recent call last):
    ...
    ValueError: row 1 has 2 cells for 1 columns
    """

    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_rows)
    caption: str | None = attrs.field(default=None, kw_only=True)
    #: the rows in the last ``footer`` positions are totals (kept at the bottom when sorting)
    footer: int = attrs.field(default=0, validator=v.ge(0), kw_only=True)

    def __attrs_post_init__(self) -> None:
        n = len(self.columns)
        for i, row in enumerate(self.rows, start=1):
            if len(row) != n:
                raise ValueError(f"row {i} has {len(row)} cells for {n} columns")

    @property
    def headers(self) -> list[str]:
        """The column headers."""
        return [c.header for c in self.columns]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (W) and full-width (F) characters count 2.

    >>> display_width("abc"), display_width("行政村"), display_width("T01 东镇")
    (3, 6, 8)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (``"<"`` left, ``">"``
    right).

    >>> pad("村", 4) + "|", pad("村", 4, align=">") + "|"
    ('村  |', '  村|')
    """
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == ">" else text + fill


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def format_number(value: int | float | Decimal) -> str:
    """Whole numbers with thousands separators; other numbers as given.

    >>> format_number(20597), format_number(2.5)
    ('20,597', '2.5')
    """
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def format_rate(rate: float | Decimal | None, *, digits: int = 1) -> str:
    """A share as a percentage, ``—`` when not applicable (``None``).

    >>> format_rate(0.9333), format_rate(1.0), format_rate(None)
    ('93.3%', '100.0%', '—')
    """
    return NOT_APPLICABLE if rate is None else f"{float(rate) * 100:.{digits}f}%"


def format_cell(value: Cell, *, fmt: str = "text") -> str:
    """The text a cell shows in a column of format ``fmt`` (``—`` for nothing).

    >>> format_cell(0.8333, fmt="pct"), format_cell(None, fmt="int")
    ('83.3%', '—')
    >>> format_cell(Decimal("87.50"), fmt="num"), format_cell(2.0, fmt="num")
    ('87.50', '2')
    >>> format_cell(1234567, fmt="int")
    '1,234,567'
    """
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, str):
        return value
    if fmt == "pct":
        return format_rate(value)
    if fmt == "int" and (isinstance(value, int) or value == int(value)):
        return format_number(int(value))
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, float):
        return f"{value:.4g}" if not value.is_integer() else str(int(value))
    return str(value)


def plain_value(value: Cell) -> str | int | float | None:
    """A cell's value as a spreadsheet stores it: a whole `Decimal` as an
    ``int``, another as a ``float``; everything else as given (the workbook writer's cells).

    >>> plain_value(Decimal("6.00")), plain_value(Decimal("1.50")), plain_value("东镇")
    (6, 1.5, '东镇')
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return NOT_APPLICABLE
    if _is_number(value):
        return format_number(value)
    return str(value)


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    align: Sequence[str] | None = None,
) -> str:
    """The rows under their headers as aligned text (no trailing spaces).

    ``align`` gives ``"<"`` or ``">"`` per column; by default a column whose cells are all
    numbers (or empty) is right-aligned. Integers get thousands separators.

    >>> print(format_table(["a", "b"], [[1, "x"], [1000, "yy"]], align=["<", ">"]))
    a       b
    -----  --
    1       x
    1,000  yy
    """
    ncol = len(headers)
    for i, row in enumerate(rows):
        if len(row) != ncol:
            raise ValueError(f"row {i} has {len(row)} cells, expected {ncol}")
    if align is None:
        align = [
            ">"
            if any(_is_number(r[c]) for r in rows)
            and all(_is_number(r[c]) or r[c] is None for r in rows)
            else "<"
            for c in range(ncol)
        ]
    elif len(align) != ncol:
        raise ValueError(f"align has {len(align)} entries, expected {ncol}")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [
        max([display_width(headers[c]), *(display_width(r[c]) for r in cells)]) for c in range(ncol)
    ]
    lines = [
        "  ".join(pad(h, w, align=a) for h, w, a in zip(headers, widths, align, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for r in cells:
        lines.append(
            "  ".join(pad(v, w, align=a) for v, w, a in zip(r, widths, align, strict=True))
        )
    return "\n".join(line.rstrip() for line in lines)


def text_table(table: Table) -> str:
    """A [`Table`][pmedu.tables.Table] as aligned plain text (what the command line prints): each
    cell shown by [`format_cell`][pmedu.tables.format_cell] in its column's format, number columns
    right-aligned, the caption (if any) on the first line.

    >>> t = Table(columns=(Column("名称"), Column("网点", "int"), Column("建点率", "pct")),
    ...           rows=(("东镇", 1200, 0.5), ("西镇", 3, None)))
    >>> print(text_table(t))
    名称   网点  建点率
    ----  -----  ------
    东镇  1,200   50.0%
    西镇      3       —
    """
    rows = [
        [format_cell(value, fmt=col.fmt) for col, value in zip(table.columns, row, strict=True)]
        for row in table.rows
    ]
    align = [">" if col.numeric else "<" for col in table.columns]
    text = format_table(table.headers, rows, align=align)
    return f"{table.caption}\n{text}" if table.caption else text
