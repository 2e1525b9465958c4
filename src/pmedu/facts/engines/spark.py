"""The ``spark`` engine (``pmedu[spark]``): the measures' SQL, transpiled to Spark's dialect by
sqlglot, on a SparkSession its caller gives it (``local[2]`` in tests, a cluster in production;
see the how-to [engines][howto-engines]).

Give it the records one of two ways: ``load_records(spark, records)`` makes temporary views of a
records bundle; ``use_tables(spark, year)`` keeps ``year`` of the record tables the caller made
views of — [`pmedu.io.store.spark_parquet_views`][pmedu.io.store.spark_parquet_views] over the
Parquet folder ``pmedu db export`` writes (one folder per table, hive-partitioned by year and
province; any path Spark reads: ``hdfs://``, ``s3a://`` …). Then
``measure_rows(spark, tree, year)`` gives the rows
[`measure_rows`][pmedu.facts.compute.measure_rows] gives, equal exactly.

>>> from pmedu import OrgTree, Unit
>>> from pmedu.records import Records
>>> tree = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")])
>>> builder = spark_module(name="pyspark.sql").SparkSession.builder  # doctest: +SKIP
>>> spark = builder.master("local[2]").getOrCreate()  # doctest: +SKIP
>>> load_records(spark, Records(year=2025))  # doctest: +SKIP
>>> measure_rows(spark, tree, 2025, measures=["info_items"])  # doctest: +SKIP
[('T', 'info_items', 0)]
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
    TREE_TABLES,
    Columns,
    form_rows,
    policy_columns,
    record_columns,
    refused,
    spark_sql,
    tree_columns,
)
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = [
    "create_views",
    "load_records",
    "measure_counts",
    "measure_rows",
    "spark_module",
    "use_tables",
]


def spark_module(*, name: str = "pyspark") -> Any:
    """A module of the ``spark`` extra (``pyspark``, or e.g. ``pyspark.sql``), looked up when the
    engine is used; a [`MissingExtraError`][pmedu.errors.MissingExtraError] without it.

    >>> spark_module(name="no_such_module_here")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.MissingExtraError: the spark engine needs no_such_module_here: ...
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError("spark", name, "the spark engine") from None


def _ddl(schema: Sequence[tuple[str, str]]) -> str:
    types = SQL_TYPES["spark"]
    return ", ".join(f"`{c}` {types[t]}" for c, t in schema)


def create_views(
    spark: Any,
    tables: Mapping[str, Columns],
    schemas: Mapping[str, Sequence[tuple[str, str]]],
    *,
    prefix: str = "",
) -> None:
    """A temporary view ``prefix + name`` per table of ``tables``, with the declared columns of
    ``schemas[name]``.

    >>> callable(create_views)
    True
    """
    for name, cols in tables.items():
        schema = schemas[name]
        rows = list(zip(*(cols[c] for c, _ in schema), strict=True))
        frame = spark.createDataFrame(rows, schema=_ddl(schema))
        frame.createOrReplaceTempView(f"{prefix}{name}")


def load_records(spark: Any, records: Records, *, county: str = "") -> None:
    """Temporary views ``y_*`` of a records bundle (ids in ``county``'s namespace).

    >>> callable(load_records)
    True
    """
    create_views(spark, record_columns(records, county=county), RECORD_TABLES, prefix="y_")


def use_tables(spark: Any, year: int, *, prefix: str = "store_") -> None:
    """Temporary views ``y_*`` over the record tables the caller has made views of
    (``prefix + TABLE``, with their ``year`` column: e.g.
    [`pmedu.io.store.spark_parquet_views`][pmedu.io.store.spark_parquet_views] over the Parquet
    folder ``pmedu db export`` writes), keeping the records of ``year``.

    >>> callable(use_tables)
    True
    """
    functions = spark_module(name="pyspark.sql.functions")
    for name, columns in RECORD_TABLES.items():
        frame = spark.table(f"{prefix}{name}").where(functions.col("year") == int(year))
        frame.select(*(c for c, _ in columns)).createOrReplaceTempView(f"y_{name}")


def measure_counts(
    spark: Any,
    tree: OrgTree,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
) -> dict[tuple[str, str], tuple[Any, Any]]:
    """The whole numerator and denominator of every measure for every unit asked for, as
    ``(unit_id, measure) → (num, den)``, from the ``y_*`` views.

    >>> callable(measure_counts)
    True
    """
    names = sql_measures(measures)
    pol = policy or MeasurePolicy()
    create_views(spark, tree_columns(tree, units=units), TREE_TABLES)
    create_views(spark, policy_columns(tree, year, pol), POLICY_TABLES)
    checks = [n for n in names if n in CHECKS]
    problems = [p for n in checks for p in refused(spark.sql(spark_sql(n, check=True)).collect())]
    if problems:
        raise DataError(problems)
    # one job for every measure: the queries side by side, each row tagged with its measure's
    # position (a number, so no text is formatted into the query)
    union = " UNION ALL ".join(
        f"SELECT {i} AS measure, unit_id, num, den FROM ({spark_sql(name)}) AS m{i}"
        for i, name in enumerate(names)
    )
    found: dict[tuple[str, str], tuple[Any, Any]] = {}
    for row in spark.sql(union).collect():
        found[(row[1], names[row[0]])] = (row[2], row[3])
    return found


def measure_rows(
    spark: Any,
    tree: OrgTree,
    year: int,
    *,
    units: Iterable[str] | None = None,
    measures: Sequence[str] | None = None,
    policy: MeasurePolicy | None = None,
) -> list[tuple[str, str, Value]]:
    """The rows of [`measure_rows`][pmedu.facts.compute.measure_rows] (the same order, values
    equal exactly), measured in Spark SQL from the ``y_*`` views.

    >>> callable(measure_rows)
    True
    """
    ids = unit_ids(tree, units)
    names = sql_measures(measures)
    found = measure_counts(spark, tree, year, units=ids, measures=names, policy=policy)
    return form_rows(ids, names, found)
