"""The engines (python, duckdb, spark) measure the same facts, equal exactly; every measure has
its SQL; the record store imports, refuses and exports as documented."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from pmedu import OrgTree, Unit
from pmedu.cli import main
from pmedu.datasets import sample_county, sample_path, sample_records
from pmedu.errors import DataError, UnknownUnitError
from pmedu.facts import MEASURES, measure_rows
from pmedu.facts.engines import sql_measures
from pmedu.facts.sql import NO_SQL, SQL, missing_sql
from pmedu.model.columns import sheet_name
from pmedu.stations import Station

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from pmedu.facts.engines import duckdb as duckdb_engine  # noqa: E402
from pmedu.io.store import export_store, import_records, open_store  # noqa: E402

SAMPLE_TREE = sample_path()
SAMPLE_RECORDS = sample_path(name="records_2025.json")


def test_every_measure_has_its_sql_or_is_a_known_gap() -> None:
    # a measure another branch adds without SQL shows here, by name, for the integrator
    gaps = missing_sql()
    assert gaps == list(NO_SQL), f"measures without SQL: {gaps}"
    assert set(SQL) <= set(MEASURES)


def test_a_measure_without_sql_is_refused_by_name() -> None:
    with pytest.raises(DataError, match="unknown measure"):
        sql_measures(["nope"])


def test_duckdb_equals_python_on_the_sample() -> None:
    tree, records = sample_county(), sample_records()
    con = duckdb.connect()
    duckdb_engine.load_records(con, records)
    assert duckdb_engine.measure_rows(con, tree, 2025) == measure_rows(tree, records, 2025)


def test_duckdb_refuses_unknown_units_as_python_does() -> None:
    con = duckdb.connect()
    duckdb_engine.load_records(con, sample_records())
    with pytest.raises(UnknownUnitError, match="'X', 'Y'"):
        duckdb_engine.measure_rows(con, sample_county(), 2025, units=["X", "Y"])


def _facts(tmp_path: Path, name: str, records: Path | str, *extra: str) -> bytes:
    out = tmp_path / f"{name}.csv"
    argv = ["facts", str(SAMPLE_TREE), str(records), "--year", "2025", "--out", str(out)]
    assert main(argv=[*argv, *extra]) == 0
    return out.read_bytes()


def test_facts_file_is_byte_identical_whichever_engine(tmp_path: Path) -> None:
    python = _facts(tmp_path, "python", SAMPLE_RECORDS)
    assert _facts(tmp_path, "duckdb", SAMPLE_RECORDS, "--engine", "duckdb") == python
    store = tmp_path / "store.duckdb"
    assert main(argv=["db", "import", str(store), str(SAMPLE_TREE), str(SAMPLE_RECORDS)]) == 0
    assert _facts(tmp_path, "store", store, "--engine", "duckdb") == python
    towns = _facts(tmp_path, "towns", SAMPLE_RECORDS, "--townships")
    assert _facts(tmp_path, "towns_db", store, "--engine", "duckdb", "--townships") == towns


def _counts(con: object) -> dict[str, int]:
    tables = ["stations", "sessions", "sign_ins", "submissions", "imports", "units"]
    return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[attr-defined]


def test_import_is_idempotent_and_replaces_the_county_year(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    first = import_records(con, sample_county(), [SAMPLE_RECORDS])
    before = _counts(con)
    again = import_records(con, sample_county(), [SAMPLE_RECORDS])
    assert first == again
    assert _counts(con) == before
    assert before["stations"] == len(sample_records().stations)


def _bad_records(tmp_path: Path) -> Path:
    doc = json.loads(SAMPLE_RECORDS.read_text(encoding="utf-8"))
    doc["stations"][15]["id"] = doc["stations"][3]["id"]  # a duplicate id: records.check refuses
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return bad


def test_a_failed_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    import_records(con, sample_county(), [SAMPLE_RECORDS])
    before = _counts(con)
    with pytest.raises(DataError):
        import_records(con, sample_county(), [SAMPLE_RECORDS, _bad_records(tmp_path)])
    assert _counts(con) == before


def _two_counties() -> OrgTree:
    # the sample county under a province, its township T01 moved to a second county
    units = [
        Unit(id="P", name="省", kind="省"),
        Unit(id="C999", name="别县", kind="县", parent_id="P"),
    ]
    for u in sample_county():
        parent = "P" if u.parent_id is None else ("C999" if u.id == "T01" else u.parent_id)
        units.append(attrs.evolve(u, parent_id=parent))
    return OrgTree.from_units(units)


def test_a_unit_of_another_county_is_refused_naming_file_sheet_and_row(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    import_records(con, sample_county(), [SAMPLE_RECORDS])
    before = _counts(con)
    with pytest.raises(DataError) as caught:
        import_records(con, _two_counties(), [SAMPLE_RECORDS])
    lines = [str(p) for p in caught.value.problems]
    row = next(i for i, s in enumerate(sample_records().stations) if s.unit_id.startswith("T01"))
    unit = sample_records().stations[row].unit_id
    where = f"{SAMPLE_RECORDS}:{sheet_name(Station)}!{row + 2}"
    what = f"unit {unit} is in county C999, not C000: a county's records name its own units"
    assert f"{where}: unit_id: {what}" in lines
    assert _counts(con) == before  # the unit table too is as it was


def test_export_writes_parquet_partitioned_by_year_and_province(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    import_records(con, sample_county(), [SAMPLE_RECORDS])
    export_store(con, tmp_path / "pq")
    files = sorted((tmp_path / "pq" / "stations").rglob("*.parquet"))
    assert files
    assert files[0].parent.name == "province=C000"
    assert files[0].parent.parent.name == "year=2025"
    n = duckdb.sql(
        f"SELECT COUNT(*) FROM read_parquet('{tmp_path}/pq/sign_ins/**/*.parquet')"
    ).fetchall()
    assert n == [(147222,)]


def test_a_parquet_folder_measures_the_same_on_duckdb(tmp_path: Path) -> None:
    python = _facts(tmp_path, "python", SAMPLE_RECORDS)
    store = tmp_path / "store.duckdb"
    assert main(argv=["db", "import", str(store), str(SAMPLE_TREE), str(SAMPLE_RECORDS)]) == 0
    assert main(argv=["db", "export", str(store), str(tmp_path / "pq")]) == 0
    assert _facts(tmp_path, "pq", tmp_path / "pq", "--engine", "duckdb") == python


def test_one_county_year_twice_in_one_import_is_refused(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    with pytest.raises(DataError, match="county C000, 2025 again"):
        import_records(con, sample_county(), [SAMPLE_RECORDS, SAMPLE_RECORDS])
    assert con.execute("SELECT COUNT(*) FROM imports").fetchone() == (0,)


def test_a_unit_table_that_orphans_stored_records_is_refused(tmp_path: Path) -> None:
    # the store keeps C000's records; a new unit table moving T01 to another county would
    # leave them naming units outside their county: refused, and the store is as it was
    con = open_store(tmp_path / "s.duckdb")
    import_records(con, sample_county(), [SAMPLE_RECORDS])
    before = _counts(con)
    with pytest.raises(DataError, match="does not hold in that county"):
        import_records(con, _two_counties(), [])
    assert _counts(con) == before


def test_a_session_the_archive_cannot_time_is_refused_as_python_refuses_it() -> None:
    # signed-in ids, no minutes of its own, a film the records do not hold: the learning
    # archive cannot count its minutes; every engine refuses it with the same problem
    from pmedu.model import Member, ViewingSession
    from pmedu.records import Records

    tree = OrgTree.from_units([Unit(id="T", name="镇", kind="镇")])
    records = Records(
        year=2025,
        stations=[Station(id="S", unit_id="T")],
        members=[Member(id="m", name="甲", unit_id="T")],
        sessions=[ViewingSession(id="v", station_id="S", date="2025-03-01",
                                 film_ids=["F9", "F9"], signed_in=["m"])],
    )  # fmt: skip
    with pytest.raises(DataError) as python:
        measure_rows(tree, records, 2025, check=False)
    con = duckdb.connect()
    duckdb_engine.load_records(con, records)
    with pytest.raises(DataError) as sql:
        duckdb_engine.measure_rows(con, tree, 2025)
    assert [str(p) for p in sql.value.problems] == [str(p) for p in python.value.problems]
    assert duckdb_engine.measure_rows(con, tree, 2025, measures=["attendance_rate"])
