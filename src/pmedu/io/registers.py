"""The viewing register 收看情况登记簿 and the sign-in book 党员签到册 written as CSV files.

The rows come from [`pmedu.viewing.register`][pmedu.viewing.register] (``viewing_register``,
``sign_in_book``); this module writes them.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pmedu.io.documents import AtomicGroup, open_target
from pmedu.io.text import escape_formula
from pmedu.viewing.register import register_table

__all__ = ["write_table"]


def write_table(
    rows: Sequence[Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    lang: str = "zh",
    group: AtomicGroup | None = None,
) -> Path:
    """Write ``rows`` as a UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese),
    atomically. ``columns`` maps keys to Chinese headers (default: the keys of the first
    row); ``lang="en"`` writes the English keys as headers. Text a spreadsheet program
    would take for a formula gets a leading ``'`` (``escape_formula``); with ``group`` the
    file is one of several written all or none (``atomic_files``).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "reg.csv"
    >>> _ = write_table([{"a": 1, "b": True}], p, columns={"a": "甲", "b": "乙"})
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['甲,乙', '1,是']
    >>> _ = write_table([{"a": 1, "b": True}], p, columns={"a": "甲", "b": "乙"}, lang="en")
    >>> p.read_text(encoding="utf-8-sig").splitlines()
    ['a,b', '1,是']
    """
    headers, cells = register_table(rows, columns=columns, lang=lang)
    p = Path(path)
    with open_target(p, mode="w", group=group, encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([escape_formula(str(h)) for h in headers])
        w.writerows([_safe(c) for c in row] for row in cells)
    return p


def _safe(value: Any) -> Any:
    return escape_formula(value) if isinstance(value, str) else value
