"""Circulation 周转 (pmedu.supply.circulation_plan): rotation properties and the calendar."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

import pytest
from dateutil import rrule
from hypothesis import given
from hypothesis import strategies as st

from pmedu.errors import UnknownUnitError
from pmedu.supply import CirculationError, SupplyPolicy, circulation_plan
from pmedu.supply import monthly_plan_days as plan_days
from strategies import township


@given(st.integers(min_value=0, max_value=25), st.integers(min_value=0, max_value=30))
def test_every_village_sees_every_set_exactly_once(villages: int, sets: int) -> None:
    """DOMAIN §4 (周转): over the rotation every village sees every set exactly once, a set
    is at one village a month and a village holds at most one set a month; it cannot be
    done in fewer than max(villages, sets) months, and the plan takes no more."""
    tree = township(villages)
    probe = circulation_plan(tree, "T", sets, "2024-01-01", months=0)
    months = probe.months_to_complete or 0
    plan = circulation_plan(tree, "T", sets, "2024-01-01", months=months)
    if villages == 0 or sets == 0:
        assert plan.months_to_complete is None
        assert plan.unserved == plan.villages
        return
    assert months == max(villages, sets)
    names = {u.id for u in tree.units(kind="村")}
    seen: Counter[tuple[str, int]] = Counter()
    for m in range(months):
        where = {s: plan.at(m, s) for s in range(1, sets + 1)}
        held = [v for v in where.values() if v is not None]
        assert set(held) <= names
        assert len(held) == len(set(held))  # no village holds two sets in one month
        assert len(held) == min(villages, sets)  # nothing idles that could circulate
        seen.update((v, s) for s, v in where.items() if v is not None)
    assert seen == Counter({(v, s): 1 for v in names for s in range(1, sets + 1)})
    assert plan.unserved == ()


@given(st.integers(min_value=1, max_value=25), st.integers(min_value=1, max_value=30))
def test_the_views_of_one_month_agree(villages: int, sets: int) -> None:
    """``at``, ``holding``, ``idle`` and ``to_records`` describe the same rotation."""
    plan = circulation_plan(township(villages), "T", sets, "2024-01-01", months=3)
    records = plan.to_records()
    for m in range(3):
        holding = plan.holding(m)
        assert holding == {
            r["village"]: r["set"] for r in records if r["month"] == m + 1 and r["village"]
        }
        assert {v: s for s in range(1, sets + 1) if (v := plan.at(m, s))} == holding
        assert set(plan.idle(m)) == set(plan.villages) - set(holding)


@given(st.integers(min_value=1, max_value=25), st.integers(min_value=1, max_value=30))
def test_circuits_partition_the_villages_evenly(villages: int, sets: int) -> None:
    plan = circulation_plan(township(villages), "T", sets, "2024-01-01", months=2)
    sizes = [len(c) for c in plan.circuits]
    assert len(sizes) == sets
    assert max(sizes) - min(sizes) <= 1
    assert [v for c in plan.circuits for v in c] == list(plan.villages)
    # a set walks its own circuit first
    for s, circuit in enumerate(plan.circuits, start=1):
        for m, v in enumerate(circuit[:2]):
            assert plan.at(m, s) == v


@given(st.integers(min_value=1, max_value=25), st.integers(min_value=1, max_value=30))
def test_utilisation(villages: int, sets: int) -> None:
    months = 12
    plan = circulation_plan(township(villages), "T", sets, "2024-01-01", months=months)
    # DOMAIN §4: set-months in use / set-months held
    used = sum(plan.at(m, s) is not None for m in range(months) for s in range(1, sets + 1))
    assert plan.utilisation == Fraction(used, sets * months)
    if sets <= villages:
        assert plan.utilisation == 1
    else:
        assert plan.utilisation < 1


def test_too_few_sets_leave_villages_unserved() -> None:
    plan = circulation_plan(township(20), "T", 1, "2024-01-01")
    assert plan.months_to_complete == 20
    assert plan.unserved == tuple(f"V{i:02d}" for i in range(12, 20))
    assert len(plan.idle(0)) == 19
    assert plan.holding(0) == {"V00": 1}


def test_policy_decides_which_units_are_villages() -> None:
    tree = township(3, communities=2)
    assert len(circulation_plan(tree, "T", 1, "2024-01-01").villages) == 3
    both = SupplyPolicy(village_kinds=["村", "社区"])
    assert len(circulation_plan(tree, "T", 1, "2024-01-01", policy=both).villages) == 5


def test_plan_days() -> None:
    # the official calendar is the default: 10 February 2024 is in the Spring Festival break
    # (Sunday 18 February a make-up working day), Sunday 10 March moves to Monday 11 March
    assert plan_days("2024-01-20", 2, day=10) == [dt.date(2024, 2, 18), dt.date(2024, 3, 11)]
    assert plan_days("2024-01-20", 2, day=10, calendar=None) == [
        dt.date(2024, 2, 10),
        dt.date(2024, 3, 10),
    ]
    # the first plan day on or after the start; a short month falls on its last day
    assert plan_days(dt.date(2023, 1, 31), 3, day=30, calendar=None) == [
        dt.date(2023, 2, 28),
        dt.date(2023, 3, 30),
        dt.date(2023, 4, 30),
    ]
    firsts = plan_days("2024-01-01", 12, day="FR(1)", calendar=None)
    assert all(d.weekday() == 4 and d.day <= 7 for d in firsts)
    assert plan_days("2024-01-01", 2, day=rrule.MO(-1)) == [
        dt.date(2024, 1, 29),
        dt.date(2024, 2, 26),
    ]
    assert plan_days("2024-01-01", 1, day="fr") == [dt.date(2024, 1, 5)]


@pytest.mark.parametrize("day", [0, 32, "XX(1)", 1.5, True])
def test_bad_day(day: object) -> None:
    with pytest.raises(CirculationError, match="day must be"):
        plan_days("2024-01-01", 1, day=day)  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    tree = township(3)
    with pytest.raises(UnknownUnitError):
        circulation_plan(tree, "X", 1, "2024-01-01")
    with pytest.raises(CirculationError, match="sets"):
        circulation_plan(tree, "T", -1, "2024-01-01")
    with pytest.raises(CirculationError, match="start"):
        circulation_plan(tree, "T", 1, "January")
    with pytest.raises(CirculationError, match="months"):
        circulation_plan(tree, "T", 1, "2024-01-01", months=-1)
    plan = circulation_plan(tree, "T", 1, "2024-01-01", months=1)
    with pytest.raises(CirculationError, match="no set 2"):
        plan.at(0, 2)


def test_records() -> None:
    plan = circulation_plan(township(2), "T", 2, "2024-01-01", months=2, day=5)
    assert plan.to_records() == [
        {"month": 1, "date": "2024-01-05", "set": 1, "village": "V00"},
        {"month": 1, "date": "2024-01-05", "set": 2, "village": "V01"},
        {"month": 2, "date": "2024-02-05", "set": 1, "village": "V01"},
        {"month": 2, "date": "2024-02-05", "set": 2, "village": "V00"},
    ]
