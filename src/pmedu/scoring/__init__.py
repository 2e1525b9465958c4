"""Target-responsibility assessment (目标责任制考核): rubrics, facts, scorecards, ranking.

A county organisation department scores its townships with its own rubric (a TOML file), explains
every point, ranks the townships (ties as ties), grades them, applies bonus (加分) and veto
(一票否决) items, rolls scores up and compares with last year ([the
assessment][concept-assessment]).

>>> from pmedu.scoring import preset_rubric, rubric_presets
>>> rubric_presets()
['county_township']
>>> sum(i.points for i in preset_rubric().indicators)
Decimal('100')
"""

from pmedu.compat import moved
from pmedu.scoring import _hooks  # noqa: F401  (registers the converter hooks of scoring)
from pmedu.scoring.assess import assess
from pmedu.scoring.presets import preset_rubric, rubric_presets
from pmedu.scoring.results import (
    Assessment,
    Change,
    RankEntry,
    Ranking,
    RollupLine,
    Scorecard,
    ScoreLine,
    VetoLine,
)
from pmedu.scoring.rules import (
    BandsRule,
    DeadlineRule,
    DeductionRule,
    PerItemRule,
    RatioRule,
    Rule,
    ThresholdRule,
)
from pmedu.scoring.schema import (
    BonusItem,
    Category,
    Condition,
    Grade,
    Indicator,
    MissingPolicy,
    NotApplicablePolicy,
    Rubric,
    VetoEffect,
    VetoItem,
    VetoRank,
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
    "Grade",
    "Indicator",
    "MissingPolicy",
    "NotApplicablePolicy",
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
    "VetoRank",
    "assess",
    "preset_rubric",
    "rubric_presets",
]

__getattr__ = moved(
    __name__,
    {
        "Facts": "pmedu.facts",
        "load_rubric": "pmedu.io.rubrics",
        "save_rubric": "pmedu.io.rubrics",
        "read_facts": "pmedu.io.facts",
    },
)
