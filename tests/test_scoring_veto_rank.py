"""Issue 11 (3): a vetoed unit ranks after every unit not vetoed in its peer group."""

from __future__ import annotations

import attrs

from pmedu.datasets import sample_county, sample_path
from pmedu.facts import Facts
from pmedu.io.facts import read_facts
from pmedu.scoring import Assessment
from pmedu.scoring.assess import assess, demo_assessment
from pmedu.scoring.presets import preset_rubric
from pmedu.scoring.schema import Condition, VetoItem


def _bundled(*, vetoed: str | None = None) -> Assessment:
    tree = sample_county()
    facts = read_facts(sample_path(name="facts_2025.csv"))
    if vetoed is not None:  # a funds-misuse case reported for one more unit
        rows = [(r["unit"], r["measure"], r["value"]) for r in facts.to_records()]
        rows = [(u, m, 1 if (u, m) == (vetoed, "funds_misuse_findings") else x) for u, m, x in rows]
        facts = Facts.from_records(rows, year=facts.year)
    return assess(tree, facts, preset_rubric(), kind=["乡", "镇", "街道"])


def test_vetoed_unit_ranks_last_with_the_bundled_facts() -> None:
    ranking = _bundled().ranking()
    vetoed = [e for e in ranking if e.vetoed]
    assert [e.unit_name for e in vetoed] == ["口松镇"]
    assert ranking.entries[-1] == vetoed[0]
    assert vetoed[0].ranked_last
    assert vetoed[0].rank == len(ranking)
    assert "排末位" in ranking.table()


def test_longxi_vetoed_no_longer_ranks_by_total() -> None:
    # 0.1.0's facts_2025.csv had 龙西镇 vetoed (不合格) ranking 2nd by its total
    by_total = attrs.evolve(preset_rubric(), veto_rank="by_total")
    a = _bundled(vetoed="T11")
    before = assess(a.tree, _facts_of(a), by_total, kind=["乡", "镇", "街道"]).ranking()
    after = a.ranking()
    clean = [e.rank for e in after if not e.vetoed]
    assert after.rank_of("T11") > max(clean)
    assert before.rank_of("T11") < after.rank_of("T11")
    names = [e.unit_name for e in after.entries[-2:]]
    assert set(names) == {"口松镇", "龙西镇"}
    assert all(e.ranked_last for e in after.entries[-2:])


def _facts_of(a: Assessment) -> Facts:
    tree = a.tree
    facts = read_facts(sample_path(name="facts_2025.csv"))
    rows = [(r["unit"], r["measure"], r["value"]) for r in facts.to_records()]
    rows = [(u, m, 1 if (u, m) == ("T11", "funds_misuse_findings") else x) for u, m, x in rows]
    assert "T11" in tree
    return Facts.from_records(rows, year=facts.year)


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
