"""Issue 13, deliverable 5: the official vocabulary (state farms, forest farms, zones, parks,
county-level zones) and the 12-digit statistical division codes as ids."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from pmedu import OrgTree, Unit, UnitKind
from pmedu.errors import DataError, Problem
from pmedu.io import read_units_csv, write_units_csv, xlsx
from pmedu.network.rules import HierarchyRules
from pmedu.supply.plan import plan_supply
from pmedu.tables import Column, Table

NEW_TOWNSHIP = ["农场", "国营农场", "林场", "国有林场", "开发区", "经济开发区", "园区", "管委会"]
NEW_COUNTY = ["县级开发区", "新区"]

HEADER = "编号,上级编号,名称,类型,党员数,有播放网点\n"


def _table() -> str:
    lines = [HEADER, "110000000000,,某市,地级市,5,否\n", "110100000000,110000000000,某县,县,5,否\n"]
    for j, kind in enumerate(NEW_COUNTY):
        lines.append(f"1101{90 + j}000000,110000000000,{kind}甲,{kind},3,否\n")
    for j, kind in enumerate(NEW_TOWNSHIP):
        tid = f"110100{200 + j:03d}000"
        lines.append(f"{tid},110100000000,{kind}乙,{kind},4,否\n")
        lines.append(f"{tid[:9]}001,{tid},一队,村,10,是\n")
        lines.append(f"{tid[:9]}002,{tid},二队,村,8,否\n")
    return "".join(lines)


def test_every_new_kind_loads(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text(_table(), encoding="utf-8")
    units = read_units_csv(p)
    tree = OrgTree.from_units(units)
    kinds = {u.name: u.kind for u in units}
    for kind in NEW_TOWNSHIP:
        assert kinds[f"{kind}乙"] is UnitKind.TOWNSHIP
    for kind in NEW_COUNTY:
        assert kinds[f"{kind}甲"] is UnitKind.COUNTY
    assert len(tree) == len(units)


@pytest.mark.parametrize("kind", NEW_TOWNSHIP)
def test_rules_place_zones_at_their_level(kind: str) -> None:
    for name in HierarchyRules.presets():
        rules = HierarchyRules.preset(name=name)
        assert rules.allows("县", kind)
        assert rules.allows(kind, "村")
    assert HierarchyRules.preset(name="default").allows("市", "新区")
    assert HierarchyRules.preset(name="strict").allows("市", "县级开发区")
    assert not HierarchyRules.preset(name="strict").allows("市", kind)


def test_state_farm_is_township_level_for_coverage_and_supply() -> None:
    tree = OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县"),
            Unit(id="F", name="某农场", kind="国营农场", parent_id="C"),
            Unit(id="V1", name="一队", kind="村", parent_id="F", has_station=True),
            Unit(id="V2", name="二队", kind="村", parent_id="F"),
            Unit(id="T", name="东镇", kind="镇", parent_id="C"),
            Unit(id="V3", name="石桥村", kind="村", parent_id="T", has_station=True),
        ]
    )
    cov = tree.coverage("村")
    assert (cov["F"].covered, cov["F"].total) == (1, 2)
    plan = plan_supply(tree)
    line = plan.line("F")
    assert line.kind is UnitKind.TOWNSHIP
    assert {x.unit_id for x in plan.level("township")} == {"F", "T"}
    assert line.target_sets == plan.line("T").target_sets


CODES = ["110101001001", "110101001201", "110101001202"]


def _code_units() -> list[Unit]:
    return [
        Unit(id=CODES[0], name="某街道", kind="街道", members=3),
        Unit(id=CODES[1], name="甲社区", kind="社区", parent_id=CODES[0], members=5),
        Unit(id=CODES[2], name="乙社区", kind="社区", parent_id=CODES[0], members=7),
    ]


def test_codes_round_trip_csv(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text(
        HEADER + f"{CODES[0]},,某街道,街道,3,否\n010101001201,{CODES[0]},甲社区,社区,5,否\n",
        encoding="utf-8",
    )
    assert [u.id for u in read_units_csv(p)] == [CODES[0], "010101001201"]
    units = _code_units()
    assert read_units_csv(write_units_csv(units, tmp_path / "w.csv")) == units


def test_codes_round_trip_xlsx(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")

    path = tmp_path / "u.xlsx"
    heads = ("编号", "上级编号", "名称", "类型", "党员数", "有播放网点")
    rows = [
        (
            int(u.id),
            int(u.parent_id) if u.parent_id else None,
            u.name,
            u.kind.label,
            u.members,
            "否",
        )
        for u in _code_units()
    ]
    xlsx.write_tables(path, {"units": Table(columns=[Column(h) for h in heads], rows=rows)})
    got = xlsx.read_units(path)
    assert [(u.id, u.parent_id) for u in got] == [(u.id, u.parent_id) for u in _code_units()]
    text_rows = [(u.id, u.parent_id, u.name, u.kind.label, u.members, "否") for u in _code_units()]
    xlsx.write_tables(path, {"units": Table(columns=[Column(h) for h in heads], rows=text_rows)})
    assert xlsx.read_units(path) == _code_units()


def test_numeric_code_with_lost_zeros_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")

    path = tmp_path / "u.xlsx"
    heads = ("编号", "上级编号", "名称", "类型")
    rows = [(110101001001, None, "某街道", "街道"), (10101001201, 110101001001, "甲社区", "社区")]
    xlsx.write_tables(path, {"units": Table(columns=[Column(h) for h in heads], rows=rows)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataError) as err:
            xlsx.read_units(path)
    lines = err.value.lines()
    assert len(lines) == 1, lines
    assert ":3: id: number 10101001201 has 11 digits" in lines[0]
    collect: list[Problem] = []
    units = xlsx.read_units(path, collect=collect)
    assert len(units) == 2
    assert len(collect) == 1
