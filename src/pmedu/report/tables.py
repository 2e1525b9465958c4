"""The report's tables, built from objects pmedu has already computed.

Each function takes one computed object (a tree, a supply plan, a list of station gaps, an
assessment) and a language, and returns [`Table`][pmedu.tables.Table] objects with the
headers of that language. The HTML report and the Excel workbook are both made from these
tables, so the two always agree.

>>> from pmedu import OrgTree, Unit
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="某县", kind="县"),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
...     Unit(id="V1", name="石桥村", kind="村", parent_id="T1", members=30, has_station=True),
...     Unit(id="V2", name="河口村", kind="村", parent_id="T1", members=25),
... ])
>>> t = coverage_table(tree, "en")
>>> t.headers
['Unit', 'ID', 'With station', 'Total', 'Coverage']
>>> t.rows
(('东镇', 'T1', 1, 2, 0.5), ('Total', 'C', 1, 2, 0.5))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmedu.labels import UnitKind, parse_kinds
from pmedu.network import Coverage, OrgTree
from pmedu.report.describe import (
    actual_text,
    measure_kind,
    note_text,
    number_text,
    rule_text,
    target_text,
    veto_note,
)
from pmedu.report.messages import messages
from pmedu.report.moved import moved_getattr
from pmedu.results import TreeFigures, YearComparison
from pmedu.tables import NOT_APPLICABLE, Cell, Column, Table, format_cell

__all__ = [
    "COVERAGE_BY",
    "COVERAGE_KINDS",
    "assessment_sheets",
    "assessment_tables",
    "comparison_table",
    "comparison_units_table",
    "coverage_groups",
    "coverage_rows",
    "coverage_table",
    "gaps_table",
    "indicator_lines_table",
    "kinds_text",
    "ranking_table",
    "rubric_name",
    "scorecard_table",
    "supply_table",
    "supply_totals",
    "tree_table",
    "unit_coverage",
]

#: the unit kinds whose stations the coverage section counts ([stations and
#: standards][concept-stations], [seed 002][seed-002])
COVERAGE_KINDS: tuple[UnitKind, ...] = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
#: the kinds of unit the coverage section has one row for
COVERAGE_BY: tuple[UnitKind, ...] = (UnitKind.TOWNSHIP, UnitKind.STREET)

#: names that moved to [`pmedu.pipeline`][pmedu.pipeline] (they compute), still importable from here
MOVED: dict[str, str] = {
    "ASSESS_KINDS": "pmedu.pipeline",
    "GAP_STANDARDS": "pmedu.pipeline",
    "station_gaps": "pmedu.pipeline",
}

__getattr__ = moved_getattr(__name__, MOVED)


def kinds_text(kinds: Iterable[UnitKind], lang: str, *, plural: bool = False) -> str:
    """The kinds as words of ``lang``: Chinese labels joined by 、, or English names joined
    by "and" (plural on request).

    >>> kinds_text([UnitKind.VILLAGE, UnitKind.COMMUNITY], "zh")
    '行政村、社区'
    >>> kinds_text([UnitKind.COMMUNITY, UnitKind.VILLAGE], "en", plural=True)
    'villages and communities'
    >>> kinds_text([UnitKind.TOWNSHIP, UnitKind.STREET, UnitKind.AGENCY], "en")
    'township, street and agency'
    """
    ordered = sorted(set(kinds), key=lambda k: list(UnitKind).index(k))
    if lang == "zh":
        return "、".join(k.label for k in ordered)
    words: list[str] = [str(k.value).replace("_", " ") for k in ordered]
    if plural:
        words = [w[:-1] + "ies" if w.endswith("y") else w + "s" for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _kind_rows(tree: OrgTree, figures: TreeFigures | None) -> list[tuple[UnitKind, int, int, int]]:
    if figures is not None:
        return [(k.kind, k.units, k.members, k.with_station) for k in figures.kinds]
    counts: dict[UnitKind, list[int]] = {}
    for u in tree:
        row = counts.setdefault(u.kind, [0, 0, 0])
        row[0] += 1
        row[1] += u.members
        row[2] += 1 if u.has_station else 0
    order = list(UnitKind)
    return [(k, c[0], c[1], c[2]) for k in sorted(counts, key=order.index) for c in [counts[k]]]


def tree_table(tree: OrgTree, lang: str, *, figures: TreeFigures | None = None) -> Table:
    """Units, members and units with a station, by kind, for the whole tree: from the ``figures``
    computed once ([`pmedu.pipeline.tree_figures`][pmedu.pipeline.tree_figures]), or else from the
    unit table's ``has_station`` flags.

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县", members=3),
    ...                         Unit(id="S", name="某街道", kind="街道", parent_id="C"),
    ...                         Unit(id="V", name="某社区", kind="社区", parent_id="S", members=9)])
    >>> tree_table(t, "zh").rows
    (('县', 1, 3, 0), ('街道', 1, 0, 0), ('社区', 1, 9, 0), ('合计', 3, 12, 0))
    """
    msg = messages(lang)
    kinds = _kind_rows(tree, figures)
    rows: list[tuple[Cell, ...]] = [
        (kind.label if lang == "zh" else kind.value.replace("_", " "), n, members, stations)
        for kind, n, members, stations in kinds
    ]
    totals = [sum(n for _k, n, _m, _s in kinds), sum(m for _k, _n, m, _s in kinds)]
    totals.append(sum(w for _k, _n, _m, w in kinds))
    rows.append((msg["coverage.total"], *totals))
    return Table(
        columns=(
            Column(msg["col.kind"]),
            Column(msg["col.units"], "int"),
            Column(msg["col.members"], "int"),
            Column(msg["col.with_station"], "int"),
        ),
        rows=rows,
        footer=1,
    )


def unit_coverage(
    tree: OrgTree, kinds: Any, *, figures: TreeFigures | None = None
) -> Mapping[str, Coverage]:
    """Every unit's coverage of ``kinds``: read from the ``figures`` computed once, or else
    (no figures given) counted from the unit table's ``has_station`` flags.

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="一村", kind="村", parent_id="T", has_station=True)])
    >>> unit_coverage(t, "村")["T"].rate
    1.0
    """
    if figures is not None:
        return figures.coverage_of(kinds)
    return tree.coverage(parse_kinds(kinds))


def coverage_groups(tree: OrgTree, *, by: Any = COVERAGE_BY) -> list[str]:
    """The ids of the units the coverage section has a row for: the units of kind ``by``
    (townships and streets by default) or, when the tree has none, the root's children.

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...                         Unit(id="E", name="某企业", kind="非公企业", parent_id="C")])
    >>> coverage_groups(t)
    ['E']
    """
    ids = [u.id for u in tree.units(kind=parse_kinds(by))]
    if not ids:
        ids = [u.id for u in tree.children(tree.root.id)]
    return ids


def coverage_rows(
    tree: OrgTree,
    *,
    kinds: Any = COVERAGE_KINDS,
    by: Any = COVERAGE_BY,
    figures: TreeFigures | None = None,
) -> list[tuple[str, str, int, int, float | None]]:
    """``(name, id, covered, total, rate)`` for every group unit, in the tree's order.

    The coverage is read from ``figures`` (see
    [`unit_coverage`][pmedu.report.tables.unit_coverage]), then looked up per group.

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V1", name="一村", kind="村", parent_id="T", has_station=True),
    ...     Unit(id="V2", name="二村", kind="村", parent_id="T")])
    >>> coverage_rows(t)
    [('东镇', 'T', 1, 2, 0.5)]
    """
    cov = unit_coverage(tree, kinds, figures=figures)
    out = []
    for uid in coverage_groups(tree, by=by):
        c = cov[uid]
        out.append((tree.unit(uid).name, uid, c.covered, c.total, c.rate))
    return out


def coverage_table(
    tree: OrgTree,
    lang: str,
    *,
    kinds: Any = COVERAGE_KINDS,
    by: Any = COVERAGE_BY,
    rows: Sequence[tuple[str, str, int, int, float | None]] | None = None,
    figures: TreeFigures | None = None,
) -> Table:
    """Station coverage (建点率) of ``kinds`` for each township/street, with a total row for
    the whole tree (see [`coverage_rows`][pmedu.report.tables.coverage_rows]).

    >>> from pmedu import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="S", name="城关街道", kind="街道", parent_id="C"),
    ...     Unit(id="M", name="幸福社区", kind="社区", parent_id="S")])
    >>> coverage_table(t, "zh").rows
    (('城关街道', 'S', 0, 1, 0.0), ('合计', 'C', 0, 1, 0.0))
    """
    msg = messages(lang)
    body = (
        list(rows) if rows is not None else coverage_rows(tree, kinds=kinds, by=by, figures=figures)
    )
    root = unit_coverage(tree, kinds, figures=figures)[tree.root.id]
    total: tuple[Cell, ...] = (
        msg["coverage.total"],
        tree.root.id,
        root.covered,
        root.total,
        root.rate,
    )
    return Table(
        columns=(
            Column(msg["col.unit"]),
            Column(msg["col.unit_id"]),
            Column(msg["col.covered"], "int"),
            Column(msg["col.total"], "int"),
            Column(msg["col.rate"], "pct"),
        ),
        rows=[*body, total],
        footer=1,
    )


def gaps_table(
    tree: OrgTree, gap_list: Iterable[tuple[Any, Any, Sequence[Any]]], lang: str
) -> Table:
    """The station gap list as a table: station, unit, where it sits, standard, missing.

    ``gap_list`` is what [`pmedu.pipeline.station_gaps`][pmedu.pipeline.station_gaps] returns.
    Missing items are shown by their Chinese label (``zh``) or English name (``en``), joined.

    >>> from pmedu import Unit
    >>> from pmedu.stations import Station
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> from pmedu.pipeline import station_gaps
    >>> gl = station_gaps(t, [Station(id="S1", unit_id="V", features=["tv", "player"])],
    ...                   standards=["two_machines_one_room"])
    >>> gaps_table(t, gl, "en").rows
    (('S1', '石桥村', '东镇', 'two machines one room', 'room'),)
    """
    msg = messages(lang)
    sep = "、" if lang == "zh" else ", "
    rows: list[tuple[Cell, ...]] = []
    for station, std, missing in gap_list:
        unit = tree.unit(station.unit_id)
        parent = tree.parent(unit.id)
        under = tree.path(parent.id) if parent is not None else ""
        names = [i.label if lang == "zh" else i.name.replace("_", " ") for i in missing]
        std_name = std.label if lang == "zh" else std.name.replace("_", " ")
        rows.append((station.name or station.id, unit.name, under, std_name, sep.join(names)))
    return Table(
        columns=(
            Column(msg["col.station"]),
            Column(msg["col.unit"]),
            Column(msg["col.path"]),
            Column(msg["col.standard"]),
            Column(msg["col.missing"]),
        ),
        rows=rows,
    )


def supply_table(plan: Any, lang: str) -> Table:
    """The film supply plan (a [`pmedu.supply.SupplyPlan`][pmedu.supply.plan.SupplyPlan]) as a
    table: one row per line, in the plan's order (the total first); ``—`` where not applicable.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.supply import plan_supply
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...                         Unit(id="T", name="东镇", kind="镇", parent_id="C"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> for row in supply_table(plan_supply(t), "en").rows:
    ...     print(row)
    ('某县', 'C', 'county', 1, 1, 1, 0, 0, 1, 0)
    ('东镇', 'T', 'township', 1, 1, None, None, 0, 1, 0)
    """
    msg = messages(lang)
    rows: list[tuple[Cell, ...]] = []
    for line in plan.lines:
        rows.append(
            (
                line.name,
                line.unit_id,
                msg[f"level.{line.level}"],
                line.villages,
                line.target_sets,
                line.subscribed_sets,
                line.supplementary_sets,
                line.held,
                line.shortfall,
                line.magazines,
            )
        )
    return Table(
        columns=(
            Column(msg["col.unit"]),
            Column(msg["col.unit_id"]),
            Column(msg["col.level"]),
            Column(msg["col.villages"], "int"),
            Column(msg["col.target_sets"], "int"),
            Column(msg["col.subscribed_sets"], "int"),
            Column(msg["col.supplementary_sets"], "int"),
            Column(msg["col.held"], "int"),
            Column(msg["col.shortfall"], "int"),
            Column(msg["col.magazines"], "int"),
        ),
        rows=rows,
    )


def supply_totals(plan: Any) -> dict[str, int | None]:
    """The plan's grand total: target, subscribed, supplementary, held and shortfall.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.supply import plan_supply
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> supply_totals(plan_supply(t))
    {'target': 1, 'subscribed': None, 'supplementary': None, 'held': 0, 'shortfall': 1}
    """
    total = plan.total
    return {
        "target": total.target_sets,
        "subscribed": total.subscribed_sets,
        "supplementary": total.supplementary_sets,
        "held": total.held,
        "shortfall": total.shortfall,
    }


def rubric_name(assessment: Any) -> str:
    """The name of the rubric an assessment used.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> rubric_name(a) == preset_rubric().name
    True
    """
    return str(assessment.rubric.name)


def _yes(value: bool, msg: Any) -> str:
    return str(msg["yes"]) if value else ""


def ranking_table(assessment: Any, lang: str, *, peer_group: Any = None) -> Table:
    """The ranking (a [`pmedu.scoring.Assessment`][pmedu.scoring.results.Assessment]'s
    ``ranking(peer_group)``): rank, unit, id, total, grade, tied, vetoed — best first, equal totals
    with equal ranks.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> [row[:4] for row in ranking_table(a, "en").rows]
    [(1, '东镇', 'T1', Decimal('6.00')), (2, '西镇', 'T2', Decimal('1.50'))]
    """
    msg = messages(lang)
    rows: list[tuple[Cell, ...]] = [
        (
            e.rank,
            e.unit_name,
            e.unit_id,
            e.total,
            e.grade,
            _yes(e.tied, msg),
            _yes(e.vetoed, msg),
        )
        for e in assessment.ranking(peer_group=peer_group)
    ]
    return Table(
        columns=(
            Column(msg["col.rank"], "int"),
            Column(msg["col.unit"]),
            Column(msg["col.unit_id"]),
            Column(msg["col.score"], "num"),
            Column(msg["col.grade"]),
            Column(msg["col.tied"]),
            Column(msg["col.veto"]),
        ),
        rows=rows,
    )


def _rubric_items(rubric: Any) -> dict[str, Any]:
    """The rubric's indicators and bonus items by code (empty without a rubric)."""
    if rubric is None:
        return {}
    return {item.code: item for item in (*rubric.indicators, *rubric.bonus)}


def _na_policy(rubric: Any) -> str:
    policy = getattr(rubric, "not_applicable", None)
    return str(getattr(policy, "value", "rescale"))


def _line_cells(line: Any, msg: Mapping[str, str], rubric: Any = None) -> tuple[Cell, ...]:
    """A scorecard line's cells: the actual, target, rule and note in words of the catalogue
    (see [`pmedu.report.describe`][pmedu.report.describe]); points as they are."""
    item = _rubric_items(rubric).get(line.code)
    rule = getattr(item, "rule", None)
    kind = measure_kind(line.measure, rule=rule)
    return (
        line.code,
        line.name,
        actual_text(line, kind, msg),
        target_text(line, kind, msg),
        rule_text(rule, line.possible, kind, msg),
        line.points,
        line.possible,
        note_text(line, rule, kind, msg, not_applicable=_na_policy(rubric)),
    )


def _line_columns(msg: Mapping[str, str]) -> tuple[Column, ...]:
    """The columns of [`_line_cells`][pmedu.report.tables._line_cells] and
    [`_veto_cells`][pmedu.report.tables._veto_cells]."""
    return (
        Column(msg["col.code"]),
        Column(msg["col.indicator"]),
        Column(msg["col.actual"]),
        Column(msg["col.target"]),
        Column(msg["col.rule"]),
        Column(msg["col.points"], "num"),
        Column(msg["col.possible"], "num"),
        Column(msg["col.note"]),
    )


def _veto_cells(veto: Any, note: str) -> tuple[Cell, ...]:
    actual = NOT_APPLICABLE if veto.actual is None else number_text(veto.actual)
    return (veto.code, veto.name, actual, None, veto.condition, None, None, note)


def scorecard_table(card: Any, lang: str, *, rubric: Any = None) -> Table:
    """One unit's point-by-point breakdown (a
    [`pmedu.scoring.Scorecard`][pmedu.scoring.results.Scorecard]): a row per indicator and bonus
    item (actual, target, rule, points, possible, note — in words of ``lang``, the rules
    rendered from the ``rubric``'s rule parameters), a row per veto item, then the indicator
    points, the capped bonus and the total (the footer, shown once).

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> t = scorecard_table(a.scorecard("T1"), "en", rubric=a.rubric)
    >>> t.caption, t.rows[-1][1], t.rows[-1][5]
    ('东镇, point by point (total 6.00, 不合格)', 'Total', Decimal('6.00'))
    """
    msg = messages(lang)
    rows: list[tuple[Cell, ...]] = [
        _line_cells(ln, msg, rubric) for ln in (*card.lines, *card.bonus_lines)
    ]
    for x in card.vetoes:
        rows.append(_veto_cells(x, veto_note(x, msg)))
    rows.append(
        (
            "",
            msg["assessment.indicators"],
            "",
            "",
            "",
            card.indicator_points,
            card.possible,
            msg["note.rescaled"] if card.rescaled else "",
        )
    )
    rows.append(("", msg["assessment.bonus"], "", "", "", card.bonus, None, ""))
    rows.append(("", msg["assessment.total"], "", "", "", card.total, None, card.grade))
    return Table(
        columns=_line_columns(msg),
        rows=rows,
        caption=msg["assessment.breakdown"].format(
            name=card.unit_name, total=format_cell(card.total, fmt="num"), grade=card.grade
        ),
        footer=3,
    )


def assessment_tables(
    tree: OrgTree, assessment: Any, lang: str, *, limit: int | None = None
) -> tuple[Table, list[Table]]:
    """The ranking table and the breakdown of each ranked unit, best first (the first
    ``limit`` of them; all when ``None``).

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> ranking, details = assessment_tables(tree, a, "zh", limit=1)
    >>> len(ranking.rows), [d.caption for d in details]
    (2, ['东镇 逐项得分（总分 6.00，不合格）'])
    """
    ranking = ranking_table(assessment, lang)
    order = [e.unit_id for e in assessment.ranking()]
    if limit is not None:
        order = order[:limit]
    rubric = assessment.rubric
    return ranking, [
        scorecard_table(assessment.scorecard(uid), lang, rubric=rubric) for uid in order
    ]


def indicator_lines_table(assessment: Any, lang: str) -> Table:
    """Every indicator and bonus line of every unit, one row each (long format, for the
    workbook): unit, id, section, code, indicator, actual, target, rule, points, possible,
    note.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> t = indicator_lines_table(a, "zh")
    >>> len(t.rows) == 2 * (len(a.rubric.indicators) + len(a.rubric.bonus) + len(a.rubric.veto))
    True
    """
    msg = messages(lang)
    rubric = assessment.rubric
    rows: list[tuple[Cell, ...]] = []
    for card in assessment.scorecards:
        for ln in (*card.lines, *card.bonus_lines):
            section = msg["col.bonus"] if ln.section == "bonus" else msg["col.indicator"]
            rows.append((card.unit_name, card.unit_id, section, *_line_cells(ln, msg, rubric)))
        for x in card.vetoes:
            veto = _veto_cells(x, veto_note(x, msg))
            rows.append((card.unit_name, card.unit_id, msg["col.veto"], *veto))
    return Table(
        columns=(
            Column(msg["col.unit"]),
            Column(msg["col.unit_id"]),
            Column(msg["col.section"]),
            *_line_columns(msg),
        ),
        rows=rows,
    )


def assessment_sheets(tree: OrgTree, assessment: Any, lang: str) -> tuple[Table, Table]:
    """The two assessment sheets of the workbook: the ranking and the indicator lines.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.facts import Facts
    >>> from pmedu.scoring import assess, preset_rubric
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
    >>> a = assess(tree, Facts.from_records([("T1", "info_items", 8), ("T2", "info_items", 2)]),
    ...            preset_rubric())
    >>> ranking, lines = assessment_sheets(tree, a, "zh")
    >>> ranking.headers[:2], lines.headers[:3]
    (['名次', '单位'], ['单位', '编号', '类别'])
    """
    return ranking_table(assessment, lang), indicator_lines_table(assessment, lang)


def _change_text(change: Any) -> str:
    delta = change.delta
    if delta is None:
        return NOT_APPLICABLE
    if change.kind == "rate":
        points = float(delta) * 100
        return f"{points:+.1f}"
    return f"{int(delta):+,}"


def comparison_table(comparison: YearComparison, msg: Mapping[str, str]) -> Table:
    """The headline figures of this year and last (a
    [`YearComparison`][pmedu.results.YearComparison]) and the change: rates as percentages,
    their change in percentage points, counts with separators.

    >>> from pmedu.results import FigureChange
    >>> c = YearComparison(year=2025, previous_year=2024, figures=(
    ...     FigureChange(key="coverage", kind="rate", current=0.9, previous=0.8),
    ...     FigureChange(key="members", kind="count", current=1200, previous=1250)))
    >>> comparison_table(c, messages("zh")).rows
    (('建点率', '90.0%', '80.0%', '+10.0'), ('党员数', '1,200', '1,250', '-50'))
    """
    fmt = {"rate": "pct", "count": "int"}
    rows: list[tuple[Cell, ...]] = [
        (
            msg[f"fig.{f.key}"],
            format_cell(f.current, fmt=fmt.get(f.kind, "num")),
            format_cell(f.previous, fmt=fmt.get(f.kind, "num")),
            _change_text(f),
        )
        for f in comparison.figures
    ]
    return Table(
        columns=(
            Column(msg["compare.figure"]),
            Column(msg["compare.current"].format(year=comparison.year)),
            Column(msg["compare.previous"].format(year=comparison.previous_year)),
            Column(msg["compare.change"]),
        ),
        rows=rows,
        caption=msg["summary.comparison"].format(previous=comparison.previous_year),
    )


def comparison_units_table(comparison: YearComparison, msg: Mapping[str, str]) -> Table:
    """Every ranked unit's total and rank this year and last, and the places gained.

    >>> from decimal import Decimal
    >>> from pmedu.results import UnitChange
    >>> c = YearComparison(year=2025, previous_year=2024, units=(UnitChange(unit_id="T1",
    ...     unit_name="东镇", current_total=Decimal("90.00"), previous_total=None,
    ...     current_rank=1, previous_rank=None),))
    >>> comparison_units_table(c, messages("zh")).rows
    (('东镇', 'T1', Decimal('90.00'), None, 1, None, None),)
    """
    rows: list[tuple[Cell, ...]] = [
        (
            u.unit_name,
            u.unit_id,
            u.current_total,
            u.previous_total,
            u.current_rank,
            u.previous_rank,
            u.rank_delta,
        )
        for u in comparison.units
    ]
    return Table(
        columns=(
            Column(msg["col.unit"]),
            Column(msg["col.unit_id"]),
            Column(msg["compare.total_now"], "num"),
            Column(msg["compare.total_before"], "num"),
            Column(msg["compare.rank_now"], "int"),
            Column(msg["compare.rank_before"], "int"),
            Column(msg["compare.rank_change"], "int"),
        ),
        rows=rows,
        caption=msg["compare.units_title"],
    )
