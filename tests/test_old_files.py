"""Files written by pmedu 0.1.0 (copies in ``tests/data/v0_1_0/``) keep loading through the
public API and give the same objects as today's shipped presets and sample data.

The copies are frozen: never regenerate them. A file without a format version is read as
version 1.
"""

from __future__ import annotations

from pathlib import Path

from pmedu.datasets import sample_county, sample_records
from pmedu.io import load_tree
from pmedu.io.policies import load_policy
from pmedu.io.records import load_records
from pmedu.io.rubrics import load_rubric
from pmedu.io.rules import load_rules
from pmedu.io.standards import load_standard
from pmedu.network import HierarchyRules
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
    assert tree == sample_county()
    assert tree.rules == sample_county().rules


def test_the_records_bundle_loads_as_the_sample_records() -> None:
    records = load_records(OLD / "records_2025.json")
    assert records == sample_records()
    assert records.year == 2025


def test_the_rubric_loads_as_the_shipped_preset() -> None:
    assert load_rubric(OLD / "county_township.toml") == preset_rubric(name="county_township")


def test_the_supply_policy_loads_as_the_shipped_preset() -> None:
    assert load_policy(OLD / "seed001.toml") == SupplyPolicy.preset(name="seed001")


def test_the_station_standard_loads_as_the_shipped_preset() -> None:
    assert load_standard(OLD / "six_haves.toml") == Standard.preset(name="six_haves")


def test_the_hierarchy_rules_load_as_the_shipped_preset() -> None:
    assert load_rules(OLD / "strict.toml") == HierarchyRules.preset(name="strict")
