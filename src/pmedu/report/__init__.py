"""The yearly report (年度报告): one self-contained HTML page, and its tables for Excel.

The page has five sections: the tree summary, station coverage by township (建点率, a chart
and a table), the stations that fall short and what they miss, the film supply plan and its
shortfall, and the assessment ranking with grades and each unit's point-by-point breakdown.
It is Chinese by default (``lang="en"`` for English), opens offline (styles and the small
table-sorting script are inline; no URL, script or font is fetched) and is written
atomically.

>>> from pmedu.network import OrgTree
>>> from pmedu.model import Unit
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...                            Unit(id="T", name="东镇", kind="镇", parent_id="C")])
>>> html = assemble_report(tree, chart=False).to_html()
>>> '<section id="coverage">' in html
True
"""

from pmedu.report.build import (
    SECTION_KEYS,
    assemble_report,
    render_year,
    stderr_progress,
)
from pmedu.report.chart import coverage_chart, have_matplotlib
from pmedu.report.messages import DEFAULT_LANG, LANGS, MESSAGES, messages
from pmedu.report.moved import moved_getattr
from pmedu.report.page import Report, Section
from pmedu.report.tables import coverage_table, gaps_table, tree_table
from pmedu.report.workbook import sheet_tables, workbook_tables, workbook_title
from pmedu.tables import Column, Table, format_cell

#: the examples here render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MESSAGES",
    "SECTION_KEYS",
    "Column",
    "Report",
    "Section",
    "Table",
    "assemble_report",
    "coverage_chart",
    "coverage_table",
    "format_cell",
    "gaps_table",
    "have_matplotlib",
    "messages",
    "render_year",
    "sheet_tables",
    "stderr_progress",
    "tree_table",
    "workbook_tables",
    "workbook_title",
]

#: names that moved above the report (they compute); still importable from here, loaded
#: on first use so that importing the report never imports the computing modules
MOVED: dict[str, str] = {
    "build_report": "pmedu.cli.report_cmd",
    "compute_parts": "pmedu.pipeline",
    "sample_report": "pmedu.datasets",
    "station_gaps": "pmedu.pipeline",
    "write_report": "pmedu.io.html",
}

__getattr__ = moved_getattr(__name__, MOVED)
