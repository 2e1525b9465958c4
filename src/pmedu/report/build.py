"""Build the yearly report: from a tree (and whatever else is known) to a :class:`Report`.

Two layers:

- :func:`assemble_report` takes objects already computed (a supply plan, a gap list, an
  assessment) and lays out the sections; it computes nothing but the tree summary and the
  coverage, which come straight from the tree;
- :func:`build_report` computes what the inputs allow (the supply plan from the tree and the
  holdings, the gap list from the stations, the assessment from the facts and the rubric)
  and calls :func:`assemble_report`.

The report always has the same five sections, in this order: ``tree``, ``coverage``,
``gaps``, ``supply``, ``assessment``. A section whose data was not given says so instead of
disappearing, so two reports always have the same shape.

Charts need matplotlib (``pmedu[report]``): with ``chart=True`` (the default) a missing
matplotlib raises :class:`~pmedu.errors.MissingExtraError` naming the ``pip install``;
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
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pmedu.network import OrgTree
from pmedu.report.chart import coverage_chart
from pmedu.report.messages import DEFAULT_LANG, messages
from pmedu.report.page import Report, Section, format_cell
from pmedu.report.tables import (
    ASSESS_KINDS,
    COVERAGE_BY,
    COVERAGE_KINDS,
    GAP_STANDARDS,
    coverage_rows,
    coverage_table,
    gaps_table,
    kinds_text,
    station_gaps,
    tree_table,
)

__all__ = [
    "SECTION_KEYS",
    "Progress",
    "assemble_report",
    "build_report",
    "compute_parts",
    "sample_report",
    "stderr_progress",
    "write_report",
]

#: the report's sections, in order
SECTION_KEYS: tuple[str, ...] = ("tree", "coverage", "gaps", "supply", "assessment")

#: the most bars the coverage chart draws (the lowest rates are kept)
MAX_BARS = 60

#: a progress callback: receives one short message per step
Progress = Callable[[str], None]


def stderr_progress(prefix: str = "pmedu report") -> Progress:
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
    from pmedu import __version__

    return __version__


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
) -> Report:
    """Lay out the report from computed objects (any of them may be ``None``).

    Parameters
    ----------
    tree
        The organisation tree: the tree summary and the coverage section come from it.
    plan
        A :class:`pmedu.supply.SupplyPlan` (``plan_supply``'s result).
    gap_list
        ``(station, standard, missing items)`` triples, as :func:`~pmedu.report.tables.
        station_gaps` returns them.
    assessment
        A :class:`pmedu.scoring.Assessment` (``assess``'s result).
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
        Called with a short message before each step (see :func:`stderr_progress`).

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
    members = tree.rollup("members")[root.id]
    sections.append(
        Section(
            "tree",
            msg["section.tree"],
            paragraphs=(
                msg["tree.intro"].format(
                    root=root.name,
                    units=format_cell(len(tree), "int"),
                    members=format_cell(members, "int"),
                ),
            ),
            tables=(tree_table(tree, lang),),
        )
    )

    say(msg["section.coverage"])
    rows = coverage_rows(tree, coverage_kinds, coverage_by)
    from pmedu.labels import parse_kinds

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
            tables=(coverage_table(tree, lang, rows=rows, kinds=coverage_kinds),),
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
    from pmedu.report.tables import supply_table, supply_totals

    msg = messages(lang)
    totals = {k: format_cell(v, "int") for k, v in supply_totals(plan).items()}
    return Section(
        "supply",
        msg["section.supply"],
        paragraphs=(msg["supply.intro"].format(**totals),),
        tables=(supply_table(plan, lang),),
    )


def _assessment_section(
    tree: OrgTree, assessment: Any, lang: str, breakdowns: int | None
) -> Section:
    from pmedu.report.tables import assessment_tables, rubric_name

    msg = messages(lang)
    ranking, details = assessment_tables(tree, assessment, lang, limit=breakdowns)
    intro = msg["assessment.intro"].format(rubric=rubric_name(assessment), count=len(ranking.rows))
    return Section(
        "assessment",
        msg["section.assessment"],
        paragraphs=(intro,),
        tables=(ranking, *details),
    )


def compute_parts(
    tree: OrgTree,
    *,
    stations: Iterable[Any] | None = None,
    records: Any = None,
    facts: Any = None,
    rubric: Any = None,
    holdings: Mapping[str, int] | None = None,
    policy: Any = None,
    standards: Iterable[Any] = GAP_STANDARDS,
    assess_kinds: Any = ASSESS_KINDS,
    year: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Compute the report's objects from what is given, as keyword arguments for
    :func:`assemble_report` (and :func:`pmedu.io.xlsx.write_workbook`):

    - ``plan``: ``pmedu.supply.plan_supply(tree, policy, holdings)`` — always;
    - ``gap_list``: the ``stations`` (or the records' stations) checked against
      ``standards`` (两机一室 and 六有 by default) — ``None`` when no station is known;
    - ``assessment``: ``pmedu.scoring.assess`` of the ``facts`` (or the facts measured from
      ``records`` for ``year``) with ``rubric`` (a rubric, a preset name or a file; the
      shipped default when ``None``) — ``None`` without facts or records. The units
      assessed are those of ``assess_kinds`` (townships and streets) that have facts, or
      every unit with facts when none of them is of those kinds.

    Nothing given is changed.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> parts = compute_parts(t)
    >>> parts["plan"].total.target_sets, parts["gap_list"], parts["assessment"]
    (1, None, None)
    """
    say = progress or _quiet
    if records is not None and stations is None:
        stations = _records_stations(records)
    if records is not None and facts is None:
        say("facts")
        facts = _measure(tree, records, year)
    gap_list = None
    if stations is not None:
        say("gaps")
        gap_list = station_gaps(tree, stations, standards)
    say("supply")
    plan = _plan(tree, policy, holdings)
    assessment = None
    if facts is not None:
        say("assessment")
        assessment = _assess(tree, facts, rubric, assess_kinds, year)
    return {"plan": plan, "gap_list": gap_list, "assessment": assessment}


def build_report(
    tree: OrgTree,
    *,
    stations: Iterable[Any] | None = None,
    records: Any = None,
    facts: Any = None,
    rubric: Any = None,
    holdings: Mapping[str, int] | None = None,
    policy: Any = None,
    standards: Iterable[Any] = GAP_STANDARDS,
    year: int | None = None,
    lang: str = DEFAULT_LANG,
    chart: bool = True,
    breakdowns: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Compute what the inputs allow (:func:`compute_parts`) and lay out the report
    (:func:`assemble_report`). Nothing given is changed.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> r = build_report(t, holdings={"T": 1}, lang="en", chart=False)
    >>> r.section("supply").paragraphs[0]
    'Target 1 sets, subscribed —, supplementary —, held 1, shortfall 0.'
    """
    messages(lang)  # an unknown language fails before any work
    parts = compute_parts(
        tree,
        stations=stations,
        records=records,
        facts=facts,
        rubric=rubric,
        holdings=holdings,
        policy=policy,
        standards=standards,
        year=year,
        progress=progress,
    )
    return assemble_report(
        tree,
        year=year,
        lang=lang,
        chart=chart,
        breakdowns=breakdowns,
        progress=progress,
        **parts,
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


def sample_report(
    path: str | os.PathLike[str],
    lang: str = DEFAULT_LANG,
    *,
    chart: bool = True,
    progress: Progress | None = None,
) -> Path:
    """Write the report of the bundled sample county (what ``pmedu demo --report`` does):
    its tree, its film holdings and its 2025 records (stations checked against 两机一室 and
    六有; the facts measured from the records and scored with the default rubric).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "sample.html"
    >>> text = sample_report(out, "en", chart=False).read_text(encoding="utf-8")
    >>> '<section id="assessment">' in text, "示例县" in text, "Rubric:" in text
    (True, True, True)
    """
    from pmedu import datasets

    records = datasets.sample_records()
    report = build_report(
        datasets.sample_county(),
        records=records,
        holdings=datasets.sample_holdings(),
        year=records.year,
        lang=lang,
        chart=chart,
        progress=progress,
    )
    return report.write(path)


def _records_stations(records: Any) -> Any:
    return getattr(records, "stations", None)


def _measure(tree: OrgTree, records: Any, year: int | None) -> Any:
    from pmedu.errors import DataError, Problem
    from pmedu.measures import facts

    yr = year if year is not None else records.year
    if yr is None:
        raise DataError([Problem("the year to measure is not known: give year= (--year)")])
    return facts(tree, records, yr)


def _plan(tree: OrgTree, policy: Any, holdings: Mapping[str, int] | None) -> Any:
    from pmedu.supply import plan_supply

    return plan_supply(tree, policy, holdings)


def _rubric(rubric: Any) -> Any:
    from pmedu.scoring import Rubric, load_rubric, preset_rubric, rubric_presets

    if rubric is None:
        return preset_rubric()
    if isinstance(rubric, Rubric):
        return rubric
    if isinstance(rubric, str) and rubric in rubric_presets():
        return preset_rubric(rubric)
    return load_rubric(rubric)


def _assess(tree: OrgTree, facts: Any, rubric: Any, kinds: Any, year: int | None) -> Any:
    from pmedu.labels import parse_kinds
    from pmedu.scoring import assess

    wanted = parse_kinds(kinds)
    present = set(facts.units())
    chosen = [u.id for u in tree if u.id in present and u.kind in wanted]
    if chosen:
        return assess(tree, facts, _rubric(rubric), units=chosen, year=year)
    return assess(tree, facts, _rubric(rubric), year=year)
