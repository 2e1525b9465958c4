"""Computing the facts (考核数据) of a tree's units from their records, every measure at once.

[`compute_facts`][pmedu.facts.compute.compute_facts] gives a [`Facts`][pmedu.facts.data.Facts]
(exact decimals, what a rubric is scored against);
[`measure_rows`][pmedu.facts.compute.measure_rows] gives the same values as measured, as ``(unit_id,
measure, value)`` rows (floats and ints, what ``pmedu facts`` writes).

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> t = OrgTree.from_units([Unit(id="C", name="县", kind="县")])
>>> compute_facts(t, Records(), 2025).get("C", "funds_misused")
Decimal('0')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmedu.errors import UnknownUnitError
from pmedu.facts.data import Facts
from pmedu.facts.measures import MEASURES, MeasureContext, MeasurePolicy, Value, measure_names
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["Row", "compute_facts", "measure_rows"]

Row = tuple[str, str, Value]


def _unit_ids(tree: OrgTree, units: Iterable[str] | None) -> list[str]:
    """The units asked for (tree pre-order for ``None``); every unknown one at once."""
    ids = [u.id for u in tree] if units is None else list(units)
    unknown = list(dict.fromkeys(u for u in ids if u not in tree))
    if unknown:
        raise UnknownUnitError(f"not in the tree: {', '.join(map(repr, unknown))}")
    return ids


def measure_rows(
    tree: OrgTree,
    records: Records,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
    check: bool = True,
) -> list[Row]:
    """Every measure for every unit (or ``units``) as ``(unit_id, measure, value)`` rows,
    units in the order given (tree pre-order by default), measures in registry order.

    A rate that is not applicable gives a row with value ``None``; an undelivered production
    item (``*_days_late``) gives no row (a missing fact). With ``check`` (the default) the
    records are first checked against the tree ([`check`][pmedu.records.bundle.Records.check]) and
    any error raises a [`RecordError`][pmedu.errors.RecordError] naming every problem. Unknown
    units raise one [`UnknownUnitError`][pmedu.errors.UnknownUnitError] naming them all; unknown
    measures one [`DataError`][pmedu.errors.DataError] naming them and the known ones.

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.stations import Station
    >>> tree = OrgTree.from_units([
    ...     Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
    >>> rec = Records(year=2025, stations=[
    ...     Station(id="S1", unit_id="V", features=["电视机", "VCD机", "播放室"])])
    >>> measure_rows(tree, rec, 2025, units=["T"],
    ...              measures=["station_coverage_rate", "six_haves_rate"])
    [('T', 'station_coverage_rate', 1.0), ('T', 'six_haves_rate', 0.0)]
    >>> measure_rows(tree, rec, 2025, units=["X", "T", "Y"])
    Traceback (most recent call last):
    ...
    pmedu.errors.UnknownUnitError: not in the tree: 'X', 'Y'
    """
    if check:
        records.check(tree=tree).raise_errors()
    ids = _unit_ids(tree, units)
    names = measure_names(measures)
    ctx = MeasureContext(tree, records, year, policy or MeasurePolicy())
    out: list[Row] = []
    for uid in ids:
        for name in names:
            m = MEASURES[name]
            value = m.fn(ctx, uid)
            if value is not None or m.kind != "days":
                out.append((uid, name, value))
    return out


def compute_facts(
    tree: OrgTree,
    records: Records,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
    check: bool = True,
) -> Facts:
    """The measured facts of ``year`` as [`Facts`][pmedu.facts.data.Facts] (the rows of
    [`measure_rows`][pmedu.facts.compute.measure_rows] as exact decimals; the same options).

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.stations import Station
    >>> tree = OrgTree.from_units([
    ...     Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
    >>> rec = Records(year=2025, stations=[
    ...     Station(id="S1", unit_id="V", features=["电视机", "VCD机", "播放室"])])
    >>> f = compute_facts(tree, rec, 2025, units=["T"], measures=["six_haves_rate"])
    >>> f.year, f.to_records()
    (2025, [{'unit': 'T', 'measure': 'six_haves_rate', 'value': Decimal('0.0')}])
    """
    rows = measure_rows(
        tree, records, year, units=units, measures=measures, policy=policy, check=check
    )
    return Facts.from_records(rows, year=year)
