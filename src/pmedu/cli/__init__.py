"""The ``pmedu`` command.

Each subcommand is a module of this package named ``NAME_cmd`` that defines
``register(subparsers)``; [`COMMANDS`][pmedu.cli.COMMANDS] lists them, in order (a new command is a
new module added to the list). The sections ``pmedu demo`` prints are listed in
[`pmedu.cli.demo_cmd.SECTIONS`][pmedu.cli.demo_cmd.SECTIONS].

>>> [m.__name__.rsplit(".", 1)[1] for m in COMMANDS][:2]
['demo_cmd', 'records_cmd']
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

from pmedu.cli import (
    db_cmd,
    decompose_cmd,
    demo_cmd,
    members_cmd,
    plan_cmd,
    records_book_cmd,
    records_cmd,
    report_cmd,
    score_cmd,
    supply_cmd,
    tree_cmd,
    trend_cmd,
)
from pmedu.errors import MissingExtraError, PmeduWarning, ProblemsError

__all__ = ["COMMANDS", "build_parser", "command_modules", "main", "tolerant_console"]

#: the command modules, in the order their subcommands are added
COMMANDS: tuple[ModuleType, ...] = (
    demo_cmd,
    records_cmd,
    decompose_cmd,
    report_cmd,
    score_cmd,
    supply_cmd,
    tree_cmd,
    trend_cmd,
    plan_cmd,
    members_cmd,
    records_book_cmd,
    db_cmd,
)


def command_modules() -> list[ModuleType]:
    """The command modules ([`COMMANDS`][pmedu.cli.COMMANDS]), in order.

    >>> command_modules()[0].__name__
    'pmedu.cli.demo_cmd'
    """
    return list(COMMANDS)


def _version() -> str:
    try:
        return version("pmedu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of [`COMMANDS`][pmedu.cli.COMMANDS].

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


def tolerant_console() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` replace what their encoding cannot write (a
    GBK/cp936 console given a character outside it prints ``?``, never a traceback).
    Streams that cannot be reconfigured (a ``StringIO``) are left alone.

    >>> tolerant_console()
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _closed_pipe() -> int:
    # https://docs.python.org/3/library/signal.html#note-on-sigpipe: point stdout at devnull
    # so that the flush at exit does not fail again
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a StringIO)
        pass
    return 1


def main(*, argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage/extra).
    Output whose reader went away (``pmedu demo | head -1``) ends the command quietly
    with status 1.

    >>> main(argv=["tree", "no-such-file.csv"])
    1
    """
    tolerant_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PmeduWarning)
            status = _run(func, args)
        _print_warnings(caught)
        return status
    except BrokenPipeError:
        return _closed_pipe()


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    """pmedu's own warnings (a column no reader knows …) as ``warning: where: what`` lines on
    stderr; any other warning is shown as Python shows it."""
    for w in caught:
        if issubclass(w.category, PmeduWarning):
            print(f"warning: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _run(func: Any, args: argparse.Namespace) -> int:
    try:
        status = int(func(args))
        sys.stdout.flush()
        return status
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
