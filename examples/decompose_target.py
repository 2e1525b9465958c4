"""Split a target down the tree (逐层分解): 1,000 county-level demonstration households
(科技示范户, seed 001) shared among the townships of a county in proportion to their villages.

The shares always add up exactly to the target; a street with no village gets 0 and is
listed as left out.
"""

from pmedu.apportion import apportion
from pmedu.datasets import sample_county
from pmedu.network.decompose import decompose_target

tree = sample_county()
split = decompose_target(tree, at=tree.root.id, total=1000, levels=[["乡镇", "街道"]], weight="村")
for unit_id, share in split.shares.items():
    print(f"{tree.unit(unit_id).name:<8} {share:>4}")
print("total", sum(split.shares.values()))
print("left out (no villages):", ", ".join(tree.unit(u).name for u in split.left_out) or "none")

# the same split with a divisor method, which never shows the Alabama paradox
print(apportion(10, [6, 6, 2], method="hamilton"), apportion(11, [6, 6, 2], method="hamilton"))
print(apportion(10, [6, 6, 2], method="webster"), apportion(11, [6, 6, 2], method="webster"))
