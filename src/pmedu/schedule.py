"""The yearly calendar: e-education days, the yearly cycle and submission deadlines.

DOMAIN.md §5–§7. Township stations hold a monthly play-and-view session on the e-education
day 党员电教日 (seed 000): an :class:`EDay` is either a fixed day of the month (clamped to the
month's last day, so ``31`` means "the last day" in short months) or an nth weekday ("first
Friday", "last Friday"), computed with :mod:`dateutil.relativedelta`.

**Holidays.** When the plan day falls on a holiday in the user's list (or on a weekend when
``weekends_off`` is set), it moves to the **next working day in the same month**; if the
month has none left, to the latest working day before it. Every month in range therefore
has exactly one plan day (a month with no working day at all is a
:class:`~pmedu.errors.PolicyError`).

The yearly cycle (seed 000): deployment at the start of the year 年初部署, a mid-year spot
check 年中抽查, the year-end assessment 年底考核; production deadline 31 December (seed 002)
and the quarterly information deadlines (two items per quarter, seed 002). All dates are
fields of :class:`SchedulePolicy`, never constants.

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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from attrs import validators as v
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from pmedu.errors import PolicyError, Problem
from pmedu.labels import LabelledEnum
from pmedu.validators import nonblank as _nonblank

__all__ = [
    "CycleEvent",
    "EDay",
    "Milestone",
    "MonthPlan",
    "QuarterInfo",
    "SchedulePolicy",
    "Submission",
    "SubmissionKind",
    "SubmissionStatus",
    "days_late",
    "info_by_quarter",
    "plan_counts",
    "plan_days",
    "plan_vs_actual",
    "submission_status",
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


def _one_of(options: Sequence[Any]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
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
    nth: int = attrs.field(default=1, validator=_one_of([1, 2, 3, 4, -1]))

    def __attrs_post_init__(self) -> None:
        if (self.day is None) == (self.weekday is None):
            raise ValueError("give either 'day' or 'weekday'")

    @classmethod
    def parse(cls, text: str | int) -> EDay:
        """``"10"`` (fixed day), ``"first Friday"``, ``"last fr"``, ``"FR(+1)"``,
        ``"第一个周五"``.

        >>> EDay.parse("10"), EDay.parse("FR(-1)")
        (EDay(day=10, weekday=None, nth=1), EDay(day=None, weekday=4, nth=-1))
        """
        if isinstance(text, int):
            return cls(day=text)
        t = text.strip().lower()
        if t.isdigit():
            return cls(day=int(t))
        m = re.fullmatch(r"([a-z]{2})\s*\(\s*([+-]?\d)\s*\)", t)
        if m and m.group(1) in _WD_NAMES:
            return cls(weekday=_WD_NAMES[m.group(1)], nth=int(m.group(2)))
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


def _on(year: int, mmdd: str) -> dt.date:
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
    return tuple(sorted({d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in value}))


@attrs.frozen
class SchedulePolicy:
    """The calendar's parameters (all dates ``"MM-DD"``; defaults from seeds 000 and 002).

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
        default=("03-31", "06-30", "09-30", "12-31"), converter=tuple, validator=_mmdd
    )
    info_per_quarter: int = attrs.field(default=2, validator=[v.instance_of(int), v.ge(0)])

    @info_deadlines.validator
    def _four(self, _a: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if len(value) != 4:
            raise ValueError(f"'info_deadlines' needs 4 dates, one per quarter: {value!r}")

    def plan_days(self, year: int) -> list[dt.date]:
        """The twelve plan days of ``year`` under this policy."""
        return plan_days(year, self.eday, holidays=self.holidays, weekends_off=self.weekends_off)

    def production_due(self, year: int) -> dt.date:
        """The production deadline of ``year`` (31 December by default)."""
        return _on(year, self.production_deadline)

    def info_due(self, year: int, quarter: int) -> dt.date:
        """The information deadline of ``quarter`` (1…4) in ``year``."""
        return _on(year, self.info_deadlines[quarter - 1])


class CycleEvent(LabelledEnum):
    """The events of the yearly cycle (seed 000; DOMAIN.md §7).

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


def yearly_cycle(year: int, policy: SchedulePolicy | None = None) -> list[Milestone]:
    """Every dated event of ``year`` in date order (ties in :class:`CycleEvent` order).

    >>> [(m.date.isoformat(), m.event.label) for m in yearly_cycle(2025)][:3]
    [('2025-01-10', '党员电教日'), ('2025-01-31', '年初部署'), ('2025-02-10', '党员电教日')]
    >>> len(yearly_cycle(2025))
    20
    """
    p = policy or SchedulePolicy()
    ms = [Milestone(_on(year, p.deployment), CycleEvent.DEPLOYMENT)]
    ms += [Milestone(d, CycleEvent.PLAN_DAY, f"{d.month}月播放收看") for d in p.plan_days(year)]
    ms += [Milestone(p.info_due(year, q), CycleEvent.INFO_DEADLINE, f"Q{q}") for q in range(1, 5)]
    ms.append(Milestone(_on(year, p.spot_check), CycleEvent.SPOT_CHECK))
    ms.append(Milestone(p.production_due(year), CycleEvent.PRODUCTION_DEADLINE))
    ms.append(Milestone(_on(year, p.assessment), CycleEvent.ASSESSMENT))
    order = list(CycleEvent)
    return sorted(ms, key=lambda m: (m.date, order.index(m.event)))


# --- plan versus actual ---------------------------------------------------------------


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
    policy: SchedulePolicy | None = None,
) -> list[MonthPlan]:
    """Twelve :class:`MonthPlan` rows for ``year``: stations due and stations that held a
    session each month.

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


# --- submissions ----------------------------------------------------------------------


class SubmissionKind(LabelledEnum):
    """What a unit submits: the production quota (seed 002: one party-building news item
    党建类新闻 and one special-topic film 专题片 by 31 December) and information items 信息
    (two per quarter).

    >>> SubmissionKind.parse("专题片") is SubmissionKind.SPECIAL_FILM
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "submission kind"

    NEWS_ITEM = ("news_item", "党建类新闻", ("新闻", "news"))
    SPECIAL_FILM = ("special_film", "专题片", ("special_topic_film", "film"))
    INFORMATION = ("information", "信息", ("信息报送", "info", "information_item"))


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _submission_kind(value: Any) -> SubmissionKind:
    return SubmissionKind.parse(value)


@attrs.frozen
class Submission:
    """A production item or information report: unit, kind, delivery date.

    ``year`` is the year it counts for (default: the delivery year), so a news item for 2025
    delivered on 2026-01-05 is 5 days late; ``quarter`` (information only) is the quarter it
    reports for (default: the delivery quarter).

    >>> s = Submission(id="N1", unit_id="T01", kind="党建类新闻", date="2026-01-05", year=2025)
    >>> s.period_year, s.kind.label
    (2025, '党建类新闻')
    >>> Submission(id="I1", unit_id="T01", kind="信息", date="2025-05-02").period_quarter
    2
    """

    id: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    unit_id: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    kind: SubmissionKind = attrs.field(converter=_submission_kind)
    date: dt.date = attrs.field(converter=_to_date)
    year: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    quarter: int | None = attrs.field(default=None, validator=v.optional(_one_of([1, 2, 3, 4])))
    title: str = ""

    @property
    def period_year(self) -> int:
        """The year the submission counts for."""
        return self.year if self.year is not None else self.date.year

    @property
    def period_quarter(self) -> int:
        """The quarter an information item reports for."""
        return self.quarter if self.quarter is not None else (self.date.month - 1) // 3 + 1


def _index(
    submissions: Iterable[Submission], year: int
) -> dict[tuple[str, SubmissionKind], list[Submission]]:
    idx: dict[tuple[str, SubmissionKind], list[Submission]] = defaultdict(list)
    for s in submissions:
        if s.period_year == year:
            idx[(s.unit_id, s.kind)].append(s)
    return idx


def days_late(
    submissions: Iterable[Submission],
    unit_id: str,
    kind: SubmissionKind | str,
    year: int,
    policy: SchedulePolicy | None = None,
) -> int | None:
    """Days after the production deadline the unit's first ``kind`` item for ``year``
    arrived (≤ 0 on time), or ``None`` when it was not delivered.

    >>> s = [Submission(id="1", unit_id="T", kind="news", date="2025-12-20")]
    >>> days_late(s, "T", "news", 2025), days_late(s, "T", "专题片", 2025)
    (-11, None)
    """
    p = policy or SchedulePolicy()
    k = SubmissionKind.parse(kind)
    items = [s for s in submissions if s.unit_id == unit_id and s.kind is k]
    return _days_late(items, year, p)


def _days_late(items: Iterable[Submission], year: int, p: SchedulePolicy) -> int | None:
    dates = [s.date for s in items if s.period_year == year]
    if not dates:
        return None
    return (min(dates) - p.production_due(year)).days


@attrs.frozen
class QuarterInfo:
    """Information items reported for one quarter: all of them, and those on time.

    >>> q = QuarterInfo(quarter=1, due=dt.date(2025, 3, 31), items=3, on_time=2, required=2)
    >>> q.met
    True
    >>> s = [Submission(id="1", unit_id="T", kind="信息", date="2025-04-30")]
    >>> info_by_quarter(s, "T", 2025)[1]
    QuarterInfo(quarter=2, due=datetime.date(2025, 6, 30), items=1, on_time=1, required=2)
    """

    quarter: int
    due: dt.date
    items: int
    on_time: int
    required: int

    @property
    def met(self) -> bool:
        """At least ``required`` items arrived on time."""
        return self.on_time >= self.required


def info_by_quarter(
    submissions: Iterable[Submission],
    unit_id: str,
    year: int,
    policy: SchedulePolicy | None = None,
) -> list[QuarterInfo]:
    """Four rows: the unit's information items per quarter of ``year``.

    >>> s = [Submission(id=str(i), unit_id="T", kind="信息", date=d)
    ...      for i, d in enumerate(["2025-02-01", "2025-03-30", "2025-04-10"])]
    >>> [(q.quarter, q.items, q.met) for q in info_by_quarter(s, "T", 2025)]
    [(1, 2, True), (2, 1, False), (3, 0, False), (4, 0, False)]
    """
    p = policy or SchedulePolicy()
    items = [
        s for s in submissions if s.unit_id == unit_id and s.kind is SubmissionKind.INFORMATION
    ]
    return _quarters(items, year, p)


def _quarters(items: Iterable[Submission], year: int, p: SchedulePolicy) -> list[QuarterInfo]:
    n = [0] * 5
    ok = [0] * 5
    for s in items:
        if s.period_year != year:
            continue
        q = s.period_quarter
        n[q] += 1
        ok[q] += s.date <= p.info_due(year, q)
    return [
        QuarterInfo(q, p.info_due(year, q), n[q], ok[q], p.info_per_quarter) for q in range(1, 5)
    ]


@attrs.frozen
class SubmissionStatus:
    """Whether a unit delivered one due item: ``state`` is ``on_time``, ``late`` or
    ``missing``. For information, ``period`` is the quarter and ``delivered`` counts the
    on-time items (``required`` of them were due).

    >>> news = Submission(id="1", unit_id="T", kind="news", date="2026-01-03", year=2025)
    >>> rows = submission_status(["T"], [news], 2025)
    >>> r = rows[0]
    >>> r.kind.label, r.period, r.due.isoformat(), r.state, r.days_late, r.delivered
    ('党建类新闻', '2025', '2025-12-31', 'late', 3, 1)
    >>> r = rows[2]
    >>> r.period, r.state, r.days_late, r.delivered, r.required
    ('Q1', 'missing', None, 0, 2)
    """

    unit_id: str
    kind: SubmissionKind
    period: str
    due: dt.date
    state: str
    days_late: int | None = None
    delivered: int = 0
    required: int = 1


def submission_status(
    unit_ids: Sequence[str],
    submissions: Iterable[Submission],
    year: int,
    policy: SchedulePolicy | None = None,
) -> list[SubmissionStatus]:
    """For each unit: the news item, the special-topic film and the four quarters of
    information, each on time, late or missing (the late-and-missing list of the year).

    >>> rows = submission_status(["T"], [Submission(id="1", unit_id="T", kind="news",
    ...                                             date="2026-01-03", year=2025)], 2025)
    >>> [(r.kind.value, r.period, r.state) for r in rows][:3]  # doctest: +NORMALIZE_WHITESPACE
    [('news_item', '2025', 'late'), ('special_film', '2025', 'missing'),
     ('information', 'Q1', 'missing')]
    """
    p = policy or SchedulePolicy()
    idx = _index(submissions, year)
    out: list[SubmissionStatus] = []
    for uid in unit_ids:
        for kind in (SubmissionKind.NEWS_ITEM, SubmissionKind.SPECIAL_FILM):
            late = _days_late(idx.get((uid, kind), ()), year, p)
            state = "missing" if late is None else ("on_time" if late <= 0 else "late")
            out.append(
                SubmissionStatus(
                    uid, kind, str(year), p.production_due(year), state, late,
                    delivered=0 if late is None else 1,
                )
            )  # fmt: skip
        for q in _quarters(idx.get((uid, SubmissionKind.INFORMATION), ()), year, p):
            state = "on_time" if q.met else ("late" if q.items >= q.required else "missing")
            out.append(
                SubmissionStatus(
                    uid, SubmissionKind.INFORMATION, f"Q{q.quarter}", q.due, state,
                    delivered=q.on_time, required=q.required,
                )
            )  # fmt: skip
    return out
