"""The plain records a county keeps besides stations, films and sessions ([splitting a
target][howto-split-target], [the assessment][concept-assessment]).

Magazine subscriptions 《党员电化教育》, demonstration households 科技示范户, institutions and
staff, awards, cases of funds misuse, and submissions (production items and information reports).
Each is a frozen attrs class; [`pmedu.records.Records`][pmedu.records.bundle.Records] bundles them.

>>> Submission(id="N1", unit_id="T01", kind="新闻", date="2025-12-01").kind.label
'党建类新闻'
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import amount as _amount
from pmedu.model.bounds import member_count as _count
from pmedu.model.bounds import optional_member_count as _opt_count
from pmedu.model.bounds import year as _year
from pmedu.model.calendar import one_of, parse_date
from pmedu.model.columns import column
from pmedu.model.people import DemoLevel
from pmedu.validators import nonblank as _nonblank

__all__ = [
    "Award",
    "AwardLevel",
    "DemoHouseholds",
    "FundsMisuse",
    "Institution",
    "MagazineSubscription",
    "Submission",
    "SubmissionKind",
]

_ID = [v.instance_of(str), _nonblank]


@attrs.frozen
class MagazineSubscription:
    """A unit's subscription to the magazine 《党员电化教育》 for a year ([seed 002][seed-002]).

    >>> MagazineSubscription(unit_id="V1", year=2025, copies=0)
    Traceback (most recent call last):
    ...
    ValueError: 'copies' must be >= 1: 0
    """

    SHEET: ClassVar[str] = "征订"

    unit_id: str = attrs.field(validator=_ID, metadata=column("订阅单位", "单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "订阅年度"))
    copies: int = attrs.field(
        default=1, validator=_count, metadata=column("份数", "订阅份数", "数量")
    )

    @copies.validator
    def _one(self, _a: attrs.Attribute[int], value: int) -> None:
        if value < 1:
            raise ValueError(f"'copies' must be >= 1: {value}")


def _opt_level(value: Any) -> DemoLevel | None:
    return None if value is None or value == "" else DemoLevel.parse(value)


@attrs.frozen
class DemoHouseholds:
    """Science-and-technology demonstration households 科技示范户 at a unit for a year: the unit's
    decomposed ``target`` (seed [001][seed-001], [004][seed-004]; ``None`` if the unit has none of
    its own) and the households ``achieved`` there; ``level`` the level they are named at
    (city-level 市级 or county-level 县级, seed [001][seed-001]; ``None``: not said).

    >>> DemoHouseholds(unit_id="T01", year=2025, target=20, achieved=22, level="市级").level.label
    '市级'

    >>> DemoHouseholds(unit_id="T01", year=2025, target=20, achieved=-1)
    Traceback (most recent call last):
    ...
    ValueError: 'achieved' must be >= 0: -1
    """

    SHEET: ClassVar[str] = "示范户"

    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度"))
    target: int | None = attrs.field(
        default=None, validator=_opt_count, metadata=column("目标户数", "任务数", "目标")
    )
    achieved: int = attrs.field(
        default=0, validator=_count, metadata=column("完成户数", "已建户数", "完成")
    )
    level: DemoLevel | None = attrs.field(
        default=None, converter=_opt_level, metadata=column("示范级别", "级别")
    )


@attrs.frozen
class Institution:
    """A unit's e-education institution 机构 and its dedicated staff 人员 (seeds [000][seed-000],
    [002][seed-002]).

    ``established`` ``None`` means "before any year in question".

    >>> Institution(unit_id="T01", name="镇党员电教站", staff=2).in_place(2025)
    True
    """

    SHEET: ClassVar[str] = "机构"

    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    name: str = attrs.field(default="", metadata=column("机构名称", "名称"))
    staff: int = attrs.field(
        default=0, validator=_count, metadata=column("专职人员", "人员数", "人数")
    )
    established: dt.date | None = attrs.field(
        default=None, metadata=column("成立日期", "设立日期", "成立时间")
    )

    def in_place(self, year: int) -> bool:
        """Set up by the end of ``year`` and staffed (at least one person).

        >>> Institution(unit_id="T", staff=1, established=dt.date(2026, 1, 1)).in_place(2025)
        False
        """
        started = self.established is None or self.established.year <= year
        return started and self.staff > 0


class AwardLevel(LabelledEnum):
    """The level of a commendation 表彰.

    >>> AwardLevel.parse("省级") is AwardLevel.PROVINCIAL
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "award level"

    NATIONAL = ("national", "国家级", ("全国", "中央"))
    PROVINCIAL = ("provincial", "省级", ("省",))
    CITY = ("city", "市级", ("市",))
    COUNTY = ("county", "县级", ("县",))


def _award_level(value: Any) -> AwardLevel:
    return AwardLevel.parse(value)


@attrs.frozen
class Award:
    """A commendation received by a unit in a year.

    >>> Award(id="A1", unit_id="T01", year=2025, level="省级").level.label
    '省级'
    """

    SHEET: ClassVar[str] = "表彰"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "表彰编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("受表彰单位", "单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度"))
    level: AwardLevel = attrs.field(converter=_award_level, metadata=column("级别", "表彰级别"))
    title: str = attrs.field(default="", metadata=column("表彰名称", "名称", "荣誉"))


@attrs.frozen
class FundsMisuse:
    """A case of e-education funds misused (专款专用 violated; seeds [000][seed-000],
    [002][seed-002], [003][seed-003]): the bare case record of pmedu 0.1, still read. Misuse is
    now found in the funding ledger ([`LedgerEntry.misuse`][pmedu.model.money.LedgerEntry]); the
    measure ``funds_misuse_findings`` counts both.

    >>> FundsMisuse(id="M1", unit_id="T01", date=dt.date(2025, 5, 1)).date.year
    2025
    """

    SHEET: ClassVar[str] = "经费挪用"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "案件编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    date: dt.date = attrs.field(
        validator=v.instance_of(dt.date), metadata=column("发现日期", "日期")
    )
    amount: float | None = attrs.field(
        default=None, validator=_amount, metadata=column("金额（元）", "金额", "挪用金额")
    )
    description: str = attrs.field(default="", metadata=column("情况说明", "说明", "情况"))


class SubmissionKind(LabelledEnum):
    """What a unit submits: the production quota ([seed 002][seed-002]: one party-building news item
    党建类新闻 and one special-topic film 专题片 by 31 December) and information items 信息
    (two per quarter).

    >>> SubmissionKind.parse("专题片") is SubmissionKind.SPECIAL_FILM
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "submission kind"

    NEWS_ITEM = ("news_item", "党建类新闻", ("新闻", "news"))
    SPECIAL_FILM = ("special_film", "专题片", ("special_topic_film", "film"))
    INFORMATION = ("information", "信息", ("信息报送", "info", "information_item"))


def _submission_kind(value: Any) -> SubmissionKind:
    return SubmissionKind.parse(value)


@attrs.frozen
class Submission:
    """A production item or information report: unit, kind, delivery date.

    ``year`` is the year it counts for (default: the delivery year), so a news item for 2025
    delivered on 2026-01-05 is 5 days late; ``quarter`` (information only) is the quarter it
    reports for (default: the delivery quarter).

    >>> s = Submission(id="N1", unit_id="T01", kind="党建类新闻", date="2026-01-05", year=2025)
    >>> s.period_year, s.kind.label
    (2025, '党建类新闻')
    >>> Submission(id="I1", unit_id="T01", kind="信息", date="2025-05-02").period_quarter
    2
    """

    SHEET: ClassVar[str] = "报送"

    id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("编号", "报送编号")
    )
    unit_id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("报送单位", "单位编号", "单位")
    )
    kind: SubmissionKind = attrs.field(
        converter=_submission_kind, metadata=column("类别", "报送类别", "类型")
    )
    date: dt.date = attrs.field(converter=parse_date, metadata=column("报送日期", "日期"))
    year: int | None = attrs.field(
        default=None, validator=v.optional(_year), metadata=column("所属年度", "年度")
    )
    quarter: int | None = attrs.field(
        default=None,
        validator=v.optional(one_of([1, 2, 3, 4])),
        metadata=column("所属季度", "季度"),
    )
    title: str = attrs.field(default="", metadata=column("标题", "题目", "名称"))

    @property
    def period_year(self) -> int:
        """The year the submission counts for."""
        return self.year if self.year is not None else self.date.year

    @property
    def period_quarter(self) -> int:
        """The quarter an information item reports for."""
        return self.quarter if self.quarter is not None else (self.date.month - 1) // 3 + 1
