"""Unit tables as CSV files (the way county centres export them from Excel).

Reading detects the encoding when none is given: a UTF-8 byte-order mark (Excel's "CSV UTF-8"),
a UTF-16 byte-order mark, plain UTF-8, else GBK (read as its superset GB18030, what Excel on a
Chinese Windows writes). Columns, aliases and cells are those of [`pmedu.io.table`][pmedu.io.table].

>>> import pathlib, tempfile
>>> from pmedu import Unit
>>> path = pathlib.Path(tempfile.mkdtemp()) / "units.csv"
>>> _ = path.write_bytes("编号,上级编号,名称,类型,党员数\\nC,,某县,县,0\\n"
...                      "T1,C,东镇,镇,12\\n".encode("gbk"))
>>> [(u.id, u.kind.label, u.members) for u in read_units_csv(path)]
[('C', '县', 0), ('T1', '乡镇', 12)]
>>> units = [Unit(id="C", name="某县", kind="县"), Unit(id="V", name="石桥村", kind="村",
...          parent_id="C", members=30, has_station=True)]
>>> read_units_csv(write_units_csv(units, path)) == units
True
"""

from __future__ import annotations

import csv
import gc
import io
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from pmedu.errors import DataError, Problem, TreeError
from pmedu.io.documents import atomic_open
from pmedu.io.layout import Laid, lay_out
from pmedu.io.table import (
    COLUMNS,
    TOTAL_LABELS,
    ExtraColumns,
    Lang,
    check_cells,
    lay_out_units,
    match_headers,
    unit_rows,
    units_from_laid,
    units_from_rows,  # noqa: F401  (kept importable from here: the row-by-row reader of old)
)
from pmedu.io.text import (
    decode_text,
    escape_formula,
    header_problems,
    read_delimited,
    sniff_delimiter,
)
from pmedu.model import Unit
from pmedu.network import HierarchyRules, OrgTree
from pmedu.progress import Report, step_reporter

__all__ = [
    "decode",
    "read_csv_records",
    "read_csv_table",
    "read_units_csv",
    "read_valid_tree_csv",
    "table_cells",
    "write_units_csv",
]


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def decode(raw: bytes, source: str, *, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file's bytes and the encoding used (detected when ``encoding`` is None):
    [`decode_text`][pmedu.io.text.decode_text], one encoding for the whole file.

    >>> decode("编号".encode("gbk"), "f.csv")
    ('编号', 'gbk')
    >>> import codecs
    >>> decode(codecs.BOM_UTF8 + "编号".encode(), "f.csv")
    ('编号', 'utf-8-sig')
    """
    return decode_text(raw, source=source, encoding=encoding)


def read_csv_records(
    path: str | os.PathLike[str], *, encoding: str | None = None, widths: bool = True
) -> list[list[str]]:
    """The rows of a CSV file as lists of cells, the header first, for every pmedu reader.

    The encoding is detected when ``None`` ([`decode_text`][pmedu.io.text.decode_text]: one
    encoding per file), the rows are read strictly
    ([`read_delimited`][pmedu.io.text.read_delimited]: a short row, an unbalanced quote, a
    blank header over data are errors at their row; the delimiter is sniffed, formula guards
    ``'=…`` stripped). ``records[k]`` is the row that starts on line ``k + 1`` of the file (an
    empty list for a blank line or one inside a quoted cell). An unreadable file, a file that is
    not CSV, or one without a header row raises [`DataError`][pmedu.errors.DataError] naming the
    file (and the row where it can). With ``widths=False`` the caller checks each row's number
    of cells (and reports it with the row's other problems).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes("编号,套数\\nT01,3\\n".encode("gbk"))
    >>> read_csv_records(p)
    [['编号', '套数'], ['T01', '3']]
    >>> _ = p.write_text("")
    >>> read_csv_records(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...t.csv:1: no header row: the file is empty
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem(f"cannot read file: {exc.strerror or exc}", file=source)]
        ) from None
    text, _ = decode(raw, source, encoding=encoding)
    rows = read_delimited(text, source=source, widths=widths)
    if not rows or rows[0][0] != 1:
        raise DataError([Problem("no header row: the file is empty", file=source, row=1)])
    # records[k] is the row that starts on line k + 1 (an empty list where none starts), so
    # a reader numbering records from the header as row 1 names the file's own lines
    records: list[list[str]] = [[] for _ in range(rows[-1][0])]
    for line, cells in rows:
        records[line - 1] = cells
    return records


def _table_records(
    path: str | os.PathLike[str], source: str, encoding: str | None
) -> list[list[str]]:
    """The rows of a unit table's CSV file, ``records[k]`` the row on line ``k + 1``, read
    strictly but without taking the first row for the header (it may stand below title rows:
    [`lay_out_units`][pmedu.io.table.lay_out_units] finds it)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem(f"cannot read file: {exc.strerror or exc}", file=source)]
        ) from None
    text, _ = decode(raw, source, encoding=encoding)
    rows = read_delimited(text, source=source, widths=False, header_checks=False)
    if not rows:
        raise DataError([Problem("no header row: the file is empty", file=source, row=1)])
    records: list[list[str]] = [[] for _ in range(rows[-1][0])]
    for line, cells in rows:
        records[line - 1] = cells
    return records


def read_units_csv(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    extra_columns: ExtraColumns = "warn",
    row_numbers: list[int] | dict[str, int] | None = None,
    collect: list[Problem] | None = None,
    skipped: set[str] | None = None,
) -> list[Unit]:
    """Read a unit table from a CSV file, reporting every problem at once.

    ``encoding`` is detected when ``None`` (UTF-8 with or without BOM, UTF-16 with BOM, else
    GBK/GB18030); the delimiter (comma, tab, semicolon) is sniffed. Headers may be English or
    Chinese (see [`pmedu.io.table`][pmedu.io.table]); the table is laid out as an office fills
    it in ([`lay_out_units`][pmedu.io.table.lay_out_units]: title rows above the header, a
    two-row header, 序号, 合计/小计 rows); blank rows are skipped, cells are stripped. Raises
    [`DataError`][pmedu.errors.DataError] whose problems read ``FILE:ROW: column: what`` with the
    file's own line numbers. ``row_numbers`` collects the units' rows (see
    [`units_from_rows`][pmedu.io.table.units_from_rows]), and so do ``collect`` and ``skipped``.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.csv"
    >>> _ = p.write_text("id,parent_id,name,kind,members\\nA,,a,county,x\\n\\nB,A,,town,2\\n")
    >>> read_units_csv(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 2 problems:
    ...bad.csv:2: members: must be a whole number ≥ 0, got 'x'
    ...bad.csv:4: name: must not be empty
    """
    source = str(path)
    laid = lay_out_units(_table_records(path, source, encoding), source)
    header = list(laid.headers)
    data = [(n, ["" if c is None else str(c) for c in cells]) for n, cells in laid.rows]
    bad_header = header_problems(header, data, laid.header_rows[0], source)
    if bad_header:
        raise DataError(bad_header)
    width = len(header)
    short = [
        Problem(what, file=source, row=n)
        for n, cells in data
        if (what := _width_problem(cells, width)) is not None
    ]
    return units_from_laid(
        laid,
        source,
        extra_columns=extra_columns,
        problems=short,
        row_numbers=row_numbers,
        collect=collect,
        skipped=skipped,
    )


_REQUIRED = frozenset(c.field for c in COLUMNS if c.required)


def read_csv_table(
    path: str | os.PathLike[str],
    *,
    aliases: Mapping[str, str],
    required: Sequence[str],
    encoding: str | None = None,
    widths: bool = True,
) -> Laid:
    """A CSV table laid out as an office exports it ([`lay_out`][pmedu.io.layout.lay_out]:
    title rows above the header, a two-row header, 序号, 合计/小计 rows), the file's own line
    numbers kept. The encoding is detected and the delimiter sniffed as in
    [`read_csv_records`][pmedu.io.csvfile.read_csv_records]; the header found is checked (the
    same header twice, a blank header over data), and with ``widths`` every data row must have
    the header's number of cells.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("某县片库统计\\n编号\\t套数\\nT01\\t3\\n", encoding="utf-16")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     read_csv_table(p, aliases={"编号": "unit", "套数": "sets"}, required=["unit"]).rows
    ((3, ('T01', '3')),)
    """
    source = str(path)
    laid = lay_out(
        _table_records(path, source, encoding), aliases=aliases, required=required, source=source
    )
    header = list(laid.headers)
    data = [(n, ["" if c is None else str(c) for c in cells]) for n, cells in laid.rows]
    problems = header_problems(header, data, laid.header_rows[0], source)
    if widths:
        problems += [
            Problem(what, file=source, row=n)
            for n, cells in data
            if (what := _width_problem(cells, len(header))) is not None
        ]
    if problems:
        raise DataError(problems)
    return laid


def table_cells(
    header: Sequence[str],
    records: Iterable[Sequence[str]],
    source: str,
    mapping: Mapping[str, str],
    *,
    first_row: int = 2,
) -> tuple[dict[str, list[str]], list[int], list[Problem]]:
    """The stripped cells of a table's non-blank rows, one list per mapped field, their
    row numbers, and a problem per row with more cells (with data) than the header or fewer
    (a short or truncated row, never taken as blanks; the header's cells must be distinct).

    >>> cells, rows, problems = table_cells(["id", "名称"], [["A", " 甲 "], [" ", ""],
    ...     ["B"]], "t.csv", {"id": "id", "名称": "name"})
    >>> cells, rows
    ({'id': ['A', 'B'], 'name': ['甲', '']}, [2, 4])
    >>> print(*problems)
    t.csv:4: 1 cell where the header has 2 (a short or truncated row)
    """
    width = len(header)
    recs = records if isinstance(records, list) else list(records)
    problems: list[Problem] = []
    if set(map(len, recs)) - {width}:
        recs, problems = _fit(recs, width, source, first_row)
    first = list(map(str.strip, map(itemgetter(0), recs))) if width else []
    blank = {k for k, c in enumerate(first) if not c and not any(map(str.strip, recs[k]))}
    keep = [k for k in range(len(recs)) if k not in blank] if blank else None
    rows = (
        [first_row + k for k in keep]
        if keep is not None
        else list(range(first_row, first_row + len(recs)))
    )
    cells: dict[str, list[str]] = {}
    for h, field in mapping.items():
        col = list(map(str.strip, map(itemgetter(header.index(h)), recs)))
        cells[field] = [col[k] for k in keep] if keep is not None else col
    return cells, rows, problems


def _fit(
    recs: list[Sequence[str]], width: int, source: str, first_row: int
) -> tuple[list[Sequence[str]], list[Problem]]:
    """Records cut or padded to ``width`` cells, and a problem per record with cells
    beyond the header."""
    problems: list[Problem] = []
    fitted: list[Sequence[str]] = []
    for k, rec in enumerate(recs, start=first_row):
        n = len(rec)
        what = _width_problem(rec, width)
        if what is not None:
            problems.append(Problem(what, file=source, row=k))
        fitted.append(rec[:width] if n >= width else [*rec, *[""] * (width - n)])
    return fitted, problems


def _width_problem(rec: Sequence[str], width: int) -> str | None:
    """What is wrong with a record's number of cells: more cells with data than the header
    has columns, or fewer (a short or truncated row; a blank line is no row)."""
    n = len(rec)
    if n > width and any(c.strip() for c in rec[width:]):
        return f"{n} cells but the header has {width} columns"
    if 0 < n < width and any(c.strip() for c in rec):
        s = "s" if n != 1 else ""
        return f"{n} cell{s} where the header has {width} (a short or truncated row)"
    return None


def read_valid_tree_csv(
    path: str | os.PathLike[str],
    *,
    rules: HierarchyRules | str | None = None,
    encoding: str | None = None,
    extra_columns: ExtraColumns = "warn",
    progress: Report | None = None,
) -> OrgTree | None:
    """The tree of a CSV unit table that has no problem at all, read column by column without making
    a [`Unit`][pmedu.model.unit.Unit] per row; ``None`` when the file has any problem (unreadable,
    bad header or cells, not a tree), for [`pmedu.io.read_tree`][pmedu.io.read_tree] to read it
    again and report every problem with its row.

    ``progress`` (a `pmedu.progress.Report`, such as the CLI's reporter) is told of
    each step as it starts: reading and checking the file, then building the tree with its
    count of units.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("编号,上级编号,名称,类型,党员数\\nT,,东镇,镇,3\\nV,T,石桥村,村,5\\n")
    >>> read_valid_tree_csv(p).rollup("members")["T"]
    8
    >>> _ = p.write_text("编号,上级编号,名称,类型\\nT,,东镇,镇\\nV,X,石桥村,村\\n")
    >>> read_valid_tree_csv(p) is None
    True
    """
    say = step_reporter(progress)
    source = str(path)
    try:
        with _collector_paused():
            say(f"reading and checking {Path(path).name}")
            values = _checked_columns(path, source, encoding, extra_columns)
            say(f"building the tree of {len(values['id']):,} units")
            tree = OrgTree.from_columns(values, rules=rules)
    except (DataError, TreeError, csv.Error):
        return None
    return tree


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a table's millions of cells and lists are made
    (they hold no cycles; each collection would walk them all again: a third of the reading
    time at a million rows), and back as it was afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: rows read and checked at a time: only a chunk's cells are held as text at once
CHUNK_ROWS = 100_000


def _checked_columns(
    path: str | os.PathLike[str], source: str, encoding: str | None, extra: ExtraColumns
) -> dict[str, list[Any]]:
    """The checked columns of a CSV unit table, read and checked a chunk of rows at a time
    (so the cells of the whole file are never all held as strings); any problem raises
    [`DataError`][pmedu.errors.DataError]."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError([Problem(f"cannot read file: {exc}", file=source)]) from None
    text, _ = decode(raw, source, encoding=encoding)
    del raw
    # the fast path reads plain tables only; anything it does not check row by row (quotes,
    # formula guards, another delimiter) is left to the careful path, which reports it
    if (
        '"' in text
        or "'" in text
        or sniff_delimiter(text[: text.find("\n")]) != ","
        or any(label in text for label in TOTAL_LABELS)  # sum rows: the careful path skips them
    ):
        raise DataError([Problem("not a plain table", file=source)])
    buffer = io.StringIO(text, newline="")
    del text
    reader = csv.reader(buffer, strict=True)
    header = next(reader, [])
    if not all(cell.strip() for cell in header) or len(set(header)) < len(header):
        raise DataError([Problem("header", file=source, row=1)])
    width = len(header)
    mapping, problems = match_headers(header, source, extra_columns=extra)
    if problems:
        raise DataError(problems)
    values: dict[str, list[Any]] = {}
    first = 2
    while chunk := list(islice(reader, CHUNK_ROWS)):
        if set(map(len, chunk)) - {width, 0}:
            raise DataError([Problem("a row of another width", file=source)])
        cells, rows, found = table_cells(header, chunk, source, mapping, first_row=first)
        first += len(chunk)
        del chunk
        part, _, bad = check_cells(cells, rows, source)
        if found or bad:
            raise DataError(found + bad)
        for field, col in part.items():
            values.setdefault(field, []).extend(col)
    if not values:
        raise DataError([Problem("no rows", file=source)])
    return values


def write_units_csv(
    tree_or_units: OrgTree | Iterable[Unit],
    path: str | os.PathLike[str],
    *,
    lang: Lang = "zh",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write units (a tree in pre-order, or a list in its order) as a CSV unit table.

    ``lang`` chooses Chinese (``"zh"``, default) or English headers and labels. The default
    encoding ``utf-8-sig`` (UTF-8 with a BOM) opens correctly in Excel; ``"gbk"`` is also
    common. Text a spreadsheet would run as a formula (``=…``, ``-东村``) is written with a
    leading ``'`` ([`escape_formula`][pmedu.io.text.escape_formula]) that the readers strip
    again. The file is written atomically; a unit that cannot be encoded is a
    [`DataError`][pmedu.errors.DataError] and leaves ``path`` untouched. Returns the path.

    >>> import pathlib, tempfile
    >>> from pmedu import Unit
    >>> p = write_units_csv([Unit(id="C", name="某县", kind="县")],
    ...                     pathlib.Path(tempfile.mkdtemp()) / "u.csv", lang="en")
    >>> p.read_text(encoding="utf-8-sig").splitlines()[1]
    'C,,某县,county,0,,,,,false'
    """
    target = Path(path)
    units = list(tree_or_units)
    problems: list[Problem] = []
    with atomic_open(target, mode="w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        for row, cells in enumerate(unit_rows(units, lang=lang), start=1):
            try:
                writer.writerow(cells if row == 1 else [escape_formula(c) for c in cells])
            except UnicodeEncodeError as exc:
                unit = units[row - 2].id if row > 1 else None
                problems.append(
                    Problem(
                        f"cannot be written in {encoding}: {exc.object[exc.start : exc.end]!r}",
                        file=str(target),
                        row=row,
                        unit=unit,
                    )
                )
        if problems:
            raise DataError(problems)
    return target
