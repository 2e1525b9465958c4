"""Benchmark: one viewing session with 100,000 member ids (issue 12: linear validators).

In one run it times (best of ``--repeat``):

- ``baseline``: building a plain ``set`` of the same 100,000 strings;
- ``construct``: ``ViewingSession(expected=ids, signed_in=ids)``;
- ``load``: :func:`pmedu.io.records.load_records` of a records file holding that session
  (about 2 MB of JSON), next to ``json.loads`` of the same text;
- ``check``: :func:`pmedu.records.check.check_records` of the loaded records;

and prints each time with its ratio to the set baseline. The target: a load in well under
a second (pmedu 0.1.0 took 159 s, its duplicate check being quadratic).

Run::

    python benchmarks/bench_records.py              # 100,000 ids
    python benchmarks/bench_records.py --quick      # a smoke run with 10,000 ids
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from timing import best_of as _best

from pmedu.io.records import load_records
from pmedu.model import Station, ViewingSession
from pmedu.records import Records
from pmedu.records.check import check_records


def bench(members: int, repeat: int) -> dict[str, float]:
    """Seconds for each step (see the module docstring) with ``members`` ids."""
    ids = [f"M{i:07d}" for i in range(members)]
    session = {"id": "big", "station_id": "S1", "date": "2025-03-10"}
    doc = {
        "year": 2025,
        "stations": [{"id": "S1", "unit_id": "V1"}],
        "sessions": [{**session, "expected": ids, "signed_in": ids}],
    }
    text = json.dumps(doc)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.json"
        path.write_text(text, encoding="utf-8")
        t = {
            "baseline": _best(lambda: set(ids), repeat)[0],
            "construct": _best(
                lambda: ViewingSession(**session, expected=ids, signed_in=ids), repeat
            )[0],
            "json.loads": _best(lambda: json.loads(text), repeat)[0],
        }
        t["load"], records = _best(lambda: load_records(path), repeat)
    assert isinstance(records, Records)
    assert records.sessions[0].n_expected == members
    assert records.stations == (Station(id="S1", unit_id="V1"),)
    t["check"], report = _best(lambda: check_records(records), repeat)
    assert report.ok, report.lines()
    t["MB"] = len(text.encode()) / 1e6
    return t


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="10,000 ids, one repeat")
    args = ap.parse_args(argv)
    members, repeat = (10_000, 1) if args.quick else (args.members, args.repeat)
    t = bench(members, repeat)
    base = t["baseline"]
    print(f"one session, {members:,} expected and {members:,} signed-in ids ({t['MB']:.1f} MB)")
    print(f"{'step':<12}{'seconds':>10}{'× set()':>10}")
    for step in ("baseline", "construct", "json.loads", "load", "check"):
        print(f"{step:<12}{t[step]:>10.4f}{t[step] / base:>10.1f}")
    verdict = "well under a second" if t["load"] < 1.0 else "NOT under a second"
    print(f"target: the load well under a second — {verdict} ({t['load']:.2f} s)")


if __name__ == "__main__":
    main()
