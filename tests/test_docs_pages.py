"""The docs pages: no link outside the repository, every seed cited is linked, no RST."""

from __future__ import annotations

import importlib.util
import posixpath
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md"))
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def _page_id(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_link_outside_the_docs(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "DOMAIN.md" not in text
    here = posixpath.dirname(_page_id(page))
    for m in LINK.finditer(text):
        target = m.group("target").split("#", 1)[0]
        if not target or re.match(r"^[a-z]+:", target):
            continue  # an anchor on the page, or a URL
        resolved = posixpath.normpath(posixpath.join(here, target))
        assert not resolved.startswith(".."), f"{m.group(0)} leaves docs/"
        assert (DOCS / resolved).exists(), f"{m.group(0)}: no such page"


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_rst_left(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"^\s*=+(\s+=+)+\s*$", text, re.MULTILINE), "RST table"
    assert not re.search(r":(class|func|mod|meth|attr|data|exc):`", text), "RST role"


def test_every_seed_citation_is_linked() -> None:
    spec = importlib.util.spec_from_file_location("link_seeds", ROOT / "tools" / "link_seeds.py")
    assert spec is not None
    assert spec.loader is not None
    link_seeds = importlib.util.module_from_spec(spec)
    sys.modules["link_seeds"] = link_seeds
    spec.loader.exec_module(link_seeds)
    assert link_seeds.main(["--check"]) == 0
    sources = (DOCS / "sources.md").read_text(encoding="utf-8")
    for n in range(5):
        assert f"{{#seed-00{n}}}" in sources
    assert link_seeds.link_page("(seed 002)", "concepts/x.md") == (
        "([seed 002](../sources.md#seed-002))"
    )


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f": {_page_id(page)}" in nav, _page_id(page)
