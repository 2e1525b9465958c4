"""``pmedu supply FILE``: the film supply plan 供片计划 of a tree.

::

    pmedu supply FILE [--policy P] [--holdings H.csv] [--records R] [--lang zh|en]
                      [--tree-sheet NAME] [--holdings-sheet NAME] [--format text|csv|json]
                      [--budget YUAN [--objective served|standard|minmax|proportional]
                       [--source supplementary|subscribed|local]]

``FILE`` is a unit table (``.csv``, or a workbook ``.xlsx``/``.xls``/``.ods``: its first sheet,
or ``--tree-sheet``) or a saved tree (``.json``); ``--policy`` a shipped preset (``default``,
``seed001``) or a TOML/JSON policy file; ``--holdings`` a CSV or a workbook sheet
(``--holdings-sheet``) of sets held per unit (编号, 套数). Prints a line per township/street,
per county and per ancestor: villages, target sets (one per three villages), subscribed general
sets, the county's supplementary sets, sets held, shortfall, and magazine copies. Magazine copies go
to the units with a station: the unit table's 有播放网点 flags, or, with ``--records``, the
stations with 两机一室 (a television, a player and a room), as ``pmedu report`` and
``pmedu demo`` count them. Problems go to stderr one per line (exit 1).

With ``--budget`` (whole yuan) it prints instead what the budget buys of each township's
shortfall ([`plan_budget`][pmedu.supply.budget.plan_budget]): sets per township, cost and
villages served under the chosen ``--objective`` (default ``served``) and under proportional
apportionment beside it, then one line per choice with its totals.

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

from pmedu.cli.inputs import (
    RECORDS_HELP,
    add_sheet_options,
    demo_year,
    one_stdin,
    read_holdings_table,
    sheet_of,
    stdin_path,
)
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.facts.measures import magazine_units
from pmedu.io import read_tree
from pmedu.io.policies import policy_from
from pmedu.io.records import load_records
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.results import YearResults
from pmedu.supply import BudgetPlan, Objective, SetSource, SupplyPolicy, plan_budget, plan_supply
from pmedu.tables import format_table

__all__ = ["DEMO_ORDER", "DEMO_TITLE", "budget_table", "demo_section", "register", "run"]

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
        help="a .csv unit table, a .json tree document or a workbook (.xlsx/.xls/.ods) "
        "('-': stdin)",
    )
    p.add_argument(
        "--policy",
        default=None,
        help=f"supply policy: a preset ({', '.join(SupplyPolicy.presets())}) or a TOML/JSON file",
    )
    p.add_argument(
        "--holdings",
        default=None,
        help="sets held per unit (编号, 套数): a .csv or a workbook (.xlsx/.xls/.ods)",
    )
    p.add_argument(
        "--records",
        default=None,
        help="the year's records, "
        f"{RECORDS_HELP}: magazine copies go to the stations with 两机一室, as the "
        "report counts them (default: the unit table's 有播放网点 flags)",
    )
    add_sheet_options(p, "tree", "holdings")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="headers (default zh)")
    p.add_argument(
        "--budget",
        type=_yuan,
        default=None,
        help="a budget in whole yuan: print what it buys of each township's shortfall",
    )
    p.add_argument(
        "--objective",
        choices=[o.value for o in Objective],
        default=Objective.SERVED.value,
        help="with --budget: what to maximise (default served: villages served)",
    )
    p.add_argument(
        "--source",
        choices=[s.value for s in SetSource],
        default=None,
        help="with --budget: where the sets come from (default: the policy's budget_source)",
    )
    add_format(p)
    p.set_defaults(func=run)


def _yuan(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of yuan: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"a budget must be >= 0 yuan: {value}")
    return value


def budget_table(bp: BudgetPlan) -> str:
    """The text of a budget plan: one row per township (sets, cost, villages served under the
    objective and under proportional apportionment), then one row per choice.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")] +
    ...     [Unit(id=f"V{i}", name="村", kind="村", parent_id="T") for i in range(6)])
    >>> budget_table(plan_budget(plan_supply(t), budget=400)).splitlines()[2].split()
    ['东镇', '6', '0', '2', '400', '1', '400', '3', '1', '400', '3']
    """
    prop = bp.objective is not Objective.PROPORTIONAL
    headers = ["unit", "villages", "held", "shortfall", "cost/set", "sets", "cost", "served"]
    keys = ["name", "villages", "held", "shortfall", "cost_per_set", "sets", "cost"]
    keys.append("villages_served")
    if prop:
        headers += ["sets (prop.)", "cost (prop.)", "served (prop.)"]
        keys += ["sets_proportional", "cost_proportional", "villages_served_proportional"]
    rows = [[r[k] for k in keys] for r in bp.to_records()]
    summary = bp.summary_records()
    skeys = list(summary[0])
    top = format_table(headers, rows)
    bottom = format_table(skeys, [[r[k] for k in skeys] for r in summary])
    return f"{top}\n\nbudget {bp.budget:,} yuan, sets from {bp.source.value}:\n{bottom}"


def run(args: argparse.Namespace) -> int:
    """Read the tree (and holdings), plan the supply, print it (problems go to ``main``)."""
    policy = policy_from(args.policy) if args.policy else SupplyPolicy.resolve(None)
    one_stdin(file=args.file, holdings=args.holdings, records=args.records)
    with reporter("supply") as progress:
        progress(f"reading {args.file}")
        with stdin_path(args.file) as path:
            tree = read_tree(path, progress=progress, sheet=sheet_of(args, "tree"))
        holdings = None
        if args.holdings:
            progress(f"reading {args.holdings}")
            with stdin_path(args.holdings) as path:
                holdings = read_holdings_table(path, tree, sheet=sheet_of(args, "holdings"))
        equipped = None
        if args.records:
            progress(f"reading {args.records}")
            with stdin_path(args.records) as path:
                stations = load_records(path).stations
            equipped = magazine_units(tree, stations, kinds=policy.magazine_kinds)
        progress(f"planning the supply of {len(tree):,} units")
        plan = plan_supply(tree, policy=policy, holdings=holdings, equipped=equipped)
        progress("writing the plan")
        fmt = getattr(args, "format", "text")
        budget = getattr(args, "budget", None)
        if budget is not None:
            bp = plan_budget(
                plan,
                budget=budget,
                objective=getattr(args, "objective", "served"),
                source=getattr(args, "source", None),
            )
            if fmt == "text":
                print(budget_table(bp))
            else:
                tables = {"townships": bp.to_records(), "choices": bp.summary_records()}
                emit("supply", tables, fmt=fmt, out=sys.stdout)
        elif fmt == "text":
            print(plan.table(lang=args.lang))
        else:
            emit("supply", {"lines": plan.to_records()}, fmt=fmt, out=sys.stdout)
    return 0


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
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
