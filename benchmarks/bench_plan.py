"""Benchmark: the monthly plan maker (issue 17) on a 1,000-township province.

It builds a synthetic province (`pmedu.datasets.synth`) of about 1,000 townships, gives each
township its target of film sets (one per three villages) of eight films from a 36-film library,
a station at every village and the sample county's stage themes, then times in the same run
(best of ``--repeat``) ``make_plan`` next to its baseline, the bare circulation
(``circulation_plan`` for every township, which the maker calls), and prints the ratio. Figures
are printed, never asserted.

Run::

    python benchmarks/bench_plan.py              # about 1,000 townships
    python benchmarks/bench_plan.py --quick      # a smoke run at a tenth of the size
"""

from __future__ import annotations

import argparse
import random
from typing import Any

from timing import best_of as _best

from pmedu.datasets import sample_records, synth
from pmedu.labels import UnitKind
from pmedu.model import Film, FilmCategory, FilmSet, Station
from pmedu.planning import make_plan
from pmedu.supply import circulation_plan

#: units asked of synth for a province of about 1,000 townships
UNITS = 18_430
YEAR = 2025


def bench(units: int, repeat: int) -> dict[str, Any]:
    """``make_plan``'s time and the bare circulation's, on one synthetic province."""
    tree = synth.tree("province", units=units, seed=1)
    rng = random.Random(7)
    cats = list(FilmCategory)
    films = [Film(id=f"F{i:03d}", title="片", category=cats[i % len(cats)], source="省",
                  year=2024, media="dvd", minutes=30) for i in range(36)]  # fmt: skip
    ids = [f.id for f in films]
    towns = tree.units(kind=[UnitKind.TOWNSHIP, UnitKind.STREET])
    sets: list[FilmSet] = []
    counts: dict[str, int] = {}
    for t in towns:
        n = -(-sum(1 for u in tree.children(t.id) if u.kind is UnitKind.VILLAGE) // 3)
        counts[t.id] = n
        sets += [FilmSet(id=f"FS-{t.id}-{k}", unit_id=t.id, film_ids=rng.sample(ids, 8))
                 for k in range(n)]  # fmt: skip
    stations = [Station(id=f"S-{u.id}", unit_id=u.id) for u in tree.units(kind=UnitKind.VILLAGE)]

    def circulation() -> int:
        return sum(
            circulation_plan(tree, t.id, counts[t.id], f"{YEAR}-01-01").months for t in towns
        )

    def plan() -> Any:
        return make_plan(tree, YEAR, films=films, film_sets=sets, stations=stations,
                         themes=sample_records().themes)  # fmt: skip

    t_base, _ = _best(circulation, repeat)
    t_plan, made = _best(plan, repeat)
    return {"townships": len(towns), "sets": len(sets), "entries": len(made.entries),
            "circulation": t_base, "make_plan": t_plan}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the size, one run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    args = parser.parse_args()
    units = UNITS // 10 if args.quick else UNITS
    r = bench(units, 1 if args.quick else args.repeat)
    print(f"{r['townships']:,} townships, {r['sets']:,} sets, {r['entries']:,} plan entries")
    print(f"circulation only (baseline) {r['circulation']:.3f} s")
    ratio = r["make_plan"] / r["circulation"] if r["circulation"] else float("nan")
    print(f"make_plan                   {r['make_plan']:.3f} s  ({ratio:.1f}× the baseline)")


if __name__ == "__main__":
    main()
