"""Party members 党员 ([DOMAIN §2, §11][concept-members]; seeds [000][seed-000],
[003][seed-003], [004][seed-004]).

A [`Member`][pmedu.model.member.Member] belongs to one party organisation or unit
(``unit_id``), is full or probationary (正式 / 预备), in service, retired or laid off
(在职 / 离退休 / 下岗), may be mobile (流入, with the unit they came from; 流出, with
where they are now), may not yet have transferred their organisational relationship
(组织关系已转入), may be dual-managed (双重管理: a second unit where they are active),
and has skills (an open vocabulary: 法律咨询, 家电维修 …) that volunteer teams are
formed from.

>>> m = Member(id="M001", name="张三", unit_id="V01", standing="预备", mobility="流出",
...            mobile_to="广东省深圳市", skills=["家电维修"])
>>> m.standing.label, m.mobility.label, m.away
('预备党员', '流出', True)
>>> Member(id="M002", name="李四", unit_id="V01", mobile_to="深圳")
Traceback (most recent call last):
...
ValueError: 'mobile_to' is for an outflow (流出) member; mobility is none
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import id_tuple
from pmedu.model.columns import column
from pmedu.validators import nonblank

__all__ = ["Member", "MemberStatus", "Mobility", "Standing"]

_ID = [v.instance_of(str), nonblank]


class Standing(LabelledEnum):
    """Full or probationary membership 正式党员 / 预备党员.

    >>> Standing.parse("预备") is Standing.PROBATIONARY
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "membership standing"

    FULL = ("full", "正式党员", ("正式",))
    PROBATIONARY = ("probationary", "预备党员", ("预备",))


class MemberStatus(LabelledEnum):
    """A member's working status (seed [000][seed-000]: retired and laid-off members).

    >>> MemberStatus.parse("退休") is MemberStatus.RETIRED
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "member status"

    IN_SERVICE = ("in_service", "在职", ("在岗",))
    RETIRED = ("retired", "离退休", ("退休", "离休"))
    LAID_OFF = ("laid_off", "下岗", ("下岗失业", "失业"))
    OTHER = ("other", "其他", ("其它",))


class Mobility(LabelledEnum):
    """Whether a member is mobile 流动党员, and which way (DOMAIN §11: both directions).

    >>> Mobility.parse("流入") is Mobility.INFLOW, Mobility.parse("") is Mobility.NONE
    (True, True)
    """

    @classmethod
    def noun(cls) -> str:
        return "mobility"

    NONE = ("none", "否", ("", "不流动", "非流动", "no"))
    INFLOW = ("inflow", "流入", ("外来", "外来流动党员", "in"))
    OUTFLOW = ("outflow", "流出", ("外出", "外出流动党员", "out"))


def _standing(value: Any) -> Standing:
    return Standing.parse(value)


def _status(value: Any) -> MemberStatus:
    return MemberStatus.parse(value)


def _mobility(value: Any) -> Mobility:
    return Mobility.parse(value)


def _optional_id(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value if not isinstance(value, str) else value.strip()


@attrs.frozen
class Member:
    """One party member.

    Parameters
    ----------
    id, name
        The member's id (unique in the records) and name. Names are personal data: outputs
        show them only when asked.
    unit_id
        The party organisation (党支部, 党总支 or 党委) or unit the member belongs to.
    standing
        [`Standing`][pmedu.model.member.Standing]: 正式 (default) or 预备.
    status
        [`MemberStatus`][pmedu.model.member.MemberStatus]: 在职 (default), 离退休, 下岗, 其他.
    mobility, mobile_from, mobile_to
        [`Mobility`][pmedu.model.member.Mobility]; an inflow member's origin (a unit id or a
        place), an outflow member's whereabouts.
    transferred
        Whether the organisational relationship has been transferred in 组织关系已转入
        (default yes).
    dual_unit_id
        The second unit where a dual-managed 双重管理 member is active (seed 004), if any.
    skills
        The member's skills (open vocabulary), for volunteer teams.

    >>> Member(id="M1", name="王五", unit_id="C1", dual_unit_id="C1")
    Traceback (most recent call last):
    ...
    ValueError: 'dual_unit_id' must differ from 'unit_id' ('C1')
    """

    SHEET: ClassVar[str] = "党员"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "党员编号"))
    name: str = attrs.field(validator=_ID, metadata=column("姓名", "党员姓名"))
    unit_id: str = attrs.field(
        validator=_ID, metadata=column("所在党组织", "单位编号", "党组织编号")
    )
    standing: Standing = attrs.field(
        default=Standing.FULL, converter=_standing, metadata=column("党员类别", "正式/预备")
    )
    status: MemberStatus = attrs.field(
        default=MemberStatus.IN_SERVICE, converter=_status, metadata=column("状态", "工作状态")
    )
    mobility: Mobility = attrs.field(
        default=Mobility.NONE, converter=_mobility, metadata=column("流动", "流动党员")
    )
    mobile_from: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("流入来源", "来自")
    )
    mobile_to: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("流出去向", "现在何处")
    )
    transferred: bool = attrs.field(
        default=True, validator=v.instance_of(bool), metadata=column("组织关系已转入", "关系已转入")
    )
    dual_unit_id: str | None = attrs.field(
        default=None,
        converter=_optional_id,
        validator=v.optional(v.instance_of(str)),
        metadata=column("双重管理单位", "双重管理"),
    )
    skills: tuple[str, ...] = attrs.field(
        default=(),
        converter=id_tuple,
        validator=v.deep_iterable(v.instance_of(str)),
        metadata=column("特长", "技能"),
    )

    def __attrs_post_init__(self) -> None:
        if self.mobile_from.strip() and self.mobility is not Mobility.INFLOW:
            raise ValueError(
                f"'mobile_from' is for an inflow (流入) member; mobility is {self.mobility.value}"
            )
        if self.mobile_to.strip() and self.mobility is not Mobility.OUTFLOW:
            raise ValueError(
                f"'mobile_to' is for an outflow (流出) member; mobility is {self.mobility.value}"
            )
        if self.dual_unit_id is not None and self.dual_unit_id == self.unit_id:
            raise ValueError(f"'dual_unit_id' must differ from 'unit_id' ({self.unit_id!r})")

    @property
    def mobile(self) -> bool:
        """Whether the member is mobile 流动党员 (either direction)."""
        return self.mobility is not Mobility.NONE

    @property
    def away(self) -> bool:
        """Whether the member is away (流出) from their organisation.

        >>> Member(id="M", name="n", unit_id="V").away
        False
        """
        return self.mobility is Mobility.OUTFLOW
