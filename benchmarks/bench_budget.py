"""Benchmark: supply under a budget (issue 18) on a 1,000-township province.

It builds a synthetic province (`pmedu.datasets.synth`) of about 1,000 townships, gives each
township a reproducible random holding (0 … its target), plans the supply once, then times in
the same run (best of ``--repeat``) the exact budget solver (``BudgetProblem.solve``, the
``served`` objective) next to its baseline, proportional apportionment
(``BudgetProblem.proportional``), and prints the villages each serves (and the greedy
choice's). Figures are printed, never asserted.

Run::

    python benchmarks/bench_budget.py                  # 1,000 townships, 100,000 yuan
    python benchmarks/bench_budget.py --budget 20000 --repeat 5
    python benchmarks/bench_budget.py --quick          # a smoke run at a tenth of the size
"""

from __future__ import annotations

import argparse
import random
from typing import Any

from timing import best_of as _best

from pmedu.datasets import synth
from pmedu.supply import BudgetProblem, SupplyPolicy, plan_budget, plan_supply

#: units asked of synth for a province of about 1,000 townships
UNITS = 18_430


def bench(units: int, budget: int, repeat: int) -> dict[str, Any]:
    """The solver's and proportional apportionment's time and villages served."""
    tree = synth.tree("province", units=units, seed=1)
    policy = SupplyPolicy.preset(name="default")
    plan0 = plan_supply(tree, policy=policy)
    rng = random.Random(7)
    holdings = {x.unit_id: rng.randint(0, x.target_sets) for x in plan0.level("township")}
    plan = plan_supply(tree, policy=policy, holdings=holdings)
    bp = plan_budget(plan, budget=0)
    p = BudgetProblem(
        ids=[x.unit_id for x in bp.lines],
        villages=[x.villages for x in bp.lines],
        target=[x.target_sets for x in bp.lines],
        held=[x.held for x in bp.lines],
        cost=[x.cost_per_set for x in bp.lines],
        villages_per_set=policy.villages_per_set,
    )
    t_solve, x_solve = _best(lambda: p.solve(budget=budget), repeat)
    t_prop, x_prop = _best(lambda: p.proportional(budget=budget), repeat)
    t_greedy, x_greedy = _best(lambda: p.greedy(budget=budget), repeat)
    t_plan, _ = _best(lambda: plan_budget(plan, budget=budget), repeat)
    return {
        "townships": len(p.ids),
        "shortfall": sum(p.shortfall),
        "served_before": p.served([0] * len(p.ids)),
        "solve": (t_solve, p.served(x_solve), p.cost_of(x_solve)),
        "proportional": (t_prop, p.served(x_prop), p.cost_of(x_prop)),
        "greedy": (t_greedy, p.served(x_greedy), p.cost_of(x_greedy)),
        "plan_budget": t_plan,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=int, default=100_000, help="yuan (default 100,000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a tenth of the size, one repeat")
    a = ap.parse_args()
    units, budget, repeat = UNITS, a.budget, a.repeat
    if a.quick:
        units, budget, repeat = UNITS // 10, a.budget // 10, 1
    r = bench(units, budget, repeat)
    print(
        f"province: {r['townships']:,} townships, shortfall {r['shortfall']:,} sets, "
        f"budget {budget:,} yuan; villages served before buying: {r['served_before']:,}"
    )
    print(f"{'choice':<28} {'time':>10} {'villages served':>16} {'cost':>10}")
    for name, key in [
        ("exact solver (served)", "solve"),
        ("proportional (baseline)", "proportional"),
        ("greedy", "greedy"),
    ]:
        t, served, cost = r[key]
        print(f"{name:<28} {t * 1e3:>8.1f}ms {served:>16,} {cost:>10,}")
    print(f"{'plan_budget (both, records)':<28} {r['plan_budget'] * 1e3:>8.1f}ms")


if __name__ == "__main__":
    main()
