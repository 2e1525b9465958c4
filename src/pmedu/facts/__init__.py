"""Facts (考核数据): the measured values a rubric is scored against, and how they are measured.

* :class:`Facts` / :func:`facts_from_rows` — the data (:mod:`pmedu.facts.data`);
* :data:`MEASURES`, :class:`Measure`, :class:`MeasurePolicy` — the registry of measures
  (:mod:`pmedu.facts.measures`);
* :func:`compute_facts` / :func:`measure_rows` — every measure of every unit from the
  records (:mod:`pmedu.facts.compute`).

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
>>> compute_facts(t, Records(), 2025).get("C", "provincial_awards")
Decimal('0')
"""

from pmedu.facts.compute import Row, compute_facts, measure_rows
from pmedu.facts.data import Facts, Layout, facts_from_rows
from pmedu.facts.measures import MEASURES, Measure, MeasureContext, MeasurePolicy, Value

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
    "measure_rows",
]
