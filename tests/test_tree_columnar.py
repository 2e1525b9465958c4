"""The columnar tree (issue 15): the lazily built graph and units equal eager ones, and the
column-by-column CSV path gives the same tree as the Unit-by-Unit one."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.io import csvfile, read_tree, write_units_csv
from pmedu.io.csvfile import read_valid_tree_csv
from pmedu.network.tree import FIELDS
from strategies import unit_lists


def _eager_graph(units: list[Unit]) -> nx.DiGraph:
    """The graph as 0.1.0 built it: a node per unit with its ``unit``, an edge per parent."""
    g: nx.DiGraph = nx.DiGraph()
    g.add_nodes_from((u.id, {"unit": u}) for u in units)
    g.add_edges_from((u.parent_id, u.id) for u in units if u.parent_id is not None)
    return g


def _columns(units: list[Unit]) -> dict[str, list[object]]:
    return {f: [getattr(u, f) for u in units] for f in FIELDS}


@given(unit_lists(max_size=30), st.randoms(use_true_random=False))
def test_lazy_graph_and_units_equal_eager_ones(units: list[Unit], rnd: object) -> None:
    shuffled = [units[0], *units[1:]]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    for given_units in (units, shuffled):
        eager = _eager_graph(given_units)
        for tree in (
            OrgTree.from_units(given_units),
            OrgTree.from_columns(_columns(given_units)),
        ):
            g = tree.graph
            assert nx.is_frozen(g)
            assert nx.is_arborescence(g)
            assert set(g.edges) == set(eager.edges)
            assert dict(g.nodes(data="unit")) == dict(eager.nodes(data="unit"))
            assert list(g.nodes) == [u.id for u in tree]
            assert sorted(tree, key=lambda u: u.id) == sorted(given_units, key=lambda u: u.id)
            assert tree.graph is g  # cached


@given(unit_lists(max_size=30))
def test_columnar_tree_answers_as_the_eager_one(units: list[Unit]) -> None:
    eager = OrgTree.from_units(units)
    lazy = OrgTree.from_columns(_columns(units))
    assert lazy == eager
    assert eager == lazy
    assert lazy.rollup("members").to_dict() == eager.rollup("members").to_dict()
    assert (
        lazy.rollup(lambda u: u.members, agg="max").to_dict()
        == eager.rollup("members", agg="max").to_dict()
    )
    assert lazy.coverage("村").to_dict() == eager.coverage("村").to_dict()
    assert lazy.count_by_kind() == eager.count_by_kind()
    for u in units:
        assert lazy.unit(u.id) == u
        assert lazy.path(u.id) == eager.path(u.id)
        assert lazy.ancestors(u.id) == eager.ancestors(u.id)
        assert lazy.children(u.id) == eager.children(u.id)
        assert lazy.subtree(u.id) == eager.subtree(u.id)
        assert lazy.units(kind="村", within=u.id) == eager.units(kind="村", within=u.id)
    root = units[0]
    assert lazy.subtree(root.id).root == attrs.evolve(root, parent_id=None)


@settings(max_examples=30)
@given(unit_lists(max_size=25), st.sampled_from(["zh", "en"]))
def test_csv_columns_give_the_tree_of_the_unit_path(units: list[Unit], lang: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = write_units_csv(units, Path(d) / "u.csv", lang=lang)  # type: ignore[arg-type]
        fast = read_valid_tree_csv(path)
        assert fast is not None
        assert fast == read_tree(path) == OrgTree.from_units(units)
        assert list(fast) == list(OrgTree.from_units(units))


def test_a_table_with_problems_is_left_to_the_full_report(tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text("id,parent_id,name,kind\nC,,c,county\nC,,d,county\n", encoding="utf-8")
    assert read_valid_tree_csv(p) is None
    p.write_text("id,parent_id,name,kind\nC,,c,county\nT,C,,township\n", encoding="utf-8")
    assert read_valid_tree_csv(p) is None
    assert read_valid_tree_csv(tmp_path / "absent.csv") is None


def test_progress_is_told_of_each_step_with_its_count() -> None:
    lines: list[str] = []
    tree = OrgTree.from_units([Unit(id="C", name="c", kind="县")])
    with tempfile.TemporaryDirectory() as d:
        path = write_units_csv(tree, Path(d) / "u.csv")
        read_valid_tree_csv(path, progress=lines.append)
    # the reporter (pmedu.progress.Reporter) decides what is shown: steps over a second
    assert lines == ["reading and checking u.csv", "building the tree of 1 units"]


def test_chunks_keep_rows_and_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "CHUNK_ROWS", 3)
    units = [Unit(id="C", name="c", kind="县")] + [
        Unit(id=f"T{i}", name=f"t{i}", kind="镇", parent_id="C", members=i) for i in range(10)
    ]
    path = write_units_csv(units, tmp_path / "u.csv")
    text = path.read_text(encoding="utf-8-sig").replace("\r\nT4,", "\r\n,,,\r\nT4,")
    path.write_text(text, encoding="utf-8-sig")
    tree = read_valid_tree_csv(path)
    assert tree is not None
    assert list(tree) == units
    path.write_text(text.replace("T7,C,t7", "T7,X,t7"), encoding="utf-8-sig")
    assert read_valid_tree_csv(path) is None
