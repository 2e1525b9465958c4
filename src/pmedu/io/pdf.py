"""The report as a PDF, through WeasyPrint (the optional extra ``pmedu[pdf]``), with a CJK
font embedded so that the Chinese text prints on any machine.

[`write_pdf`][pmedu.io.pdf.write_pdf] takes the report's HTML page (``Report.to_html()``) and
writes the PDF atomically. The page's own ``@page { size: A4 }`` rule sets the paper. The CJK
font is a file: ``font=`` names it, or else the first of
[`CJK_FONTS`][pmedu.io.pdf.CJK_FONTS] that exists (Noto Sans CJK from Debian's
``fonts-noto-cjk``, then Source Han Sans, WenQuanYi); when none is installed a
[`MissingFontError`][pmedu.errors.MissingFontError] names the font and where it looked. Without
WeasyPrint a [`MissingExtraError`][pmedu.errors.MissingExtraError] names the ``pip install``.
The example needs WeasyPrint (the doctest run skips it without).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "r.pdf"
>>> page = '<html lang="zh"><style>@page { size: A4 }</style><p>建点率 91.5%</p></html>'
>>> write_pdf(page, out).read_bytes()[:5]
b'%PDF-'
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pmedu.errors import MissingExtraError, MissingFontError
from pmedu.io.documents import AtomicGroup, open_target

__all__ = ["CJK_FONTS", "CJK_FONT_NAME", "find_cjk_font", "write_pdf"]

#: the extras this module's examples need (the doctest run skips the module without them)
__doctest_requires__ = ("weasyprint",)

#: the font the PDF asks for, by name
CJK_FONT_NAME = "Noto Sans CJK SC"

#: where a CJK font is looked for, in order (the first that exists is embedded)
CJK_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)

#: the family name the embedded font is given in the PDF's style sheet
_FAMILY = "pmedu-cjk"


def find_cjk_font(*, candidates: Sequence[str | os.PathLike[str]] = CJK_FONTS) -> Path:
    """The first of ``candidates`` that is a file, or a
    [`MissingFontError`][pmedu.errors.MissingFontError] naming the font and the places looked.

    >>> find_cjk_font(candidates=["/nonexistent/font.ttc"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.MissingFontError: the PDF needs the font Noto Sans CJK SC ...
    """
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    raise MissingFontError(CJK_FONT_NAME, looked=candidates)


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except ImportError:
        raise MissingExtraError("pdf", "weasyprint", "writing the report as PDF") from None


def write_pdf(
    html_text: str,
    path: str | os.PathLike[str],
    *,
    font: str | os.PathLike[str] | None = None,
    group: AtomicGroup | None = None,
) -> Path:
    """Write the HTML page ``html_text`` as a PDF at ``path`` (atomically; with ``group``, as one
    of several files written all or none) with the CJK ``font`` (a file; default: the first of
    [`CJK_FONTS`][pmedu.io.pdf.CJK_FONTS] installed) embedded, and return the path."""
    weasyprint = _weasyprint()
    font_path = find_cjk_font(candidates=[font] if font is not None else CJK_FONTS)
    css = (
        f'@font-face {{ font-family: "{_FAMILY}"; src: url("{font_path.resolve().as_uri()}"); }}\n'
        f'body, table, caption, th, td {{ font-family: "{_FAMILY}", sans-serif; }}\n'
        "svg text { font-family: '" + _FAMILY + "', sans-serif !important; }\n"
    )
    fonts = importlib.import_module("weasyprint.text.fonts").FontConfiguration()
    document = weasyprint.HTML(string=html_text, base_url=str(Path.cwd()))
    stylesheet = weasyprint.CSS(string=css, font_config=fonts)
    data = document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
    p = Path(path)
    with open_target(p, mode="wb", group=group) as fh:
        fh.write(data)
    return p
