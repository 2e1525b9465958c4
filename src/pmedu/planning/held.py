"""Plan against sessions held, and the check of a plan ([monthly plans][plans]).

A plan entry is **held** when a session took place at its station in its month showing its films
(every film of the entry among the session's films; an entry without films is held by any
session there that month). [`plan_held`][pmedu.planning.held.plan_held] counts the entries with a
station and those held, as whole numbers; the measure ``plan_entries_held_rate`` of
[`pmedu.facts`][pmedu.facts] is their ratio per unit. [`check_plan`][pmedu.planning.held.check_plan]
refuses a plan that puts a film set at two villages in one month ([seed 001][seed-001]), naming
every such row at once.

>>> from pmedu.model import ViewingSession
>>> from pmedu.model.plans import PlanEntry
>>> e = PlanEntry(id="P1", year=2025, month=3, township_id="T", unit_id="V",
...               station_id="S", film_ids=["F1"])
>>> s = ViewingSession(id="s", station_id="S", date="2025-03-10", film_ids=["F1", "F2"])
>>> entry_held(e, [s]), plan_held([e], []).rate
(True, 0.0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from pmedu.errors import PlanError, Problem
from pmedu.model.plans import PlanEntry, set_conflicts
from pmedu.model.session import ViewingSession

__all__ = ["PlanHeld", "check_plan", "entry_held", "plan_held", "sessions_by_month"]

_Key = tuple[str, int, int]


def sessions_by_month(
    sessions: Iterable[ViewingSession],
) -> dict[_Key, list[frozenset[str]]]:
    """``(station, year, month)`` → the film sets (as frozensets of ids) of its sessions.

    >>> from pmedu.model import ViewingSession
    >>> sessions_by_month([ViewingSession(id="a", station_id="S", date="2025-01-02")])
    {('S', 2025, 1): [frozenset()]}
    """
    out: dict[_Key, list[frozenset[str]]] = defaultdict(list)
    for s in sessions:
        out[(s.station_id, s.date.year, s.date.month)].append(frozenset(s.film_ids))
    return dict(out)


def _held(e: PlanEntry, index: dict[_Key, list[frozenset[str]]]) -> bool:
    shown = index.get((e.station_id, e.year, e.month), ())
    want = set(e.film_ids)
    return any(want <= films for films in shown)


def entry_held(entry: PlanEntry, sessions: Iterable[ViewingSession]) -> bool:
    """Whether a session at the entry's station in its month showed its films.

    >>> from pmedu.model import ViewingSession
    >>> from pmedu.model.plans import PlanEntry
    >>> e = PlanEntry(id="P", year=2025, month=4, township_id="T", unit_id="V",
    ...               station_id="S", film_set_id="FS")
    >>> entry_held(e, [ViewingSession(id="s", station_id="S", date="2025-05-01")])
    False
    """
    return bool(entry.station_id) and _held(entry, sessions_by_month(sessions))


@attrs.frozen
class PlanHeld:
    """Plan entries with a station (``planned``) and those held (``held``), whole numbers.

    >>> PlanHeld(held=3, planned=4).rate, PlanHeld(held=0, planned=0).rate is None
    (0.75, True)
    """

    held: int
    planned: int

    @property
    def rate(self) -> float | None:
        """``held / planned`` (``None``: nothing planned)."""
        return self.held / self.planned if self.planned else None


def plan_held(entries: Iterable[PlanEntry], sessions: Iterable[ViewingSession]) -> PlanHeld:
    """How many of ``entries`` (those with a station) were held by ``sessions``.

    >>> plan_held([], []).planned
    0
    """
    index = sessions_by_month(sessions)
    with_station = [e for e in entries if e.station_id]
    return PlanHeld(sum(_held(e, index) for e in with_station), len(with_station))


def held_by_unit(
    entries: Iterable[PlanEntry], sessions: Iterable[ViewingSession]
) -> tuple[dict[str, int], dict[str, int]]:
    """Unit id → entries held, and unit id → entries with a station (the unit is the entry's
    ``unit_id``), for the measure's roll-up.

    >>> held_by_unit([], [])
    ({}, {})
    """
    index = sessions_by_month(sessions)
    held: dict[str, int] = {}
    planned: dict[str, int] = {}
    for e in entries:
        if e.station_id:
            planned[e.unit_id] = planned.get(e.unit_id, 0) + 1
            if _held(e, index):
                held[e.unit_id] = held.get(e.unit_id, 0) + 1
    return held, planned


def check_plan(entries: Sequence[PlanEntry], *, source: str | None = None) -> None:
    """Raise a [`PlanError`][pmedu.errors.PlanError] naming every entry that puts a film set at
    a second unit in a month, and the row it clashes with, all at once (``source`` names the
    file).

    >>> from pmedu.model.plans import PlanEntry
    >>> es = [PlanEntry(id=f"P{i}", year=2025, month=m, township_id="T", unit_id=u,
    ...                 film_set_id="S1") for i, (m, u) in enumerate(
    ...       [(1, "V1"), (1, "V2"), (2, "V2"), (2, "V3")])]
    >>> check_plan(es, source="plan.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PlanError: 2 problems:
    plan.json: $.plan_entries[1].film_set_id: film set 'S1' is at 'V2' in 2025-01 and at 'V1' ...
    plan.json: $.plan_entries[3].film_set_id: film set 'S1' is at 'V3' in 2025-02 and at 'V2' ...
    >>> check_plan(es[:1]) is None
    True
    """
    problems = []
    for i, first in set_conflicts(entries):
        e, f = entries[i], entries[first]
        what = (
            f"film set {e.film_set_id!r} is at {e.unit_id!r} in {e.year}-{e.month:02d} "
            f"and at {f.unit_id!r} ($.plan_entries[{first}])"
        )
        problems.append(Problem(what, file=source, field=f"$.plan_entries[{i}].film_set_id"))
    if problems:
        raise PlanError(problems)
