"""The ``duckdb`` engine (``pmedu[db]``): the measures' SQL on a DuckDB connection its caller
gives it.

Give it the records one of two ways: ``load_records(con, records)`` copies a records bundle into
temporary tables; ``use_store(con, year)`` points the queries at a record store's tables
([`pmedu.io.store`][pmedu.io.store]) filtered to ``year``. Then ``measure_rows(con, tree, year)``
gives the rows [`measure_rows`][pmedu.facts.compute.measure_rows] gives, equal exactly.

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> from pmedu.stations import Station
>>> tree = OrgTree.from_units([
...     Unit(id="T", name="东镇", kind="镇"),
...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
>>> rec = Records(year=2025, stations=[
...     Station(id="S1", unit_id="V", features=["电视机", "VCD机", "播放室"])])
>>> con = duckdb_module().connect()
>>> load_records(con, rec)
>>> measure_rows(con, tree, 2025, units=["T"],
...              measures=["station_coverage_rate", "six_haves_rate"])
[('T', 'station_coverage_rate', 1.0), ('T', 'six_haves_rate', 0.0)]
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmedu.errors import DataError, MissingExtraError
from pmedu.facts.engines import SQL_TYPES, sql_measures, unit_ids
from pmedu.facts.measures import MeasurePolicy, Value
from pmedu.facts.sql import (
    CHECKS,
    POLICY_TABLES,
    RECORD_TABLES,
    SQL,
    TREE_TABLES,
    Columns,
    form_rows,
    policy_columns,
    record_columns,
    refused,
    tree_columns,
)
from pmedu.network import OrgTree
from pmedu.records import Records

__doctest_requires__ = ("duckdb", "pyarrow")

__all__ = [
    "create_tables",
    "duckdb_module",
    "load_records",
    "measure_counts",
    "measure_rows",
    "use_store",
]

_ARROW = {"VARCHAR": "string", "BIGINT": "int64", "DATE": "date32"}


def duckdb_module(*, name: str = "duckdb") -> Any:
    """A module of the ``db`` extra (``duckdb``, or ``pyarrow`` for ``name="pyarrow"``), looked
    up when the engine is used; a [`MissingExtraError`][pmedu.errors.MissingExtraError] without it.

    >>> duckdb_module(name="no_such_module_here")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.MissingExtraError: the duckdb engine needs no_such_module_here: ...
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError("db", name, "the duckdb engine") from None


def arrow_table(columns: Columns, schema: Sequence[tuple[str, str]]) -> Any:
    """``columns`` as a ``pyarrow.Table`` of the declared SQL types (``pmedu[db]``).

    >>> arrow_table({"id": ["a"]}, [("id", "VARCHAR")]).num_rows
    1
    """
    pa = duckdb_module(name="pyarrow")
    fields = [pa.field(c, getattr(pa, _ARROW[t])()) for c, t in schema]
    return pa.table({c: columns[c] for c, _ in schema}, schema=pa.schema(fields))


def create_tables(
    con: Any,
    tables: Mapping[str, Columns],
    schemas: Mapping[str, Sequence[tuple[str, str]]],
    *,
    prefix: str = "",
) -> None:
    """Make a table ``prefix + name`` per table of ``tables``, with the declared columns of
    ``schemas[name]``: an Arrow table registered on the connection (replacing one of that name;
    DuckDB scans it where it lies, no copy).

    >>> con = duckdb_module().connect()
    >>> create_tables(con, {"t_targets": {"id": ["T"]}}, {"t_targets": [("id", "VARCHAR")]})
    >>> con.execute("SELECT id FROM t_targets").fetchall()
    [('T',)]
    """
    for name, cols in tables.items():
        con.register(f"{prefix}{name}", arrow_table(cols, schemas[name]))


def load_records(con: Any, records: Records, *, county: str = "") -> None:
    """Copy a records bundle into the temporary ``y_*`` tables the measures read (ids in
    ``county``'s namespace).

    >>> callable(load_records)
    True
    """
    create_tables(con, record_columns(records, county=county), RECORD_TABLES, prefix="y_")


def use_store(con: Any, year: int, *, schema: str = "main") -> None:
    """Point the measures at a record store's tables (``schema``'s, see
    [`pmedu.io.store`][pmedu.io.store]) filtered to the records of ``year``: temporary views
    ``y_*``.

    >>> callable(use_store)
    True
    """
    y = int(year)
    for name, columns in RECORD_TABLES.items():
        cols = ", ".join(c for c, _ in columns)
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW y_{name} AS SELECT {cols} FROM {schema}.{name} "
            f"WHERE year = {y}"
        )


def measure_counts(
    con: Any,
    tree: OrgTree,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
) -> dict[tuple[str, str], tuple[Any, Any]]:
    """The whole numerator and denominator of every measure for every unit asked for, as
    ``(unit_id, measure) → (num, den)`` (a pair absent: 0 and 0), from the ``y_*`` tables.

    >>> callable(measure_counts)
    True
    """
    names = sql_measures(measures)
    pol = policy or MeasurePolicy()
    create_tables(con, tree_columns(tree, units=units), TREE_TABLES)
    create_tables(con, policy_columns(tree, year, pol), POLICY_TABLES)
    problems = [p for n in names if n in CHECKS for p in refused(con.execute(CHECKS[n]).fetchall())]
    if problems:
        raise DataError(problems)
    found: dict[tuple[str, str], tuple[Any, Any]] = {}
    for name in names:
        for uid, num, den in con.execute(SQL[name]).fetchall():
            found[(uid, name)] = (num, den)
    return found


def measure_rows(
    con: Any,
    tree: OrgTree,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
) -> list[tuple[str, str, Value]]:
    """The rows of [`measure_rows`][pmedu.facts.compute.measure_rows] (the same order, values
    equal exactly), measured in SQL on ``con`` from the ``y_*`` tables (``load_records`` or
    ``use_store`` first). The tree and the units asked for are checked as the python engine checks
    them.

    >>> callable(measure_rows)
    True
    """
    ids = unit_ids(tree, units)
    names = sql_measures(measures)
    found = measure_counts(con, tree, year, units=ids, measures=names, policy=policy)
    return form_rows(ids, names, found)


def sql_types() -> Mapping[str, str]:
    """DuckDB's spelling of the declared column types.

    >>> sql_types()["VARCHAR"]
    'VARCHAR'
    """
    return SQL_TYPES["duckdb"]
