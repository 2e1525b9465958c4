"""Issue 11 deliverable 4: targets down the tree, level by level, and float weights read to
12 significant digits so float noise never decides a share."""

from __future__ import annotations

import pytest

from pmedu.apportion import apportion
from pmedu.errors import ApportionError
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.decompose import decompose_target
from pmedu.supply.apportionment import decompose_target as old_decompose_target

NOISE = 0.1 + 0.2  # 0.30000000000000004


@pytest.mark.parametrize("method", ["hamilton", "jefferson", "webster", "huntington_hill"])
def test_float_noise_ties_either_order(method: str) -> None:
    assert apportion(1, [0.3, NOISE], method=method) == [1, 0]
    assert apportion(1, [NOISE, 0.3], method=method) == [1, 0]
    assert apportion(1, {"a": NOISE, "b": 0.3}, method=method) == {"a": 1, "b": 0}
    assert apportion(1, {"b": 0.3, "a": NOISE}, method=method) == {"b": 1, "a": 0}


def test_larger_weight_still_wins_a_tie_of_remainders() -> None:
    assert apportion(2, [1.5, 0.5, 0.5 + 1e-15, 1.5]) == [1, 0, 0, 1]


def _city() -> OrgTree:
    """A city of 3 counties, each of 2-4 townships, each of 1-6 villages (one township has
    none)."""
    units = [Unit(id="M", name="某市", kind="市")]
    villages = [[3, 5, 1], [6, 2], [4, 1, 0, 2]]
    for c, towns in enumerate(villages, start=1):
        cid = f"C{c}"
        units.append(Unit(id=cid, name=f"县{c}", kind="县", parent_id="M"))
        for t, n in enumerate(towns, start=1):
            tid = f"{cid}T{t}"
            units.append(Unit(id=tid, name=f"镇{c}{t}", kind="镇", parent_id=cid))
            units += [
                Unit(id=f"{tid}V{i}", name="村", kind="村", parent_id=tid, members=2)
                for i in range(n)
            ]
    return OrgTree.from_units(units)


def test_one_level_as_before() -> None:
    tree = _city()
    new = decompose_target(tree, at="M", total=1000, levels="县", weight="村")
    with pytest.deprecated_call():
        old = old_decompose_target(tree, "M", 1000, "县", "村")
    assert new == old
    assert new.shares == {"C1": 375, "C2": 333, "C3": 292}
    assert new.to_records()[0] == {
        "unit_id": "C1",
        "name": "县1",
        "weight": 9,
        "share": 375,
        "left_out": False,
    }


def test_levels_nest_with_exact_sums_at_every_level() -> None:
    tree = _city()
    d = decompose_target(tree, at="M", total=1000, levels=["县", "乡镇"], weight="村")
    counties = d.level(1)
    assert sum(counties.values()) == 1000
    assert counties == {"C1": 375, "C2": 333, "C3": 292}
    for cid, share in counties.items():
        towns = d.below[cid].shares
        assert sum(towns.values()) == share
        assert set(towns) == {u.id for u in tree.units(kind="镇", within=cid)}
    assert sum(d.level(2).values()) == 1000  # no village counted twice
    assert d.below["C3"].left_out == ("C3T3",)
    assert d.depth == 2
    recs = d.to_records()
    assert [r["level"] for r in recs] == [1] * 3 + [2] * 9
    assert recs[3] == {
        "level": 2,
        "parent_id": "C1",
        "unit_id": "C1T1",
        "name": "镇11",
        "weight": 3,
        "share": 125,
        "left_out": False,
    }


def test_three_levels_down_to_villages() -> None:
    tree = _city()
    d = decompose_target(tree, at="M", total=37, levels=["县", "乡镇", "村"], weight="members")
    assert d.depth == 3
    for n in (1, 2, 3):
        assert sum(d.level(n).values()) == 37
    for town in d.below["C1"].below.values():
        assert sum(town.shares.values()) == d.below["C1"].shares[town.at]


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (["乡镇", "县"], "do not nest"),
        (["县", "县"], "share the kind"),
        ([["县", "乡镇"]], "nests inside itself"),
        ([], "at least one level"),
    ],
)
def test_kinds_that_do_not_nest_are_named(levels: list[str | list[str]], message: str) -> None:
    with pytest.raises(ApportionError, match=message) as info:
        decompose_target(_city(), at="M", total=10, levels=levels, weight="村")
    if levels and message != "share the kind":
        assert "县" in str(info.value)
        assert "乡镇" in str(info.value)
