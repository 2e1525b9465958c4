"""Charts for the report, drawn with matplotlib (the optional extra ``pmedu[report]``).

Charts are returned as inline SVG markup with text kept as text (``svg.fonttype = 'none'``), so
Chinese names render with the reader's own fonts and no font is embedded or fetched. The SVG is
stripped of its XML prolog, DOCTYPE and metadata, so the page holds no URL at all. matplotlib is
imported only when a chart is drawn; without it a
[`MissingExtraError`][pmedu.errors.MissingExtraError] names the ``pip install`` to run. The examples
here need matplotlib (``__doctest_requires__``: the doctest run skips them without it).

>>> svg = coverage_chart([("东镇", 0.5), ("西镇", 1.0)], title="建点率")
>>> svg.startswith("<svg"), "东镇" in svg, "http" in svg
(True, True, False)
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from collections.abc import Sequence
from typing import Any

from pmedu.errors import MissingExtraError
from pmedu.report.extras import require

__all__ = ["coverage_chart", "have_matplotlib"]

#: the optional extras this module's examples need (the doctest run skips them without)
__doctest_requires__ = ("matplotlib",)

#: font families asked for in the SVG; the reader's browser picks the first it has
FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Micro Hei",
    "DejaVu Sans",
    "sans-serif",
]

#: the bars' colours: full coverage, from 60%, below 60%
FULL, MIDDLE, LOW = "#2e7d32", "#ef6c00", "#c62828"

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_NS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)


def have_matplotlib() -> bool:
    """True when matplotlib (the ``report`` extra) can be imported.

    >>> have_matplotlib()
    True
    """
    try:
        _matplotlib()
    except MissingExtraError:
        return False
    return True


def _matplotlib() -> tuple[Any, Any, Any, Any]:
    """The optional extra: ``matplotlib`` and its ``figure``, ``ticker`` and ``patches``
    modules (through the one guard, [`require`][pmedu.report.extras.require])."""
    return tuple(  # type: ignore[return-value]
        require(name, extra="report", feature="the report's charts")
        for name in ("matplotlib", "matplotlib.figure", "matplotlib.ticker", "matplotlib.patches")
    )


def coverage_chart(
    bars: Sequence[tuple[str, float | None]],
    *,
    title: str = "",
    xlabel: str = "",
    target: float | None = 1.0,
    legend: Sequence[str] | None = None,
    sort: bool = True,
) -> str:
    """A horizontal bar chart of coverage rates (one bar per ``(name, rate)``) as inline SVG.

    Rates are shares in [0, 1] shown as percentages; ``None`` (nothing to cover) draws no bar.
    With ``sort`` (the default) the bars are in order of rate, highest first (``None`` last,
    ties in the given order). Bars are green at 100%, orange from 60% and red below; ``legend``
    gives the three colours' labels (full, middle, low) and draws the legend. Text is never
    read as mathtext: a township named ``$x^$`` is drawn as written.
    ``target`` draws a dashed line (the 100% target of [seed 002][seed-002]); ``None`` draws none.
    The caller's figure state is untouched: the chart uses its own ``Figure`` and a local
    ``rc_context``, never pyplot's global state.

    >>> svg = coverage_chart([("东镇", 0.5), ("西镇", None)], title="建点率")
    >>> svg.count("东镇"), "—" in svg
    (1, True)
    >>> svg = coverage_chart([("$x^$", 0.2), ("西镇", 0.9)], legend=("全", "中", "低"))
    >>> svg.index("西镇") < svg.index("$x^$"), "低" in svg
    (True, True)
    """
    matplotlib, figure, ticker, patches = _matplotlib()
    if sort:
        bars = sorted(bars, key=lambda b: -1.0 if b[1] is None else -float(b[1]))

    names = [name for name, _ in bars]
    values = [0.0 if r is None else float(r) * 100 for _, r in bars]
    height = max(2.0, 0.28 * len(names) + 1.2)
    rc: Any = {
        "svg.fonttype": "none",
        "svg.hashsalt": "pmedu",
        "font.family": "sans-serif",
        "font.sans-serif": FONT_FAMILIES,
        "font.size": 9,
        "text.parse_math": False,
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        # layout measures Chinese text with a Latin font; the reader's font draws it
        warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing.*")
        warnings.filterwarnings("ignore", message=r".*findfont.*")
        fig = figure.Figure(figsize=(7.5, height))
        ax = fig.add_subplot()
        ypos = list(range(len(names)))
        colours = [FULL if v >= 100 else LOW if v < 60 else MIDDLE for v in values]
        ax.barh(ypos, values, color=colours)
        if legend:
            handles = [
                patches.Patch(color=c, label=label)
                for c, label in zip((FULL, MIDDLE, LOW), legend, strict=False)
            ]
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.6 / height - (0.35 if xlabel else 0.15) / height),
                ncol=3,
                frameon=False,
                fontsize=8,
            )
        ax.set_yticks(ypos, labels=names)
        ax.invert_yaxis()
        ax.set_xlim(0, 105)
        ax.xaxis.set_major_formatter(ticker.PercentFormatter())
        if target is not None:
            ax.axvline(target * 100, color="#555", linestyle="--", linewidth=0.8)
        for y, (value, (_, rate)) in enumerate(zip(values, bars, strict=True)):
            label = "—" if rate is None else f"{value:.0f}%"
            ax.text(min(value, 100) + 1, y, label, va="center", fontsize=7)
        if title:
            ax.set_title(title)
        if xlabel:
            ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)
        # leave room for the names as the reader's (CJK) font draws them: matplotlib
        # may measure them with a Latin font that lacks the glyphs
        width_in, size_pt = 7.5, 9
        longest = max((_em(n) for n in names), default=0.0)
        left = min(0.45, (longest * size_pt / 72 + 0.25) / width_in)
        top = 1 - (0.45 if title else 0.15) / height
        bottom = ((0.55 if xlabel else 0.35) + (0.45 if legend else 0)) / height
        fig.subplots_adjust(left=left, right=0.96, top=top, bottom=bottom)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return _clean_svg(buf.getvalue())


def _em(text: str) -> float:
    """The width of ``text`` in em: wide (CJK) characters 1, others about 0.6."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _clean_svg(text: str) -> str:
    text = _PROLOG.sub("", text, count=1)
    text = _METADATA.sub("", text)
    text = _COMMENT.sub("", text)
    # inline SVG in HTML needs no namespace declarations; dropping them keeps URLs out
    head, sep, rest = text.partition(">")
    return _NS.sub("", head) + sep + rest
