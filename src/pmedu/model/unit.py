"""The unit of the organisation tree.

A [`Unit`][pmedu.model.unit.Unit] is one node of the tree: an administrative unit (province …
village, community) or a grassroots organisation (enterprise, social organisation, agency …) with
its party-member counts ([the organisation tree][concept-tree]).

>>> u = Unit(id="V001", name="石桥村", kind="村", parent_id="T01", members=42)
>>> u.kind, u.kind.label
(<UnitKind.VILLAGE: 'village'>, '行政村')
>>> Unit(id="V002", name="x", kind="village", members=-1)
Traceback (most recent call last):
...
ValueError: 'members' must be >= 0: -1
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import validators as v

from pmedu.labels import OrgType, UnitKind
from pmedu.validators import clean_id, clean_name
from pmedu.validators import count as _count
from pmedu.validators import optional_count as _opt_count

__all__ = ["COUNT_FIELDS", "Unit"]


def _opt_org_type(value: Any) -> OrgType | None:
    if value is None or value == "":
        return None
    return OrgType.parse(value)


def _opt_parent(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean_id(value)


def _kind(value: Any) -> UnitKind:
    return UnitKind.parse(value)


@attrs.frozen
class Unit:
    """A unit of the organisation tree.

    Parameters
    ----------
    id
        The unit's code, unique in the tree (编号): NFKC-normalised and stripped (a full-width
        ``Ｔ０１`` is ``T01``; see [`clean_id`][pmedu.validators.clean_id]); control characters,
        lone surrogates and byte-order marks are refused.
    name
        The unit's name (名称), NFC-normalised and stripped
        ([`clean_name`][pmedu.validators.clean_name]).
    kind
        A [`UnitKind`][pmedu.labels.UnitKind] or any label it parses (``"村"``, ``"社区"``,
        ``"county"`` …).
    parent_id
        The parent's id (上级编号); ``None`` (or blank) for the root.
    members
        Party members directly in this unit (党员数), not counting the units below it.
    org_type
        The form of its party organisation: 党委 / 党总支 / 党支部 (optional).
    mobile, retired, not_transferred
        Optional breakdown of ``members``: mobile members 流动党员, retired members
        离退休党员, members whose organisational relationship is not transferred
        组织关系未转入. Each is at most ``members``.
    has_station
        Whether the unit has a viewing station 播放网点 (the simple flag a unit table
        carries; [`pmedu.stations`][pmedu.stations] keeps the full station records).
    affiliation_id
        The party organisation this unit's organisation is affiliated to (隶属党组织编号), when
        it is not the administrative parent: the second tree
        ([affiliation][concept-affiliation], seed 002 按照党组织隶属关系). ``None`` (blank): the
        unit is affiliated to its ``parent_id``. A working committee 工委 / 党工委 has no
        ``parent_id`` and names its affiliation here; it exists only in the affiliation tree
        ([`OrgTree.along`][pmedu.network.tree.OrgTree.along]).

    >>> Unit(id="Ｃ１", name="城东社区", kind="社区").id
    'C1'
    >>> e = Unit(id="E1", name="县电力公司", kind="企业", parent_id="C", affiliation_id="GW1")
    >>> e.affiliation_id
    'GW1'
    >>> Unit(id="C1", name="城东社区", kind="社区", members=30, retired=40)
    Traceback (most recent call last):
    ...
    ValueError: 'retired' (40) must not exceed 'members' (30)
    """

    id: str = attrs.field(converter=clean_id)
    name: str = attrs.field(converter=clean_name)
    kind: UnitKind = attrs.field(converter=_kind)
    parent_id: str | None = attrs.field(default=None, converter=_opt_parent)
    members: int = attrs.field(default=0, validator=_count)
    org_type: OrgType | None = attrs.field(default=None, converter=_opt_org_type)
    mobile: int | None = attrs.field(default=None, validator=_opt_count)
    retired: int | None = attrs.field(default=None, validator=_opt_count)
    not_transferred: int | None = attrs.field(default=None, validator=_opt_count)
    has_station: bool = attrs.field(default=False, validator=v.instance_of(bool))
    affiliation_id: str | None = attrs.field(default=None, converter=_opt_parent)

    def __attrs_post_init__(self) -> None:
        for name in COUNT_FIELDS[1:]:
            part = getattr(self, name)
            if part is not None and part > self.members:
                raise ValueError(f"'{name}' ({part}) must not exceed 'members' ({self.members})")


#: the numeric fields of [`Unit`][pmedu.model.unit.Unit], usable by name in
#: [`OrgTree.rollup`][OrgTree.rollup]
COUNT_FIELDS: tuple[str, ...] = ("members", "mobile", "retired", "not_transferred")
