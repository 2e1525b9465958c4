"""Sets held (现有片库): a CSV table of unit id → number of sets of e-education films.

The table has a unit id column (``unit_id``, ``id``, 编号, 单位编号) and a sets column
(``sets``, ``held``, 套数, 现有套数); other columns (a name 名称 for the reader, notes 备注)
are ignored. The encoding is detected like the unit table's (UTF-8, UTF-8 with BOM, GBK).
Every bad row is reported, as ``FILE:ROW: column: what`` (the header is row 1).

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "holdings.csv"
>>> _ = p.write_text("编号,名称,套数\\nT01,东镇,3\\nT02,西镇,\\nT03,南镇,1\\n", encoding="utf-8")
>>> read_holdings(p)
{'T01': 3, 'T02': 0, 'T03': 1}
>>> _ = p.write_text("编号,套数\\nT01,-1\\n,2\\nT01,x\\n", encoding="utf-8")
>>> read_holdings(p)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.DataError: 4 problems:
...holdings.csv:2: 套数: must be a whole number ≥ 0, got '-1'
...holdings.csv:3: 编号: must not be empty
...holdings.csv:4: 编号: unit 'T01' is listed twice (first on row 2)
...holdings.csv:4: 套数: must be a whole number ≥ 0, got 'x'
"""

from __future__ import annotations

import os
import re

from pmedu.errors import DataError, Problem
from pmedu.io.csvfile import read_csv_records
from pmedu.network import OrgTree

__all__ = ["ID_HEADERS", "SETS_HEADERS", "read_holdings"]

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


def read_holdings(
    path: str | os.PathLike[str],
    tree: OrgTree | None = None,
    *,
    encoding: str | None = None,
) -> dict[str, int]:
    """Read the sets held per unit from a CSV file (blank sets count as 0).

    With ``tree``, ids that are not in the tree are reported too, each on its row.

    >>> import pathlib, tempfile
    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("unit_id,sets\\nC,2\\nX,1\\n")
    >>> read_holdings(p, t)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...h.csv:3: unit_id: unit 'X' is not in the tree
    """
    source = str(path)
    records = read_csv_records(path, encoding)
    header = [h.strip() for h in records[0]]
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
    id_name, sets_name = header[id_col], header[sets_col]
    out: dict[str, int] = {}
    first_row: dict[str, int] = {}
    for row_no, rec in enumerate(records[1:], start=2):
        if not any(c.strip() for c in rec):
            continue
        uid = rec[id_col].strip() if id_col < len(rec) else ""
        cell = rec[sets_col] if sets_col < len(rec) else ""
        if not uid:
            problems.append(Problem("must not be empty", file=source, row=row_no, field=id_name))
        elif uid in first_row:
            problems.append(
                Problem(
                    f"unit {uid!r} is listed twice (first on row {first_row[uid]})",
                    file=source,
                    row=row_no,
                    field=id_name,
                )
            )
        elif tree is not None and uid not in tree:
            problems.append(
                Problem(f"unit {uid!r} is not in the tree", file=source, row=row_no, field=id_name)
            )
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
