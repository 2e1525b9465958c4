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

The report always has the same sections, in this order: the main part (``summary``, ``tree``,
``coverage``, ``supply``, ``assessment``), then the appendix (``gaps``, ``scorecards``,
``compare_units``). A section whose data was not given says so instead of
disappearing, so two reports always have the same shape.

Charts need matplotlib (``pmedu[report]``): with ``chart=True`` (the default) a missing
matplotlib raises [`MissingExtraError`][pmedu.errors.MissingExtraError] naming the ``pip install``;
``chart=False`` builds the same report with tables only. Rendering the page needs Jinja2 (also
``pmedu[report]``).

>>> from pmedu import OrgTree, Unit
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="某县", kind="县"),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
...     Unit(id="V1", name="石桥村", kind="村", parent_id="T1", members=30, has_station=True),
...     Unit(id="V2", name="河口村", kind="村", parent_id="T1", members=25)])
>>> report = assemble_report(tree, lang="en", chart=False)
>>> [s.key for s in report.sections if not s.appendix]
['summary', 'tree', 'coverage', 'supply', 'assessment']
>>> report.section("supply").available
False
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Iterable, Mapping
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pmedu.labels import parse_kinds
from pmedu.network import OrgTree
from pmedu.report.affiliation import differences_section
from pmedu.report.chart import coverage_chart
from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.report.moved import moved_getattr
from pmedu.report.page import Report, Section
from pmedu.report.tables import (
    COVERAGE_BY,
    COVERAGE_KINDS,
    assessment_tables,
    comparison_table,
    comparison_units_table,
    coverage_rows,
    coverage_table,
    gaps_table,
    kinds_text,
    rubric_name,
    supply_table,
    supply_totals,
    tree_table,
    unit_coverage,
)
from pmedu.report.trend import trend_section
from pmedu.report.yearwork import yearwork_sections
from pmedu.results import (
    ActivitySummary,
    Difference,
    MemberSummary,
    Progress,
    TeachingSummary,
    TreeFigures,
    YearComparison,
    YearResults,
    YearSeries,
)
from pmedu.tables import Table, format_cell

#: the examples here render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)

__all__ = [
    "APPENDIX_KEYS",
    "RECORD_SECTION_KEYS",
    "SECTION_KEYS",
    "SECTION_KEYS_WITH_RECORDS",
    "Progress",
    "assemble_report",
    "issued_text",
    "render_year",
    "stderr_progress",
]

#: names that moved above the report (they compute), still importable from here
MOVED: dict[str, str] = {
    "compute_parts": "pmedu.pipeline",
    "build_report": "pmedu.cli.report_cmd",
    "sample_report": "pmedu.datasets",
    "write_report": "pmedu.io.html",
}

__getattr__ = moved_getattr(__name__, MOVED)


#: the report's sections, in order: the main part, then the appendix (``APPENDIX_KEYS``)
SECTION_KEYS: tuple[str, ...] = (
    "summary",
    "tree",
    "coverage",
    "supply",
    "assessment",
    "gaps",
    "scorecards",
    "compare_units",
)
#: the sections of the records' members, plans and teaching, activities and money
#: ([`yearwork_sections`][pmedu.report.yearwork.yearwork_sections]): present only when the records
#: keep their data, first in the appendix (after the 落款)
RECORD_SECTION_KEYS: tuple[str, ...] = ("members", "teaching", "activities")
#: the sections of a report from records that keep all of it (the sample county's), in order
SECTION_KEYS_WITH_RECORDS: tuple[str, ...] = (
    *SECTION_KEYS[:5],
    *RECORD_SECTION_KEYS,
    *SECTION_KEYS[5:],
)
#: the sections printed in the appendix (after the 落款)
APPENDIX_KEYS: frozenset[str] = frozenset({"gaps", "scorecards", "compare_units"})

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
    return Section(
        key,
        title,
        paragraphs=(msg["report.not_available"],),
        available=False,
        appendix=key in APPENDIX_KEYS,
    )


def issued_text(issued: date | str | None, lang: str) -> str | None:
    """The date of the 落款 in words of ``lang`` (a ``date`` or an ISO ``YYYY-MM-DD`` string).

    >>> issued_text("2026-01-15", "zh"), issued_text(date(2026, 1, 5), "en")
    ('2026年1月15日', '2026-01-05')
    """
    if issued is None:
        return None
    day = issued if isinstance(issued, date) else date.fromisoformat(str(issued))
    return messages(lang)["report.issued"].format(year=day.year, month=day.month, day=day.day)


def _root_coverage(tree: OrgTree, kinds: Any, figures: TreeFigures | None) -> Any:
    return unit_coverage(tree, kinds, figures=figures)[tree.root.id]


def _summary_section(
    tree: OrgTree,
    *,
    members: int,
    coverage: Any,
    plan: Any,
    gap_list: list[Any] | None,
    assessment: Any,
    comparison: YearComparison | None,
    kinds: str,
    msg: Mapping[str, str],
) -> Section:
    """The executive summary: headline figures, best and worst, grades, what changed."""
    n = functools.partial(format_cell, fmt="int")
    paras = [
        msg["summary.units"].format(root=tree.root.name, units=n(len(tree)), members=n(members)),
        msg["summary.coverage"].format(
            kinds=kinds,
            rate=format_cell(coverage.rate, fmt="pct"),
            covered=n(coverage.covered),
            total=n(coverage.total),
        ),
    ]
    if plan is not None:
        totals = {k: n(v) for k, v in supply_totals(plan).items()}
        paras.append(msg["summary.supply"].format(**totals))
    if assessment is not None:
        paras.extend(_ranking_summary(assessment, msg))
    else:
        paras.append(msg["summary.no_assessment"])
    if gap_list:
        paras.append(msg["summary.gaps"].format(count=n(len({s.id for s, _, _ in gap_list}))))
    tables: tuple[Table, ...] = ()
    if comparison is not None:
        tables = (comparison_table(comparison, msg),)
    return Section("summary", msg["section.summary"], paragraphs=paras, tables=tables)


def _ranking_summary(assessment: Any, msg: Mapping[str, str]) -> list[str]:
    entries = list(assessment.ranking())
    if not entries:
        return []
    best, worst = entries[0], entries[-1]
    num = functools.partial(format_cell, fmt="num")
    out = [
        msg["summary.ranking"].format(
            count=len(entries),
            best=best.unit_name,
            best_total=num(best.total),
            worst=worst.unit_name,
            worst_total=num(worst.total),
        )
    ]
    grades = [g.name for g in sorted(assessment.rubric.grades, key=lambda g: -g.min)]
    counted = {g: sum(1 for e in entries if e.grade == g) for g in grades}
    words = [msg["summary.grade"].format(grade=g, count=c) for g, c in counted.items()]
    out.append(msg["summary.grades"].format(grades=msg["list.sep"].join(words)))
    return out


def _coverage_section(
    tree: OrgTree,
    *,
    lang: str,
    chart: bool,
    kinds: Any,
    by: Any,
    figures: TreeFigures | None,
) -> Section:
    msg = messages(lang)
    rows = coverage_rows(tree, kinds=kinds, by=by, figures=figures)
    kinds_words = kinds_text(parse_kinds(kinds), lang, plural=True)
    by_words = kinds_text(parse_kinds(by), lang)
    paragraphs = [msg["coverage.intro"].format(kinds=kinds_words, by=by_words)]
    svg = None
    if chart and rows:
        bars = [(name, rate) for name, _id, _c, _t, rate in rows]
        if len(bars) > MAX_BARS:
            lowest = sorted(bars, key=lambda b: -1.0 if b[1] is None else b[1])[:MAX_BARS]
            paragraphs.append(msg["coverage.chart_limited"].format(shown=MAX_BARS, total=len(bars)))
            bars = lowest
        legend = (msg["chart.full"], msg["chart.mid"], msg["chart.low"])
        svg = coverage_chart(
            bars, title=msg["coverage.chart_title"], xlabel=msg["col.rate"], legend=legend
        )
    elif not chart:
        paragraphs.append(msg["coverage.no_chart"])
    return Section(
        "coverage",
        msg["section.coverage"],
        paragraphs=paragraphs,
        tables=(coverage_table(tree, lang, rows=rows, kinds=kinds, figures=figures),),
        svg=svg,
    )


def _gaps_section(tree: OrgTree, gap_list: list[Any] | None, lang: str) -> Section:
    msg = messages(lang)
    if gap_list is None:
        return _na("gaps", msg["section.gaps"], msg)
    intro = (
        msg["gaps.intro"].format(count=len({s.id for s, _, _ in gap_list}))
        if gap_list
        else msg["gaps.none"]
    )
    return Section(
        "gaps",
        msg["section.gaps"],
        paragraphs=(intro,),
        tables=(gaps_table(tree, gap_list, lang),) if gap_list else (),
        appendix=True,
    )


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
    comparison: YearComparison | None = None,
    issuer: str | None = None,
    issued: date | str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    differences: Iterable[Difference] = (),
    trend: YearSeries | None = None,
    membership: MemberSummary | None = None,
    teaching: TeachingSummary | None = None,
    activities: ActivitySummary | None = None,
) -> Report:
    """Lay out the report from computed objects (any of them may be ``None``).

    The main part: an executive summary, the tree, the coverage (chart and table), the supply
    plan and the ranking; then the 落款 (``issuer``, ``issued``); then the appendix: the station
    gap list, every unit's scorecard, and each unit compared with last year.

    Parameters
    ----------
    tree
        The organisation tree: the tree summary and the coverage section come from it.
    plan
        A [`pmedu.supply.SupplyPlan`][pmedu.supply.plan.SupplyPlan] (``plan_supply``'s result).
    gap_list
        ``(station, standard, missing items)`` triples, as
        [`pmedu.pipeline.station_gaps`][pmedu.pipeline.station_gaps] returns them.
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
    comparison
        What changed since last year
        ([`pmedu.pipeline.compare_years`][pmedu.pipeline.compare_years]), shown in the summary.
    issuer, issued
        The issuing unit and the date of the 落款 (a ``date`` or ``"YYYY-MM-DD"``).
    template_dir
        A directory of templates searched before the shipped ones (``heading.html``,
        ``signature.html``, …).
    differences
        The units whose party affiliation differs from their administrative parent
        ([`pmedu.pipeline.affiliation_differences`][pmedu.pipeline.affiliation_differences]):
        when there is any, the section ``affiliation`` follows the coverage.
    trend
        Several years of the assessment
        ([`pmedu.pipeline.compute_trend`][pmedu.pipeline.compute_trend]): when given, the
        section ``trend`` (历年趋势, small multiples) follows the assessment
        ([`trend_section`][pmedu.report.trend.trend_section]).
    membership, teaching, activities
        The records' members and learning archive, monthly plan and teaching steps, theme
        activities and money ([`MemberSummary`][pmedu.results.MemberSummary],
        [`TeachingSummary`][pmedu.results.TeachingSummary],
        [`ActivitySummary`][pmedu.results.ActivitySummary], computed by
        [`compute_year`][pmedu.pipeline.compute_year] from records): each given one is a
        section (``members``, ``teaching``, ``activities``) first in the appendix
        ([`yearwork_sections`][pmedu.report.yearwork.yearwork_sections]); without records there
        is none, so such reports keep their shape.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.supply import plan_supply
    >>> tree = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                            Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = assemble_report(tree, plan=plan_supply(tree), lang="en", chart=False)
    >>> [(s.key, s.available) for s in r.sections][:5]
    [('summary', True), ('tree', True), ('coverage', True), ('supply', True), ('assessment', False)]
    >>> [s.key for s in r.sections if s.appendix]
    ['gaps', 'scorecards', 'compare_units']
    """
    msg = messages(lang)
    say = progress or _quiet
    root = tree.root
    gl = None if gap_list is None else list(gap_list)
    members = figures.members if figures is not None else tree.rollup("members")[root.id]

    say(msg["section.summary"])
    summary = _summary_section(
        tree,
        members=members,
        coverage=_root_coverage(tree, coverage_kinds, figures),
        plan=plan,
        gap_list=gl,
        assessment=assessment,
        comparison=comparison,
        kinds=kinds_text(parse_kinds(coverage_kinds), lang),
        msg=msg,
    )
    say(msg["section.tree"])
    intro = msg["tree.intro"].format(
        root=root.name,
        units=format_cell(len(tree), fmt="int"),
        members=format_cell(members, fmt="int"),
    )
    tree_section = Section(
        "tree", msg["section.tree"], (intro,), tables=(tree_table(tree, lang, figures=figures),)
    )
    say(msg["section.coverage"])
    coverage = _coverage_section(
        tree, lang=lang, chart=chart, kinds=coverage_kinds, by=coverage_by, figures=figures
    )
    say(msg["section.supply"])
    supply = (
        _na("supply", msg["section.supply"], msg) if plan is None else _supply_section(plan, lang)
    )
    say(msg["section.assessment"])
    ranking, cards = _assessment_sections(tree, assessment, lang, breakdowns)
    say(msg["section.gaps"])
    gaps = _gaps_section(tree, gl, lang)
    say(msg["section.scorecards"])
    say(msg["section.compare_units"])
    sections = [
        summary,
        tree_section,
        coverage,
        *_affiliation_sections(differences, lang),
        supply,
        ranking,
        *([trend_section(trend, lang=lang, chart=chart)] if trend is not None else []),
        *yearwork_sections(
            membership=membership, teaching=teaching, activities=activities, lang=lang
        ),
        gaps,
        cards,
        _compare_units_section(comparison, msg),
    ]
    return Report(
        title=msg["report.title"].format(root=root.name),
        lang=lang,
        sections=sections,
        subtitle=msg["report.year"].format(year=year) if year is not None else None,
        footer=msg["report.generated"].format(version=_version()),
        issuer=issuer,
        issued=issued_text(issued, lang),
        appendix_title=msg["section.appendix"],
        template_dir=template_dir,
    )


def _supply_section(plan: Any, lang: str) -> Section:
    msg = messages(lang)
    totals = {k: format_cell(v, fmt="int") for k, v in supply_totals(plan).items()}
    return Section(
        "supply",
        msg["section.supply"],
        paragraphs=(msg["supply.intro"].format(**totals),),
        tables=(supply_table(plan, lang),),
    )


def _assessment_sections(
    tree: OrgTree, assessment: Any, lang: str, breakdowns: int | None
) -> tuple[Section, Section]:
    msg = messages(lang)
    if assessment is None:
        return (
            _na("assessment", msg["section.assessment"], msg),
            _na("scorecards", msg["section.scorecards"], msg),
        )
    ranking, details = assessment_tables(tree, assessment, lang, limit=breakdowns)
    intro = msg["assessment.intro"].format(rubric=rubric_name(assessment), count=len(ranking.rows))
    return (
        Section("assessment", msg["section.assessment"], paragraphs=(intro,), tables=(ranking,)),
        Section(
            "scorecards",
            msg["section.scorecards"],
            paragraphs=(msg["scorecards.intro"],),
            tables=details,
            appendix=True,
        ),
    )


def _compare_units_section(comparison: YearComparison | None, msg: Mapping[str, str]) -> Section:
    if comparison is None:
        return Section(
            "compare_units",
            msg["section.compare_units"],
            paragraphs=(msg["summary.no_comparison"],),
            appendix=True,
        )
    return Section(
        "compare_units",
        msg["section.compare_units"],
        tables=(comparison_units_table(comparison, msg),),
        appendix=True,
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
    comparison: YearComparison | None = None,
    issuer: str | None = None,
    issued: date | str | None = None,
    template_dir: str | os.PathLike[str] | None = None,
    trend: YearSeries | None = None,
) -> Report:
    """Lay out the report of one year's results (see
    [`assemble_report`][pmedu.report.build.assemble_report] for the options; ``comparison`` is
    [`pmedu.pipeline.compare_years`][pmedu.pipeline.compare_years]'s result).

    >>> from pmedu.network import OrgTree
    >>> from pmedu.model import Unit
    >>> from pmedu.results import YearResults
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
    >>> r = render_year(YearResults(tree=t, year=2025), lang="en", chart=False,
    ...                 issuer="Organisation Department", issued="2026-01-15")
    >>> r.subtitle, r.section("supply").available, r.issued
    ('Year 2025', False, '2026-01-15')
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
        comparison=comparison,
        issuer=issuer,
        issued=issued,
        template_dir=template_dir,
        differences=results.differences,
        trend=trend,
        membership=results.membership,
        teaching=results.teaching,
        activities=results.activities,
        **results.parts(),
    )


def _affiliation_sections(differences: Iterable[Difference], lang: str) -> list[Section]:
    """The section ``affiliation`` (where the party affiliation differs from the administrative
    tree, [`differences_section`][pmedu.report.affiliation.differences_section]) when any unit
    differs; none for a tree without affiliation, so such reports keep their shape."""
    found = list(differences)
    return [differences_section(found, lang=lang)] if found else []
