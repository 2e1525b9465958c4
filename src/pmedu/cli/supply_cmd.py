"""``pmedu supply FILE``: the film supply plan 供片计划 of a tree.

::

    pmedu supply FILE [--policy P] [--holdings H.csv] [--lang zh|en] [--format text|csv|json]

``FILE`` is a unit table (``.csv``, ``.xlsx``) or a saved tree (``.json``); ``--policy`` a
shipped preset (``default``, ``seed001``) or a TOML/JSON policy file; ``--holdings`` a CSV of
sets held per unit (编号, 套数). Prints a line per township/street, per county and per
ancestor: villages, target sets (one per three villages), subscribed general sets, the
county's supplementary sets, sets held, shortfall, and magazine copies. Problems go to
stderr one per line (exit 1).

>>> import contextlib, io
>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> buf, held = io.StringIO(), str(sample_path(name="holdings.csv"))
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["supply", str(sample_path()), "--holdings", held])
>>> status, buf.getvalue().split()[:3]
(0, ['名称', '村数', '应配套数'])
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from pmedu.cli.inputs import demo_year, one_stdin, stdin_path
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.io import read_tree
from pmedu.io.holdings import read_holdings
from pmedu.io.policies import policy_from
from pmedu.network import OrgTree
from pmedu.results import YearResults
from pmedu.supply import SupplyPolicy, plan_supply

__all__ = ["DEMO_ORDER", "DEMO_TITLE", "demo_section", "register", "run"]

#: ``pmedu demo`` prints the supply section third
DEMO_ORDER = 30
#: the heading of the demo section
DEMO_TITLE = "供片计划 film supply plan"


def register(subparsers: Any) -> None:
    """Add the ``supply`` subcommand."""
    p = add_parser(
        subparsers,
        "supply",
        help="plan the film supply: sets needed, subscribed, supplemented, held, short",
        description=(
            "Print the film supply plan (供片计划) per township, county and total: one set per "
            "three villages, subscription one per five villages, supplements, holdings."
        ),
        examples=["pmedu supply units.csv --holdings holdings.csv --format csv > plan.csv"],
    )
    p.add_argument(
        "file",
        help="a .csv unit table, a .json tree document or an .xlsx workbook ('-': stdin)",
    )
    p.add_argument(
        "--policy",
        default=None,
        help=f"supply policy: a preset ({', '.join(SupplyPolicy.presets())}) or a TOML/JSON file",
    )
    p.add_argument("--holdings", default=None, help="CSV of sets held per unit (编号, 套数)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="headers (default zh)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the tree (and holdings), plan the supply, print it (problems go to ``main``)."""
    policy = policy_from(args.policy) if args.policy else SupplyPolicy.resolve(None)
    one_stdin(file=args.file, holdings=args.holdings)
    with reporter("supply") as progress:
        progress(f"reading {args.file}")
        with stdin_path(args.file) as path:
            tree = read_tree(path, progress=progress)
        holdings = None
        if args.holdings:
            progress(f"reading {args.holdings}")
            with stdin_path(args.holdings) as path:
                holdings = read_holdings(path, tree=tree)
        progress(f"planning the supply of {len(tree):,} units")
        plan = plan_supply(tree, policy=policy, holdings=holdings)
        progress("writing the plan")
        fmt = getattr(args, "format", "text")
        if fmt == "text":
            print(plan.table(lang=args.lang))
        else:
            emit("supply", {"lines": plan.to_records()}, fmt=fmt, out=sys.stdout)
    return 0


def demo_section(given: YearResults | OrgTree, out: TextIO) -> None:
    """The sample county's supply plan by township, with its holdings and totals."""
    results = demo_year(given)
    plan = results.plan
    print(plan.table(lang="zh"), file=out)
    total = plan.total
    print(
        f"\n{total.name}: {total.villages} 个行政村需 {total.target_sets} 套"
        f"（每三个村一套，按乡镇计），征订通用教材 {total.subscribed_sets} 套，"
        f"县补充 {total.supplementary_sets} 套；现有 {total.held} 套，缺口 {total.shortfall} 套。",
        file=out,
    )
    pool = results.holdings.get(results.tree.root.id, 0)
    if results.pool_shares:
        shares = ", ".join(f"{name} {share}" for name, share in results.pool_shares)
        print(f"县中心 {pool} 套按缺口分配（Hamilton）: {shares}", file=out)
