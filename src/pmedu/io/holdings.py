"""Sets held (现有片库) from a user's CSV file or workbook sheet.

The columns and rules are those of
[`pmedu.supply.holdings.holdings_from_rows`][pmedu.supply.holdings.holdings_from_rows]; this module
opens the file. The encoding of a CSV file is detected like the unit table's (UTF-8, UTF-8 with BOM,
UTF-16 with BOM, GBK) and its delimiter sniffed (comma, tab, semicolon); a ``.xlsx``, ``.xls`` or
``.ods`` sheet (``pmedu[excel]``) is read from its rows. Either is laid out as an office fills it
in ([`pmedu.io.layout.lay_out`][pmedu.io.layout.lay_out]: title rows, a two-row header, 序号,
合计/小计 rows), every problem at the sheet's own row.

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
from pathlib import Path

from pmedu.errors import DataError
from pmedu.io import xlsx
from pmedu.io.csvfile import read_csv_table
from pmedu.io.layout import as_grid, placed
from pmedu.io.sheets import SHEET_SUFFIXES
from pmedu.network import OrgTree
from pmedu.supply.holdings import ID_HEADERS, SETS_HEADERS, holdings_from_rows

__all__ = ["HOLDINGS_ALIASES", "read_holdings"]

#: the headers of a holdings table → its two fields (the unit's id, the sets held)
HOLDINGS_ALIASES: dict[str, str] = {
    **dict.fromkeys(ID_HEADERS, "unit_id"),
    **dict.fromkeys(SETS_HEADERS, "sets"),
}
_REQUIRED = ("unit_id", "sets")


def read_holdings(
    path: str | os.PathLike[str],
    *,
    tree: OrgTree | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> dict[str, int]:
    """The sets held per unit from a ``.csv`` file, or a sheet of an ``.xlsx``/``.xls``/``.ods``
    workbook (the first unless ``sheet`` is named). With ``tree``, ids not in the tree are reported.
    A CSV cell written with a formula guard (``'=…``, see
    [`escape_formula`][pmedu.io.text.escape_formula]) is read without it.

    >>> import pathlib, tempfile
    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("unit_id,sets\\nC,2\\nX,1\\n")
    >>> read_holdings(p, tree=t)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...h.csv:3: unit_id: unit 'X' is not in the tree
    """
    shown = None
    if Path(path).suffix.lower() in SHEET_SUFFIXES:
        laid, shown = xlsx.read_laid(
            path, sheet=sheet, aliases=HOLDINGS_ALIASES, required=_REQUIRED
        )
        grid = xlsx.sheet_grid(laid)
    else:
        laid = read_csv_table(path, aliases=HOLDINGS_ALIASES, required=_REQUIRED, encoding=encoding)
        grid = as_grid(laid)
    try:
        return holdings_from_rows(list(laid.headers), grid, source=str(path), tree=tree)
    except DataError as exc:
        raise DataError(placed(exc.problems, laid, sheet=shown)) from None
