"""Synthetic organisation trees: moved to :mod:`pmedu.datasets.synth` (re-exported here).

>>> from pmedu.synth import county
>>> county(seed=1)[0].id
'C000'
"""

from pmedu.datasets.synth import (
    _NATION_SKELETON,  # test_tree.py reads these two; they go when that test imports datasets
    COUNTY_UNITS,
    NATION_UNITS,
    PROVINCE_UNITS,
    SHAPES,
    _skeleton,
    county,
    generate,
    nation,
    province,
    tree,
)

__all__ = [
    "COUNTY_UNITS",
    "NATION_UNITS",
    "PROVINCE_UNITS",
    "SHAPES",
    "_NATION_SKELETON",
    "_skeleton",
    "county",
    "generate",
    "nation",
    "province",
    "tree",
]
