"""``pmedu tree FILE``: validate a unit table or tree file and summarise it.

Reads a ``.csv`` unit table (encoding detected, Chinese or English headers), a ``.json`` tree
document, or (with ``pmedu[excel]``) an ``.xlsx`` workbook; checks that the units form a tree
under the hierarchy rules; prints the units and members by kind and the station coverage
(建点率) of villages and communities per township and street. Every problem goes to stderr
as ``FILE:ROW: column: what`` and the command exits 1.

>>> from pmedu.datasets import sample_path
>>> from pmedu.cli import main
>>> main(argv=["tree", str(sample_path())])
示例县 (C000): 390 units, ... party members; hierarchy rules: default
...
0
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from pmedu.cli.inputs import add_sheet_option, stdin_path
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.errors import DataError, LabelError, Problem
from pmedu.io import read_tree
from pmedu.io.rules import rules_from
from pmedu.labels import Hierarchy, UnitKind
from pmedu.network import HierarchyRules, OrgTree
from pmedu.pipeline import affiliation_differences, tree_figures
from pmedu.records import Records
from pmedu.report.affiliation import differences_table
from pmedu.results import TreeFigures, YearResults
from pmedu.tables import Cell, Column, Table, text_table

__all__ = [
    "DEMO_ORDER",
    "coverage_data",
    "coverage_table",
    "demo_section",
    "kind_table",
    "register",
    "run",
    "tables",
]

#: ``pmedu demo`` prints this module's section first
DEMO_ORDER = 10
#: the heading of the demo section
DEMO_TITLE = "组织体系 organisation tree"

#: above this many township-level units the coverage table shows the root's children
MAX_TOWNSHIP_ROWS = 100

_TOWN_KINDS = (UnitKind.TOWNSHIP, UnitKind.STREET)


def register(subparsers: Any) -> None:
    """Add the ``tree`` subcommand."""
    p = add_parser(
        subparsers,
        "tree",
        help="validate a unit table (CSV/JSON/XLSX) and summarise the tree",
        description=(
            "Validate a unit table and print units and members by kind and the station "
            "coverage per township/street; or every problem with its row (exit 1)."
        ),
        examples=[
            "pmedu tree units.csv --rules strict",
            "pmedu tree - --format json < units.csv",
        ],
    )
    p.add_argument(
        "file",
        help="a .csv unit table, a .json tree document or an .xlsx workbook ('-': stdin)",
    )
    presets = ", ".join(HierarchyRules.presets())
    p.add_argument(
        "--rules",
        default=None,
        help=f"hierarchy rules: a preset name ({presets}) or a TOML/JSON rules file",
    )
    p.add_argument("--encoding", default=None, help="the CSV file's encoding (default: detect)")
    add_sheet_option(p)
    p.add_argument(
        "--ignore-extra-columns",
        action="store_true",
        help="ignore columns pmedu does not know (default: a warning naming each)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="a column pmedu does not know is an error, not a warning",
    )
    p.add_argument(
        "--along",
        default="administrative",
        metavar="HIERARCHY",
        help="summarise the tree along 'administrative' (default, 行政隶属) or 'affiliation' "
        "(党组织隶属: 隶属党组织编号, with the working committees 工委/党工委)",
    )
    p.add_argument(
        "--differences",
        action="store_true",
        help="list the units whose affiliation parent is not their administrative parent, "
        "with their members and stations",
    )
    add_format(p)
    p.set_defaults(func=run)


def load_rules(spec: str | None) -> HierarchyRules | None:
    """``--rules``: ``None``, a preset name, or a path to a TOML/JSON rules file
    ([`rules_from`][pmedu.io.rules.rules_from]).

    >>> load_rules("strict").name
    'strict'
    """
    return None if spec is None else rules_from(spec)


def run(args: argparse.Namespace) -> int:
    """Validate ``args.file`` and print its summary (problems propagate to ``main``)."""
    with reporter("tree") as progress:
        progress(f"reading {args.file}")
        with stdin_path(args.file) as path:
            tree = read_tree(
                path,
                rules=load_rules(args.rules),
                encoding=args.encoding,
                extra_columns="ignore" if args.ignore_extra_columns else "warn",
                strict=args.strict,
                progress=progress,
                sheet=args.sheet,
            )
        if getattr(args, "differences", False):
            return print_differences(tree, fmt=getattr(args, "format", "text"))
        tree = along(tree, getattr(args, "along", "administrative"))
        progress(f"summing {len(tree):,} units")
        figures = tree_figures(tree)
        progress("writing the summary")
        fmt = getattr(args, "format", "text")
        if fmt == "text":
            print(summary(tree, figures=figures))
        else:
            emit("tree", tables(tree, figures), fmt=fmt, out=sys.stdout)
    return 0


#: the English keys of the coverage records, in the order of the coverage table's columns
COVERAGE_KEYS: tuple[str, ...] = (
    "unit_id",
    "name",
    "kind",
    "villages",
    "villages_covered",
    "villages_rate",
    "communities",
    "communities_covered",
    "communities_rate",
    "rate",
)


def tables(tree: OrgTree, figures: TreeFigures) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``pmedu tree --format csv|json``: ``tree`` (one record: root, units,
    members, rules), ``kinds`` (units and members per kind) and ``coverage`` (the coverage
    table's rows, the root last, with [`COVERAGE_KEYS`][pmedu.cli.tree_cmd.COVERAGE_KEYS]).

    >>> from pmedu.datasets import synth
    >>> t = synth.tree("county", units=40, seed=1)
    >>> out = tables(t, tree_figures(t))
    >>> out["tree"][0]["units"], out["coverage"][0]["villages_rate"], out["kinds"][0]["kind"]
    (40, 0.875, 'county')
    """
    root = tree.root
    cov = coverage_data(tree, figures)
    coverage = []
    for row in cov.rows:
        rec = dict(zip(COVERAGE_KEYS, row, strict=True))
        rec["kind"] = tree.unit(str(row[0])).kind.value
        rec["name"] = tree.unit(str(row[0])).name
        coverage.append(rec)
    return {
        "tree": [
            {
                "root_id": root.id,
                "root_name": root.name,
                "units": len(tree),
                "members": figures.members,
                "rules": tree.rules.name,
            }
        ],
        "kinds": [
            {"kind": k.kind.value, "label": k.kind.label, "units": k.units, "members": k.members}
            for k in figures.kinds
        ],
        "coverage": coverage,
    }


def kind_table(figures: TreeFigures) -> str:
    """Units and their own members by kind, with the Chinese labels, and a total.

    >>> from pmedu.datasets import synth
    >>> print(kind_table(tree_figures(synth.tree("county", units=40, seed=1))))
    类型          kind                   units  members
    ...
    合计          total                     40  ...
    """
    rows: list[tuple[Cell, ...]] = [
        (k.kind.label, k.kind.value, k.units, k.members) for k in figures.kinds
    ]
    rows.append(("合计", "total", sum(k.units for k in figures.kinds), figures.members))
    columns = (Column("类型"), Column("kind"), Column("units", "int"), Column("members", "int"))
    return text_table(Table(columns=columns, rows=rows))


def _township_rows(tree: OrgTree) -> tuple[list[str], str]:
    positions = tree.kind_positions(_TOWN_KINDS)  # no Unit objects: the tree's own index
    if 0 < len(positions) <= MAX_TOWNSHIP_ROWS:
        ids = tree.column("id")
        return [ids[p] for p in positions], "per township and street 各乡镇（街道）"
    kids = [u.id for u in tree.children(tree.root.id)]
    return kids, f"per unit under {tree.root.name} (too many townships to list)"


def coverage_table(tree: OrgTree, figures: TreeFigures) -> str:
    """Station coverage 建点率 of villages and communities per township/street (or per
    child of the root in a large tree), and for the whole tree. A rate is ``—`` where
    there is nothing to cover.

    >>> from pmedu.datasets import synth
    >>> t = synth.tree("county", units=40, seed=1)
    >>> print(coverage_table(t, tree_figures(t)))
    编号  名称            类型  行政村  有网点  建点率  社区  有网点  建点率  合计建点率
    ----  --------------  ----  ------  ------  ------  ----  ------  ------  ----------
    T01   星银乡          乡镇      16      14   87.5%     2       2  100.0%       88.9%
    T02   峰泰乡          乡镇      14      11   78.6%     1       1  100.0%       80.0%
    C000  青土县（合计）  县        30      25   83.3%     3       3  100.0%       84.8%
    """
    return text_table(coverage_data(tree, figures))


def coverage_data(tree: OrgTree, figures: TreeFigures) -> Table:
    """The rows of [`coverage_table`][pmedu.cli.tree_cmd.coverage_table]: ``(id, name, kind,
    villages, with a station, rate, communities, with a station, rate, rate of both)`` per
    township/street (or child of the root), then the whole tree.

    >>> from pmedu.datasets import synth
    >>> t = synth.tree("county", units=40, seed=1)
    >>> coverage_data(t, tree_figures(t)).rows[0][:6]
    ('T01', '星银乡', '乡镇', 16, 14, 0.875)
    """
    villages = figures.coverage_of(UnitKind.VILLAGE)
    communities = figures.coverage_of(UnitKind.COMMUNITY)
    both = figures.coverage_of([UnitKind.VILLAGE, UnitKind.COMMUNITY])
    ids, _ = _township_rows(tree)
    rows: list[tuple[Cell, ...]] = []
    for uid in [*ids, tree.root.id]:
        u = tree.unit(uid)
        v, c, b = villages[uid], communities[uid], both[uid]
        name = u.name if uid != tree.root.id else f"{u.name}（合计）"
        rows.append(
            (
                u.id,
                name,
                u.kind.label,
                v.total,
                v.covered,
                v.rate,
                c.total,
                c.covered,
                c.rate,
                b.rate,
            )
        )
    counts = (Column("有网点", "int"), Column("建点率", "pct"))
    columns = (
        *(Column(h) for h in ("编号", "名称", "类型")),
        Column("行政村", "int"),
        *counts,
        Column("社区", "int"),
        *counts,
        Column("合计建点率", "pct"),
    )
    return Table(columns=columns, rows=rows)


def summary(tree: OrgTree, *, figures: TreeFigures | None = None) -> str:
    """The whole summary printed by ``pmedu tree`` and the demo's tree section, from the ``figures``
    computed once ([`pmedu.pipeline.tree_figures`][pmedu.pipeline.tree_figures]; computed here from
    the unit table when not given)."""
    figs = figures if figures is not None else tree_figures(tree)
    root = tree.root
    _, scope = _township_rows(tree)
    return "\n".join(
        [
            f"{root.name} ({root.id}): {len(tree):,} units, {figs.members:,} party members; "
            f"hierarchy rules: {tree.rules.name}",
            "",
            "Units by kind 各类单位",
            kind_table(figs),
            "",
            f"Station coverage 播放网点建点率 {scope}",
            coverage_table(tree, figs),
        ]
    )


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
    """The tree summary of the sample county for ``pmedu demo`` (of a tree given alone:
    its unit table's summary)."""
    if isinstance(given, OrgTree):
        print(summary(given), file=out)
    else:
        print(summary(given.tree, figures=given.figures), file=out)


def along(tree: OrgTree, hierarchy: str) -> OrgTree:
    """``--along``: the tree along ``hierarchy`` (``administrative``, ``affiliation`` or a
    Chinese label such as 党组织隶属); an unknown name is a problem naming the option.

    >>> from pmedu.datasets import sample_county
    >>> along(sample_county(), "行政隶属") is sample_county()
    True
    """
    try:
        return tree.along(Hierarchy.parse(hierarchy))
    except LabelError as exc:
        raise DataError([Problem(str(exc), field="--along")]) from None


def print_differences(tree: OrgTree, *, fmt: str = "text") -> int:
    """``--differences``: the units whose affiliation parent is not their administrative
    parent, with members and stations
    ([`affiliation_differences`][pmedu.pipeline.affiliation_differences]).

    >>> from pmedu.datasets import sample_county
    >>> print_differences(sample_county())
    示例县 (C000): 0 units whose affiliation differs from their administrative parent
    0
    """
    found = affiliation_differences(tree)
    if fmt != "text":
        emit("tree", {"differences": [d.to_record() for d in found]}, fmt=fmt, out=sys.stdout)
        return 0
    root = tree.root
    print(
        f"{root.name} ({root.id}): {len(found)} units whose affiliation differs from their "
        "administrative parent"
    )
    if found:
        print(text_table(differences_table(found)))
    return 0
