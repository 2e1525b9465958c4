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
>>> list(workbook_tables(YearResults(tree=tree), lang="en"))
['Coverage']
"""

from __future__ import annotations

from typing import Any

from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.report.tables import assessment_sheets, coverage_table, gaps_table, supply_table
from pmedu.results import TreeFigures, YearResults
from pmedu.tables import Table

__all__ = ["sheet_tables", "workbook_tables"]


def sheet_tables(
    tree: Any,
    *,
    plan: Any = None,
    assessment: Any = None,
    gap_list: Any = None,
    coverage: bool = True,
    lang: str = DEFAULT_LANG,
    figures: TreeFigures | None = None,
) -> dict[str, Table]:
    """The sheets (name → table, in order) of the computed objects given one by one:
    station coverage (``coverage=True``), the supply plan, the assessment ranking and its
    indicator lines, and the station gap list — each present when its object is given.

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> list(sheet_tables(tree, gap_list=[]))
    ['建点率', '网点缺项']
    """
    msg = messages(lang)
    sheets: dict[str, Table] = {}
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
    results: YearResults, *, lang: str = DEFAULT_LANG, coverage: bool = True
) -> dict[str, Table]:
    """The year's workbook as sheets (name → table, in order); see
    [`sheet_tables`][pmedu.report.workbook.sheet_tables].

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> from pmedu.results import YearResults
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> list(workbook_tables(YearResults(tree=tree), coverage=False))
    []
    """
    return sheet_tables(
        results.tree, coverage=coverage, lang=lang, figures=results.figures, **results.parts()
    )
