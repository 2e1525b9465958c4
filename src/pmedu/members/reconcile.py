"""Reconciliation 核对: each unit's counted party members against its roster (DOMAIN §2, §11;
seeds [000][seed-000], [004][seed-004]).

The unit table counts, per unit, ``members`` (党员数), ``mobile`` (流动党员, either
direction), ``retired`` (离退休党员) and ``not_transferred`` (组织关系未转入); the roster
lists the members themselves. [`reconcile`][pmedu.members.reconcile.reconcile] lists every
difference: the unit, the field, the count in the table and the count on the roster. A
count left blank in the table (``None``) is not compared. Members whose unit is not in the
tree count for no unit (the [branch check][pmedu.members.branches.check_branches] lists
them).

>>> from pmedu.model import Member, Unit
>>> from pmedu.network import OrgTree
>>> t = OrgTree.from_units([Unit(id="C", name="城东社区", kind="社区", members=2, retired=1)])
>>> r = reconcile(t, [Member(id="m1", name="甲", unit_id="C", status="退休")])
>>> r.ok, [(d.unit_id, d.field, d.counted, d.on_roster) for d in r.differences]
(False, [('C', 'members', 2, 1)])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from pmedu.model import Member, MemberStatus
from pmedu.model.unit import COUNT_FIELDS
from pmedu.network import OrgTree

__all__ = ["Difference", "Reconciliation", "reconcile", "roster_counts"]


@attrs.frozen
class Difference:
    """One count that disagrees: ``counted`` in the unit table, ``on_roster`` on the roster.

    >>> Difference("V1", "mobile", 3, 2).gap
    1
    """

    unit_id: str
    field: str
    counted: int
    on_roster: int

    @property
    def gap(self) -> int:
        """``counted − on_roster`` (positive: members missing from the roster)."""
        return self.counted - self.on_roster


@attrs.frozen
class Reconciliation:
    """Every [`Difference`][pmedu.members.reconcile.Difference], in tree order then field order;
    ``units`` compared, ``members`` on the roster, ``outside`` of them whose unit is not in
    the tree.

    >>> Reconciliation(units=1, members=0).to_records()
    []
    """

    differences: tuple[Difference, ...] = ()
    units: int = 0
    members: int = 0
    outside: int = 0

    @property
    def ok(self) -> bool:
        """No difference."""
        return not self.differences

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per difference (no names: counts only).

        >>> Reconciliation((Difference("V", "members", 3, 2),)).to_records()
        [{'unit': 'V', 'field': 'members', 'counted': 3, 'on_roster': 2}]
        """
        return [
            {"unit": d.unit_id, "field": d.field, "counted": d.counted, "on_roster": d.on_roster}
            for d in self.differences
        ]


def roster_counts(members: Iterable[Member]) -> dict[str, Counter[str]]:
    """Field → unit id → members on the roster counted in that field (``members``,
    ``mobile``, ``retired``, ``not_transferred``), one pass.

    >>> from pmedu.model import Member
    >>> c = roster_counts([Member(id="a", name="x", unit_id="V", transferred=False)])
    >>> c["members"]["V"], c["not_transferred"]["V"], c["mobile"]["V"]
    (1, 1, 0)
    """
    out: dict[str, Counter[str]] = {f: Counter() for f in COUNT_FIELDS}
    for m in members:
        out["members"][m.unit_id] += 1
        if m.mobile:
            out["mobile"][m.unit_id] += 1
        if m.status is MemberStatus.RETIRED:
            out["retired"][m.unit_id] += 1
        if not m.transferred:
            out["not_transferred"][m.unit_id] += 1
    return out


def reconcile(tree: OrgTree, members: Iterable[Member]) -> Reconciliation:
    """Each unit's ``members``, ``mobile``, ``retired`` and ``not_transferred`` against the
    roster; every difference listed (see the module docstring).

    >>> from pmedu.model import Member, Unit
    >>> from pmedu.network import OrgTree
    >>> t = OrgTree.from_units([Unit(id="V", name="石桥村", kind="村", members=1, mobile=1)])
    >>> reconcile(t, [Member(id="a", name="x", unit_id="V", mobility="流入")]).ok
    True
    """
    roster = list(members)
    counts = roster_counts(roster)
    ids = tree.column("id")
    diffs: list[Difference] = []
    columns = {f: tree.column(f) for f in COUNT_FIELDS}
    for k, uid in enumerate(ids):
        for f in COUNT_FIELDS:
            counted = columns[f][k]
            if counted is None:
                continue
            on = counts[f].get(uid, 0)
            if on != counted:
                diffs.append(Difference(uid, f, counted, on))
    outside = sum(1 for m in roster if m.unit_id not in tree)
    return Reconciliation(tuple(diffs), units=len(ids), members=len(roster), outside=outside)
