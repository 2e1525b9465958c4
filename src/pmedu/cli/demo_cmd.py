"""``pmedu demo``: the main job on the bundled sample county.

Loads [`pmedu.datasets.sample_county`][pmedu.datasets.sample_county] and prints the
``demo_section(tree, out)`` of each module in [`SECTIONS`][pmedu.cli.demo_cmd.SECTIONS], in order
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
from pmedu.cli.report_cmd import print_warnings
from pmedu.datasets import sample_report, sample_year
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
        examples=["pmedu demo --report sample.html"],
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


def demo_results() -> YearResults:
    """The sample county's year, computed once for every section
    ([`pmedu.datasets.sample_year`][pmedu.datasets.sample_year])."""
    return sample_year()


def run_demo(out: TextIO, err: TextIO, *, results: YearResults | None = None) -> int:
    """Print every demo section for the sample county (``results``, by default
    [`demo_results`][pmedu.cli.demo_cmd.demo_results]) to ``out``; failures go to ``err``. Returns
    0, or 1 when a section failed."""
    year = results if results is not None else demo_results()
    status = 0
    for k, module in enumerate(demo_modules()):
        title = _title(module)
        if k:
            print(file=out)
        print(f"== {title} ==", file=out)
        try:
            module.demo_section(year, out)
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
    """Run the demo on stdout; with ``--report``, also write the HTML report."""
    status = run_demo(sys.stdout, sys.stderr)
    if args.report:
        path = sample_report(args.report, lang=args.lang, chart=not args.no_chart)
        print(f"\nreport written: {path}")
    return status
