"""Engines (引擎): who computes the facts — ``python`` (in memory, the reference and the default),
``duckdb`` (``pmedu[db]``) and ``spark`` (``pmedu[spark]``).

The SQL engines run the one SQL definition of each measure ([`pmedu.facts.sql`][pmedu.facts.sql])
on a connection or a SparkSession their CALLER gives them (an engine never opens a path: that is
[`pmedu.io.store`][pmedu.io.store]'s job, or the caller's), and return the same ``(unit_id,
measure, value)`` rows as [`measure_rows`][pmedu.facts.compute.measure_rows]:

* [`pmedu.facts.engines.duckdb`][pmedu.facts.engines.duckdb] —
  ``load_records(con, records)`` or ``use_store(con, year)``, then
  ``measure_rows(con, tree, year)``;
* [`pmedu.facts.engines.spark`][pmedu.facts.engines.spark] —
  ``load_records(spark, records)`` or ``use_tables(spark, year)``, then
  ``measure_rows(spark, tree, year)``.

>>> ENGINES
('python', 'duckdb', 'spark')
>>> sql_measures(["info_items"])
['info_items']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmedu.errors import DataError, Problem, UnknownUnitError
from pmedu.facts.measures import measure_names
from pmedu.facts.sql import SQL
from pmedu.network import OrgTree

__all__ = ["ENGINES", "SQL_TYPES", "sql_measures", "unit_ids"]

#: the engines, the default first
ENGINES = ("python", "duckdb", "spark")

#: the SQL types of the tables' columns as each engine spells them
SQL_TYPES: dict[str, dict[str, str]] = {
    "duckdb": {"VARCHAR": "VARCHAR", "BIGINT": "BIGINT", "DATE": "DATE"},
    "spark": {"VARCHAR": "STRING", "BIGINT": "BIGINT", "DATE": "DATE"},
}


def sql_measures(measures: Sequence[str] | None) -> list[str]:
    """The measures asked for (every one for ``None``), each with its SQL definition: a measure
    without one is a [`DataError`][pmedu.errors.DataError] naming it (never a silent fallback to
    the python engine).

    >>> len(sql_measures(None))
    29
    """
    names = measure_names(measures)
    gaps = [n for n in names if n not in SQL]
    if gaps:
        what = f"no SQL definition for {', '.join(gaps)}: measure them with engine 'python'"
        raise DataError([Problem(what, field="engine")])
    return names


def unit_ids(tree: OrgTree, units: Iterable[str] | None) -> list[str]:
    """The units asked for (tree pre-order for ``None``), as the python engine takes them: every
    unknown one named at once in an [`UnknownUnitError`][pmedu.errors.UnknownUnitError].

    >>> from pmedu import Unit
    >>> unit_ids(OrgTree.from_units([Unit(id="C", name="县", kind="县")]), ["C", "X"])
    Traceback (most recent call last):
    ...
    pmedu.errors.UnknownUnitError: not in the tree: 'X'
    """
    ids = [u.id for u in tree] if units is None else list(units)
    unknown = list(dict.fromkeys(u for u in ids if u not in tree))
    if unknown:
        raise UnknownUnitError(f"not in the tree: {', '.join(map(repr, unknown))}")
    return ids
