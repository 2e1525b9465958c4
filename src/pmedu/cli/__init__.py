"""The ``pmedu`` command.

Each subcommand is a module of this package named ``NAME_cmd`` that defines
``register(subparsers)``; :data:`COMMANDS` lists them, in order (a new command is a new
module added to the list). The sections ``pmedu demo`` prints are listed in
:data:`pmedu.cli.demo_cmd.SECTIONS`.

>>> [m.__name__.rsplit(".", 1)[1] for m in COMMANDS][:2]
['demo_cmd', 'records_cmd']
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType

from pmedu.cli import demo_cmd, records_cmd, report_cmd, score_cmd, supply_cmd, tree_cmd
from pmedu.errors import MissingExtraError, ProblemsError

__all__ = ["COMMANDS", "build_parser", "command_modules", "main"]

#: the command modules, in the order their subcommands are added
COMMANDS: tuple[ModuleType, ...] = (
    demo_cmd,
    records_cmd,
    report_cmd,
    score_cmd,
    supply_cmd,
    tree_cmd,
)


def command_modules() -> list[ModuleType]:
    """The command modules (:data:`COMMANDS`), in order.

    >>> command_modules()[-1].__name__
    'pmedu.cli.tree_cmd'
    """
    return list(COMMANDS)


def _version() -> str:
    try:
        return version("pmedu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :data:`COMMANDS`.

    >>> build_parser().prog
    'pmedu'
    """
    parser = argparse.ArgumentParser(
        prog="pmedu",
        description="Party-member e-education (党员电化教育): tree, stations, supply, scoring.",
    )
    parser.add_argument("--version", action="version", version=f"pmedu {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage/extra).

    >>> main(["tree", "no-such-file.csv"])
    1
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except ProblemsError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        n = len(exc.problems)
        print(f"pmedu: {n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 1
    except MissingExtraError as exc:
        print(f"pmedu: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
