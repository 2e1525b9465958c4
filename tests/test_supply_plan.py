"""Supply policy and plan (pmedu.supply): seed 001 numbers, DOMAIN §10 rules, properties."""

from __future__ import annotations

import io
import json
import math
from collections import Counter
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.cli import main, supply_cmd
from pmedu.datasets import sample_county, sample_holdings, sample_path, sample_records
from pmedu.errors import DataError, PolicyError, UnknownUnitError
from pmedu.io.holdings import read_holdings
from pmedu.io.policies import load_policy, policy_from
from pmedu.labels import UnitKind
from pmedu.supply import HEADERS_ZH, SupplyPolicy, plan_supply
from pmedu.supply.policy import divide
from strategies import (
    county_village_trees,
    even,
    seed_county,
    supply_policies,
    township,
    trees,
)

# --- seed 001 (DOMAIN §4) ----------------------------------------------------------------


def test_seed_example_grouped_by_township() -> None:
    plan = plan_supply(seed_county(has_station=even), policy="seed001")
    c = plan.line("C")
    assert (c.villages, c.target_sets, c.subscribed_sets, c.supplementary_sets) == (22, 9, 5, 4)
    assert [plan.line(f"T{t}").target_sets for t in range(1, 5)] == [3, 1, 4, 1]
    t1 = plan.line("T1")
    assert t1.subscribed_sets is None
    assert t1.supplementary_sets is None
    assert t1.level == "township"
    assert c.level == "county"


def test_seed_example_grouped_by_county() -> None:
    c = plan_supply(seed_county(has_station=even), policy=SupplyPolicy(grouping="county")).line("C")
    assert (c.target_sets, c.subscribed_sets, c.supplementary_sets) == (8, 5, 3)


def test_presets() -> None:
    assert SupplyPolicy.presets() == ["default", "seed001"]
    seed = SupplyPolicy.preset(name="seed001")
    default = SupplyPolicy.preset(name="default")
    for p in (seed, default):
        assert (p.villages_per_set, p.villages_per_subscribed_set) == (3, 5)
        assert p.rounding.value == "ceil"
        assert p.grouping.value == "township"
        assert p.village_kinds == frozenset({UnitKind.VILLAGE})
    with pytest.raises(PolicyError, match="unknown preset 'x'"):
        SupplyPolicy.preset(name="x")


def test_rounding_is_integer_arithmetic() -> None:
    big = 10**30 + 1  # float division would lose the +1
    assert divide(big, 3) == (10**30 + 1 + 2) // 3
    assert divide(big, 1) == big
    assert [divide(n, 3, rounding="half_up") for n in range(7)] == [0, 0, 1, 1, 1, 2, 2]
    assert [divide(n, 2, rounding="half_up") for n in range(5)] == [0, 1, 1, 2, 2]


def test_invalid_policy_file_names_every_field(tmp_path: Path) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(
        'villages_per_set = 0\nvillages_per_subscribed_set = -5\nrounding = "sometimes"\n'
        'village_kinds = ["镇"]\ngrouping = "city"\nvilages = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as info:
        load_policy(p)
    text = str(info.value)
    for field in (
        "villages_per_set",
        "villages_per_subscribed_set",
        "rounding",
        "village_kinds",
        "grouping",
        "vilages",
    ):
        assert field in text
    assert len(info.value.problems) == 6


def test_policy_from_json_and_communities(tmp_path: Path) -> None:
    p = tmp_path / "p.json"
    p.write_text(json.dumps({"village_kinds": ["村", "社区"], "rounding": "四舍五入"}))
    pol = load_policy(p)
    assert pol.village_kinds == frozenset({UnitKind.VILLAGE, UnitKind.COMMUNITY})
    assert policy_from(p) == pol
    with pytest.deprecated_call():
        assert SupplyPolicy.resolve(p) == pol
    tree = township(4, communities=3)
    assert plan_supply(tree).line("T").villages == 4
    assert plan_supply(tree, policy=pol).line("T").villages == 7


# --- holdings, lines, records -------------------------------------------------------------


def test_held_counts_the_subtree_and_shortfall_every_line() -> None:
    plan = plan_supply(seed_county(has_station=even), holdings={"C": 2, "T3": 5, "T1-V0": 1})
    assert plan.line("T3").held == 5
    assert plan.line("T3").shortfall == 0
    assert plan.line("T1").held == 1
    assert plan.line("T1").shortfall == 2
    assert plan.line("C").held == 8
    assert plan.line("C").shortfall == 1


def test_bad_holdings_report_every_problem() -> None:
    with pytest.raises(DataError) as info:
        plan_supply(seed_county(has_station=even), holdings={"X": 1, "T1": -1, "T2": True})
    assert len(info.value.problems) == 3


def test_unknown_line() -> None:
    plan = plan_supply(seed_county(has_station=even))
    with pytest.raises(UnknownUnitError):
        plan.line("T1-V0")
    assert "T1-V0" not in plan
    assert len(plan) == 5


def test_records_and_chinese_headers() -> None:
    recs = plan_supply(seed_county(has_station=even)).to_records()
    assert recs[0] == {
        "unit_id": "C",
        "name": "某县",
        "kind": "county",
        "level": "county",
        "villages": 22,
        "target_sets": 9,
        "subscribed_sets": 5,
        "supplementary_sets": 4,
        "held": 0,
        "shortfall": 9,
        "magazines": 13,
    }
    assert set(recs[0]) == set(HEADERS_ZH)


def test_table_prints() -> None:
    text = str(plan_supply(seed_county(has_station=even)))
    assert text.splitlines()[0].split()[:3] == ["unit", "villages", "target"]
    assert "—" in text
    assert "应配套数" in plan_supply(seed_county(has_station=even)).table(lang="zh")


def test_magazine_rule_takes_a_predicate() -> None:
    tree = seed_county(has_station=even)
    assert plan_supply(tree).line("C").magazines == 4 + 2 + 6 + 1  # stations at even villages
    assert plan_supply(tree, equipped=lambda u: True).line("C").magazines == 22
    two = SupplyPolicy(magazines_per_unit=2)
    assert (
        plan_supply(tree, policy=two, equipped=lambda u: u.id.startswith("T3")).total.magazines
        == 22
    )


def test_city_totals_and_a_city_running_towns() -> None:
    units = [
        Unit(id="M", name="某市", kind="市"),
        Unit(id="A", name="甲县", kind="县", parent_id="M"),
        Unit(id="A1", name="甲镇", kind="镇", parent_id="A"),
        Unit(id="B", name="乙区", kind="区", parent_id="M"),
        Unit(id="B1", name="乙街道", kind="街道", parent_id="B"),
        Unit(id="Z", name="市直镇", kind="镇", parent_id="M"),  # 不设区的市 runs a town
    ]
    for t, n in (("A1", 7), ("B1", 4), ("Z", 6)):
        units += [Unit(id=f"{t}-{i}", name="村", kind="村", parent_id=t) for i in range(n)]
    plan = plan_supply(OrgTree.from_units(units))
    a, b, m = plan.line("A"), plan.line("B"), plan.line("M")
    assert (a.target_sets, a.subscribed_sets, a.supplementary_sets) == (3, 2, 1)
    assert (b.target_sets, b.subscribed_sets, b.supplementary_sets) == (2, 1, 1)
    # the city: targets summed; its own town subscribes at the city: ceil(6/5) = 2
    assert (m.villages, m.target_sets, m.subscribed_sets, m.supplementary_sets) == (17, 7, 5, 2)
    assert plan.line("Z").subscribed_sets is None
    assert [x.unit_id for x in plan.level("total")] == ["M"]


def test_township_root_has_no_subscription() -> None:
    line = plan_supply(township(4)).total
    assert (line.target_sets, line.subscribed_sets, line.supplementary_sets) == (2, None, None)


# --- properties ---------------------------------------------------------------------------


def _per(n: int, k: int, rounding: str) -> int:
    """``n`` villages at one set per ``k``, rounded as DOMAIN §4 says, in exact fractions."""
    q = Fraction(n, k)
    if rounding == "ceil":
        return math.ceil(q)
    if rounding == "floor":
        return math.floor(q)
    return math.floor(q + Fraction(1, 2))  # half_up


def _villages_by_brute_force(tree: OrgTree, policy: SupplyPolicy) -> dict[str, int]:
    """Villages under every line (townships, streets, counties and what holds them),
    by brute force over networkx descendants."""
    g = tree.graph
    levels = (UnitKind.TOWNSHIP, UnitKind.STREET, UnitKind.COUNTY)
    out = {}
    for u in tree:
        below = nx.descendants(g, u.id)
        if u.kind not in levels and not any(tree.unit(d).kind in levels for d in below):
            continue
        out[u.id] = sum(1 for d in below if tree.unit(d).kind in policy.village_kinds)
    return out


@given(county_village_trees(), supply_policies())
def test_lines_match_brute_force_and_rules(tree: OrgTree, policy: SupplyPolicy) -> None:
    plan = plan_supply(tree, policy=policy)
    towns = [u.id for u in tree.units(kind=["乡镇", "街道"])]
    c = plan.line("C")
    vill = {t: plan.line(t).villages for t in towns}
    rounding = policy.rounding.value
    assert c.villages == sum(vill.values())
    if policy.grouping.value == "township":
        expected_sets = sum(_per(v, policy.villages_per_set, rounding) for v in vill.values())
    else:
        expected_sets = _per(c.villages, policy.villages_per_set, rounding)
    assert c.target_sets == expected_sets
    assert c.subscribed_sets == _per(c.villages, policy.villages_per_subscribed_set, rounding)
    assert c.supplementary_sets == max(0, c.target_sets - c.subscribed_sets)
    for t in towns:
        line = plan.line(t)
        assert line.target_sets == _per(line.villages, policy.villages_per_set, rounding)
        assert line.subscribed_sets is None
        assert line.supplementary_sets is None
    assert {x.unit_id: x.villages for x in plan} == _villages_by_brute_force(tree, policy)


@given(county_village_trees(), st.data())
def test_shortfall_and_supplement_never_negative(tree: OrgTree, data: st.DataObject) -> None:
    ids = [u.id for u in tree]
    holdings = data.draw(
        st.dictionaries(st.sampled_from(ids), st.integers(min_value=0, max_value=20), max_size=6)
    )
    plan = plan_supply(tree, holdings=holdings)
    assert plan.total.held == sum(holdings.values())
    for line in plan:
        assert line.shortfall == max(0, line.target_sets - line.held)
        assert line.supplementary_sets is None or line.supplementary_sets >= 0


@given(county_village_trees())
def test_township_grouping_never_needs_fewer_sets(tree: OrgTree) -> None:
    by_town = plan_supply(tree, policy=SupplyPolicy(grouping="township")).total.target_sets
    by_county = plan_supply(tree, policy=SupplyPolicy(grouping="county")).total.target_sets
    assert by_town >= by_county


@given(county_village_trees(), supply_policies(), st.data())
def test_target_non_decreasing_in_villages(
    tree: OrgTree, policy: SupplyPolicy, data: st.DataObject
) -> None:
    towns = [u.id for u in tree.units(kind=["乡镇", "街道"])]
    if not towns:
        return
    t = data.draw(st.sampled_from(towns))
    grown = OrgTree.from_units([*tree, Unit(id="NEW", name="新村", kind="村", parent_id=t)])
    before, after = plan_supply(tree, policy=policy), plan_supply(grown, policy=policy)
    for line in before:
        assert after.line(line.unit_id).target_sets >= line.target_sets


@given(supply_policies(), st.integers(min_value=0, max_value=500))
def test_policy_counts_non_decreasing(policy: SupplyPolicy, n: int) -> None:
    assert policy.sets_for(n) <= policy.sets_for(n + 1)
    assert policy.subscribed_for(n) <= policy.subscribed_for(n + 1)


@given(trees(max_size=40))
def test_any_tree_plans_and_root_totals(tree: OrgTree) -> None:
    plan = plan_supply(tree)
    assert plan.total.unit_id == tree.root.id
    assert plan.total.villages == len(tree.units(kind="村"))
    for line in plan:
        parent = tree.parent(line.unit_id)
        assert parent is None or parent.id in plan  # every ancestor of a line is a line


# --- holdings file, sample data and command line -----------------------------------------


def test_read_holdings_sample_and_errors(tmp_path: Path) -> None:
    h = sample_holdings()
    # the holdings file tells the same story as the sample records' film library
    held = Counter(fs.unit_id for fs in sample_records().film_sets)
    assert h == dict(held)
    assert h["C000"] == 3
    p = tmp_path / "h.csv"
    p.write_text("名称,备注\n东镇,x\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_holdings(p)
    assert [str(x).split(": ", 1)[1] for x in info.value.problems] == [
        "unit_id: missing column 编号 (unit_id); accepted headers: "
        "unit_id, id, unit, 编号, 单位编号, 单位代码",
        "sets: missing column 套数 (sets); accepted headers: "
        "sets, held, sets_held, 套数, 现有套数, 持有套数, 片库套数",
    ]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("编号,套数\nC000,3\n".encode("gbk"))
    assert read_holdings(gbk, tree=sample_county()) == {"C000": 3}


def test_sample_county_plan() -> None:
    plan = plan_supply(sample_county(), policy="seed001", holdings=sample_holdings())
    total = plan.total
    assert total.villages == 300
    assert total.target_sets == sum(x.target_sets for x in plan.level("township"))
    assert total.held == sum(sample_holdings().values())


def test_cli_supply(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = str(sample_path())
    assert main(argv=["supply", path, "--policy", "seed001", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("unit")
    assert "示例县" in out
    bad = tmp_path / "h.csv"
    bad.write_text("编号,套数\nNOPE,1\nC000,x\n", encoding="utf-8")
    assert main(argv=["supply", path, "--holdings", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("h.csv:2: 编号: unit 'NOPE' is not in the tree")
    assert err[1].endswith("h.csv:3: 套数: must be a whole number ≥ 0, got 'x'")
    pol = tmp_path / "p.toml"
    pol.write_text("villages_per_set = 0\n", encoding="utf-8")
    assert main(argv=["supply", path, "--policy", str(pol)]) == 1
    assert "villages_per_set" in capsys.readouterr().err


def test_demo_section() -> None:

    buf = io.StringIO()
    supply_cmd.demo_section(sample_county(), buf)
    text = buf.getvalue()
    assert "示例县" in text
    assert "缺口" in text
    assert supply_cmd.DEMO_ORDER == 30
