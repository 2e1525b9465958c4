"""Synthetic member-level records: made in SQL, deterministic by seed, of the documented shape,
written to Parquet in the store's export layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmedu.datasets import synth

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from pmedu.datasets.synth_records import RecordShape, synth_records, write_synth_records
from pmedu.facts.engines import duckdb as duckdb_engine
from pmedu.io.store import open_store


def test_same_tree_and_seed_same_records_another_seed_others() -> None:
    tree = synth.tree("province", units=800, seed=5)
    a, b, c = open_store(None), open_store(None), open_store(None)
    assert synth_records(a, tree, seed=5) == synth_records(b, tree, seed=5)
    synth_records(c, tree, seed=6)
    q = "SELECT id, date FROM sessions ORDER BY id"
    assert a.execute(q).fetchall() == b.execute(q).fetchall() != c.execute(q).fetchall()


def test_the_shape_is_the_documented_one() -> None:
    # stations at ~90% of villages and communities; every unit's members expected at each
    # session, ~85% signing in; the measured attendance is that share
    tree = synth.tree("province", units=2_000, seed=1)
    con = open_store(None)
    n = synth_records(con, tree, seed=1, shape=RecordShape(sessions_per_station=4))
    villages = sum(1 for u in tree if u.kind.value in ("village", "community"))
    assert 0.8 * villages < n["stations"] < villages
    assert n["members"] == sum(u.members or 0 for u in tree if u.kind.value != "province")
    duckdb_engine.use_store(con, 2025)
    rows = duckdb_engine.measure_rows(con, tree, 2025, units=[tree.root.id])
    value = {m: v for _u, m, v in rows}
    assert 0.8 < value["attendance_rate"] < 0.9  # type: ignore[operator]
    assert 0.85 < value["station_coverage_rate"] < 0.95  # type: ignore[operator]


def test_written_straight_to_parquet_by_year_and_province(tmp_path: Path) -> None:
    tree = synth.tree("province", units=400, seed=2)
    counts = write_synth_records(tree, tmp_path, seed=2)
    parts = sorted(p.relative_to(tmp_path).parts[:3] for p in tmp_path.rglob("*.parquet"))
    assert ("sign_ins", "year=2025", f"province={tree.root.id}") in parts
    import duckdb

    con = duckdb.connect()
    got = con.execute(
        f"SELECT COUNT(*) FROM read_parquet('{tmp_path}/sign_ins/**/*.parquet')"
    ).fetchall()
    assert got == [(counts["sign_ins"],)]
