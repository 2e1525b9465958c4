"""Circulation (周转): how a township station rotates its sets among its villages.

[Seed 001][seed-001]: the township station rotates each set of films among its group of villages on
the monthly plan, so that every village sees every set.
[`circulation_plan`][pmedu.supply.circulation.circulation_plan] puts the township's villages (in the
tree's order) on a ring and splits it into one **circuit** per set, circuit sizes differing by at
most one. Each month every set moves on to the next village of the ring: through its own circuit
first, then on into the next circuit. So

* no set is ever at two villages in one month, and no village holds two sets at once;
* after ``months_to_complete`` months (the number of villages, or of sets when there are
  more sets than villages) every village has held every set exactly once.

With more sets than villages the extra slots of the ring are "in the station's library": a set there
is held but not in use that month. Utilisation 利用率 is set-months in use / set-months held. The
plan days are those of [`pmedu.model.calendar.plan_days`][pmedu.model.calendar.plan_days] with its
one e-education day 党员电教日 grammar ([`parse`][pmedu.model.calendar.EDay.parse]): a day of the
month (days past a month's end fall on its last day) or a weekday rule such as the first Friday
(``"FR(1)"``, ``"FR(+1)"``, ``"first Friday"`` or ``dateutil.rrule.FR(1)``). Given a
``calendar`` (a [`Calendar`][pmedu.model.calendar.Calendar]; by default the
[official one][pmedu.model.calendar.official_calendar]), the circulation dates are moved to the next
official working day, as the schedule's plan days are; a month in a year it has no data for is a
[`PolicyError`][pmedu.errors.PolicyError] naming the year (``calendar=None``: no official calendar,
the dates are the e-education days as they fall).

>>> from pmedu import OrgTree, Unit
>>> units = [Unit(id="T", name="东镇", kind="镇")]
>>> units += [Unit(id=f"V{i}", name=f"村{i}", kind="村", parent_id="T") for i in range(1, 6)]
>>> plan = circulation_plan(OrgTree.from_units(units), "T", 2, "2024-01-01", day=10)
>>> plan.circuits
(('V1', 'V2', 'V3'), ('V4', 'V5'))
>>> [plan.at(m, 1) for m in range(6)]
['V1', 'V2', 'V3', 'V4', 'V5', 'V1']
>>> # 10 February 2024 is in the Spring Festival break: Sunday 18 February is a make-up working day
>>> plan.months_to_complete, str(plan.utilisation), plan.dates[1].isoformat()
(5, '1', '2024-02-18')
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, Literal

import attrs
from dateutil import rrule

from pmedu.errors import CirculationError, UnknownUnitError
from pmedu.labels import UnitKind
from pmedu.model.calendar import Calendar, EDay, parse_date
from pmedu.model.calendar import plan_days as _calendar_plan_days
from pmedu.network import OrgTree
from pmedu.supply.policy import SupplyPolicy

__all__ = [
    "CirculationError",
    "CirculationPlan",
    "circulation_plan",
    "monthly_plan_days",
]

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)
_BAD_DAY = "day must be 1–31 or a weekday rule such as 'FR(1)', got {!r}"


def _eday(day: int | str | EDay | rrule.weekday) -> EDay:
    """``day`` as an [`EDay`][pmedu.model.calendar.EDay]: a day of the month, a rule of
    [EDay.parse][pmedu.model.calendar.EDay.parse] (``"FR(1)"``, ``"fr"``, ``"first
    Friday"``) or a `dateutil` weekday (``rrule.FR(1)``; ``rrule.FR`` is the first)."""
    if isinstance(day, EDay):
        return day
    try:
        if isinstance(day, rrule.weekday):
            return EDay(weekday=day.weekday, nth=day.n or 1)
        if isinstance(day, str) or (isinstance(day, int) and not isinstance(day, bool)):
            return EDay.parse(day)
    except ValueError:
        pass
    raise CirculationError(_BAD_DAY.format(day))


def _start(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return parse_date(value)
    except (TypeError, ValueError):
        raise CirculationError(f"start must be a date (YYYY-MM-DD), got {value!r}") from None


def monthly_plan_days(
    start: dt.date | str,
    months: int,
    *,
    day: int | str | EDay | rrule.weekday = 1,
    calendar: Calendar | Literal["official"] | None = "official",
    on_holiday: str = "next_working_day",
) -> list[dt.date]:
    """The e-education day of each of ``months`` months, the first on or after ``start``:
    [`pmedu.model.calendar.plan_days`][pmedu.model.calendar.plan_days] month after month.

    ``day`` is a day of the month 1–31 (in shorter months, the last day), an e-education
    day rule of [EDay.parse][pmedu.model.calendar.EDay.parse] (``"FR(1)"`` or
    ``"FR(+1)"`` the first Friday, ``"MO(-1)"`` the last Monday, ``"first Friday"``), an
    [`EDay`][pmedu.model.calendar.EDay] or a ``dateutil`` weekday (``rrule.MO(-1)``).

    >>> # Sunday 31 March 2024 moves to Monday 1 April (the official calendar is the default)
    >>> [d.isoformat() for d in monthly_plan_days("2024-01-15", 3, day=31)]
    ['2024-01-31', '2024-02-29', '2024-04-01']
    >>> [d.isoformat() for d in monthly_plan_days("2024-01-01", 2, day="FR(1)")]
    ['2024-01-05', '2024-02-02']
    >>> [d.isoformat() for d in monthly_plan_days("2024-03-01", 1, day=31, calendar=None)]
    ['2024-03-31']
    >>> from pmedu.model.calendar import official_calendar
    >>> [d.isoformat() for d in monthly_plan_days("2025-09-01", 2, day=1,
    ...                                          calendar=official_calendar())]
    ['2025-09-01', '2025-10-09']
    >>> monthly_plan_days("2024-01-01", 1, day=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.CirculationError: day must be 1–31 or a weekday rule ..., got 0
    """
    begin = _start(start)
    if isinstance(months, bool) or not isinstance(months, int) or months < 0:
        raise CirculationError(f"months must be a whole number >= 0, got {months!r}")
    eday = _eday(day)
    first = begin.year * 12 + begin.month - 1
    if eday.in_month(begin.year, begin.month) < begin:
        first += 1
    out: list[dt.date] = []
    for k in range(first, first + months):
        year, month0 = divmod(k, 12)
        out += _calendar_plan_days(
            year, eday, months=[month0 + 1], calendar=calendar, on_holiday=on_holiday
        )
    return out


def plan_days(
    start: dt.date | str, months: int, day: int | str | EDay | rrule.weekday = 1
) -> list[dt.date]:
    """[`monthly_plan_days`][pmedu.supply.circulation.monthly_plan_days] under its name of pmedu
    0.1.0 (``pmedu.supply.plan_days``), ``day`` still positional (callers of 0.1.0 pass it so).

    >>> plan_days("2024-01-20", 2, 10) == monthly_plan_days("2024-01-20", 2, day=10)
    True
    """
    return monthly_plan_days(start, months, day=day)


@attrs.frozen
class CirculationPlan:
    """The monthly rotation of a township's sets among its villages.

    Sets are numbered ``1 … sets``; months ``0 … months − 1`` fall on ``dates``.
    ``circuits[s − 1]`` is the circuit of set ``s``: the villages it visits first, in
    order. ``schedule[m][s − 1]`` is the village holding set ``s`` in month ``m`` (``None``:
    in the station's library that month).

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V1", name="石桥村", kind="村", parent_id="T"),
    ...     Unit(id="V2", name="河口村", kind="村", parent_id="T"),
    ...     Unit(id="V3", name="柳树村", kind="村", parent_id="T")])
    >>> p = circulation_plan(tree, "T", 2, "2025-01-01", months=3, day=15)
    >>> p.circuits, p.schedule
    ((('V1', 'V2'), ('V3',)), (('V1', 'V3'), ('V2', 'V1'), ('V3', 'V2')))
    >>> p.months, p.dates[1].isoformat(), p.holding(0), p.idle(0), p.at(2, 1)
    (3, '2025-02-17', {'V1': 1, 'V3': 2}, ('V2',), 'V3')
    >>> p.months_to_complete, p.utilisation, p.unserved
    (3, Fraction(1, 1), ())
    """

    township_id: str
    villages: tuple[str, ...]
    sets: int
    dates: tuple[dt.date, ...]
    circuits: tuple[tuple[str, ...], ...]
    schedule: tuple[tuple[str | None, ...], ...]
    months_to_complete: int | None

    @property
    def months(self) -> int:
        """How many months are planned."""
        return len(self.dates)

    def at(self, month: int, set_no: int) -> str | None:
        """The village holding set ``set_no`` (1-based) in ``month`` (0-based)."""
        if not 1 <= set_no <= self.sets:
            raise CirculationError(f"there is no set {set_no}: sets are 1 … {self.sets}")
        return _slot(self.villages, self.sets, month, set_no - 1)

    def holding(self, month: int) -> dict[str, int]:
        """Village → the set it holds in ``month`` (villages without a set are absent)."""
        return {v: s + 1 for s, v in enumerate(self.schedule[month]) if v is not None}

    def idle(self, month: int) -> tuple[str, ...]:
        """The villages without any set in ``month``."""
        held = set(self.schedule[month])
        return tuple(v for v in self.villages if v not in held)

    @property
    def unserved(self) -> tuple[str, ...]:
        """Villages that get no set at all within the planned months (too few sets)."""
        served = {v for row in self.schedule for v in row}
        return tuple(v for v in self.villages if v not in served)

    @property
    def utilisation(self) -> Fraction | None:
        """Set-months in use / set-months held (``None`` when no set is held or planned)."""
        held = self.sets * self.months
        if not held:
            return None
        used = sum(1 for row in self.schedule for v in row if v is not None)
        return Fraction(used, held)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per set and month: ``month`` (1-based), ``date``, ``set``,
        ``village`` (``None`` when the set is in the library).

        >>> from pmedu import OrgTree, Unit
        >>> t = OrgTree.from_units([Unit(id="T", name="镇", kind="镇"),
        ...                         Unit(id="V", name="村", kind="村", parent_id="T")])
        >>> circulation_plan(t, "T", 1, "2024-03-01", months=1).to_records()
        [{'month': 1, 'date': '2024-03-01', 'set': 1, 'village': 'V'}]
        """
        return [
            {"month": m + 1, "date": d.isoformat(), "set": s + 1, "village": v}
            for m, (d, row) in enumerate(zip(self.dates, self.schedule, strict=True))
            for s, v in enumerate(row)
        ]


def _slot(villages: tuple[str, ...], sets: int, month: int, s: int) -> str | None:
    """Set ``s`` (0-based) in ``month``: slot ``(offset_s + month) mod N`` of a ring of
    ``N = max(villages, sets)`` slots, the first ``len(villages)`` being the villages."""
    v = len(villages)
    ring = max(v, sets)
    base, extra = divmod(ring, sets)
    offset = s * base + min(s, extra)
    k = (offset + month) % ring
    return villages[k] if k < v else None


def circulation_plan(
    tree: OrgTree,
    township_id: str,
    sets: int,
    start: dt.date | str,
    *,
    months: int = 12,
    day: int | str | EDay | rrule.weekday = 1,
    policy: SupplyPolicy | None = None,
    calendar: Calendar | Literal["official"] | None = "official",
) -> CirculationPlan:
    """The monthly rotation of ``sets`` sets among the villages of ``township_id``.

    ``start`` is the first month (a date or ``YYYY-MM-DD``); ``day`` the e-education day (see
    [`monthly_plan_days`][pmedu.supply.circulation.monthly_plan_days]); the villages are the
    township's units of the policy's ``village_kinds`` (administrative villages by default), in the
    tree's order. The dates are moved to the next official working day of ``calendar`` (the
    official one by default; ``None``: not moved).

    >>> from pmedu import OrgTree, Unit
    >>> units = [Unit(id="T", name="东镇", kind="镇")]
    >>> units += [Unit(id=f"V{i}", name="村", kind="村", parent_id="T") for i in range(1, 4)]
    >>> p = circulation_plan(OrgTree.from_units(units), "T", 1, "2024-01-01", months=2)
    >>> p.unserved, p.idle(0), p.months_to_complete
    (('V3',), ('V2', 'V3'), 3)
    >>> p = circulation_plan(OrgTree.from_units(units), "T", 4, "2024-01-01", months=4)
    >>> p.circuits, p.utilisation
    ((('V1',), ('V2',), ('V3',), ()), Fraction(3, 4))
    """
    if township_id not in tree:
        raise UnknownUnitError(f"unknown unit id {township_id!r}")
    if isinstance(sets, bool) or not isinstance(sets, int) or sets < 0:
        raise CirculationError(f"sets must be a whole number >= 0, got {sets!r}")
    pol = policy or SupplyPolicy()
    kinds = tuple(pol.village_kinds)
    villages = tuple(
        u.id for u in tree.units(kind=kinds, within=township_id) if u.id != township_id
    )
    dates = tuple(monthly_plan_days(start, months, day=day, calendar=calendar))
    v = len(villages)
    if sets == 0 or v == 0:
        circuits: tuple[tuple[str, ...], ...] = tuple(() for _ in range(sets))
        schedule: tuple[tuple[str | None, ...], ...] = tuple(
            tuple(None for _ in range(sets)) for _ in dates
        )
        return CirculationPlan(township_id, villages, sets, dates, circuits, schedule, None)
    ring = max(v, sets)
    base, extra = divmod(ring, sets)
    out_circuits = []
    for s in range(sets):
        offset = s * base + min(s, extra)
        size = base + (1 if s < extra else 0)
        out_circuits.append(tuple(villages[k] for k in range(offset, offset + size) if k < v))
    schedule = tuple(
        tuple(_slot(villages, sets, m, s) for s in range(sets)) for m in range(len(dates))
    )
    return CirculationPlan(township_id, villages, sets, dates, tuple(out_circuits), schedule, ring)
