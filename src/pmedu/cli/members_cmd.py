"""``pmedu members``: the roster against the tree, the volunteer teams and the learning archive.

``pmedu members TREE RECORDS --year Y`` prints the reconciliation of each unit's counts with
its roster (every difference), the branch checks (一社区一支部, every member in a branch,
不漏一个党员), the volunteer teams per community and the learning archive's summary (学时 per
township, the members below the requirement per branch). Summaries are aggregate: member ids
and names appear only with ``--with-names``. ``--format csv|json`` gives the same tables.

>>> import io, contextlib
>>> from pmedu.cli import main
>>> from pmedu.datasets import sample_path
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["members", str(sample_path()),
...                         str(sample_path(name="records_2025.json")), "--year", "2025"])
>>> status, "0 differences" in buf.getvalue()
(0, True)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from pmedu.cli.inputs import (
    add_records_argument,
    add_sheet_options,
    demo_records,
    load_tree_and_records,
)
from pmedu.cli.output import add_format, add_parser, emit
from pmedu.cli.progress import reporter
from pmedu.members import (
    BranchReport,
    MemberPolicy,
    Reconciliation,
    VolunteerTeams,
    check_branches,
    reconcile,
    volunteer_teams,
)
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.results import YearResults
from pmedu.tables import Cell, Column, Table, format_rate, text_table
from pmedu.viewing import ArchivePolicy, LearningArchive, Shortfall, build_archive, shortfall

__all__ = [
    "DEMO_ORDER",
    "DEMO_TITLE",
    "MemberFigures",
    "archive_text",
    "demo_section",
    "member_figures",
    "member_tables",
    "register",
    "run",
    "teams_text",
]

#: ``pmedu demo`` prints this section after the stations and viewing, before the assessment
DEMO_ORDER = 42
#: the heading of the demo section
DEMO_TITLE = "党员与学习档案 members and the learning archive"

_FIELDS = {
    "members": "党员数",
    "mobile": "流动党员",
    "retired": "离退休党员",
    "not_transferred": "组织关系未转入",
}


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return n


def register(subparsers: Any) -> None:
    """Add the ``members`` subcommand."""
    p = add_parser(
        subparsers,
        "members",
        help="the roster against the tree: reconciliation, branches, volunteer teams, 学时",
        description="Reconcile each unit's member counts with the roster, check 一社区一支部 "
        "and that every member is in a branch, form the volunteer teams per community and "
        "summarise the learning archive (学时 per member; those below the requirement per "
        "branch and township). Aggregate by default; --with-names lists members.",
        examples=[
            "pmedu members units.csv records_2025.json --year 2025 --with-names",
            "pmedu members units.xlsx records_2025.xlsx --sheet 单位 --year 2025",
        ],
    )
    p.add_argument(
        "tree", help="the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"
    )
    add_records_argument(p)
    add_sheet_options(p, "tree")
    p.add_argument("--year", type=int, default=None, help="the year (default: the records')")
    p.add_argument(
        "--with-names",
        action="store_true",
        help="list the members (ids and names) where the summaries count them",
    )
    p.add_argument(
        "--min-team-size",
        type=_positive,
        default=MemberPolicy().min_team_size,
        help="members a volunteer team needs (default %(default)s)",
    )
    add_format(p)
    p.set_defaults(func=run)


class MemberFigures:
    """The four results ``pmedu members`` prints, computed once.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> figs = member_figures(sample_county(), sample_records(), year=2025)
    >>> figs.reconciliation.ok, figs.branches.ok, len(figs.archive) == len(figs.records.members)
    (True, True, True)
    """

    def __init__(
        self,
        tree: OrgTree,
        records: Records,
        *,
        reconciliation: Reconciliation,
        branches: BranchReport,
        teams: VolunteerTeams,
        archive: LearningArchive,
    ) -> None:
        self.tree = tree
        self.records = records
        self.reconciliation = reconciliation
        self.branches = branches
        self.teams = teams
        self.archive = archive

    @property
    def shortfall(self) -> Shortfall:
        """The members below the requirement per branch and township."""
        return shortfall(self.tree, self.archive)


def member_figures(
    tree: OrgTree,
    records: Records,
    *,
    year: int,
    policy: MemberPolicy | None = None,
    archive_policy: ArchivePolicy | None = None,
) -> MemberFigures:
    """Reconciliation, branch checks, volunteer teams and the learning archive of ``year``."""
    roster = records.members
    return MemberFigures(
        tree,
        records,
        reconciliation=reconcile(tree, roster),
        branches=check_branches(tree, roster),
        teams=volunteer_teams(tree, roster, policy=policy),
        archive=build_archive(
            records.sessions,
            records.films,
            study_records=records.study_records,
            members=roster,
            year=year,
            policy=archive_policy,
        ),
    )


def _name(tree: OrgTree, uid: str) -> str:
    if uid == tree.root.id:
        return f"{tree.root.name}（合计）"
    return tree.unit(uid).name if uid in tree else "?"


def reconciliation_text(tree: OrgTree, rec: Reconciliation) -> str:
    """The reconciliation: one line of totals, then every difference."""
    n = len(rec.differences)
    head = (
        f"{rec.units:,} units, {rec.members:,} members on the roster "
        f"({rec.outside:,} at units not in the tree): {n} difference{'s' if n != 1 else ''}"
    )
    if not n:
        return head
    rows: list[tuple[Cell, ...]] = [
        (d.unit_id, _name(tree, d.unit_id), f"{_FIELDS[d.field]} {d.field}", d.counted, d.on_roster)
        for d in rec.differences
    ]
    cols = (Column("编号"), Column("名称"), Column("项目 field"), Column("表中 counted", "int"),
            Column("名册 on roster", "int"))  # fmt: skip
    return f"{head}\n{text_table(Table(columns=cols, rows=rows))}"


def branches_text(tree: OrgTree, report: BranchReport, *, with_names: bool = False) -> str:
    """The branch checks: counts, then the communities and units found (ids and names of
    units are not personal data); members only ``with_names``."""
    s = report.summary()
    lines = [
        f"一社区一支部: {s['communities_without_branch']} of {s['communities']} communities "
        "without a party organisation of their own",
        f"every member in a branch: {s['not_party_organisation']} members at units that are "
        f"not party organisations, {s['unknown_unit']} at units not in the tree",
        f"不漏一个党员: {s['units_missing_roster']} units with members counted but nobody on "
        "the roster",
    ]
    lines += [f"  community {c} {_name(tree, c)}" for c in report.communities_without_branch]
    lines += [f"  unit {u} {_name(tree, u)}: {n} counted" for u, n in report.missing_roster]
    if with_names:
        lines += [
            f"  member {o.member_id} {o.name}: {o.unit_id} ({o.reason})" for o in report.outside
        ]
    return "\n".join(lines)


def teams_text(tree: OrgTree, teams: VolunteerTeams, *, with_names: bool = False) -> str:
    """The volunteer teams per community: the teams formed (skill and size) and the groups
    too small to be one; with names, each team's members."""
    head = (
        f"{len(teams.formed)} teams (at least {teams.min_team_size} members) in "
        f"{teams.communities_with_team()} of {teams.communities} communities"
    )
    by: dict[str, list[Any]] = {}
    for t in teams.teams:
        by.setdefault(t.community_id, []).append(t)
    rows: list[tuple[Cell, ...]] = []
    for cid, ts in by.items():
        formed = "、".join(f"{t.skill} {t.size}" for t in ts if t.formed) or None
        short = "、".join(f"{t.skill} {t.size}" for t in ts if not t.formed) or None
        rows.append((cid, _name(tree, cid), formed, short))
    cols = (Column("编号"), Column("社区"), Column("服务队 teams"), Column("不足 too few"))
    out = [head, text_table(Table(columns=cols, rows=rows))] if rows else [head]
    if with_names:
        for t in teams.formed:
            who = "、".join(f"{i} {n}" for i, n in zip(t.member_ids, t.names, strict=True))
            out.append(f"  {t.community_id} {t.skill}: {who}")
    return "\n".join(out)


def _hours(x: Any) -> str:
    return str(int(x)) if x == int(x) else f"{float(x):.2f}"


def archive_text(
    tree: OrgTree, archive: LearningArchive, short: Shortfall, *, with_names: bool = False
) -> str:
    """The archive's summary: the county's members meeting the requirement, then per
    township the members, those below and e-education's share of their minutes; with names,
    the members below per branch."""
    n = len(archive)
    met = archive.meeting
    pol = archive.policy
    head = (
        f"{archive.year}: {met:,} of {n:,} members reach {_hours(pol.required_hours)} 学时 "
        f"({pol.minutes_per_hour} minutes each): {format_rate(met / n if n else None)}"
    )
    rows: list[tuple[Cell, ...]] = [
        (
            line.unit_id,
            _name(tree, line.unit_id),
            line.members,
            line.below,
            (line.members - line.below) / line.members if line.members else None,
            None if line.e_share is None else float(line.e_share),
        )
        for line in (*short.by_township, *([short.total] if short.total else []))
    ]
    cols = (Column("编号"), Column("乡镇（街道）"), Column("党员", "int"),
            Column("未达标 below", "int"), Column("达标率", "pct"),
            Column("电教占比 e-education", "pct"))  # fmt: skip
    out = [head, text_table(Table(columns=cols, rows=rows))]
    out.append(
        f"{len(short.by_branch)} branches with members below {_hours(pol.required_hours)} 学时"
    )
    if with_names:
        hours = {e.member_id: e.hours for e in archive.entries}
        for line in short.by_branch:
            out.append(f"  {line.unit_id} {_name(tree, line.unit_id)}:")
            for mid, name in zip(line.member_ids, line.names, strict=True):
                out.append(f"    {mid} {name} {_hours(hours[mid])} 学时")
    return "\n".join(out)


def member_tables(
    figs: MemberFigures, *, with_names: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """The tables of ``--format csv|json``: ``summary`` (the aggregate counts, always), then
    those with rows of ``reconciliation`` (the differences), ``branches`` (the findings),
    ``teams`` and ``archive`` (per township and branch); ids and names only ``with_names``.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> tables = member_tables(member_figures(sample_county(), sample_records(), year=2025))
    >>> list(tables), tables["summary"][0]
    (['summary', 'teams', 'archive'], {'figure': 'units', 'value': 390})
    """
    archive = figs.archive
    summary = {
        "units": figs.reconciliation.units,
        "members": figs.reconciliation.members,
        "differences": len(figs.reconciliation.differences),
        **{k: v for k, v in figs.branches.summary().items() if k != "members"},
        "teams": len(figs.teams.formed),
        "communities_with_team": figs.teams.communities_with_team(),
        "members_meeting_hours": archive.meeting,
        "members_below_hours": len(archive) - archive.meeting,
    }
    tables = {
        "summary": [{"figure": k, "value": v} for k, v in summary.items()],
        "reconciliation": figs.reconciliation.to_records(),
        "branches": figs.branches.to_records(with_names=with_names),
        "teams": figs.teams.to_records(with_names=with_names),
        "archive": figs.shortfall.to_records(with_ids=with_names, with_names=with_names),
    }
    return {name: rows for name, rows in tables.items() if rows}


def print_figures(figs: MemberFigures, out: TextIO, *, with_names: bool = False) -> None:
    """The four sections of ``pmedu members`` as text."""
    tree = figs.tree
    sections: Sequence[tuple[str, str]] = (
        ("核对 reconciliation (counts against the roster)",
         reconciliation_text(tree, figs.reconciliation)),
        ("党组织 branches", branches_text(tree, figs.branches, with_names=with_names)),
        ("党员志愿者服务队 volunteer teams", teams_text(tree, figs.teams, with_names=with_names)),
        ("学习档案 learning archive",
         archive_text(tree, figs.archive, figs.shortfall, with_names=with_names)),
    )  # fmt: skip
    for k, (title, body) in enumerate(sections):
        if k:
            print(file=out)
        print(f"{title}\n{body}", file=out)


def run(args: argparse.Namespace) -> int:
    """``pmedu members``."""
    with reporter("members") as progress:
        tree, records = load_tree_and_records(args, progress)
        year = args.year if args.year is not None else (records.year or 0)
        progress(f"checking {len(records.members):,} members")
        figs = member_figures(
            tree, records, year=year, policy=MemberPolicy(min_team_size=args.min_team_size)
        )
    fmt = getattr(args, "format", "text")
    if fmt != "text":
        emit("members", member_tables(figs, with_names=args.with_names), fmt=fmt, out=sys.stdout)
        return 0
    print_figures(figs, sys.stdout, with_names=args.with_names)
    return 0


def demo_section(
    given: YearResults | OrgTree, out: TextIO, *, records: Records | None = None
) -> None:
    """The sample county's learning archive and volunteer teams (aggregate: no names), from the
    demo's ``records`` ([`demo_records`][pmedu.cli.inputs.demo_records]: by default the
    sample's)."""
    tree = given.tree if isinstance(given, YearResults) else given
    found = demo_records(given, records=records)
    year = given.year if isinstance(given, YearResults) and given.year else found.year or 2025
    figs = member_figures(tree, found, year=year)
    print(archive_text(tree, figs.archive, figs.shortfall), file=out)
    print(file=out)
    print(teams_text(tree, figs.teams), file=out)
