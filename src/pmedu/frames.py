"""Records as pandas DataFrames, short one-line ``repr``s and small HTML tables for Jupyter.

pandas is an extra (``pip install "pmedu[pandas]"``): this is the one module that imports it, when
a ``to_pandas()`` is called, through [`pandas_module`][pmedu.frames.pandas_module]; without it the
call raises [`MissingExtraError`][pmedu.errors.MissingExtraError] naming the extra. The result
objects keep their exact ``Decimal``s; in a frame the columns that hold numbers are ``float64``
(``None`` → ``NaN``) so that pandas can sum, plot and describe them.

* [`records_frame`][pmedu.frames.records_frame] — the ``to_records()`` of a result object as a
  frame, the columns of Decimals (and any named in ``numeric``) as floats;
* [`coverage_frame`][pmedu.frames.coverage_frame] — a mapping unit id → ``Coverage`` (what
  ``OrgTree.coverage`` and ``station_coverage`` return) as ``unit_id, covered, total, rate``;
* [`tree_from_frame`][pmedu.frames.tree_from_frame] — an ``OrgTree`` from a unit-table frame,
  with exactly the checks of a CSV unit table (NaN is an empty cell);
* [`records_html`][pmedu.frames.records_html] and [`short`][pmedu.frames.short] — what the
  result objects' ``_repr_html_`` and ``__repr__`` are made of.

>>> records_html([{"unit": "T01", "total": 1}], caption="x").startswith("<table")
True
>>> short("某县" * 80, width=10)
'某县某县某县某县某…'
"""

from __future__ import annotations

import html
import importlib
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pmedu.errors import DataError, MissingExtraError, Problem, TreeError

__all__ = [
    "HTML_ROWS",
    "coverage_frame",
    "pandas_module",
    "records_frame",
    "records_html",
    "short",
    "tree_from_frame",
]

#: how many rows ``_repr_html_`` shows before "… N more rows"
HTML_ROWS = 10

#: the name a unit-table frame is given in problem messages (``DataFrame:ROW: column: what``)
FRAME_SOURCE = "DataFrame"


def pandas_module(*, feature: str = "to_pandas()") -> Any:
    """The ``pandas`` module, or [`MissingExtraError`][pmedu.errors.MissingExtraError] naming
    the ``pandas`` extra when it is not installed.

    >>> try:
    ...     pd = pandas_module()
    ... except MissingExtraError as exc:
    ...     assert "pmedu[pandas]" in str(exc)
    """
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("pandas", "pandas", feature) from None


def _number(value: Any) -> float:
    if value is None:
        return math.nan
    return float(value)


def _numeric_keys(records: Sequence[Mapping[str, Any]], numeric: Iterable[str]) -> list[str]:
    keys = dict.fromkeys(numeric)
    for r in records:
        for k, v in r.items():
            if isinstance(v, Decimal):
                keys.setdefault(k)
    return list(keys)


def records_frame(
    records: Sequence[Mapping[str, Any]],
    *,
    numeric: Iterable[str] = (),
    columns: Sequence[str] | None = None,
    feature: str = "to_pandas()",
) -> Any:
    """A ``pandas.DataFrame`` of ``records`` (plain dicts), one row each: every column that
    holds a ``Decimal``, and every column named in ``numeric``, becomes ``float64`` (``None`` →
    ``NaN``); ``columns`` are the column order when there are no records.

    >>> rows = [{"u": "A", "v": Decimal("0.5")}, {"u": "B", "v": None}]
    >>> df = records_frame(rows)  # doctest: +SKIP
    >>> df["v"].dtype.kind, df["v"].sum()  # doctest: +SKIP
    ('f', 0.5)
    """
    pd = pandas_module(feature=feature)
    to_float = _numeric_keys(records, numeric)
    rows = [{k: (_number(v) if k in to_float else v) for k, v in r.items()} for r in records]
    frame = pd.DataFrame(rows, columns=list(columns) if columns is not None and not rows else None)
    for k in to_float:
        if k in frame.columns:
            frame[k] = frame[k].astype("float64")
    return frame


def coverage_frame(coverage: Mapping[str, Any]) -> Any:
    """A mapping unit id → ``Coverage`` (``covered``, ``total`` and ``rate``, as
    ``OrgTree.coverage`` and ``pmedu.stations.station_coverage`` return) as a frame with the
    columns ``unit_id, covered, total, rate`` — ``rate`` a float, ``NaN`` where there is
    nothing to cover.

    >>> from pmedu.datasets import synth  # doctest: +SKIP
    >>> t = synth.tree("county", units=40, seed=1)  # doctest: +SKIP
    >>> df = coverage_frame(t.coverage("village"))  # doctest: +SKIP
    >>> df.iloc[0].tolist()  # doctest: +SKIP
    ['C000', 25, 30, 0.8333333333333334]
    """
    records = [
        {"unit_id": uid, "covered": c.covered, "total": c.total, "rate": c.rate}
        for uid, c in coverage.items()
    ]
    return records_frame(
        records,
        numeric=["rate"],
        columns=["unit_id", "covered", "total", "rate"],
        feature="coverage_frame()",
    )


def _cell_text(value: Any) -> str:
    """A frame cell as a unit-table cell: NaN/None/NA are empty, ``3.0`` is ``3``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    text = str(value)
    return "" if text in ("<NA>", "NaT", "nan") else text


def tree_from_frame(frame: Any, *, rules: Any = None) -> Any:
    """An ``OrgTree`` from a unit-table DataFrame (the columns of a unit CSV, Chinese or English
    headers), read by [`pmedu.io.units_from_rows`][pmedu.io.table.units_from_rows] and checked
    as a tree exactly as a CSV is: NaN (and ``None``, ``pd.NA``) is an empty cell, a float
    column that pandas made of counts (``3.0``) is read as ``3``. Every problem is raised at
    once, each naming ``DataFrame:ROW`` (rows numbered from 1, the first data row).

    ``io`` is above this ground module, so it is looked up when the function is called.

    >>> import pandas as pd  # doctest: +SKIP
    >>> df = pd.DataFrame({"id": ["C", "T"], "parent_id": [None, "C"], "name": ["某县", "东镇"],
    ...                    "kind": ["县", "镇"], "members": [float("nan"), 3.0]})  # doctest: +SKIP
    >>> tree_from_frame(df).unit("T").members  # doctest: +SKIP
    3
    """
    io_table = importlib.import_module("pmedu.io.table")
    io_package = importlib.import_module("pmedu.io")
    network = importlib.import_module("pmedu.network")
    headers = [str(c) for c in frame.columns]
    rows = [
        {h: _cell_text(v) for h, v in zip(headers, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]
    if not rows:
        raise DataError([Problem("no rows: the table is empty", file=FRAME_SOURCE)])
    numbers: list[int] = []
    units = io_table.units_from_rows(
        rows, FRAME_SOURCE, first_row=1, headers=headers, row_numbers=numbers
    )
    by_id: dict[str, list[int]] = {}
    for u, r in zip(units, numbers, strict=True):
        by_id.setdefault(u.id, []).append(r)
    try:
        return network.OrgTree.from_units(units, rules=rules)
    except TreeError as exc:
        raise io_package.where_in_file(exc, FRAME_SOURCE, rows=by_id) from None


def short(text: str, *, width: int = 40) -> str:
    """``text`` cut to ``width`` characters with ``…`` (for one-line reprs).

    >>> short("abc", width=5), short("abcdefgh", width=5)
    ('abc', 'abcd…')
    """
    return text if len(text) <= width else text[: width - 1] + "…"


def _html_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape(str(getattr(value, "value", value)))


def records_html(
    records: Sequence[Mapping[str, Any]],
    *,
    caption: str,
    limit: int = HTML_ROWS,
    columns: Sequence[str] | None = None,
) -> str:
    """A small HTML table of the first ``limit`` ``records`` (all escaped), with
    ``caption`` and a last row saying how many more there are; Jupyter shows it for a
    result object's ``_repr_html_``.

    >>> page = records_html([{"a": 1}, {"a": 2}], caption="<x>", limit=1)
    >>> page.count("<tr>"), "&lt;x&gt;" in page, "… 1 more rows" in page
    (3, True, True)
    """
    if columns is None:
        columns = list(dict.fromkeys(k for r in records for k in r))
    keys = list(columns)
    head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_cell(r.get(k))}</td>" for k in keys) + "</tr>"
        for r in records[:limit]
    )
    if len(records) > limit:
        body += f'<tr><td colspan="{len(keys)}">… {len(records) - limit} more rows</td></tr>'
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
