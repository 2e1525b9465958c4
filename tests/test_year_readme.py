"""Issue 11 (6): the README's networkx claim holds — the exporter it names gives a graph that
graphml and JSON take, and reads back as the same tree."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.export import to_networkx, tree_from_graph

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_tree() -> OrgTree:
    # the tree of the README's "Use it from Python" section
    return OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县"),
            Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=10),
            Unit(id="V1", name="石桥村", kind="村", parent_id="T1", members=30, has_station=True),
            Unit(id="V2", name="河口村", kind="村", parent_id="T1", members=25),
        ]
    )


def test_the_readme_names_the_exporter_that_works() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "pmedu.network.export.to_networkx(tree)" in text
    assert "pmedu.network.export.tree_from_graph(g)" in text
    assert not re.search(r"`tree\.graph`[^.]*every networkx", text)


def test_every_exporter_the_readme_names_works() -> None:
    nx = pytest.importorskip("networkx")
    tree = _readme_tree()
    g = to_networkx(tree)
    data = json.loads(json.dumps(nx.node_link_data(g)))
    assert tree_from_graph(nx.node_link_graph(data)) == tree
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    buf.seek(0)
    assert tree_from_graph(nx.read_graphml(buf)) == tree
