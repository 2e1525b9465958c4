"""Plan the film supply (供片) for every county of a city at once.

One set of films for every three villages, the general materials subscribed at one set per
five villages, the county supplementing the rest (seed 001). The city is a generated one
(pmedu.datasets.synth), so the script runs anywhere; use pmedu.io.read_tree for your own table.
"""

from pmedu.datasets import synth
from pmedu.supply import SupplyPolicy, plan_supply

province = synth.tree("province", units=20_000, seed=3)
city = province.subtree(province.units("市")[0].id)

plan = plan_supply(city, SupplyPolicy.preset("seed001"))
print(f"{city.root.name}: {len(city.units('县'))} county-level units")
for line in plan.level("county"):
    print(
        f"{line.name:<8} villages {line.villages:>4}  target {line.target_sets:>3}  "
        f"subscribed {line.subscribed_sets:>3}  supplementary {line.supplementary_sets:>3}"
    )
total = plan.total
print(
    f"city total: target {total.target_sets}, subscribed {total.subscribed_sets}, "
    f"supplementary {total.supplementary_sets}"
)

# the same city counted per county instead of per township needs no more sets
by_county = plan_supply(city, SupplyPolicy(grouping="county"))
print(f"grouped by county: target {by_county.total.target_sets}")
