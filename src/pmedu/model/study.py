"""Study records 学习记录 beside the viewing sessions: the learning archive's other half
([DOMAIN §11][concept-members]; seed [003][seed-003]).

The yearly 32 class hours 学时 count all concentrated study — training classes, 三会一课, party
school, organised online study — not e-education viewing alone. A
[`StudyEntry`][pmedu.model.study.StudyEntry] is one such study by one member: date, kind,
minutes, content, and the effect 效果 noted.

>>> e = StudyEntry(id="L1", member_id="M001", date="2025-03-05", kind="三会一课", minutes=90,
...                content="学习党章")
>>> e.kind.label, e.minutes
('三会一课', 90)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import member_count
from pmedu.model.calendar import parse_date
from pmedu.model.columns import column
from pmedu.validators import nonblank

__all__ = ["StudyEntry", "StudyKind"]

_ID = [v.instance_of(str), nonblank]


class StudyKind(LabelledEnum):
    """The kinds of concentrated study that count towards the yearly 学时.

    >>> StudyKind.parse("党校").label
    '党校学习'
    """

    @classmethod
    def noun(cls) -> str:
        return "study kind"

    TRAINING = ("training", "培训班", ("集中培训", "培训"))
    THREE_MEETINGS = ("three_meetings", "三会一课", ("三会一课学习",))
    PARTY_SCHOOL = ("party_school", "党校学习", ("党校",))
    ONLINE = ("online", "网络学习", ("在线学习", "远程学习", "网上学习"))
    OTHER = ("other", "其他", ("其它",))


def _kind(value: Any) -> StudyKind:
    return StudyKind.parse(value)


@attrs.frozen
class StudyEntry:
    """One member's study outside the viewing sessions.

    >>> StudyEntry(id="L1", member_id="M1", date="2025-01-01", kind="培训班", minutes=0)
    Traceback (most recent call last):
    ...
    ValueError: 'minutes' must be > 0: 0
    """

    SHEET: ClassVar[str] = "学习记录"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "记录编号"))
    member_id: str = attrs.field(validator=_ID, metadata=column("党员编号", "党员"))
    date: dt.date = attrs.field(converter=parse_date, metadata=column("日期", "学习日期"))
    kind: StudyKind = attrs.field(converter=_kind, metadata=column("学习形式", "类别", "形式"))
    minutes: int = attrs.field(
        validator=member_count, metadata=column("分钟", "时长", "学习时长（分钟）")
    )
    content: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("学习内容", "内容")
    )
    effect: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("效果", "学习效果")
    )

    @minutes.validator
    def _positive(self, _a: attrs.Attribute[int], value: int) -> None:
        if value <= 0:
            raise ValueError(f"'minutes' must be > 0: {value}")
