"""``pmedu demo``: the main job on the bundled sample county.

Loads [`pmedu.datasets.sample_county`][pmedu.datasets.sample_county] and prints the
``demo_section(results, out, records=records)`` of each module in
[`SECTIONS`][pmedu.cli.demo_cmd.SECTIONS], in order
(tree summary, supply, stations/viewing, members and the learning archive, monthly plan and
teaching steps, assessment), each under a heading: the module's ``DEMO_TITLE`` or else the
first line of its docstring. A section that fails is reported on stderr,
the other sections still run, and the command exits 1. After the sections it prints how many
warnings the year has (``YearResults.warnings``: records that disagree with the unit table, …)
and each as a ``warning: …`` line, as ``pmedu report`` does on stderr.

>>> import io, contextlib
>>> from pmedu.cli import main
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["demo"])
>>> status, "示例县 (C000): 390 units" in buf.getvalue()
(0, True)

``pmedu demo --records R`` runs the demo on a user's records of the sample county instead of the
bundled ones: R is a records bundle ``.json``, a records workbook ``.xlsx``/``.xls``/``.ods`` or a
folder of CSV files ([`pmedu.io.records.load_records`][pmedu.io.records.load_records]); the year is
computed from them (with the sample's tree, holdings, the ``seed001`` supply policy and the
``county_township`` rubric) and every section prints from them, so the sample's own records in any
form print exactly what ``pmedu demo`` prints.

``pmedu demo --report OUT.html`` also writes the sample county's yearly report
([`pmedu.datasets.sample_report`][pmedu.datasets.sample_report]); ``--lang en`` writes it in English
and ``--no-chart`` leaves out the chart, which needs the ``report`` extra (matplotlib).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from types import ModuleType
from typing import Any, TextIO

from pmedu.cli import members_cmd, plan_cmd, records_cmd, score_cmd, supply_cmd, tree_cmd
from pmedu.cli.output import add_parser
from pmedu.cli.progress import reporter
from pmedu.cli.report_cmd import print_warnings
from pmedu.datasets import sample_county, sample_holdings, sample_report, sample_year
from pmedu.io.records import load_records
from pmedu.pipeline import compute_year
from pmedu.records import Records
from pmedu.results import YearResults

__all__ = ["SECTIONS", "demo_modules", "demo_results", "register", "run", "run_demo"]

#: the modules whose ``demo_section`` the demo prints, in order
SECTIONS: tuple[ModuleType, ...] = (
    tree_cmd,
    supply_cmd,
    records_cmd,
    members_cmd,
    plan_cmd,
    score_cmd,
)


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    p = add_parser(
        subparsers,
        "demo",
        help="run every step on the bundled sample county 示例县",
        description="Print the tree summary, coverage, supply, stations and assessment of the "
        "bundled sample county.",
        examples=["pmedu demo --report sample.html", "pmedu demo --records records_2025.xlsx"],
    )
    p.add_argument(
        "--records",
        metavar="R",
        default=None,
        help="run the demo on these records of the sample county: a records bundle .json, a "
        "records workbook .xlsx/.xls/.ods or a folder of CSV files (default: the bundled ones)",
    )
    p.add_argument(
        "--report",
        metavar="OUT.html",
        help="also write the sample county's yearly report (one self-contained HTML page)",
    )
    p.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="language of the report (default zh)"
    )
    p.add_argument(
        "--no-chart",
        action="store_true",
        help="report without the coverage chart (needs no matplotlib)",
    )
    p.set_defaults(func=run)


def demo_modules() -> list[ModuleType]:
    """The modules the demo prints a section of ([`SECTIONS`][pmedu.cli.demo_cmd.SECTIONS]), in
    order.

    >>> [m.__name__ for m in demo_modules()][0]
    'pmedu.cli.tree_cmd'
    """
    return list(SECTIONS)


def _title(module: ModuleType) -> str:
    title = getattr(module, "DEMO_TITLE", None)
    if isinstance(title, str) and title:
        return title
    doc = (module.__doc__ or module.__name__).strip().splitlines()[0]
    return doc.rstrip(".")


def demo_results(*, records: Records | None = None) -> YearResults:
    """The sample county's year, computed once for every section
    ([`pmedu.datasets.sample_year`][pmedu.datasets.sample_year]); with ``records``, the year of
    those records on the sample's tree and holdings, under the sample year's policy and rubric.

    >>> demo_results(records=Records(year=2024)).year
    2024
    """
    if records is None:
        return sample_year()
    return compute_year(
        sample_county(),
        records=records,
        holdings=sample_holdings(),
        policy="seed001",
        rubric="county_township",
        year=records.year or 2025,
    )


def run_demo(
    out: TextIO,
    err: TextIO,
    *,
    results: YearResults | None = None,
    records: Records | None = None,
) -> int:
    """Print every demo section for the sample county (``results``, by default
    [`demo_results`][pmedu.cli.demo_cmd.demo_results] of ``records``) to ``out``, each section
    given ``records`` too (``None``: the sample's); failures go to ``err``. Returns 0, or 1 when
    a section failed."""
    year = results if results is not None else demo_results(records=records)
    status = 0
    for k, module in enumerate(demo_modules()):
        title = _title(module)
        if k:
            print(file=out)
        print(f"== {title} ==", file=out)
        try:
            module.demo_section(year, out, records=records)
        except BrokenPipeError:  # the reader went away: nothing more to print
            raise
        except Exception as exc:  # a broken section must not hide the others
            status = 1
            print(f"pmedu demo: section {module.__name__} failed: {exc!r}", file=err)
            traceback.print_exc(file=err)
    _warnings(year, out)
    return status


def _warnings(year: YearResults, out: TextIO) -> None:
    n = len(year.warnings)
    if n:
        print(f"\n{n} warning{'' if n == 1 else 's'}:", file=out)
        print_warnings(year.warnings, out)


def run(args: argparse.Namespace) -> int:
    """Run the demo on stdout (on ``--records R`` if given); with ``--report``, also write the
    HTML report."""
    records = None
    if args.records is not None:
        with reporter("demo") as progress:
            progress(f"reading {args.records}")
            records = load_records(args.records)
    status = run_demo(sys.stdout, sys.stderr, records=records)
    if args.report:
        path = sample_report(args.report, lang=args.lang, chart=not args.no_chart)
        print(f"\nreport written: {path}")
    return status
