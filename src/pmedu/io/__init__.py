"""Data in and out (数据导入导出): unit tables as CSV, whole trees as JSON.

* [`read_units_csv`][pmedu.io.csvfile.read_units_csv] /
  [`write_units_csv`][pmedu.io.csvfile.write_units_csv] — the flat unit table a county centre
  exports from Excel (Chinese or English headers, UTF-8, UTF-8 with BOM or GBK);
* [`save_tree`][pmedu.io.jsonfile.save_tree] / [`load_tree`][pmedu.io.jsonfile.load_tree] — a whole
  tree as one versioned JSON document;
* [`read_tree`][pmedu.io.read_tree] — either, by suffix, validated into an
  [`OrgTree`][pmedu.network.tree.OrgTree], with tree problems (a missing parent, a cycle …) named
  by the file's row as well as the unit id;
* [`units_from_rows`][pmedu.io.table.units_from_rows] — the row → unit step shared by every table
  reader.

>>> import pathlib, tempfile
>>> from pmedu.datasets import synth
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> tree = synth.tree("county", units=60, seed=1)
>>> read_tree(write_units_csv(tree, d / "units.csv")) == tree
True
>>> read_tree(save_tree(tree, d / "tree.json")) == tree
True
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pmedu.errors import DataError, Problem, TreeError
from pmedu.io.csvfile import read_units_csv, read_valid_tree_csv, write_units_csv
from pmedu.io.documents import read_document
from pmedu.io.jsonfile import load_tree, save_tree, tree_document, tree_from_document
from pmedu.io.sheets import SHEET_SUFFIXES
from pmedu.io.table import COLUMNS, Column, parse_bool, unit_rows, units_from_rows
from pmedu.model import Unit
from pmedu.network import HierarchyRules, OrgTree
from pmedu.progress import Report, step_reporter

__all__ = [
    "COLUMNS",
    "Column",
    "load_tree",
    "parse_bool",
    "read_tree",
    "read_units_csv",
    "save_tree",
    "tree_document",
    "tree_from_document",
    "unit_rows",
    "units_from_rows",
    "where_in_file",
    "write_units_csv",
]


def where_in_file(
    exc: TreeError,
    source: str,
    *,
    rows: Mapping[str, Sequence[int]] | None = None,
    sheet: str | None = None,
) -> TreeError:
    """The same tree error with each problem placed in ``source``, keeping the error's class.

    ``rows`` maps a unit id to the rows it appears on; a problem about a unit then names its
    row (a duplicate id names the row of the repeated occurrence), and the roots of a table
    with several name theirs ("2 roots: rows 2 and 17"); ``sheet`` names a workbook's sheet
    (``FILE:SHEET!ROW``).

    >>> from pmedu.errors import CycleError
    >>> err = where_in_file(CycleError([Problem("x", unit="V1", field="parent_id")]),
    ...                     "u.csv", rows={"V1": [7]})
    >>> type(err).__name__, str(err.problems[0])
    ('CycleError', 'u.csv:7: unit V1: parent_id: x')
    """
    placed = []
    repeats: dict[str, int] = {}
    for p in exc.problems:
        row = None
        if rows is not None and p.unit is not None and p.unit in rows:
            seen = rows[p.unit]
            k = 0
            if p.code == "duplicate_id":
                k = repeats[p.unit] = repeats.get(p.unit, 0) + 1
            row = seen[min(k, len(seen) - 1)]
        what = root_rows(p, rows) if p.code == "root" and rows is not None else p.what
        placed.append(
            Problem(
                what, file=source, row=row, field=p.field, unit=p.unit, code=p.code, sheet=sheet
            )
        )
    placed.sort(key=lambda p: p.row or 0)
    return type(exc)(placed)


def _rows_text(rows: Sequence[int]) -> str:
    shown = [str(r) for r in rows[:10]]
    if len(rows) > 10:
        return ", ".join(shown) + f" and {len(rows) - 10} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def root_rows(problem: Problem, rows: Mapping[str, Sequence[int]]) -> str:
    """A "several roots" problem's text naming the roots' rows, the sheet's own (issue 13): the
    roots are the units it lists, found in ``rows`` (unit id → its rows).

    >>> p = Problem("2 roots (units without parent): C (某县), X (某镇); a tree has exactly one",
    ...             code="root")
    >>> root_rows(p, {"C": [2], "X": [17], "V": [3]})
    '2 roots: rows 2 and 17 (units without parent: C (某县), X (某镇)); a tree has exactly one'
    """
    head, sep, rest = problem.what.partition(" roots (units without parent): ")
    listed, semi, tail = rest.rpartition("; ")
    if not sep or not semi or not head.isdigit():
        return problem.what
    ids = [part.rsplit(" (", 1)[0] for part in listed.split("), ")]
    found = [rows[i][0] for i in ids if rows.get(i)]
    if not found:
        return problem.what
    return f"{head} roots: rows {_rows_text(found)} (units without parent: {listed}); {tail}"


def _rows_by_id(units: Sequence[Unit], rows: Sequence[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for u, r in zip(units, rows, strict=True):
        out.setdefault(u.id, []).append(r)
    return out


def read_tree(
    path: str | os.PathLike[str],
    *,
    rules: HierarchyRules | str | None = None,
    encoding: str | None = None,
    extra_columns: Any = "warn",
    strict: bool = False,
    progress: Report | None = None,
    sheet: str | None = None,
) -> OrgTree:
    """Read and validate a tree from a ``.csv`` unit table, a ``.json`` tree document or
    (with ``pmedu[excel]``) an ``.xlsx``, ``.xls`` or ``.ods`` workbook (read through
    python-calamine, [`pmedu.io.sheets`][pmedu.io.sheets]).

    ``rules`` are the hierarchy rules (a preset name or
    [`HierarchyRules`][pmedu.network.rules.HierarchyRules]; the default preset for tables, the saved
    rules for JSON unless given). Raises [`DataError`][pmedu.errors.DataError] for bad cells and
    [`TreeError`][pmedu.errors.TreeError] (its specific subclass when all problems are of one sort)
    with every problem, each naming the file and, for tables, the row. A column no reader
    knows is a [`PmeduWarning`][pmedu.errors.PmeduWarning] naming it (``extra_columns="warn"``,
    the default), an error with ``strict=True`` (or ``extra_columns="error"``), and nothing
    with ``extra_columns="ignore"``.

    A ``.csv`` table is read column by column first
    ([`read_valid_tree_csv`][pmedu.io.csvfile.read_valid_tree_csv]: no
    [`Unit`][pmedu.model.unit.Unit] per row); only a table with a problem is read again row by
    row, to report every problem with its row. ``progress`` (a
    [`Report`][pmedu.progress.Report], such as the CLI's reporter) is told of each step as
    it starts, with its count where known. ``sheet`` picks a workbook's sheet by name (the
    first by default).

    >>> from pmedu.datasets import sample_path
    >>> read_tree(sample_path()).root.name
    '示例县'
    >>> try:
    ...     read_tree(sample_path(), rules="strict")
    ... except TreeError as exc:
    ...     p = exc.problems[0]
    ...     print(type(exc).__name__, p.row, p.unit, p.field)
    KindPairError 54 T04-C01 kind
    """
    p = Path(path)
    source = str(path)
    suffix = p.suffix.lower()
    say = step_reporter(progress)
    if strict and extra_columns == "warn":
        extra_columns = "error"
    if suffix == ".csv":
        fast = read_valid_tree_csv(
            p, rules=rules, encoding=encoding, extra_columns=extra_columns, progress=progress
        )
        if fast is not None:
            return fast
        say(f"reading {p.name} again row by row, to report its problems")
    else:
        say(f"reading {p.name}")
    rows: list[int] = []
    if suffix == ".json":
        try:
            return tree_from_document(read_document(p), source=source, rules=rules)
        except TreeError as exc:
            raise where_in_file(exc, source) from None
    # bad cells are collected, not raised, so the good rows can still be checked as a tree
    # and the file's every problem reported in one go
    bad_cells: list[Problem] = []
    skipped: set[str] = set()
    options: dict[str, Any] = {
        "extra_columns": extra_columns,
        "row_numbers": rows,
        "collect": bad_cells,
        "skipped": skipped,
    }
    if suffix == ".csv":
        units = read_units_csv(p, encoding=encoding, **options)
    elif suffix in SHEET_SUFFIXES:
        xlsx = importlib.import_module("pmedu.io.xlsx")
        shown: list[str | None] = []
        units = xlsx.read_units(p, sheet=sheet, shown=shown, **options)
        options["sheet"] = shown[0] if shown else None
    else:
        raise DataError(
            [Problem("unknown file type: use .csv, .json, .xlsx, .xls or .ods", file=source)]
        )
    # an id on a good row and on a row left out for bad cells is a duplicate all the same
    bad_cells += [
        Problem(
            "duplicate id (also on a row with bad cells)",
            file=source,
            row=r,
            unit=u.id,
            field="id",
            code="duplicate_id",
            sheet=options.get("sheet"),
        )
        for u, r in zip(units, rows, strict=True)
        if u.id in skipped
    ]
    say(f"checking the tree of {len(units):,} units")
    try:
        tree = OrgTree.from_units(units, rules=rules)
    except TreeError as exc:
        placed = where_in_file(
            exc, source, rows=_rows_by_id(units, rows), sheet=options.get("sheet")
        )
        if not bad_cells:
            raise placed from None
        raise DataError(_merge(bad_cells, placed.problems, units, skipped)) from None
    if bad_cells:
        raise DataError(sorted(bad_cells, key=lambda p: p.row or 0))
    return tree


def _merge(
    cells: list[Problem], tree: list[Problem], units: list[Unit], skipped: set[str]
) -> list[Problem]:
    """Cell problems and tree problems in row order, without the tree problems that only
    echo a row left out for its bad cells (a child of that row "missing" its parent, or no
    root when the root's row was the bad one)."""
    parent_of = {u.id: u.parent_id for u in units}
    kept = [
        p
        for p in tree
        if not (p.code == "missing_parent" and parent_of.get(p.unit or "") in skipped)
        and not (p.code == "root" and skipped and "no root" in p.what)
    ]
    return sorted([*cells, *kept], key=lambda p: p.row or 0)
