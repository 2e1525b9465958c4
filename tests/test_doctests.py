"""Every ``>>>`` example in the package, the README and the docs runs and passes.

One test per module (and per document), so a failure names its module; a module that
needs an optional extra which is not installed is skipped with the reason.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

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


def missing_extras(module: ModuleType) -> list[str]:
    """The optional extras a module's examples need (its ``__doctest_requires__``, a tuple
    of importable module names) that cannot be imported here."""
    needed: tuple[str, ...] = getattr(module, "__doctest_requires__", ())
    if isinstance(needed, str) or not all(isinstance(n, str) for n in needed):
        raise TypeError(f"{module.__name__}.__doctest_requires__ must be a tuple of str")
    missing = []
    for extra in needed:
        try:
            importlib.import_module(extra)
        except ImportError:
            missing.append(extra)
    return missing


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    if name.endswith("__main__"):
        pytest.skip("a __main__ module runs the program on import")
    try:
        module = importlib.import_module(name)
    except (MissingExtraError, ModuleNotFoundError) as exc:
        pytest.skip(f"{name} needs an optional extra: {exc}")
    if missing := missing_extras(module):
        pytest.skip(f"{name}'s examples need {', '.join(missing)} (not installed)")
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name} (see output)"


def _fake_module(name: str, requires: tuple[str, ...]) -> ModuleType:
    """A module whose one example fails, needing ``requires``."""
    module = ModuleType(name, ">>> 1 + 1\n3\n")
    module.__dict__["__doctest_requires__"] = requires
    return module


def test_a_module_needing_an_absent_extra_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _fake_module("pmedu_fake_extra_user", ("json", "pmedu_no_such_extra"))
    assert missing_extras(module) == ["pmedu_no_such_extra"]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    with pytest.raises(pytest.skip.Exception, match="need pmedu_no_such_extra"):
        test_module_doctests(module.__name__)
    monkeypatch.setitem(sys.modules, "json", None)  # an extra blocked like an uninstalled one
    assert missing_extras(module) == ["json", "pmedu_no_such_extra"]


def test_a_module_whose_extras_are_present_runs_its_examples(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = _fake_module("pmedu_fake_extra_present", ("json",))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    assert missing_extras(module) == []
    with pytest.raises(AssertionError, match="1 doctest"):
        test_module_doctests(module.__name__)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_doctests(document: str) -> None:
    # a page that needs an extra says so: <!-- doctest-requires: jinja2, openpyxl -->
    text = (ROOT / document).read_text(encoding="utf-8")
    marker = re.search(r"<!-- doctest-requires: ([\w, ]+) -->", text)
    if marker:
        for name in (n.strip() for n in marker.group(1).split(",")):
            pytest.importorskip(name, reason=f"{document} needs {name}")
    result = doctest.testfile(
        str(ROOT / document), module_relative=False, optionflags=FLAGS, encoding="utf-8"
    )
    assert result.failed == 0, f"{result.failed} example(s) failed in {document} (see output)"


def test_the_package_and_readme_are_collected() -> None:
    assert "pmedu.network.tree" in MODULES
    assert "README.md" in DOCUMENTS
