"""Benchmark: the roster checks and the learning archive (issue 13) on a 1,000-village county.

It builds a synthetic county (`pmedu.datasets.synth`, about 1,000 villages and 60,000 party
members), a roster matching every unit's counts, a year of monthly sessions at every village
(every member by id) and three study records per member, then times in the same run (best of
``--repeat``) each of ``reconcile``, ``check_branches``, ``volunteer_teams``,
``expected_by_station`` and ``build_archive`` next to the floor: one plain pass over the same
records (counting members per unit with a ``Counter``; summing each member's minutes in a
``dict``). Figures are printed as ratios to the floor, never asserted.

Run::

    python benchmarks/bench_members.py             # about 1,000 villages
    python benchmarks/bench_members.py --quick     # a smoke run at a tenth of the size
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

from timing import best_of as _best

from pmedu.datasets import synth
from pmedu.members import check_branches, expected_by_station, reconcile, volunteer_teams
from pmedu.model import Member, Station, StudyEntry, ViewingSession
from pmedu.network import OrgTree
from pmedu.viewing import build_archive

#: units asked of synth for a county of about 1,000 villages
UNITS = 1_300


def _roster(tree: OrgTree, rnd: random.Random) -> list[Member]:
    out: list[Member] = []
    for u in tree:
        mobile = set(rnd.sample(range(u.members), u.mobile or 0))
        retired = set(rnd.sample(range(u.members), u.retired or 0))
        kept = set(rnd.sample(range(u.members), u.not_transferred or 0))
        for k in range(u.members):
            out.append(
                Member(id=f"M{len(out):06d}", name="党员", unit_id=u.id,
                       mobility=rnd.choice(["流入", "流出"]) if k in mobile else "",
                       status="离退休" if k in retired else "在职", transferred=k not in kept,
                       skills=["法律咨询"] if rnd.random() < 0.2 else [])
            )  # fmt: skip
    return out


def _records(
    tree: OrgTree, roster: list[Member], rnd: random.Random
) -> tuple[list[Station], list[ViewingSession], list[StudyEntry]]:
    stations = [Station(id=f"S-{u.id}", unit_id=u.id) for u in tree if u.kind.level == 5]
    by_unit: dict[str, list[str]] = {}
    for m in roster:
        by_unit.setdefault(m.unit_id, []).append(m.id)
    sessions = []
    for s in stations:
        ids = by_unit.get(s.unit_id, [])
        for month in range(1, 13):
            signed = [m for m in ids if rnd.random() < 0.8]
            sessions.append(ViewingSession(id=f"{s.id}-{month}", station_id=s.id,
                                           date=f"2025-{month:02d}-10", expected=ids,
                                           signed_in=signed, minutes=45))  # fmt: skip
    studies = [
        StudyEntry(id=f"L{k}", member_id=m.id, date="2025-06-01", kind="三会一课", minutes=300)
        for k, m in enumerate(roster * 3)
    ]
    return stations, sessions, studies


def _floor_counts(roster: list[Member]) -> Counter[str]:
    return Counter(m.unit_id for m in roster)


def _floor_minutes(sessions: list[ViewingSession], studies: list[StudyEntry]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in sessions:
        for m in s.signed_in:
            out[m] = out.get(m, 0) + (s.minutes or 0)
    for e in studies:
        out[e.member_id] = out.get(e.member_id, 0) + e.minutes
    return out


def bench(units: int, repeat: int) -> None:
    """Print each step's time next to its floor's, as a ratio."""
    tree = synth.tree("county", units=units, seed=1)
    rnd = random.Random(13)
    roster = _roster(tree, rnd)
    stations, sessions, studies = _records(tree, roster, rnd)
    sign_ins = sum(len(s.signed_in) for s in sessions)
    print(f"{len(tree):,} units, {len(roster):,} members, {len(sessions):,} sessions, "
          f"{sign_ins:,} sign-ins, {len(studies):,} study records")  # fmt: skip
    floor_roster, _ = _best(lambda: _floor_counts(roster), repeat)
    floor_archive, _ = _best(lambda: _floor_minutes(sessions, studies), repeat)
    steps: list[tuple[str, Callable[[], Any], float]] = [
        ("reconcile", lambda: reconcile(tree, roster), floor_roster),
        ("check_branches", lambda: check_branches(tree, roster), floor_roster),
        ("volunteer_teams", lambda: volunteer_teams(tree, roster), floor_roster),
        ("expected_by_station", lambda: expected_by_station(stations, roster), floor_roster),
        ("build_archive", lambda: build_archive(sessions, [], study_records=studies,
                                                members=roster, year=2025), floor_archive),
    ]  # fmt: skip
    print(f"{'step':<22}{'seconds':>10}{'floor':>10}{'ratio':>8}")
    for name, fn, floor in steps:
        t, _ = _best(fn, repeat)
        print(f"{name:<22}{t:>10.3f}{floor:>10.3f}{t / floor:>8.1f}")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark (``--quick``: a tenth of the size, one repeat)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    if args.quick:
        bench(UNITS // 10, 1)
    else:
        bench(UNITS, args.repeat)


if __name__ == "__main__":
    main()
