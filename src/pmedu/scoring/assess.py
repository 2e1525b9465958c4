"""Scoring units against a rubric: [`assess`][pmedu.scoring.assess.assess] computes the scorecards.

[`assess`][pmedu.scoring.assess.assess] scores every chosen unit: one
[`Scorecard`][pmedu.scoring.results.Scorecard] per unit with a
[`ScoreLine`][pmedu.scoring.results.ScoreLine] per indicator (actual, target, rule, points earned,
points possible, note), the bonus (capped), the veto items, the total (an exact Decimal) and the
grade. The results are data ([`pmedu.scoring.results`][pmedu.scoring.results]).

>>> from pmedu import OrgTree, Unit
>>> from pmedu.facts import Facts
>>> from pmedu.scoring import preset_rubric
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
...     Unit(id="T2", name="西镇", kind="镇", parent_id="C")])
>>> rubric = preset_rubric(name="county_township")
>>> full = {m: 1 for m in rubric.measures}
>>> full.update(news_item_days_late=0, special_film_days_late=-5, info_items=8,
...             info_quarters_met=4, provincial_awards=0, funds_misuse_findings=0,
...             theme_activities=2)
>>> records = [(u, m, x) for u in ("T1", "T2") for m, x in full.items()]
>>> records[rubric.measures.index("provincial_awards")] = ("T1", "provincial_awards", 1)
>>> facts = Facts.from_records(records, year=2025)
>>> a = assess(tree, facts, rubric, units=["T1", "T2"])
>>> a.scorecard("T1").total, a.scorecard("T1").grade, a.scorecard("T2").total
(Decimal('102.00'), '优秀', Decimal('100.00'))
>>> [(e.unit_id, e.rank) for e in a.ranking()]
[('T1', 1), ('T2', 2)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from pmedu.errors import DataError, Problem
from pmedu.facts.data import Facts
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.scoring.decimals import ZERO, clamp, fmt
from pmedu.scoring.results import (
    Assessment,
    Change,
    RankEntry,
    Ranking,
    RollupLine,
    Scorecard,
    ScoreLine,
    Section,
    VetoLine,
)
from pmedu.scoring.rules import DeadlineRule, RatioRule
from pmedu.scoring.schema import (
    Grade,
    Indicator,
    MissingPolicy,
    NotApplicablePolicy,
    Rubric,
    VetoEffect,
)

#: how a not-applicable line is shown (the scorecard's label pair)
NOT_APPLICABLE = "不适用 not applicable"

__all__ = [
    "Assessment",
    "Change",
    "RankEntry",
    "Ranking",
    "RollupLine",
    "ScoreLine",
    "Scorecard",
    "VetoLine",
    "assess",
    "demo_assessment",
]


def _score_line(
    unit_id: str,
    item: Any,
    possible: Decimal,
    facts: Facts,
    rubric: Rubric,
    section: Section,
    problems: list[Problem],
) -> ScoreLine:
    rule = item.rule
    actual = facts.get(unit_id, item.measure)
    common = {
        "code": item.code,
        "name": item.name,
        "category": item.category.value if section == "indicator" else "bonus",
        "measure": item.measure,
        "actual": actual,
        "target": rule.target_value,
        "rule": rule.describe(possible),
        "possible": possible,
        "section": section,
    }
    zero = clamp(ZERO, possible, decimals=rubric.decimals)
    if actual is None:
        if isinstance(rule, DeadlineRule):
            return ScoreLine(points=zero, missing=True, note="not delivered: 0", **common)
        if facts.has(unit_id, item.measure):
            return _not_applicable_line(possible, rubric, section, common)
        if section == "indicator" and rubric.missing is MissingPolicy.ERROR:
            problems.append(
                Problem(f"missing fact for indicator {item.code}", unit=unit_id, field=item.measure)
            )
        return ScoreLine(points=zero, missing=True, note="missing fact: 0 points", **common)
    pts = rule.points(actual, possible, decimals=rubric.decimals)
    note = ""
    if isinstance(rule, DeadlineRule):
        if actual <= 0:
            note = "on time"
        elif actual <= rule.grace_days:
            note = f"{fmt(actual)} days late"
        else:
            note = f"{fmt(actual)} days late, beyond {rule.grace_days}"
    return ScoreLine(points=pts, note=note, **common)


def _not_applicable_line(
    possible: Decimal, rubric: Rubric, section: Section, common: dict[str, Any]
) -> ScoreLine:
    """A line whose fact is present but ``None`` (nothing to divide by): the rubric's
    ``not_applicable`` policy decides (a bonus item earns 0 unless the policy is ``full``)."""
    policy = rubric.not_applicable
    if policy is NotApplicablePolicy.FULL:
        pts, how = possible, "full points"
    elif policy is NotApplicablePolicy.RESCALE and section == "indicator":
        pts, how = ZERO, "left out, the total rescaled 折算"
    else:
        pts, how = ZERO, "0 points"
    points = clamp(pts, possible, decimals=rubric.decimals)
    return ScoreLine(points=points, not_applicable=True, note=f"{NOT_APPLICABLE}: {how}", **common)


def _indicator_points(lines: Sequence[ScoreLine], rubric: Rubric) -> tuple[Decimal, Decimal]:
    """(indicator points, points applicable): under ``rescale`` the points earned on the
    applicable lines ÷ the points applicable × the rubric's total (折算)."""
    earned = sum((ln.points for ln in lines), ZERO)
    if rubric.not_applicable is not NotApplicablePolicy.RESCALE:
        return earned, rubric.total
    applicable = sum((ln.possible for ln in lines if not ln.not_applicable), ZERO)
    if applicable == rubric.total:
        return earned, applicable
    if applicable == 0:
        return clamp(ZERO, rubric.total, decimals=rubric.decimals), applicable
    scaled = earned * rubric.total / applicable
    return clamp(scaled, rubric.total, decimals=rubric.decimals), applicable


def assess(
    tree: OrgTree,
    facts: Facts,
    rubric: Rubric,
    *,
    units: Iterable[str] | None = None,
    kind: Any = None,
    year: int | None = None,
) -> Assessment:
    """Score units of ``tree`` against ``rubric`` with ``facts``.

    ``units`` are the unit ids to assess; or ``kind`` assesses every unit of that kind (one
    kind or several, labels accepted); by default every unit of the tree that has a fact.
    Unknown unit ids raise [`DataError`][pmedu.errors.DataError] listing them all; so do missing
    facts when the rubric's ``missing`` policy is ``"error"``. ``year`` defaults to
    ``facts.year``. Nothing given is changed.

    >>> from pmedu.scoring.assess import demo_assessment
    >>> a = demo_assessment([75, 59.5])
    >>> [(c.unit_id, c.total, c.grade) for c in a.scorecards]
    [('T1', Decimal('75.00'), '良好'), ('T2', Decimal('59.50'), '不合格')]
    """
    if units is not None and kind is not None:
        raise ValueError("give units= or kind=, not both")
    if units is not None:
        wanted = list(dict.fromkeys(units))
        unknown = [u for u in wanted if u not in tree]
        if unknown:
            raise DataError([Problem("not in the tree", unit=u, field="units") for u in unknown])
        chosen = set(wanted)
        ids = [u.id for u in tree if u.id in chosen]
    elif kind is not None:
        ids = [u.id for u in tree.units(kind=kind)]
    else:
        present = set(facts.units())
        ids = [u.id for u in tree if u.id in present]
    problems: list[Problem] = []
    cards = [_scorecard(tree, uid, facts, rubric, problems) for uid in ids]
    if problems:
        raise DataError(problems)
    return Assessment(
        tree=tree,
        rubric=rubric,
        scorecards=tuple(cards),
        year=year if year is not None else facts.year,
    )


def _scorecard(
    tree: OrgTree, uid: str, facts: Facts, rubric: Rubric, problems: list[Problem]
) -> Scorecard:
    unit = tree.unit(uid)
    lines = tuple(
        _score_line(uid, ind, ind.points, facts, rubric, "indicator", problems)
        for ind in rubric.indicators
    )
    bonus_lines = tuple(
        _score_line(
            uid,
            b,
            b.points if b.points is not None else rubric.bonus_cap,
            facts,
            rubric,
            "bonus",
            problems,
        )
        for b in rubric.bonus
    )
    vetoes = []
    for x in rubric.veto:
        actual = facts.get(uid, x.measure)
        fails = actual is not None and x.fails_when.holds(actual)
        note = "no fact: not applied" if actual is None else ""
        vetoes.append(
            VetoLine(
                x.code, x.name, x.measure, actual, str(x.fails_when), fails, x.effect, note=note
            )
        )
    ind_points, applicable = _indicator_points(lines, rubric)
    bonus_raw = sum((ln.points for ln in bonus_lines), ZERO)
    bonus = min(bonus_raw, rubric.bonus_cap)
    total = ind_points + bonus
    failed = [x for x in vetoes if x.failed]
    if any(x.effect is VetoEffect.ZERO for x in failed):
        total = clamp(ZERO, total, decimals=rubric.decimals)
    grade = rubric.lowest_grade if failed else rubric.grade_for(total)
    return Scorecard(
        unit_id=uid,
        unit_name=unit.name,
        kind=unit.kind,
        lines=lines,
        bonus_lines=bonus_lines,
        vetoes=tuple(vetoes),
        indicator_points=ind_points,
        bonus_raw=bonus_raw,
        bonus=bonus,
        total=total,
        grade=grade.name,
        possible=rubric.total,
        applicable=applicable,
    )


def demo_assessment(totals: Sequence[float]) -> Assessment:
    """A county with one township per total, each scored on a one-indicator rubric worth
    100 points (used by the examples of scoring).

    >>> [c.total for c in demo_assessment([80, 90]).scorecards]
    [Decimal('80.00'), Decimal('90.00')]
    """

    tree = OrgTree.from_units(
        [Unit(id="C", name="某县", kind="县")]
        + [
            Unit(id=f"T{i + 1}", name=f"镇{i + 1}", kind="镇", parent_id="C", members=10 * (i + 1))
            for i in range(len(totals))
        ]
    )
    rubric = Rubric(
        name="demo",
        total=100,
        grades=[Grade("优秀", 90), Grade("良好", 75), Grade("合格", 60), Grade("不合格", 0)],
        indicators=[
            Indicator(
                code="A",
                name="a",
                category="other",
                points=100,
                measure="m",
                rule=RatioRule(target=100),
            )
        ],
    )
    facts = Facts.from_records([(f"T{i + 1}", "m", t) for i, t in enumerate(totals)])
    return assess(tree, facts, rubric)


#: the old private name, kept for old callers (tests)
_demo_assessment = demo_assessment
