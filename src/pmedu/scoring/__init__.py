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

import importlib
from typing import TYPE_CHECKING, Any

from pmedu.scoring import _hooks  # noqa: F401  (registers the converter hooks of scoring)
from pmedu.scoring.assess import assess
from pmedu.scoring.facts import Facts
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

if TYPE_CHECKING:  # the types only; at run time they come from __getattr__
    from pmedu.io.facts import read_facts
    from pmedu.io.rubrics import load_rubric, save_rubric

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
    "load_rubric",
    "preset_rubric",
    "read_facts",
    "rubric_presets",
    "save_rubric",
]

#: names that moved to [`pmedu.io`][pmedu.io] (looked up only when asked for: scoring never imports
#: io)
_IO = {
    "load_rubric": "pmedu.io.rubrics",
    "save_rubric": "pmedu.io.rubrics",
    "read_facts": "pmedu.io.facts",
}


def __getattr__(name: str) -> Any:
    if name in _IO:
        return getattr(importlib.import_module(_IO[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
