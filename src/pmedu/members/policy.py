"""The members' policy: the parameters of the member checks (seed [004][seed-004]; DOMAIN §11).

>>> MemberPolicy().min_team_size, MemberPolicy().away_expected
(3, False)
>>> MemberPolicy(min_team_size=0)
Traceback (most recent call last):
...
ValueError: 'min_team_size' must be >= 1: 0
"""

from __future__ import annotations

import attrs
from attrs import validators as v

__all__ = ["MemberPolicy"]


@attrs.frozen(kw_only=True)
class MemberPolicy:
    """How members are counted where the seeds leave a number open.

    Parameters
    ----------
    min_team_size
        Members a volunteer team 党员志愿者服务队 needs, per community and skill (seed 004:
        法律咨询, 家电维修, 保健医疗 …); default 3.
    away_expected
        Whether an away (流出) member is expected at a station's sessions (DOMAIN §11: by
        default not — they work elsewhere).

    >>> MemberPolicy(min_team_size=5).min_team_size
    5
    """

    min_team_size: int = attrs.field(default=3, validator=[v.instance_of(int), v.ge(1)])
    away_expected: bool = attrs.field(default=False, validator=v.instance_of(bool))
