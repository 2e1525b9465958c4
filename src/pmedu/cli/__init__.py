"""The ``pmedu`` command.

Subcommands live in the modules of this package whose names end in ``_cmd``; each defines
``register(subparsers)``. A module may also define ``DEMO_ORDER`` and
``demo_section(tree, out)``, which ``pmedu demo`` prints for the bundled sample county.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from pmedu.errors import MissingExtraError, ProblemsError

__all__ = ["command_modules", "main"]


def command_modules() -> list[ModuleType]:
    """The ``*_cmd`` modules of this package, imported, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every discovered subcommand."""
    from pmedu import __version__

    parser = argparse.ArgumentParser(
        prog="pmedu",
        description="Party-member e-education (党员电化教育): tree, stations, supply, scoring.",
    )
    parser.add_argument("--version", action="version", version=f"pmedu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 bad input, 2 usage/extra)."""
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
