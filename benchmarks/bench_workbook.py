"""Benchmark: reading the records workbook 记录工作簿 of a 1,000-village county (issue 13).

It writes (once, into a temporary directory) the records workbook of a synthetic county of
``--villages`` villages — one station each, 60 members each (about 60,000), 12 sessions a year
per station (about 12,000), every member expected at their station's sessions and most signing in
(about 700,000 sign-in rows), plus study records — then, each in a fresh process, times reading it
with [`pmedu.io.records.load_records`][pmedu.io.records.load_records] (layout, cells to values,
the converter, the sign-ins filled in) next to the floor: reading the same sheets with
python-calamine alone (``to_python`` of every sheet). It prints time and peak memory (the
process's maximum resident set) of both, and their ratio (target: within 3x). Figures are printed,
never asserted.

Run::

    python benchmarks/bench_workbook.py                 # 1,000 villages
    python benchmarks/bench_workbook.py --quick         # 20 villages, a few seconds
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pmedu.io.records import load_records, save_records
from pmedu.model import Member, Station, ViewingSession
from pmedu.model.study import StudyEntry
from pmedu.records import Records

MEMBERS_PER_VILLAGE = 60
SESSIONS_PER_STATION = 12


def county_records(villages: int, *, seed: int = 1) -> Records:
    """A county's year of records: ``villages`` villages under 20 townships."""
    rng = random.Random(seed)
    stations, members, sessions, study = [], [], [], []
    for v in range(villages):
        uid = f"T{v % 20 + 1:02d}-V{v // 20 + 1:03d}"
        sid = f"S{v:04d}"
        stations.append(Station(id=sid, unit_id=uid, features=["电视机", "播放机", "播放室"]))
        ids = [f"M{v:04d}{k:02d}" for k in range(MEMBERS_PER_VILLAGE)]
        members.extend(Member(id=m, name=f"党员{m}", unit_id=uid) for m in ids)
        for k in range(SESSIONS_PER_STATION):
            signed = [m for m in ids if rng.random() < 0.97]
            sessions.append(
                ViewingSession(id=f"{sid}-{k:02d}", station_id=sid, date=dt.date(2025, k + 1, 10),
                               film_ids=["F1"], expected=ids, signed_in=signed,
                               steps=["播前提示", "播后讨论"], minutes=60)
            )  # fmt: skip
        study.append(StudyEntry(id=f"L{v:04d}", member_id=ids[0], date=dt.date(2025, 6, 1),
                                kind="三会一课", minutes=90))  # fmt: skip
    return Records(year=2025, stations=stations, members=members, sessions=sessions,
                   study_records=study)  # fmt: skip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pmedu(path: str) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    r = load_records(path)
    return time.perf_counter() - t0, _peak_mb(), sum(len(s.expected) for s in r.sessions)


def _calamine(path: str) -> tuple[float, float, int]:
    import python_calamine

    t0 = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_path(path)
    cells = 0
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells += sum(map(len, rows))
    wb.close()
    return time.perf_counter() - t0, _peak_mb(), cells


def _in_child(fn: Any, path: str) -> tuple[float, float, int]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        out: tuple[float, float, int] = pool.apply(fn, (path,))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the workbook, read it both ways, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--villages", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="20 villages: a smoke run")
    args = ap.parse_args(argv)
    villages = 20 if args.quick else args.villages
    with tempfile.TemporaryDirectory(prefix="pmedu-bench-") as d:
        t0 = time.perf_counter()
        records = county_records(villages)
        path = str(save_records(records, Path(d) / "records.xlsx"))
        sign_ins = sum(len(s.expected) for s in records.sessions)
        size = Path(path).stat().st_size / 2**20
        print(f"county: {villages:,} villages, {len(records.members):,} members, "
              f"{len(records.sessions):,} sessions, {sign_ins:,} sign-in rows "
              f"({size:.1f} MB .xlsx, written in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        del records
        t_floor, m_floor, cells = _in_child(_calamine, path)
        t_ours, m_ours, rows = _in_child(_pmedu, path)
    assert rows == sign_ins, "the sign-ins read back"
    print(f"{'reader':<28}{'time (s)':>10}{'peak RSS (MB)':>16}")
    print(f"{'python-calamine alone':<28}{t_floor:>10.2f}{m_floor:>16.0f}   ({cells:,} cells)")
    print(f"{'pmedu load_records':<28}{t_ours:>10.2f}{m_ours:>16.0f}")
    print(f"ratio: time {t_ours / t_floor:.2f}x, peak memory {m_ours / m_floor:.2f}x "
          "(target: within 3x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
