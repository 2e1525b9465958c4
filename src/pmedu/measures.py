"""The measures registry: moved to [`pmedu.facts`][pmedu.facts].

Deprecated (goes in pmedu 0.3): the names here warn with a ``DeprecationWarning`` naming their
new home. [`compute_facts`][pmedu.measures.compute_facts] keeps its old form here — ``(unit_id,
measure, value)`` rows and ``units`` allowed by position: it is
[`pmedu.facts.measure_rows`][pmedu.facts.compute.measure_rows].
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmedu.compat import deprecated, moved
from pmedu.facts.compute import Row, measure_rows
from pmedu.facts.measures import MeasurePolicy
from pmedu.network import OrgTree
from pmedu.records import Records

#: nothing new is to be imported from here (the old names are found by ``__getattr__``)
__all__: list[str] = []

__getattr__ = moved(
    __name__,
    {
        "MEASURES": "pmedu.facts",
        "Measure": "pmedu.facts",
        "MeasurePolicy": "pmedu.facts",
        "Value": "pmedu.facts",
        "facts": "pmedu.facts:compute_facts",
    },
)


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
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     compute_facts(t, Records(), 2025, ["C"], measures=["provincial_awards"])
    [('C', 'provincial_awards', 0)]
    """
    deprecated("pmedu.measures.compute_facts", "pmedu.facts.measure_rows (or compute_facts)")
    return measure_rows(
        tree, records, year, units=units, measures=measures, policy=policy, check=check
    )
