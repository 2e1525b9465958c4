"""Issue 11 deliverable 6: a networkx export that works (graphml, node-link and tree JSON)
and a tree read back from the graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from pmedu.errors import DataError, PmeduError
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.export import to_networkx, tree_from_graph


def _tree() -> OrgTree:
    units = [
        Unit(id="C", name="某县", kind="县"),
        Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=40, org_type="党委"),
        Unit(id="S1", name="城东街道", kind="街道", parent_id="C", members=5),
        Unit(id="T1-V1", name="-东村", kind="村", parent_id="T1", members=30, mobile=3,
             retired=4, not_transferred=1, has_station=True),
        Unit(id="T1-E", name="=厂", kind="企业", parent_id="T1", members=2),
        Unit(id="S1-Q", name="社区", kind="社区", parent_id="S1", members=3, has_station=True),
    ]  # fmt: skip
    return OrgTree.from_units(units)


def test_node_attributes_are_plain() -> None:
    g = to_networkx(_tree())
    for _, data in g.nodes(data=True):
        assert all(type(v) in (str, int, bool) for v in data.values())
    assert g.nodes["T1"]["kind"] == "township"
    assert g.nodes["T1"]["org_type"] == "committee"
    assert sorted(g.edges) == sorted((u.parent_id, u.id) for u in _tree() if u.parent_id)


def test_graphml_round_trip(tmp_path: Path) -> None:
    tree = _tree()
    path = tmp_path / "tree.graphml"
    nx.write_graphml(to_networkx(tree), path)
    back = tree_from_graph(nx.read_graphml(path))
    assert back == tree
    assert list(back) == list(tree)


def test_json_exports() -> None:
    tree = _tree()
    g = to_networkx(tree)
    data = json.loads(json.dumps(nx.node_link_data(g)))
    assert tree_from_graph(nx.node_link_graph(data)) == tree
    nested = json.loads(json.dumps(nx.tree_data(g, tree.root.id)))
    assert [c["id"] for c in nested["children"]] == ["T1", "S1"]
    assert tree_from_graph(nx.tree_graph(nested)) == tree


def test_reads_tree_graph_with_unit_objects() -> None:
    tree = _tree()
    assert tree_from_graph(nx.DiGraph(tree.graph)) == tree


def test_bad_graphs_are_clean_errors() -> None:
    g = to_networkx(_tree())
    g.nodes["T1"]["members"] = "many"
    g.nodes["S1"]["colour"] = "red"
    with pytest.raises(DataError) as info:
        tree_from_graph(g)
    assert {p.unit for p in info.value.problems} == {"T1", "S1"}
    two = to_networkx(_tree())
    two.add_edge("S1", "T1-E")
    with pytest.raises(DataError, match="2 parents"):
        tree_from_graph(two)
    with pytest.raises(DataError, match="directed"):
        tree_from_graph(nx.Graph(to_networkx(_tree())))
    cut = to_networkx(_tree())
    cut.remove_edge("C", "S1")
    with pytest.raises(PmeduError):
        tree_from_graph(cut)
