"""Write the yearly report (年度报告) of the sample county: one self-contained HTML page and,
with pmedu[excel], the same tables as an Excel workbook.

    pip install "pmedu[report,excel]"
    python write_report.py            # Chinese
    python write_report.py en         # English
"""

# requires: report

import sys

from pmedu.cli.report_cmd import build_report, write_workbook
from pmedu.datasets import sample_county, sample_facts, sample_path
from pmedu.io.holdings import read_holdings
from pmedu.io.html import write_report
from pmedu.io.xlsx import have_openpyxl
from pmedu.pipeline import compute_parts

lang = sys.argv[1] if len(sys.argv) > 1 else "zh"
tree = sample_county()
holdings = read_holdings(sample_path(name="holdings.csv"), tree=tree)
facts = sample_facts()

report = build_report(tree, facts=facts, holdings=holdings, year=2025, lang=lang)
print("wrote", write_report(report, "report.html"))

if have_openpyxl():
    parts = compute_parts(tree, facts=facts, holdings=holdings, year=2025)
    print("wrote", write_workbook("report.xlsx", tree, lang=lang, **parts))
