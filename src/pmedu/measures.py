"""The measures registry (moved to [`pmedu.facts`][pmedu.facts]; these names stay for old callers).

[`compute_facts`][pmedu.measures.compute_facts] here keeps its old form — ``(unit_id, measure,
value)`` rows and ``units`` allowed by position — and is
[`pmedu.facts.measure_rows`][pmedu.facts.compute.measure_rows];
[`pmedu.facts.compute_facts`][pmedu.facts.compute.compute_facts] returns
[`Facts`][pmedu.facts.data.Facts], as [`facts`][pmedu.facts.compute.compute_facts] here always did.

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
>>> compute_facts(t, Records(), 2025, ["C"], measures=["funds_misused"])
[('C', 'funds_misused', 0)]
>>> facts(t, Records(), 2025).get("C", "funds_misused")
Decimal('0')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmedu.facts.compute import Row, measure_rows
from pmedu.facts.compute import compute_facts as facts
from pmedu.facts.measures import MEASURES, Measure, MeasurePolicy, Value
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["MEASURES", "Measure", "MeasurePolicy", "Value", "compute_facts", "facts"]


def compute_facts(
    tree: OrgTree,
    records: Records,
    year: int,
    units: Iterable[str] | None = None,
    *,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
    check: bool = True,
) -> list[Row]:
    """The old form of [`pmedu.facts.measure_rows`][pmedu.facts.compute.measure_rows] (``units`` by
    position too).

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
    >>> compute_facts(t, Records(), 2025, ["C"], measures=["provincial_awards"])
    [('C', 'provincial_awards', 0)]
    """
    return measure_rows(
        tree, records, year, units=units, measures=measures, policy=policy, check=check
    )
