"""Viewing sessions from a CSV file: [`read_sessions_csv`][pmedu.io.sessions.read_sessions_csv].

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
>>> _ = p.write_text("编号,网点,日期,片目\\na,S1,2025-01-10,F1、F2\\n", encoding="utf-8")
>>> read_sessions_csv(p)[0].film_ids
('F1', 'F2')
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from typing import Any

from pmedu.convert import converter, problems_from
from pmedu.errors import DataError, Problem
from pmedu.io.csvfile import read_csv_records
from pmedu.model.session import ViewingSession
from pmedu.validators import parse_date

__all__ = ["SESSION_COLUMNS", "read_sessions_csv"]

#: header (English or Chinese) → field of [`ViewingSession`][pmedu.model.session.ViewingSession]
SESSION_COLUMNS: dict[str, str] = {
    "id": "id",
    "编号": "id",
    "station_id": "station_id",
    "网点": "station_id",
    "date": "date",
    "日期": "date",
    "films": "film_ids",
    "film_ids": "film_ids",
    "片目": "film_ids",
    "theme": "theme",
    "主题": "theme",
    "expected": "expected",
    "expected_count": "expected_count",
    "应到人数": "expected_count",
    "signed_in": "signed_in",
    "signed_in_count": "signed_in_count",
    "实到人数": "signed_in_count",
    "steps": "steps",
    "教学步骤": "steps",
    "discussion": "discussion",
    "讨论情况": "discussion",
    "feedback": "feedback",
    "信息反馈": "feedback",
}
_LISTS = {"film_ids", "expected", "signed_in", "steps"}
_INTS = {"expected_count", "signed_in_count"}
_REQUIRED = ("id", "station_id", "date")
#: a count is ASCII or full-width digits (no ``+``, ``_`` or other scripts; ``-`` is refused
#: by the count check)
_DIGITS = re.compile(r"-?[0-9０-９]{1,30}")
_SPLIT = str.maketrans({"；": ";", "、": ";", ",": ";", "，": ";"})


def _columns(header: Sequence[str], src: str) -> list[str]:
    problems: list[Problem] = []
    cols: list[str] = []
    for h in header:
        key = SESSION_COLUMNS.get(h.strip()) or SESSION_COLUMNS.get(h.strip().lower())
        if key is None:
            problems.append(Problem(f"unknown column {h!r}", file=src, row=1, field=h))
        cols.append(key or "")
    for need in _REQUIRED:
        if need not in cols:
            problems.append(Problem("required column missing", file=src, row=1, field=need))
    if problems:
        raise DataError(problems)
    return cols


def _row_data(
    cols: Sequence[str], row: Sequence[str], where: tuple[str, int], problems: list[Problem]
) -> tuple[dict[str, Any], bool]:
    src, n = where
    data: dict[str, Any] = {}
    bad = False
    for key, raw in zip(cols, row, strict=True):
        cell = raw.strip()
        if key in _LISTS:
            data[key] = [x.strip() for x in cell.translate(_SPLIT).split(";") if x.strip()]
        elif key in _INTS:
            if cell:
                if _DIGITS.fullmatch(cell):
                    data[key] = int(cell)
                else:
                    what = f"expected a whole number, got {cell!r}"
                    problems.append(Problem(what, file=src, row=n, field=key))
                    bad = True
        elif key == "date" and cell:
            try:
                data[key] = parse_date(cell)
            except ValueError as exc:
                problems.append(Problem(str(exc), file=src, row=n, field=key))
                data[key], bad = dt.date.min, True  # the row is dropped: no second problem
        elif cell or key in _REQUIRED:
            data[key] = cell
    return data, bad


def _session(
    cols: Sequence[str], row: Sequence[str], where: tuple[str, int], problems: list[Problem]
) -> ViewingSession | None:
    src, n = where
    if len(row) != len(cols):
        problems.append(Problem(f"{len(row)} cells, header has {len(cols)}", file=src, row=n))
        return None
    data, bad = _row_data(cols, row, where, problems)
    try:
        session = converter.structure(data, ViewingSession)
    except Exception as exc:
        for pr in problems_from(exc, source=src):
            field = (pr.field or "").removeprefix("$.").removeprefix("$") or None
            problems.append(Problem(pr.what, file=src, row=n, field=field))
        return None
    return None if bad else session


def read_sessions_csv(path: str | os.PathLike[str]) -> tuple[ViewingSession, ...]:
    """Read viewing sessions from a CSV file (UTF-8, BOM allowed), one row per session.

    Columns (English or Chinese headers): ``id`` 编号, ``station_id`` 网点, ``date`` 日期,
    ``films`` 片目, ``theme`` 主题, ``expected`` (member ids), ``expected_count`` 应到人数,
    ``signed_in`` (member ids), ``signed_in_count`` 实到人数, ``steps`` 教学步骤,
    ``discussion``, ``feedback``. Lists are separated by ``;`` (also ``、`` or ``，``).
    Every problem is reported as ``FILE:ROW: column: what`` (header = row 1).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,station_id,date,应到人数,实到人数\\n"
    ...                  "a,S1,2025-01-10,10,8\\nb,S1,2025-13-01,-2,1\\n", encoding="utf-8")
    >>> read_sessions_csv(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 2 problems:
    ...s.csv:3: date: ...
    ...s.csv:3: expected_count: 'expected_count' must be >= 0: -2
    """
    src = str(path)
    header, *body = read_csv_records(path, widths=False)
    cols = _columns(header, src)
    problems: list[Problem] = []
    out: list[ViewingSession] = []
    for n, row in enumerate(body, start=2):
        if not any(c.strip() for c in row):
            continue
        session = _session(cols, row, (src, n), problems)
        if session is not None:
            out.append(session)
    if problems:
        raise DataError(problems)
    return tuple(out)
