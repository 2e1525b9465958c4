"""Benchmark: the facts of every township on the python, duckdb and spark engines (issue 16).

It makes a synthetic province (``pmedu.datasets.synth``, 22,600 units: 90 counties, ~20,000
villages and communities, ~1.3M members) and its member-level records of a year
(``pmedu.datasets.synth_records``: ~19,000 stations, ~230,000 sessions, ~13M sign-ins) in a
DuckDB record store, exports them to Parquet, then measures every township's facts in a child
process per engine (wall time, peak RSS of the child, and for spark of its JVM too):

* ``python`` — the baseline: the store's records read into a ``Records`` bundle (sessions with
  their sign-in counts: the python engine reads counts), then ``pmedu.facts.measure_rows``;
  the read is timed apart from the measuring;
* ``duckdb`` — ``use_store`` + the measures' SQL on the store (``--threads``, default 2), then
  once again on the same connection ("again": the store's pages in memory);
* ``spark`` — the Parquet export (``spark_parquet_views`` + ``use_tables``) and the same SQL
  transpiled, on ``local[2]``.

Every engine's rows are compared with the python engine's (equal exactly, or the run says so).
``--nation`` adds the nation at 10% (``synth.tree("nation", units=70,000)``) on duckdb alone:
time, peak memory and the linear extrapolation to 100% by sign-ins. Figures are printed, never
asserted; engines whose extra is missing are skipped.

Run::

    python benchmarks/bench_engines.py             # the province, every engine
    python benchmarks/bench_engines.py --nation    # and the nation at 10% on duckdb
    python benchmarks/bench_engines.py --quick     # a 1,500-unit province, python and duckdb
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEAR = 2025
SEED = 1


def _tree(shape: str, units: int) -> Any:
    from pmedu.datasets import synth

    return synth.tree(shape, units=units, seed=SEED)  # type: ignore[arg-type]


def _towns(tree: Any) -> list[str]:
    return [u.id for u in tree.units(kind=["乡镇", "街道"])]


def _records_from_store(con: Any, *, ids: bool = False) -> Any:
    """The python engine's bundle from the store (one object per row: what it needs)."""
    from pmedu.model import (
        Award,
        DemoHouseholds,
        FilmSet,
        FundsMisuse,
        Institution,
        MagazineSubscription,
        Submission,
    )
    from pmedu.records import Records
    from pmedu.stations import Station
    from pmedu.viewing import ViewingSession

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return con.execute(sql).fetchall()  # type: ignore[no-any-return]

    feats: dict[str, list[str]] = {}
    for sid, f in rows("SELECT station_id, feature FROM station_features"):
        feats.setdefault(sid, []).append(f)
    stations = [
        Station(id=i, unit_id=u, features=feats.get(i, ()), established=e)
        for i, u, e in rows("SELECT id, unit_id, established FROM stations")
    ]
    if ids:  # the sign-ins as member ids on each session: the python engine's member level
        signed: dict[str, list[str]] = {}
        for sid, mid in rows("SELECT session_id, member_id FROM sign_ins"):
            signed.setdefault(sid, []).append(mid)
        sessions = [
            ViewingSession(
                id=i, station_id=s, date=d, expected_count=n, signed_in=signed.get(i, ())
            )
            for i, s, d, n in rows("SELECT id, station_id, date, n_expected FROM sessions")
        ]
    else:  # the sign-ins counted per session in SQL (what a count-based bundle holds)
        sessions = [
            ViewingSession(id=i, station_id=s, date=d, expected_count=n, signed_in_count=k)
            for i, s, d, n, k in rows(
                "SELECT v.id, v.station_id, v.date, v.n_expected, COALESCE(g.k, 0) FROM sessions v "
                "LEFT JOIN (SELECT county, session_id, COUNT(*) AS k FROM sign_ins "
                "GROUP BY ALL) g ON g.county = v.county AND g.session_id = v.id"
            )
        ]
    q = "SELECT {} FROM {}"
    return Records(
        year=YEAR,
        stations=stations,
        sessions=sessions,
        film_sets=[FilmSet(id=i, unit_id=u, film_ids=[], year=y)
                   for i, u, y in rows(q.format("id, unit_id, set_year", "film_sets"))],
        submissions=[Submission(id=i, unit_id=u, kind=k, date=d, year=y, quarter=qq)
                     for i, u, k, d, y, qq in rows(q.format(
                         "id, unit_id, kind, date, period_year, period_quarter", "submissions"))],
        subscriptions=[MagazineSubscription(unit_id=u, year=y, copies=c)
                       for u, y, c in rows(q.format("unit_id, sub_year, copies", "subscriptions"))],
        demo_households=[DemoHouseholds(unit_id=u, year=y, target=t, achieved=a)
                         for u, y, t, a in rows(q.format("unit_id, demo_year, target, achieved",
                                                         "demo_households"))],
        institutions=[Institution(unit_id=u, staff=s, established=e)
                      for u, s, e in rows(q.format("unit_id, staff, established", "institutions"))],
        awards=[Award(id=i, unit_id=u, year=y, level=lv)
                for i, u, y, lv in rows(q.format("id, unit_id, award_year, level", "awards"))],
        funds_misuse=[FundsMisuse(id=i, unit_id=u, date=d)
                      for i, u, d in rows(q.format("id, unit_id, date", "funds_misuse"))],
    )  # fmt: skip


def _descendants_peak_mb(pid: int) -> float:
    """The largest peak RSS (VmHWM) among the live descendants of ``pid`` (the JVM of a
    SparkSession), from /proc; 0 where /proc is not there."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(stat.parent.name)] = int(fields[1])
    peak = 0.0
    for p in parent:
        q = p
        while q in parent and q != pid:
            q = parent[q]
        if q == pid and p != pid:
            try:
                status = Path(f"/proc/{p}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def child(a: argparse.Namespace) -> None:
    """One engine in this process: print its timings as JSON, pickle its rows to ``a.out``."""

    if a.child == "make":
        store, counts, made = _make(
            a.shape, a.units, Path(a.store).parent, a.parquet != "-", a.member_scale
        )
        print(json.dumps({"counts": counts, "made": made, "size": store.stat().st_size}))
        return
    tree = _tree(a.shape, a.units)
    towns = _towns(tree)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    if a.child == "python":
        from pmedu.facts import measure_rows
        from pmedu.io.store import open_store

        con = open_store(a.store, read_only=True)
        records = _records_from_store(con, ids=a.ids)
        con.close()
        out["read"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        rows = measure_rows(tree, records, YEAR, units=towns, check=False)
        out["facts"] = time.perf_counter() - t1
    elif a.child == "duckdb":
        from pmedu.facts.engines import duckdb as engine
        from pmedu.io.store import open_store

        con = open_store(a.store, read_only=True)
        con.execute(f"SET threads = {int(a.threads)}")
        engine.use_store(con, YEAR)
        rows = engine.measure_rows(con, tree, YEAR, units=towns)
        out["facts"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        engine.measure_rows(con, tree, YEAR, units=towns)
        out["again"] = time.perf_counter() - t1  # the store's pages in memory now
        con.close()
    else:
        from pmedu.facts.engines import spark as engine
        from pmedu.io.store import spark_parquet_views, spark_session

        spark = spark_session(master="local[2]", app="bench")
        spark.sparkContext.setLogLevel("ERROR")
        out["start"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        spark_parquet_views(spark, a.parquet)
        engine.use_tables(spark, YEAR)
        rows = engine.measure_rows(spark, tree, YEAR, units=towns)
        out["facts"] = time.perf_counter() - t1
        out["jvm_rss_mb"] = _descendants_peak_mb(os.getpid())
        spark.stop()
    Path(a.out).write_bytes(pickle.dumps(rows))
    print(json.dumps(out))


def _run(args: list[str]) -> tuple[dict[str, Any], float, float]:
    """A child's JSON, wall time and peak RSS (MB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert p.stdout is not None
    text = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if p.returncode:
        return {"error": f"exit {p.returncode}"}, wall, usage.ru_maxrss / 1024
    return json.loads(text.decode().strip().splitlines()[-1]), wall, usage.ru_maxrss / 1024


def _have(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def _make(
    shape: str, units: int, d: Path, parquet: bool, scale: float = 1.0
) -> tuple[Path, dict[str, int], float]:
    from pmedu.datasets.synth_records import RecordShape, synth_records
    from pmedu.io.store import export_store, open_store

    store = d / f"{shape}.duckdb"
    t0 = time.perf_counter()
    con = open_store(store)
    counts = synth_records(
        con, _tree(shape, units), year=YEAR, seed=SEED, shape=RecordShape(member_scale=scale)
    )
    if parquet:
        export_store(con, d / f"{shape}_parquet")
    con.close()
    return store, counts, time.perf_counter() - t0


def province(units: int, d: Path, engines: list[str], threads: int) -> None:
    store = d / "province.duckdb"
    parquet = str(d / "province_parquet") if "spark" in engines else "-"
    base = ["--shape", "province", "--units", str(units), "--store", str(store)]
    base += ["--parquet", parquet, "--threads", str(threads), "--member-scale", "1"]
    made, _wall, rss = _run([*base, "--child", "make"])
    counts = made["counts"]
    big = ", ".join(f"{k} {v:,}" for k, v in counts.items() if v > 10_000)
    print(f"province: {units:,} units; records made in {made['made']:.1f} s, "
          f"peak RSS {rss:,.0f} MB ({big})")  # fmt: skip
    results: dict[str, tuple[dict[str, Any], float, float]] = {}
    rows: dict[str, Any] = {}
    for engine in engines:
        out = d / f"{engine}.pkl"
        name, flags = ("python", ["--ids"]) if engine == "python-ids" else (engine, [])
        results[engine] = _run([*base, *flags, "--child", name, "--out", str(out)])
        rows[engine] = pickle.loads(out.read_bytes()) if out.is_file() else None
    ref = results.get("python", ({}, 0.0, 0.0))[0].get("facts")
    for engine, (res, wall, rss) in results.items():
        if "error" in res:
            print(f"  {engine:7s} {res['error']}")
            continue
        facts = res["facts"]
        ratio = f"{ref / facts:6.1f}x python" if ref and engine != "python" else "  baseline"
        if "read" in res:
            ratio += f"; read + facts {res['read'] + facts:.2f} s"
        elif ref:
            total = ref + results["python"][0].get("read", 0.0)
            ratio += f"; {total / facts:.1f}x python's read + facts"
        timed = ("read", "start", "again")
        extra = "".join(f", {k} {v:.2f} s" for k, v in res.items() if k in timed)
        if "jvm_rss_mb" in res:
            extra += f", JVM peak {res['jvm_rss_mb']:,.0f} MB"
        same = (
            "" if engine == "python" else f", equal to python: {rows[engine] == rows.get('python')}"
        )
        print(f"  {engine:7s} facts {facts:7.2f} s ({ratio}); wall {wall:6.1f} s, "
              f"peak RSS {rss:,.0f} MB{extra}{same}")  # fmt: skip


def nation(units: int, d: Path, threads: int, share: float, scale: float) -> None:
    store = d / "nation.duckdb"
    base = ["--shape", "nation", "--units", str(units), "--store", str(store), "--parquet", "-"]
    base += ["--threads", str(threads), "--member-scale", str(scale)]
    info, _w, make_rss = _run([*base, "--child", "make"])
    counts, made = info["counts"], info["made"]
    res, wall, rss = _run([*base, "--child", "duckdb", "--out", str(d / "nation.pkl")])
    if "error" in res:
        print(f"nation: duckdb {res['error']}")
        return
    size = store.stat().st_size / 2**30
    print(f"nation at {share:.0%}: {units:,} units, {counts['members']:,} members, "
          f"{counts['sessions']:,} sessions, {counts['sign_ins']:,} sign-ins; "
          f"made in {made:.0f} s (peak RSS {make_rss:,.0f} MB), store {size:.1f} GiB")  # fmt: skip
    print(f"  duckdb  facts {res['facts']:7.2f} s; wall {wall:.1f} s, peak RSS {rss:,.0f} MB; "
          f"at 100% (linear in rows): ~{res['facts'] / share:,.0f} s, "
          f"store ~{size / share:,.0f} GiB")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a 1,500-unit province, no spark")
    ap.add_argument("--nation", action="store_true", help="also the nation at 10%% on duckdb")
    ap.add_argument("--units", type=int, default=None, help="province units (default 22,600)")
    ap.add_argument("--nation-units", type=int, default=70_000)
    ap.add_argument(
        "--member-scale",
        type=float,
        default=2.5,
        help="members per unit over synth's (2.5: the nation's 99M at full size)",
    )
    ap.add_argument("--skip-province", action="store_true", help="only the nation (--nation)")
    ap.add_argument("--threads", type=int, default=2, help="duckdb threads (default 2)")
    ap.add_argument(
        "--child", choices=["make", "python", "duckdb", "spark"], help=argparse.SUPPRESS
    )
    ap.add_argument("--ids", action="store_true", help=argparse.SUPPRESS)
    for name in ("--shape", "--store", "--parquet", "--out"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        a.units = int(a.units)
        child(a)
        return
    if not _have("duckdb", "pyarrow"):
        print("bench_engines: skipped (needs pmedu[db]: duckdb, pyarrow)")
        return
    engines = ["python", "python-ids", "duckdb"] if not a.quick else ["python", "duckdb"]
    if not a.quick and _have("pyspark", "sqlglot"):
        engines.append("spark")
    elif not a.quick:
        print("spark: skipped (needs pmedu[spark])")
    units = a.units or (1_500 if a.quick else 22_600)
    with tempfile.TemporaryDirectory() as tmp:
        if not a.skip_province:
            province(units, Path(tmp), engines, a.threads)
        if a.nation and not a.quick:
            share = a.nation_units / 700_000
            nation(a.nation_units, Path(tmp), a.threads, share, a.member_scale)


if __name__ == "__main__":
    main()
