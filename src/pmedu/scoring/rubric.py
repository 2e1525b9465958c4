"""Rubrics: now in ``pmedu.scoring`` (rules, schema, validate, presets) and ``pmedu.io.rubrics``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "RULES": "pmedu.scoring.rules",
        "BandsRule": "pmedu.scoring",
        "DeadlineRule": "pmedu.scoring",
        "DeductionRule": "pmedu.scoring",
        "PerItemRule": "pmedu.scoring",
        "RatioRule": "pmedu.scoring",
        "Rule": "pmedu.scoring",
        "ThresholdRule": "pmedu.scoring",
        "BonusItem": "pmedu.scoring",
        "Category": "pmedu.scoring",
        "Condition": "pmedu.scoring",
        "Grade": "pmedu.scoring",
        "Indicator": "pmedu.scoring",
        "MissingPolicy": "pmedu.scoring",
        "Rubric": "pmedu.scoring",
        "VetoEffect": "pmedu.scoring",
        "VetoItem": "pmedu.scoring",
        "ZERO": "pmedu.scoring.decimals",
        "clamp": "pmedu.scoring.decimals",
        "preset_rubric": "pmedu.scoring",
        "rubric_presets": "pmedu.scoring",
        "rubric_problems": "pmedu.scoring.validate",
        "load_rubric": "pmedu.io.rubrics",
        "save_rubric": "pmedu.io.rubrics",
    },
)
