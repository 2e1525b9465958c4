"""Benchmark: the affiliation tree (issue 18) next to the administrative tree it is built from.

Run from the repository root::

    python benchmarks/bench_affiliation.py           # 200k units
    python benchmarks/bench_affiliation.py --quick   # 20k units (a smoke run)

A nation-shaped tree from `pmedu.datasets.synth` gets one working committee 工委 per county with
the county's agencies, institutions and enterprises affiliated to it (their administrative
parent is unchanged). Timed, best of ``--repeat``:

* ``OrgTree.from_units`` without and with affiliation (the affiliation tree is built and
  validated at construction);
* ``tree.along("affiliation")`` on a tree that has not built it yet (a fresh ``subtree`` of
  the root, whose view is made on first use), and cached;
* ``rollup("members")`` along each tree, printed as a ratio to the administrative one.
"""

from __future__ import annotations

import argparse

import attrs
from timing import best_time as _best

from pmedu import OrgTree, Unit, UnitKind
from pmedu.datasets import synth

UNITS = 200_000
SEED = 0
ORGS = {
    UnitKind.AGENCY,
    UnitKind.INSTITUTION,
    UnitKind.ENTERPRISE,
    UnitKind.NON_PUBLIC_ENTERPRISE,
}


def affiliated(units: list[Unit]) -> list[Unit]:
    """The units with one 工委 per county and the county's organisations affiliated to it."""
    out: list[Unit] = []
    for u in units:
        out.append(u)
        if u.kind is UnitKind.COUNTY:
            out.append(Unit(id=f"{u.id}-GW", name="机关工委", kind="工委", affiliation_id=u.id))
    county_of = {u.id: u.id for u in units if u.kind is UnitKind.COUNTY}
    return [
        attrs.evolve(u, affiliation_id=f"{county_of[u.parent_id]}-GW")
        if u.kind in ORGS and u.parent_id in county_of
        else u
        for u in out
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a small run (a few seconds)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    n, repeat = (UNITS // 10, 1) if a.quick else (UNITS, a.repeat)
    plain = synth.generate("nation", units=n, seed=SEED)
    both = affiliated(plain)
    moved = sum(1 for u in both if u.affiliation_id is not None)
    t_plain = _best(lambda: OrgTree.from_units(plain), repeat)
    t_both = _best(lambda: OrgTree.from_units(both), repeat)
    tree = OrgTree.from_units(both)
    aff = tree.along("affiliation")
    t_view = _best(lambda: tree.subtree(tree.root.id).along("affiliation"), repeat)
    t_sub = _best(lambda: tree.subtree(tree.root.id), repeat)
    t_cached = _best(lambda: tree.along("affiliation"), repeat)
    t_roll = _best(lambda: tree.rollup("members"), repeat)
    t_roll_aff = _best(lambda: aff.rollup("members"), repeat)
    assert aff.rollup("members")[aff.root.id] == tree.rollup("members")[tree.root.id]
    print(f"{len(tree):,} units, {moved:,} affiliated elsewhere, {len(aff) - len(tree):,} 工委")
    print(f"{'case':<44} {'time':>10} {'ratio':>8}")
    rows = [
        ("from_units, no affiliation (baseline)", t_plain, t_plain),
        ("from_units, with affiliation", t_both, t_plain),
        ("along('affiliation'), first (minus subtree)", max(t_view - t_sub, 0.0), t_plain),
        ("along('affiliation'), cached", t_cached, t_plain),
        ("rollup('members') administrative (baseline)", t_roll, t_roll),
        ("rollup('members') along affiliation", t_roll_aff, t_roll),
    ]
    for name, t, base in rows:
        print(f"{name:<44} {t * 1e3:>8.1f}ms {t / base if base else 0:>7.2f}x")


if __name__ == "__main__":
    main()
