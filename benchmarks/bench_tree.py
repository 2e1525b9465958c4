"""Benchmark: building an OrgTree and rolling values up, against plain references.

Run from the repository root::

    python benchmarks/bench_tree.py           # 100k and 1M units (a few minutes)
    python benchmarks/bench_tree.py --quick   # 10k and 50k units (a smoke run)

For each size, a nation-shaped tree from `pmedu.datasets.synth` is measured in separate
subprocesses, so one case's memory does not inflate another's peak:

* ``OrgTree.from_units`` (validation, indices and the ``networkx.DiGraph``) next to a bare
  ``nx.DiGraph`` built from the same records as attribute dicts;
* ``rollup("members")`` next to a numpy reference (``np.bincount`` per depth level over the
  parent-index array), a plain Python pass over the parent-index list, and — at the
  smaller size only — the naive approach (``nx.descendants`` per node), timed on a sample
  of nodes and extrapolated (labelled so).

Peak memory is the subprocess's ``ru_maxrss``; "build Δ" is the growth of that peak during
the build alone (the generated input is already in memory before). numpy is needed only for
its reference row; without it that row is skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from typing import Any

from timing import best_time as _best

SHAPE = "nation"
SEED = 0
DESCENDANTS_SAMPLE = 1_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def case_generate(size: int) -> dict[str, Any]:
    from pmedu.datasets import synth

    t = time.perf_counter()
    units = synth.generate(SHAPE, units=size, seed=SEED)
    return {"time": time.perf_counter() - t, "peak_mb": _peak_mb(), "n": len(units)}


def case_orgtree(size: int) -> dict[str, Any]:
    from pmedu import OrgTree, synth

    units = synth.generate(SHAPE, units=size, seed=SEED)
    before = _peak_mb()
    t = time.perf_counter()
    tree = OrgTree.from_units(units)
    elapsed = time.perf_counter() - t
    return {"time": elapsed, "peak_mb": _peak_mb(), "delta_mb": _peak_mb() - before, "n": len(tree)}


def case_digraph(size: int) -> dict[str, Any]:
    import attrs
    import networkx as nx

    from pmedu.datasets import synth

    units = synth.generate(SHAPE, units=size, seed=SEED)
    records = [attrs.asdict(u, recurse=False) for u in units]
    del units
    before = _peak_mb()
    t = time.perf_counter()
    g = nx.DiGraph()
    g.add_nodes_from((r["id"], r) for r in records)
    g.add_edges_from((r["parent_id"], r["id"]) for r in records if r["parent_id"] is not None)
    elapsed = time.perf_counter() - t
    return {"time": elapsed, "peak_mb": _peak_mb(), "delta_mb": _peak_mb() - before, "n": len(g)}


def case_rollup(size: int, naive: bool) -> dict[str, Any]:
    import networkx as nx

    from pmedu.datasets import synth

    tree = synth.tree(SHAPE, units=size, seed=SEED)
    out: dict[str, Any] = {"n": len(tree)}
    out["rollup"] = _best(lambda: tree.rollup("members"))
    parent = tree.parent_positions()
    members = tree.values("members")

    def python_pass() -> list[int]:
        acc = list(members)
        for k in range(len(acc) - 1, 0, -1):
            acc[parent[k]] += acc[k]
        return acc

    out["python"] = _best(python_pass)
    reference = python_pass()
    assert list(tree.rollup("members").values()) == reference
    try:
        import numpy as np
    except ImportError:
        out["numpy"] = None
    else:
        par = np.asarray(parent, dtype=np.int64)
        val = np.asarray(members, dtype=np.int64)
        depth = np.zeros(len(par), dtype=np.int64)
        for k in range(1, len(par)):  # pre-order: a parent comes before its children
            depth[k] = depth[par[k]] + 1
        levels = [np.flatnonzero(depth == d) for d in range(int(depth.max()) + 1)]

        def numpy_rollup() -> Any:
            acc = val.astype(np.float64)
            for idx in reversed(levels[1:]):
                acc += np.bincount(par[idx], weights=acc[idx], minlength=len(acc))
            return acc

        out["numpy"] = _best(numpy_rollup)
        assert numpy_rollup().astype(np.int64).tolist() == reference
    if naive:
        g = tree.graph
        nodes = random.Random(SEED).sample(list(g.nodes), min(DESCENDANTS_SAMPLE, len(g)))
        unit = {n: g.nodes[n]["unit"] for n in g.nodes}
        t = time.perf_counter()
        for n in nodes:
            _ = unit[n].members + sum(unit[d].members for d in nx.descendants(g, n))
        sample_time = time.perf_counter() - t
        out["naive"] = sample_time * len(tree) / len(nodes)
        out["naive_sample"] = len(nodes)
    out["peak_mb"] = _peak_mb()
    return out


def run_case(case: str, size: int, naive: bool = False) -> dict[str, Any]:
    """Run one case in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, __file__, "--case", case, "--size", str(size)]
    if naive:
        cmd.append("--naive")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"case {case} at {size} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _s(x: float | None) -> str:
    return "skipped (numpy missing)" if x is None else f"{x:8.3f} s"


def report(size: int, naive: bool) -> None:
    print(f"\n=== {SHAPE} tree, {size:,} units (seed {SEED}) ===", flush=True)
    gen = run_case("generate", size)
    print(f"synth.generate                {gen['time']:8.3f} s   peak {gen['peak_mb']:7.0f} MB")
    tree = run_case("orgtree", size)
    bare = run_case("digraph", size)
    print(
        f"OrgTree.from_units            {tree['time']:8.3f} s   peak {tree['peak_mb']:7.0f} MB"
        f"   build Δ {tree['delta_mb']:6.0f} MB"
    )
    print(
        f"bare nx.DiGraph (attr dicts)  {bare['time']:8.3f} s   peak {bare['peak_mb']:7.0f} MB"
        f"   build Δ {bare['delta_mb']:6.0f} MB"
    )
    print(f"  from_units / bare DiGraph: {tree['time'] / bare['time']:.2f}× time")
    roll = run_case("rollup", size, naive)
    print(f"rollup('members')             {_s(roll['rollup'])}")
    print(f"numpy bincount per level      {_s(roll['numpy'])}")
    print(f"plain Python pass (parents)   {_s(roll['python'])}")
    if roll["numpy"]:
        print(f"  rollup / numpy: {roll['rollup'] / roll['numpy']:.1f}×")
    if naive:
        print(
            f"naive nx.descendants per node {roll['naive']:8.1f} s   (EXTRAPOLATED from "
            f"{roll['naive_sample']:,} sampled nodes to all {size:,})"
        )
        print(f"  naive / rollup: {roll['naive'] / roll['rollup']:,.0f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 50k units")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        fn = {
            "generate": case_generate,
            "orgtree": case_orgtree,
            "digraph": case_digraph,
        }.get(args.case)
        result = case_rollup(args.size, args.naive) if args.case == "rollup" else fn(args.size)  # type: ignore[misc]
        print(json.dumps(result))
        return
    small, large = (10_000, 50_000) if args.quick else (100_000, 1_000_000)
    print(f"python {sys.version.split()[0]}")
    report(small, naive=True)
    report(large, naive=False)


if __name__ == "__main__":
    main()
