"""The tree as a plain networkx graph any exporter accepts, and a tree read back from one.

[OrgTree.graph][pmedu.network.tree.OrgTree.graph] holds each [`Unit`][pmedu.model.unit.Unit] object
as a node attribute, which graph file formats cannot store.
[`to_networkx`][pmedu.network.export.to_networkx] gives a new `networkx.DiGraph` (edges parent →
child) whose node attributes are ``str``, ``int`` and ``bool`` only: the unit's fields (``kind`` and
``org_type`` as their values; a field that is ``None`` is left out; the id is the node, the parent
is the edge). So ``nx.write_graphml``, ``nx.write_gexf``, ``json.dumps(nx.node_link_data(g))`` and
``json.dumps(nx.tree_data(g, root))`` all work.
[`tree_from_graph`][pmedu.network.export.tree_from_graph] reads such a graph back into an
[`OrgTree`][pmedu.network.tree.OrgTree].

>>> import json
>>> import networkx as nx
>>> from pmedu.model import Unit
>>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...     Unit(id="T", name="东镇", kind="镇", parent_id="C", members=12, has_station=True)])
>>> g = to_networkx(t)
>>> g.nodes["T"]
{'name': '东镇', 'kind': 'township', 'members': 12, 'has_station': True}
>>> json.loads(json.dumps(nx.tree_data(g, "C")))["children"][0]["id"]
'T'
>>> tree_from_graph(g) == t
True
"""

from __future__ import annotations

from typing import Any

import attrs
import networkx as nx

from pmedu.convert import problems_from, structure
from pmedu.errors import DataError, Problem
from pmedu.labels import LabelledEnum
from pmedu.model import Unit
from pmedu.network.rules import HierarchyRules
from pmedu.network.tree import OrgTree

__all__ = ["to_networkx", "tree_from_graph"]

#: the graph attribute naming the hierarchy rules the tree was built with
RULES_KEY = "rules"


def _plain(value: Any) -> str | int | bool:
    if isinstance(value, LabelledEnum):
        return str(value.value)
    if isinstance(value, str | int):
        return value
    raise TypeError(f"no graph attribute for {value!r}")


def node_attributes(unit: Unit) -> dict[str, str | int | bool]:
    """A unit's fields as plain node attributes (no ``id``, no ``parent_id``, no ``None``).

    >>> node_attributes(Unit(id="V", name="石桥村", kind="村", members=5, mobile=2))
    {'name': '石桥村', 'kind': 'village', 'members': 5, 'mobile': 2, 'has_station': False}
    """
    return {
        a.name: _plain(getattr(unit, a.name))
        for a in attrs.fields(Unit)
        if a.name not in ("id", "parent_id") and getattr(unit, a.name) is not None
    }


def to_networkx(tree: OrgTree) -> nx.DiGraph:
    """A new `networkx.DiGraph` of ``tree``: nodes are unit ids in the tree's order,
    edges parent → child, node attributes ``str``/``int``/``bool`` only (see the module
    text); the graph attribute ``rules`` names the tree's hierarchy rules."""
    g: nx.DiGraph = nx.DiGraph(**{RULES_KEY: tree.rules.name})
    g.add_nodes_from((u.id, node_attributes(u)) for u in tree)
    g.add_edges_from((u.parent_id, u.id) for u in tree if u.parent_id is not None)
    return g


def tree_from_graph(g: nx.DiGraph, *, rules: HierarchyRules | str | None = None) -> OrgTree:
    """The [`OrgTree`][pmedu.network.tree.OrgTree] of a graph such as
    [`to_networkx`][pmedu.network.export.to_networkx] gives (or read back with ``nx.read_graphml``):
    node = unit id, edge parent → child, node attributes the unit's fields. A graph holding
    [`Unit`][pmedu.model.unit.Unit] objects (``tree.graph``) is read too. ``rules`` defaults to the
    graph's ``rules`` attribute when it names a preset, else ``default``.

    Bad node attributes, a node with two parents or an undirected graph are a
    [`DataError`][pmedu.errors.DataError] naming the node; the tree's own checks (one root, kind
    pairs …) raise as [`OrgTree.from_units`][pmedu.network.tree.OrgTree.from_units] does.
    """
    if not g.is_directed():
        raise DataError([Problem("the graph must be directed (edges parent → child)")])
    problems: list[Problem] = []
    units: list[Unit] = []
    for node, data in g.nodes(data=True):
        parents = list(g.predecessors(node))
        if len(parents) > 1:
            problems.append(
                Problem(f"has {len(parents)} parents: {', '.join(map(str, parents))}", unit=node)
            )
            continue
        unit = _unit(node, data, parents[0] if parents else None, problems)
        if unit is not None:
            units.append(unit)
    if problems:
        raise DataError(problems)
    if rules is None:
        named = g.graph.get(RULES_KEY)
        rules = named if named in HierarchyRules.presets() else None
    return OrgTree.from_units(units, rules=rules)


def _unit(node: Any, data: dict[str, Any], parent: Any, problems: list[Problem]) -> Unit | None:
    given = data.get("unit")
    if isinstance(given, Unit):
        return attrs.evolve(given, parent_id=parent)
    try:
        return structure({**data, "id": node, "parent_id": parent}, Unit)
    except DataError as exc:
        problems += [attrs.evolve(p, unit=str(node)) for p in exc.problems]
    except (TypeError, ValueError) as exc:
        problems += [attrs.evolve(p, unit=str(node)) for p in problems_from(exc)]
    return None
