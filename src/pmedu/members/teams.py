"""Volunteer teams 党员志愿者服务队 per community (seed [004][seed-004]: "根据每个党员的技术特长，
对社区党员进行分类分组，成立党员志愿者服务队 … 开展法律咨询、家电维修、保健医疗等").

A community's members are those of the community and of the units under it, plus the
dual-managed members (双重管理) active there; away (流出) members are not there to serve.
They are grouped by skill; a team needs at least
[`MemberPolicy.min_team_size`][pmedu.members.policy.MemberPolicy] members (default 3).

>>> from pmedu.model import Member, Unit
>>> from pmedu.network import OrgTree
>>> t = OrgTree.from_units([Unit(id="K", name="城关街道", kind="街道"),
...                         Unit(id="C", name="城东社区", kind="社区", parent_id="K"),
...                         Unit(id="A", name="县司法局", kind="机关", parent_id="K")])
>>> roster = [Member(id="m1", name="甲", unit_id="C", skills=["法律咨询"]),
...           Member(id="m2", name="乙", unit_id="C", skills=["法律咨询", "家电维修"]),
...           Member(id="m3", name="丙", unit_id="A", dual_unit_id="C", skills=["法律咨询"])]
>>> teams = volunteer_teams(t, roster)
>>> [(x.community_id, x.skill, x.size, x.formed) for x in teams.teams]
[('C', '家电维修', 1, False), ('C', '法律咨询', 3, True)]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pmedu.labels import UnitKind
from pmedu.members.policy import MemberPolicy
from pmedu.model import Member
from pmedu.network import OrgTree

__all__ = ["Team", "VolunteerTeams", "community_positions", "volunteer_teams"]


@attrs.frozen
class Team:
    """The members of one community with one skill; ``formed`` when there are at least
    ``min_team_size`` of them. ``names`` (personal data) are shown only when asked.

    >>> Team("C", "家电维修", ("m1", "m2", "m3"), formed=True).size
    3
    """

    community_id: str
    skill: str
    member_ids: tuple[str, ...]
    formed: bool
    names: tuple[str, ...] = attrs.field(default=(), repr=False)

    @property
    def size(self) -> int:
        """Members with the skill."""
        return len(self.member_ids)

    def to_record(self, *, with_names: bool = False) -> dict[str, Any]:
        """The team as a plain dict: counts by default; ids and names only ``with_names``.

        >>> Team("C", "法律咨询", ("m1",), formed=False, names=("甲",)).to_record()
        {'community': 'C', 'skill': '法律咨询', 'members': 1, 'formed': False}
        """
        out: dict[str, Any] = {
            "community": self.community_id,
            "skill": self.skill,
            "members": self.size,
            "formed": self.formed,
        }
        if with_names:
            out["member_ids"] = list(self.member_ids)
            out["names"] = list(self.names)
        return out


@attrs.frozen
class VolunteerTeams:
    """Every community's skill groups ([`Team`][pmedu.members.teams.Team]), communities in tree
    order, skills sorted; ``communities`` how many communities there are; ``min_team_size``
    the size a team needed.

    >>> VolunteerTeams(communities=2).formed
    ()
    """

    teams: tuple[Team, ...] = ()
    communities: int = 0
    min_team_size: int = 3

    @property
    def formed(self) -> tuple[Team, ...]:
        """The groups big enough to be a team."""
        return tuple(t for t in self.teams if t.formed)

    def communities_with_team(self) -> int:
        """Communities with at least one team.

        >>> VolunteerTeams((Team("C", "x", ("a",), formed=True),)).communities_with_team()
        1
        """
        return len({t.community_id for t in self.formed})

    def to_records(self, *, with_names: bool = False) -> list[dict[str, Any]]:
        """One dict per skill group (see [`Team.to_record`][pmedu.members.teams.Team.to_record])."""
        return [t.to_record(with_names=with_names) for t in self.teams]


def community_positions(tree: OrgTree) -> list[int]:
    """For every unit in pre-order, the position of the community it lies in (itself if it
    is one), or ``-1``: one pass over the parent array.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="S", name="s", kind="街道"),
    ...                         Unit(id="C", name="c", kind="社区", parent_id="S"),
    ...                         Unit(id="E", name="e", kind="非公有制企业", parent_id="C")])
    >>> community_positions(t)
    [-1, 1, 1]
    """
    parent = tree.parent_positions()
    kinds = tree.column("kind")
    out = [-1] * len(parent)
    for k, p in enumerate(parent):
        out[k] = k if kinds[k] is UnitKind.COMMUNITY else (out[p] if p >= 0 else -1)
    return out


def volunteer_teams(
    tree: OrgTree, members: Iterable[Member], *, policy: MemberPolicy | None = None
) -> VolunteerTeams:
    """The volunteer teams of every community (see the module docstring).

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="c", kind="社区")])
    >>> volunteer_teams(t, []).communities
    1
    """
    pol = policy or MemberPolicy()
    comm = community_positions(tree)
    ids = tree.column("id")
    groups: dict[tuple[int, str], dict[str, str]] = {}
    for m in members:
        if m.away or not m.skills:
            continue
        where = {
            comm[tree.position(u)]
            for u in (m.unit_id, m.dual_unit_id)
            if u is not None and u in tree
        }
        for c in where - {-1}:
            for skill in m.skills:
                groups.setdefault((c, skill), {})[m.id] = m.name
    teams = []
    for (c, skill), who in sorted(groups.items()):
        order = sorted(who)
        teams.append(
            Team(
                ids[c],
                skill,
                tuple(order),
                formed=len(order) >= pol.min_team_size,
                names=tuple(who[i] for i in order),
            )
        )
    return VolunteerTeams(
        tuple(teams),
        communities=len(tree.kind_positions(UnitKind.COMMUNITY)),
        min_team_size=pol.min_team_size,
    )
