"""``pmedu trend TREE FACTS...``: the assessment over several years (历年趋势).

Reads the unit tree (the latest year's) and one facts file per year (long or wide ``.csv``, or
``.xlsx`` with ``pmedu[excel]``; a file without a year column takes the year in its name, as in
``facts_2024.csv``), follows the lineage table (``--lineage``: merges 撤并, splits 拆分,
renames 更名) so that each unit's history follows it, and prints each unit's total, rank and
grade per year and its last change; a rank change is *not significant* when the total moved less
than ``--min-points`` (``trend.min_points``, default 1.0) or the tied rank ranges overlap.
``--unit U`` prints that unit's years with the indicators that moved its total most;
``--html FILE`` writes the report page with small-multiple charts.

>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> main(argv=["trend", str(sample_path()), *(str(sample_path(name=f"facts_{y}.csv"))
...       for y in (2023, 2024, 2025)), "--lineage", str(sample_path(name="lineage.csv")),
...       "--unit", "T15"])  # doctest: +ELLIPSIS
示例县 (C000): 2023–2025, 20 units assessed; lineage: 3 changes; ...
编号  单位 ...
...
王桥镇 (T15), formerly T15A, T15B
年度  总分 ...
...
0
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from pmedu.cli.inputs import add_sheet_options, read_facts_table, sheet_of
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.errors import DataError, Problem
from pmedu.facts import Facts
from pmedu.io import read_tree
from pmedu.io.html import write_report
from pmedu.io.lineage import read_lineage
from pmedu.io.rubrics import rubric_from
from pmedu.model.lineage import Lineage
from pmedu.pipeline import compute_trend
from pmedu.report.trend import trend_report, trend_table, unit_table
from pmedu.results import TrendPolicy, YearSeries
from pmedu.scoring import rubric_presets
from pmedu.tables import text_table

__all__ = ["facts_year", "register", "run", "tables"]

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def register(subparsers: Any) -> None:
    """Add the ``trend`` subcommand."""
    p = add_parser(
        subparsers,
        "trend",
        help="the assessment over several years: totals, ranks, grades, what moved them",
        description=(
            "Assess each year's FACTS on TREE (following --lineage for merged, split and renamed "
            "units) and print every unit's total, rank and grade per year, the last change and "
            "whether it is significant; --unit prints a unit's years with the indicators that "
            "moved its total most."
        ),
        examples=[
            "pmedu trend units.csv facts_2023.csv facts_2024.csv facts_2025.csv "
            "--lineage lineage.csv --unit T15",
        ],
    )
    p.add_argument(
        "tree",
        help="a .csv unit table, a .json tree document or a workbook (.xlsx/.xls/.ods) "
        "(the latest year)",
    )
    p.add_argument(
        "facts",
        nargs="+",
        help="one facts file per year (.csv, or a workbook .xlsx/.xls/.ods), long or wide",
    )
    p.add_argument(
        "--lineage",
        default=None,
        metavar="FILE",
        help="the lineage table (.csv/.xlsx: 原编号, 新编号, 生效日期, 变更类型 撤并/拆分/更名)",
    )
    presets = ", ".join(rubric_presets())
    p.add_argument(
        "--rubric",
        default="county_township",
        help=f"a shipped rubric ({presets}) or a .toml/.json rubric file",
    )
    p.add_argument(
        "--min-points",
        default=None,
        metavar="POINTS",
        help="a rank change is not significant when the total moved less (default 1.0)",
    )
    p.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="UNIT",
        help="print this unit's years and the indicators that moved it (repeatable)",
    )
    p.add_argument("--html", default=None, metavar="FILE", help="write the trend report page")
    p.add_argument(
        "--no-chart", action="store_true", help="the HTML page without the small multiples"
    )
    add_sheet_options(p, "tree", "facts", "lineage")
    add_format(p)
    p.set_defaults(func=run)


def facts_year(facts: Facts, path: str) -> Facts:
    """The facts with their year: their own, else the year in the file's name.

    >>> facts_year(Facts({}), "data/facts_2024.csv").year
    2024
    >>> facts_year(Facts({}, year=2023), "facts_2024.csv").year
    2023
    """
    if facts.year is not None:
        return facts
    found = _YEAR.search(Path(path).name)
    if found is None:
        raise DataError(
            [Problem("no year: give the facts a year column or a year in the file name", file=path)]
        )
    return Facts(facts.data, year=int(found.group(0)), warnings=facts.warnings)


def _current(unit_id: str, lineage: Lineage | None) -> str:
    """A former id given to ``--unit``: the id its history continues under."""
    if lineage is None:
        return unit_id
    return lineage.current_id(unit_id) or unit_id


def _policy(spec: str | None) -> TrendPolicy:
    if spec is None:
        return TrendPolicy()
    try:
        return TrendPolicy(min_points=spec)
    except ArithmeticError:
        raise DataError([Problem(f"not a number: {spec!r}", field="--min-points")]) from None


def run(args: argparse.Namespace) -> int:
    """Run ``pmedu trend``."""
    with reporter("trend") as progress:
        progress(f"reading {args.tree}")
        tree = read_tree(args.tree, sheet=sheet_of(args, "tree"))
        given = []
        for path in args.facts:
            progress(f"reading {path}")
            facts = read_facts_table(path, sheet=sheet_of(args, "facts"))
            given.append(facts_year(facts, path))
        lineage: Lineage | None = None
        if args.lineage is not None:
            progress(f"reading {args.lineage}")
            lineage = read_lineage(args.lineage, sheet=sheet_of(args, "lineage"))
        series = compute_trend(
            tree,
            given,
            rubric=rubric_from(args.rubric),
            lineage=lineage,
            policy=_policy(args.min_points),
            progress=progress,
        )
    for w in series.warnings:
        print(f"warning: {w}", file=sys.stderr)
    known = {u.unit_id for u in series.units}
    wanted = [_current(u, lineage) if u not in known else u for u in args.unit]
    unknown = [u for u, now in zip(args.unit, wanted, strict=True) if now not in known]
    for u in unknown:
        print(f"unit {u}: not assessed in any year (not in the tree?)", file=sys.stderr)
    if unknown:
        return 1
    changes = len(lineage.entries) if lineage is not None else 0
    if args.html is not None:
        page = trend_report(
            series,
            root=tree.root.name,
            chart=not args.no_chart,
            changes=changes,
            units=tuple(wanted),
        )
        write_report(page, args.html)
    fmt = getattr(args, "format", "text")
    if fmt != "text":
        emit("trend", tables(series), fmt=fmt, out=sys.stdout)
        return 0
    _print(series, tree.root.name, tree.root.id, changes, wanted)
    return 0


def _print(series: YearSeries, root: str, root_id: str, changes: int, units: list[str]) -> None:
    years = f"{series.years[0]}–{series.years[-1]}" if series.years else "no years"
    significant = sum(1 for u in series.units if u.steps and u.steps[-1].significant)
    lineage = f"lineage: {changes} changes" if changes else "no lineage"
    print(
        f"{root} ({root_id}): {years}, {len(series.units)} units assessed; {lineage}; "
        f"{significant} significant rank changes in the last year (not significant: the "
        f"total moved less than {series.policy.min_points} points or tied ranks overlap)"
    )
    print(text_table(trend_table(series, brief=True)))
    for uid in units:
        u = series.unit(uid)
        former = f", formerly {', '.join(u.former_ids)}" if u.former_ids else ""
        print()
        print(f"{u.unit_name} ({u.unit_id}){former}")
        print(text_table(unit_table(u)))


def tables(series: YearSeries) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``pmedu trend --format csv|json``: ``trend`` (one record per unit and
    year, [`YearSeries.to_records`][pmedu.results.YearSeries.to_records]) and ``movers`` (per
    unit and year, the indicators that moved its total most).

    >>> from pmedu.results import TrendPolicy
    >>> tables(YearSeries(years=(2025,), units=(), policy=TrendPolicy()))
    {'trend': [], 'movers': []}
    """
    movers = [
        {
            "unit_id": u.unit_id,
            "year": s.year,
            "previous_year": s.previous_year,
            "code": m.code,
            "name": m.name,
            "points": m.points,
            "previous": m.previous,
            "delta": m.delta,
        }
        for u in series.units
        for s in u.steps
        for m in s.movers
    ]
    return {"trend": series.to_records(), "movers": movers}
