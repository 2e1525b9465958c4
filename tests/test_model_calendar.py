"""The one calendar: one e-education-day grammar and one plan_days, used by circulation
too; the one date parser (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import rrule
from hypothesis import given
from hypothesis import strategies as st

from pmedu.model.calendar import EDay, parse_date, plan_days
from pmedu.supply import circulation
from pmedu.supply.circulation import plan_days as supply_plan_days


@pytest.mark.parametrize(
    ("old", "text"),
    [
        ("FR(1)", "FR(+1)"),
        ("fr", "first Friday"),
        ("MO(-1)", "last Monday"),
        ("th(2)", "第二个周四"),
    ],
)
def test_circulation_grammar_is_the_calendar_one(old: str, text: str) -> None:
    assert EDay.parse(old) == EDay.parse(text)
    days = circulation.monthly_plan_days("2024-01-01", 12, day=old)
    assert days == plan_days(2024, EDay.parse(text))


@given(
    # the official calendar (the default) covers 2024–2026: 30 months from the first half of 2024
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 6, 30)),
    months=st.integers(0, 30),
    day=st.one_of(
        st.integers(1, 31),
        st.sampled_from(["FR(1)", "MO(-1)", "WE(+2)", "su"]),
        st.sampled_from([rrule.FR(1), rrule.TU(-1), rrule.SA(3)]),
    ),
)
def test_monthly_days_are_the_calendar_days(
    start: dt.date, months: int, day: int | str | rrule.weekday
) -> None:
    days = supply_plan_days(start, months, day)
    assert len(days) == months
    assert all(d >= start for d in days)
    assert days == sorted(days)
    eday = circulation.monthly_plan_days(start, 1, day=day)
    if days:
        assert days[0] == eday[0]
        # each is the calendar's plan day of its month (moved to the next official working day,
        # which may be in the next month: 31 January 2025 is in the Spring Festival break)
        unmoved = circulation.monthly_plan_days(start, months, day=day, calendar=None)
        assert len({(d.year, d.month) for d in unmoved}) == months
        for d, u in zip(days, unmoved, strict=True):
            assert [d] == plan_days(u.year, _as_eday(day), months=[u.month])


def _as_eday(day: int | str | rrule.weekday) -> EDay:
    if isinstance(day, rrule.weekday):
        return EDay(weekday=day.weekday, nth=day.n or 1)
    return EDay.parse(day)


def test_parse_date() -> None:
    assert parse_date(" 2025-01-02") == dt.date(2025, 1, 2)
    with pytest.raises(ValueError, match="day is out of range"):
        parse_date("2025-02-30")
    with pytest.raises(TypeError, match="expected a date"):
        parse_date(dt.datetime(2025, 1, 2))
