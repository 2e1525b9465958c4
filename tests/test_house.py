"""The house rules of ARCHITECTURE.md that import-linter cannot state.

- no module inside the package imports the package root (``import pmedu`` /
  ``from pmedu import …`` chains to everything);
- no private name (``_x``) is imported across modules;
- only ``pmedu.io`` opens a path: no ``open(``, ``read_text(`` or ``write_text(`` elsewhere
  (shipped presets are read with ``importlib.resources``).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TypeGuard

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "pmedu"
MODULES = sorted(SRC.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_import_of_the_package_root_and_no_private_names(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bad += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name == "pmedu"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "pmedu":
                bad.append(f"line {node.lineno}: from pmedu import …")
            elif node.module.startswith("pmedu.") and node.module != _name(path):
                # a package may import its own private modules (``from pmedu.model import
                # _hooks`` in ``model/__init__``); nothing else takes a private name
                private = [a.name for a in node.names if a.name.startswith("_")]
                bad += [f"line {node.lineno}: private {n} from {node.module}" for n in private]
    assert not bad, f"{_name(path)}: " + "; ".join(bad)


OPENERS = ("open", "read_text", "read_bytes", "write_text", "write_bytes")


def _opens(node: ast.AST) -> TypeGuard[ast.Call]:
    if not isinstance(node, ast.Call):
        return False
    if node.args and ast.unparse(node.args[0]) == "os.devnull":
        return False  # the CLI points a closed stdout at devnull
    if "resources.files(" in ast.unparse(node.func):
        return False  # shipped package data (presets), never a user's file
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "open") or (
        isinstance(func, ast.Attribute) and func.attr in OPENERS
    )


# io opens the user's files; a package's presets/ reads its own shipped data
READERS = [
    p
    for p in MODULES
    if p.relative_to(SRC).parts[0] != "io" and "presets" not in p.relative_to(SRC).parts
]


@pytest.mark.parametrize("path", READERS, ids=_name)
def test_only_io_opens_files(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [f"line {node.lineno}" for node in ast.walk(tree) if _opens(node)]
    assert not calls, f"{_name(path)} opens files at {', '.join(calls)}"
