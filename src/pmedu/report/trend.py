"""Years as a series in the report (历年趋势): tables and small-multiple charts of a
[`YearSeries`][pmedu.results.YearSeries], computed by
[`pmedu.pipeline.compute_trend`][pmedu.pipeline.compute_trend]; this module renders and computes
nothing.

[`trend_table`][pmedu.report.trend.trend_table] has a row per unit (total, rank and grade per year,
the last change and whether it is significant), [`unit_table`][pmedu.report.trend.unit_table] a
row per year of one unit with the indicators that moved its total most,
[`trend_chart`][pmedu.report.trend.trend_chart] one small line chart per unit on a common scale
(inline SVG, matplotlib: ``pmedu[report]``), and
[`trend_section`][pmedu.report.trend.trend_section] /
[`trend_report`][pmedu.report.trend.trend_report] lay them out as a report section and page.

>>> from decimal import Decimal
>>> from pmedu.results import TrendPolicy, TrendStep, UnitSeries, YearPoint, YearSeries
>>> s = YearSeries(years=(2024, 2025), policy=TrendPolicy(), units=(UnitSeries(
...     unit_id="T1", unit_name="东镇",
...     points=(YearPoint(year=2024, total=Decimal("80"), rank=2, rank_low=3, grade="良好"),
...             YearPoint(year=2025, total=Decimal("90"), rank=1, rank_low=1, grade="优秀")),
...     steps=(TrendStep(year=2025, previous_year=2024, total_delta=Decimal(10), rank_delta=1,
...                      significant=True),)),))
>>> t = trend_table(s)
>>> [c.header for c in t.columns][2:5], t.rows[0][2:5]
(['2024 总分', '2024 名次', '2024 等次'], (Decimal('80'), '2–3', '良好'))
>>> t.rows[0][-3:]
('+10.00 ↑1', '是', '')
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping
from typing import Any

from pmedu.report.chart import FONT_FAMILIES
from pmedu.report.extras import require
from pmedu.report.page import Report, Section
from pmedu.results import TrendStep, UnitSeries, YearPoint, YearSeries
from pmedu.tables import Cell, Column, Table

__all__ = [
    "TITLES",
    "rank_text",
    "step_text",
    "trend_chart",
    "trend_report",
    "trend_section",
    "trend_table",
    "unit_table",
]

#: the examples render charts: the doctest run skips them without matplotlib
__doctest_requires__ = ("matplotlib", "jinja2")

#: the section's and columns' words, by language
TITLES: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "section": "历年趋势",
        "title": "{root}党员电教目标考核历年趋势",
        "years": "{first}—{last}年",
        "intro": (
            "共 {units} 个单位、{years} 个年度。名次变化在总分变动小于 {points} 分、"
            "或两年并列名次区间重叠时视为不显著。"
        ),
        "lineage": "按沿革表（撤并、拆分、更名）把历年数据归入现单位：{changes} 项变更。",
        "total": "总分",
        "rank": "名次",
        "grade": "等次",
        "change": "变化",
        "significant": "显著",
        "movers": "主要变动指标",
        "year": "年度",
        "id": "编号",
        "name": "单位",
        "yes": "是",
        "no": "否",
    },
    "en": {
        "section": "Trend over the years",
        "title": "{root}: e-education assessment over the years",
        "years": "{first}–{last}",
        "intro": (
            "{units} units over {years} years. A rank change is not significant when the total "
            "moved less than {points} points or the tied rank ranges overlap."
        ),
        "lineage": "Earlier years carried to today's units by the lineage table: "
        "{changes} changes.",
        "total": "total",
        "rank": "rank",
        "grade": "grade",
        "change": "change",
        "significant": "significant",
        "movers": "indicators that moved it most",
        "year": "year",
        "id": "id",
        "name": "unit",
        "yes": "yes",
        "no": "no",
    },
}


def _words(lang: str) -> Mapping[str, str]:
    try:
        return TITLES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; available: {', '.join(TITLES)}") from None


def rank_text(point: YearPoint) -> str | None:
    """A rank as shown: ``3``, or ``3–5`` for a tie over places 3 to 5; ``None`` unranked.

    >>> from decimal import Decimal
    >>> rank_text(YearPoint(year=2025, total=Decimal(1), rank=3, rank_low=5))
    '3–5'
    """
    if point.rank is None:
        return None
    if point.rank_low is not None and point.rank_low > point.rank:
        return f"{point.rank}–{point.rank_low}"
    return str(point.rank)


def step_text(step: TrendStep) -> str | None:
    """A step as shown: the total's change and the places gained (↑) or lost (↓).

    >>> from decimal import Decimal
    >>> step_text(TrendStep(year=2025, previous_year=2024, total_delta=Decimal("-1.5"),
    ...                     rank_delta=-2, significant=True))
    '-1.50 ↓2'
    """
    if step.total_delta is None:
        return None
    total = f"{step.total_delta:+.2f}"
    if not step.rank_delta:
        return f"{total} ="
    arrow = "↑" if step.rank_delta > 0 else "↓"
    return f"{total} {arrow}{abs(step.rank_delta)}"


def _movers(step: TrendStep | None, *, names: bool = True) -> str:
    if step is None:
        return ""
    if not names:
        return " ".join(f"{m.code}{m.delta:+.1f}" for m in step.movers)
    return ", ".join(f"{m.code} {m.name} {m.delta:+.1f}" for m in step.movers)


def _brief(point: YearPoint) -> str | None:
    if point.total is None:
        return None
    grade = f" {point.grade}" if point.grade else ""
    return f"{point.total} ({rank_text(point)}){grade}"


def trend_table(series: YearSeries, *, lang: str = "zh", brief: bool = False) -> Table:
    """A row per unit: id, name, then total, rank and grade for each year, the last year's
    change, whether its rank change is significant, and the indicators that moved it most.
    ``brief`` (the command line's): one column per year, ``total (rank) grade``, and the
    movers by code."""
    w = _words(lang)
    columns: list[Column] = [Column(w["id"]), Column(w["name"])]
    for y in series.years:
        if brief:
            columns.append(Column(str(y)))
            continue
        columns += [Column(f"{y} {w['total']}", "num"), Column(f"{y} {w['rank']}")]
        columns.append(Column(f"{y} {w['grade']}"))
    columns += [Column(w["change"]), Column(w["significant"]), Column(w["movers"])]
    rows: list[tuple[Cell, ...]] = []
    for u in series.units:
        cells: list[Cell] = [u.unit_id, u.unit_name]
        for p in u.points:
            cells += [_brief(p)] if brief else [p.total, rank_text(p), p.grade]
        last = u.steps[-1] if u.steps else None
        if last is None:
            cells += [None, None, ""]
        else:
            sig = w["yes"] if last.significant else w["no"]
            cells += [step_text(last), sig, _movers(last, names=not brief)]
        rows.append(tuple(cells))
    return Table(columns=columns, rows=rows)


def unit_table(unit: UnitSeries, *, lang: str = "zh") -> Table:
    """A row per year of one unit: total, rank, grade, the change since the year before,
    whether the rank change is significant and the indicators that moved the total most.

    >>> from decimal import Decimal
    >>> from pmedu.results import YearPoint
    >>> u = UnitSeries(unit_id="T1", unit_name="东镇",
    ...                points=(YearPoint(year=2025, total=Decimal(9), rank=1),))
    >>> unit_table(u).rows
    (('2025', Decimal('9'), '1', None, None, None, ''),)
    """
    w = _words(lang)
    steps = {s.year: s for s in unit.steps}
    columns = (
        Column(w["year"]),
        Column(w["total"], "num"),
        Column(w["rank"]),
        Column(w["grade"]),
        Column(w["change"]),
        Column(w["significant"]),
        Column(w["movers"]),
    )
    rows: list[tuple[Cell, ...]] = []
    for p in unit.points:
        step = steps.get(p.year)
        sig = None if step is None else w["yes"] if step.significant else w["no"]
        change = None if step is None else step_text(step)
        rows.append((str(p.year), p.total, rank_text(p), p.grade, change, sig, _movers(step)))
    return Table(columns=columns, rows=rows)


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_STRIP = re.compile(r"<metadata>.*?</metadata>\s*|<!--.*?-->\s*", re.S)
_NS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def _svg(text: str) -> str:
    text = _STRIP.sub("", _PROLOG.sub("", text, count=1))
    head, sep, rest = text.partition(">")
    return _NS.sub("", head) + sep + rest


def _range(series: YearSeries) -> tuple[float, float]:
    totals = [float(t) for u in series.units for t in u.totals() if t is not None]
    if not totals:
        return 0.0, 100.0
    low, high = min(totals), max(totals)
    pad = max(2.0, (high - low) * 0.1)
    return max(0.0, low - pad), high + pad


def trend_chart(series: YearSeries, *, columns: int = 5) -> str:
    """Small multiples: one small line chart of the total per year for each unit (in the
    order of the series: the latest ranking), all on one scale, the last rank in the title;
    a significant rank change is a filled point. Inline SVG with text kept as text, no URL.

    >>> from decimal import Decimal
    >>> from pmedu.results import TrendPolicy, YearPoint
    >>> s = YearSeries(years=(2024, 2025), policy=TrendPolicy(), units=(UnitSeries(
    ...     unit_id="T1", unit_name="东镇", points=(
    ...         YearPoint(year=2024, total=Decimal(80), rank=1),
    ...         YearPoint(year=2025, total=Decimal(85), rank=1))),))
    >>> svg = trend_chart(s)
    >>> svg.startswith("<svg"), "东镇" in svg, "http" in svg
    (True, True, False)
    """
    matplotlib = require("matplotlib", extra="report", feature="the report's charts")
    figure = require("matplotlib.figure", extra="report", feature="the report's charts")
    n = max(1, len(series.units))
    cols = max(1, min(columns, n))
    rows = (n + cols - 1) // cols
    low, high = _range(series)
    rc: Any = {
        "svg.fonttype": "none",
        "svg.hashsalt": "pmedu",
        "font.family": "sans-serif",
        "font.sans-serif": FONT_FAMILIES,
        "font.size": 7,
        "text.parse_math": False,
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing.*")
        warnings.filterwarnings("ignore", message=r".*findfont.*")
        fig = figure.Figure(figsize=(1.6 * cols, 1.25 * rows + 0.2))
        axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
        years = list(series.years)
        for k, ax in enumerate(axes.flat):
            if k >= len(series.units):
                ax.set_visible(False)
                continue
            u = series.units[k]
            pts = [(p.year, float(p.total)) for p in u.points if p.total is not None]
            ax.plot([x for x, _ in pts], [y for _, y in pts], color="#1565c0", linewidth=1.2)
            sig = {s.year for s in u.steps if s.significant}
            for x, y in pts:
                filled = x in sig
                ax.plot(
                    [x],
                    [y],
                    "o",
                    markersize=3,
                    color="#1565c0",
                    markerfacecolor="#1565c0" if filled else "white",
                )
            last = u.points[-1]
            rank = rank_text(last) or "—"
            ax.set_title(f"{u.unit_name} ({rank})", fontsize=7, pad=2)
            ax.set_ylim(low, high)
            ax.set_xticks(years, labels=[str(y)[2:] for y in years])
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=6, length=2)
        fig.subplots_adjust(left=0.06, right=0.99, top=0.93, bottom=0.08, hspace=0.6, wspace=0.15)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return _svg(buf.getvalue())


def trend_section(
    series: YearSeries, *, lang: str = "zh", chart: bool = True, changes: int = 0
) -> Section:
    """The report section 历年趋势: the rule for significance, the table of every unit and the
    small multiples (``chart=False``: tables only); ``changes`` is the number of lineage
    changes followed (mentioned when any).

    >>> from pmedu.results import TrendPolicy
    >>> sec = trend_section(YearSeries(years=(2024,), units=(), policy=TrendPolicy()),
    ...                     chart=False)
    >>> sec.key, sec.title
    ('trend', '历年趋势')
    """
    w = _words(lang)
    paras = [
        w["intro"].format(
            units=len(series.units), years=len(series.years), points=series.policy.min_points
        )
    ]
    if changes:
        paras.append(w["lineage"].format(changes=changes))
    svg = trend_chart(series) if chart and series.units else None
    return Section(
        "trend", w["section"], paragraphs=paras, tables=(trend_table(series, lang=lang),), svg=svg
    )


def trend_report(
    series: YearSeries,
    *,
    root: str,
    lang: str = "zh",
    chart: bool = True,
    changes: int = 0,
    units: tuple[str, ...] = (),
) -> Report:
    """A page of its own for the trend: the section of
    [`trend_section`][pmedu.report.trend.trend_section], then one section per unit of ``units``
    (its years, [`unit_table`][pmedu.report.trend.unit_table]).

    >>> from pmedu.results import TrendPolicy
    >>> r = trend_report(YearSeries(years=(2024, 2025), units=(), policy=TrendPolicy()),
    ...                  root="某县", chart=False)
    >>> r.title, r.subtitle, r.to_html().count("<section")
    ('某县党员电教目标考核历年趋势', '2024—2025年', 1)
    """
    w = _words(lang)
    sections = [trend_section(series, lang=lang, chart=chart, changes=changes)]
    for uid in units:
        u = series.unit(uid)
        sections.append(
            Section(f"trend-{uid}", f"{u.unit_name} ({uid})", tables=(unit_table(u, lang=lang),))
        )
    sub = None
    if series.years:
        sub = w["years"].format(first=series.years[0], last=series.years[-1])
    return Report(title=w["title"].format(root=root), lang=lang, sections=sections, subtitle=sub)
