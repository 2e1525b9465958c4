"""Lay out the yearly report: from one year's computed results to a
[`Report`][pmedu.report.page.Report].

This module renders and computes nothing (the computing is [`pmedu.pipeline.
compute_year`][pmedu.pipeline.
compute_year]'s):

- [`render_year`][pmedu.report.build.render_year] lays out a
  [`YearResults`][pmedu.results.YearResults];
- [`assemble_report`][pmedu.report.build.assemble_report] takes the objects already computed (a
  supply plan, a gap list, an assessment) one by one; beyond them it reads only the tree summary and
  the coverage, which come straight from the tree.

The report always has the same five sections, in this order: ``tree``, ``coverage``,
``gaps``, ``supply``, ``assessment``. A section whose data was not given says so instead of
disappearing, so two reports always have the same shape.

Charts need matplotlib (``pmedu[report]``): with ``chart=True`` (the default) a missing
matplotlib raises [`MissingExtraError`][pmedu.errors.MissingExtraError] naming the ``pip install``;
``chart=False`` builds the same report with tables only and needs nothing beyond the core.

>>> from pmedu import OrgTree, Unit
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="某县", kind="县"),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
...     Unit(id="V1", name="石桥村", kind="村", parent_id="T1", members=30, has_station=True),
...     Unit(id="V2", name="河口村", kind="村", parent_id="T1", members=25)])
>>> report = assemble_report(tree, lang="en", chart=False)
>>> [s.key for s in report.sections]
['tree', 'coverage', 'gaps', 'supply', 'assessment']
>>> report.section("supply").available
False
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pmedu.labels import parse_kinds
from pmedu.network import OrgTree
from pmedu.report.chart import coverage_chart
from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.report.moved import moved_getattr
from pmedu.report.page import Report, Section
from pmedu.report.tables import (
    COVERAGE_BY,
    COVERAGE_KINDS,
    assessment_tables,
    coverage_rows,
    coverage_table,
    gaps_table,
    kinds_text,
    rubric_name,
    supply_table,
    supply_totals,
    tree_table,
)
from pmedu.results import Progress, TreeFigures, YearResults
from pmedu.tables import format_cell

__all__ = [
    "SECTION_KEYS",
    "Progress",
    "assemble_report",
    "render_year",
    "stderr_progress",
    "write_report",
]

#: names that moved above the report (they compute), still importable from here
MOVED: dict[str, str] = {
    "compute_parts": "pmedu.pipeline",
    "build_report": "pmedu.cli.report_cmd",
    "sample_report": "pmedu.datasets",
}

__getattr__ = moved_getattr(__name__, MOVED)


#: the report's sections, in order
SECTION_KEYS: tuple[str, ...] = ("tree", "coverage", "gaps", "supply", "assessment")

#: the most bars the coverage chart draws (the lowest rates are kept)
MAX_BARS = 60


def stderr_progress(*, prefix: str = "pmedu report") -> Progress:
    """A progress callback printing ``prefix: message (elapsed s)`` lines on stderr.

    >>> callable(stderr_progress())
    True
    """
    start = time.perf_counter()

    def report(message: str) -> None:
        print(f"{prefix}: {message} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)

    return report


def _quiet(_message: str) -> None:
    return None


def _version() -> str:
    try:
        return version("pmedu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def _na(key: str, title: str, msg: Mapping[str, str]) -> Section:
    return Section(key, title, paragraphs=(msg["report.not_available"],), available=False)


def assemble_report(
    tree: OrgTree,
    *,
    plan: Any = None,
    gap_list: Iterable[tuple[Any, Any, Any]] | None = None,
    assessment: Any = None,
    year: int | None = None,
    lang: str = DEFAULT_LANG,
    chart: bool = True,
    coverage_kinds: Any = COVERAGE_KINDS,
    coverage_by: Any = COVERAGE_BY,
    breakdowns: int | None = None,
    progress: Progress | None = None,
    figures: TreeFigures | None = None,
) -> Report:
    """Lay out the report from computed objects (any of them may be ``None``).

    Parameters
    ----------
    tree
        The organisation tree: the tree summary and the coverage section come from it.
    plan
        A [`pmedu.supply.SupplyPlan`][pmedu.supply.plan.SupplyPlan] (``plan_supply``'s result).
    gap_list
        ``(station, standard, missing items)`` triples, as [`
        station_gaps`][pmedu.report.tables.
        station_gaps] returns them.
    assessment
        A [`pmedu.scoring.Assessment`][pmedu.scoring.results.Assessment] (``assess``'s result).
    year
        Shown under the title.
    lang
        ``"zh"`` (default) or ``"en"``.
    chart
        Draw the coverage chart (needs ``pmedu[report]``).
    coverage_kinds, coverage_by
        Which units' stations the coverage counts (villages and communities) and which
        units get a row (townships and streets).
    breakdowns
        How many units' point-by-point breakdowns to show (best ranked first); ``None``
        shows all of them.
    progress
        Called with a short message before each step (see
        [`stderr_progress`][pmedu.report.build.stderr_progress]).
    figures
        The tree summary and the coverage computed once
        ([`pmedu.pipeline.tree_figures`][pmedu.pipeline.tree_figures]); without them they are
        counted from the tree's ``has_station`` flags.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.supply import plan_supply
    >>> tree = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                            Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = assemble_report(tree, plan=plan_supply(tree), lang="en", chart=False)
    >>> [(s.key, s.available) for s in r.sections]
    [('tree', True), ('coverage', True), ('gaps', False), ('supply', True), ('assessment', False)]
    """
    msg = messages(lang)
    say = progress or _quiet
    root = tree.root
    sections: list[Section] = []

    say(msg["section.tree"])
    members = figures.members if figures is not None else tree.rollup("members")[root.id]
    sections.append(
        Section(
            "tree",
            msg["section.tree"],
            paragraphs=(
                msg["tree.intro"].format(
                    root=root.name,
                    units=format_cell(len(tree), fmt="int"),
                    members=format_cell(members, fmt="int"),
                ),
            ),
            tables=(tree_table(tree, lang, figures=figures),),
        )
    )

    say(msg["section.coverage"])
    rows = coverage_rows(tree, kinds=coverage_kinds, by=coverage_by, figures=figures)

    kinds_words = kinds_text(parse_kinds(coverage_kinds), lang, plural=True)
    by_words = kinds_text(parse_kinds(coverage_by), lang)
    paragraphs = [msg["coverage.intro"].format(kinds=kinds_words, by=by_words)]
    svg = None
    if chart and rows:
        bars = [(name, rate) for name, _id, _c, _t, rate in rows]
        if len(bars) > MAX_BARS:
            lowest = sorted(bars, key=lambda b: -1.0 if b[1] is None else b[1])[:MAX_BARS]
            paragraphs.append(msg["coverage.chart_limited"].format(shown=MAX_BARS, total=len(bars)))
            bars = lowest
        svg = coverage_chart(bars, title=msg["coverage.chart_title"], xlabel=msg["col.rate"])
    elif not chart:
        paragraphs.append(msg["coverage.no_chart"])
    sections.append(
        Section(
            "coverage",
            msg["section.coverage"],
            paragraphs=paragraphs,
            tables=(coverage_table(tree, lang, rows=rows, kinds=coverage_kinds, figures=figures),),
            svg=svg,
        )
    )

    say(msg["section.gaps"])
    if gap_list is None:
        sections.append(_na("gaps", msg["section.gaps"], msg))
    else:
        gl = list(gap_list)
        intro = (
            msg["gaps.intro"].format(count=len({s.id for s, _, _ in gl}))
            if gl
            else msg["gaps.none"]
        )
        sections.append(
            Section(
                "gaps",
                msg["section.gaps"],
                paragraphs=(intro,),
                tables=(gaps_table(tree, gl, lang),) if gl else (),
            )
        )

    say(msg["section.supply"])
    if plan is None:
        sections.append(_na("supply", msg["section.supply"], msg))
    else:
        sections.append(_supply_section(tree, plan, lang))

    say(msg["section.assessment"])
    if assessment is None:
        sections.append(_na("assessment", msg["section.assessment"], msg))
    else:
        sections.append(_assessment_section(tree, assessment, lang, breakdowns))

    title = msg["report.title"].format(root=root.name)
    return Report(
        title=title,
        lang=lang,
        sections=sections,
        subtitle=msg["report.year"].format(year=year) if year is not None else None,
        footer=msg["report.generated"].format(version=_version()),
    )


def _supply_section(tree: OrgTree, plan: Any, lang: str) -> Section:
    msg = messages(lang)
    totals = {k: format_cell(v, fmt="int") for k, v in supply_totals(plan).items()}
    return Section(
        "supply",
        msg["section.supply"],
        paragraphs=(msg["supply.intro"].format(**totals),),
        tables=(supply_table(plan, lang),),
    )


def _assessment_section(
    tree: OrgTree, assessment: Any, lang: str, breakdowns: int | None
) -> Section:
    msg = messages(lang)
    ranking, details = assessment_tables(tree, assessment, lang, limit=breakdowns)
    intro = msg["assessment.intro"].format(rubric=rubric_name(assessment), count=len(ranking.rows))
    return Section(
        "assessment",
        msg["section.assessment"],
        paragraphs=(intro,),
        tables=(ranking, *details),
    )


def render_year(
    results: YearResults,
    *,
    lang: str = DEFAULT_LANG,
    chart: bool = True,
    coverage_kinds: Any = COVERAGE_KINDS,
    coverage_by: Any = COVERAGE_BY,
    breakdowns: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Lay out the report of one year's results (see
    [`assemble_report`][pmedu.report.build.assemble_report] for the options).

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> from pmedu.results import YearResults
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> r = render_year(YearResults(tree=t, year=2025), lang="en", chart=False)
    >>> r.subtitle, r.section("supply").available
    ('Year 2025', False)
    """
    return assemble_report(
        results.tree,
        year=results.year,
        lang=lang,
        chart=chart,
        coverage_kinds=coverage_kinds,
        coverage_by=coverage_by,
        breakdowns=breakdowns,
        progress=progress,
        figures=results.figures,
        **results.parts(),
    )


def write_report(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write ``report`` as one HTML page to ``path`` (atomically) and return the path.

    >>> import tempfile, pathlib
    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.html"
    >>> p = write_report(assemble_report(t, chart=False), out)
    >>> p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    return report.write(path)
