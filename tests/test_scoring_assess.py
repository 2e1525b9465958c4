"""assess(): scorecards, totals, bonus, veto, ranking, roll-up, compare, records."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.datasets import sample_county, sample_facts
from pmedu.errors import DataError, UnknownUnitError
from pmedu.facts import Facts
from pmedu.scoring import Rubric, VetoEffect, assess, preset_rubric
from pmedu.scoring.assess import demo_assessment as _demo_assessment
from strategies import facts_for, rubrics, totals_lists, townships

D = Decimal


BASE = {
    "two_machines_one_room_rate": "0.85",
    "attendance_rate": "0.82",
    "info_items": 6,
    "film_sets_held": 7,
    "news_item_days_late": 10,
    "demo_households_rate": "0.5",
    "provincial_awards": 2,
    "funds_misused": 0,
}


def test_hand_computed_scorecard(issue_rubric: Rubric) -> None:
    """The issue's rubric, scored by hand:
    ST1 20 × 0.85 = 17; VW1 0.82 ≥ 0.8 → 15; IN1 6 × 1 = 6; SU1 20 − 4 × (9 − 7) = 12;
    PR1 10 days late ≤ 30 → 6; DM1 0.5 in (0, 0.5] → 5; indicators 61; bonus 2 × 3 = 6,
    capped at 5 (the item's own cap is bonus_cap); total 66 → 合格. T2 the same but funds
    misused → 不合格 (lowest grade), total kept. T3 sent no attendance and no news item:
    17 + 0 + 6 + 12 + 0 + 5 = 40."""
    t2 = dict(BASE, funds_misused=1)
    t3 = {k: v for k, v in BASE.items() if k not in ("attendance_rate", "news_item_days_late")}
    t3["provincial_awards"] = 0
    records = [(u, m, x) for u, f in (("T1", BASE), ("T2", t2), ("T3", t3)) for m, x in f.items()]
    a = assess(townships(3), Facts.from_records(records), issue_rubric)
    c = a.scorecard("T1")
    assert [(ln.code, ln.points) for ln in c.lines] == [
        ("ST1", D(17)),
        ("VW1", D(15)),
        ("IN1", D(6)),
        ("SU1", D(12)),
        ("PR1", D(6)),
        ("DM1", D(5)),
    ]
    assert [ln.possible for ln in c.lines] == [D(20), D(20), D(8), D(20), D(12), D(20)]
    assert c.line("VW1").actual == D("0.82")
    assert c.line("VW1").target == D("0.9")
    assert c.line("PR1").note == "10 days late"
    assert (c.indicator_points, c.bonus_raw, c.bonus, c.total, c.grade) == (
        D(61),
        D(5),
        D(5),
        D(66),
        "合格",
    )
    assert not c.vetoed
    assert c.missing == ()
    c2 = a.scorecard("T2")
    assert c2.total == D(66)
    assert c2.grade == "不合格"
    assert c2.vetoed
    c3 = a.scorecard("T3")
    assert c3.total == D(40)
    assert c3.grade == "不合格"
    assert c3.missing == ("attendance_rate", "news_item_days_late")
    assert c3.line("VW1").note == "missing fact: 0 points"
    assert c3.line("PR1").note == "not delivered: 0"
    assert [(e.unit_id, e.rank, e.tied) for e in a.ranking()] == [
        ("T1", 1, False),
        ("T3", 2, False),
        ("T2", 3, False),  # vetoed: ranked last (veto_rank = "last")
    ]
    text = c.explain()
    assert "镇1 (T1): 66.00 points, 合格" in text
    assert "bonus 加分" in text


def test_veto_zero_effect(issue_rubric: Rubric) -> None:

    rubric = attrs.evolve(
        issue_rubric, veto=[attrs.evolve(issue_rubric.veto[0], effect=VetoEffect.ZERO)]
    )
    facts = Facts.from_records([("T1", m, x) for m, x in dict(BASE, funds_misused=2).items()])
    c = assess(townships(1), facts, rubric).scorecard("T1")
    assert c.total == 0
    assert c.grade == "不合格"
    assert c.indicator_points == D(61)


def test_missing_policy_error_lists_every_missing_fact(issue_rubric: Rubric) -> None:

    rubric = attrs.evolve(issue_rubric, missing="error")
    facts = Facts.from_records([("T1", "info_items", 3), ("T2", "info_items", 3)])
    with pytest.raises(DataError) as info:
        assess(townships(2), facts, rubric)
    # 4 non-deadline indicators missing for each of 2 units; deadline = not delivered
    assert len(info.value.problems) == 8
    assert "unit T1: two_machines_one_room_rate: missing fact for indicator ST1" in str(info.value)


def test_units_and_kind_selection(issue_rubric: Rubric) -> None:
    facts = Facts.from_records([("T1", "info_items", 3)])
    tree = townships(3)
    assert assess(tree, facts, issue_rubric).unit_ids == ("T1",)
    assert assess(tree, facts, issue_rubric, kind="乡镇").unit_ids == ("T1", "T2", "T3")
    assert assess(tree, facts, issue_rubric, units=["T3", "T1"]).unit_ids == ("T1", "T3")
    with pytest.raises(DataError, match="unit X9: units: not in the tree"):
        assess(tree, facts, issue_rubric, units=["X9", "T1"])


@given(st.data())
def test_total_is_indicators_plus_capped_bonus_and_veto_as_declared(
    data: st.DataObject,
) -> None:
    rubric = data.draw(rubrics())
    ids = [f"T{i + 1}" for i in range(data.draw(st.integers(1, 5)))]
    facts = data.draw(facts_for(rubric, ids))
    a = assess(townships(len(ids)), facts, rubric, units=ids)
    for c in a.scorecards:
        for ln in c.lines:
            assert D(0) <= ln.points <= ln.possible
            assert ln.missing == (facts.get(c.unit_id, ln.measure) is None)
        assert c.indicator_points == sum(ln.points for ln in c.lines)
        assert c.bonus == min(c.bonus_raw, rubric.bonus_cap)
        failed = [x for x in c.vetoes if x.failed]
        if any(x.effect is VetoEffect.ZERO for x in failed):
            assert c.total == 0
        else:
            assert c.total == c.indicator_points + c.bonus
        # the grade: the band with the highest minimum the total reaches; a veto fails it
        reached = [g for g in rubric.grades if g.min <= c.total]
        lowest = min(rubric.grades, key=lambda g: g.min)
        expected = lowest if failed else max(reached, key=lambda g: g.min)
        assert c.grade == expected.name


@given(totals_lists, st.randoms(use_true_random=False))
def test_ranking_consistent_with_totals_and_order_free(
    totals: list[Decimal], rnd: random.Random
) -> None:
    a = _demo_assessment([float(t) for t in totals])
    ranking = a.ranking()
    by_id = {e.unit_id: e for e in ranking}
    for e in ranking:
        higher = sum(1 for f in ranking if f.total > e.total)
        distinct_higher = len({f.total for f in ranking if f.total > e.total})
        assert e.rank == 1 + higher
        assert a.ranking(method="dense").rank_of(e.unit_id) == 1 + distinct_higher
        assert e.tied == (sum(1 for f in ranking if f.total == e.total) > 1)
    # the same units assessed in another order rank the same
    ids = list(by_id)
    rnd.shuffle(ids)
    again = assess(
        a.tree, Facts.from_records([(u, "m", by_id[u].total) for u in ids]), a.rubric, units=ids
    )
    assert again.ranking().ranks() == ranking.ranks()


def test_ties_are_ranks_not_an_ordering() -> None:
    """Totals giving competition ranks [3, 1, 1] must not come out as an argsort [3, 1, 2]."""
    a = _demo_assessment([50, 90, 90])
    assert a.ranking().ranks() == {"T1": 3, "T2": 1, "T3": 1}
    assert a.ranking(method="dense").ranks() == {"T1": 2, "T2": 1, "T3": 1}
    with pytest.raises(ValueError, match="unknown ranking method"):
        a.ranking(method="fractional")  # type: ignore[arg-type]


def test_peer_groups() -> None:
    tree = OrgTree.from_units(
        [
            Unit(id="S", name="某市", kind="市"),
            Unit(id="C1", name="甲县", kind="县", parent_id="S"),
            Unit(id="C2", name="乙县", kind="县", parent_id="S"),
            Unit(id="A", name="a镇", kind="镇", parent_id="C1", members=10),
            Unit(id="B", name="b镇", kind="镇", parent_id="C1", members=30),
            Unit(id="X", name="x街道", kind="街道", parent_id="C2", members=20),
            Unit(id="Y", name="y镇", kind="镇", parent_id="C2", members=0),
        ]
    )
    rubric = _demo_assessment([1]).rubric
    facts = Facts.from_records([("A", "m", 60), ("B", "m", 80), ("X", "m", 70), ("Y", "m", 90)])
    a = assess(tree, facts, rubric)
    assert a.ranking().ranks() == {"Y": 1, "B": 2, "X": 3, "A": 4}
    assert a.ranking(peer_group="C1").ranks() == {"B": 1, "A": 2}
    assert a.ranking(peer_group="C2").ranks() == {"Y": 1, "X": 2}
    assert a.ranking(peer_group="街道").ranks() == {"X": 1}
    with pytest.raises(UnknownUnitError):
        a.ranking(peer_group="nowhere")
    mean = {r.unit_id: r.score for r in a.rollup(kind="县")}
    assert mean == {"C1": D(70), "C2": D(80)}
    assert {r.unit_id: r.score for r in a.rollup()} == {"S": D(75), "C1": D(70), "C2": D(80)}
    # members-weighted: C1 (60×10 + 80×30) / 40 = 75; C2 (70×20 + 90×0) / 20 = 70;
    # S over all four, not the mean of the county means: (600 + 2400 + 1400) / 60
    weighted = {r.unit_id: r.score for r in a.rollup(weight="members")}
    assert weighted == {"S": D("73.33"), "C1": D(75), "C2": D(70)}


def test_compare_year_on_year() -> None:
    now, before = _demo_assessment([80, 90, 70]), _demo_assessment([85, 70, 75])
    changes = {c.unit_id: c for c in now.compare(before)}
    assert changes["T1"].change == D(-5)
    assert changes["T1"].rank_change == -1
    assert changes["T2"].change == D(20)
    assert changes["T2"].rank_change == 2
    assert changes["T3"].rank == 3
    assert changes["T3"].previous_rank == 2
    assert changes["T3"].rank_change == -1


def test_records_are_plain(issue_rubric: Rubric) -> None:
    facts = Facts.from_records([("T1", m, x) for m, x in BASE.items()])
    a = assess(townships(1), facts, issue_rubric)
    rec = a.to_records()[0]
    assert rec["unit_id"] == "T1"
    assert rec["ST1"] == D(17)
    assert rec["total"] == D(66)
    assert rec["rank"] == 1
    assert rec["grade"] == "合格"
    lines = a.line_records()
    assert len(lines) == 6 + 1 + 1
    assert {ln["section"] for ln in lines} == {"indicator", "bonus", "veto"}
    assert all(isinstance(k, str) for ln in lines for k in ln)


def test_assess_changes_nothing_given(issue_rubric: Rubric) -> None:
    facts = Facts.from_records([("T1", m, x) for m, x in BASE.items()])
    before = (facts.to_records(), issue_rubric.to_dict())
    assess(townships(1), facts, issue_rubric)
    assert (facts.to_records(), issue_rubric.to_dict()) == before


def test_sample_county_assessment() -> None:

    a = assess(sample_county(), sample_facts(), preset_rubric(), kind=["township", "street"])
    assert len(a) == 20
    assert a.year == 2025
    r = a.ranking()  # the facts are computed from the records (issue 11): no tie
    assert not r.has_ties
    assert a.scorecard("T17").vetoed
    assert a.scorecard("T17").grade == "不合格"
    assert r.rank_of("T17") == 20
    assert a.scorecard("T03").missing == ("special_film_days_late",)
    assert a.scorecard("T07").line("PR1").note == "not delivered: 0"
    assert a.scorecard("T01").line("SU1").not_applicable
    grades = {c.grade for c in a.scorecards}
    assert grades == {"优秀", "良好", "合格", "不合格"}
