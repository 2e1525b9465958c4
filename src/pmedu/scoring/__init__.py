"""Target-responsibility assessment (目标责任制考核): rubrics, facts, scorecards, ranking.

A county organisation department scores its townships with its own rubric (a TOML file),
explains every point, ranks the townships (ties as ties), grades them, applies bonus
(加分) and veto (一票否决) items, rolls scores up and compares with last year (DOMAIN.md §7).

>>> from pmedu.scoring import preset_rubric, rubric_presets
>>> rubric_presets()
['county_township']
>>> sum(i.points for i in preset_rubric().indicators)
Decimal('100')
"""

from pmedu.scoring.assess import (
    Assessment,
    Change,
    RankEntry,
    Ranking,
    RollupLine,
    Scorecard,
    ScoreLine,
    VetoLine,
    assess,
)
from pmedu.scoring.facts import Facts, read_facts
from pmedu.scoring.rubric import (
    BandsRule,
    BonusItem,
    Category,
    Condition,
    DeadlineRule,
    DeductionRule,
    Grade,
    Indicator,
    MissingPolicy,
    PerItemRule,
    RatioRule,
    Rubric,
    Rule,
    ThresholdRule,
    VetoEffect,
    VetoItem,
    load_rubric,
    preset_rubric,
    rubric_presets,
    save_rubric,
)

__all__ = [
    "Assessment",
    "BandsRule",
    "BonusItem",
    "Category",
    "Change",
    "Condition",
    "DeadlineRule",
    "DeductionRule",
    "Facts",
    "Grade",
    "Indicator",
    "MissingPolicy",
    "PerItemRule",
    "RankEntry",
    "Ranking",
    "RatioRule",
    "RollupLine",
    "Rubric",
    "Rule",
    "ScoreLine",
    "Scorecard",
    "ThresholdRule",
    "VetoEffect",
    "VetoItem",
    "VetoLine",
    "assess",
    "load_rubric",
    "preset_rubric",
    "read_facts",
    "rubric_presets",
    "save_rubric",
]
