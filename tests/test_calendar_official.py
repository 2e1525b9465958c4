"""Issue 17, deliverable 1: the official calendar (public holidays and make-up working days).

The 2025 and 2026 notices are pinned here by hand, typed from the State Council General Office's
notices (国务院办公厅关于2025年/2026年部分节假日安排的通知), not derived from the shipped file or
from another package.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.errors import PolicyError
from pmedu.io.calendar import load_calendar
from pmedu.model.calendar import (
    Calendar,
    CalendarYear,
    EDay,
    SchedulePolicy,
    official_calendar,
    plan_days,
    yearly_cycle,
)
from pmedu.supply.circulation import monthly_plan_days
from strategies import covered_days, covered_years, edays


def _span(a: str, b: str) -> set[dt.date]:
    d, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    out = set()
    while d <= end:
        out.add(d)
        d += dt.timedelta(days=1)
    return out


# 2025 (国办发明电〔2024〕12号)
HOLIDAYS_2025 = (
    _span("2025-01-01", "2025-01-01")  # 元旦
    | _span("2025-01-28", "2025-02-04")  # 春节
    | _span("2025-04-04", "2025-04-06")  # 清明节
    | _span("2025-05-01", "2025-05-05")  # 劳动节
    | _span("2025-05-31", "2025-06-02")  # 端午节
    | _span("2025-10-01", "2025-10-08")  # 国庆节、中秋节
)
WORKDAYS_2025 = {dt.date(2025, 1, 26), dt.date(2025, 2, 8), dt.date(2025, 4, 27),
                 dt.date(2025, 9, 28), dt.date(2025, 10, 11)}  # fmt: skip

# 2026
HOLIDAYS_2026 = (
    _span("2026-01-01", "2026-01-03")  # 元旦
    | _span("2026-02-15", "2026-02-23")  # 春节
    | _span("2026-04-04", "2026-04-06")  # 清明节
    | _span("2026-05-01", "2026-05-05")  # 劳动节
    | _span("2026-06-19", "2026-06-21")  # 端午节
    | _span("2026-09-25", "2026-09-27")  # 中秋节
    | _span("2026-10-01", "2026-10-07")  # 国庆节
)
WORKDAYS_2026 = {dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28),
                 dt.date(2026, 5, 9), dt.date(2026, 9, 20), dt.date(2026, 10, 10)}  # fmt: skip


def _off_weekdays(year: int, holidays: set[dt.date], workdays: set[dt.date]) -> None:
    cal = official_calendar()
    for d in _span(f"{year}-01-01", f"{year}-12-31"):
        expected = d not in holidays and (d.weekday() < 5 or d in workdays)
        assert cal.is_working_day(d) is expected, d


def test_2025_notice_every_day() -> None:
    _off_weekdays(2025, HOLIDAYS_2025, WORKDAYS_2025)
    shipped = {y.year: y for y in official_calendar().years}[2025]
    assert set(shipped.holidays) == HOLIDAYS_2025
    assert set(shipped.workdays) == WORKDAYS_2025


def test_2026_notice_every_day() -> None:
    _off_weekdays(2026, HOLIDAYS_2026, WORKDAYS_2026)
    shipped = {y.year: y for y in official_calendar().years}[2026]
    assert set(shipped.holidays) == HOLIDAYS_2026
    assert set(shipped.workdays) == WORKDAYS_2026


def test_2024_is_shipped_with_its_make_up_days() -> None:
    cal = official_calendar()
    assert 2024 in cal.covered
    for d in ("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
              "2024-09-14", "2024-09-29", "2024-10-12"):  # fmt: skip
        assert cal.is_working_day(dt.date.fromisoformat(d)), d
    assert not cal.is_working_day(dt.date(2024, 10, 7))


def test_the_issue_examples() -> None:
    cal = official_calendar()
    assert cal.is_working_day(dt.date(2026, 2, 14))  # Saturday before the Spring Festival
    assert cal.is_working_day(dt.date(2025, 9, 28))  # Sunday before National Day
    # 2025's plan days on the 1st: 1 January, 1 May and 1 October are holidays
    days = SchedulePolicy(eday=1, calendar="official").plan_days(2025)
    assert dt.date(2025, 1, 2) in days
    assert dt.date(2025, 5, 6) in days
    assert dt.date(2025, 10, 9) in days
    # first Fridays 4 April, 2 May, 3 October 2025 are holidays
    fridays = SchedulePolicy(eday="first Friday", calendar="official").plan_days(2025)
    assert fridays[3] == dt.date(2025, 4, 7)
    assert fridays[4] == dt.date(2025, 5, 6)
    assert fridays[9] == dt.date(2025, 10, 9)


def test_a_year_without_data_is_an_error_naming_it() -> None:
    with pytest.raises(PolicyError, match="2027"):
        SchedulePolicy(calendar="official").plan_days(2027)
    with pytest.raises(PolicyError, match="2023"):
        SchedulePolicy(calendar="official").production_due(2023)
    with pytest.raises(PolicyError, match="2030"):
        monthly_plan_days("2030-01-01", 2, day=10, calendar=official_calendar())
    with pytest.raises(PolicyError, match="2027"):  # even when the days are kept
        SchedulePolicy(calendar="official", plan_day_on_holiday="keep").plan_days(2027)


def test_keep_leaves_plan_days_alone() -> None:
    p = SchedulePolicy(eday=1, calendar="official", plan_day_on_holiday="keep")
    assert p.plan_days(2026)[1] == dt.date(2026, 2, 1)
    assert p.plan_days(2025)[0] == dt.date(2025, 1, 1)
    with pytest.raises(ValueError, match="plan_day_on_holiday"):
        SchedulePolicy(plan_day_on_holiday="weekday")


def test_deadlines_move_to_the_next_official_working_day() -> None:
    p = SchedulePolicy(calendar="official", info_deadlines=("01-01", "06-30", "09-30", "10-01"))
    assert p.info_due(2026, 1) == dt.date(2026, 1, 4)  # 1-3 off, 4 January a make-up Sunday
    assert p.info_due(2025, 3) == dt.date(2025, 9, 30)
    assert p.info_due(2025, 4) == dt.date(2025, 10, 9)
    assert p.info_due(2024, 2) == dt.date(2024, 7, 1)  # a Sunday
    # the next official working day, not the next weekday
    q = SchedulePolicy(calendar="official", production_deadline="02-13")
    assert q.production_due(2026) == dt.date(2026, 2, 13)
    r = SchedulePolicy(calendar="official", production_deadline="09-27")
    assert r.production_due(2025) == dt.date(2025, 9, 28)  # a make-up Sunday


def test_the_policys_own_holidays_are_added() -> None:
    p = SchedulePolicy(eday=10, holidays=["2025-03-10"], calendar="official")
    assert p.plan_days(2025)[2] == dt.date(2025, 3, 11)
    # the official calendar is the default; calendar=None (chosen) keeps the 0.1 behaviour
    assert SchedulePolicy(eday=10, holidays=["2025-03-10"], calendar=None).plan_days(2025)[
        2
    ] == dt.date(2025, 3, 11)
    assert SchedulePolicy(eday=1, calendar=None).plan_days(2025)[0] == dt.date(2025, 1, 1)
    assert SchedulePolicy(eday=1).plan_days(2025)[0] == dt.date(2025, 1, 2)
    assert SchedulePolicy() == SchedulePolicy(calendar="official")
    assert yearly_cycle(2025, policy=SchedulePolicy(eday=1, calendar="official"))[0].date == (
        dt.date(2025, 1, 2)
    )


def test_circulation_dates_use_the_calendar() -> None:
    days = monthly_plan_days("2026-01-01", 12, day=1, calendar=official_calendar())
    assert days[0] == dt.date(2026, 1, 4)  # a make-up Sunday
    assert days[1] == dt.date(2026, 2, 2)
    assert days[9] == dt.date(2026, 10, 8)
    assert all(official_calendar().is_working_day(d) for d in days)


def test_load_calendar_merges_over_the_shipped_data(tmp_path: Path) -> None:
    f = tmp_path / "centre.toml"
    f.write_text(
        '[2027]\nholidays = ["2027-01-01"]\nworkdays = ["2027-01-02"]\n'
        '[2026]\nholidays = ["2026-03-02"]\n',
        encoding="utf-8",
    )
    cal = load_calendar(f)
    assert cal.covered == (2024, 2025, 2026, 2027)
    assert cal.is_working_day(dt.date(2027, 1, 2))
    assert not cal.is_working_day(dt.date(2026, 3, 2))  # the file's 2026 replaces the shipped
    assert cal.is_working_day(dt.date(2026, 2, 16))
    assert official_calendar().covered == (2024, 2025, 2026)  # the shipped one is unchanged
    p = SchedulePolicy(eday=1, calendar=cal)
    assert p.plan_days(2027)[0] == dt.date(2027, 1, 2)  # the file's make-up Saturday


def test_load_calendar_reports_every_problem(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(
        '[2027]\nholidays = ["2027-02-30", "2027-01-01"]\nworkdays = ["2027-01-01", "2027-01-05"]\n'
        'colour = "red"\n[year]\nholidays = []\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as err:
        load_calendar(f)
    text = str(err.value)
    assert "6 problems" in text
    assert f"{f}: 2027.holidays[0]" in text
    assert "both a holiday and a make-up working day" in text
    assert "not a Saturday or Sunday" in text
    assert "unknown key 'colour'" in text
    assert "'year'" in text
    (tmp_path / "broken.toml").write_text("[2027\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="not a valid TOML"):
        load_calendar(tmp_path / "broken.toml")
    with pytest.raises(PolicyError, match="cannot read"):
        load_calendar(tmp_path / "missing.toml")


def test_calendar_years_and_merge() -> None:
    a = Calendar((CalendarYear(2030, holidays=["2030-01-01"]),))
    b = Calendar((CalendarYear(2030, holidays=["2030-01-02"]),))
    m = a.merged(b)
    assert m.is_working_day(dt.date(2030, 1, 1))
    assert not m.is_working_day(dt.date(2030, 1, 2))
    assert not m.is_working_day(dt.date(2030, 1, 5))  # a plain Saturday


# ---- properties ---------------------------------------------------------------------------


@given(covered_years, edays)
def test_every_plan_day_is_an_official_working_day(year: int, eday: EDay) -> None:
    cal = official_calendar()
    days = SchedulePolicy(eday=eday, calendar=cal).plan_days(year)
    assert len(days) == 12
    assert all(cal.is_working_day(d) for d in days)
    raw = plan_days(year, eday, calendar=cal, on_holiday="keep")
    assert raw == [eday.in_month(year, m) for m in range(1, 13)]
    assert all(d >= r for d, r in zip(days, raw, strict=True))


@given(covered_days)
def test_a_deadline_never_moves_backwards(d: dt.date) -> None:
    cal = official_calendar()
    due = cal.next_working_day(d)
    assert due >= d
    assert cal.is_working_day(due)
    assert all(not cal.is_working_day(d + dt.timedelta(days=k)) for k in range((due - d).days))
    p = SchedulePolicy(calendar=cal, production_deadline=d.strftime("%m-%d"))
    assert p.production_due(d.year) == due


@given(covered_days)
def test_make_up_weekend_days_count_as_working_days(d: dt.date) -> None:
    cal = official_calendar()
    workdays = {w for y in cal.years for w in y.workdays}
    if d in workdays:
        assert d.weekday() >= 5
        assert cal.is_working_day(d)
        assert cal.next_working_day(d) == d


def test_every_make_up_day_is_a_working_weekend_day() -> None:
    cal = official_calendar()
    days = [w for y in cal.years for w in y.workdays]
    assert len(days) == 8 + 5 + 6
    assert all(w.weekday() >= 5 and cal.is_working_day(w) for w in days)
    assert any(w.weekday() == 5 for w in days)  # Saturdays among them


@given(st.integers(min_value=1950, max_value=2023) | st.integers(min_value=2027, max_value=2100))
def test_an_uncovered_year_is_never_guessed(year: int) -> None:
    with pytest.raises(PolicyError, match=str(year)):
        official_calendar().is_working_day(dt.date(year, 3, 3))
