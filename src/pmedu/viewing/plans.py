"""Station plans: one session a month per station, plan versus actual ([playing and
viewing][concept-viewing]).

A station plans one play-and-view session a month from the month it was established;
[`plan_counts`][pmedu.viewing.plans.plan_counts] gives each station's months held and planned,
[`plan_vs_actual`][pmedu.viewing.plans.plan_vs_actual] the stations due and those that held a
session, month by month, on the plan days of a
[`SchedulePolicy`][pmedu.model.calendar.SchedulePolicy].

>>> import datetime as dt
>>> from pmedu.model import Station, ViewingSession
>>> plan_counts([Station(id="S", unit_id="V")],
...             [ViewingSession(id="1", station_id="S", date=dt.date(2025, 5, 10))], 2025)
{'S': (1, 12)}
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from pmedu.model.calendar import SchedulePolicy

__all__ = ["MonthPlan", "plan_counts", "plan_vs_actual"]


@attrs.frozen
class MonthPlan:
    """Plan versus actual for one month: stations due to hold a session, stations that did.

    >>> row = MonthPlan(month=8, plan_day=dt.date(2025, 8, 10), planned=2, held=1)
    >>> row.rate
    0.5
    >>> MonthPlan(month=1, plan_day=dt.date(2025, 1, 10), planned=0, held=0).rate is None
    True
    """

    month: int
    plan_day: dt.date
    planned: int
    held: int

    @property
    def rate(self) -> float | None:
        """``held / planned`` (``None`` when nothing was planned)."""
        return self.held / self.planned if self.planned else None


def _first_month(established: dt.date | None, year: int) -> int | None:
    if established is None or established.year < year:
        return 1
    if established.year > year:
        return None
    return established.month


def plan_counts(
    stations: Iterable[Any], sessions: Iterable[Any], year: int
) -> dict[str, tuple[int, int]]:
    """For each station: ``(months held, months planned)`` in ``year``.

    A station plans one session a month from the month it was established (every month when
    ``established`` is ``None`` or earlier). A month counts as held when at least one
    session took place at the station in that month; sessions before the station's first
    planned month do not count. ``stations`` need ``id`` and ``established``; ``sessions``
    need ``station_id`` and ``date``.

    >>> from pmedu.stations import Station
    >>> from pmedu.viewing import ViewingSession
    >>> st = [Station(id="S1", unit_id="V1"),
    ...       Station(id="S2", unit_id="V2", established=dt.date(2025, 7, 1))]
    >>> ss = [ViewingSession(id=str(i), station_id=s, date=d) for i, (s, d) in enumerate([
    ...     ("S1", "2025-01-10"), ("S1", "2025-01-20"), ("S1", "2025-02-10"),
    ...     ("S2", "2025-03-10"), ("S2", "2025-08-10")])]
    >>> plan_counts(st, ss, 2025)  # two sessions in January are one month held
    {'S1': (2, 12), 'S2': (1, 6)}
    """
    first = {s.id: _first_month(s.established, year) for s in stations}
    months: dict[str, set[int]] = defaultdict(set)
    for ses in sessions:
        if ses.date.year == year:
            months[ses.station_id].add(ses.date.month)
    out: dict[str, tuple[int, int]] = {}
    for sid, f in first.items():
        if f is None:
            out[sid] = (0, 0)
        else:
            out[sid] = (sum(1 for m in months.get(sid, ()) if m >= f), 13 - f)
    return out


def plan_vs_actual(
    stations: Iterable[Any],
    sessions: Iterable[Any],
    year: int,
    *,
    policy: SchedulePolicy | None = None,
) -> list[MonthPlan]:
    """Twelve [`MonthPlan`][pmedu.viewing.plans.MonthPlan] rows for ``year``: stations due and
    stations that held a session each month.

    >>> from pmedu.stations import Station
    >>> from pmedu.viewing import ViewingSession
    >>> rows = plan_vs_actual([Station(id="S", unit_id="V")],
    ...     [ViewingSession(id="1", station_id="S", date="2025-03-10")], 2025)
    >>> [(r.month, r.planned, r.held) for r in rows][1:3]
    [(2, 1, 0), (3, 1, 1)]
    """
    p = policy or SchedulePolicy()
    st = list(stations)
    first = {s.id: _first_month(s.established, year) for s in st}
    held: dict[int, set[str]] = defaultdict(set)
    for ses in sessions:
        f = first.get(ses.station_id)
        if ses.date.year == year and f is not None and ses.date.month >= f:
            held[ses.date.month].add(ses.station_id)
    days = p.plan_days(year)
    return [
        MonthPlan(
            month=m,
            plan_day=days[m - 1],
            planned=sum(1 for f in first.values() if f is not None and f <= m),
            held=len(held[m]),
        )
        for m in range(1, 13)
    ]
