"""``pmedu score TREE FACTS``: the year-end target assessment 目标考核 — ranking and grades.

Reads the unit tree (a ``.csv`` unit table, a ``.json`` tree document or a workbook sheet:
``--tree-sheet``), the facts (a long or wide ``.csv`` or workbook sheet: ``--facts-sheet``), and
a rubric (``--rubric``: a shipped preset name or a ``.toml``/``.json`` file; default the preset
``county_township``); scores the units, ranks them (ties shown as
``=N``) with their grades, and with ``--explain UNIT`` prints that unit's scorecard line by
line. Bad input goes to stderr, one problem per line, and the command exits 1.

>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> main(argv=["score", str(sample_path()), str(sample_path(name="facts_2025.csv")),
...       "--peer-kind", "township,street", "--explain", "T07"])  # doctest: +ELLIPSIS
县对乡镇（街道）党员电教工作目标考核（预设） — 2025: 20 units ...
rank 名次  id   unit 单位  total 总分  grade 等次
...
凤西乡 (T07): ... points, ...
...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from pmedu.cli.inputs import (
    add_sheet_options,
    demo_year,
    one_stdin,
    read_facts_table,
    sheet_of,
    stdin_path,
)
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.errors import DataError, Problem
from pmedu.facts import Facts
from pmedu.io import read_tree
from pmedu.io.rubrics import rubric_from
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.results import YearResults
from pmedu.scoring import Assessment, Rubric, assess, rubric_presets

__all__ = [
    "DEMO_ORDER",
    "DEMO_TITLE",
    "demo_section",
    "load_rubric_spec",
    "register",
    "run",
    "tables",
]

#: ``pmedu demo`` prints the assessment after the tree, coverage, supply and stations
DEMO_ORDER = 50
#: the heading of the demo section
DEMO_TITLE = "目标考核 target assessment"


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand."""
    p = add_parser(
        subparsers,
        "score",
        help="score units against a rubric: ranking, grades, scorecards",
        description=(
            "Score the units of TREE with FACTS against a rubric; print the ranking with "
            "grades, and with --explain a unit's scorecard line by line."
        ),
        examples=["pmedu score units.csv facts_2025.csv --peer-kind township,street --explain T07"],
    )
    p.add_argument(
        "tree",
        help="a .csv unit table, a .json tree document or a workbook (.xlsx/.xls/.ods) "
        "('-': stdin)",
    )
    p.add_argument(
        "facts",
        help="facts (.csv, or a workbook .xlsx/.xls/.ods): long (unit, measure, value) or wide "
        "('-': stdin)",
    )
    add_sheet_options(p, "tree", "facts")
    presets = ", ".join(rubric_presets())
    p.add_argument(
        "--rubric",
        default="county_township",
        help=f"a shipped rubric ({presets}) or a .toml/.json rubric file",
    )
    p.add_argument("--year", type=int, default=None, help="use the facts of this year")
    p.add_argument(
        "--peer-kind",
        default=None,
        help="assess and rank the units of this kind (comma-separated kinds allowed, labels "
        "accepted: township, 乡镇, street …); default: every unit with facts",
    )
    p.add_argument(
        "--within", default=None, metavar="UNIT", help="rank only the units under this unit"
    )
    p.add_argument("--dense", action="store_true", help="dense ranking (1, 2, 2, 3)")
    p.add_argument(
        "--explain",
        action="append",
        default=[],
        metavar="UNIT",
        help="print this unit's scorecard line by line (repeatable)",
    )
    add_format(p)
    p.set_defaults(func=run)


def load_rubric_spec(spec: str) -> Rubric:
    """``--rubric``: a shipped preset name or a path to a ``.toml``/``.json`` rubric
    ([`rubric_from`][pmedu.io.rubrics.rubric_from]).

    >>> load_rubric_spec("county_township").total
    Decimal('100')
    """
    return rubric_from(spec)


def _check_units(tree: OrgTree, facts: Facts, source: str) -> None:
    unknown = [u for u in facts.units() if u not in tree]
    if unknown:
        raise DataError([Problem("unit not in the tree", file=source, unit=u) for u in unknown])


def run(args: argparse.Namespace) -> int:
    """Run ``pmedu score``."""
    one_stdin(tree=args.tree, facts=args.facts)
    with reporter("score") as progress:
        progress(f"reading {args.tree}")
        with stdin_path(args.tree) as path:
            tree = read_tree(path, sheet=sheet_of(args, "tree"))
        progress(f"reading {args.facts}")
        with stdin_path(args.facts) as path:
            facts = read_facts_table(path, year=args.year, sheet=sheet_of(args, "facts"))
        _check_units(tree, facts, args.facts)
        rubric = load_rubric_spec(args.rubric)
        kind = [k.strip() for k in args.peer_kind.split(",")] if args.peer_kind else None
        progress(f"scoring {len(facts.units()):,} units")
        try:
            assessment = assess(tree, facts, rubric, kind=kind, year=args.year)
        except ValueError as exc:  # an unknown kind
            raise DataError([Problem(str(exc), field="--peer-kind")]) from None
    return _print(args, tree, assessment)


def _print(args: argparse.Namespace, tree: OrgTree, assessment: Assessment) -> int:
    unknown = [u for u in args.explain if u not in assessment.unit_ids]
    if args.within is not None and args.within not in tree:
        unknown.append(args.within)
    if unknown:
        for u in unknown:
            print(
                f"unit {u}: not assessed (not in the tree, or not of the peer kind)",
                file=sys.stderr,
            )
        return 1
    fmt = getattr(args, "format", "text")
    if fmt != "text":
        found = tables(assessment, peer_group=args.within, dense=args.dense, explain=args.explain)
        emit("score", found, fmt=fmt, out=sys.stdout)
        return 0
    print_assessment(assessment, sys.stdout, peer_group=args.within, dense=args.dense)
    for uid in args.explain:
        print(file=sys.stdout)
        print(assessment.scorecard(uid).explain(), file=sys.stdout)
    return 0


def tables(
    assessment: Assessment,
    *,
    peer_group: str | None = None,
    dense: bool = False,
    explain: Sequence[str] = (),
) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``pmedu score --format csv|json``: ``assessment`` (one record: rubric,
    year, units ranked, missing facts, vetoed units), ``grades`` (units per grade),
    ``ranking`` (rank, unit, total, grade, tied, vetoed within ``peer_group``), ``scores``
    (each unit's points per indicator code, bonus, total, grade, rank) and, with ``explain``,
    ``scorecards`` (every line of those units).

    >>> from pmedu.scoring.assess import demo_assessment
    >>> out = tables(demo_assessment([80, 90]), explain=["T1"])
    >>> list(out), out["ranking"][0]["unit_id"], out["scorecards"][0]["unit_id"]
    (['assessment', 'grades', 'ranking', 'scores', 'scorecards'], 'T2', 'T1')
    """
    ranking = assessment.ranking(peer_group=peer_group, method="dense" if dense else "competition")
    counts = {g.name: 0 for g in assessment.rubric.grades_by_min}
    for e in ranking:
        counts[e.grade] = counts.get(e.grade, 0) + 1
    head: dict[str, Any] = {
        "rubric": assessment.rubric.name,
        "year": assessment.year,
        "units_ranked": len(ranking),
        "missing_facts": sum(len(c.missing) for c in assessment.scorecards),
        "vetoed": sum(1 for c in assessment.scorecards if c.vetoed),
    }
    out: dict[str, list[dict[str, Any]]] = {
        "assessment": [head],
        "grades": [{"grade": g, "units": n} for g, n in counts.items()],
        "ranking": ranking.to_records(),
        "scores": assessment.to_records(peer_group=peer_group),
    }
    if explain:
        out["scorecards"] = [r for uid in explain for r in assessment.scorecard(uid).to_records()]
    return out


def print_assessment(
    assessment: Assessment, out: TextIO, *, peer_group: str | None = None, dense: bool = False
) -> None:
    """Print the heading line and the ranking table of an assessment."""
    ranking = assessment.ranking(peer_group=peer_group, method="dense" if dense else "competition")
    year = f" — {assessment.year}" if assessment.year is not None else ""
    grades: dict[str, int] = {}
    for e in ranking:
        grades[e.grade] = grades.get(e.grade, 0) + 1
    counts = ", ".join(f"{g.name} {grades.get(g.name, 0)}" for g in assessment.rubric.grades_by_min)
    missing = sum(len(c.missing) for c in assessment.scorecards)
    vetoed = sum(1 for c in assessment.scorecards if c.vetoed)
    print(
        f"{assessment.rubric.name}{year}: {len(ranking)} units ranked; {counts}; "
        f"{missing} missing facts; {vetoed} vetoed",
        file=out,
    )
    print(ranking.table(), file=out)


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
    """The sample county's 2025 assessment, measured from its records (records → facts →
    assessment): ranking with grades and two scorecards (the top unit and the first unit
    with a missing fact)."""
    results = demo_year(given)
    assessment = results.assessment
    if assessment is None:
        print("(no facts to assess)", file=out)
        return
    print_assessment(assessment, out)
    top = assessment.ranking().entries[0].unit_id
    gap = next((c.unit_id for c in assessment.scorecards if c.missing and c.unit_id != top), None)
    for uid in (top, gap):
        if uid is not None:
            print(file=out)
            print(assessment.scorecard(uid).explain(), file=out)
    for line in results.score_rollup:
        print(
            f"\n{line.unit_name} ({line.unit_id}): mean score of its {line.assessed} "
            f"assessed units {line.score}",
            file=out,
        )
