"""The yearly report (年度报告): one self-contained HTML page, and its tables for Excel.

The page has five sections: the tree summary, station coverage by township (建点率, a chart
and a table), the stations that fall short and what they miss, the film supply plan and its
shortfall, and the assessment ranking with grades and each unit's point-by-point breakdown.
It is Chinese by default (``lang="en"`` for English), opens offline (styles and the small
table-sorting script are inline; no URL, script or font is fetched) and is written
atomically.

>>> from pmedu import OrgTree, Unit
>>> from pmedu.report import assemble_report
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...                            Unit(id="T", name="东镇", kind="镇", parent_id="C")])
>>> html = assemble_report(tree, chart=False).to_html()
>>> '<section id="coverage">' in html
True
"""

from pmedu.report.build import (
    SECTION_KEYS,
    assemble_report,
    build_report,
    compute_parts,
    sample_report,
    stderr_progress,
    write_report,
)
from pmedu.report.chart import coverage_chart, have_matplotlib
from pmedu.report.messages import DEFAULT_LANG, LANGS, MESSAGES, messages
from pmedu.report.page import Column, Report, Section, Table, format_cell
from pmedu.report.tables import coverage_table, gaps_table, station_gaps, tree_table

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
    "build_report",
    "compute_parts",
    "coverage_chart",
    "coverage_table",
    "format_cell",
    "gaps_table",
    "have_matplotlib",
    "messages",
    "sample_report",
    "station_gaps",
    "stderr_progress",
    "tree_table",
    "write_report",
]
