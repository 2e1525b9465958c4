"""Film supply planning (供片): policy, plan, apportionment, circulation ([film
supply][concept-supply], [splitting a target][howto-split-target]).

>>> from pmedu.supply import SupplyPolicy
>>> from pmedu.apportion import apportion
>>> SupplyPolicy.presets()
['default', 'seed001']
>>> apportion(1000, {"A县": 31, "B县": 47, "C县": 22})
{'A县': 310, 'B县': 470, 'C县': 220}
"""

from pmedu.compat import moved
from pmedu.supply.budget import (
    BudgetChoice,
    BudgetLine,
    BudgetPlan,
    BudgetProblem,
    Objective,
    plan_budget,
)
from pmedu.supply.circulation import (
    CirculationError,
    CirculationPlan,
    circulation_plan,
    monthly_plan_days,
)
from pmedu.supply.holdings import holdings_from_rows
from pmedu.supply.plan import HEADERS_ZH, SupplyLine, SupplyPlan, plan_supply
from pmedu.supply.policy import Grouping, Rounding, SetSource, SupplyPolicy

__all__ = [
    "HEADERS_ZH",
    "BudgetChoice",
    "BudgetLine",
    "BudgetPlan",
    "BudgetProblem",
    "CirculationError",
    "CirculationPlan",
    "Grouping",
    "Objective",
    "Rounding",
    "SetSource",
    "SupplyLine",
    "SupplyPlan",
    "SupplyPolicy",
    "circulation_plan",
    "holdings_from_rows",
    "monthly_plan_days",
    "plan_budget",
    "plan_supply",
]

__getattr__ = moved(
    __name__,
    {
        "METHODS": "pmedu.apportion",
        "ApportionError": "pmedu.errors",
        "Decomposition": "pmedu.network.decompose",
        # the old positional forms, kept in pmedu.supply.apportionment until 0.3
        "apportion": "pmedu.supply.apportionment",
        "decompose_target": "pmedu.supply.apportionment",
        "read_holdings": "pmedu.io.holdings",
        # the old day grammar ("FR(1)") and day by position
        "plan_days": "pmedu.supply.circulation",
    },
)
