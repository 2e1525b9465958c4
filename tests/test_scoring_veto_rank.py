"""Issue 11 (3): a vetoed unit ranks after every unit not vetoed in its peer group."""

from __future__ import annotations

import attrs

from pmedu.datasets import sample_county, sample_path
from pmedu.facts import Facts
from pmedu.io.facts import read_facts
from pmedu.scoring.assess import assess, demo_assessment
from pmedu.scoring.presets import preset_rubric
from pmedu.scoring.schema import Condition, VetoItem


def _bundled() -> object:
    tree = sample_county()
    facts = read_facts(sample_path("facts_2025.csv"))
    return assess(tree, facts, preset_rubric(), kind="乡镇")


def test_vetoed_unit_ranks_last_with_the_bundled_facts() -> None:
    a = _bundled()
    ranking = a.ranking()  # type: ignore[attr-defined]
    vetoed = [e for e in ranking if e.vetoed]
    assert vetoed
    assert all(e.ranked_last for e in vetoed)
    n = len(ranking)
    assert {e.rank for e in vetoed} >= {n - len(vetoed) + 1}
    assert ranking.entries[-len(vetoed) :] == tuple(vetoed)
    longxi = next(e for e in ranking if e.unit_name == "龙西镇")
    assert longxi.vetoed
    assert longxi.rank == n  # was 2nd by total
    assert "排末位" in ranking.table()


def test_by_total_keeps_the_old_order() -> None:
    base = demo_assessment([95, 80])
    rubric = attrs.evolve(
        base.rubric,
        veto=[VetoItem(code="V", name="挪用", measure="x", fails_when=Condition(">", 0))],
    )
    facts = Facts.from_records([("T1", "m", 95), ("T1", "x", 1), ("T2", "m", 80), ("T2", "x", 0)])
    last = assess(base.tree, facts, rubric).ranking()
    assert [(e.unit_id, e.rank, e.ranked_last) for e in last] == [
        ("T2", 1, False),
        ("T1", 2, True),
    ]
    by_total = assess(base.tree, facts, attrs.evolve(rubric, veto_rank="by_total")).ranking()
    assert [(e.unit_id, e.rank, e.ranked_last) for e in by_total] == [
        ("T1", 1, False),
        ("T2", 2, False),
    ]
    assert by_total.entries[0].vetoed
