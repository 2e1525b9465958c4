"""Sets held (现有片库): a table of unit id → number of sets of e-education films.

The table has a unit id column (``unit_id``, ``id``, 编号, 单位编号) and a sets column (``sets``,
``held``, 套数, 现有套数); other columns (a name 名称 for the reader, notes 备注) are ignored. Every
bad row is reported, as ``FILE:ROW: column: what`` (the header is row 1).
[`holdings_from_rows`][pmedu.supply.holdings.holdings_from_rows] reads the table's cells (text, as a
CSV file or a sheet holds them); the files are opened by [`pmedu.io.holdings`][pmedu.io.holdings]
(CSV, any of UTF-8, UTF-8 with BOM or GBK, and Excel).

>>> holdings_from_rows(["编号", "名称", "套数"], [["T01", "东镇", "3"], ["T02", "西镇", ""],
...                    ["T03", "南镇", "1"]], source="holdings.csv")
{'T01': 3, 'T02': 0, 'T03': 1}
>>> holdings_from_rows(["编号", "套数"], [["T01", "-1"], ["", "2"], ["T01", "x"]],
...                    source="holdings.csv")
Traceback (most recent call last):
...
pmedu.errors.DataError: 4 problems:
holdings.csv:2: 套数: must be a whole number ≥ 0, got '-1'
holdings.csv:3: 编号: must not be empty
holdings.csv:4: 编号: unit 'T01' is listed twice (first on row 2)
holdings.csv:4: 套数: must be a whole number ≥ 0, got 'x'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmedu.compat import moved
from pmedu.errors import DataError, Problem
from pmedu.network import OrgTree

__all__ = [
    "ID_HEADERS",
    "SETS_HEADERS",
    "holdings_from_rows",
]

#: accepted headers of the unit id column
ID_HEADERS = ("unit_id", "id", "unit", "编号", "单位编号", "单位代码")
#: accepted headers of the sets column
SETS_HEADERS = ("sets", "held", "sets_held", "套数", "现有套数", "持有套数", "片库套数")

_SEP = re.compile(r"[\s\-_]+")


def _norm(text: str) -> str:
    return _SEP.sub("_", text.strip().lower()).strip("_")


def _whole(text: str) -> int:
    t = text.strip()
    if not t:
        return 0
    if re.fullmatch(r"\d+(\.0*)?", t):
        return int(t.split(".")[0])
    raise ValueError(f"must be a whole number ≥ 0, got {t!r}")


def _columns(header: Sequence[str], source: str | None) -> tuple[int, int]:
    """The positions of the id and the sets column (a DataError names the missing ones)."""
    ids = {_norm(h) for h in ID_HEADERS}
    sets = {_norm(h) for h in SETS_HEADERS}
    id_col = next((j for j, h in enumerate(header) if _norm(h) in ids), None)
    sets_col = next((j for j, h in enumerate(header) if _norm(h) in sets), None)
    problems: list[Problem] = []
    if id_col is None:
        problems.append(
            Problem(
                f"missing column 编号 (unit_id); accepted headers: {', '.join(ID_HEADERS)}",
                file=source,
                row=1,
                field="unit_id",
            )
        )
    if sets_col is None:
        problems.append(
            Problem(
                f"missing column 套数 (sets); accepted headers: {', '.join(SETS_HEADERS)}",
                file=source,
                row=1,
                field="sets",
            )
        )
    if id_col is None or sets_col is None:
        raise DataError(problems)
    return id_col, sets_col


def _id_problem(uid: str, first_row: dict[str, int], tree: OrgTree | None) -> str | None:
    if not uid:
        return "must not be empty"
    if uid in first_row:
        return f"unit {uid!r} is listed twice (first on row {first_row[uid]})"
    if tree is not None and uid not in tree:
        return f"unit {uid!r} is not in the tree"
    return None


def holdings_from_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    source: str | None = None,
    tree: OrgTree | None = None,
) -> dict[str, int]:
    """The sets held per unit from a table's header and data rows of text cells (blank sets
    count as 0; row ``i`` of ``rows`` is the table's row ``i + 2``).

    With ``tree``, ids that are not in the tree are reported too, each on its row.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> holdings_from_rows(["unit_id", "sets"], [["C", "2"], ["X", "1"]], source="h.csv", tree=t)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    h.csv:3: unit_id: unit 'X' is not in the tree
    """
    head = [h.strip() for h in header]
    id_col, sets_col = _columns(head, source)
    id_name, sets_name = head[id_col], head[sets_col]
    problems: list[Problem] = []
    out: dict[str, int] = {}
    first_row: dict[str, int] = {}
    for row_no, rec in enumerate(rows, start=2):
        if not any(c.strip() for c in rec):
            continue
        uid = rec[id_col].strip() if id_col < len(rec) else ""
        cell = rec[sets_col] if sets_col < len(rec) else ""
        what = _id_problem(uid, first_row, tree)
        if what is not None:
            problems.append(Problem(what, file=source, row=row_no, field=id_name))
        fresh = bool(uid) and uid not in first_row
        if fresh:
            first_row[uid] = row_no
        try:
            n = _whole(cell)
        except ValueError as exc:
            problems.append(Problem(str(exc), file=source, row=row_no, field=sets_name))
            continue
        if fresh:
            out[uid] = n
    if problems:
        raise DataError(problems)
    return out


__getattr__ = moved(__name__, {"read_holdings": "pmedu.io.holdings"})
