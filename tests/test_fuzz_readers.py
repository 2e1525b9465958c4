"""Issue 12 deliverable 6: a seeded, time-bounded mutation fuzz per reader (see tests/fuzzing.py).

Mutants that keep the meaning (a BOM, CRLF, trailing blank lines, another CSV column order) load
equal to the original; every other mutant gives a PmeduError or an object that differs from the
original only in the records its mutation touched. No traceback, no wrong data. The whole file
runs in well under 20 s; ``benchmarks/fuzz_campaign.py`` runs the big campaign.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from fuzzing import READERS, run

#: mutants per reader in the suite (the slow readers get fewer), and a time cap per reader
COUNTS = {"unit xlsx": 12, "records JSON": 15}
DEFAULT_COUNT = 50
SECONDS = 2.5


@pytest.mark.parametrize("name", sorted(READERS))
def test_mutants_never_give_a_traceback_or_wrong_data(tmp_path: Path, name: str) -> None:
    if name == "unit xlsx":
        pytest.importorskip("python_calamine")
        pytest.importorskip("openpyxl")
    reader = READERS[name]
    start = time.perf_counter()
    findings = []
    seen = 0
    for mutant, outcome, note in run(
        reader, count=COUNTS.get(name, DEFAULT_COUNT), seed=12, workdir=tmp_path
    ):
        seen += 1
        if outcome in ("traceback", "wrong-data"):
            findings.append((mutant.kind, outcome, note))
        # a budget keeps the suite short, but never below four mutants on a loaded machine
        if seen >= 4 and time.perf_counter() - start > SECONDS:
            break
    assert seen >= 4
    assert not findings, findings
