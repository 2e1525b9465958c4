"""Facts (考核数据): the measured values a rubric is scored against, and how they are measured.

* [`Facts`][pmedu.facts.data.Facts] / [`facts_from_rows`][pmedu.facts.data.facts_from_rows] — the
  data ([`pmedu.facts.data`][pmedu.facts.data]);
* [`MEASURES`][pmedu.facts.MEASURES], [`Measure`][pmedu.facts.measures.Measure],
  [`MeasurePolicy`][pmedu.facts.measures.MeasurePolicy] — the registry of measures
  ([`pmedu.facts.measures`][pmedu.facts.measures]);
* [`compute_facts`][pmedu.facts.compute.compute_facts] /
  [`measure_rows`][pmedu.facts.compute.measure_rows] — every measure of every unit from the records
  ([`pmedu.facts.compute`][pmedu.facts.compute]).

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
>>> compute_facts(t, Records(), 2025).get("C", "provincial_awards")
Decimal('0')
"""

from pmedu.facts.compute import Row, compute_facts, measure_rows
from pmedu.facts.data import Facts, Layout, facts_from_rows
from pmedu.facts.measures import (
    MEASURES,
    Measure,
    MeasureContext,
    MeasurePolicy,
    Value,
    held_sets,
    magazine_units,
)

__all__ = [
    "MEASURES",
    "Facts",
    "Layout",
    "Measure",
    "MeasureContext",
    "MeasurePolicy",
    "Row",
    "Value",
    "compute_facts",
    "facts_from_rows",
    "held_sets",
    "magazine_units",
    "measure_rows",
]
