"""Look at an HTML page as a user sees it, through headless Chromium (Debian's ``chromium``).

    python tools/look.py out/report.html            # writes out/report-1280.png,
                                                    # out/report-390.png and out/report.pdf
    python tools/look.py report.html --out shots    # the same, into shots/

It prints the page's ``document.documentElement.scrollWidth`` at 390 px (more than 390 means
the page scrolls sideways on a phone), the PDF's page count and page size in points (A4 is
595 × 842), and, when the page has an element with ``id="appendix"``, how many pages print
before it (the main part). The screenshots are the full page height (capped at
``MAX_SHOT_HEIGHT`` pixels).

No Playwright and no DevTools socket: the page is measured by loading a copy of it with a small
script appended that writes what it measured into ``<pre id="pmedu-probe">``, and reading it
back with ``--dump-dom``. The PDF page count comes from pypdf (``pip install pypdf``; it is in
the ``test`` extra's reach, not a dependency of pmedu). ``tests/test_report_browser.py`` uses
the same functions.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROBE_ID = "pmedu-probe"
MAX_SHOT_HEIGHT = 65000  # Chromium 156 took a 390 × 59,803 px shot of today's report
A4_POINTS = (595.28, 841.89)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

# Appended to a copy of the page: measures the layout, then (so the layout measured is the
# page's own) removes <code>, <script> and <style> and takes the visible text; the result goes
# URI-encoded into a <pre>, so the dumped DOM holds it with no markup to unescape.
_MEASURE = """
<script>
(function () {
  var d = document.documentElement, out = {
    scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight,
    innerWidth: window.innerWidth, hasAppendix: !!document.getElementById("appendix")};
  document.querySelectorAll("code, script, style").forEach(function (e) { e.remove(); });
  var svgText = [];
  document.querySelectorAll("svg text, svg title").forEach(function (e) {
    svgText.push(e.textContent); });
  out.text = document.body.innerText + "\\n" + svgText.join("\\n");
  window.parent.postMessage(encodeURIComponent(JSON.stringify(out)), "*");
})();
</script>
"""

# The page is loaded in a frame exactly ``width`` px wide: headless Chromium will not make a
# window narrower than 500 px, a frame can be. The frame's script posts what it measured here.
_FRAME = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
html,body{margin:0;padding:0;overflow:hidden}iframe{border:0;display:block}
</style></head><body>
<iframe src="%(src)s" width="%(width)d" height="%(height)d"></iframe>
<script>
window.addEventListener("message", function (e) {
  var pre = document.createElement("pre");
  pre.id = "%(probe)s"; pre.textContent = e.data; document.body.appendChild(pre);
});
</script>
</body></html>
"""

# Appended to a copy printed for the main part: drops the appendix and everything after it.
_TRUNCATE = """
<script>
(function () {
  var node = document.getElementById("appendix");
  while (node && node !== document.body) {
    while (node.nextSibling) { node.parentNode.removeChild(node.nextSibling); }
    var parent = node.parentNode;
    if (node.id === "appendix") { parent.removeChild(node); }
    node = parent;
  }
})();
</script>
"""


def chromium() -> str | None:
    """The Chromium executable on PATH (``chromium``, else ``chromium-browser``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(url: str, *args: str, timeout: float = 120) -> str:
    """Run headless Chromium on ``url`` with a fresh profile; its stdout."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not on PATH (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="pmedu-chromium-") as profile:
        done = subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *args, url],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _copy_with(page: Path, script: str, suffix: str) -> Path:
    """A copy of ``page`` next to it (so relative links still resolve) with ``script`` added."""
    html = page.read_text(encoding="utf-8")
    at = html.lower().rfind("</body>")
    html = html + script if at < 0 else html[:at] + script + html[at:]
    copy = page.with_name(f".{page.stem}.{suffix}.html")
    copy.write_text(html, encoding="utf-8")
    return copy


def _frame(page: Path, src: Path, *, width: int, height: int) -> Path:
    """A page next to ``page`` showing ``src`` in a frame ``width`` × ``height`` px."""
    frame = page.with_name(f".{page.stem}.frame{width}.html")
    html = _FRAME % {"src": src.name, "width": width, "height": height, "probe": PROBE_ID}
    frame.write_text(html, encoding="utf-8")
    return frame


def measure(page: Path, *, width: int = 390, height: int = 900) -> dict[str, Any]:
    """Layout and visible text of ``page`` in a viewport ``width`` px wide: scrollWidth,
    scrollHeight, innerWidth, hasAppendix, text (``body.innerText`` without ``<code>``, plus
    SVG text)."""
    copy = _copy_with(page, _MEASURE, "probe")
    frame = _frame(page, copy, width=width, height=height)
    try:
        dom = run_chromium(
            frame.resolve().as_uri(),
            f"--window-size={max(width, 800)},{height}",
            "--virtual-time-budget=3000",
            "--dump-dom",
        )
    finally:
        copy.unlink()
        frame.unlink()
    found = re.search(rf'<pre id="{PROBE_ID}">([^<]*)</pre>', dom)
    if found is None:
        raise RuntimeError("the measuring script did not run (no probe in the dumped DOM)")
    result: dict[str, Any] = json.loads(urllib.parse.unquote(found.group(1)))
    return result


def screenshot(page: Path, png: Path, *, width: int) -> int:
    """Write a screenshot of ``page`` at ``width`` px, full page height (capped); the height."""
    height = min(int(measure(page, width=width)["scrollHeight"]), MAX_SHOT_HEIGHT)
    frame = _frame(page, page, width=width, height=height)
    try:
        run_chromium(
            frame.resolve().as_uri(),
            f"--window-size={max(width, 500)},{height}",
            "--virtual-time-budget=2000",
            f"--screenshot={png.resolve()}",
        )
    finally:
        frame.unlink()
    _crop(png, width)
    return height


def _crop(png: Path, width: int) -> None:
    """Cut the screenshot to the frame's width (the window is at least 500 px), with Pillow
    when it is installed (matplotlib brings it); otherwise leave the blank margin."""
    try:
        image_module = importlib.import_module("PIL.Image")
    except ImportError:
        return
    with image_module.open(png) as image:
        if image.width > width:
            image.crop((0, 0, width, image.height)).save(png)


def print_pdf(page: Path, pdf: Path, *, main_part: bool = False) -> None:
    """Print ``page`` to ``pdf`` as Chromium prints it (no header or footer); with
    ``main_part``, only what comes before the element ``id="appendix"``."""
    copy = _copy_with(page, _TRUNCATE if main_part else "", "main" if main_part else "print")
    try:
        run_chromium(
            copy.resolve().as_uri(),
            "--virtual-time-budget=2000",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf.resolve()}",
        )
    finally:
        copy.unlink()


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page of ``pdf`` (needs pypdf)."""
    pypdf = importlib.import_module("pypdf")  # a tool dependency, needed only to read a PDF
    reader = pypdf.PdfReader(str(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def is_a4(size: tuple[float, float], *, tolerance: float = 2.0) -> bool:
    """Whether a page size in points is A4, portrait or landscape.

    >>> is_a4((595.0, 842.0)), is_a4((842.0, 595.0)), is_a4((612.0, 792.0))
    (True, True, False)
    """
    w, h = sorted(size)
    return abs(w - A4_POINTS[0]) <= tolerance and abs(h - A4_POINTS[1]) <= tolerance


def look(page: Path, out: Path) -> dict[str, Any]:
    """Screenshots at 1280 and 390 px and the PDF of ``page`` into ``out``; the figures."""
    out.mkdir(parents=True, exist_ok=True)
    name = page.stem
    figures: dict[str, Any] = {}
    for width in (1280, 390):
        png = out / f"{name}-{width}.png"
        figures[f"shot_{width}"] = (str(png), screenshot(page, png, width=width))
    phone = measure(page, width=390)
    figures["scrollWidth_390"] = phone["scrollWidth"]
    figures["innerWidth_390"] = phone["innerWidth"]
    pdf = out / f"{name}.pdf"
    print_pdf(page, pdf)
    sizes = pdf_pages(pdf)
    figures["pdf"] = str(pdf)
    figures["pdf_pages"] = len(sizes)
    figures["pdf_sizes"] = sorted(set(sizes))
    figures["a4"] = all(is_a4(s) for s in sizes)
    figures["has_appendix"] = phone["hasAppendix"]
    if phone["hasAppendix"]:
        with tempfile.TemporaryDirectory() as tmp:
            main = Path(tmp) / "main.pdf"
            print_pdf(page, main, main_part=True)
            figures["main_pages"] = len(pdf_pages(main))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, help="the HTML file to look at")
    parser.add_argument("--out", type=Path, default=Path("out"), help="directory (default out)")
    args = parser.parse_args(argv)
    if chromium() is None:
        print("chromium is not on PATH (apt-get install -y chromium fonts-noto-cjk)")
        return 2
    figures = look(args.page, args.out)
    for key in ("shot_1280", "shot_390"):
        path, height = figures[key]
        print(f"screenshot     {path} ({height} px high)")
    width, inner = figures["scrollWidth_390"], figures["innerWidth_390"]
    print(f"scrollWidth    {width} at 390 px (innerWidth {inner})")
    sizes = ", ".join(f"{w:.0f}×{h:.0f} pt" for w, h in figures["pdf_sizes"])
    print(
        f"pdf            {figures['pdf']}: {figures['pdf_pages']} pages, {sizes}"
        f" ({'A4' if figures['a4'] else 'not A4'})"
    )
    if figures["has_appendix"]:
        print(f'main part      {figures["main_pages"]} pages before id="appendix"')
    else:
        print('main part      no element id="appendix"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
