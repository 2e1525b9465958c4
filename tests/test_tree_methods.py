"""The interop and export methods on the tree: ``OrgTree.from_frame``, ``UnitMap.to_pandas``,
``OrgTree.to_networkx`` and ``OrgTree.from_graph`` give what the functions they stand for give."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pytest

from pmedu.datasets import synth
from pmedu.errors import DataError
from pmedu.frames import coverage_frame, tree_from_frame
from pmedu.io import write_units_csv
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.export import to_networkx, tree_from_graph

TREE = synth.tree("county", units=60, seed=3)


def test_to_networkx_is_the_exporter() -> None:
    g = TREE.to_networkx()
    ref = to_networkx(TREE)
    assert list(g.nodes(data=True)) == list(ref.nodes(data=True))
    assert list(g.edges) == list(ref.edges)
    assert g.graph == ref.graph
    assert g is not TREE.to_networkx()  # a new graph each time
    json.dumps(nx.node_link_data(g, edges="links"))  # plain attributes


def test_from_graph_reads_back(tmp_path: Path) -> None:
    assert OrgTree.from_graph(TREE.to_networkx()) == TREE
    path = tmp_path / "t.graphml"
    nx.write_graphml(TREE.to_networkx(), path)
    back = OrgTree.from_graph(nx.read_graphml(path))
    assert back == tree_from_graph(nx.read_graphml(path)) == TREE
    assert OrgTree.from_graph(TREE.graph) == TREE  # Unit attributes read too


def test_from_graph_rules_and_problems() -> None:
    g = TREE.to_networkx()
    assert OrgTree.from_graph(g, rules="default").rules.name == "default"
    with pytest.raises(DataError, match="directed"):
        OrgTree.from_graph(g.to_undirected())


def test_from_frame_is_tree_from_frame(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(write_units_csv(TREE, tmp_path / "u.csv"), encoding="utf-8-sig")
    tree = OrgTree.from_frame(frame)
    assert tree == tree_from_frame(frame) == TREE
    assert OrgTree.from_frame(frame, rules="default").rules.name == "default"


def test_from_frame_problems_name_the_row() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"id": ["C", "T"], "parent_id": [None, "X"], "name": ["某县", "东镇"], "kind": ["县", "镇"]}
    )
    with pytest.raises(Exception, match="DataFrame:2"):
        OrgTree.from_frame(frame)


def test_coverage_to_pandas_is_coverage_frame() -> None:
    pytest.importorskip("pandas")
    cov = TREE.coverage(["村", "社区"])
    df = cov.to_pandas()
    ref = coverage_frame(cov)
    assert list(df.columns) == ["unit_id", "covered", "total", "rate"]
    assert df.equals(ref)
    assert list(df["unit_id"]) == list(cov)
    empty = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")]).coverage("村")
    assert math.isnan(empty.to_pandas()["rate"].iloc[0])
