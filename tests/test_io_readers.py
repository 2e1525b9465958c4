"""io as the file boundary: 0.1.0's policy, standard, rules and tree files load through the
io readers; domain classes take documents; the one atomic write; the old names still work."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from issue17 import standard_as_shown_in_0_2
from pmedu.errors import DataError, PolicyError
from pmedu.io.documents import atomic_open, read_document
from pmedu.io.holdings import read_holdings
from pmedu.io.jsonfile import load_tree
from pmedu.io.policies import load_policy, policy_from
from pmedu.io.registers import write_table
from pmedu.io.rules import load_rules, rules_from
from pmedu.io.standards import load_standard, standard_from
from pmedu.network import HierarchyRules
from pmedu.stations import Standard
from pmedu.supply import SupplyPolicy
from pmedu.supply.holdings import holdings_from_rows

OLD = Path(__file__).parent / "data" / "v0_1_0"


def test_v0_1_0_files_load_through_the_io_readers() -> None:
    assert load_policy(OLD / "seed001.toml") == SupplyPolicy.preset(name="seed001")
    assert standard_as_shown_in_0_2(load_standard(OLD / "six_haves.toml")) == Standard.preset(
        name="six_haves"
    )
    assert load_rules(OLD / "strict.toml") == HierarchyRules.preset(name="strict")
    tree = load_tree(OLD / "sample_tree.json")
    assert len(tree) > 0


def test_domain_classes_take_documents() -> None:
    doc = read_document(OLD / "seed001.toml", error=PolicyError)
    assert SupplyPolicy.from_document(doc) == load_policy(OLD / "seed001.toml")
    with pytest.raises(PolicyError) as caught:
        SupplyPolicy.from_document({"villages_per_set": 0}, source="p.toml")
    assert caught.value.lines() == ["p.toml: $.villages_per_set: 'villages_per_set' must be > 0: 0"]


def test_preset_name_or_file(tmp_path: Path) -> None:
    assert policy_from("seed001") == SupplyPolicy.preset(name="seed001")
    assert policy_from(None) == SupplyPolicy.preset(name="default")
    assert policy_from(OLD / "seed001.toml") == SupplyPolicy.preset(name="seed001")
    assert rules_from(str(OLD / "strict.toml")).name == "strict"
    assert standard_from("两机一室").name == "two_machines_one_room"
    with pytest.raises(PolicyError, match="unknown preset"):
        policy_from(tmp_path / "absent")


def test_old_entry_points_still_read_files(tmp_path: Path) -> None:
    seed001 = SupplyPolicy.preset(name="seed001")
    with pytest.deprecated_call(match="SupplyPolicy.load is deprecated"):
        assert SupplyPolicy.load(OLD / "seed001.toml") == seed001
    with pytest.deprecated_call(match="policy_from"):
        assert SupplyPolicy.resolve(OLD / "seed001.toml") == seed001
    with pytest.deprecated_call(match="load_standard"):
        assert Standard.load(OLD / "six_haves.toml") == load_standard(OLD / "six_haves.toml")
    with pytest.deprecated_call(match="load_rules"):
        assert HierarchyRules.load(OLD / "strict.toml") == load_rules(OLD / "strict.toml")
    convert = importlib.import_module("pmedu.convert")
    documents = importlib.import_module("pmedu.io.documents")
    for name in ("atomic_open", "dump_document", "dumps", "load_file", "read_document"):
        with pytest.deprecated_call(match=f"pmedu.convert.{name} moved to"):
            assert getattr(convert, name) is getattr(documents, name)
    with pytest.raises(AttributeError):
        _ = convert.nope


def test_holdings_csv_and_rows_agree(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text("编号,套数\nT01,3\n\nT02,\n", encoding="gbk")
    assert read_holdings(p) == {"T01": 3, "T02": 0}
    rows = [["T01", "3"], ["", ""], ["T02", ""]]
    assert holdings_from_rows(["编号", "套数"], rows) == read_holdings(p)
    with pytest.raises(DataError) as caught:
        holdings_from_rows(["名称"], [], source="h.csv")
    assert [p.row for p in caught.value.problems] == [1, 1]


def test_holdings_from_a_workbook_name_the_sheet(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    xlsx = importlib.import_module("pmedu.io.xlsx")
    report = importlib.import_module("pmedu.report")
    t = report.Table(
        columns=(report.Column("编号"), report.Column("套数", "int")), rows=(("T01", -1),)
    )
    path = xlsx.write_tables(tmp_path / "h.xlsx", {"封面": t, "片库": t})
    with pytest.raises(DataError) as caught:
        read_holdings(path, sheet="片库")
    assert caught.value.lines() == [f"{path}:片库!2: 套数: must be a whole number ≥ 0, got '-1'"]


def _write_then_fail(target: Path) -> None:
    with atomic_open(target, mode="w", encoding="utf-8") as fh:
        fh.write("half")
        raise RuntimeError("stop")


def test_atomic_open_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.csv"
    write_table([{"a": 1}], target)
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        _write_then_fail(target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.csv"]


def test_format_version(tmp_path: Path) -> None:
    text = (OLD / "seed001.toml").read_text(encoding="utf-8")
    v1 = tmp_path / "v1.toml"
    v1.write_text("version = 1\n" + text, encoding="utf-8")
    assert load_policy(v1) == load_policy(OLD / "seed001.toml")
    v9 = tmp_path / "v9.toml"
    v9.write_text("version = 9\n" + text, encoding="utf-8")
    with pytest.raises(PolicyError, match="newer pmedu"):
        load_policy(v9)
    with pytest.raises(PolicyError, match="version"):
        Standard.from_document({"version": "1"})
    with pytest.raises(PolicyError, match="newer pmedu"):
        HierarchyRules.from_document({"version": 2, "name": "x", "allowed": {}})
