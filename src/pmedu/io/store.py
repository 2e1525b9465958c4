"""The record store (记录库) on DuckDB (``pmedu[db]``): a province's or the nation's unit table
and any number of counties' and years' records in one DuckDB file.

* [`open_store`][pmedu.io.store.open_store] opens (and on first use creates) a store: a DuckDB
  connection the engines receive ([`pmedu.facts.engines.duckdb`][pmedu.facts.engines.duckdb]);
* [`import_records`][pmedu.io.store.import_records] loads the unit table (with its ancestor
  closure table) and records files through staging tables that carry each row's file, sheet and
  row, so a bad row is refused as ``records.json:网点!17: unit_id: …``; one county-year is
  replaced in one transaction (idempotent; a failed import leaves the store as it was);
* [`export_store`][pmedu.io.store.export_store] writes Parquet per table, hive-partitioned by year
  and province (what the spark engine reads);
* [`spark_session`][pmedu.io.store.spark_session] opens the SparkSession the spark engine
  receives (``pmedu[spark]``).

Ids: unit ids are the unit table's (a province's or the nation's, the 12-digit statistical
division codes in production) and global in a store; the ids of records (stations, sessions,
members …) are NAMESPACED BY THE COUNTY's unit id: every record table's key is ``(county, year,
id)``, so two counties' ``S01`` never collide, and a record naming a unit of another county is
refused.

>>> import tempfile, pathlib
>>> from pmedu.datasets import sample_county, sample_path
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> con = open_store(d / "store.duckdb")
>>> import_records(con, sample_county(), [sample_path(name="records_2025.json")])
[ImportSummary(file='...records_2025.json', county='C000', year=2025, rows=237354)]
>>> con.execute("SELECT COUNT(*) FROM sign_ins").fetchone()
(147222,)
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from pmedu.errors import DataError, MissingExtraError, Problem
from pmedu.facts.engines.duckdb import arrow_table
from pmedu.facts.sql import RECORD_TABLES, Columns, record_columns, tree_columns
from pmedu.io.records import load_records
from pmedu.labels import UnitKind
from pmedu.model import (
    Award,
    Broadcaster,
    DemoBase,
    DemoHouseholds,
    Film,
    FilmSet,
    FundsMisuse,
    Institution,
    LedgerEntry,
    LiaisonMeeting,
    MagazineSubscription,
    Member,
    Station,
    StudyEntry,
    Submission,
    ThemeActivity,
    TvColumn,
    UnitBudget,
    ViewingSession,
)
from pmedu.model.columns import sheet_name
from pmedu.model.plans import PlanEntry
from pmedu.network import OrgTree
from pmedu.records import Records

__doctest_requires__ = ("duckdb", "pyarrow")

__all__ = [
    "KEYS",
    "ImportSummary",
    "attach_parquet",
    "export_store",
    "import_records",
    "load_units",
    "open_store",
    "spark_parquet_views",
    "spark_session",
    "store_module",
]

#: each record table's key (besides ``county`` and ``year``): the columns that name one row
KEYS: dict[str, tuple[str, ...]] = {
    "stations": ("id",),
    "station_features": ("station_id", "feature"),
    "sessions": ("id",),
    "sign_ins": ("session_id", "member_id"),
    "members": ("id",),
    "study_records": ("id",),
    "film_sets": ("id",),
    "submissions": ("id",),
    "subscriptions": ("unit_id", "sub_year"),
    "demo_households": ("unit_id", "demo_year"),
    "institutions": ("unit_id",),
    "awards": ("id",),
    "funds_misuse": ("id",),
    "session_steps": ("session_id", "step"),
    "session_films": ("session_id", "pos"),
    "films": ("id",),
    "theme_activities": ("id",),
    "tv_columns": ("unit_id", "tv_year"),
    "liaison_meetings": ("id",),
    "ledger": ("id",),
    "budgets": ("unit_id", "budget_year"),
    "broadcasters": ("id",),
    "demo_bases": ("id",),
    "plan_entries": ("id",),
    "plan_entry_films": ("entry_id", "pos"),
}

#: the checks each table declares (besides NOT NULL keys)
_CHECKS: dict[str, tuple[str, ...]] = {
    "sessions": ("n_expected >= 0", "signed_in_count IS NULL OR signed_in_count >= 0",
                 "minutes IS NULL OR minutes >= 0"),
    "study_records": ("minutes >= 0",),
    "submissions": ("period_quarter BETWEEN 1 AND 4",),
    "subscriptions": ("copies >= 0",),
    "demo_households": ("target IS NULL OR target >= 0", "achieved >= 0"),
    "institutions": ("staff >= 0",),
    "films": ("minutes IS NULL OR minutes > 0",),
    "theme_activities": ("participants >= 0",),
    "tv_columns": ("episodes >= 0", "concentrated >= 0"),
    "ledger": ("fen >= 0", "earmarked IN (0, 1)", "for_e_education IN (0, 1)",
               "misuse IN (0, 1)"),
    "budgets": ("fen >= 0",),
    "plan_entries": ("month BETWEEN 1 AND 12",),
}  # fmt: skip

#: the record class each table's rows come from (its sheet names the row in a message)
_SOURCE: dict[str, type] = {
    "stations": Station,
    "station_features": Station,
    "sessions": ViewingSession,
    "sign_ins": ViewingSession,
    "members": Member,
    "study_records": StudyEntry,
    "film_sets": FilmSet,
    "submissions": Submission,
    "subscriptions": MagazineSubscription,
    "demo_households": DemoHouseholds,
    "institutions": Institution,
    "awards": Award,
    "funds_misuse": FundsMisuse,
    "session_steps": ViewingSession,
    "session_films": ViewingSession,
    "films": Film,
    "theme_activities": ThemeActivity,
    "tv_columns": TvColumn,
    "liaison_meetings": LiaisonMeeting,
    "ledger": LedgerEntry,
    "budgets": UnitBudget,
    "broadcasters": Broadcaster,
    "demo_bases": DemoBase,
    "plan_entries": PlanEntry,
    "plan_entry_films": PlanEntry,
}

#: the Records field each table's rows come from
_FIELD: dict[str, str] = {
    "station_features": "stations",
    "sign_ins": "sessions",
    "session_steps": "sessions",
    "session_films": "sessions",
    "plan_entry_films": "plan_entries",
}

#: a table of rows within a record: how many rows each record gives
_CHILDREN: dict[str, Any] = {
    "station_features": lambda s: len(s.features),
    "sign_ins": lambda v: len(v.signed_in),
    "session_steps": lambda v: len(v.steps),
    "session_films": lambda v: len(v.film_ids),
    "plan_entry_films": lambda e: len(e.film_ids),
}

_UNIT_TABLES = ("stations", "film_sets", "submissions", "subscriptions", "demo_households",
                "institutions", "awards", "funds_misuse", "members", "theme_activities",
                "tv_columns", "liaison_meetings", "ledger", "budgets", "demo_bases",
                "plan_entries")  # fmt: skip

_STORE_DDL = """
CREATE TABLE IF NOT EXISTS units (
  id VARCHAR PRIMARY KEY, parent_id VARCHAR, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  depth BIGINT NOT NULL CHECK (depth >= 0), county VARCHAR, province VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS closure (anc VARCHAR NOT NULL, des VARCHAR NOT NULL,
  PRIMARY KEY (anc, des));
CREATE TABLE IF NOT EXISTS imports (county VARCHAR NOT NULL, year BIGINT NOT NULL,
  file VARCHAR NOT NULL, rows BIGINT NOT NULL, PRIMARY KEY (county, year));
"""


def store_module(*, name: str = "duckdb") -> Any:
    """A module of the ``db`` extra, looked up when a store is opened.

    >>> store_module(name="no_such_module_here")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.MissingExtraError: the record store needs no_such_module_here: ...
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError("db", name, "the record store") from None


def _table_ddl(name: str) -> str:
    cols = [*RECORD_TABLES[name], ("year", "BIGINT"), ("province", "VARCHAR")]
    keys = ("county", "year", *KEYS[name])
    parts = [f"{c} {t}{' NOT NULL' if c in keys or c == 'province' else ''}" for c, t in cols]
    parts += [f"CHECK ({check})" for check in _CHECKS.get(name, ())]
    parts.append(f"PRIMARY KEY ({', '.join(keys)})")
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(parts)});"


def open_store(path: str | os.PathLike[str] | None, *, read_only: bool = False) -> Any:
    """A DuckDB connection to the store at ``path`` (``None``: in memory), its tables created on
    first use.

    >>> con = open_store(None)
    >>> con.execute("SELECT COUNT(*) FROM stations").fetchone()
    (0,)
    """
    duckdb = store_module()
    con = duckdb.connect(":memory:" if path is None else str(path), read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    if not read_only:
        con.execute(_STORE_DDL + "\n".join(_table_ddl(n) for n in RECORD_TABLES))
    return con


def spark_session(*, master: str | None = None, app: str = "pmedu") -> Any:
    """The SparkSession the spark engine receives (``pmedu[spark]``): ``master`` ``local[2]`` by
    default; a cluster's URL (``spark://host:7077``, ``yarn``, ``k8s://…``) in production.

    >>> callable(spark_session)
    True
    """
    try:
        sql = importlib.import_module("pyspark.sql")
    except ImportError:
        raise MissingExtraError("spark", "pyspark", "the spark engine") from None
    builder = sql.SparkSession.builder.appName(app).master(master or "local[2]")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if (master or "local").startswith("local"):
        # one machine: a few shuffle partitions, not a cluster's 200
        builder = builder.config("spark.sql.shuffle.partitions", "4")
    return builder.getOrCreate()


@attrs.frozen
class ImportSummary:
    """One records file imported: its county-year and how many rows it put in the store.

    >>> ImportSummary(file="r.json", county="C", year=2025, rows=3).rows
    3
    """

    file: str
    county: str
    year: int
    rows: int

    def to_records(self) -> list[dict[str, Any]]:
        """One dict.

        >>> ImportSummary(file="r.json", county="C", year=2025, rows=3).to_records()[0]["county"]
        'C'
        """
        return [attrs.asdict(self)]


def _kin(tree: OrgTree, kind: UnitKind) -> dict[str, str | None]:
    """Each unit's nearest ancestor-or-self of ``kind`` (``None`` when it has none)."""
    out: dict[str, str | None] = {}
    for u in tree:
        if u.kind is kind:
            out[u.id] = u.id
        else:
            out[u.id] = out[u.parent_id] if u.parent_id is not None else None
    return out


def _unit_columns(tree: OrgTree) -> Columns:
    county = _kin(tree, UnitKind.COUNTY)
    province = _kin(tree, UnitKind.PROVINCE)
    depth = tree_columns(tree, units=[])["t_units"]["depth"]
    units = tree.units()
    root = tree.root.id
    return {
        "id": [u.id for u in units],
        "parent_id": [u.parent_id for u in units],
        "name": [u.name for u in units],
        "kind": [u.kind.value for u in units],
        "depth": depth,
        "county": [county[u.id] for u in units],
        "province": [province[u.id] or root for u in units],
    }


_UNIT_SCHEMA = (("id", "VARCHAR"), ("parent_id", "VARCHAR"), ("name", "VARCHAR"),
                ("kind", "VARCHAR"), ("depth", "BIGINT"), ("county", "VARCHAR"),
                ("province", "VARCHAR"))  # fmt: skip


def _provenance(records: Records, table: str, file: str) -> Columns:
    """The file, sheet and row of each row of ``table`` (a row as a sheet counts it: the header
    is row 1, the first record row 2)."""
    field = _FIELD.get(table, table)
    sheet = sheet_name(_SOURCE[table])
    items = getattr(records, field)
    if table in _CHILDREN:
        count = _CHILDREN[table]
        rows = [i + 2 for i, it in enumerate(items) for _ in range(count(it))]
    else:
        rows = [i + 2 for i in range(len(items))]
    return {"src_file": [file] * len(rows), "src_sheet": [sheet] * len(rows), "src_row": rows}


def _problems(con: Any, sql: str, column: str) -> list[Problem]:
    return [
        Problem(what, file=f"{file}:{sheet}!{row}", field=column)
        for file, sheet, row, what in con.execute(sql).fetchall()
    ]


def _check_staging(con: Any, county: str) -> list[Problem]:
    """Every row the store refuses, named by its file, sheet and row."""
    found: list[Problem] = []
    for name in _UNIT_TABLES:
        found += _unit_problems(con, name, county)
    for name, keys in KEYS.items():
        cols = ", ".join(keys)
        found += _problems(
            con,
            f"""SELECT src_file, src_sheet, src_row, 'duplicate key (' || {
                " || ', ' || ".join(f"CAST({k} AS VARCHAR)" for k in keys)
            } || ')'
                FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY {cols} ORDER BY src_row) AS k
                      FROM stg_{name}) WHERE k > 1 ORDER BY src_row""",
            keys[-1],
        )
    return found


def _unit_problems(con: Any, name: str, county: str) -> list[Problem]:
    rows = con.execute(
        f"""SELECT s.src_file, s.src_sheet, s.src_row, s.unit_id, u.id, u.county
            FROM stg_{name} AS s LEFT JOIN units AS u ON u.id = s.unit_id
            WHERE u.id IS NULL OR u.county IS DISTINCT FROM ? ORDER BY s.src_row""",
        [county],
    ).fetchall()
    out = []
    for file, sheet, row, unit, known, theirs in rows:
        what = (
            f"unit {unit} is not in the store's unit table"
            if known is None
            else f"unit {unit} is in county {theirs or '(none)'}, not {county}: "
            "a county's records name its own units"
        )
        out.append(Problem(what, file=f"{file}:{sheet}!{row}", field="unit_id"))
    return out


def _county_of(records: Records, tree: OrgTree, file: str) -> str:
    """The county whose records these are: the county most of the records' units lie in (a row
    naming a unit of another county is then refused by the staging check, by its row)."""
    county = _kin(tree, UnitKind.COUNTY)
    seen: Counter[str] = Counter()
    for name in _UNIT_TABLES:
        for rec in getattr(records, name):
            c = county.get(rec.unit_id)
            if c is not None:
                seen[c] += 1
    if not seen:
        what = "the records name no unit of a county (县级): nothing to import"
        raise DataError([Problem(what, file=file)])
    return seen.most_common(1)[0][0]


def _stage(con: Any, records: Records, file: str, county: str) -> int:
    tables = record_columns(records, county=county)
    n = 0
    for name, cols in tables.items():
        extra = _provenance(records, name, file)
        schema = [*RECORD_TABLES[name], ("src_file", "VARCHAR"), ("src_sheet", "VARCHAR"),
                  ("src_row", "BIGINT")]  # fmt: skip
        con.register("pmedu_stage", arrow_table({**cols, **extra}, schema))
        con.execute(f"CREATE OR REPLACE TEMP TABLE stg_{name} AS SELECT * FROM pmedu_stage")
        con.unregister("pmedu_stage")
        n += len(extra["src_row"])
    return n


def load_units(con: Any, tree: OrgTree) -> None:
    """Replace the store's unit table and closure table by ``tree``'s (inside the caller's
    transaction, if any): each unit's county (县级) and province are kept beside it.

    >>> from pmedu.datasets import sample_county
    >>> con = open_store(None)
    >>> load_units(con, sample_county())
    >>> con.execute("SELECT COUNT(*), COUNT(DISTINCT county) FROM units").fetchone()
    (390, 1)
    """
    _replace_units(con, tree)


def _replace_units(con: Any, tree: OrgTree) -> None:
    con.register("pmedu_units", arrow_table(_unit_columns(tree), _UNIT_SCHEMA))
    closure = tree_columns(tree, units=[])["t_closure"]
    con.register("pmedu_closure", arrow_table(closure, (("anc", "VARCHAR"), ("des", "VARCHAR"))))
    con.execute("DELETE FROM closure; DELETE FROM units")
    con.execute("INSERT INTO units SELECT * FROM pmedu_units")
    con.execute("INSERT INTO closure SELECT * FROM pmedu_closure")
    con.unregister("pmedu_units")
    con.unregister("pmedu_closure")


def _province(tree: OrgTree, county: str) -> str:
    return _kin(tree, UnitKind.PROVINCE).get(county) or tree.root.id


def import_records(
    con: Any,
    tree: OrgTree,
    paths: Sequence[str | os.PathLike[str]],
    *,
    year: int | None = None,
) -> list[ImportSummary]:
    """Load the unit table ``tree`` and the records files ``paths`` into the store ``con``.

    Each file is read by [`load_records`][pmedu.io.records.load_records] and checked against the
    tree; its county is the one county its units lie in, its year the records' ``year`` (or
    ``year``). Rows go through staging tables carrying file, sheet and row; every refused row is
    named (``FILE:SHEET!ROW: column: what``) in one [`DataError`][pmedu.errors.DataError]. Then,
    in ONE transaction, the unit table and closure are replaced and each county-year's rows
    replace the store's: importing the same files twice leaves the same store, and a failed
    import leaves it as it was.

    >>> callable(import_records)
    True
    """
    staged: list[tuple[str, str, int, Records]] = []
    problems: list[Problem] = []
    for p in paths:
        file = str(p)
        records = load_records(p)
        records.check(tree=tree, source=file).raise_errors()
        y = year if year is not None else records.year
        if y is None:
            problems.append(Problem("the records have no year: give --year", file=file))
            continue
        county = _county_of(records, tree, file)
        twice = [f for f, c, yy, _r in staged if (c, yy) == (county, y)]
        if twice:
            what = f"county {county}, {y} again (first in {twice[0]}): one file per county-year"
            problems.append(Problem(what, file=file))
        staged.append((file, county, y, records))
    if problems:
        raise DataError(problems)
    con.execute("BEGIN TRANSACTION")
    try:
        _replace_units(con, tree)
        out = [_import_one(con, tree, *item) for item in staged]
        orphans = _orphans(con)
        if orphans:
            raise DataError(orphans)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return out


def _orphans(con: Any) -> list[Problem]:
    """The records already in the store that the new unit table no longer holds (or holds in
    another county): a unit table that would leave them behind is refused."""
    out: list[Problem] = []
    for name in _UNIT_TABLES:
        rows = con.execute(
            f"""SELECT r.county, r.year, r.unit_id, COUNT(*) FROM {name} AS r
                LEFT JOIN units AS u ON u.id = r.unit_id
                WHERE u.id IS NULL OR u.county IS DISTINCT FROM r.county
                GROUP BY ALL ORDER BY ALL LIMIT 20"""
        ).fetchall()
        for county, year, unit, n in rows:
            what = (
                f"{n} row(s) of county {county}, {year} name unit {unit}, which the new unit "
                "table does not hold in that county"
            )
            out.append(Problem(what, field=f"{name}.unit_id"))
    return out


def _import_one(
    con: Any, tree: OrgTree, file: str, county: str, year: int, records: Records
) -> ImportSummary:
    rows = _stage(con, records, file, county)
    found = _check_staging(con, county)
    if found:
        raise DataError(found)
    province = _province(tree, county)
    for name, columns in RECORD_TABLES.items():
        cols = ", ".join(c for c, _ in columns)
        con.execute(f"DELETE FROM {name} WHERE county = ? AND year = ?", [county, year])
        con.execute(
            f"INSERT INTO {name} ({cols}, year, province) SELECT {cols}, ?, ? FROM stg_{name}",
            [year, province],
        )
        con.execute(f"DROP TABLE stg_{name}")
    con.execute("DELETE FROM imports WHERE county = ? AND year = ?", [county, year])
    con.execute("INSERT INTO imports VALUES (?, ?, ?, ?)", [county, year, file, rows])
    return ImportSummary(file=file, county=county, year=year, rows=rows)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_store(con: Any, directory: str | os.PathLike[str]) -> list[Path]:
    """Write every table of the store as Parquet under ``directory``: ``TABLE/year=Y/province=P/
    *.parquet`` for the record tables, ``units/province=P/`` and ``closure/`` for the tree (an
    empty table as one file ``TABLE/TABLE.parquet`` with its columns). An existing table folder
    is replaced.

    >>> callable(export_store)
    True
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    tables: Iterable[tuple[str, str]] = [
        *((n, "PARTITION_BY (year, province), ") for n in RECORD_TABLES),
        ("units", "PARTITION_BY (province), "),
        ("imports", ""),
        ("closure", ""),
    ]
    for name, partition in tables:
        target = root / name
        empty = con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] == 0
        if partition and not empty:
            con.execute(
                f"COPY {name} TO {_literal(target)} (FORMAT parquet, {partition}OVERWRITE true)"
            )
        else:  # one file (an empty table too: its columns, year and province among them)
            if target.is_dir():
                shutil.rmtree(target)
            target.mkdir()
            con.execute(f"COPY {name} TO {_literal(target / (name + '.parquet'))} (FORMAT parquet)")
        out.append(target)
    return out


def attach_parquet(con: Any, directory: str | os.PathLike[str], *, schema: str = "parquet") -> str:
    """Views ``SCHEMA.TABLE`` on the DuckDB connection ``con`` over the Parquet folder
    ``directory`` (what [`export_store`][pmedu.io.store.export_store] writes: ``TABLE/year=Y/
    province=P/*.parquet``), for the duckdb engine's ``use_store(con, year, schema=SCHEMA)``;
    returns the schema's name.

    >>> import tempfile
    >>> from pmedu.datasets import sample_county, sample_path
    >>> con = open_store(None)
    >>> _ = import_records(con, sample_county(), [sample_path(name="records_2025.json")])
    >>> d = tempfile.mkdtemp()
    >>> _ = export_store(con, d)
    >>> other = open_store(None)
    >>> other.execute(f"SELECT COUNT(*) FROM {attach_parquet(other, d)}.sign_ins").fetchone()
    (147222,)
    """
    root = Path(directory)
    if not root.is_dir():
        raise DataError([Problem("no such Parquet folder", file=str(directory))])
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for name in (*RECORD_TABLES, "units", "closure"):
        files = _literal(root / name / "**" / "*.parquet")
        con.execute(
            f"CREATE OR REPLACE VIEW {schema}.{name} AS SELECT * FROM "
            f"read_parquet({files}, hive_partitioning = true)"
        )
    return schema


def spark_parquet_views(spark: Any, path: str, *, prefix: str = "store_") -> None:
    """Temporary views ``prefix + TABLE`` on ``spark`` over the Parquet folder ``path`` (any path
    Spark reads: local, ``hdfs://``, ``s3a://`` …; ``TABLE/year=Y/province=P/*.parquet``), for the
    spark engine's ``use_tables(spark, year, prefix=prefix)``.

    >>> callable(spark_parquet_views)
    True
    """
    root = path.rstrip("/")
    for name in RECORD_TABLES:
        frame = spark.read.option("basePath", f"{root}/{name}").parquet(f"{root}/{name}")
        frame.createOrReplaceTempView(f"{prefix}{name}")
