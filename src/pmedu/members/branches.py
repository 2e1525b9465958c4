"""Party organisations and members: 一社区一支部 and 不漏一个党员 (seed [004][seed-004];
DOMAIN §2, §11).

Party organisations (党委 / 党总支 / 党支部) are the units of the tree whose ``org_type`` is
set; they may sit under villages, communities, enterprises and agencies.
[`check_branches`][pmedu.members.branches.check_branches] reports

- every community with no party organisation of its own (一社区一支部): the community's
  own ``org_type`` is not set and no administrative unit directly under it has one (an
  enterprise's or a social organisation's branch under the community is theirs, not the
  community's);
- every member not in a branch: whose unit is not a party organisation, or is unknown to
  the tree;
- every unit whose members are counted (``members > 0``) but with nobody on the roster
  (不漏一个党员).

>>> from pmedu.model import Member, Unit
>>> from pmedu.network import OrgTree
>>> t = OrgTree.from_units([
...     Unit(id="S", name="街道", kind="街道", org_type="党委"),
...     Unit(id="C1", name="东社区", kind="社区", parent_id="S", members=1, org_type="党支部"),
...     Unit(id="C2", name="西社区", kind="社区", parent_id="S", members=2)])
>>> r = check_branches(t, [Member(id="m1", name="甲", unit_id="C1"),
...                        Member(id="m2", name="乙", unit_id="C2"),
...                        Member(id="m3", name="丙", unit_id="X9")])
>>> r.communities_without_branch, [(o.member_id, o.reason) for o in r.outside]
(('C2',), [('m2', 'not_party_organisation'), ('m3', 'unknown_unit')])
>>> r.missing_roster
()
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from pmedu.labels import UnitKind
from pmedu.model import Member
from pmedu.network import OrgTree

__all__ = ["BranchReport", "Outsider", "check_branches"]

#: why a member is not in a branch
REASONS = {
    "not_party_organisation": "所在单位不是党组织 the member's unit is not a party organisation",
    "unknown_unit": "所在单位不在组织体系中 the member's unit is not in the tree",
}


@attrs.frozen
class Outsider:
    """A member outside every branch: ``reason`` is ``"not_party_organisation"`` or
    ``"unknown_unit"``. ``name`` is personal data (shown only when asked).

    >>> Outsider("m1", "V9", "unknown_unit", name="甲").to_record()
    {'member': 'm1', 'unit': 'V9', 'reason': 'unknown_unit'}
    """

    member_id: str
    unit_id: str
    reason: str
    name: str = attrs.field(default="", repr=False)

    def to_record(self, *, with_names: bool = False) -> dict[str, Any]:
        """The member as a plain dict (the name only ``with_names``)."""
        out: dict[str, Any] = {"member": self.member_id}
        if with_names:
            out["name"] = self.name
        out.update(unit=self.unit_id, reason=self.reason)
        return out


@attrs.frozen
class BranchReport:
    """What [`check_branches`][pmedu.members.branches.check_branches] found.

    ``communities_without_branch``: community ids (tree order); ``outside``: the
    [`Outsider`][pmedu.members.branches.Outsider]s (roster order); ``missing_roster``:
    ``(unit id, members counted)`` for every unit counted but with nobody on the roster;
    ``communities`` and ``members``: how many were checked.

    >>> BranchReport().ok, BranchReport().to_records()
    (True, [])
    """

    communities_without_branch: tuple[str, ...] = ()
    outside: tuple[Outsider, ...] = ()
    missing_roster: tuple[tuple[str, int], ...] = ()
    communities: int = 0
    members: int = 0

    @property
    def ok(self) -> bool:
        """Every community has a branch, every member is in one, no unit is missed."""
        return not (self.communities_without_branch or self.outside or self.missing_roster)

    def summary(self) -> dict[str, int]:
        """The aggregate counts (no ids, no names).

        >>> BranchReport(communities=3, members=10).summary()["communities"]
        3
        """
        reasons = Counter(o.reason for o in self.outside)
        return {
            "communities": self.communities,
            "communities_without_branch": len(self.communities_without_branch),
            "members": self.members,
            "not_party_organisation": reasons["not_party_organisation"],
            "unknown_unit": reasons["unknown_unit"],
            "units_missing_roster": len(self.missing_roster),
        }

    def to_records(self, *, with_names: bool = False) -> list[dict[str, Any]]:
        """One dict per finding: ``check`` (``one_community_one_branch``,
        ``member_in_branch``, ``no_member_missed``), the unit, and the member (and their
        name only ``with_names``).

        >>> r = BranchReport(missing_roster=(("V1", 4),))
        >>> r.to_records()
        [{'check': 'no_member_missed', 'unit': 'V1', 'counted': 4}]
        """
        out: list[dict[str, Any]] = [
            {"check": "one_community_one_branch", "unit": c}
            for c in self.communities_without_branch
        ]
        out += [
            {"check": "member_in_branch", **o.to_record(with_names=with_names)}
            for o in self.outside
        ]
        out += [
            {"check": "no_member_missed", "unit": u, "counted": n} for u, n in self.missing_roster
        ]
        return out


def _communities_without_branch(tree: OrgTree) -> tuple[str, ...]:
    ids = tree.column("id")
    kinds = tree.column("kind")
    orgs = tree.column("org_type")
    parent = tree.parent_positions()
    has = [o is not None for o in orgs]
    for k in range(len(ids)):
        p = parent[k]
        if p >= 0 and has[k] and kinds[k].is_administrative and orgs[p] is None:
            has[p] = True  # a party organisation directly under the unit counts as its own
    return tuple(ids[k] for k in tree.kind_positions(UnitKind.COMMUNITY) if not has[k])


def check_branches(tree: OrgTree, members: Iterable[Member]) -> BranchReport:
    """一社区一支部, every member in a branch, 不漏一个党员 (see the module docstring).

    >>> from pmedu.model import Unit
    >>> from pmedu.network import OrgTree
    >>> t = OrgTree.from_units([Unit(id="V", name="石桥村", kind="村", members=3,
    ...                              org_type="党支部")])
    >>> check_branches(t, []).missing_roster
    (('V', 3),)
    """
    roster = list(members)
    orgs = tree.column("org_type")
    outside: list[Outsider] = []
    on_roster: Counter[str] = Counter()
    for m in roster:
        if m.unit_id not in tree:
            outside.append(Outsider(m.id, m.unit_id, "unknown_unit", name=m.name))
            continue
        on_roster[m.unit_id] += 1
        if orgs[tree.position(m.unit_id)] is None:
            outside.append(Outsider(m.id, m.unit_id, "not_party_organisation", name=m.name))
    counted = zip(tree.column("id"), tree.column("members"), strict=True)
    missing = tuple((u, n) for u, n in counted if n > 0 and not on_roster[u])
    return BranchReport(
        communities_without_branch=_communities_without_branch(tree),
        outside=tuple(outside),
        missing_roster=missing,
        communities=len(tree.kind_positions(UnitKind.COMMUNITY)),
        members=len(roster),
    )
