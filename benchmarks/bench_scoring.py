"""Benchmark: validating a rubric with many bad indicators (issue 12), and scoring.

It times, in the same run, loading a rubric document whose ``N`` indicators all have a bad
field (``points = -1``) and, as the baseline, the same with ``N / 16`` indicators scaled by
16: linear validation keeps the ratio near 1 (the quadratic version of 0.1.0 took 12.8 s for
16,000). It also times loading the valid preset rubric and scoring the sample county.

Run::

    python benchmarks/bench_scoring.py            # 16,000 bad indicators
    python benchmarks/bench_scoring.py --quick    # a smoke run with 1,600
"""

from __future__ import annotations

import argparse
import copy
from typing import Any

from timing import best_time as _best

from pmedu.datasets import sample_county, sample_facts
from pmedu.errors import RubricError
from pmedu.scoring.assess import assess
from pmedu.scoring.presets import preset_rubric
from pmedu.scoring.schema import Rubric


def bad_rubric(n: int) -> dict[str, Any]:
    """The preset rubric's document with ``n`` indicators, each with ``points = -1``."""
    doc = preset_rubric().to_dict()
    first = doc["indicators"][0]
    doc["indicators"] = [dict(first, code=f"X{i}", points=-1) for i in range(n)]
    return doc


def _validate(doc: dict[str, Any]) -> int:
    try:
        Rubric.from_dict(copy.deepcopy(doc))
    except RubricError as exc:
        return len(exc.problems)
    raise AssertionError("the bad rubric was accepted")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smoke run at a tenth of the size")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    n = 1_600 if args.quick else 16_000
    repeat = 1 if args.quick else args.repeat
    big, small = bad_rubric(n), bad_rubric(n // 16)
    assert _validate(big) >= n
    t_big = _best(lambda: _validate(big), repeat)
    t_small = _best(lambda: _validate(small), repeat)
    print(f"rubric with {n:,} bad indicators: {t_big:.2f} s")
    print(
        f"  baseline (same run): {n // 16:,} bad indicators {t_small:.3f} s × 16 = "
        f"{16 * t_small:.2f} s; ratio {t_big / (16 * t_small):.2f} (linear ≈ 1)"
    )
    tree, facts = sample_county(), sample_facts()
    t_load = _best(lambda: Rubric.from_dict(preset_rubric().to_dict()), repeat)
    t_assess = _best(
        lambda: assess(tree, facts, preset_rubric(), kind=["乡", "镇", "街道"]), repeat
    )
    print(
        f"valid preset rubric: {t_load * 1000:.1f} ms; scoring the sample county: "
        f"{t_assess * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
