"""The mutation campaign of issue 12: at least 300 mutants per reader, each judged by the oracle of
``tests/fuzzing.py``, with a time limit per mutant (a hang). Prints the table and writes every
finding (a traceback, a hang, wrong data accepted) with its mutant to ``--out``.

    python benchmarks/fuzz_campaign.py [--mutants 300] [--seed 0] [--out fuzz_findings]
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import OUTCOMES, READERS, Mutant, Reader, judge, mutants

HANG_SECONDS = 10


class _Hang(Exception):
    pass


def _alarm(_sig: int, _frame: FrameType | None) -> None:
    raise _Hang


def campaign(reader: Reader, count: int, seed: int, out: Path) -> Counter[str]:
    rng = random.Random(seed)
    d = Path(tempfile.mkdtemp())
    sample = d / reader.filename
    original = reader.sample(d)
    sample.write_bytes(original)
    expected = reader.load(sample)
    tally: Counter[str] = Counter()
    for k, mutant in enumerate(mutants(reader, original, rng)):
        if k >= count:
            break
        signal.alarm(HANG_SECONDS)
        try:
            outcome, note = judge(reader, expected, mutant, d / f"m{reader.filename}")
        except _Hang:
            outcome, note = "hang", f"over {HANG_SECONDS} s"
        finally:
            signal.alarm(0)
        tally[outcome] += 1
        if outcome in ("traceback", "hang", "wrong-data"):
            _keep(out, reader, k, mutant, outcome, note)
    return tally


def _keep(out: Path, reader: Reader, k: int, mutant: Mutant, outcome: str, note: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{reader.name.replace(' ', '_')}_{k:04d}"
    (out / f"{stem}{Path(reader.filename).suffix}").write_bytes(mutant.data)
    with (out / "findings.txt").open("a", encoding="utf-8") as fh:
        fh.write(f"{stem}\t{mutant.kind}\t{outcome}\t{note}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mutants", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("fuzz_findings"))
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    header = ["reader", "mutants", *OUTCOMES, "seconds"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    total: Counter[str] = Counter()
    for name, reader in READERS.items():
        if args.only and name not in args.only:
            continue
        start = time.perf_counter()
        tally = campaign(reader, args.mutants, args.seed, args.out)
        total.update(tally)
        cells = [name, str(sum(tally.values())), *(str(tally[o]) for o in OUTCOMES)]
        print(" | ".join([*cells, f"{time.perf_counter() - start:.1f}"]), flush=True)
    cells = ["all", str(sum(total.values())), *(str(total[o]) for o in OUTCOMES)]
    print(" | ".join([*cells, ""]))


if __name__ == "__main__":
    main()
