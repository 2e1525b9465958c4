"""The year's workbook, kept here for now: which sheets it has is the report's business.

[`write_workbook`][pmedu.io.workbook.write_workbook] moves to the report (which lays out sheets as
tables); until then it stays importable as ``pmedu.io.xlsx.write_workbook`` and finds the report's
tables on first use, so no module of ``io`` imports ``report`` when it is imported.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from pmedu.errors import MissingExtraError
from pmedu.io.documents import AtomicGroup
from pmedu.io.xlsx import have_openpyxl, write_tables

__all__ = ["write_workbook"]

#: the extras this module's examples need (the doctest run skips the module without them)
__doctest_requires__ = ("openpyxl",)


def write_workbook(
    path: str | os.PathLike[str],
    tree: Any,
    *,
    plan: Any = None,
    assessment: Any = None,
    gap_list: Any = None,
    coverage: bool = True,
    lang: str = "zh",
    group: AtomicGroup | None = None,
) -> Path:
    """Write the year's tables to one workbook: station coverage (``coverage=True``), the
    supply plan, the assessment ranking and its indicator lines, and the station gap list
    — each sheet present when its object is given. Headers are Chinese by default. With
    ``group`` the workbook is one of several files written all or none
    ([`pmedu.io.documents.atomic_files`][pmedu.io.documents.atomic_files]).

    ``plan`` is a [`pmedu.supply.SupplyPlan`][pmedu.supply.plan.SupplyPlan], ``assessment`` a
    [`pmedu.scoring.Assessment`][pmedu.scoring.results.Assessment], ``gap_list`` what
    [`pmedu.report.station_gaps`][pmedu.pipeline.station_gaps] returns.

    >>> import tempfile, pathlib
    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.supply import plan_supply
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...                            Unit(id="T", name="东镇", kind="镇", parent_id="C"),
    ...                            Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "year.xlsx"
    >>> import openpyxl
    >>> _ = write_workbook(out, tree, plan=plan_supply(tree))
    >>> openpyxl.load_workbook(out).sheetnames
    ['建点率', '供片计划']
    """
    tables = importlib.import_module("pmedu.report.tables")
    msg = importlib.import_module("pmedu.report.messages").messages(lang)
    if not have_openpyxl():
        raise MissingExtraError("excel", "openpyxl", "writing .xlsx files")
    sheets: dict[str, Any] = {}
    if coverage:
        sheets[msg["sheet.coverage"]] = tables.coverage_table(tree, lang)
    if plan is not None:
        sheets[msg["sheet.supply"]] = tables.supply_table(plan, lang)
    if assessment is not None:
        ranking, lines = tables.assessment_sheets(tree, assessment, lang)
        sheets[msg["sheet.ranking"]] = ranking
        sheets[msg["sheet.lines"]] = lines
    if gap_list is not None:
        sheets[msg["sheet.gaps"]] = tables.gaps_table(tree, gap_list, lang)
    return write_tables(path, sheets, group=group)
