"""Theme practice activities, the party-building TV column and liaison meetings ([DOMAIN
§6, §11][concept-money-people]).

* A theme practice activity 主题实践活动 ([`ThemeActivity`][pmedu.model.activities.ThemeActivity]):
  the cohesion project 凝聚力工程 of city communities ([seed 000][seed-000]), the rural
  党员电教科技经济开发 activities ([seed 000][seed-000], [seed 001][seed-001]) and 科技富民
  ([seed 001][seed-001]), with its unit, dates and participants. Seed 001 names theme activities
  (主题活动) among what the target assessment covers.
* A place's party-building TV column 党建电视栏目 ([`TvColumn`][pmedu.model.activities.TvColumn]:
  name, channel, episodes a year) or, failing one, its planned concentrated broadcasts on local TV
  ([seed 001][seed-001], [seed 002][seed-002]).
* A liaison meeting 通联会议 ([`LiaisonMeeting`][pmedu.model.activities.LiaisonMeeting]), held
  each quarter ([seed 001][seed-001]).

The county TV station's production quota ([seed 002][seed-002]: one party-building news item and
one special-topic film by the end of December, as a township) is measured on its
[`Submission`][pmedu.model.records.Submission]s, the TV station being a unit of the tree.

>>> a = ThemeActivity(id="A1", unit_id="T01", kind="科技富民", start="2025-04-10", participants=35)
>>> a.kind.label, a.year, a.participants
('科技富民', 2025, 35)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import member_count
from pmedu.model.bounds import year as _year
from pmedu.model.calendar import parse_date
from pmedu.model.columns import column
from pmedu.validators import nonblank

__all__ = ["ActivityKind", "LiaisonMeeting", "ThemeActivity", "TvColumn"]

_ID = [v.instance_of(str), nonblank]
_TEXT = v.instance_of(str)


class ActivityKind(LabelledEnum):
    """The kinds of theme practice activity the seeds name.

    >>> ActivityKind.parse("凝聚力工程") is ActivityKind.COHESION
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "activity kind"

    COHESION = ("cohesion", "凝聚力工程", ("社区凝聚力工程", "cohesion_project"))
    TECH_ECONOMY = ("tech_economy", "党员电教科技经济开发", ("科技经济开发", "电教科技经济开发"))
    TECH_PROSPERITY = ("tech_prosperity", "科技富民", ("科技富民活动",))
    OTHER = ("other", "其他", ("其它",))


def _kind(value: Any) -> ActivityKind:
    return ActivityKind.parse(value)


def _opt_date(value: Any) -> dt.date | None:
    return None if value is None or value == "" else parse_date(value)


@attrs.frozen
class ThemeActivity:
    """A theme practice activity 主题实践活动 held by a unit: kind, ``start`` and ``end`` dates
    (``end`` ``None``: a one-day activity), ``participants`` (members and others taking part).

    >>> ThemeActivity(id="A", unit_id="T", kind="凝聚力工程", start="2025-05-02", end="2025-05-01")
    Traceback (most recent call last):
    ...
    ValueError: 'end' 2025-05-01 is before 'start' 2025-05-02
    """

    SHEET: ClassVar[str] = "主题活动"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "活动编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    kind: ActivityKind = attrs.field(converter=_kind, metadata=column("活动类别", "类别"))
    start: dt.date = attrs.field(converter=parse_date, metadata=column("开始日期", "日期"))
    end: dt.date | None = attrs.field(
        default=None, converter=_opt_date, metadata=column("结束日期")
    )
    participants: int = attrs.field(
        default=0, validator=member_count, metadata=column("参加人数", "人数")
    )
    title: str = attrs.field(default="", validator=_TEXT, metadata=column("活动名称", "名称"))

    @end.validator
    def _after(self, _a: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and value < self.start:
            raise ValueError(f"'end' {value} is before 'start' {self.start}")

    @property
    def year(self) -> int:
        """The year the activity counts for (its start)."""
        return self.start.year


@attrs.frozen
class TvColumn:
    """A place's party-building TV column 党建电视栏目 in a year: ``name``, ``channel`` and the
    ``episodes`` aired a year; or, without a column, its ``concentrated`` planned concentrated
    broadcasts 集中播放 on local TV ([seed 001][seed-001]).

    >>> TvColumn(unit_id="C", year=2025, name="先锋", channel="县电视台", episodes=24).in_place
    True
    >>> TvColumn(unit_id="C", year=2025).in_place
    False
    """

    SHEET: ClassVar[str] = "电视栏目"

    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "年份"))
    name: str = attrs.field(default="", validator=_TEXT, metadata=column("栏目名称", "栏目"))
    channel: str = attrs.field(default="", validator=_TEXT, metadata=column("播出频道", "频道"))
    episodes: int = attrs.field(
        default=0, validator=member_count, metadata=column("年播出期数", "期数")
    )
    concentrated: int = attrs.field(
        default=0, validator=member_count, metadata=column("集中播放次数", "集中播放")
    )

    @property
    def in_place(self) -> bool:
        """A column with episodes, or at least one planned concentrated broadcast."""
        return self.episodes > 0 or self.concentrated > 0


@attrs.frozen
class LiaisonMeeting:
    """A liaison meeting 通联会议 a unit held ([seed 001][seed-001]: each quarter).

    >>> LiaisonMeeting(id="L1", unit_id="C", date="2025-05-20", attendees=12).quarter
    2
    """

    SHEET: ClassVar[str] = "通联会议"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "会议编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    date: dt.date = attrs.field(converter=parse_date, metadata=column("日期", "会议日期"))
    attendees: int = attrs.field(
        default=0, validator=member_count, metadata=column("参会人数", "人数")
    )
    topic: str = attrs.field(default="", validator=_TEXT, metadata=column("议题", "内容"))

    @property
    def quarter(self) -> int:
        """The quarter (1–4) of the meeting."""
        return (self.date.month - 1) // 3 + 1
