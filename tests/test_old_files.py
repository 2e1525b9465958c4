"""Files written by pmedu 0.1.0 (copies in ``tests/data/v0_1_0/``) keep loading through the
public API and give the same objects as today's shipped presets and sample data.

The copies are frozen: never regenerate them. A file without a format version is read as
version 1.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from issue17 import as_in_0_1, rubric_before_issue17, standard_as_shown_in_0_2
from pmedu.datasets import sample_county, sample_records
from pmedu.io import load_tree
from pmedu.io.policies import load_policy
from pmedu.io.records import load_records
from pmedu.io.rubrics import load_rubric
from pmedu.io.rules import load_rules
from pmedu.io.standards import load_standard
from pmedu.network import HierarchyRules, OrgTree
from pmedu.scoring import preset_rubric
from pmedu.stations import Standard
from pmedu.supply import SupplyPolicy

OLD = Path(__file__).parent / "data" / "v0_1_0"


def test_every_old_file_is_tested() -> None:
    assert sorted(p.name for p in OLD.iterdir()) == [
        "county_township.toml",
        "records_2025.json",
        "sample_tree.json",
        "seed001.toml",
        "six_haves.toml",
        "strict.toml",
    ]


def test_the_tree_json_loads_as_the_sample_county() -> None:
    tree = load_tree(OLD / "sample_tree.json")
    # 0.2.0's sample flags a station exactly where its records have one (issue 11); 0.1.0's
    # table differed there only, so the trees are equal once the flags are set the same way
    flags = {u.id: u.has_station for u in sample_county()}
    again = OrgTree.from_units([attrs.evolve(u, has_station=flags[u.id]) for u in tree])
    assert again == sample_county()
    assert tree.rules == sample_county().rules


def test_the_records_bundle_loads_as_the_sample_records() -> None:
    records = load_records(OLD / "records_2025.json")
    assert as_in_0_1(records) == as_in_0_1(sample_records())
    assert records.year == 2025


def test_the_rubric_loads_as_the_shipped_preset() -> None:
    old = rubric_before_issue17(load_rubric(OLD / "county_township.toml"))
    assert old == rubric_before_issue17(preset_rubric(name="county_township"))


def test_the_supply_policy_loads_as_the_shipped_preset() -> None:
    assert load_policy(OLD / "seed001.toml") == SupplyPolicy.preset(name="seed001")


def test_the_station_standard_loads_as_the_shipped_preset() -> None:
    old = load_standard(OLD / "six_haves.toml")
    assert standard_as_shown_in_0_2(old) == Standard.preset(name="six_haves")


def test_the_hierarchy_rules_load_as_the_shipped_preset() -> None:
    assert load_rules(OLD / "strict.toml") == HierarchyRules.preset(name="strict")
