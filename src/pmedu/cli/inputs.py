"""Input files the commands share, read by their suffix.

A workbook (``.xlsx``, ``.xlsm``, needs ``pmedu[excel]``) is read by
[`pmedu.io.xlsx`][pmedu.io.xlsx], anything else as a CSV (encoding detected).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
>>> _ = p.write_text("unit,measure,value\\nT01,info_items,8\\n", encoding="utf-8")
>>> read_facts_file(p).get("T01", "info_items")
Decimal('8')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pmedu.datasets import sample_year
from pmedu.io.facts import read_facts as read_facts_csv
from pmedu.io.holdings import read_holdings as read_holdings_csv
from pmedu.io.xlsx import read_facts as read_facts_xlsx
from pmedu.io.xlsx import read_holdings as read_holdings_xlsx
from pmedu.network import OrgTree
from pmedu.results import YearResults

__all__ = ["EXCEL_SUFFIXES", "demo_year", "is_workbook", "read_facts_file", "read_holdings_file"]

#: the suffixes read as workbooks
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")


def is_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as a workbook.

    >>> is_workbook("facts.XLSX"), is_workbook("facts.csv")
    (True, False)
    """
    return Path(path).suffix.lower() in EXCEL_SUFFIXES


def read_facts_file(path: str | os.PathLike[str], *, year: int | None = None) -> Any:
    """Facts from a workbook's first sheet or a CSV, long or wide."""
    if is_workbook(path):
        return read_facts_xlsx(path, year=year)
    return read_facts_csv(path, year=year)


def read_holdings_file(path: str | os.PathLike[str], tree: Any) -> dict[str, int]:
    """Film sets held per unit from a workbook's first sheet or a CSV."""
    if is_workbook(path):
        return dict(read_holdings_xlsx(path, tree=tree))
    return dict(read_holdings_csv(path, tree=tree))


def demo_year(given: YearResults | OrgTree) -> YearResults:
    """What a ``demo_section`` prints from: the ``YearResults`` given, or the sample year
    computed on the tree given ([`pmedu.datasets.sample_year`][pmedu.datasets.sample_year]).

    >>> from pmedu.datasets import sample_county
    >>> demo_year(sample_county()).year
    2025
    """
    if isinstance(given, YearResults):
        return given
    return sample_year(tree=given)
