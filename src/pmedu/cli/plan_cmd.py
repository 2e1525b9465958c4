"""``pmedu plan`` and ``pmedu registers``: the monthly play-and-view plan and the registers.

::

    pmedu plan TREE RECORDS --year Y [--make] [--policy P] [--township ID] [--lang zh|en]
                                     [--calendar FILE] [--sheet NAME] [--format text|csv|json]
    pmedu registers TREE RECORDS --year Y [--register 收看|讨论|反馈|签到|步骤]
                                          [--by township|station] [--station ID] [--lang zh|en]
                                          [--sheet NAME] [--format text|csv|json]

RECORDS is a records bundle ``.json``, a records workbook ``.xlsx``/``.xls``/``.ods`` or a folder
of CSV files; ``--sheet`` names the unit table's sheet when TREE is a workbook.

``pmedu plan`` prints the monthly plan 每月播放收看计划 of the year: the records' own plan
entries (播放计划) when they have any for the year, else (or with ``--make``) the plan
[`make_plan`][pmedu.planning.maker.make_plan] makes from the records' film sets, films,
stations and themes (年度主题) under the plan policy ``--policy`` (a shipped preset, or a
TOML/JSON plan-policy file: [`plan_policy_from`][pmedu.io.policies.plan_policy_from]). First one
line per township (entries, entries on a stage theme, entries held and the share held:
a session at the station in the month showing the films), then the entries, each marked held
or not. A film set at two villages in one month is an error naming every such row.

``pmedu registers`` prints one register of 三簿一册 (三薄一册 accepted): the viewing register
收看 (default), the discussion register 讨论, the feedback register 反馈 or the sign-in book
签到, for the year (of one station with ``--station``); or with ``--register 步骤`` the five
teaching steps 五步教学法 per township (or ``--by station``): sessions, sessions with all five
steps, their share, the step most often missing and the sessions missing each step.

>>> import contextlib, io
>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["registers", str(sample_path()),
...                         str(sample_path(name="records_2025.json")), "--year", "2025",
...                         "--register", "步骤"])
>>> status, buf.getvalue().split()[:3]
(0, ['乡镇', '名称', '场次'])
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from pmedu.cli.inputs import (
    add_calendar_option,
    add_records_argument,
    add_sheet_options,
    demo_records,
    demo_year,
    load_tree_and_records,
    schedule_from,
)
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.errors import DataError, LabelError, Problem
from pmedu.io.policies import plan_policy_from
from pmedu.labels import UnitKind
from pmedu.model.calendar import SchedulePolicy
from pmedu.network import OrgTree
from pmedu.planning import MonthlyPlan, PlanPolicy, check_plan, make_plan
from pmedu.planning.held import sessions_by_month
from pmedu.records import Records
from pmedu.results import YearResults
from pmedu.tables import Cell, Column, Table, format_rate, text_table
from pmedu.viewing.register import (
    STEPS_COLUMNS,
    Register,
    register_rows,
    register_table,
    steps_rows,
)

__all__ = [
    "DEMO_ORDER",
    "DEMO_TITLE",
    "demo_section",
    "plan_summary",
    "plan_tables",
    "register",
    "run_plan",
    "run_registers",
    "steps_table",
]

#: ``pmedu demo`` prints this section after the stations section
DEMO_ORDER = 45
#: the heading of the demo section
DEMO_TITLE = "播放计划与五步教学 monthly plans and teaching steps"

_TOWNS = (UnitKind.TOWNSHIP, UnitKind.STREET)
_STEPS = ("步骤", "steps", "五步", "五步教学法")


def register(subparsers: Any) -> None:
    """Add the ``plan`` and ``registers`` subcommands."""
    p = add_parser(
        subparsers,
        "plan",
        help="the monthly play-and-view plan 每月播放收看计划, and what of it was held",
        description="Print the year's monthly plan per township and month: the records' own "
        "plan entries, or (--make, or when they have none) the plan made from the film sets on "
        "their circulation and the county's stage themes; each entry held or not.",
        examples=["pmedu plan units.csv records_2025.json --year 2025 --township T03"],
    )
    p.add_argument(
        "tree", help="the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"
    )
    add_records_argument(p)
    add_sheet_options(p, "tree")
    p.add_argument("--year", type=int, required=True, help="the year of the plan")
    p.add_argument("--make", action="store_true", help="make the plan even if records have one")
    p.add_argument(
        "--policy",
        default="default",
        help=f"the plan policy for --make: a preset ({', '.join(PlanPolicy.presets())}) or a "
        "TOML/JSON plan-policy file laid out as the preset",
    )
    p.add_argument("--township", default=None, help="print the entries of this township only")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="headers (default zh)")
    add_calendar_option(p)
    add_format(p)
    p.set_defaults(func=run_plan)

    r = add_parser(
        subparsers,
        "registers",
        help="one register of 三簿一册 (viewing, discussion, feedback, sign-in) or the steps",
        description="Print one of the four registers of 三簿一册 for the year — 收看 viewing, "
        "讨论 discussion, 反馈 feedback, 签到 sign-in — or (步骤) the five teaching steps per "
        "township or station.",
        examples=["pmedu registers units.csv records_2025.json --year 2025 --register 讨论"],
    )
    r.add_argument(
        "tree", help="the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"
    )
    add_records_argument(r)
    add_sheet_options(r, "tree")
    r.add_argument("--year", type=int, required=True, help="the year of the sessions")
    r.add_argument(
        "--register",
        default="收看",
        help="收看|讨论|反馈|签到 (or viewing|discussion|feedback|sign_in; 登记簿/登记薄 names "
        "accepted), or 步骤 (steps) for the five teaching steps (default 收看)",
    )
    r.add_argument(
        "--by",
        choices=["township", "station"],
        default="township",
        help="with --register 步骤: per township (default) or per station",
    )
    r.add_argument("--station", default=None, help="the register of this station only")
    r.add_argument("--lang", choices=["zh", "en"], default="zh", help="headers (default zh)")
    add_format(r)
    r.set_defaults(func=run_registers)


def the_plan(
    tree: OrgTree,
    records: Records,
    year: int,
    *,
    make: bool = False,
    policy: PlanPolicy | str = "default",
    schedule: SchedulePolicy | None = None,
) -> MonthlyPlan:
    """The records' own plan entries of ``year`` (checked: a film set at two villages in a
    month is a [`PlanError`][pmedu.errors.PlanError]), or, with ``make`` or when there are
    none, the plan [`make_plan`][pmedu.planning.maker.make_plan] makes (its circulation on the
    e-education day and calendar of ``schedule``: by default the shipped official calendar, so a
    year it has no data for is an error naming the year).

    >>> from pmedu.datasets import sample_county, sample_records
    >>> p = the_plan(sample_county(), sample_records(), 2025)
    >>> len(p.entries) > 1000
    True
    """
    own = tuple(e for e in records.plan_entries if e.year == year)
    if own and not make:
        check_plan(own)
        return MonthlyPlan(year, own, (), {u.id: u.name for u in tree.units()})
    return make_plan(
        tree,
        year,
        films=records.films,
        film_sets=records.film_sets,
        stations=records.stations,
        themes=records.themes,
        policy=plan_policy_from(policy),
        schedule=schedule,
    )


def _held_flags(plan: MonthlyPlan, records: Records) -> list[bool | None]:
    index = sessions_by_month(records.sessions)
    out: list[bool | None] = []
    for e in plan.entries:
        if not e.station_id:
            out.append(None)
            continue
        shown = index.get((e.station_id, e.year, e.month), ())
        out.append(any(set(e.film_ids) <= films for films in shown))
    return out


def plan_summary(
    tree: OrgTree, plan: MonthlyPlan, held: Sequence[bool | None]
) -> list[dict[str, Any]]:
    """One row per township (and the total): entries, entries with a station, entries held,
    the share held, and entries under a stage theme (a theme that is not a film category).

    >>> from pmedu.datasets import sample_county
    >>> plan_summary(sample_county(), MonthlyPlan(year=2025), [])[-1]["entries"]
    0
    """
    counts: dict[str, Counter[str]] = {}
    cats = {c.label for c in _categories()}
    for e, h in zip(plan.entries, held, strict=True):
        c = counts.setdefault(e.township_id, Counter())
        c["entries"] += 1
        c["with_station"] += h is not None
        c["held"] += bool(h)
        c["themed"] += bool(e.theme) and e.theme not in cats
    rows = []
    total: Counter[str] = Counter()
    for t in tree.units(kind=_TOWNS):
        c = counts.get(t.id, Counter())
        total.update(c)
        rows.append(_summary_row(t.id, t.name, c))
    rows.append(_summary_row(tree.root.id, f"{tree.root.name}（合计）", total))
    return rows


def _categories() -> list[Any]:
    return list(PlanPolicy().category_weights)


def _summary_row(uid: str, name: str, c: Counter[str]) -> dict[str, Any]:
    return {
        "unit_id": uid,
        "name": name,
        "entries": c["entries"],
        "themed": c["themed"],
        "with_station": c["with_station"],
        "held": c["held"],
        "held_rate": c["held"] / c["with_station"] if c["with_station"] else None,
    }


_SUMMARY = (
    ("unit_id", "乡镇", "unit", "text"),
    ("name", "名称", "name", "text"),
    ("entries", "计划场次", "entries", "int"),
    ("themed", "阶段主题", "on a stage theme", "int"),
    ("with_station", "有网点", "with a station", "int"),
    ("held", "已落实", "held", "int"),
    ("held_rate", "片目落实率", "films shown", "pct"),
)


def plan_tables(
    tree: OrgTree, plan: MonthlyPlan, records: Records, *, township: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``pmedu plan --format csv|json``: ``townships`` (the summary) and
    ``entries`` (each entry with ``held``: true, false, or null without a station).

    >>> from pmedu.datasets import sample_county
    >>> plan_tables(sample_county(), MonthlyPlan(year=2025), Records())["entries"]
    []
    """
    held = _held_flags(plan, records)
    entries = [
        {**r, "held": h}
        for r, h in zip(plan.to_records(), held, strict=True)
        if township is None or r["township_id"] == township
    ]
    return {"townships": plan_summary(tree, plan, held), "entries": entries}


def _summary_table(rows: list[dict[str, Any]], lang: str) -> Table:
    k = 1 if lang == "zh" else 2
    cols = [Column(s[k], s[3]) for s in _SUMMARY]
    return Table(columns=cols, rows=[tuple(r[s[0]] for s in _SUMMARY) for r in rows])


def _yes(value: bool | None) -> str:
    return "—" if value is None else ("是" if value else "否")


def run_plan(args: argparse.Namespace) -> int:
    """``pmedu plan``."""
    with reporter("plan") as progress:
        tree, records = load_tree_and_records(args, progress)
        if args.township is not None and args.township not in tree:
            raise DataError([Problem(f"unknown unit id {args.township!r}", field="--township")])
        progress(f"planning {args.year}")
        plan = the_plan(
            tree,
            records,
            args.year,
            make=args.make,
            policy=args.policy,
            schedule=schedule_from(args),
        )
        tables = plan_tables(tree, plan, records, township=args.township)
        fmt = getattr(args, "format", "text")
        if fmt != "text":
            emit("plan", tables, fmt=fmt, out=sys.stdout)
            return 0
        summary = [r for r in tables["townships"] if args.township in (None, r["unit_id"])]
        print(text_table(_summary_table(summary, args.lang)))
        print()
        base = plan.table(lang=args.lang, township=args.township)
        held = [_yes(r["held"]) for r in tables["entries"]]
        rows = [(*row, h) for row, h in zip(base.rows, held, strict=True)]
        head = "落实" if args.lang == "zh" else "held"
        print(text_table(Table(columns=(*base.columns, Column(head)), rows=rows,
                               caption=base.caption)))  # fmt: skip
    return 0


def steps_table(rows: list[dict[str, Any]], *, names: dict[str, str], lang: str = "zh") -> Table:
    """The five teaching steps as a [`Table`][pmedu.tables.Table]: the rows of
    [`steps_rows`][pmedu.viewing.register.steps_rows], a name column after the key.

    >>> steps_table([], names={}).headers[:3]
    ['乡镇', '名称', '场次']
    """
    keys = list(STEPS_COLUMNS)
    heads = [STEPS_COLUMNS[k] for k in keys] if lang == "zh" else keys
    fmts = {"sessions": "int", "complete": "int", "complete_rate": "pct"}
    cols = [Column("乡镇" if lang == "zh" else "key"), Column("名称" if lang == "zh" else "name")]
    cols += [Column(h, fmts.get(k, "int" if k.startswith("missing_") else "text"))
             for k, h in zip(keys[1:], heads[1:], strict=True)]  # fmt: skip
    body: list[tuple[Cell, ...]] = [
        (r["key"], names.get(r["key"], r["key"]), *(r[k] for k in keys[1:])) for r in rows
    ]
    return Table(columns=cols, rows=body)


def _steps(tree: OrgTree, records: Records, sessions: list[Any], by: str) -> list[dict[str, Any]]:
    if by == "station":
        return steps_rows(sessions)
    town_of: dict[str, str] = {}
    for st in records.stations:
        if st.unit_id in tree:
            line = [*tree.ancestors(st.unit_id), tree.unit(st.unit_id)]
            towns = [a for a in line if a.kind in _TOWNS]
            if towns:
                town_of[st.id] = towns[-1].id
    return steps_rows(sessions, by=town_of)


def _which(text: str) -> Register | None:
    """The register asked for (``None``: the teaching steps); an unknown name is a
    [`DataError`][pmedu.errors.DataError] naming ``--register``."""
    if text.strip().lower() in _STEPS:
        return None
    try:
        return Register.parse(text)
    except LabelError as exc:
        raise DataError([Problem(f"{exc}; or 步骤 (steps)", field="--register")]) from None


def run_registers(args: argparse.Namespace) -> int:
    """``pmedu registers``."""
    which = _which(args.register)
    with reporter("registers") as progress:
        tree, records = load_tree_and_records(args, progress)
        sessions = [s for s in records.sessions if s.date.year == args.year]
        if args.station is not None:
            sessions = [s for s in sessions if s.station_id == args.station]
        fmt = getattr(args, "format", "text")
        if which is None:
            rows = _steps(tree, records, sessions, args.by)
            names = {u.id: u.name for u in tree.units()}
            names.update({s.id: s.name for s in records.stations if s.name})
            if fmt != "text":
                emit("registers", {"steps": rows}, fmt=fmt, out=sys.stdout)
            else:
                print(text_table(steps_table(rows, names=names, lang=args.lang)))
            return 0
        ids = {s.id for s in sessions}
        rows, columns = register_rows(
            which,
            sessions,
            discussions=[d for d in records.discussions if d.session_id in ids],
            feedback=[f for f in records.feedback_entries if f.session_id in ids],
        )
        if fmt != "text":
            emit("registers", {which.value: rows}, fmt=fmt, out=sys.stdout)
            return 0
        headers, cells = register_table(rows, columns=columns, lang=args.lang)
        print(text_table(Table(columns=[Column(h) for h in headers], rows=cells)))
    return 0


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
    """The sample county's monthly plan and the five teaching steps in 2025, from the demo's
    ``records`` ([`demo_records`][pmedu.cli.inputs.demo_records]: by default the sample's)."""
    results = demo_year(given)
    tree = results.tree
    records = demo_records(results, records=records)
    year = results.year or 2025
    plan = the_plan(tree, records, year)
    tables = plan_tables(tree, plan, records)
    total = tables["townships"][-1]
    print(
        f"{total['entries']:,} plan entries in {year} ({total['themed']:,} on a stage theme); "
        f"planned films shown 计划片目落实率 {format_rate(total['held_rate'])} "
        f"({total['held']:,} of {total['with_station']:,} with a station)",
        file=out,
    )
    sessions = [s for s in records.sessions if s.date.year == year]
    rows = _steps(tree, records, sessions, "township")
    complete = sum(r["sessions"] for r in rows), sum(r["complete"] for r in rows)
    print(
        f"five steps 五步教学法: {complete[1]:,} of {complete[0]:,} sessions have all five; "
        f"{len(records.discussions):,} discussion entries, {len(records.feedback_entries):,} "
        "feedback entries (三簿一册)",
        file=out,
    )
    worst = sorted(rows, key=lambda r: (r["complete_rate"] is None, r["complete_rate"], r["key"]))
    names = {u.id: u.name for u in tree.units()}
    print("the three townships with the lowest share 五步齐全率最低的三个乡镇:", file=out)
    print(text_table(steps_table(worst[:3], names=names)), file=out)
