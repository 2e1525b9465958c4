"""The command list is explicit, and every command module is in it."""

from __future__ import annotations

import pkgutil

import pmedu.cli
from pmedu.cli import COMMANDS, build_parser
from pmedu.cli.demo_cmd import SECTIONS


def test_every_cmd_module_is_listed() -> None:
    found = {m.name for m in pkgutil.iter_modules(pmedu.cli.__path__) if m.name.endswith("_cmd")}
    assert {m.__name__.rsplit(".", 1)[1] for m in COMMANDS} == found


def test_demo_sections_are_commands_with_a_section() -> None:
    assert set(SECTIONS) <= set(COMMANDS)
    assert all(callable(getattr(m, "demo_section", None)) for m in SECTIONS)


def test_parser_has_every_command() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sub.choices is not None
    assert set(sub.choices) == {
        "decompose",
        "demo",
        "facts",
        "records",
        "report",
        "score",
        "stations",
        "supply",
        "tree",
        "trend",
        "plan",
        "registers",
        "members",
        "db",
    }
