"""``pmedu report``: the yearly report as one HTML page and/or an Excel workbook.

::

    pmedu report TREE [--records R] [--facts F] [--rubric R] [--holdings H] [--policy P]
                      [--year Y] [--lang zh|en] [--no-chart] [--progress]
                      [--out report.html] [--xlsx out.xlsx]

``TREE`` is a unit table (``.csv``, ``.xlsx``) or a saved tree (``.json``). Bad input is
reported one problem per line on stderr (exit 1); a missing optional extra prints the
``pip install`` to run (exit 2). Progress goes to stderr for large trees (or with
``--progress``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pmedu.cli.inputs import read_facts_file, read_holdings_file
from pmedu.errors import DataError, Problem
from pmedu.io import read_tree
from pmedu.io.xlsx import write_tables
from pmedu.network import OrgTree
from pmedu.pipeline import compute_year
from pmedu.records import Records
from pmedu.report import Report, render_year, sheet_tables, stderr_progress, workbook_tables
from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.results import Progress

__all__ = ["PROGRESS_THRESHOLD", "build_report", "register", "run", "write_workbook"]

#: trees with at least this many units show progress on stderr without ``--progress``
PROGRESS_THRESHOLD = 50_000


def build_report(
    tree: OrgTree,
    *,
    lang: str = DEFAULT_LANG,
    chart: bool = True,
    breakdowns: int | None = None,
    progress: Progress | None = None,
    **inputs: Any,
) -> Report:
    """Compute what the inputs allow ([`pmedu.pipeline.compute_year`][pmedu.pipeline.compute_year],
    which takes the keyword ``inputs``: ``stations``, ``records``, ``facts``, ``rubric``,
    ``holdings``, ``policy``, ``standards``, ``year``) and lay out the report
    ([`pmedu.report.render_year`][pmedu.report.build.render_year]). Nothing given is changed.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = build_report(t, holdings={"T": 1}, lang="en", chart=False)
    >>> r.section("supply").paragraphs[0]
    'Target 1 sets, subscribed —, supplementary —, held 1, shortfall 0.'
    """
    messages(lang)  # an unknown language fails before any work
    results = compute_year(tree, progress=progress, **inputs)
    return render_year(results, lang=lang, chart=chart, breakdowns=breakdowns, progress=progress)


def write_workbook(
    path: str | os.PathLike[str],
    tree: OrgTree,
    *,
    plan: Any = None,
    assessment: Any = None,
    gap_list: Any = None,
    coverage: bool = True,
    lang: str = DEFAULT_LANG,
) -> Path:
    """Write the year's sheets (laid out by
    [`pmedu.report.sheet_tables`][pmedu.report.workbook.sheet_tables]) to one workbook with
    [`pmedu.io.xlsx.write_tables`][pmedu.io.xlsx.write_tables] — what
    ``pmedu.io.xlsx.write_workbook`` did, now that ``io`` writes tables and the report lays them
    out.

    >>> import tempfile, pathlib
    >>> from pmedu.io.xlsx import read_sheet
    >>> from pmedu.model import Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> out = write_workbook(pathlib.Path(tempfile.mkdtemp()) / "y.xlsx", tree, lang="en")
    >>> read_sheet(out)[0]
    ['Unit', 'ID', 'With station', 'Total', 'Coverage']
    """
    sheets = sheet_tables(
        tree, plan=plan, assessment=assessment, gap_list=gap_list, coverage=coverage, lang=lang
    )
    return write_tables(path, sheets)


def register(subparsers: Any) -> None:
    """Add the ``report`` subcommand.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="pmedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["report", "units.csv", "--lang", "en", "--out", "r.html"])
    >>> args.tree, args.lang, args.out, args.func is run
    ('units.csv', 'en', 'r.html', True)
    """
    p = subparsers.add_parser(
        "report",
        help="write the yearly report (HTML) and/or its tables (Excel)",
        description=(
            "Write the yearly report: tree summary, station coverage by township, stations "
            "that fall short, film supply plan, assessment ranking (年度报告)."
        ),
    )
    p.add_argument("tree", metavar="TREE", help="unit table (.csv/.xlsx) or tree (.json)")
    p.add_argument("--records", metavar="R", help="records file (stations, sessions …)")
    p.add_argument("--facts", metavar="F", help="measured facts (.csv/.xlsx), long or wide")
    p.add_argument("--rubric", metavar="R", help="rubric file (.toml/.json) or preset name")
    p.add_argument("--holdings", metavar="H", help="film sets held per unit (.csv/.xlsx)")
    p.add_argument("--policy", metavar="P", help="supply policy file or preset name")
    p.add_argument("--year", type=int, metavar="Y", help="the year reported on")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language (default zh)")
    p.add_argument("--no-chart", action="store_true", help="tables only (no matplotlib)")
    p.add_argument("--progress", action="store_true", help="show progress on stderr")
    p.add_argument("--out", metavar="HTML", help="write the HTML report here")
    p.add_argument("--xlsx", metavar="XLSX", help="write the tables to this workbook")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``pmedu report``; returns the exit status.

    >>> import argparse, pathlib, tempfile
    >>> from pmedu.datasets import sample_path
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.html"
    >>> args = argparse.Namespace(tree=str(sample_path()), records=None, facts=None,
    ...     rubric=None, holdings=None, policy=None, year=2025, lang="zh", no_chart=True,
    ...     progress=False, out=str(out), xlsx=None)
    >>> run(args), out.is_file()
    (0, True)
    """
    if not args.out and not args.xlsx:
        raise DataError([Problem("nothing to write: give --out report.html and/or --xlsx")])
    tree = read_tree(args.tree)
    progress = None
    if args.progress or len(tree) >= PROGRESS_THRESHOLD:
        progress = stderr_progress()
        progress(f"{len(tree):,} units read from {args.tree}")
    records = Records.load(args.records) if args.records else None
    facts = read_facts_file(args.facts, year=args.year) if args.facts else None
    holdings = read_holdings_file(args.holdings, tree) if args.holdings else None
    results = compute_year(
        tree,
        records=records,
        facts=facts,
        rubric=args.rubric,
        holdings=holdings,
        policy=args.policy,
        year=args.year,
        progress=progress,
    )
    report = render_year(
        results, lang=args.lang, chart=not args.no_chart and bool(args.out), progress=progress
    )
    if args.out:
        path = report.write(args.out)
        print(f"report written to {path}", file=sys.stderr)
    if args.xlsx:
        # the workbook's layout is the report's; io.xlsx writes the tables
        path = write_tables(args.xlsx, workbook_tables(results, lang=args.lang))
        print(f"workbook written to {path}", file=sys.stderr)
    return 0
