"""The report's sections on the rest of the year's work (issues 13 and 17): members and the
learning archive 党员与学习档案, the monthly plans and the five teaching steps 播放计划与五步教学,
theme activities, the TV column and money 主题活动、电视栏目与经费.

Each lays out a summary [`pmedu.pipeline.compute_year`][pmedu.pipeline.compute_year] computed
from the records ([`MemberSummary`][pmedu.results.MemberSummary],
[`TeachingSummary`][pmedu.results.TeachingSummary],
[`ActivitySummary`][pmedu.results.ActivitySummary]) as a
[`Section`][pmedu.report.page.Section] of ground [`Table`][pmedu.tables.Table] objects, one row
per township or street and a last row for the whole tree, printed in the appendix (the main
part stays within 8 A4 pages). Nothing is computed here; members are counted, never named.

>>> from pmedu.results import ArchiveLine, MemberSummary
>>> line = ArchiveLine(unit_id="T", name="东镇", members=4, below=1, e_share=0.25)
>>> s = members_section(MemberSummary(year=2025, lines=(line,), total=line, roster=4), lang="en")
>>> s.key, s.tables[0].rows[0]
('members', ('东镇', 4, 1, 0.75, 0.25))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmedu.model.session import TeachingStep
from pmedu.report.messages import messages
from pmedu.report.page import Section
from pmedu.results import (
    ActivityLine,
    ActivitySummary,
    ArchiveLine,
    MemberSummary,
    TeachingLine,
    TeachingSummary,
)
from pmedu.tables import Cell, Column, Table, format_cell

__all__ = ["activities_section", "members_section", "teaching_section", "yearwork_sections"]


def _n(value: Any) -> str:
    return format_cell(value, fmt="int")


def _pct(value: Any) -> str:
    return format_cell(value, fmt="pct")


def _hours(value: Any) -> str:
    return str(int(value)) if value == int(value) else format_cell(float(value), fmt="num")


def _cols(msg: Mapping[str, str], spec: list[tuple[str, str]]) -> tuple[Column, ...]:
    return tuple(Column(msg[key], fmt) for key, fmt in spec)


def members_section(summary: MemberSummary, *, lang: str) -> Section:
    """党员与学习档案: the members reaching the yearly 学时 per township (members, below, the rate
    and e-education's share of their minutes), the reconciliation's differences and the
    volunteer teams by skill — aggregate, no member named.

    >>> from pmedu.results import MemberSummary, SkillTeams
    >>> s = members_section(MemberSummary(year=2025, skills=(
    ...     SkillTeams(skill="法律咨询", teams=2, members=9, too_small=1),)), lang="zh")
    >>> s.title, s.tables[-1].rows
    ('党员与学习档案', (('法律咨询', 2, 9, 1),))
    """
    msg = messages(lang)
    total = summary.total
    met = total.members - total.below if total is not None else 0
    paragraphs = [
        msg["members.intro"].format(
            year=summary.year,
            roster=_n(total.members if total is not None else 0),
            met=_n(met),
            hours=_hours(summary.required_hours),
            minutes=summary.minutes_per_hour,
            rate=_pct(total.met_rate if total is not None else None),
            branches=_n(summary.branches_below),
        ),
        msg["members.reconcile"].format(
            units=_n(summary.units), differences=_n(summary.differences)
        ),
        msg["members.teams"].format(
            teams=_n(summary.teams),
            size=summary.min_team_size,
            with_team=_n(summary.communities_with_team),
            communities=_n(summary.communities),
        ),
    ]

    def row(line: ArchiveLine, name: str) -> tuple[Cell, ...]:
        return (name, line.members, line.below, line.met_rate, line.e_share)

    rows = [row(x, x.name) for x in summary.lines]
    if total is not None:
        rows.append(row(total, msg["coverage.total"]))
    archive = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.roster", "int"),
                ("col.below", "int"),
                ("col.met_rate", "pct"),
                ("col.e_share", "pct"),
            ],
        ),
        rows=rows,
        footer=1 if total is not None else 0,
        caption=msg["members.caption"],
    )
    teams = Table(
        columns=_cols(
            msg,
            [
                ("col.skill", "text"),
                ("col.teams", "int"),
                ("col.team_members", "int"),
                ("col.too_few", "int"),
            ],
        ),
        rows=[(s.skill, s.teams, s.members, s.too_small) for s in summary.skills],
        caption=msg["members.teams_caption"],
    )
    tables = [archive] if rows else []
    if summary.skills:
        tables.append(teams)
    return Section(
        "members", msg["section.members"], paragraphs=paragraphs, tables=tables, appendix=True
    )


def _step(label: str | None, lang: str) -> str | None:
    """A teaching step's label in ``lang`` (the Chinese label, or the English name)."""
    if label is None or lang == "zh":
        return label
    return str(TeachingStep.parse(label).value).replace("_", " ")


def teaching_section(summary: TeachingSummary, *, lang: str) -> Section:
    """播放计划与五步教学: per township the plan entries held (落实率), the sessions with all five
    teaching steps and the step most often missing; then the registers 三簿一册 (discussion and
    feedback entries, members signed in).

    >>> from pmedu.results import TeachingLine, TeachingSummary
    >>> line = TeachingLine(unit_id="T", name="东镇", entries=4, with_station=4, held=1,
    ...                     sessions=10, complete=6, most_missing="播后讨论")
    >>> s = teaching_section(TeachingSummary(year=2025, lines=(line,), total=line), lang="zh")
    >>> s.tables[0].rows[-1], s.tables[1].rows[-1]
    (('合计', 4, 4, 1, 0.25), ('合计', 10, 6, 0.6, '播后讨论'))
    """
    msg = messages(lang)
    total = summary.total or TeachingLine(unit_id="", name="")
    none = format_cell(None)
    paragraphs = [
        msg["teaching.plan"].format(
            year=summary.year,
            entries=_n(total.entries),
            with_station=_n(total.with_station),
            held=_n(total.held),
            rate=_pct(total.held_rate),
        )
        if total.entries
        else msg["teaching.no_plan"].format(year=summary.year),
        msg["teaching.steps"].format(
            sessions=_n(total.sessions),
            complete=_n(total.complete),
            rate=_pct(total.complete_rate),
            step=_step(total.most_missing, lang) or none,
        ),
        msg["teaching.registers"].format(
            discussions=_n(total.discussions),
            feedback=_n(total.feedback),
            closed=_n(total.feedback_closed),
            signed=_n(total.signed_in),
        ),
    ]
    lines = [(x, x.name) for x in summary.lines]
    if summary.total is not None:
        lines.append((summary.total, msg["coverage.total"]))
    footer = 1 if summary.total is not None else 0
    plan = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.entries", "int"),
                ("col.with_station", "int"),
                ("col.plan_held", "int"),
                ("col.held_rate", "pct"),
            ],
        ),
        rows=[(name, x.entries, x.with_station, x.held, x.held_rate) for x, name in lines],
        footer=footer,
        caption=msg["teaching.caption"],
    )
    steps = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.sessions", "int"),
                ("col.complete", "int"),
                ("col.complete_rate", "pct"),
                ("col.most_missing", "text"),
            ],
        ),
        rows=[
            (name, x.sessions, x.complete, x.complete_rate, _step(x.most_missing, lang))
            for x, name in lines
        ],
        footer=footer,
        caption=msg["teaching.steps_caption"],
    )
    registers = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.discussions", "int"),
                ("col.feedback", "int"),
                ("col.feedback_closed", "int"),
                ("col.signed_in", "int"),
            ],
        ),
        rows=[
            (name, x.discussions, x.feedback, x.feedback_closed, x.signed_in) for x, name in lines
        ],
        footer=footer,
        caption=msg["teaching.registers_caption"],
    )
    return Section(
        "teaching",
        msg["section.teaching"],
        paragraphs=paragraphs,
        tables=(plan, steps, registers),
        appendix=True,
    )


def _yes_no(value: Any, msg: Mapping[str, str]) -> str | None:
    if value is None:
        return None
    return msg["value.yes"] if value else msg["value.no"]


def activities_section(summary: ActivitySummary, *, lang: str) -> Section:
    """主题活动、电视栏目与经费: per township and for the root's own, theme activities and their
    participants, the party-building TV column, liaison quarters; the budget share, the
    earmarked share and the misuse findings; the trained broadcasters' share and the
    demonstration bases built against the decomposed target.

    >>> from pmedu.results import ActivityLine, ActivitySummary
    >>> t = ActivityLine(unit_id="C", name="某县", tv_column=1, bases_built=3, bases_target=4,
    ...                  bases_rate=0.75)
    >>> s = activities_section(ActivitySummary(year=2025, total=t), lang="zh")
    >>> s.tables[0].rows[-1][3], s.tables[2].rows[-1]
    ('有', ('某县', None, 3, 4, 0.75))
    """
    msg = messages(lang)
    lines: list[ActivityLine] = list(summary.lines)
    if summary.total is not None:
        lines.append(summary.total)
    footer = 1 if summary.total is not None else 0
    root = summary.total.name if summary.total is not None else ""
    first = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.theme_activities", "int"),
                ("col.participants", "int"),
                ("col.tv_column", "text"),
                ("col.liaison", "int"),
            ],
        ),
        rows=[
            (
                x.name,
                x.theme_activities,
                x.participants,
                _yes_no(x.tv_column, msg),
                x.liaison_quarters,
            )
            for x in lines
        ],
        footer=footer,
        caption=msg["activities.caption"],
    )
    money = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.budget_share", "pct"),
                ("col.earmarked", "pct"),
                ("col.misuse", "int"),
            ],
        ),
        rows=[(x.name, x.budget_share, x.earmarked_rate, x.misuse_findings) for x in lines],
        footer=footer,
        caption=msg["activities.money_caption"],
    )
    people = Table(
        columns=_cols(
            msg,
            [
                ("col.unit", "text"),
                ("col.trained", "pct"),
                ("col.bases_built", "int"),
                ("col.bases_target", "int"),
                ("col.bases_rate", "pct"),
            ],
        ),
        rows=[(x.name, x.trained_rate, x.bases_built, x.bases_target, x.bases_rate) for x in lines],
        footer=footer,
        caption=msg["activities.people_caption"],
    )
    return Section(
        "activities",
        msg["section.activities"],
        paragraphs=(msg["activities.intro"].format(root=root),),
        tables=(first, money, people),
        appendix=True,
    )


def yearwork_sections(
    *,
    membership: MemberSummary | None,
    teaching: TeachingSummary | None,
    activities: ActivitySummary | None,
    lang: str,
) -> list[Section]:
    """The sections of the summaries given (none for a summary that is ``None``: the records
    were not given, or keep none of it), in the order members, teaching, activities.

    >>> yearwork_sections(membership=None, teaching=None, activities=None, lang="zh")
    []
    """
    out = []
    if membership is not None:
        out.append(members_section(membership, lang=lang))
    if teaching is not None:
        out.append(teaching_section(teaching, lang=lang))
    if activities is not None:
        out.append(activities_section(activities, lang=lang))
    return out
