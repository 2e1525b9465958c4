"""The yearly calendar: e-education days, the yearly cycle and submission deadlines.

[playing and viewing][concept-viewing], [splitting a target][howto-split-target], [the
assessment][concept-assessment]. Township stations hold a monthly play-and-view session on the
e-education day 党员电教日 ([seed 000][seed-000]): an [`EDay`][pmedu.model.calendar.EDay] is either
a fixed day of the month (clamped to the month's last day, so ``31`` means "the last day" in short
months) or an nth weekday ("first Friday", "last Friday"), computed with `dateutil.relativedelta`.

**Holidays.** When the plan day falls on a holiday in the user's list (or on a weekend when
``weekends_off`` is set), it moves to the **next working day in the same month**; if the
month has none left, to the latest working day before it. Every month in range therefore
has exactly one plan day (a month with no working day at all is a
[`PolicyError`][pmedu.errors.PolicyError]).

The yearly cycle ([seed 000][seed-000]): deployment at the start of the year 年初部署, a mid-year
spot check 年中抽查, the year-end assessment 年底考核; production deadline 31 December ([seed
002][seed-002]) and the quarterly information deadlines (two items per quarter, [seed
002][seed-002]). All dates are fields of [`SchedulePolicy`][pmedu.model.calendar.SchedulePolicy],
never constants.

>>> import datetime as dt
>>> eday = EDay.parse("first Friday")
>>> plan_days(2025, eday, months=[1, 2])
[datetime.date(2025, 1, 3), datetime.date(2025, 2, 7)]
>>> plan_days(2025, EDay(day=1), holidays=[dt.date(2025, 1, 1)], months=[1])
[datetime.date(2025, 1, 2)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from attrs import validators as v
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from pmedu.errors import PolicyError, Problem
from pmedu.labels import LabelledEnum
from pmedu.model.bounds import not_text
from pmedu.validators import parse_date as _parse_date

__all__ = [
    "CycleEvent",
    "EDay",
    "Milestone",
    "SchedulePolicy",
    "on_day",
    "one_of",
    "parse_date",
    "plan_days",
    "yearly_cycle",
]

_WD_NAMES = {
    "mo": 0, "monday": 0, "周一": 0, "星期一": 0,
    "tu": 1, "tuesday": 1, "周二": 1, "星期二": 1,
    "we": 2, "wednesday": 2, "周三": 2, "星期三": 2,
    "th": 3, "thursday": 3, "周四": 3, "星期四": 3,
    "fr": 4, "friday": 4, "周五": 4, "星期五": 4,
    "sa": 5, "saturday": 5, "周六": 5, "星期六": 5,
    "su": 6, "sunday": 6, "周日": 6, "星期日": 6, "星期天": 6,
}  # fmt: skip


def one_of(options: Sequence[Any]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """An attrs validator: the value is one of ``options``.

    >>> one_of([1, 2])(None, attrs.fields(EDay).nth, 3)
    Traceback (most recent call last):
    ...
    ValueError: 'nth' must be one of 1, 2: 3
    """

    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in options:
            shown = ", ".join(repr(o) for o in options)
            raise ValueError(f"'{attribute.name}' must be one of {shown}: {value!r}")

    return check


_NTH_NAMES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "第一个": 1,
              "第二个": 2, "第三个": 3, "第四个": 4, "最后一个": -1}  # fmt: skip


def _opt_day(_inst: Any, _a: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and 1 <= value <= 31):
        raise ValueError(f"'day' must be 1…31: {value!r}")


@attrs.frozen
class EDay:
    """The e-education day 党员电教日: a fixed ``day`` of the month, or the ``nth``
    ``weekday`` (0 = Monday … 6 = Sunday; ``nth`` 1…4 or -1 for the last).

    >>> EDay(day=31).in_month(2025, 2)
    datetime.date(2025, 2, 28)
    >>> EDay(weekday=4, nth=-1).in_month(2025, 1)
    datetime.date(2025, 1, 31)
    >>> EDay()
    Traceback (most recent call last):
    ...
    ValueError: give either 'day' or 'weekday'
    """

    day: int | None = attrs.field(default=None, validator=_opt_day)
    weekday: int | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(int), v.ge(0), v.le(6)])
    )
    nth: int = attrs.field(default=1, validator=one_of([1, 2, 3, 4, -1]))

    def __attrs_post_init__(self) -> None:
        if (self.day is None) == (self.weekday is None):
            raise ValueError("give either 'day' or 'weekday'")

    @classmethod
    def parse(cls, text: str | int) -> EDay:
        """``"10"`` (fixed day), ``"first Friday"``, ``"last fr"``, ``"FR(+1)"`` (also
        ``"FR(1)"``), ``"第一个周五"``; a bare weekday (``"fr"``, ``"周五"``) is the first.

        >>> EDay.parse("10"), EDay.parse("FR(-1)")
        (EDay(day=10, weekday=None, nth=1), EDay(day=None, weekday=4, nth=-1))
        >>> EDay.parse("fr") == EDay.parse("FR(1)") == EDay.parse("first Friday")
        True
        """
        if isinstance(text, int):
            return cls(day=text)
        t = text.strip().lower()
        if t.isdigit():
            return cls(day=int(t))
        m = re.fullmatch(r"([a-z]{2})\s*\(\s*([+-]?\d)\s*\)", t)
        if m and m.group(1) in _WD_NAMES:
            return cls(weekday=_WD_NAMES[m.group(1)], nth=int(m.group(2)))
        if t in _WD_NAMES:  # a bare weekday is its first in the month
            return cls(weekday=_WD_NAMES[t])
        for nth_name, nth in _NTH_NAMES.items():
            if t.startswith(nth_name):
                rest = t[len(nth_name) :].strip()
                if rest in _WD_NAMES:
                    return cls(weekday=_WD_NAMES[rest], nth=nth)
        raise ValueError(
            f'unknown e-education day {text!r}: use a day of month ("10") or a rule '
            'such as "first Friday", "last Friday" or "FR(+1)"'
        )

    def in_month(self, year: int, month: int) -> dt.date:
        """The unmoved plan day in ``year``-``month``."""
        first = dt.date(year, month, 1)
        if self.day is not None:
            return first + relativedelta(day=self.day)
        assert self.weekday is not None
        wd: weekday = (MO, TU, WE, TH, FR, SA, SU)[self.weekday]
        if self.nth > 0:
            return first + relativedelta(day=1, weekday=wd(+self.nth))
        return first + relativedelta(day=31, weekday=wd(-1))


def _working(d: dt.date, holidays: frozenset[dt.date], weekends_off: bool) -> bool:
    return d not in holidays and not (weekends_off and d.weekday() >= 5)


def plan_days(
    year: int,
    eday: EDay,
    *,
    holidays: Iterable[dt.date] = (),
    weekends_off: bool = False,
    months: Iterable[int] | None = None,
) -> list[dt.date]:
    """The monthly plan days of ``year`` (``months`` 1…12 by default), moved off holidays:
    to the next working day in the same month, else the latest working day before it.

    >>> import datetime as dt
    >>> plan_days(2025, EDay(day=31), holidays=[dt.date(2025, 1, 31)], months=[1])
    [datetime.date(2025, 1, 30)]
    """
    hol = frozenset(holidays)
    out: list[dt.date] = []
    for m in range(1, 13) if months is None else months:
        d = eday.in_month(year, m)
        if not _working(d, hol, weekends_off):
            end = d + relativedelta(day=31)
            nxt = d
            while nxt <= end and not _working(nxt, hol, weekends_off):
                nxt += dt.timedelta(days=1)
            if nxt > end:
                nxt = d
                while nxt.month == m and not _working(nxt, hol, weekends_off):
                    nxt -= dt.timedelta(days=1)
                if nxt.month != m:
                    raise PolicyError(
                        [Problem(f"{year}-{m:02d} has no working day for the plan day")]
                    )
            d = nxt
        out.append(d)
    return out


_MMDD = re.compile(r"(\d{1,2})-(\d{1,2})")


def _mmdd(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        m = _MMDD.fullmatch(item) if isinstance(item, str) else None
        ok = False
        if m:
            try:
                dt.date(2024, int(m.group(1)), int(m.group(2)))
                ok = True
            except ValueError:
                ok = False
        if not ok:
            raise ValueError(f"'{attribute.name}' must be month-day 'MM-DD': {item!r}")


def parse_date(value: Any) -> dt.date:
    """A date from a ``datetime.date`` or a string in one of the forms of
    [`pmedu.validators.parse_date`][pmedu.validators.parse_date] (the one date parser:
    ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY.M.D``, ``YYYY年M月D日``; never ``20250310``, ISO weeks
    or two-digit years). A bad string raises `ValueError`, anything else (a ``datetime`` too)
    `TypeError`.

    >>> parse_date(" 2025-03-10 "), parse_date("2025/3/9")
    (datetime.date(2025, 3, 10), datetime.date(2025, 3, 9))
    >>> parse_date("20250310")
    Traceback (most recent call last):
    ...
    ValueError: must be a date like 2025-03-10, got '20250310'
    >>> parse_date(20250310)
    Traceback (most recent call last):
    ...
    TypeError: expected a date (YYYY-MM-DD), got 20250310
    """
    if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
        raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")
    return _parse_date(value)


def on_day(year: int, mmdd: str) -> dt.date:
    """The date of month-day ``mmdd`` in ``year`` (``"02-29"`` falls on 28 February in a
    common year).

    >>> on_day(2025, "02-29"), on_day(2024, "12-31")
    (datetime.date(2025, 2, 28), datetime.date(2024, 12, 31))
    """
    m, d = (int(x) for x in mmdd.split("-"))
    return dt.date(year, m, 1) + relativedelta(day=d)


def _eday(value: Any) -> EDay:
    if isinstance(value, EDay):
        return value
    if isinstance(value, str | int):
        return EDay.parse(value)
    if isinstance(value, dict):
        return EDay(**value)
    raise TypeError(f"expected an e-education day, got {value!r}")


def _dates(value: Any) -> tuple[dt.date, ...]:
    return tuple(sorted({parse_date(d) for d in not_text(value)}))


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(not_text(value))


@attrs.frozen
class SchedulePolicy:
    """The calendar's parameters (all dates ``"MM-DD"``; defaults from seeds [000][seed-000] and
    [002][seed-002]).

    >>> p = SchedulePolicy()
    >>> p.eday, p.production_deadline, p.info_deadlines[0], p.info_per_quarter
    (EDay(day=10, weekday=None, nth=1), '12-31', '03-31', 2)
    >>> SchedulePolicy(eday="first Friday").eday.weekday
    4
    """

    eday: EDay = attrs.field(default=EDay(day=10), converter=_eday)
    holidays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)
    weekends_off: bool = False
    deployment: str = attrs.field(default="01-31", validator=_mmdd)
    spot_check: str = attrs.field(default="06-30", validator=_mmdd)
    assessment: str = attrs.field(default="12-31", validator=_mmdd)
    production_deadline: str = attrs.field(default="12-31", validator=_mmdd)
    info_deadlines: tuple[str, ...] = attrs.field(
        default=("03-31", "06-30", "09-30", "12-31"), converter=_texts, validator=_mmdd
    )
    info_per_quarter: int = attrs.field(default=2, validator=[v.instance_of(int), v.ge(0)])

    @info_deadlines.validator
    def _four(self, _a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if len(value) != 4:
            raise ValueError(f"'info_deadlines' needs 4 dates, one per quarter: {value!r}")

    def plan_days(self, year: int) -> list[dt.date]:
        """The twelve plan days of ``year`` under this policy.

        >>> SchedulePolicy(eday="last Friday").plan_days(2025)[0]
        datetime.date(2025, 1, 31)
        """
        return plan_days(year, self.eday, holidays=self.holidays, weekends_off=self.weekends_off)

    def production_due(self, year: int) -> dt.date:
        """The production deadline of ``year`` (31 December by default).

        >>> SchedulePolicy().production_due(2025)
        datetime.date(2025, 12, 31)
        """
        return on_day(year, self.production_deadline)

    def info_due(self, year: int, quarter: int) -> dt.date:
        """The information deadline of ``quarter`` (1…4) in ``year``.

        >>> SchedulePolicy().info_due(2025, 3)
        datetime.date(2025, 9, 30)
        """
        return on_day(year, self.info_deadlines[quarter - 1])


class CycleEvent(LabelledEnum):
    """The events of the yearly cycle ([seed 000][seed-000]; [the assessment][concept-assessment]).

    >>> CycleEvent.parse("年中抽查") is CycleEvent.SPOT_CHECK
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "cycle event"

    DEPLOYMENT = ("deployment", "年初部署", ())
    PLAN_DAY = ("plan_day", "党员电教日", ("e_education_day",))
    INFO_DEADLINE = ("info_deadline", "信息报送截止", ())
    SPOT_CHECK = ("spot_check", "年中抽查", ())
    PRODUCTION_DEADLINE = ("production_deadline", "制片截止", ())
    ASSESSMENT = ("assessment", "年底考核", ())


@attrs.frozen
class Milestone:
    """A dated event of the yearly cycle.

    >>> m = yearly_cycle(2025)[1]
    >>> m.date.isoformat(), m.event, m.event.label, m.note
    ('2025-01-31', <CycleEvent.DEPLOYMENT: 'deployment'>, '年初部署', '')
    >>> Milestone(dt.date(2025, 3, 10), CycleEvent.PLAN_DAY, "3月播放收看").note
    '3月播放收看'
    """

    date: dt.date
    event: CycleEvent
    note: str = ""


def yearly_cycle(year: int, *, policy: SchedulePolicy | None = None) -> list[Milestone]:
    """Every dated event of ``year`` in date order (ties in
    [`CycleEvent`][pmedu.model.calendar.CycleEvent] order).

    >>> [(m.date.isoformat(), m.event.label) for m in yearly_cycle(2025)][:3]
    [('2025-01-10', '党员电教日'), ('2025-01-31', '年初部署'), ('2025-02-10', '党员电教日')]
    >>> len(yearly_cycle(2025))
    20
    """
    p = policy or SchedulePolicy()
    ms = [Milestone(on_day(year, p.deployment), CycleEvent.DEPLOYMENT)]
    ms += [Milestone(d, CycleEvent.PLAN_DAY, f"{d.month}月播放收看") for d in p.plan_days(year)]
    ms += [Milestone(p.info_due(year, q), CycleEvent.INFO_DEADLINE, f"Q{q}") for q in range(1, 5)]
    ms.append(Milestone(on_day(year, p.spot_check), CycleEvent.SPOT_CHECK))
    ms.append(Milestone(p.production_due(year), CycleEvent.PRODUCTION_DEADLINE))
    ms.append(Milestone(on_day(year, p.assessment), CycleEvent.ASSESSMENT))
    order = list(CycleEvent)
    return sorted(ms, key=lambda m: (m.date, order.index(m.event)))
