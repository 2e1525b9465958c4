"""``pmedu report``: the yearly report as one HTML page and/or an Excel workbook.

::

    pmedu report TREE [--records R] [--facts F] [--rubric R] [--holdings H] [--policy P]
                      [--year Y] [--previous-records R [--previous-year Y]]
                      [--tree-sheet NAME] [--facts-sheet NAME] [--holdings-sheet NAME]
                      [--lang zh|en] [--no-chart] [--progress]
                      [--issuer TEXT] [--date YYYY-MM-DD] [--template DIR]
                      [--out report.html] [--xlsx out.xlsx] [--pdf out.pdf]

``TREE`` is a unit table (``.csv``, or a workbook ``.xlsx``/``.xls``/``.ods``: its first sheet, or
``--tree-sheet``; the facts and holdings likewise, ``--facts-sheet``, ``--holdings-sheet``) or a
saved tree (``.json``), or ``-`` for stdin; the records (``--records``) a records bundle ``.json``,
a records workbook or a folder of CSV files; ``--out -`` writes the HTML page to stdout. Bad
input is reported one problem per line on stderr (exit 1); a missing optional extra prints the
``pip install`` to run (exit 2). Progress goes to stderr for every step over a second when
stderr is a terminal, and for every step with ``--progress``.

``--issuer``, ``--date`` and ``--template`` are handed to
[`pmedu.report.render_year`][pmedu.report.build.render_year] as ``issuer=``, ``issued=`` and
``template_dir=`` — each only when ``render_year`` takes that keyword (see
[`REPORT_OPTIONS`][pmedu.cli.report_cmd.REPORT_OPTIONS]); a report that does not take it is told
so on stderr (exit 1).

``--xlsx`` writes the report's tables (the tree summary first) with the report's title and the
issuer in the page headers; ``--pdf`` prints the HTML page through WeasyPrint
([`pmedu.io.pdf.write_pdf`][pmedu.io.pdf.write_pdf]: a missing CJK font is exit 1, a missing
``pmedu[pdf]`` exit 2). The HTML page, the workbook and the PDF are written all or none.
``--previous-records`` (and ``--previous-year``, by default the records' year) computes last
year on the same tree and the summary compares the two. The year's warnings (records that
disagree with the unit table, …) are printed on stderr as ``warning: …`` lines.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pmedu.cli.inputs import (
    RECORDS_HELP,
    add_calendar_option,
    add_sheet_options,
    read_facts_table,
    read_holdings_table,
    schedule_from,
    sheet_of,
    stdin_path,
)
from pmedu.cli.output import STDIO, add_parser
from pmedu.cli.progress import DEFAULT_THRESHOLD, Reporter
from pmedu.cli.score_cmd import load_rubric_spec
from pmedu.errors import DataError, MissingFontError, Problem
from pmedu.io import read_tree
from pmedu.io.documents import atomic_files, open_target
from pmedu.io.pdf import write_pdf
from pmedu.io.policies import policy_from
from pmedu.io.records import load_records
from pmedu.io.xlsx import write_tables
from pmedu.network import OrgTree
from pmedu.pipeline import compare_years, compute_year
from pmedu.report import Report, render_year, sheet_tables, workbook_tables, workbook_title
from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.results import Progress, YearResults

#: the examples here render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)

__all__ = [
    "PROGRESS_THRESHOLD",
    "REPORT_OPTIONS",
    "build_report",
    "previous_year",
    "print_warnings",
    "register",
    "render_options",
    "run",
    "write_workbook",
]

#: the command's options handed to ``render_year``: option dest → ``render_year`` keyword
REPORT_OPTIONS: dict[str, str] = {
    "issuer": "issuer",
    "date": "issued",
    "template": "template_dir",
}

#: kept for old callers: progress is now shown for every step over a second when stderr is a
#: terminal (and every step with ``--progress``), whatever the size of the tree
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
    p = add_parser(
        subparsers,
        "report",
        help="write the yearly report (HTML) and/or its tables (Excel)",
        description=(
            "Write the yearly report: tree summary, station coverage by township, stations "
            "that fall short, film supply plan, assessment ranking (年度报告)."
        ),
        examples=[
            "pmedu report units.csv --records records_2025.json --facts facts_2025.csv "
            "--year 2025 --issuer 中共某县委组织部 --date 2026-01-15 --out report.html"
        ],
    )
    p.add_argument(
        "tree",
        metavar="TREE",
        help="unit table (.csv, or a workbook .xlsx/.xls/.ods) or tree (.json); '-': stdin",
    )
    p.add_argument(
        "--records", metavar="R", help=f"the records (stations, sessions …): {RECORDS_HELP}"
    )
    p.add_argument(
        "--facts",
        metavar="F",
        help="measured facts (.csv, or a workbook .xlsx/.xls/.ods), long or wide",
    )
    p.add_argument("--rubric", metavar="R", help="rubric file (.toml/.json) or preset name")
    p.add_argument(
        "--holdings",
        metavar="H",
        help="film sets held per unit (.csv, or a workbook .xlsx/.xls/.ods)",
    )
    p.add_argument("--policy", metavar="P", help="supply policy file or preset name")
    p.add_argument("--year", type=int, metavar="Y", help="the year reported on")
    p.add_argument(
        "--previous-records",
        metavar="R",
        help="last year's records (in any of the three forms): the summary compares the two years",
    )
    p.add_argument(
        "--previous-year",
        type=int,
        metavar="Y",
        help="the year of --previous-records (default: the records' own year)",
    )
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language (default zh)")
    p.add_argument("--no-chart", action="store_true", help="tables only (no matplotlib)")
    p.add_argument("--progress", action="store_true", help="show every step on stderr")
    p.add_argument(
        "--issuer", metavar="TEXT", help="the issuing unit (落款), e.g. 中共某县委组织部"
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=date.fromisoformat,
        help="the date of issue (落款日期; default: the renderer's)",
    )
    p.add_argument(
        "--template", metavar="DIR", help="a directory of templates overriding the shipped ones"
    )
    p.add_argument("--out", metavar="HTML", help="write the HTML report here ('-': stdout)")
    p.add_argument("--xlsx", metavar="XLSX", help="write the tables to this workbook")
    p.add_argument("--pdf", metavar="OUT.pdf", help="write the report as a PDF (A4)")
    add_calendar_option(p)
    add_sheet_options(p, "tree", "facts", "holdings")
    p.set_defaults(func=run)


def render_options(args: argparse.Namespace, *, render: Any = render_year) -> dict[str, Any]:
    """The keywords of ``render`` set by ``--issuer``, ``--date`` and ``--template``
    ([`REPORT_OPTIONS`][pmedu.cli.report_cmd.REPORT_OPTIONS]); an option given that ``render``
    does not take is a [`DataError`][pmedu.errors.DataError] naming the option.

    >>> def render(results, *, lang="zh", issuer=None): ...
    >>> render_options(argparse.Namespace(issuer="某县委组织部", date=None), render=render)
    {'issuer': '某县委组织部'}
    >>> render_options(argparse.Namespace(template="tpl"), render=render)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    --template: not supported by this report renderer yet
    """
    accepted = inspect.signature(render).parameters
    out: dict[str, Any] = {}
    for dest, keyword in REPORT_OPTIONS.items():
        value = getattr(args, dest, None)
        if value is None:
            continue
        if keyword not in accepted:
            what = "not supported by this report renderer yet"
            raise DataError([Problem(what, field=f"--{dest}")])
        out[keyword] = Path(value) if dest == "template" else value
    return out


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
    pdf = getattr(args, "pdf", None)
    if not args.out and not args.xlsx and not pdf:
        raise DataError([Problem("nothing to write: give --out report.html, --xlsx and/or --pdf")])
    options = render_options(args)
    forced = bool(args.progress)
    with Reporter(
        "pmedu report",
        enabled=True if forced else None,
        threshold=0 if forced else DEFAULT_THRESHOLD,
    ) as step:
        step(f"reading {args.tree}")
        with stdin_path(args.tree) as path:
            tree = read_tree(path, sheet=sheet_of(args, "tree"))
        return _report(args, tree, step if step.enabled else None, options, pdf)


def _report(
    args: argparse.Namespace,
    tree: OrgTree,
    progress: Progress | None,
    options: dict[str, Any],
    pdf: str | None,
) -> int:
    records = load_records(args.records) if args.records else None
    facts = None
    if args.facts:
        facts = read_facts_table(args.facts, year=args.year, sheet=sheet_of(args, "facts"))
    holdings = None
    if args.holdings:
        holdings = read_holdings_table(args.holdings, tree, sheet=sheet_of(args, "holdings"))
    results = compute_year(
        tree,
        records=records,
        facts=facts,
        rubric=load_rubric_spec(args.rubric) if args.rubric else None,
        holdings=holdings,
        policy=policy_from(args.policy) if args.policy else None,
        year=args.year,
        progress=progress,
        schedule=schedule_from(args),
    )
    previous = previous_year(args, tree, progress=progress)
    print_warnings(results.warnings, sys.stderr)
    report = render_year(
        results,
        lang=args.lang,
        chart=not args.no_chart and bool(args.out or pdf),
        progress=progress,
        comparison=None if previous is None else compare_years(results, previous),
        **options,
    )
    try:
        written = _write_outputs(args, results, report, pdf)
    except MissingFontError as exc:  # nothing was written
        print(f"pmedu: {exc}", file=sys.stderr)
        return 1
    if args.out == STDIO:
        sys.stdout.write(report.to_html())
    for what, path in written:
        print(f"{what} written to {path}", file=sys.stderr)
    return 0


def previous_year(
    args: argparse.Namespace, tree: OrgTree, *, progress: Progress | None = None
) -> YearResults | None:
    """Last year's results for the comparison (``--previous-records R``, ``--previous-year Y``:
    by default the records' own year), computed on the same tree with the same rubric and
    policy; ``None`` without ``--previous-records``. ``--previous-year`` alone is a
    [`DataError`][pmedu.errors.DataError].

    >>> previous_year(argparse.Namespace(previous_records=None, previous_year=None), None) is None
    True
    """
    source = getattr(args, "previous_records", None)
    year = getattr(args, "previous_year", None)
    if source is None:
        if year is not None:
            what = "needs --previous-records R (last year's records)"
            raise DataError([Problem(what, field="--previous-year")])
        return None
    records = load_records(source)
    return compute_year(
        tree,
        records=records,
        rubric=load_rubric_spec(args.rubric) if getattr(args, "rubric", None) else None,
        policy=policy_from(args.policy) if getattr(args, "policy", None) else None,
        year=year if year is not None else records.year,
        progress=progress,
        schedule=schedule_from(args),
    )


def print_warnings(warnings: Iterable[Problem], out: TextIO) -> int:
    """Print each of a year's warnings (``YearResults.warnings``) as a ``warning: …`` line on
    ``out``; returns how many.

    >>> import io
    >>> buf = io.StringIO()
    >>> print_warnings([Problem("no station record", field="$.stations")], buf)
    1
    >>> buf.getvalue()
    'warning: $.stations: no station record\\n'
    """
    n = 0
    for problem in warnings:
        print(f"warning: {problem}", file=out)
        n += 1
    return n


def _write_outputs(
    args: argparse.Namespace, results: YearResults, report: Report, pdf: str | None
) -> list[tuple[str, Path]]:
    """Write the HTML page, the workbook and the PDF all or none (one
    [`atomic_files`][pmedu.io.documents.atomic_files] group: the PDF is made before any file
    is in place); returns what was written where."""
    written: list[tuple[str, Path]] = []
    html = report.to_html() if args.out or pdf else ""
    with atomic_files() as group:
        if args.out and args.out != STDIO:
            path = Path(args.out)
            # io's writer (pmedu.report.Report.write takes no group= yet)
            with open_target(path, mode="w", group=group, encoding="utf-8", newline="\n") as fh:
                fh.write(html)
            written.append(("report", path))
        if args.xlsx:
            # the workbook's layout is the report's; io.xlsx writes the tables
            sheets = workbook_tables(results, lang=args.lang, tree_summary=True)
            title = workbook_title(results, lang=args.lang)
            issuer = getattr(args, "issuer", None)
            path = write_tables(args.xlsx, sheets, title=title, issuer=issuer, group=group)
            written.append(("workbook", path))
        if pdf:
            written.append(("PDF", write_pdf(html, pdf, group=group)))
    return written
