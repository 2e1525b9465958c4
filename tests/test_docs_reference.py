"""The API reference follows the house: one page per room, every public module on the page of
its room exactly once, the deprecated shim modules not documented but listed as moved."""

from __future__ import annotations

import doctest
import importlib.util
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

import pmedu

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


moved_names = _tool("moved_names")


def _documented() -> dict[str, list[str]]:
    """module → the reference pages that document it with a ``:::`` directive."""
    out: dict[str, list[str]] = {}
    for page in sorted(REFERENCE.glob("*.md")):
        for name in re.findall(r"^::: (pmedu[\w.]*)", page.read_text(encoding="utf-8"), re.M):
            out.setdefault(name, []).append(page.stem)
    return out


def _public_modules() -> list[str]:
    names = {"pmedu"} | {m.name for m in pkgutil.walk_packages(pmedu.__path__, prefix="pmedu.")}
    return sorted(n for n in names if not any(p.startswith("_") for p in n.split(".")[1:]))


def test_the_pages_are_the_rooms_in_house_order() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    api = nav[nav.index("  - API reference:") :]
    pages = re.findall(r"reference/(\w+)\.md", api)
    assert pages == list(moved_names.ROOMS)


def test_every_public_module_is_documented_once_on_its_rooms_page() -> None:
    documented = _documented()
    for name in _public_modules():
        if name in moved_names.SHIMS:
            continue
        pages = documented.get(name, [])
        expected = "ground" if name == "pmedu" else moved_names.room_of(name)
        assert pages == [expected], f"{name}: documented on {pages}, belongs on {expected}"


@pytest.mark.parametrize("shim", moved_names.SHIMS)
def test_shims_are_not_documented_but_listed_as_moved(shim: str) -> None:
    assert shim not in _documented()
    text = "".join(p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md"))
    assert f"[](){{#{shim}}}" in text, f"{shim}: no anchor in a Moved names section"


def test_moved_names_sections_are_current() -> None:
    if not moved_names.MOVES.is_dir():
        pytest.skip(".moves/ is gone: the sections stay as committed")
    assert moved_names.main(argv=["--check"]) == 0, "run: python tools/moved_names.py"


def test_moves_a_user_sees() -> None:
    moves = moved_names.read_moves()
    assert moves["pmedu.films.Film"] == "pmedu.model.films.Film"
    assert "pmedu.model.Unit" not in moves  # the package re-exports its own submodule's name
    assert "pmedu.schedule._index" not in moves  # never public
    assert moves["pmedu.io.xlsx.write_workbook"] == "pmedu.cli.report_cmd.write_workbook"


def test_the_changelog_lists_every_move() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 0.2.0 (unreleased)" in changelog
    if not moved_names.MOVES.is_dir():
        pytest.skip(".moves/ is gone")
    for old, new in moved_names.read_moves().items():
        assert f"`{old}` → `{new}`" in changelog, old


def test_every_documented_module_exists() -> None:
    modules = set(_public_modules())
    for name, pages in _documented().items():
        assert name in modules, f"{name} (on {pages}) is no module of pmedu: remove its directive"


def test_the_tools_examples_run() -> None:
    assert doctest.testmod(moved_names).failed == 0
