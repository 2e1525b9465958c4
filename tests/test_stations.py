"""Stations and standards (issue 5 §1; DOMAIN.md §3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit, UnitKind
from pmedu.errors import DataError, PolicyError
from pmedu.io.standards import load_standard
from pmedu.model import Film, FilmLibrary
from pmedu.records import Records
from pmedu.stations import (
    Feature,
    Standard,
    Station,
    check,
    compliance,
    coverage_by_kind,
    gaps,
    passes,
    station_coverage,
)
from strategies import below, trees_with_records

STANDARDS = Standard.presets()


def test_presets_cite_their_seeds() -> None:
    assert STANDARDS == ["five_haves", "six_haves", "two_machines_one_room"]
    seeds = {n: Standard.preset(name=n).seed for n in STANDARDS}
    assert seeds == {"five_haves": "000", "six_haves": "002", "two_machines_one_room": "002"}


def test_six_haves_pins_seed_002() -> None:
    six = Standard.preset(name="六有")
    assert [i.label for i in six.items] == [
        "有机构",
        "有人员",
        "有标牌",
        "有电教片库",
        "有制度",
        "三簿一册",
    ]
    registers = six.items[-1].requires
    assert registers == {
        Feature.VIEWING_REGISTER,
        Feature.DISCUSSION_REGISTER,
        Feature.FEEDBACK_REGISTER,
        Feature.SIGN_IN_BOOK,
    }


def test_two_machines_one_room_pins_seed_002() -> None:
    tmor = Standard.preset(name="两机一室")
    assert tmor.requires() == {Feature.TELEVISION, Feature.PLAYER, Feature.ROOM}


def test_five_haves_pins_seed_000() -> None:
    five = Standard.preset(name="五有")
    assert [i.label for i in five.items] == ["有阵地", "有设备", "有人管", "有制度", "有片库"]


@pytest.mark.parametrize("name", STANDARDS)
@given(data=st.data())
def test_full_station_passes_and_removing_any_item_fails_naming_it(
    name: str, data: st.DataObject
) -> None:
    std = Standard.preset(name=name)
    extra = data.draw(st.frozensets(st.sampled_from(list(Feature))))
    full = Station(id="S", unit_id="V", features=std.requires() | extra)
    assert check(full, std) == ()
    assert passes(full, std)
    feature = data.draw(st.sampled_from(sorted(std.requires(), key=list(Feature).index)))
    lacking = full.without(feature)
    missing = check(lacking, std)
    assert missing, feature
    assert all(feature in item.requires for item in missing)
    assert not passes(lacking, std)
    assert full.has(feature)  # the original station is unchanged


def test_unknown_preset_and_bad_user_standard(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="unknown preset"):
        Standard.preset(name="seven_haves")
    p = tmp_path / "mine.toml"
    p.write_text(
        'name = "mine"\nlabel = "我的"\n[[items]]\nname = "a"\nlabel = "甲"\n'
        'requires = ["电视机", "飞机"]\n[[items]]\nname = "a"\nlabel = "乙"\nrequires = []\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as err:
        load_standard(p)
    text = str(err.value)
    assert "$.items[0].requires" in text  # the unknown feature 飞机
    assert "$.items[1].requires: 'requires' must not be empty" in text
    assert len(err.value.problems) == 2


def test_user_standard_extends(tmp_path: Path) -> None:
    p = tmp_path / "mine.toml"
    p.write_text(
        'name = "tv_only"\nlabel = "有电视"\n[[items]]\nname = "tv"\nlabel = "电视"\n'
        'requires = ["电视机"]\n',
        encoding="utf-8",
    )
    std = load_standard(p)
    assert passes(Station(id="S", unit_id="V", features=["tv"]), std)


def _tree() -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="县", kind="县"),
            Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
            Unit(id="V1", name="一村", kind="村", parent_id="T1"),
            Unit(id="V2", name="二村", kind="村", parent_id="T1"),
            Unit(id="T2", name="西街道", kind="街道", parent_id="C"),
            Unit(id="K1", name="一社区", kind="社区", parent_id="T2"),
            Unit(id="E1", name="某非公企业", kind="非公企业", parent_id="T2"),
        ]
    )


def test_coverage_and_compliance_seed_example() -> None:
    tree = _tree()
    tmor = Standard.preset(name="two_machines_one_room")
    stations = [
        Station(id="S1", unit_id="V1", features=tmor.requires()),
        Station(id="S2", unit_id="K1", features=["电视机"]),
        Station(id="S3", unit_id="E1", features=tmor.requires()),
    ]
    cov = station_coverage(tree, stations)
    assert (cov["C"].covered, cov["C"].total) == (2, 3)
    assert cov["T1"].rate == 0.5
    by_kind = coverage_by_kind(tree, stations)
    assert [k.value for k in by_kind] == [
        "township",
        "street",
        "village",
        "community",
        "non_public_enterprise",
    ]
    assert by_kind[UnitKind.TOWNSHIP]["C"].rate == 0.0
    assert by_kind[UnitKind.NON_PUBLIC_ENTERPRISE]["C"].rate == 1.0
    comp = compliance(tree, stations, tmor)
    assert (comp["C"].covered, comp["C"].total) == (1, 2)  # E1 is not a village/community
    assert comp["T2"].rate == 0.0
    assert [(s.id, [i.name for i in m]) for s, m in gaps(stations, tmor)] == [
        ("S2", ["player", "room"])
    ]


def test_station_at_unknown_unit_is_reported() -> None:
    with pytest.raises(DataError, match="X9"):
        station_coverage(_tree(), [Station(id="S", unit_id="X9")])


@given(trees_with_records())
def test_rollups_of_counts_are_sums_of_parts(data: tuple[OrgTree, Records]) -> None:
    tree, records = data
    stations = records.stations
    std = Standard.preset(name="six_haves")
    cov = station_coverage(tree, stations)
    comp = compliance(tree, stations, std)
    grassroots = {UnitKind.VILLAGE, UnitKind.COMMUNITY}
    for u in tree:
        under = [tree.unit(d) for d in below(tree, u.id)]
        assert cov[u.id].total == sum(d.kind in grassroots for d in under)
        mine = [s for s in stations if tree.unit(s.unit_id).kind in grassroots]
        mine = [s for s in mine if s.unit_id in {d.id for d in under}]
        assert comp[u.id].total == len(mine)
        assert comp[u.id].covered == sum(passes(s, std) for s in mine)
        rate = comp[u.id].rate
        assert rate is None or 0 <= rate <= 1


def test_film_library() -> None:
    f = Film(
        id="F", title="t", category="警示教育", source="县引进", year=2021, media="VCD", minutes=30
    )
    lib = FilmLibrary([f])
    assert lib.minutes(["F", "F"]) == 60
    assert f.category.label == "反面警示"
    with pytest.raises(DataError, match="duplicate film id"):
        FilmLibrary([f, f])
