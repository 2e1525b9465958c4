"""The yearly calendar: e-education days, the yearly cycle and submission deadlines.

[playing and viewing][concept-viewing], [splitting a target][howto-split-target], [the
assessment][concept-assessment]. Township stations hold a monthly play-and-view session on the
e-education day 党员电教日 ([seed 000][seed-000]): an [`EDay`][pmedu.model.calendar.EDay] is either
a fixed day of the month (clamped to the month's last day, so ``31`` means "the last day" in short
months) or an nth weekday ("first Friday", "last Friday"), computed with `dateutil.relativedelta`.

**The official calendar.** [`Calendar`][pmedu.model.calendar.Calendar] holds China's public
holidays and make-up working days 调休上班 year by year;
[`official_calendar`][pmedu.model.calendar.official_calendar] is the one shipped with pmedu
(2024–2026, typed in from the State Council's notices; the format is documented in
``pmedu/model/holidays/cn.toml``, and ``pmedu.io.calendar.load_calendar`` merges a centre's own
file over it). An official working day is not a holiday and is a weekday or a make-up working
day. The official calendar is the default: a
[`SchedulePolicy`][pmedu.model.calendar.SchedulePolicy] moves its deadlines to the next official
working day and its plan days too (``plan_day_on_holiday="next_working_day"``, the default) or
keeps them (``"keep"``); a year the calendar has no data for is a
[`PolicyError`][pmedu.errors.PolicyError] naming the year, never a weekends-only guess.

**Holidays without a calendar** (``calendar=None``, chosen explicitly). When the plan day falls
on a holiday in the user's list (or on a weekend when ``weekends_off`` is set), it moves to the
**next working day in the same month**; if the month has none left, to the latest working day
before it. Every month in range therefore has exactly one plan day (a month with no working day
at all is a [`PolicyError`][pmedu.errors.PolicyError]).

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
>>> plan_days(2025, EDay(day=1), months=[5])   # 劳动节 1–5 May 2025
[datetime.date(2025, 5, 6)]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, Literal

import attrs
from attrs import validators as v
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from pmedu.errors import PolicyError, Problem
from pmedu.labels import LabelledEnum
from pmedu.model.bounds import not_text
from pmedu.validators import parse_date as _parse_date

__all__ = [
    "Calendar",
    "CalendarYear",
    "CycleEvent",
    "EDay",
    "Milestone",
    "SchedulePolicy",
    "official_calendar",
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


def _date_list(
    value: Any, where: str, problems: list[Problem], source: str | None
) -> tuple[dt.date, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(
            Problem(f"must be a list of dates, got {value!r}", file=source, field=where)
        )
        return ()
    out: set[dt.date] = set()
    for i, item in enumerate(value):
        try:
            out.add(item if isinstance(item, dt.date) else parse_date(item))
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    f"must be a date like 2025-10-01, got {item!r}",
                    file=source,
                    field=f"{where}[{i}]",
                )
            )
    return tuple(sorted(out))


def _date_tuple(value: Any) -> tuple[dt.date, ...]:
    return tuple(sorted({parse_date(d) for d in not_text(value)}))


def _sorted_years(value: Iterable[CalendarYear]) -> tuple[CalendarYear, ...]:
    return tuple(sorted(value, key=lambda y: y.year))


def _day_set(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(value)


@attrs.frozen
class CalendarYear:
    """One year's notice: its ``holidays`` and make-up working days ``workdays``.

    >>> CalendarYear(2025, holidays=["2025-01-01"], workdays=["2025-01-26"]).workdays
    (datetime.date(2025, 1, 26),)
    """

    year: int = attrs.field(validator=[v.instance_of(int), v.ge(1949), v.le(9999)])
    holidays: tuple[dt.date, ...] = attrs.field(default=(), converter=_date_tuple)
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_date_tuple)
    source: str = ""


def _year_table(
    key: str, table: Any, source: str | None, problems: list[Problem]
) -> CalendarYear | None:
    if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
        problems.append(
            Problem(f"a table's name must be a year like 2027, got {key!r}", file=source)
        )
        return None
    if not isinstance(table, dict):
        problems.append(
            Problem("must be a table with holidays and workdays", file=source, field=key)
        )
        return None
    for extra in sorted(set(table) - {"holidays", "workdays", "source"}):
        problems.append(
            Problem(f"unknown key {extra!r} (holidays, workdays, source)", file=source, field=key)
        )
    hol = _date_list(table.get("holidays"), f"{key}.holidays", problems, source)
    work = _date_list(table.get("workdays"), f"{key}.workdays", problems, source)
    for d in sorted(set(hol) & set(work)):
        problems.append(
            Problem(f"{d} is both a holiday and a make-up working day", file=source, field=key)
        )
    for d in work:
        if d.weekday() < 5:
            problems.append(
                Problem(
                    f"make-up working day {d} is not a Saturday or Sunday",
                    file=source,
                    field=f"{key}.workdays",
                )
            )
    return CalendarYear(int(key), hol, work, str(table.get("source", "")))


@attrs.frozen(repr=False)
class Calendar:
    """China's official calendar: per year, its public holidays and make-up working days.

    An official working day is not a holiday and is a weekday or a make-up working day;
    ``extra_holidays`` (a policy's own list) are days off on top of the notices.

    >>> cal = official_calendar()
    >>> cal
    Calendar(covered=(2024, 2025, 2026))
    >>> cal.is_working_day(dt.date(2026, 2, 14))   # a Saturday, a make-up working day
    True
    >>> cal.next_working_day(dt.date(2025, 10, 1))
    datetime.date(2025, 10, 9)
    >>> cal.next_working_day(dt.date(2031, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 1 problem:
    the calendar has no data for 2031: add the year's holidays and make-up working days ...
    """

    years: tuple[CalendarYear, ...] = attrs.field(default=(), converter=_sorted_years)
    extra_holidays: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_day_set)
    _index: dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __repr__(self) -> str:
        extra = f", extra_holidays={len(self.extra_holidays)}" if self.extra_holidays else ""
        return f"Calendar(covered={self.covered}{extra})"

    def __attrs_post_init__(self) -> None:
        index: dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]] = {}
        for y in self.years:
            index[y.year] = (frozenset(y.holidays), frozenset(y.workdays))
        object.__setattr__(self, "_index", index)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str | None = None) -> Calendar:
        """A calendar from the calendar file format (a table per year; see
        ``pmedu/model/holidays/cn.toml``); every problem reported at once.

        >>> Calendar.from_mapping({"2027": {"holidays": ["2027-01-01"]}}).covered
        (2027,)
        >>> Calendar.from_mapping({"2027": {"workdays": ["2027-01-04"]}}, source="my.toml")
        Traceback (most recent call last):
        ...
        pmedu.errors.PolicyError: 1 problem:
        my.toml: 2027.workdays: make-up working day 2027-01-04 is not a Saturday or Sunday
        """
        problems: list[Problem] = []
        years = [_year_table(k, t, source, problems) for k, t in data.items()]
        if problems:
            raise PolicyError(problems)
        return cls(tuple(y for y in years if y is not None))

    @property
    def covered(self) -> tuple[int, ...]:
        """The years the calendar has data for.

        >>> official_calendar().covered
        (2024, 2025, 2026)
        """
        return tuple(y.year for y in self.years)

    def merged(self, other: Calendar) -> Calendar:
        """This calendar with ``other`` over it: a year in ``other`` replaces this one's.

        >>> c = official_calendar().merged(Calendar((CalendarYear(2027, ["2027-01-01"]),)))
        >>> c.covered
        (2024, 2025, 2026, 2027)
        """
        mine = {y.year: y for y in self.years} | {y.year: y for y in other.years}
        return Calendar(tuple(mine.values()), self.extra_holidays | other.extra_holidays)

    def with_holidays(self, days: Iterable[dt.date]) -> Calendar:
        """This calendar with ``days`` off as well (a policy's own holiday list).

        >>> official_calendar().with_holidays([dt.date(2025, 3, 10)]).is_working_day(
        ...     dt.date(2025, 3, 10))
        False
        """
        return Calendar(self.years, self.extra_holidays | frozenset(days))

    def _year(self, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        try:
            return self._index[year]
        except KeyError:
            what = (
                f"the calendar has no data for {year}: add the year's holidays and make-up "
                "working days (--calendar FILE)"
            )
            raise PolicyError([Problem(what)]) from None

    def check_year(self, year: int) -> None:
        """A [`PolicyError`][pmedu.errors.PolicyError] naming ``year`` when it has no data.

        >>> official_calendar().check_year(2025)
        """
        self._year(year)

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is an official working day.

        >>> official_calendar().is_working_day(dt.date(2025, 5, 2))
        False
        """
        holidays, workdays = self._year(d.year)
        if d in holidays or d in self.extra_holidays:
            return False
        return d.weekday() < 5 or d in workdays

    def next_working_day(self, d: dt.date) -> dt.date:
        """``d`` when it is an official working day, else the first one after it.

        >>> official_calendar().next_working_day(dt.date(2026, 2, 13))
        datetime.date(2026, 2, 13)
        >>> official_calendar().next_working_day(dt.date(2026, 2, 15))
        datetime.date(2026, 2, 24)
        """
        while not self.is_working_day(d):
            d += dt.timedelta(days=1)
        return d


@functools.cache
def official_calendar() -> Calendar:
    """The calendar shipped with pmedu: the State Council's notices for 2024, 2025 and 2026.

    >>> official_calendar().is_working_day(dt.date(2025, 9, 28))   # a Sunday, a make-up day
    True
    """
    text = resources.files("pmedu.model").joinpath("holidays/cn.toml").read_text("utf-8")
    return Calendar.from_mapping(tomllib.loads(text), source="pmedu/model/holidays/cn.toml")


ON_HOLIDAY = ("next_working_day", "keep")


def _on_calendar(
    year: int, eday: EDay, months: Iterable[int], cal: Calendar, on_holiday: str
) -> list[dt.date]:
    cal.check_year(year)
    days = [eday.in_month(year, m) for m in months]
    if on_holiday == "keep":
        return days
    return [cal.next_working_day(d) for d in days]


def plan_days(
    year: int,
    eday: EDay,
    *,
    holidays: Iterable[dt.date] = (),
    weekends_off: bool = False,
    months: Iterable[int] | None = None,
    calendar: Calendar | Literal["official"] | None = "official",
    on_holiday: str = "next_working_day",
) -> list[dt.date]:
    """The monthly plan days of ``year`` (``months`` 1…12 by default).

    With a ``calendar`` (the [official one][pmedu.model.calendar.official_calendar] by default),
    a plan day that is not an official working day moves to the next official working day
    (``on_holiday="next_working_day"``) or stays (``"keep"``); the ``holidays`` are days off on
    top of the calendar's, and a year the calendar has no data for is a
    [`PolicyError`][pmedu.errors.PolicyError] naming it. With ``calendar=None`` (no official
    calendar, chosen explicitly), plan days move off the ``holidays`` (and weekends when
    ``weekends_off``) to the next working day in the same month, else the latest working day
    before it.

    31 January 2025 is in the Spring Festival break (28 January – 4 February, State Council
    notice 国办发明电〔2024〕12号), so the plan day moves to Wednesday 5 February; with no
    official calendar and only that day off, it went back to 30 January:

    >>> import datetime as dt
    >>> plan_days(2025, EDay(day=31), holidays=[dt.date(2025, 1, 31)], months=[1])
    [datetime.date(2025, 2, 5)]
    >>> plan_days(2025, EDay(day=31), holidays=[dt.date(2025, 1, 31)], months=[1], calendar=None)
    [datetime.date(2025, 1, 30)]
    >>> plan_days(2025, EDay(day=1), months=[10])
    [datetime.date(2025, 10, 9)]
    """
    hol = frozenset(holidays)
    wanted = range(1, 13) if months is None else months
    calendar = _calendar(calendar)
    if calendar is not None:
        if on_holiday not in ON_HOLIDAY:
            raise PolicyError(
                [Problem(f"plan_day_on_holiday must be one of {ON_HOLIDAY}, got {on_holiday!r}")]
            )
        return _on_calendar(year, eday, wanted, calendar.with_holidays(hol), on_holiday)
    out: list[dt.date] = []
    for m in wanted:
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


def _calendar(value: Any) -> Calendar | None:
    if value is None or isinstance(value, Calendar):
        return value
    if value == "official":
        return official_calendar()
    raise TypeError(f"expected a Calendar, 'official' or None, got {value!r}")


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

    ``calendar`` (a [`Calendar`][pmedu.model.calendar.Calendar]; by default, or given as
    ``"official"``, the [shipped one][pmedu.model.calendar.official_calendar], DOMAIN §11) moves
    the deadlines to the next official working day, and the plan days too unless
    ``plan_day_on_holiday="keep"`` (a county holding its sessions at the Spring Festival for
    members home from work elsewhere); ``holidays`` are then added to the calendar. A year the
    calendar has no data for is a [`PolicyError`][pmedu.errors.PolicyError] naming the year.
    ``calendar=None`` is the explicit choice of no official calendar: only ``holidays`` and
    ``weekends_off`` (the behaviour of pmedu 0.1).

    >>> p = SchedulePolicy(eday=1)
    >>> p.plan_days(2026)[:2], p.info_due(2025, 2)
    ([datetime.date(2026, 1, 4), datetime.date(2026, 2, 2)], datetime.date(2025, 6, 30))
    >>> SchedulePolicy(eday=1, plan_day_on_holiday="keep").plan_days(2026)[0]
    datetime.date(2026, 1, 1)
    >>> SchedulePolicy(eday=1, calendar=None).plan_days(2026)[0]
    datetime.date(2026, 1, 1)
    >>> SchedulePolicy().plan_days(2031)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 1 problem:
    the calendar has no data for 2031: ...
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
    calendar: Calendar | None = attrs.field(
        factory=official_calendar, kw_only=True, converter=_calendar
    )
    plan_day_on_holiday: str = attrs.field(
        default="next_working_day", kw_only=True, validator=one_of(ON_HOLIDAY)
    )

    def official(self) -> Calendar | None:
        """The calendar with the policy's own ``holidays`` added (``None`` without one).

        >>> SchedulePolicy(calendar="official", holidays=["2025-03-10"]).official(
        ...     ).is_working_day(dt.date(2025, 3, 10))
        False
        """
        if self.calendar is None:
            return None
        return self.calendar.with_holidays(self.holidays)

    def _due(self, d: dt.date) -> dt.date:
        cal = self.official()
        return d if cal is None else cal.next_working_day(d)

    @info_deadlines.validator
    def _four(self, _a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if len(value) != 4:
            raise ValueError(f"'info_deadlines' needs 4 dates, one per quarter: {value!r}")

    def plan_days(self, year: int) -> list[dt.date]:
        """The twelve plan days of ``year`` under this policy.

        >>> SchedulePolicy(eday="last Friday").plan_days(2025)[0]   # 春节 28 Jan – 4 Feb
        datetime.date(2025, 2, 5)
        >>> SchedulePolicy(eday="last Friday", plan_day_on_holiday="keep").plan_days(2025)[0]
        datetime.date(2025, 1, 31)
        """
        return plan_days(
            year,
            self.eday,
            holidays=self.holidays,
            weekends_off=self.weekends_off,
            calendar=self.calendar,
            on_holiday=self.plan_day_on_holiday,
        )

    def production_due(self, year: int) -> dt.date:
        """The production deadline of ``year`` (31 December by default).

        >>> SchedulePolicy().production_due(2025)
        datetime.date(2025, 12, 31)
        >>> SchedulePolicy(production_deadline="10-01", calendar="official").production_due(2025)
        datetime.date(2025, 10, 9)
        """
        return self._due(on_day(year, self.production_deadline))

    def info_due(self, year: int, quarter: int) -> dt.date:
        """The information deadline of ``quarter`` (1…4) in ``year``.

        >>> SchedulePolicy().info_due(2025, 3)
        datetime.date(2025, 9, 30)
        """
        return self._due(on_day(year, self.info_deadlines[quarter - 1]))


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
