"""Benchmark: loading large input files (issue 12, linear validators).

Times, in the same run, loading a standard with ``--items`` checklist items (16,000 by
default; 0.1.0 took 2.3 s, quadratic in the items) next to a baseline: structuring the same
number of plain ``StandardItem`` records alone (what the load cannot be faster than). The
load should stay within a small factor of the baseline, and grow linearly: the 2× line
shows the time for twice the items (≈ 2× when linear, ≈ 4× when quadratic).

Run::

    python benchmarks/bench_inputs.py               # 16,000 items
    python benchmarks/bench_inputs.py --quick       # a smoke run at a tenth of the size (CI)
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from timing import best_time as _best

from pmedu.convert import structure
from pmedu.stations.standards import Standard, StandardItem


def _document(items: int) -> dict[str, Any]:
    return {
        "name": "big",
        "label": "大",
        "items": [
            {"name": f"item{i}", "label": f"第{i}项", "requires": ["签到册"]} for i in range(items)
        ],
    }


def bench(items: int, repeat: int) -> dict[str, float]:
    """Seconds to load a standard of ``items`` items, its baseline and twice the items."""
    doc, doc2 = _document(items), _document(2 * items)
    return {
        "baseline": _best(lambda: [structure(x, StandardItem) for x in doc["items"]], repeat),
        "load": _best(lambda: Standard.from_document(doc, source="big.toml"), repeat),
        "load_2x": _best(lambda: Standard.from_document(doc2, source="big2.toml"), repeat),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=16_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="a tenth of the size, one repeat")
    args = ap.parse_args(argv)
    items, repeat = (args.items // 10, 1) if args.quick else (args.items, args.repeat)
    r = bench(items, repeat)
    base, load, load2 = r["baseline"], r["load"], r["load_2x"]
    print(f"standard with {items:,} items")
    print(f"  baseline (items alone)    {base:8.3f} s")
    print(f"  load                      {load:8.3f} s  ({load / base:.2f}× baseline)")
    print(f"  load, {2 * items:,} items      {load2:8.3f} s  ({load2 / load:.2f}× load)")


if __name__ == "__main__":
    main()


# ---- issue 12: a session with 100,000 member ids, read from a CSV file ---------------------


def bench_session(ids: int = 100_000) -> float:
    """Seconds to read one session whose expected and signed-in lists hold ``ids`` member ids
    (the uniqueness and membership checks must be linear)."""
    import pathlib
    import tempfile

    from pmedu.io.sessions import read_sessions_csv

    members = ";".join(f"M{k:06d}" for k in range(ids))
    path = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    path.write_text(
        f"id,station_id,date,expected,signed_in\na,S1,2025-03-10,{members},{members}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    (session,) = read_sessions_csv(path)
    elapsed = time.perf_counter() - start
    assert len(session.expected) == ids
    return elapsed


if __name__ == "__main__":
    print(f"session with 100,000 member ids: {bench_session():.3f} s")
