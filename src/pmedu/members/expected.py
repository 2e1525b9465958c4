"""Who is expected at a station's sessions, from the roster (DOMAIN §11; seeds
[003][seed-003], [004][seed-004]).

A station's sessions expect the members of the station's unit and the dual-managed members
(双重管理) active there; an away (流出) member is expected only if
[`MemberPolicy.away_expected`][pmedu.members.policy.MemberPolicy] says so (default: not).

>>> from pmedu.model import Member, Station
>>> roster = [Member(id="m1", name="甲", unit_id="V1"),
...           Member(id="m2", name="乙", unit_id="V1", mobility="流出", mobile_to="深圳"),
...           Member(id="m3", name="丙", unit_id="A1", dual_unit_id="V1")]
>>> expected_members("V1", roster)
('m1', 'm3')
>>> expected_by_station([Station(id="S1", unit_id="V1")], roster,
...                     policy=MemberPolicy(away_expected=True))
{'S1': ('m1', 'm2', 'm3')}
"""

from __future__ import annotations

from collections.abc import Iterable

from pmedu.members.policy import MemberPolicy
from pmedu.model import Member, Station

__all__ = ["expected_by_station", "expected_members", "members_at"]


def members_at(
    members: Iterable[Member], *, policy: MemberPolicy | None = None
) -> dict[str, tuple[str, ...]]:
    """Unit id → the ids of the members expected at that unit's sessions (its own members
    and the dual-managed members active there; away members only if the policy says so),
    sorted; one pass over the roster.

    >>> from pmedu.model import Member
    >>> members_at([Member(id="b", name="x", unit_id="V"), Member(id="a", name="y", unit_id="V")])
    {'V': ('a', 'b')}
    """
    pol = policy or MemberPolicy()
    at: dict[str, set[str]] = {}
    for m in members:
        if m.away and not pol.away_expected:
            continue
        at.setdefault(m.unit_id, set()).add(m.id)
        if m.dual_unit_id is not None:
            at.setdefault(m.dual_unit_id, set()).add(m.id)
    return {u: tuple(sorted(ids)) for u, ids in at.items()}


def expected_members(
    unit_id: str, members: Iterable[Member], *, policy: MemberPolicy | None = None
) -> tuple[str, ...]:
    """The ids of the members expected at the sessions of a station at ``unit_id``, sorted.

    >>> from pmedu.model import Member
    >>> expected_members("V", [Member(id="a", name="x", unit_id="W")])
    ()
    """
    return members_at(members, policy=policy).get(unit_id, ())


def expected_by_station(
    stations: Iterable[Station], members: Iterable[Member], *, policy: MemberPolicy | None = None
) -> dict[str, tuple[str, ...]]:
    """Station id → the ids of the members expected at its sessions (see
    [`expected_members`][pmedu.members.expected.expected_members]).

    >>> from pmedu.model import Station
    >>> expected_by_station([Station(id="S", unit_id="V")], [])
    {'S': ()}
    """
    at = members_at(members, policy=policy)
    return {s.id: at.get(s.unit_id, ()) for s in stations}
