"""Issue 11 (5): the bundled facts_2025.csv is what compute_facts gives on the sample.

Regenerate the file with ``python tests/test_facts_sample.py``.
"""

from __future__ import annotations

from pmedu.datasets import sample_county, sample_path, sample_records
from pmedu.facts import Facts, compute_facts
from pmedu.io.facts import read_facts, write_facts

#: the units the bundled facts are for: the townships and streets of the sample county
KINDS = ["乡", "镇", "街道"]


def computed() -> Facts:
    """The sample's facts of 2025, computed from the sample tree and records."""
    tree = sample_county()
    units = [u.id for u in tree.units(kind=KINDS)]
    return compute_facts(tree, sample_records(), 2025, units=units)


def test_bundled_facts_equal_the_computed_ones() -> None:
    shipped = read_facts(sample_path(name="facts_2025.csv"))
    fresh = computed()
    assert shipped.year == fresh.year == 2025
    assert shipped.data == fresh.data


if __name__ == "__main__":
    write_facts(computed(), sample_path(name="facts_2025.csv"))
