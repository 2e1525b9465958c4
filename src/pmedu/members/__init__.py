"""Party members 党员: branches, volunteer teams, reconciliation and who is expected
([DOMAIN §2, §11][concept-members]; seeds [000][seed-000], [003][seed-003], [004][seed-004]).

A domain room beside [`pmedu.stations`][pmedu.stations], [`pmedu.viewing`][pmedu.viewing] and
[`pmedu.supply`][pmedu.supply], independent of them; it reads the roster
([`Member`][pmedu.model.member.Member]) and the tree. Results are frozen classes with
``to_records()``; names (personal data) appear only when asked (``with_names=True``).

>>> from pmedu.members import MemberPolicy, reconcile
>>> from pmedu.model import Member, Unit
>>> from pmedu.network import OrgTree
>>> t = OrgTree.from_units([Unit(id="V", name="石桥村", kind="村", members=1, org_type="党支部")])
>>> reconcile(t, [Member(id="m1", name="甲", unit_id="V")]).ok
True
"""

from pmedu.members.branches import BranchReport, Outsider, check_branches
from pmedu.members.expected import expected_by_station, expected_members, members_at
from pmedu.members.policy import MemberPolicy
from pmedu.members.reconcile import Difference, Reconciliation, reconcile, roster_counts
from pmedu.members.teams import Team, VolunteerTeams, community_positions, volunteer_teams

__all__ = [
    "BranchReport",
    "Difference",
    "MemberPolicy",
    "Outsider",
    "Reconciliation",
    "Team",
    "VolunteerTeams",
    "check_branches",
    "community_positions",
    "expected_by_station",
    "expected_members",
    "members_at",
    "reconcile",
    "roster_counts",
    "volunteer_teams",
]
