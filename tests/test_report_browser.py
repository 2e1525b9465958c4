"""The sample report as a user sees it, in headless Chromium (issue 14, deliverable 2).

Skipped when ``chromium`` is not on PATH or pypdf is not installed. In CI both are installed
(``apt-get install -y chromium fonts-noto-cjk``; ``pip install pypdf``). The browser is driven
by ``tools/look.py`` (no Playwright, no DevTools socket).

Three checks on the Chinese sample report (``pmedu report`` on the bundled county, 2025):

- at 390 px (a phone) the page does not scroll sideways:
  ``document.documentElement.scrollWidth <= 390`` (wide tables scroll in their own box);
- its visible text has no English word (see :func:`english_words` for what counts);
- it prints on A4, and the main part — everything before the element ``id="appendix"``
  (summary, coverage, supply, ranking; the scorecards and gap lists go in the appendix) —
  prints on at most 8 pages.

The redesigned report (issue 14, deliverable 1) passes all of them (they were
``xfail(strict=True)`` before it). ``test_the_harness_*`` check the harness itself on small pages
whose answers are known, so a broken harness cannot pass a broken page.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pmedu.datasets import sample_path
from pmedu.io import read_tree
from pmedu.scoring import preset_rubric
from pmedu.stations import Standard

pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")

pytest.importorskip("pypdf")
if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
    pytest.skip("chromium is not on PATH (apt-get install -y chromium)", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
PHONE = 390
MAIN_PAGES = 8


# ASCII words that are not English in a Chinese page: the program's name and paper sizes.
NOT_ENGLISH = frozenset({"pmedu", "A4", "A3"})


def _look() -> ModuleType:
    spec = importlib.util.spec_from_file_location("look", ROOT / "tools" / "look.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["look"] = module
    spec.loader.exec_module(module)
    return module


look = _look()


def allowed_words() -> frozenset[str]:
    """The ASCII tokens a Chinese page may show: unit codes (ids in the sample tree), the
    rubric's codes and the ASCII words in its own (Chinese) names, the same for the shipped
    station standards' labels (``VCD/DVD机``), and :data:`NOT_ENGLISH`."""
    tree = read_tree(sample_path(name="sample_county.csv"))
    words = {u.id for u in tree.units()}
    rubric = preset_rubric()
    names = [rubric.name, *(g.name for g in rubric.grades)]
    items: list[Any] = [*rubric.indicators, *rubric.bonus, *rubric.veto]
    for item in items:
        words.add(item.code)
        names.append(item.name)
    for preset in Standard.presets():
        standard = Standard.preset(name=preset)
        names += [standard.label, *(i.label for i in standard.items)]
    for name in names:
        words.update(re.findall(r"[A-Za-z0-9][A-Za-z0-9_\-]*", name))
    return frozenset(words | NOT_ENGLISH)


def english_words(text: str, allowed: frozenset[str]) -> list[str]:
    """The English words in ``text``, in order of first appearance.

    A token is a run of ASCII letters, digits, ``_`` and ``-`` starting with a letter or digit
    (``T01-C01``, ``ratio``, ``2025``). A token in ``allowed`` is fine; otherwise each run of
    two or more ASCII letters in it is an English word (``on``, ``time``, ``days``; ``T01`` and
    ``2025`` have none). ``text`` is the visible text, without ``<code>`` (see tools/look.py).

    >>> english_words("T01 准时 on time, 提前 102 天 (ratio: 10 × min(1, x))", frozenset({"T01"}))
    ['on', 'time', 'ratio', 'min']
    """
    found: dict[str, None] = {}
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9_\-]*", text):
        if token not in allowed:
            found.update(dict.fromkeys(re.findall(r"[A-Za-z]{2,}", token)))
    return list(found)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese sample report, written by ``pmedu report`` as a user runs it."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    chart = [] if importlib.util.find_spec("matplotlib") else ["--no-chart"]
    argv = [sys.executable, "-m", "pmedu", "report", str(sample_path(name="sample_county.csv"))]
    argv += ["--records", str(sample_path(name="records_2025.json")), "--year", "2025"]
    subprocess.run([*argv, *chart, "--out", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def phone(report: Path) -> dict[str, object]:
    measured: dict[str, object] = look.measure(report, width=PHONE)
    return measured


@pytest.fixture(scope="module")
def printed(report: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[float, float]]:
    pdf = tmp_path_factory.mktemp("pdf") / "report.pdf"
    look.print_pdf(report, pdf)
    pages: list[tuple[float, float]] = look.pdf_pages(pdf)
    return pages


def test_the_measure_is_taken_at_phone_width(phone: dict[str, object]) -> None:
    assert phone["innerWidth"] == PHONE


def test_no_sideways_scroll_at_390_px(phone: dict[str, object]) -> None:
    assert int(str(phone["scrollWidth"])) <= PHONE, (
        f"scrollWidth {phone['scrollWidth']} at {PHONE} px"
    )


def test_the_chinese_page_has_no_english_words(phone: dict[str, object]) -> None:
    words = english_words(str(phone["text"]), allowed_words())
    assert not words, f"English words in the Chinese page: {', '.join(words)}"


def test_it_prints_on_a4(printed: list[tuple[float, float]]) -> None:
    wrong = sorted({size for size in printed if not look.is_a4(size)})
    assert not wrong, f"pages not A4 (595×842 pt ±2): {wrong}"


def test_the_main_part_prints_on_at_most_8_pages(
    report: Path, phone: dict[str, object], tmp_path: Path
) -> None:
    assert phone["hasAppendix"], 'no element id="appendix" marks where the main part ends'
    pdf = tmp_path / "main.pdf"
    look.print_pdf(report, pdf, main_part=True)
    pages = len(look.pdf_pages(pdf))
    assert pages <= MAIN_PAGES, f"the main part prints on {pages} pages"


KNOWN = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>@page {{ size: A4 }} body {{ margin: 0 }} .wide {{ width: {wide}px }}
#appendix {{ break-before: page }}</style></head>
<body><main><h1>示例 报告</h1><p class="wide">建点率 T01 on time</p>
<p><code>pmedu report</code></p></main>
<section id="appendix"><h2>附录</h2><p>A4</p></section><section><p>其后</p></section>
</body></html>
"""


@pytest.mark.parametrize("wide", [300, 1000])
def test_the_harness_measures_width_and_text(tmp_path: Path, wide: int) -> None:
    page = tmp_path / "known.html"
    page.write_text(KNOWN.format(wide=wide), encoding="utf-8")
    measured = look.measure(page, width=PHONE)
    assert measured["innerWidth"] == PHONE
    assert (measured["scrollWidth"] <= PHONE) == (wide < PHONE)
    assert measured["hasAppendix"]
    assert english_words(str(measured["text"]), frozenset({"T01", "A4"})) == ["on", "time"]


def test_the_harness_prints_a4_and_stops_at_the_appendix(tmp_path: Path) -> None:
    page = tmp_path / "known.html"
    page.write_text(KNOWN.format(wide=300), encoding="utf-8")
    whole, main = tmp_path / "whole.pdf", tmp_path / "main.pdf"
    look.print_pdf(page, whole)
    look.print_pdf(page, main, main_part=True)
    sizes = look.pdf_pages(whole)
    assert len(sizes) == 2
    assert all(look.is_a4(s) for s in sizes)
    assert len(look.pdf_pages(main)) == 1


def test_the_examples_run() -> None:
    for module in (look, sys.modules[__name__]):
        result = doctest.testmod(module)
        assert result.failed == 0
        assert result.attempted > 0
