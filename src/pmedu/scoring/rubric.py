"""Assessment rubrics (moved: rules to [`pmedu.scoring.rules`][pmedu.scoring.rules], the rubric's
parts to [`pmedu.scoring.schema`][pmedu.scoring.schema], its checks to
[`pmedu.scoring.validate`][pmedu.scoring.validate], the shipped rubrics to
[`pmedu.scoring.presets`][pmedu.scoring.presets], files to [`pmedu.io.rubrics`][pmedu.io.rubrics]).

The names stay importable here for old callers; ``load_rubric`` and ``save_rubric`` are
looked up in [`pmedu.io.rubrics`][pmedu.io.rubrics] only when asked for (scoring never imports io).

>>> preset_rubric("county_township").total
Decimal('100')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pmedu.scoring.decimals import ZERO, clamp
from pmedu.scoring.presets import preset_rubric, rubric_presets
from pmedu.scoring.rules import (
    RULES,
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
    Rubric,
    VetoEffect,
    VetoItem,
)
from pmedu.scoring.validate import rubric_problems

if TYPE_CHECKING:  # the types only; at run time they come from __getattr__
    from pmedu.io.rubrics import load_rubric, save_rubric

__all__ = [
    "RULES",
    "ZERO",
    "BandsRule",
    "BonusItem",
    "Category",
    "Condition",
    "DeadlineRule",
    "DeductionRule",
    "Grade",
    "Indicator",
    "MissingPolicy",
    "PerItemRule",
    "RatioRule",
    "Rubric",
    "Rule",
    "ThresholdRule",
    "VetoEffect",
    "VetoItem",
    "clamp",
    "load_rubric",
    "preset_rubric",
    "rubric_presets",
    "rubric_problems",
    "save_rubric",
]

_IO = {"load_rubric": "pmedu.io.rubrics", "save_rubric": "pmedu.io.rubrics"}


def __getattr__(name: str) -> Any:
    if name in _IO:
        return getattr(importlib.import_module(_IO[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
