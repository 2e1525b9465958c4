"""The workbook's layout: which sheets the year's workbook has, and their tables.

[`workbook_tables`][pmedu.report.workbook.workbook_tables] lays out one year's results
([`YearResults`][pmedu.results.YearResults]) as named [`Table`][pmedu.tables.Table] objects —
station coverage, the supply plan, the assessment ranking and its indicator lines, the station gap
list — each sheet present when its object was computed. The tables are those of the HTML report, so
the two always agree; [`pmedu.io.xlsx.write_tables`][pmedu.io.xlsx.write_tables] writes them to a
file.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> from pmedu.results import YearResults
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
>>> list(workbook_tables(YearResults(tree=tree), lang="en", tree_summary=True))
['Organisation tree', 'Coverage']
"""

from __future__ import annotations

from typing import Any

from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.report.tables import (
    assessment_sheets,
    coverage_table,
    gaps_table,
    supply_table,
    tree_table,
)
from pmedu.results import TreeFigures, YearResults
from pmedu.tables import Table

__all__ = ["sheet_tables", "workbook_tables", "workbook_title"]


def sheet_tables(
    tree: Any,
    *,
    plan: Any = None,
    assessment: Any = None,
    gap_list: Any = None,
    coverage: bool = True,
    lang: str = DEFAULT_LANG,
    figures: TreeFigures | None = None,
    tree_summary: bool = False,
) -> dict[str, Table]:
    """The sheets (name → table, in order) of the computed objects given one by one:
    the tree summary (``tree_summary=True``), station coverage (``coverage=True``), the supply
    plan, the assessment ranking and its indicator lines, and the station gap list — each
    present when its object is given.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> list(sheet_tables(tree, gap_list=[]))
    ['建点率', '网点缺项']
    """
    msg = messages(lang)
    sheets: dict[str, Table] = {}
    if tree_summary:
        sheets[msg["sheet.tree"]] = tree_table(tree, lang, figures=figures)
    if coverage:
        sheets[msg["sheet.coverage"]] = coverage_table(tree, lang, figures=figures)
    if plan is not None:
        sheets[msg["sheet.supply"]] = supply_table(plan, lang)
    if assessment is not None:
        ranking, lines = assessment_sheets(tree, assessment, lang)
        sheets[msg["sheet.ranking"]] = ranking
        sheets[msg["sheet.lines"]] = lines
    if gap_list is not None:
        sheets[msg["sheet.gaps"]] = gaps_table(tree, gap_list, lang)
    return sheets


def workbook_tables(
    results: YearResults,
    *,
    lang: str = DEFAULT_LANG,
    coverage: bool = True,
    tree_summary: bool = False,
) -> dict[str, Table]:
    """The year's workbook as sheets (name → table, in order): the tree summary first (with
    ``tree_summary=True``: what ``pmedu report --xlsx`` writes), then those of
    [`sheet_tables`][pmedu.report.workbook.sheet_tables]. Write it with
    ``pmedu.io.xlsx.write_tables(path, sheets, title=workbook_title(results), issuer=...)``.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> from pmedu.results import YearResults
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> list(workbook_tables(YearResults(tree=tree), coverage=False, tree_summary=True))
    ['组织体系概况']
    """
    return sheet_tables(
        results.tree,
        coverage=coverage,
        lang=lang,
        figures=results.figures,
        tree_summary=tree_summary,
        **results.parts(),
    )


def workbook_title(results: YearResults, *, lang: str = DEFAULT_LANG) -> str:
    """The title printed in the workbook's page headers: the report's title and year.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> workbook_title(YearResults(tree=tree, year=2025))
    '某县 党员电化教育年度报告 2025 年度'
    """
    msg = messages(lang)
    title = msg["report.title"].format(root=results.tree.root.name)
    if results.year is None:
        return title
    return f"{title} {msg['report.year'].format(year=results.year)}"
