"""Viewing stations (播放网点) and what they have ([stations and standards][concept-stations]).

A [`Station`][pmedu.model.station.Station] is attached to a unit of the tree and lists the
[`Feature`][pmedu.model.station.Feature] s it has: its equipment (television 电视机, VCD/DVD player
播放机, viewing room 播放室), its organisation 机构, staff 人员 and keeper 管理员, signboard 标牌,
film library 电教片库, rules 制度 and the registers of the 三簿一册 (viewing register
收看情况登记簿, discussion register 讨论登记簿, feedback register 信息反馈簿, member sign-in book
党员签到册). Standards (两机一室, 六有, 五有) are checklists over these features: see
[`pmedu.stations.standards`][pmedu.stations.standards].

>>> s = Station(id="S1", unit_id="T01-V01", features=["电视机", "VCD机", "播放室"])
>>> sorted(f.value for f in s.features)
['player', 'room', 'television']
>>> s.has("television"), s.has("标牌")
(True, False)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import not_text
from pmedu.model.columns import column
from pmedu.validators import nonblank as _nonblank

__all__ = ["Feature", "Station"]


class Feature(LabelledEnum):
    """Something a station has: equipment, people, rules or a register ([stations and
    standards][concept-stations]).

    >>> Feature.parse("党员签到册") is Feature.SIGN_IN_BOOK
    True
    >>> Feature.parse("DVD机") is Feature.PLAYER
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "station feature"

    TELEVISION = ("television", "电视机", ("电视", "tv"))
    PLAYER = ("player", "播放机", ("VCD机", "DVD机", "VCD", "DVD", "vcd_player", "dvd_player"))
    ROOM = ("room", "播放室", ("活动室", "阵地", "viewing_room", "venue"))
    ORGANISATION = ("organisation", "机构", ("organization", "institution"))
    STAFF = ("staff", "人员", ("播放员", "broadcaster"))
    KEEPER = ("keeper", "管理员", ("有人管", "专人管理"))
    SIGNBOARD = ("signboard", "标牌", ("牌子", "sign"))
    FILM_LIBRARY = ("film_library", "电教片库", ("片库", "library"))
    RULES = ("rules", "制度", ("规章制度", "regulations"))
    # the seeds write 薄 for 簿 (register): 簿 is shown, both are accepted (DOMAIN §11)
    VIEWING_REGISTER = (
        "viewing_register",
        "收看情况登记簿",
        ("收看情况登记薄", "收看登记簿", "收看登记薄"),
    )
    DISCUSSION_REGISTER = ("discussion_register", "讨论登记簿", ("讨论登记薄",))
    FEEDBACK_REGISTER = (
        "feedback_register",
        "信息反馈簿",
        ("信息反馈薄", "反馈登记簿", "反馈登记薄"),
    )
    SIGN_IN_BOOK = ("sign_in_book", "党员签到册", ("签到册", "签到簿"))


def _features(value: Any) -> frozenset[Feature]:
    if isinstance(value, Feature):
        return frozenset({value})
    return frozenset(Feature.parse(x) for x in not_text(value))


@attrs.frozen
class Station:
    """A viewing station (播放网点/电教工作站) of a unit.

    Parameters
    ----------
    id
        The station's code, unique in the records.
    unit_id
        The unit of the tree it belongs to (a village, community, township …).
    features
        What it has ([`Feature`][pmedu.model.station.Feature] members or their labels).
    name
        Its name (optional).
    keeper
        The keeper's / broadcaster's name (optional).
    established
        When it opened; monthly plans are due from that month on (``None``: before the year).

    >>> Station(id=" ", unit_id="V1")
    Traceback (most recent call last):
    ...
    ValueError: 'id' must not be blank
    """

    SHEET: ClassVar[str] = "网点"

    id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("网点编号", "编号", "站点编号")
    )
    unit_id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank],
        metadata=column("所在单位", "单位编号", "所属单位"),
    )
    features: frozenset[Feature] = attrs.field(
        default=frozenset(), converter=_features, metadata=column("设施", "具备条件", "配置")
    )
    name: str = attrs.field(default="", metadata=column("网点名称", "名称"))
    keeper: str | None = attrs.field(
        default=None, metadata=column("管理员", "播放员", "管理员姓名")
    )
    established: dt.date | None = attrs.field(
        default=None,
        validator=v.optional(v.instance_of(dt.date)),
        metadata=column("建站日期", "建立时间", "设立日期"),
    )

    def has(self, feature: Feature | str) -> bool:
        """Whether the station has ``feature`` (labels accepted).

        >>> Station(id="S", unit_id="V", features=["tv"]).has("电视机")
        True
        """
        return Feature.parse(feature) in self.features

    def without(self, *features: Feature | str) -> Station:
        """A copy of the station lacking ``features`` (the station itself is unchanged).

        >>> Station(id="S", unit_id="V", features=["tv", "room"]).without("tv").features
        frozenset({<Feature.ROOM: 'room'>})
        """
        drop = _features(features)
        return attrs.evolve(self, features=self.features - drop)
