"""Rubrics shipped with pmedu (TOML files in this package), read with importlib.resources.

>>> rubric_presets()
['county_township']
>>> preset_rubric(name="county_township").name
'县对乡镇（街道）党员电教工作目标考核（预设）'
"""

from __future__ import annotations

from pmedu.convert import Shelf
from pmedu.errors import RubricError
from pmedu.scoring.schema import Rubric

__all__ = ["SHELF", "preset_rubric", "rubric_presets"]

#: the rubrics shipped here
SHELF = Shelf(__name__, error=RubricError)


def rubric_presets() -> list[str]:
    """Names of the shipped rubrics.

    >>> "county_township" in rubric_presets()
    True
    """
    return SHELF.names()


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
    return Rubric.from_dict(SHELF.document(name), source=SHELF.source(name))
