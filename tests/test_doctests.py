"""Every ``>>>`` example in the package, the README and the docs runs and passes.

One test per module (and per document), so a failure names its module; a module that
needs an optional extra which is not installed is skipped with the reason.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import pmedu
from pmedu.errors import MissingExtraError

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
ROOT = Path(__file__).resolve().parent.parent

MODULES = sorted(
    {"pmedu"} | {m.name for m in pkgutil.walk_packages(pmedu.__path__, prefix="pmedu.")}
)
DOCUMENTS = sorted(
    p.relative_to(ROOT).as_posix()
    for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    if p.is_file() and ">>>" in p.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    if name.endswith("__main__"):
        pytest.skip("a __main__ module runs the program on import")
    try:
        module = importlib.import_module(name)
    except (MissingExtraError, ModuleNotFoundError) as exc:
        pytest.skip(f"{name} needs an optional extra: {exc}")
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name} (see output)"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_doctests(document: str) -> None:
    result = doctest.testfile(
        str(ROOT / document), module_relative=False, optionflags=FLAGS, encoding="utf-8"
    )
    assert result.failed == 0, f"{result.failed} example(s) failed in {document} (see output)"


def test_the_package_and_readme_are_collected() -> None:
    assert "pmedu.network.tree" in MODULES
    assert "README.md" in DOCUMENTS
