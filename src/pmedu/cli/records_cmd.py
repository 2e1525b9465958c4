"""``pmedu stations`` and ``pmedu facts``: check stations and measure a year of records.

``pmedu stations TREE RECORDS`` prints the stations that fall short of a standard and what
each one misses (the gap list), then the station coverage 建点率 and the standards'
compliance per township and street. ``pmedu facts TREE RECORDS --year Y --out facts.csv``
writes every measured fact as a long CSV (columns unit, measure, value), atomically.
Record warnings (a member signed in who was not expected …) go to stderr; record errors go
to stderr one per line and the command exits 1.

>>> import io, contextlib
>>> from pmedu.cli import main
>>> from pmedu.datasets import sample_path
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(
...         argv=["stations", str(sample_path()), str(sample_path(name="records_2025.json"))]
...     )
>>> status, "建点率" in buf.getvalue()
(0, True)
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any, TextIO

from pmedu.cli.db_cmd import engine_rows
from pmedu.cli.inputs import (
    add_calendar_option,
    add_records_argument,
    add_sheet_options,
    demo_year,
    load_tree_and_records,
    schedule_from,
)
from pmedu.cli.output import STDIO, add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.errors import DataError, Problem
from pmedu.facts import MeasurePolicy
from pmedu.facts import measure_rows as compute_facts
from pmedu.facts.engines import ENGINES
from pmedu.io.documents import atomic_open
from pmedu.io.standards import load_standard
from pmedu.labels import UnitKind
from pmedu.network import Coverage, OrgTree
from pmedu.records import Records
from pmedu.results import YearResults
from pmedu.stations import DEFAULT_KINDS, Standard, compliance, gaps, station_coverage
from pmedu.tables import Cell, Column, Table, format_rate, text_table

__all__ = [
    "DEMO_ORDER",
    "DEMO_TITLE",
    "coverage_report",
    "coverage_text",
    "demo_section",
    "gap_report",
    "register",
    "station_tables",
    "write_facts",
]

#: ``pmedu demo`` prints this section after the supply section
DEMO_ORDER = 40
#: the heading of the demo section
DEMO_TITLE = "播放网点与收看 stations and viewing"

_TOWNS = (UnitKind.TOWNSHIP, UnitKind.STREET)


def register(subparsers: Any) -> None:
    """Add the ``stations`` and ``facts`` subcommands."""
    p = add_parser(
        subparsers,
        "stations",
        help="gap list of stations against a standard, and coverage per township",
        description="Print the stations that fall short of the standard(s) and what they "
        "miss, then station coverage and compliance per township/street.",
        examples=["pmedu stations units.csv records_2025.json --standard six_haves"],
    )
    p.add_argument(
        "tree", help="the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"
    )
    add_records_argument(p)
    add_sheet_options(p, "tree")
    p.add_argument(
        "--standard",
        action="append",
        default=None,
        help="a standard preset name or label, or a TOML/JSON file; repeat for several "
        f"(default: two_machines_one_room and six_haves; presets: {', '.join(Standard.presets())})",
    )
    add_format(p)
    p.set_defaults(func=run_stations)

    f = add_parser(
        subparsers,
        "facts",
        help="measure a year of records: the facts the rubric reads, as a long CSV",
        description="Compute every measure for every unit (or townships/streets only) and "
        "write unit, measure, value rows (to --out, or with --format csv|json to stdout).",
        examples=["pmedu facts units.csv records_2025.json --year 2025 --out facts_2025.csv"],
    )
    f.add_argument(
        "tree", help="the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"
    )
    add_records_argument(f)
    add_sheet_options(f, "tree")
    f.add_argument("--year", type=int, required=True, help="the year to measure")
    f.add_argument(
        "--out",
        default=None,
        help="the CSV file to write ('-': stdout); needed with --format text (the default)",
    )
    f.add_argument(
        "--townships", action="store_true", help="only townships and streets (the peer group)"
    )
    add_format(f)
    add_calendar_option(f)
    f.set_defaults(func=run_facts)
    f.add_argument(
        "--engine",
        choices=ENGINES,
        default="python",
        help="who measures: python (default), duckdb (pmedu[db]; RECORDS may be a store) or "
        "spark (pmedu[spark]; RECORDS may be a Parquet folder); the file is the same",
    )
    f.add_argument("--master", default=None, help="the Spark master (default local[2])")


def _standard(spec: str) -> Standard:
    if spec.lower().endswith((".toml", ".json")):
        return load_standard(spec)
    return Standard.preset(name=spec)


def gap_report(records: Records, standards: list[Standard], tree: OrgTree) -> str:
    """The gap list: one row per station that misses something, with what it misses.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> print(gap_report(sample_records(), [Standard.preset(name="两机一室")], sample_county()))
    两机一室 (two_machines_one_room): ... of ... stations fall short
    ...
    """
    blocks = []
    for std in standards:
        found = gaps(records.stations, std)
        rows = [
            (s.id, tree.path(s.unit_id), "、".join(i.label for i in missing))
            for s, missing in found
        ]
        columns = (Column("网点"), Column("单位"), Column("缺少 missing"))
        head = (
            f"{std.label} ({std.name}): {len(found)} of {len(records.stations)} stations fall short"
        )
        body = text_table(Table(columns=columns, rows=rows)) if rows else "(none)"
        blocks.append(f"{head}\n{body}")
    return "\n\n".join(blocks)


def coverage_report(tree: OrgTree, records: Records, standards: list[Standard]) -> str:
    """Coverage 建点率 and each standard's compliance per township/street and in total.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> print(coverage_report(sample_county(), sample_records(),
    ...                       [Standard.preset(name="六有")]))  # doctest: +ELLIPSIS
    编号  名称 ... 六有
    ...
    """
    cov = station_coverage(tree, records.stations, kind=DEFAULT_KINDS)
    comps = {s.name: compliance(tree, records.stations, s) for s in standards}
    return coverage_text(tree, cov, comps, standards)


def coverage_text(
    tree: OrgTree,
    coverage: Mapping[str, Coverage],
    compliances: Mapping[str, Mapping[str, Coverage]],
    standards: Sequence[Standard],
) -> str:
    """The table of [`coverage_report`][pmedu.cli.records_cmd.coverage_report] from figures already
    computed: every unit's coverage and, per standard name, every unit's compliance."""
    rows: list[tuple[Cell, ...]] = []
    ids = [u.id for u in tree.units(kind=_TOWNS)] or [u.id for u in tree.children(tree.root.id)]
    for uid in [*ids, tree.root.id]:
        u = tree.unit(uid)
        c = coverage[uid]
        name = u.name if uid != tree.root.id else f"{u.name}（合计）"
        rates = tuple(compliances[s.name][uid].rate for s in standards)
        rows.append((u.id, name, c.total, c.covered, c.rate, *rates))
    columns = (
        Column("编号"),
        Column("名称"),
        Column("村/社区", "int"),
        Column("有网点", "int"),
        Column("建点率", "pct"),
        *(Column(s.label, "pct") for s in standards),
    )
    return text_table(Table(columns=columns, rows=rows))


def station_tables(
    tree: OrgTree, records: Records, standards: Sequence[Standard]
) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``pmedu stations --format csv|json``: ``gaps`` (one record per station
    short of a standard: standard, station, unit, its path, the items missing) and
    ``coverage`` (per township/street and the root: units to cover, covered, rate, and a
    ``STANDARD_rate`` key per standard's compliance).

    >>> from pmedu.datasets import sample_county, sample_records
    >>> out = station_tables(sample_county(), sample_records(), [Standard.preset(name="六有")])
    >>> sorted(out["coverage"][0])
    ['covered', 'name', 'rate', 'six_haves_rate', 'total', 'unit_id']
    """
    gap_rows = [
        {
            "standard": std.name,
            "station_id": s.id,
            "unit_id": s.unit_id,
            "unit_path": tree.path(s.unit_id),
            "missing": ";".join(i.name for i in missing),
        }
        for std in standards
        for s, missing in gaps(records.stations, std)
    ]
    cov = station_coverage(tree, records.stations, kind=DEFAULT_KINDS)
    comps = {s.name: compliance(tree, records.stations, s) for s in standards}
    ids = [u.id for u in tree.units(kind=_TOWNS)] or [u.id for u in tree.children(tree.root.id)]
    coverage = []
    for uid in [*ids, tree.root.id]:
        c = cov[uid]
        rec: dict[str, Any] = {
            "unit_id": uid,
            "name": tree.unit(uid).name,
            "total": c.total,
            "covered": c.covered,
            "rate": c.rate,
        }
        rec.update({f"{s.name}_rate": comps[s.name][uid].rate for s in standards})
        coverage.append(rec)
    return {"gaps": gap_rows, "coverage": coverage}


def run_stations(args: argparse.Namespace) -> int:
    """``pmedu stations``."""
    with reporter("stations") as progress:
        tree, records = load_tree_and_records(args, progress)
        progress("checking the stations")
        names = args.standard or ["two_machines_one_room", "six_haves"]
        standards = [_standard(s) for s in names]
        fmt = getattr(args, "format", "text")
        if fmt != "text":
            emit("stations", station_tables(tree, records, standards), fmt=fmt, out=sys.stdout)
            return 0
        return _print_stations(tree, records, standards)


def _print_stations(tree: OrgTree, records: Records, standards: list[Standard]) -> int:
    print(gap_report(records, standards, tree))
    print()
    print("Coverage and compliance per township/street 各乡镇（街道）建点率与达标率")
    print(coverage_report(tree, records, standards))
    return 0


def write_facts(rows: list[tuple[str, str, Any]], path: str) -> None:
    """Write ``(unit, measure, value)`` rows as a long CSV, atomically (blank = n/a).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> write_facts([("T01", "info_items", 8), ("T01", "six_haves_rate", None)], str(p))
    >>> p.read_text(encoding="utf-8").splitlines()
    ['unit,measure,value', 'T01,info_items,8', 'T01,six_haves_rate,']

    ``path`` ``-`` writes them to stdout.
    """
    if path == STDIO:
        _write_facts_rows(rows, sys.stdout)
        return
    with atomic_open(path, mode="w", encoding="utf-8", newline="") as fh:
        _write_facts_rows(rows, fh)


def _write_facts_rows(rows: list[tuple[str, str, Any]], fh: IO[str]) -> None:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["unit", "measure", "value"])
    for unit, measure, value in rows:
        w.writerow([unit, measure, "" if value is None else repr(value)])


def run_facts(args: argparse.Namespace) -> int:
    """``pmedu facts``."""
    fmt = getattr(args, "format", "text")
    if fmt == "text" and not args.out:
        raise DataError([Problem("give --out FILE (or --out - for stdout)", field="--out")])
    if fmt != "text" and args.out == STDIO:
        raise DataError([Problem("--out - and --format both write to stdout", field="--out")])
    with reporter("facts") as progress:
        if getattr(args, "engine", "python") != "python":
            rows = engine_rows(args, progress)
        else:
            tree, records = load_tree_and_records(args, progress)
            units = [u.id for u in tree.units(kind=_TOWNS)] if args.townships else None
            progress(f"measuring {args.year}")
            schedule = schedule_from(args)
            policy = None if schedule is None else MeasurePolicy(schedule=schedule)
            rows = compute_facts(tree, records, args.year, units=units, check=False, policy=policy)
        progress("writing the facts")
        if args.out:
            write_facts(rows, args.out)
        if fmt != "text":
            records_ = [{"unit": u, "measure": m, "value": v} for u, m, v in rows]
            emit("facts", {"facts": records_}, fmt=fmt, out=sys.stdout)
    if args.out:
        where = "stdout" if args.out == STDIO else args.out
        done = f"{len(rows)} facts for {len({r[0] for r in rows})} units written to {where}"
        print(done, file=sys.stderr if args.out == STDIO or fmt != "text" else sys.stdout)
    return 0


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
    """Stations, standards, plans and attendance of the sample county in 2025."""
    results = demo_year(given)
    tree = results.tree
    figs = results.stations
    if figs is None:
        print("(no station records)", file=out)
        return
    year = results.year
    att = figs.attendance
    print(
        f"{figs.stations} stations, {figs.sessions} viewing sessions in "
        f"{year}; {figs.short_of['two_machines_one_room']} stations short of 两机一室, "
        f"{figs.short_of['six_haves']} short of 六有",
        file=out,
    )
    print(
        f"plans held 播放计划完成率 {format_rate(figs.plans_held_rate)}; attendance 出席率 "
        f"{format_rate(att.rate)} ({att.signed_in:,} of {att.expected:,} member-sessions)",
        file=out,
    )
    print(file=out)
    print(coverage_text(tree, figs.coverage, figs.compliance, figs.standards), file=out)
