"""``pmedu decompose TREE``: split a target down the tree and write the responsibility letters
(目标责任书), one sheet per level.

::

    pmedu decompose TREE --at ID --total N --levels 县,乡镇 [--weight 村|members|...]
                         [--method hamilton] [--minimum M] [--target NAME] [--measure WORD]
                         [--lang zh|en] [--xlsx letters.xlsx] [--sheet NAME]

``TREE`` is a unit table (``.csv``, or a workbook: its first sheet, or ``--sheet NAME``) or a
saved tree (``.json``).

``--levels`` lists the levels top first, separated by commas; kinds that form one level are
joined by ``+`` (``乡镇+街道``). ``--weight`` is a unit kind (how many of them lie under each
unit: ``村``, the default) or a count field of the unit table (``members``, ``mobile`` …). The
letters are printed as text tables; ``--xlsx`` writes them to a workbook instead, one sheet per
level. Every problem with the options (an unknown unit, kind, weight or method, levels that do
not nest) goes to stderr, one per line, and the command exits 1.

>>> import contextlib, io
>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["decompose", str(sample_path()), "--at", "C000", "--total", "100",
...                    "--levels", "乡镇+街道"])
>>> status, buf.getvalue().splitlines()[0]
(0, '乡镇+街道')
"""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import Any

import attrs

from pmedu.apportion import METHODS, method_name
from pmedu.cli.inputs import add_sheet_options, sheet_of
from pmedu.errors import ApportionError, DataError, LabelError, Problem
from pmedu.io import read_tree
from pmedu.io.xlsx import write_tables
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.decompose import Decomposition, decompose_target
from pmedu.report.letters import letter_tables
from pmedu.tables import text_table

__all__ = ["decompose", "parse_levels", "register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``decompose`` subcommand.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="pmedu")
    >>> register(parser.add_subparsers())
    >>> args = parser.parse_args(["decompose", "t.csv", "--at", "C", "--total", "9",
    ...                           "--levels", "县,乡镇"])
    >>> args.levels, args.weight, args.method, args.func is run
    ('县,乡镇', '村', 'hamilton', True)
    """
    p = subparsers.add_parser(
        "decompose",
        help="split a target down the tree: the responsibility letters (目标责任书)",
        description=(
            "Split a target held at one unit down the tree, level by level, in proportion to "
            "a weight, and print or write the responsibility letters (目标责任书)."
        ),
        epilog=(
            "example:\n"
            "  pmedu decompose units.csv --at C000 --total 100 --levels 乡镇,街道 --weight 村 \\\n"
            "      --xlsx letters.xlsx"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "tree",
        metavar="TREE",
        help="unit table (.csv or a workbook .xlsx/.xls/.ods) or tree (.json)",
    )
    add_sheet_options(p, "tree")
    p.add_argument("--at", required=True, metavar="ID", help="the unit holding the target")
    p.add_argument("--total", required=True, type=int, metavar="N", help="the target")
    p.add_argument(
        "--levels",
        required=True,
        metavar="LEVELS",
        help="levels top first, comma-separated; kinds of one level joined by + (县,乡镇+街道)",
    )
    p.add_argument(
        "--weight",
        default="村",
        metavar="W",
        help="a unit kind counted under each unit (default 村) or a count field (members …)",
    )
    p.add_argument(
        "--method",
        default="hamilton",
        metavar="M",
        help=f"apportionment method (default hamilton; {', '.join(sorted(set(METHODS)))})",
    )
    p.add_argument("--minimum", type=int, default=0, metavar="M", help="least share of a unit")
    p.add_argument("--target", default="", metavar="NAME", help="the target's name (科技示范户)")
    p.add_argument("--measure", default="", metavar="WORD", help="word after the number (户)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language (default zh)")
    p.add_argument("--xlsx", metavar="XLSX", help="write the letters to this workbook")
    p.set_defaults(func=run)


def parse_levels(text: str) -> list[list[str]]:
    """The levels of ``--levels``: comma-separated, kinds of one level joined by ``+`` (or
    ``/``); full-width commas accepted.

    >>> parse_levels("县，乡镇+街道")
    [['县'], ['乡镇', '街道']]
    """
    levels = text.replace("，", ",").split(",")
    return [
        [k.strip() for k in level.replace("/", "+").split("+") if k.strip()] for level in levels
    ]


def _option_problems(tree: OrgTree, args: argparse.Namespace) -> list[Problem]:
    """Every problem with the options, before anything is split."""
    found: list[Problem] = []
    if args.at not in tree:
        found.append(Problem(f"unit {args.at!r} is not in the tree", field="--at"))
    if args.total < 0:
        found.append(Problem(f"must be 0 or more, got {args.total}", field="--total"))
    if args.minimum < 0:
        found.append(Problem(f"must be 0 or more, got {args.minimum}", field="--minimum"))
    levels = parse_levels(args.levels)
    if not all(levels):
        found.append(Problem(f"an empty level in {args.levels!r}", field="--levels"))
    for level in levels:
        for kind in level:
            try:
                UnitKind.parse(kind)
            except (LabelError, ValueError) as exc:
                found.append(Problem(str(exc), field="--levels"))
    if args.weight not in attrs.fields_dict(Unit):
        try:
            UnitKind.parse(args.weight)
        except (LabelError, ValueError):
            what = f"{args.weight!r} is neither a unit kind nor a count field (members …)"
            found.append(Problem(what, field="--weight"))
    try:
        method_name(args.method)
    except ApportionError as exc:
        found.append(Problem(str(exc), field="--method"))
    return found


def decompose(tree: OrgTree, args: argparse.Namespace) -> Decomposition:
    """The decomposition the options ask for; every problem at once as one
    [`DataError`][pmedu.errors.DataError]: the options', then each pair of adjacent levels
    that does not nest (and each level that nests inside itself).

    >>> from pmedu.datasets import sample_county
    >>> args = argparse.Namespace(at="C000", total=10, levels="乡镇+街道", weight="村",
    ...                           method="hamilton", minimum=0)
    >>> sum(decompose(sample_county(), args).shares.values())
    10
    """
    found = _option_problems(tree, args)
    if found:
        raise DataError(found)
    levels = [parse_kinds(level) for level in parse_levels(args.levels)]
    common = {"weight": args.weight, "method": args.method, "minimum": args.minimum}
    try:
        return decompose_target(tree, at=args.at, total=args.total, levels=levels, **common)
    except ApportionError as exc:
        first = str(exc)
    if len(levels) < 2:
        raise DataError([Problem(first, field="--levels")])
    # every level and every pair of adjacent levels on its own: each problem once
    messages: dict[str, None] = {}
    for part in [[k] for k in levels] + [[a, b] for a, b in itertools.pairwise(levels)]:
        try:
            decompose_target(tree, at=args.at, total=args.total, levels=part, **common)
        except ApportionError as exc:
            messages.setdefault(str(exc))
    messages.setdefault(first)
    raise DataError([Problem(m, field="--levels") for m in messages])


def run(args: argparse.Namespace) -> int:
    """Run ``pmedu decompose``; returns the exit status (problems go to ``main``)."""
    tree = read_tree(args.tree, sheet=sheet_of(args, "tree"))
    split = decompose(tree, args)
    names = ["+".join(level) for level in parse_levels(args.levels)]
    sheets = letter_tables(
        tree, split, levels=names, target=args.target, measure=args.measure, lang=args.lang
    )
    if args.xlsx:
        path = write_tables(args.xlsx, sheets)
        print(f"letters written to {path} ({len(sheets)} sheets)", file=sys.stderr)
        return 0
    print("\n\n".join(text_table(t) for t in sheets.values()))
    return 0
