"""Monthly play-and-view plans 每月播放收看计划 with their content ([monthly plans][plans]).

A room above the domain packages (it needs [`pmedu.supply`][pmedu.supply]'s circulation and
[`pmedu.viewing`][pmedu.viewing]'s sessions), beside [`pmedu.records`][pmedu.records]:

* [`pmedu.planning.policy`][pmedu.planning.policy] —
  [`PlanPolicy`][pmedu.planning.policy.PlanPolicy] (data, a shipped TOML preset);
* [`pmedu.planning.maker`][pmedu.planning.maker] — [`make_plan`][pmedu.planning.maker.make_plan]:
  each township's film sets on its circulation, each month's films by its stage theme;
* [`pmedu.planning.result`][pmedu.planning.result] —
  [`MonthlyPlan`][pmedu.planning.result.MonthlyPlan], the plan as rows and tables;
* [`pmedu.planning.held`][pmedu.planning.held] — plan against sessions held, and the check of a
  user's plan.
"""

from pmedu.planning.held import PlanHeld, check_plan, entry_held, plan_held
from pmedu.planning.maker import make_plan
from pmedu.planning.policy import PlanPolicy
from pmedu.planning.result import MonthlyPlan, Rotation

__all__ = [
    "MonthlyPlan",
    "PlanHeld",
    "PlanPolicy",
    "Rotation",
    "check_plan",
    "entry_held",
    "make_plan",
    "plan_held",
]
