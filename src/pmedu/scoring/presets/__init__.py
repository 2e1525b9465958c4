"""Rubrics shipped with pmedu (TOML files in this package), read with importlib.resources.

>>> rubric_presets()
['county_township']
>>> preset_rubric(name="county_township").name
'县对乡镇（街道）党员电教工作目标考核（预设）'
"""

from __future__ import annotations

import tomllib
from importlib import resources

from pmedu.errors import Problem, RubricError
from pmedu.scoring.schema import Rubric

__all__ = ["preset_rubric", "rubric_presets"]


def rubric_presets() -> list[str]:
    """Names of the shipped rubrics.

    >>> "county_township" in rubric_presets()
    True
    """
    root = resources.files(__name__)
    return sorted(
        entry.name.rsplit(".", 1)[0] for entry in root.iterdir() if entry.name.endswith(".toml")
    )


def preset_rubric(*, name: str = "county_township") -> Rubric:
    """A rubric shipped with pmedu (see [`rubric_presets`][pmedu.scoring.presets.rubric_presets]);
    copy it and edit it.

    >>> preset_rubric().total
    Decimal('100')
    >>> preset_rubric(name="nonesuch")
    Traceback (most recent call last):
    ...
    pmedu.errors.RubricError: 1 problem:
    unknown preset 'nonesuch'; shipped presets: county_township
    """
    names = rubric_presets()
    if name not in names:
        what = f"unknown preset {name!r}; shipped presets: {', '.join(names)}"
        raise RubricError([Problem(what)])
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return Rubric.from_dict(tomllib.loads(text), source=f"preset:{name}")
