"""Affiliation as a second tree (issue 18.1, DOMAIN §10, seeds 002 and 004): ``affiliation_id``,
working committees 工委 / 党工委 that exist only there, ``OrgTree.along("affiliation")``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from pmedu import OrgTree, Unit
from pmedu.cli import main
from pmedu.errors import CycleError, KindPairError, MissingParentError, RootError
from pmedu.facts import Facts
from pmedu.io import read_tree
from pmedu.io.csvfile import write_units_csv
from pmedu.io.jsonfile import save_tree
from pmedu.network import HierarchyRules
from pmedu.pipeline import compute_year
from pmedu.report import render_year
from pmedu.scoring import assess
from pmedu.scoring.assess import demo_assessment
from pmedu.supply import plan_supply
from strategies import affiliated_unit_lists, unit_lists


def _county() -> list[Unit]:
    return [
        Unit(id="C", name="某县", kind="县", members=4),
        Unit(id="GW", name="县直机关工委", kind="工委", affiliation_id="C", members=2),
        Unit(id="DGW", name="开发区党工委", kind="党工委", affiliation_id="C", members=1),
        Unit(id="T", name="东镇", kind="镇", parent_id="C", members=5),
        Unit(id="V1", name="石桥村", kind="村", parent_id="T", members=30, has_station=True),
        Unit(id="V2", name="河口村", kind="村", parent_id="T", members=20, affiliation_id="DGW"),
        Unit(id="A", name="县财政局", kind="机关", parent_id="C", members=7, affiliation_id="GW"),
    ]


def _brute(units: list[Unit]) -> dict[str, int]:
    """Members under each unit along affiliation, walking each unit's chain to the root."""
    up = {u.id: (u.affiliation_id or u.parent_id) for u in units}
    out = {u.id: 0 for u in units}
    for u in units:
        k: str | None = u.id
        while k is not None:
            out[k] += u.members
            k = up[k]
    return out


# A party organisation's affiliation can differ from its administrative place; the roll-up along
# affiliation counts every member (the working committees' own included) exactly once.
@settings(max_examples=60, deadline=None)
@given(affiliated_unit_lists())
def test_rollup_along_affiliation_sums_every_member_once(units: list[Unit]) -> None:
    tree = OrgTree.from_units(units)
    aff = tree.along("affiliation")
    got = aff.rollup("members")
    assert got[aff.root.id] == sum(u.members for u in units)
    assert got.to_dict() == _brute(units)
    assert len(aff) == len(units)


# Affiliated to one's own administrative parent everywhere: the two trees are one.
@settings(max_examples=60, deadline=None)
@given(unit_lists(max_size=30))
def test_affiliation_equal_to_parent_gives_equal_rollups(units: list[Unit]) -> None:
    same = [attrs.evolve(u, affiliation_id=u.parent_id) for u in units]
    tree = OrgTree.from_units(same)
    aff = tree.along("affiliation")
    assert aff.rollup("members").to_dict() == tree.rollup("members").to_dict()
    assert aff.coverage("村").to_dict() == tree.coverage("村").to_dict()
    assert aff == tree
    assert tree.differences() == []


def test_a_tree_without_affiliation_is_its_own() -> None:
    tree = OrgTree.from_units([u for u in _county() if u.affiliation_id is None])
    assert tree.along("affiliation") is tree
    assert tree.along("administrative") is tree


def test_working_committees_exist_only_in_the_affiliation_tree() -> None:
    tree = OrgTree.from_units(_county())
    aff = tree.along("党组织隶属")
    assert "GW" not in tree
    assert "GW" in aff
    assert aff.along("affiliation") is aff
    assert aff.along("administrative") is tree
    assert aff.rollup("members")["GW"] == 9
    assert aff.rollup("members")["T"] == 35
    assert tree.rollup("members")["T"] == 55
    assert aff.coverage("村")["DGW"].total == 1
    assert aff.path("V2") == "某县/开发区党工委/河口村"
    assert aff.unit("V2").parent_id == "DGW"
    assert tree.differences() == ["GW", "A", "DGW", "V2"]


def test_columns_give_the_same_two_trees() -> None:
    units = _county()
    cols = {f.name: [getattr(u, f.name) for u in units] for f in attrs.fields(Unit)}
    tree = OrgTree.from_columns(cols)
    assert tree == OrgTree.from_units(units)
    assert tree.along("affiliation") == OrgTree.from_units(units).along("affiliation")


def test_supply_runs_along_affiliation() -> None:
    tree = OrgTree.from_units(_county())
    plan = plan_supply(tree.along("affiliation"))
    by_unit = {line.unit_id: line for line in plan.lines}
    # along affiliation the township keeps one village; the other is the 党工委's
    assert by_unit["T"].villages == 1
    assert {line.unit_id: line for line in plan_supply(tree).lines}["T"].villages == 2
    assert plan.total.villages == 2


def test_an_affiliation_cycle_is_a_cycle_error_naming_the_units() -> None:
    units = [
        Unit(id="C", name="某县", kind="县"),
        Unit(id="T", name="东镇", kind="镇", parent_id="C"),
        Unit(id="E1", name="甲厂", kind="企业", parent_id="T", affiliation_id="E2"),
        Unit(id="E2", name="乙厂", kind="企业", parent_id="T", affiliation_id="E1"),
    ]
    with pytest.raises(CycleError) as info:
        OrgTree.from_units(units)
    (p,) = info.value.problems
    assert p.field == "affiliation_id"
    assert "affiliation tree" in p.what
    assert "E1" in p.what
    assert "E2" in p.what


def test_a_committee_without_parent_or_affiliation_is_a_second_root() -> None:
    units = [*_county()[:1], Unit(id="GW", name="县直机关工委", kind="工委")]
    with pytest.raises(RootError, match=r"GW \(县直机关工委\)"):
        OrgTree.from_units(units)


def test_a_committee_in_the_administrative_tree_is_a_kind_pair_error() -> None:
    units = [*_county()[:1], Unit(id="GW", name="县直机关工委", kind="工委", parent_id="C")]
    with pytest.raises(KindPairError) as info:
        OrgTree.from_units(units)
    (p,) = info.value.problems
    assert p.unit == "GW"
    assert "only in the affiliation tree" in p.what


def test_a_committee_the_rules_forbid_along_affiliation_is_a_kind_pair_error() -> None:
    rules = attrs.evolve(HierarchyRules.preset(name="default"), affiliation={})
    with pytest.raises(KindPairError, match="affiliation tree") as info:
        OrgTree.from_units(_county(), rules=rules)
    assert {p.unit for p in info.value.problems} == {"GW", "DGW", "A", "V2"}


def test_a_missing_affiliation_parent_names_the_column() -> None:
    units = [
        *_county()[:1],
        Unit(id="T", name="东镇", kind="镇", parent_id="C", affiliation_id="X"),
    ]
    with pytest.raises(MissingParentError) as info:
        OrgTree.from_units(units)
    (p,) = info.value.problems
    assert (p.unit, p.field) == ("T", "affiliation_id")


def _json_tree(tmp_path: Path) -> Path:
    """A tree document with the working committees (save_tree writes the units kept beside
    the tree)."""
    return save_tree(OrgTree.from_units(_county()), tmp_path / "t.json")


def test_tree_differences_lists_members_and_stations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _json_tree(tmp_path)
    assert main(argv=["tree", str(path), "--differences"]) == 0
    out = capsys.readouterr().out
    assert "4 units whose affiliation differs" in out
    assert "县财政局" in out
    assert "县直机关工委 (GW)" in out
    assert main(argv=["tree", str(path), "--differences", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["tables"]["differences"]
    gw = next(r for r in rows if r["unit_id"] == "GW")
    assert (gw["parent_id"], gw["affiliated_members"], gw["stations"]) == (None, 9, 0)


def test_tree_along_affiliation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _json_tree(tmp_path)
    assert main(argv=["tree", str(path), "--along", "党组织隶属"]) == 0
    out = capsys.readouterr().out
    assert "7 units" in out
    assert "工委" in out
    assert main(argv=["tree", str(path), "--along", "sideways"]) == 1
    assert "--along: unknown hierarchy 'sideways'" in capsys.readouterr().err


def test_the_year_report_lists_the_differences() -> None:
    pytest.importorskip("jinja2")
    results = compute_year(OrgTree.from_units(_county()), year=2025)
    assert [d.unit_id for d in results.differences] == ["GW", "A", "DGW", "V2"]
    report = render_year(results, chart=False)
    section = report.section("affiliation")
    assert section.tables[0].rows[1][:5] == (
        "A",
        "县财政局",
        "机关",
        "某县 (C)",
        "县直机关工委 (GW)",
    )
    assert "affiliation" not in [
        s.key
        for s in render_year(
            compute_year(OrgTree.from_units([u for u in _county() if u.affiliation_id is None])),
            chart=False,
        ).sections
    ]


def test_a_subtree_keeps_the_committees_affiliated_within_it() -> None:
    tree = OrgTree.from_units(_county())
    whole = tree.subtree("C")
    assert whole.along("affiliation") == tree.along("affiliation")
    town = tree.subtree("T")
    assert town.root.affiliation_id is None
    assert town.affiliation_only() == ()
    with pytest.raises(MissingParentError, match="DGW"):
        town.along("affiliation")


def test_assessment_and_coverage_run_along_affiliation() -> None:
    rubric = demo_assessment([50]).rubric
    facts = Facts.from_records([("T", "m", 60), ("GW", "m", 80)])
    aff = OrgTree.from_units(_county()).along("affiliation")
    a = assess(aff, facts, rubric, units=["T", "GW"])
    assert [e.unit_id for e in a.ranking()] == ["GW", "T"]
    results = compute_year(aff, facts=facts, rubric=rubric, assess_kinds=["工委", "镇"])
    assert results.figures is not None
    assert results.figures.coverage_of("村")["DGW"].total == 1
    assert results.assessment is not None
    assert len(results.assessment) == 2


def test_a_unit_table_gives_the_affiliation_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        "编号,上级编号,名称,类型,党员数,隶属党组织编号\n"
        "C,,某县,县,4,\nGW,,县直机关工委,工委,2,C\nA,C,县财政局,机关,7,GW\n"
        "E1,C,甲厂,企业,1,E2\nE2,C,乙厂,企业,1,E1\n",
        encoding="utf-8",
    )
    with pytest.raises(CycleError) as info:
        read_tree(path)
    assert [p.row for p in info.value.problems] == [5]


def _with_committee() -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县"),
            Unit(id="GW", name="县直机关工委", kind="工委", affiliation_id="C"),
            Unit(id="A", name="县财政局", kind="机关", parent_id="C", affiliation_id="GW"),
        ]
    )


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_saved_tree_keeps_its_working_committees(tmp_path: Path, suffix: str) -> None:
    tree = _with_committee()
    path = tmp_path / f"t{suffix}"
    if suffix == ".json":
        save_tree(tree, path)
    else:
        write_units_csv(tree, path)
    back = read_tree(path)
    assert [u.id for u in back.affiliation_only()] == ["GW"]
    assert back.along("affiliation").rollup(lambda u: 1)["GW"] == 2


def test_a_saved_tree_keeps_rules_with_their_own_affiliation_pairs(tmp_path: Path) -> None:
    rules = HierarchyRules.preset()
    own = attrs.evolve(rules, affiliation_only=frozenset())
    doc = json.loads(
        save_tree(
            OrgTree.from_units([Unit(id="C", name="某县", kind="县")], rules=own),
            tmp_path / "t.json",
        ).read_text()
    )
    assert doc["rules"]["affiliation_only"] == []
    plain = json.loads(
        save_tree(
            OrgTree.from_units([Unit(id="C", name="某县", kind="县")]), tmp_path / "p.json"
        ).read_text()
    )
    assert "affiliation" not in plain["rules"]  # the default's pairs are not repeated
