"""Issue 11 deliverable 2, supply side: magazine copies go to the organisations whose station
has 两机一室 (``plan_supply(..., equipped=...)``), whatever their kind."""

from __future__ import annotations

import pytest

from pmedu.errors import DataError
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.stations import Station, equipped
from pmedu.supply import SupplyPolicy, plan_supply


def _county() -> OrgTree:
    units = [Unit(id="C", name="某县", kind="县")]
    for t, n in enumerate((3, 2), start=1):
        units.append(Unit(id=f"T{t}", name=f"镇{t}", kind="镇", parent_id="C"))
        units += [
            Unit(id=f"T{t}-V{i}", name="村", kind="村", parent_id=f"T{t}", has_station=True)
            for i in range(n)
        ]
    units.append(Unit(id="T1-E", name="厂", kind="企业", parent_id="T1"))
    units.append(Unit(id="T2-S", name="校", kind="事业单位", parent_id="T2"))
    return OrgTree.from_units(units)


def test_without_equipped_as_today() -> None:
    plan = plan_supply(_county())
    assert plan.line("C").magazines == 5  # the five flagged villages
    assert plan.line("T1").magazines == 3


def test_copies_go_to_the_equipped_organisations() -> None:
    plan = plan_supply(_county(), equipped={"T1-V0", "T1-E", "T2-S"})
    assert plan.line("C").magazines == 3
    assert plan.line("T1").magazines == 2
    assert plan.line("T2").magazines == 1


def test_whatever_kinds_the_policy_names() -> None:
    villages_only = SupplyPolicy(magazine_kinds=["村"], magazines_per_unit=2)
    plan = plan_supply(_county(), policy=villages_only, equipped=["T1-E", "T2-S", "T2-V1", "T1"])
    assert plan.line("C").magazines == 8
    assert plan.line("T1").magazines == 4  # the enterprise and the township's own station


def test_from_station_records() -> None:
    three = ["电视机", "播放机", "播放室"]
    stations = [
        Station(id="S1", unit_id="T1-V0", features=three),
        Station(id="S2", unit_id="T1-V1", features=three[:2]),  # no room
        Station(id="S3", unit_id="T2-S", features=three),
    ]
    assert equipped(stations) == {"T1-V0", "T2-S"}
    assert plan_supply(_county(), equipped=equipped(stations)).line("C").magazines == 2
    assert plan_supply(_county(), equipped=frozenset()).line("C").magazines == 0


@pytest.mark.parametrize("bad", [{"X"}, "T1-V0"])
def test_unknown_ids_and_a_bare_string_are_errors(bad: object) -> None:
    with pytest.raises(DataError):
        plan_supply(_county(), equipped=bad)  # type: ignore[arg-type]
