"""Enumerations that accept English names and Chinese labels on input.

[`LabelledEnum`][pmedu.labels.LabelledEnum] is the base for every vocabulary in pmedu (unit kinds,
organisation types, film categories …). Members carry an English value, a Chinese label and any
number of aliases; [`LabelledEnum.parse`][pmedu.labels.LabelledEnum.parse] accepts all of them,
ignoring case, surrounding spaces and the ``-``/space/``_`` difference, and rejects anything else
with a message that lists what it accepts.

>>> UnitKind.parse("行政村")
<UnitKind.VILLAGE: 'village'>
>>> UnitKind.parse(" Non-Public Enterprise ")
<UnitKind.NON_PUBLIC_ENTERPRISE: 'non_public_enterprise'>
>>> OrgType.parse("党总支").label
'党总支'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, Self

from pmedu.errors import LabelError

__all__ = ["Hierarchy", "LabelledEnum", "OrgType", "UnitKind", "parse_kinds"]

_SEP = re.compile(r"[\s\-_]+")


def _norm(text: str) -> str:
    return _SEP.sub("_", text.strip().lower()).strip("_")


class LabelledEnum(enum.Enum):
    """An enum whose members have a Chinese ``label`` and input ``aliases``.

    Subclasses define members as ``NAME = ("value", "中文", ("alias", ...))``.

    >>> class Colour(LabelledEnum):
    ...     RED = ("red", "红色", ("红",))
    ...     BLUE = ("blue", "蓝色")
    >>> Colour.parse("红"), Colour.parse(" RED ").label, str(Colour.BLUE)
    (<Colour.RED: 'red'>, '红色', 'blue')
    >>> Colour.accepted()
    ['red', 'blue', '红色', '红', '蓝色']
    >>> Colour.parse("green")
    Traceback (most recent call last):
    ...
    pmedu.errors.LabelError: unknown Colour 'green'; accepted: red, blue, 红色, 红, 蓝色
    """

    _label: str
    _aliases: tuple[str, ...]

    def __new__(cls, value: str, label: str, aliases: tuple[str, ...] = ()) -> Self:
        obj = object.__new__(cls)
        obj._value_ = value
        obj._label = label
        obj._aliases = aliases
        return obj

    @property
    def label(self) -> str:
        """The Chinese label, e.g. ``'行政村'``."""
        return self._label

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other input spellings accepted for this member."""
        return self._aliases

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def noun(cls) -> str:
        """What a member is called in messages (``'unit kind'``)."""
        return cls.__name__

    @classmethod
    def _table(cls) -> dict[str, Any]:
        table: dict[str, Any] | None = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for member in cls:
                for key in (member.value, member.name, member.label, *member.aliases):
                    table[_norm(key)] = member
            type.__setattr__(cls, "_lookup_table", table)
        return table

    @classmethod
    def accepted(cls) -> list[str]:
        """Every accepted spelling, English values first, then labels and aliases."""
        out = [str(m.value) for m in cls]
        for m in cls:
            out.append(m.label)
            out.extend(a for a in m.aliases if not a.isascii())
        return list(dict.fromkeys(out))

    @classmethod
    def parse(cls, value: Any) -> Self:
        """The member for ``value``: a member, its value, name, Chinese label or an alias.

        Raises [`pmedu.errors.LabelError`][pmedu.errors.LabelError] (a ``ValueError``) naming the
        accepted labels.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            table = cls._table()
            # most cells are written as the table holds them ("流出", "inflow"): no _norm
            found = table.get(value)
            if found is None:
                found = table.get(_norm(value))
            if found is not None:
                return found  # type: ignore[no-any-return]
        raise LabelError(f"unknown {cls.noun()} {value!r}; accepted: {', '.join(cls.accepted())}")


class UnitKind(LabelledEnum):
    """The kind of a unit in the organisation tree ([the organisation tree][concept-tree]).

    Administrative levels run nation → province → city → county → township/street →
    village/community; enterprises, social organisations, agencies and institutions hang
    beside them. ``level`` is the administrative level (0 for the nation) or ``None`` for
    the organisation kinds that can sit at any level.

    >>> UnitKind.parse("县级市") is UnitKind.COUNTY
    True
    >>> UnitKind.parse("街道办事处").label
    '街道'
    >>> UnitKind.VILLAGE.level, UnitKind.ENTERPRISE.level
    (5, None)

    The township-level units of the national division table that are neither 乡/镇 nor
    街道 — state farms 农场/国营农场, forest farms 林场, development zones and parks with their
    management committees 开发区/经济开发区/园区/管委会 — are ``township`` (level 4); the
    county-level zones are ``county`` (level 3), written 县级开发区 or 新区. A bare 开发区 is
    township-level: the label alone cannot tell the two levels apart, so a county-level zone
    must say so (县级开发区, 新区, or the kind ``county``).

    >>> UnitKind.parse("国营农场"), UnitKind.parse("开发区"), UnitKind.parse("林场").level
    (<UnitKind.TOWNSHIP: 'township'>, <UnitKind.TOWNSHIP: 'township'>, 4)
    >>> UnitKind.parse("新区"), UnitKind.parse("县级开发区")
    (<UnitKind.COUNTY: 'county'>, <UnitKind.COUNTY: 'county'>)
    """

    @classmethod
    def noun(cls) -> str:
        return "unit kind"

    NATION = ("nation", "全国", ("国家", "中央", "country", "national"))
    PROVINCE = (
        "province",
        "省",
        ("省份", "自治区", "直辖市", "省级", "autonomous_region", "municipality"),
    )
    CITY = (
        "city",
        "市",
        ("地级市", "自治州", "地区", "盟", "地市", "市级", "prefecture", "prefecture_city"),
    )
    COUNTY = (
        "county",
        "县",
        (
            "区",
            "县级市",
            "市辖区",
            "自治县",
            "旗",
            "自治旗",
            "林区",
            "特区",
            "县区",
            "县（市、区）",
            "县市区",
            # county-level zones (DOMAIN §9): 开发区 alone is township-level, see below
            "县级开发区",
            "县级经济开发区",
            "新区",
            "县级新区",
            "county_zone",
            "district",
            "county_city",
            "county_level_city",
        ),
    )
    TOWNSHIP = (
        "township",
        "乡镇",
        (
            "乡",
            "镇",
            "民族乡",
            "苏木",
            "town",
            # township-level units of the national division table that are neither 乡/镇
            # nor 街道 (DOMAIN §9): a documented mapping, they are townships in every rule
            "农场",
            "国营农场",
            "国有农场",
            "林场",
            "国有林场",
            "开发区",
            "经济开发区",
            "乡级开发区",
            "园区",
            "工业园区",
            "管委会",
            "管理委员会",
            "state_farm",
            "forest_farm",
            "dev_zone",
            "development_zone",
            "park",
        ),
    )
    STREET = ("street", "街道", ("街道办事处", "街道办", "subdistrict"))
    VILLAGE = (
        "village",
        "行政村",
        ("村", "村委会", "村民委员会", "嘎查", "administrative_village"),
    )
    COMMUNITY = ("community", "社区", ("居委会", "居民委员会", "社区居委会"))
    ENTERPRISE = ("enterprise", "企业", ("国有企业", "国企", "state_owned_enterprise"))
    NON_PUBLIC_ENTERPRISE = (
        "non_public_enterprise",
        "非公有制企业",
        ("非公企业", "私营企业", "民营企业", "non_public", "private_enterprise"),
    )
    SOCIAL_ORGANIZATION = (
        "social_organization",
        "社会组织",
        ("新社会组织", "新社团组织", "社团", "social_organisation", "ngo"),
    )
    AGENCY = ("agency", "机关", ("党政机关", "机关单位", "government_agency"))
    INSTITUTION = ("institution", "事业单位", ("public_institution",))
    # working committees exist only in the party-affiliation tree (DOMAIN §10, seeds 002/004):
    # 工委 (县直机关工委, 非公企业工委, 教育工委 …) and 党工委 (开发区党工委, 园区党工委 …)
    WORKING_COMMITTEE = (
        "working_committee",
        "工委",
        ("工作委员会", "机关工委", "直属机关工委", "县直机关工委", "非公企业工委", "教育工委"),
    )
    PARTY_WORKING_COMMITTEE = (
        "party_working_committee",
        "党工委",
        ("党的工作委员会", "开发区党工委", "园区党工委", "party_working_committee"),
    )

    @property
    def level(self) -> int | None:
        """Administrative level: nation 0 … village/community 5; ``None`` for organisations."""
        return _LEVELS.get(self)

    @property
    def is_administrative(self) -> bool:
        """True for the administrative kinds (nation … village/community)."""
        return self in _LEVELS


_LEVELS: dict[UnitKind, int] = {
    UnitKind.NATION: 0,
    UnitKind.PROVINCE: 1,
    UnitKind.CITY: 2,
    UnitKind.COUNTY: 3,
    UnitKind.TOWNSHIP: 4,
    UnitKind.STREET: 4,
    UnitKind.VILLAGE: 5,
    UnitKind.COMMUNITY: 5,
}


class OrgType(LabelledEnum):
    """The form of a unit's party organisation: committee, general branch or branch.

    >>> OrgType.parse("branch").label
    '党支部'
    """

    @classmethod
    def noun(cls) -> str:
        return "party organisation type"

    COMMITTEE = ("committee", "党委", ("党委会", "基层党委", "party_committee"))
    GENERAL_BRANCH = ("general_branch", "党总支", ("总支", "党总支部", "general_party_branch"))
    BRANCH = ("branch", "党支部", ("支部", "party_branch"))


def parse_kinds(kinds: Any) -> frozenset[UnitKind]:
    """One kind or several (labels accepted) as a frozenset of [`UnitKind`][pmedu.labels.UnitKind].

    >>> sorted(k.value for k in parse_kinds(["村", "社区"]))
    ['community', 'village']
    >>> parse_kinds("镇") == frozenset({UnitKind.TOWNSHIP})
    True
    """
    if isinstance(kinds, str | UnitKind):
        return frozenset({UnitKind.parse(kinds)})
    if isinstance(kinds, Iterable):
        return frozenset(UnitKind.parse(k) for k in kinds)
    return frozenset({UnitKind.parse(kinds)})


class Hierarchy(LabelledEnum):
    """Which of a unit's two parents a tree runs along ([affiliation][concept-affiliation]):
    the administrative place (``parent_id``, 上级编号, the default) or the party-organisation
    affiliation (``affiliation_id``, 隶属党组织编号; seed 002: 按照党组织隶属关系).

    >>> Hierarchy.parse("党组织隶属"), Hierarchy.parse("行政").value
    (<Hierarchy.AFFILIATION: 'affiliation'>, 'administrative')
    """

    @classmethod
    def noun(cls) -> str:
        return "hierarchy"

    ADMINISTRATIVE = ("administrative", "行政隶属", ("行政", "行政区划", "admin", "main"))
    AFFILIATION = (
        "affiliation",
        "党组织隶属",
        ("隶属", "隶属关系", "党组织隶属关系", "党的隶属关系", "party affiliation"),
    )
