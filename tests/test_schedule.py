"""The yearly calendar (issue 5 §4; DOMAIN.md §5, §7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.errors import PolicyError
from pmedu.model import (
    CycleEvent,
    EDay,
    SchedulePolicy,
    Submission,
    days_late,
    info_by_quarter,
    plan_days,
    submission_status,
    yearly_cycle,
)
from pmedu.stations import Station
from pmedu.viewing import ViewingSession
from pmedu.viewing.plans import plan_vs_actual
from strategies import edays
from test_calendar_official import HOLIDAYS_2025, WORKDAYS_2025


@given(
    year=st.integers(2000, 2040),
    eday=edays,
    first=st.integers(1, 12),
    data=st.data(),
    weekends_off=st.booleans(),
)
def test_exactly_one_plan_day_per_month_even_with_holidays(
    year: int, eday: EDay, first: int, data: st.DataObject, weekends_off: bool
) -> None:
    last = data.draw(st.integers(first, 12))
    holidays = data.draw(
        st.lists(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)), max_size=60)
    )
    months = range(first, last + 1)
    try:
        days = plan_days(
            year, eday, holidays=holidays, weekends_off=weekends_off, months=months, calendar=None
        )
    except PolicyError:  # only when some month has no working day at all
        off = set(holidays)
        assert any(
            all(
                d in off or (weekends_off and d.weekday() >= 5)
                for d in (dt.date(year, m, 1) + dt.timedelta(k) for k in range(31))
                if d.month == m
            )
            for m in months
        )
        return
    assert [(d.year, d.month) for d in days] == [(year, m) for m in range(first, last + 1)]
    for d in days:
        assert d not in holidays
        assert not (weekends_off and d.weekday() >= 5)


def test_moved_to_next_working_day_else_back() -> None:
    # no official calendar (calendar=None, chosen): a hand-typed list, moved within the month
    h = [dt.date(2025, 10, d) for d in range(1, 8)]  # National Day week
    assert plan_days(2025, EDay(day=1), holidays=h, months=[10], calendar=None) == [
        dt.date(2025, 10, 8)
    ]
    end = [dt.date(2025, 12, 30), dt.date(2025, 12, 31)]
    assert plan_days(2025, EDay(day=31), holidays=end, months=[12], calendar=None) == [
        dt.date(2025, 12, 29)
    ]
    with pytest.raises(PolicyError, match="2025-02 has no working day"):
        plan_days(
            2025,
            EDay(day=5),
            holidays=[dt.date(2025, 2, d) for d in range(1, 29)],
            months=[2],
            calendar=None,
        )


def _next_official_working_day(d: dt.date) -> dt.date:
    """The next official working day by the 2025 notice as typed in by hand in
    test_calendar_official.py (国办发明电〔2024〕12号), not by the shipped data."""
    while d in HOLIDAYS_2025 or (d.weekday() >= 5 and d not in WORKDAYS_2025):
        d += dt.timedelta(days=1)
    return d


def test_the_official_calendar_is_the_default() -> None:
    # the National Day and Mid-Autumn break of 2025 is 1–8 October: the plan day of the
    # 1st moves to Thursday 9 October (the typed list above stopped at the 7th)
    assert plan_days(2025, EDay(day=1), months=[10]) == [dt.date(2025, 10, 9)]
    assert _next_official_working_day(dt.date(2025, 10, 1)) == dt.date(2025, 10, 9)
    # every default plan day of 2025 is the next official working day of the 10th; two moved:
    # Saturday 10 May → Monday 12 May, Sunday 10 August → Monday 11 August
    days = SchedulePolicy().plan_days(2025)
    assert days == [_next_official_working_day(dt.date(2025, m, 10)) for m in range(1, 13)]
    assert [d for d in days if d.day != 10] == [dt.date(2025, 5, 12), dt.date(2025, 8, 11)]
    # first Fridays on holidays (the examples): 4 April, 2 May, 3 October 2025
    firsts = plan_days(2025, EDay.parse("first Friday"), months=[4, 5, 10])
    assert firsts == [dt.date(2025, 4, 7), dt.date(2025, 5, 6), dt.date(2025, 10, 9)]
    assert firsts == [_next_official_working_day(d) for d in
                      (dt.date(2025, 4, 4), dt.date(2025, 5, 2), dt.date(2025, 10, 3))]  # fmt: skip
    # a county may keep its plan day on the holiday (sessions at the Spring Festival)
    keep = SchedulePolicy(eday="first Friday", plan_day_on_holiday="keep")
    assert keep.plan_days(2025)[9] == dt.date(2025, 10, 3)
    with pytest.raises(PolicyError, match="no data for 2023"):
        SchedulePolicy().plan_days(2023)


def test_eday_rules() -> None:
    assert EDay.parse("first Friday").in_month(2025, 8) == dt.date(2025, 8, 1)
    assert EDay.parse("第一个周五") == EDay(weekday=4, nth=1)
    assert EDay.parse("last fr").in_month(2025, 2) == dt.date(2025, 2, 28)
    assert EDay(day=30).in_month(2024, 2) == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="unknown e-education day"):
        EDay.parse("someday")


def test_yearly_cycle_seed_000_and_002() -> None:
    cycle = yearly_cycle(2025)
    events = [m.event for m in cycle]
    assert events.count(CycleEvent.PLAN_DAY) == 12
    assert events.count(CycleEvent.INFO_DEADLINE) == 4
    assert cycle[-1].date == dt.date(2025, 12, 31)
    assert {m.event for m in cycle if m.date == dt.date(2025, 12, 31)} == {
        CycleEvent.INFO_DEADLINE,
        CycleEvent.PRODUCTION_DEADLINE,
        CycleEvent.ASSESSMENT,
    }
    p = SchedulePolicy(spot_check="07-15", production_deadline="11-30")
    moved = {m.event: m.date for m in yearly_cycle(2025, policy=p)}
    assert moved[CycleEvent.SPOT_CHECK] == dt.date(2025, 7, 15)
    # 30 November 2025 is a Sunday and no make-up working day in the 2025 notice: the deadline
    # moves to the next official working day, Monday 1 December (issue 17)
    assert moved[CycleEvent.PRODUCTION_DEADLINE] == dt.date(2025, 12, 1)
    assert _next_official_working_day(dt.date(2025, 11, 30)) == dt.date(2025, 12, 1)
    kept = SchedulePolicy(production_deadline="11-30", calendar=None)
    assert kept.production_due(2025) == dt.date(2025, 11, 30)
    with pytest.raises(ValueError, match="MM-DD"):
        SchedulePolicy(deployment="13-01")


def test_plan_vs_actual() -> None:
    stations = [
        Station(id="S1", unit_id="V1"),
        Station(id="S2", unit_id="V2", established=dt.date(2025, 7, 3)),
    ]
    sessions = [
        ViewingSession(id="1", station_id="S1", date="2025-01-10"),
        ViewingSession(id="2", station_id="S1", date="2025-01-20"),
        ViewingSession(id="3", station_id="S2", date="2025-06-10"),  # before it opened
        ViewingSession(id="4", station_id="S2", date="2025-07-10"),
    ]
    rows = plan_vs_actual(stations, sessions, 2025)
    assert [(r.planned, r.held) for r in rows][:7] == [(1, 1)] + [(1, 0)] * 5 + [(2, 1)]
    assert sum(r.planned for r in rows) == 12 + 6
    assert rows[0].plan_day == dt.date(2025, 1, 10)


def test_late_and_missing_submissions_seed_002() -> None:
    subs = [
        Submission(id="n", unit_id="T1", kind="党建类新闻", date="2025-12-31"),
        Submission(id="f", unit_id="T1", kind="专题片", date="2026-01-15", year=2025),
        *(
            Submission(id=f"i{k}", unit_id="T1", kind="信息", date=d)
            for k, d in enumerate(
                ["2025-01-05", "2025-03-31", "2025-04-01", "2025-07-02", "2025-10-03"]
            )
        ),
        Submission(id="late", unit_id="T1", kind="信息", date="2025-07-05", quarter=2),
    ]
    assert days_late(subs, "T1", "news", 2025) == 0
    assert days_late(subs, "T1", "special_film", 2025) == 15
    assert days_late(subs, "T2", "news", 2025) is None
    qs = info_by_quarter(subs, "T1", 2025)
    assert [(q.items, q.on_time, q.met) for q in qs] == [
        (2, 2, True),
        (2, 1, False),
        (1, 1, False),
        (1, 1, False),
    ]
    status = {(r.kind.value, r.period): r.state for r in submission_status(["T1"], subs, 2025)}
    assert status == {
        ("news_item", "2025"): "on_time",
        ("special_film", "2025"): "late",
        ("information", "Q1"): "on_time",
        ("information", "Q2"): "late",
        ("information", "Q3"): "missing",
        ("information", "Q4"): "missing",
    }
