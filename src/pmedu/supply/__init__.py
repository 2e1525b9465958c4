"""Film supply planning (供片): policy, plan, apportionment, circulation ([film
supply][concept-supply], [splitting a target][howto-split-target]).

>>> from pmedu.supply import SupplyPolicy, apportion
>>> SupplyPolicy.presets()
['default', 'seed001']
>>> apportion(1000, {"A县": 31, "B县": 47, "C县": 22})
{'A县': 310, 'B县': 470, 'C县': 220}
"""

from pmedu.supply.apportionment import (
    METHODS,
    ApportionError,
    Decomposition,
    apportion,
    decompose_target,
)
from pmedu.supply.circulation import (
    CirculationError,
    CirculationPlan,
    circulation_plan,
    plan_days,
)
from pmedu.supply.holdings import holdings_from_rows, read_holdings
from pmedu.supply.plan import HEADERS_ZH, SupplyLine, SupplyPlan, plan_supply
from pmedu.supply.policy import Grouping, Rounding, SupplyPolicy

__all__ = [
    "HEADERS_ZH",
    "METHODS",
    "ApportionError",
    "CirculationError",
    "CirculationPlan",
    "Decomposition",
    "Grouping",
    "Rounding",
    "SupplyLine",
    "SupplyPlan",
    "SupplyPolicy",
    "apportion",
    "circulation_plan",
    "decompose_target",
    "holdings_from_rows",
    "plan_days",
    "plan_supply",
    "read_holdings",
]
