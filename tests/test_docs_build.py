"""The documentation site builds with ``mkdocs build --strict`` (skipped without mkdocs)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
NEEDED = ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python")


def _missing() -> list[str]:
    out = []
    for name in NEEDED:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            out.append(name)
    return out


@pytest.mark.skipif(bool(_missing()), reason=f"pmedu[docs] not installed ({_missing()})")
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    for page in ("index.html", "tutorial/index.html", "reference/report/index.html"):
        assert (site / page).is_file(), page
    # every public module of the reference is rendered from its docstrings
    api = (site / "reference/report/index.html").read_text(encoding="utf-8")
    assert "build_report" in api
    assert "assemble_report" in api


def test_every_docs_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    listed = set(re.findall(r":\s*([\w/.-]+\.md)\s*$", nav, re.M))
    assert pages == listed


def test_api_reference_covers_every_subpackage() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs/reference").glob("*.md"))
    documented = set(re.findall(r"^::: (pmedu[\w.]*)", text, re.M))
    for pkg in ("network", "io", "stations", "viewing", "supply", "scoring", "report"):
        assert any(d == f"pmedu.{pkg}" or d.startswith(f"pmedu.{pkg}.") for d in documented), pkg
