"""The differential property: on random trees and records, every engine measures the same facts,
equal exactly (the ``python`` engine is the reference; ARCHITECTURE.md, "Engines")."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from pmedu import OrgTree
from pmedu.facts import MeasurePolicy, measure_rows
from pmedu.records import Records
from strategies import engine_cases

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from pmedu.facts.engines import duckdb as duckdb_engine  # noqa: E402

Case = tuple[OrgTree, Records, Mapping[str, int] | None, list[str] | None]


def _python(case: Case) -> list[Any]:
    tree, records, holdings, units = case
    policy = MeasurePolicy(holdings=holdings)
    return measure_rows(tree, records, 2025, units=units, policy=policy, check=False)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(engine_cases())
def test_duckdb_measures_what_python_measures(case: Case) -> None:
    # every measure's SQL, rolled up by joins with the closure table, gives the python facts
    tree, records, holdings, units = case
    con = duckdb.connect()
    duckdb_engine.load_records(con, records, county="C")
    got = duckdb_engine.measure_rows(
        con, tree, 2025, units=units, policy=MeasurePolicy(holdings=holdings)
    )
    assert got == _python(case)


@functools.cache
def _spark() -> Any:
    pytest.importorskip("pyspark")
    pytest.importorskip("sqlglot")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs a Java runtime")
    from pmedu.io.store import spark_session

    spark = spark_session(master="local[2]", app="pmedu-tests")
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark on pandas 3
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@settings(deadline=None, max_examples=4, suppress_health_check=list(HealthCheck))
@given(engine_cases(max_size=12))
def test_spark_measures_what_python_measures(case: Case) -> None:
    # the same SQL, transpiled to Spark's dialect, on local[2]
    from pmedu.facts.engines import spark as spark_engine

    spark = _spark()
    tree, records, holdings, units = case
    spark_engine.load_records(spark, records, county="C")
    got = spark_engine.measure_rows(
        spark, tree, 2025, units=units, policy=MeasurePolicy(holdings=holdings)
    )
    assert got == _python(case)


@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_spark_writes_the_same_facts_file_from_parquet(tmp_path: Any) -> None:
    # pmedu db export's folder, measured on local[2]: the python engine's file, byte for byte
    from pmedu.cli import main
    from pmedu.datasets import sample_path

    _spark()
    tree, records = str(sample_path()), str(sample_path(name="records_2025.json"))
    store, pq = str(tmp_path / "s.duckdb"), str(tmp_path / "pq")
    assert main(argv=["db", "import", store, tree, records]) == 0
    assert main(argv=["db", "export", store, pq]) == 0
    out = {}
    for engine, source in (("python", records), ("spark", pq)):
        path = tmp_path / f"{engine}.csv"
        argv = ["facts", tree, source, "--year", "2025", "--townships", "--out", str(path)]
        assert main(argv=[*argv, "--engine", engine, "--master", "local[2]"]) == 0
        out[engine] = path.read_bytes()
    assert out["spark"] == out["python"]
