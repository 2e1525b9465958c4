"""Benchmark: the nation's unit table through ``pmedu tree`` and ``pmedu supply`` (issue 15).

Run from the repository root::

    python benchmarks/bench_nation.py            # 665k-unit table, 5M-unit tree (~4 min)
    python benchmarks/bench_nation.py --quick    # 20k and 100k units (a smoke run)
    python benchmarks/bench_nation.py --part big # one part (nation, rollup, big)

The benchmark writes a real-shaped national division table (31 provinces, ~340 cities,
~2,980 counties, ~41,000 townships and streets, ~489k villages, ~132k communities: 665,277
units with 12-digit codes, Chinese headers, UTF-8 with BOM) and runs every case as a whole
process under ``/usr/bin/time`` (wall time, peak RSS), each next to its baseline from the
same run:

* ``pmedu tree FILE`` against the by-hand route a user writes with the same libraries
  (``csv`` + ``nx.DiGraph`` + ``nx.is_arborescence`` + a kind count);
* ``pmedu supply FILE`` against ``pmedu tree FILE``;
* a 5M-unit table: load + validate + supply plan + coverage, time and peak memory;
* ``rollup("members")`` at 1M units against the numpy per-level reference.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = ["编号", "上级编号", "名称", "类型", "党员数", "组织类型", "流动党员", "离退休党员"]
HEADERS += ["组织关系未转入", "有播放网点"]
#: the nation's levels at full size (units per level), 665,277 in all with the root
LEVELS = {"省": 31, "市": 340, "县": 2_980, "乡镇": 41_352, "村社区": 488_733 + 131_840}
COMMUNITY_SHARE = 131_840 / (488_733 + 131_840)
STREET_SHARE = 0.22
SEED = 0
_SYL = "东西南北中新安宁平和兴华山河石桥青金泰峰银土林水"


def _name(rnd: random.Random, suffix: str) -> str:
    return "".join(rnd.choice(_SYL) for _ in range(2)) + suffix


def write_table(path: Path, units: int, seed: int = SEED) -> int:
    """Write a nation-shaped table of about ``units`` units (every level scaled alike)."""
    rnd = random.Random(seed)
    full = 1 + sum(LEVELS.values())
    scale = min(1.0, units / full)  # above the full size the skeleton stays, leaves grow
    sizes = [max(1, round(n * scale)) for n in LEVELS.values()]
    sizes[-1] = max(1, units - 1 - sum(sizes[:-1]))
    rows: list[list[str]] = [["0" * 12, "", "全国", "全国", "0", "党委", "", "", "", "否"]]
    level = [("0" * 12, "全国")]
    widths = [2, 2, 2, 3, 3]
    kinds = ["省", "市", "县"]
    for depth, n in enumerate(sizes):
        counts = [1] * len(level)
        for _ in range(n - len(level)):
            counts[rnd.randrange(len(level))] += 1
        below: list[tuple[str, str]] = []
        for (pid, pkind), k in zip(level, counts, strict=True):
            prefix = pid[: sum(widths[:depth])]
            for j in range(1, k + 1):
                code = (prefix + f"{j:0{widths[depth]}d}").ljust(12, "0")
                if depth < 3:
                    kind = kinds[depth]
                elif depth == 3:
                    kind = "街道" if rnd.random() < STREET_SHARE else "乡镇"
                else:
                    street = pkind == "街道"
                    kind = "社区" if street or rnd.random() < COMMUNITY_SHARE * 0.8 else "行政村"
                members = rnd.randint(3, 80)
                retired = str(rnd.randint(0, members // 3)) if rnd.random() < 0.5 else ""
                rows.append(
                    [
                        code,
                        pid,
                        _name(rnd, kind[-1]),
                        kind,
                        str(members),
                        "党支部" if depth >= 4 else "党委",
                        str(rnd.randint(0, 2)),
                        retired,
                        "",
                        "是" if rnd.random() < 0.8 else "否",
                    ]
                )
                below.append((code, kind))
        level = below
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(rows)
    return len(rows)


BY_HAND = """
import csv, sys
from collections import Counter
import networkx as nx
g = nx.DiGraph()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as fh:
    for r in csv.DictReader(fh):
        g.add_node(r["编号"], **r)
        if r["上级编号"]:
            g.add_edge(r["上级编号"], r["编号"])
assert nx.is_arborescence(g)
print(len(g), Counter(d["类型"] for _, d in g.nodes(data=True)).most_common(3))
"""

BIG = """
import sys, time
from pmedu.io.csvfile import read_valid_tree_csv
from pmedu.supply import SupplyPolicy, plan_supply
t0 = time.perf_counter()
tree = read_valid_tree_csv(sys.argv[1])
assert tree is not None, "the table has problems"
t1 = time.perf_counter()
plan = plan_supply(tree, policy=SupplyPolicy.resolve(None))
t2 = time.perf_counter()
cov = tree.coverage(["村", "社区"])
root = cov[tree.root.id]
t3 = time.perf_counter()
print(f"load+validate {t1 - t0:.1f} s, supply {t2 - t1:.1f} s, coverage {t3 - t2:.1f} s;"
      f" {len(tree):,} units, coverage {root.rate:.3f}", file=sys.stderr)
"""

ROLLUP = """
import sys, time
import numpy as np
from pmedu.io.csvfile import read_valid_tree_csv
tree = read_valid_tree_csv(sys.argv[1])
def best(fn):
    out = float("inf")
    for _ in range(3):
        t = time.perf_counter(); fn(); out = min(out, time.perf_counter() - t)
    return out
r = best(lambda: tree.rollup("members"))
par = np.asarray(tree.parent_positions(), dtype=np.int64)
val = np.asarray(tree.column("members"), dtype=np.int64)
depth = np.zeros(len(par), dtype=np.int64)
for k in range(1, len(par)):
    depth[k] = depth[par[k]] + 1
levels = [np.flatnonzero(depth == d) for d in range(int(depth.max()) + 1)]
def ref_float():
    acc = val.astype(np.float64)
    for idx in reversed(levels[1:]):
        acc += np.bincount(par[idx], weights=acc[idx], minlength=len(acc))
    return acc
n = best(ref_float)
assert ref_float().astype(np.int64).tolist() == list(tree.rollup("members").values())
print(f"{r} {n} {len(tree)}")
"""


def run(cmd: list[str], what: str) -> tuple[float, float, float, str]:
    """Run ``cmd`` under /usr/bin/time: (wall s, CPU s = user + system, peak RSS MB, the
    stderr). CPU time is the fairer figure on a shared machine; both are printed."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name, *cmd]
        done = subprocess.run(full, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{what} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        wall, user, system, rss = tf.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024, done.stderr.strip()


Figures = tuple[float, float, float]  # wall s, CPU s, peak MB


def _line(label: str, f: Figures, base: Figures | None = None) -> None:
    wall, cpu, mb = f
    ratio = ""
    if base:
        ratio = (
            f"  {wall / base[0]:5.2f}× wall  {cpu / base[1]:5.2f}× CPU  {mb / base[2]:5.2f}× mem"
        )
    print(f"  {label:<48} {wall:6.2f} s wall {cpu:6.2f} s CPU {mb:6.0f} MB{ratio}", flush=True)


def nation(path: Path, units: int) -> None:
    t = time.perf_counter()
    n = write_table(path, units)
    size = path.stat().st_size / 1e6
    print(
        f"\n=== nation table: {n:,} units, {size:.0f} MB (written in "
        f"{time.perf_counter() - t:.1f} s) ===",
        flush=True,
    )
    py, f = sys.executable, str(path)
    hand = run([py, "-c", BY_HAND, f], "by hand")[:3]
    _line("by hand: csv + nx.DiGraph + is_arborescence", hand)
    tree = run([py, "-m", "pmedu", "tree", f], "pmedu tree")[:3]
    _line("pmedu tree vs by hand", tree, hand)
    supply = run([py, "-m", "pmedu", "supply", f], "pmedu supply")[:3]
    _line("pmedu supply vs pmedu tree", supply, tree)


def big(path: Path, units: int) -> None:
    t = time.perf_counter()
    n = write_table(path, units, seed=1)
    print(
        f"\n=== {n:,} units: load + validate + supply + coverage (table written in "
        f"{time.perf_counter() - t:.1f} s) ===",
        flush=True,
    )
    wall, cpu, mb, err = run([sys.executable, "-c", BIG, str(path)], "big")
    _line("whole process", (wall, cpu, mb))
    print(f"    {err.splitlines()[-1]}")


def rollup(path: Path, units: int) -> None:
    write_table(path, units, seed=2)
    if importlib.util.find_spec("numpy") is None:  # the reference needs it
        print(f"\n=== rollup at {units:,}: skipped (numpy missing) ===")
        return
    done = subprocess.run(
        [sys.executable, "-c", ROLLUP, str(path)], capture_output=True, text=True, check=True
    )
    r, n, size = done.stdout.split()
    print(f"\n=== rollup('members') at {int(size):,} units ===")
    print(
        f"  OrgTree.rollup {float(r):.3f} s   numpy per level {float(n):.3f} s   "
        f"{float(r) / float(n):.1f}× numpy"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument(
        "--part", choices=["nation", "rollup", "big"], action="append", help="only these"
    )
    parser.add_argument("--keep", type=Path, default=None, help="write the tables here, kept")
    args = parser.parse_args()
    parts = args.part or ["nation", "rollup", "big"]
    sizes = (20_000, 100_000, 50_000) if args.quick else (665_277, 5_000_000, 1_000_000)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        d = args.keep or Path(tmp)
        d.mkdir(parents=True, exist_ok=True)
        if "nation" in parts:
            nation(Path(d) / "nation.csv", sizes[0])
        if "rollup" in parts:
            rollup(Path(d) / "rollup.csv", sizes[2])
        if "big" in parts:
            big(Path(d) / "big.csv", sizes[1])


if __name__ == "__main__":
    main()
