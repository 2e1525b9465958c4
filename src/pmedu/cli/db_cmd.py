"""``pmedu db``: the record store on DuckDB (``pmedu[db]``), and the engines ``pmedu facts`` runs.

``pmedu db import STORE TREE RECORDS...`` loads the unit table and any number of counties' and
years' records into one DuckDB file (each county-year replaced in one transaction; a refused row
is named ``FILE:SHEET!ROW: column: what``); ``pmedu db export STORE DIR`` writes Parquet per
table, hive-partitioned by year and province. [`engine_rows`][pmedu.cli.db_cmd.engine_rows] is
``pmedu facts --engine duckdb|spark``: RECORDS is a records file, a store (``.duckdb``, duckdb)
or a Parquet folder (``pmedu db export``'s, either engine).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="pmedu")
>>> register(parser.add_subparsers())
>>> parser.parse_args(["db", "export", "s.duckdb", "out"]).dir
'out'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pmedu.cli.output import add_parser
from pmedu.cli.progress import Reporter, reporter
from pmedu.errors import DataError, Problem
from pmedu.facts.engines import duckdb as duckdb_engine
from pmedu.facts.engines import spark as spark_engine
from pmedu.io import read_tree
from pmedu.io.records import load_records
from pmedu.io.store import (
    attach_parquet,
    export_store,
    import_records,
    open_store,
    spark_parquet_views,
    spark_session,
)
from pmedu.labels import UnitKind
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["STORE_SUFFIXES", "engine_rows", "register", "run_export", "run_import"]

#: a RECORDS argument with one of these suffixes is a record store
STORE_SUFFIXES = (".duckdb", ".db")


def register(subparsers: Any) -> None:
    """Add the ``db`` subcommand (``db import``, ``db export``)."""
    p = add_parser(
        subparsers,
        "db",
        help="the record store on DuckDB: import records, export Parquet",
        description="A province's or the nation's unit table and any number of counties' and "
        "years' records in one DuckDB file (pmedu[db]).",
        examples=[
            "pmedu db import store.duckdb units.csv records_2025.json",
            "pmedu db export store.duckdb parquet/",
        ],
    )
    sub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="load the unit table and records files into the store")
    imp.add_argument("store", help="the DuckDB file (created on first use)")
    imp.add_argument("tree", help="the unit table (.csv/.json/.xlsx)")
    imp.add_argument("records", nargs="+", help="records files, one county-year each")
    imp.add_argument("--year", type=int, default=None, help="the year (default: the records')")
    imp.set_defaults(func=run_import)
    exp = sub.add_parser("export", help="write Parquet per table, by year and province")
    exp.add_argument("store", help="the DuckDB file")
    exp.add_argument("dir", help="the folder to write (TABLE/year=Y/province=P/*.parquet)")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    """``pmedu db import``."""
    with reporter("db import") as progress:
        progress(f"reading {args.tree}")
        tree = read_tree(args.tree)
        con = open_store(args.store)
        try:
            progress(f"importing {len(args.records)} records file(s)")
            done = import_records(con, tree, args.records, year=args.year)
        finally:
            con.close()
    for s in done:
        print(f"{s.file}: county {s.county}, {s.year}: {s.rows:,} rows into {args.store}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``pmedu db export``."""
    if not Path(args.store).is_file():
        raise DataError([Problem("no such store", file=args.store)])
    con = open_store(args.store, read_only=True)
    try:
        written = export_store(con, args.dir)
    finally:
        con.close()
    print(f"{len(written)} tables written under {args.dir}")
    return 0


def _targets(tree: OrgTree, townships: bool) -> list[str] | None:
    kinds = (UnitKind.TOWNSHIP, UnitKind.STREET)
    return [u.id for u in tree.units(kind=kinds)] if townships else None


def engine_rows(args: argparse.Namespace, progress: Reporter) -> list[tuple[str, str, Any]]:
    """The facts rows of ``pmedu facts --engine duckdb|spark`` (the rows the python engine gives,
    equal exactly): ``args.records`` is a records file, a store or a Parquet folder.

    >>> callable(engine_rows)
    True
    """
    progress(f"reading {args.tree}")
    tree = read_tree(args.tree)
    units = _targets(tree, args.townships)
    path = Path(args.records)
    bundle = None
    if path.is_file() and path.suffix.lower() not in STORE_SUFFIXES:
        progress(f"reading {args.records}")
        bundle = load_records(path)
        report = bundle.check(tree=tree, source=str(args.records))
        for p in report.warnings:
            print(f"warning: {p}", file=sys.stderr)
        report.raise_errors()
    progress(f"measuring {args.year} on {args.engine}")
    if args.engine == "duckdb":
        return _duckdb_rows(args, tree, bundle, units)
    spark = spark_session(master=getattr(args, "master", None))
    if bundle is not None:
        spark_engine.load_records(spark, bundle)
    else:
        spark_parquet_views(spark, str(args.records))
        spark_engine.use_tables(spark, args.year)
    return spark_engine.measure_rows(spark, tree, args.year, units=units)


def _duckdb_rows(
    args: argparse.Namespace, tree: OrgTree, bundle: Records | None, units: list[str] | None
) -> list[tuple[str, str, Any]]:
    path = Path(args.records)
    store = bundle is None and not path.is_dir()
    con = open_store(path if store else None, read_only=store)
    try:
        if bundle is not None:
            duckdb_engine.load_records(con, bundle)
        elif store:
            duckdb_engine.use_store(con, args.year)
        else:  # a Parquet folder (pmedu db export's)
            duckdb_engine.use_store(con, args.year, schema=attach_parquet(con, path))
        return duckdb_engine.measure_rows(con, tree, args.year, units=units)
    finally:
        con.close()
