"""Benchmark: ``plan_supply`` on a province-shaped and a nation-shaped synthetic tree.

For each shape it builds the tree once (`pmedu.datasets.synth`), then times, in the same run,
one ``tree.rollup("members")`` and one ``plan_supply(tree)`` (best of ``--repeat``), with
the peak memory each allocates (``tracemalloc``), and the time to materialise every line.
The target (issue 3): ``plan_supply`` within 3× of one roll-up.

Run::

    python benchmarks/bench_supply.py                 # province (~50k villages) and nation
    python benchmarks/bench_supply.py --shapes province --repeat 5
    python benchmarks/bench_supply.py --quick         # a smoke run at a tenth of the size
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from timing import best_of as _best

from pmedu.datasets import synth
from pmedu.network import OrgTree
from pmedu.supply import SupplyPolicy, plan_supply

#: units asked of pmedu.datasets.synth so the trees hold about 50k and 490k villages
SIZES = {"province": 65_000, "nation": 640_000}


def _peak(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench(shape: str, units: int, repeat: int) -> dict[str, Any]:
    """Time and peak memory of one roll-up and one supply plan on a synthetic tree."""
    t0 = time.perf_counter()
    tree: OrgTree = synth.tree(shape, units=units, seed=1)  # type: ignore[arg-type]
    build = time.perf_counter() - t0
    policy = SupplyPolicy.preset(name="default")
    villages = len(tree.units(kind="村"))
    t_roll, _ = _best(lambda: tree.rollup("members"), repeat)
    t_plan, plan = _best(lambda: plan_supply(tree, policy=policy), repeat)
    t_lines, _ = _best(lambda: plan.lines, 1)
    return {
        "shape": shape,
        "units": len(tree),
        "villages": villages,
        "lines": len(plan),
        "build_s": build,
        "rollup_s": t_roll,
        "plan_s": t_plan,
        "ratio": t_plan / t_roll,
        "lines_s": t_lines,
        "rollup_peak_mb": _peak(lambda: tree.rollup("members")) / 2**20,
        "plan_peak_mb": _peak(lambda: plan_supply(tree, policy=policy)) / 2**20,
        "target_sets": plan.total.target_sets,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: both shapes at a tenth of the size"
    )
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    print(
        f"{'shape':9} {'units':>8} {'villages':>8} {'lines':>6} {'rollup':>9} {'plan':>9} "
        f"{'ratio':>5} {'all lines':>9} {'peak roll':>9} {'peak plan':>9}"
    )
    for shape in args.shapes:
        r = bench(shape, SIZES[shape] // scale, 1 if args.quick else args.repeat)
        print(
            f"{r['shape']:9} {r['units']:8,} {r['villages']:8,} {r['lines']:6,} "
            f"{r['rollup_s'] * 1e3:7.1f}ms {r['plan_s'] * 1e3:7.1f}ms {r['ratio']:5.2f} "
            f"{r['lines_s'] * 1e3:7.1f}ms {r['rollup_peak_mb']:7.1f}MB {r['plan_peak_mb']:7.1f}MB"
        )


if __name__ == "__main__":
    main()
