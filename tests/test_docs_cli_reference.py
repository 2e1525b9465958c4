"""The CLI reference page (docs/reference/cli.md) is the one generated from the parser."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cli_reference = _tool("cli_reference")


def test_committed_page_is_the_generated_one() -> None:
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert page == cli_reference.render(), "run: python tools/cli_reference.py"


def test_every_subcommand_has_a_section() -> None:
    from pmedu.cli import build_parser

    text = cli_reference.render()
    parser = build_parser()
    names = [n for n, _, _ in cli_reference._subcommands(parser)]
    assert names
    for name in names:
        assert f"## pmedu {name}\n" in text
        assert f"usage: pmedu {name}" in text


def test_any_parser_renders() -> None:
    parser = argparse.ArgumentParser(prog="tool", description="A tool.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("go", help="go somewhere", description="Go there.", epilog="tool go x")
    p.add_argument("where", help="the place")
    p.add_argument("--speed", type=int, default=3, help="how fast")
    p.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="language (default %(default)s)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="say | nothing")
    text = cli_reference.render(parser)
    assert "| [`pmedu go`](#pmedu-go) | go somewhere |" in text
    assert "## pmedu go\n" in text
    assert "| `where` | argument | the place |" in text
    assert "| `--speed SPEED` | option | how fast (default: `3`) |" in text
    assert "| `--lang {zh,en}` | option | language (default zh) |" in text
    assert "| `-q, --quiet` | option | say \\| nothing |" in text
    assert "```text\ntool go x\n```" in text
