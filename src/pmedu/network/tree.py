"""The organisation tree: a validated ``networkx.DiGraph`` with fast cached indices.

[`OrgTree`][pmedu.network.tree.OrgTree] keeps the tree as a real `networkx.DiGraph` (edges parent →
child, node attribute ``unit`` holding the [`Unit`][pmedu.model.unit.Unit]) for users who want
networkx algorithms or GraphML export, and beside it a cached pre-order of the units with parent
positions, depths and subtree sizes. Every hot path (roll-ups, coverage, ``within`` queries) runs on
those arrays in O(n) or O(subtree), never through ``nx.descendants`` per node.

>>> from pmedu import Unit
>>> tree = OrgTree.from_units([
...     Unit(id="C", name="某县", kind="县", members=20),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=10),
...     Unit(id="V1", name="石桥村", kind="村", parent_id="T1", members=30, has_station=True),
...     Unit(id="V2", name="河口村", kind="村", parent_id="T1", members=25),
... ])
>>> tree.path("V2")
'某县/东镇/河口村'
>>> tree.rollup("members")["T1"]
65
>>> tree.coverage("village")["C"]
Coverage(covered=1, total=2)
"""

from __future__ import annotations

import importlib
import operator
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any, Generic, TypeVar, overload

import attrs
import networkx as nx

from pmedu.errors import Problem, TreeError, UnknownUnitError, tree_error
from pmedu.frames import coverage_frame, tree_from_frame
from pmedu.labels import Hierarchy, UnitKind, parse_kinds
from pmedu.model import Unit
from pmedu.network.rules import HierarchyRules

__all__ = ["FIELDS", "Coverage", "OrgTree", "UnitMap", "unit_of"]

V = TypeVar("V")
W = TypeVar("W")

_AGGS: dict[str, Callable[..., Any]] = {"sum": sum, "min": min, "max": max}
_KIND_OF = operator.attrgetter("kind")
_AFFILIATION = operator.attrgetter("affiliation_id")


@attrs.frozen
class Coverage:
    """How many units of a kind in a subtree have something (the 建点率 when it's a station).

    ``rate`` is ``covered / total``, or ``None`` when ``total`` is 0: "not applicable",
    never 0 or 1.

    >>> Coverage(covered=3, total=4).rate
    0.75
    >>> Coverage(covered=0, total=0).rate is None
    True
    """

    covered: int
    total: int

    @property
    def rate(self) -> float | None:
        """``covered / total``, or ``None`` where there is nothing to cover."""
        return self.covered / self.total if self.total else None


class UnitMap(Mapping[str, V], Generic[V]):
    """A read-only mapping unit id → value, in the tree's pre-order.

    Returned by [`OrgTree.rollup`][pmedu.network.tree.OrgTree.rollup] and
    [`OrgTree.coverage`][pmedu.network.tree.OrgTree.coverage]. It shares the tree's index, so
    building one for a million units costs one list, not a million-entry dict.

    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇", members=3),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T", members=5)])
    >>> m = t.rollup("members")
    >>> m
    UnitMap({'T': 8, 'V': 5}, n=2)
    >>> list(m), m["V"], "X" in m, m.to_dict()
    (['T', 'V'], 5, False, {'T': 8, 'V': 5})
    """

    __slots__ = ("_ids", "_make", "_pos", "_values")

    def __init__(
        self,
        ids: list[str],
        pos: dict[str, int],
        values: list[Any],
        *,
        make: Callable[[int], V] | None = None,
    ) -> None:
        self._ids = ids
        self._pos = pos
        self._values = values
        self._make = make

    def __getitem__(self, unit_id: str) -> V:
        i = self._pos[unit_id]
        return self._make(i) if self._make is not None else self._values[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: object) -> bool:
        return key in self._pos

    def __repr__(self) -> str:
        head = ", ".join(f"{k!r}: {self[k]!r}" for k in self._ids[:3])
        more = ", …" if len(self._ids) > 3 else ""
        return f"UnitMap({{{head}{more}}}, n={len(self._ids)})"

    def to_dict(self) -> dict[str, V]:
        """A plain ``dict`` copy."""
        return {k: self[k] for k in self._ids}

    def to_pandas(self) -> Any:
        """A coverage map ([`OrgTree.coverage`][pmedu.network.tree.OrgTree.coverage]) as a
        ``pandas.DataFrame`` with the columns ``unit_id, covered, total, rate`` (``rate`` ``NaN``
        where there is nothing to cover):
        [`pmedu.frames.coverage_frame`][pmedu.frames.coverage_frame] of this map. Needs
        ``pmedu[pandas]``.

        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
        ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True)])
        >>> t.coverage("村").to_pandas().iloc[0].tolist()  # doctest: +SKIP
        ['T', 1, 1, 1.0]
        """
        return coverage_frame(self)


#: the fields of [`Unit`][pmedu.model.unit.Unit], in order: the columns an
#: [`OrgTree`][pmedu.network.tree.OrgTree] keeps
FIELDS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Unit))
_DEFAULTS: dict[str, Any] = {a.name: a.default for a in attrs.fields(Unit)}
_REQUIRED = ("id", "name", "kind")
_SHIFT = 40
_COVERED = 1 << _SHIFT
_TOTAL = _COVERED - 1
_NEW = object.__new__
_SET = object.__setattr__


def unit_of(values: Iterable[Any]) -> Unit:
    """A [`Unit`][pmedu.model.unit.Unit] from its field values in
    [`FIELDS`][pmedu.network.tree.FIELDS] order, values already valid (taken from a validated tree's
    columns): no converter or validator runs.

    >>> unit_of(["V", "石桥村", UnitKind.VILLAGE, None, 3, *[None] * 4, False, None]).name
    '石桥村'
    """
    u: Unit = _NEW(Unit)
    for f, x in zip(FIELDS, values, strict=True):
        _SET(u, f, x)
    return u


class OrgTree:
    """A validated organisation tree.

    Build one with [`from_units`][pmedu.network.tree.OrgTree.from_units] (or, from a table's
    columns, [`from_columns`][pmedu.network.tree.OrgTree.from_columns]); it never changes
    afterwards, so every query can rely on cached indices. Units are kept in pre-order: a unit, then
    its subtrees in the order its children were given.

    The tree keeps its units as columns (one list per [`Unit`][pmedu.model.unit.Unit] field, in
    pre-order) with the parent positions, depths, subtree sizes and a per-kind index;
    [`Unit`][pmedu.model.unit.Unit] objects and the ``graph`` are built the first time they are
    asked for, then cached. Everything pmedu computes on the tree runs on the arrays.

    >>> tree = OrgTree.from_units([
    ...     Unit(id="T", name="东镇", kind="镇"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", has_station=True),
    ... ])
    >>> tree
    <OrgTree root='东镇' units=2>
    >>> [u.name for u in tree.children("T")], tree.depth("V"), "V" in tree
    (['石桥村'], 1, True)
    >>> tree.coverage("村")["T"].rate
    1.0
    """

    __slots__ = (
        "_along",
        "_aside",
        "_by_kind",
        "_cols",
        "_depth",
        "_graph",
        "_ids",
        "_parent",
        "_pos",
        "_rules",
        "_size",
        "_sums",
        "_units",
    )
    _along: dict[Hierarchy, OrgTree] | None
    _aside: tuple[dict[str, list[Any]], list[Unit | None]] | None
    _by_kind: dict[UnitKind, list[int]]
    _cols: dict[str, list[Any]]
    _depth: list[int]
    _graph: nx.DiGraph | None
    _ids: list[str]
    _parent: list[int]
    _pos: dict[str, int]
    _rules: HierarchyRules
    _size: list[int]
    _sums: _SumPlan | None
    _units: list[Unit | None]

    def __init__(self, *_: Any, **__: Any) -> None:
        raise TypeError("build an OrgTree with OrgTree.from_units(units)")

    # --- construction -------------------------------------------------------------------

    @classmethod
    def from_units(
        cls, units: Iterable[Unit], *, rules: HierarchyRules | str | None = None
    ) -> OrgTree:
        """Validate ``units`` and build the tree.

        Every problem is collected before anything is raised: duplicate ids, parents that do
        not exist, no root or more than one, cycles, and parent/child kind pairs that
        ``rules`` forbid (the ``default`` preset when ``None``; a preset name is accepted).
        The error raised is a [`TreeError`][pmedu.errors.TreeError] listing them all, of the
        specific subclass (``CycleError``, ``KindPairError`` …) when all are of one sort.

        >>> OrgTree.from_units([Unit(id="A", name="某市", kind="市"),
        ...                     Unit(id="B", name="某村", kind="村", parent_id="A")])
        Traceback (most recent call last):
        ...
        pmedu.errors.KindPairError: 1 problem:
        unit B: kind: a 行政村 (village) may not sit directly under a 市 (city) (unit A)
        """
        given = list(units)
        for i, u in enumerate(given):
            if not isinstance(u, Unit):
                raise TypeError(f"expected Unit objects, got {type(u).__name__} at position {i}")
        the_rules = _rules_of(rules)
        only = the_rules.affiliation_only
        # ids are never empty: any() finds an affiliation at C speed
        affiliated = any(map(_AFFILIATION, given))
        aside: list[Unit] = []
        if affiliated and only:
            aside = [u for u in given if _is_aside(u.kind, u.parent_id, u.affiliation_id, only)]
        if aside:
            given = [u for u in given if not _is_aside(u.kind, u.parent_id, u.affiliation_id, only)]
        cols = {f: [getattr(u, f) for u in given] for f in ("id", "name", "kind", "parent_id")}
        order, parent = _validate(cols, the_rules)
        pre = {f: list(map(col.__getitem__, order)) for f, col in cols.items()}
        kept: list[Unit | None] = list(map(given.__getitem__, order))
        tree = cls._build(pre, parent, the_rules, kept)
        if not affiliated:
            return tree
        aside_cols = {f: [getattr(u, f) for u in aside] for f in FIELDS}
        return tree._affiliated(aside_cols, list(aside))

    @classmethod
    def from_columns(
        cls,
        columns: Mapping[str, Iterable[Any]],
        *,
        rules: HierarchyRules | str | None = None,
    ) -> OrgTree:
        """Validate a tree given as columns (``{field: values}``, one value per unit, in the
        table's order) and build it, without making a [`Unit`][pmedu.model.unit.Unit] per row.

        ``id``, ``name`` and ``kind`` are required; a missing column takes the field's default.
        Cells must already be valid field values (stripped non-empty ids and names,
        [`UnitKind`][pmedu.labels.UnitKind] kinds, counts ≥ 0 …), as the CSV reader
        [`read_valid_tree_csv`][pmedu.io.csvfile.read_valid_tree_csv] makes them;
        the tree checks are those of [`from_units`][pmedu.network.tree.OrgTree.from_units], with the
        same problems.

        >>> t = OrgTree.from_columns({"id": ["T", "V"], "name": ["东镇", "石桥村"],
        ...     "kind": [UnitKind.TOWNSHIP, UnitKind.VILLAGE], "parent_id": [None, "T"],
        ...     "members": [1, 30]})
        >>> t.rollup("members")["T"], t.unit("V") == Unit(id="V", name="石桥村", kind="村",
        ...                                                parent_id="T", members=30)
        (31, True)
        """
        given = {f: list(col) for f, col in columns.items() if f in _DEFAULTS}
        unknown = sorted(set(columns) - set(_DEFAULTS))
        missing = [f for f in _REQUIRED if f not in given]
        if unknown or missing:
            raise ValueError(f"columns: unknown {unknown}, missing {missing}")
        n = len(given["id"])
        if any(len(col) != n for col in given.values()):
            raise ValueError("columns of different lengths")
        for f, default in _DEFAULTS.items():
            if f not in given:
                given[f] = [default] * n
        the_rules = _rules_of(rules)
        given, aside = _split_aside(given, the_rules.affiliation_only)
        n = len(given["id"])
        order, parent = _validate(given, the_rules)
        if order == list(range(n)):  # the table is in pre-order already
            pre = given
        else:
            pre = {f: list(map(col.__getitem__, order)) for f, col in given.items()}
        tree = cls._build(pre, parent, the_rules, [None] * n)
        return tree._affiliated(aside, [None] * len(aside["id"]))

    @classmethod
    def from_frame(cls, frame: Any, *, rules: HierarchyRules | str | None = None) -> OrgTree:
        """The tree of a unit-table ``pandas.DataFrame`` (the columns of a unit CSV, Chinese
        or English headers), checked as a CSV is, every problem naming ``DataFrame:ROW``:
        [`pmedu.frames.tree_from_frame`][pmedu.frames.tree_from_frame]. Needs ``pmedu[pandas]``.

        >>> import pandas as pd  # doctest: +SKIP
        >>> df = pd.DataFrame({"id": ["C", "T"], "parent_id": [None, "C"],
        ...     "name": ["某县", "东镇"], "kind": ["县", "镇"]})  # doctest: +SKIP
        >>> OrgTree.from_frame(df).unit("T").name  # doctest: +SKIP
        '东镇'
        """
        tree: OrgTree = tree_from_frame(frame, rules=rules)
        return tree

    @classmethod
    def from_graph(cls, g: nx.DiGraph, *, rules: HierarchyRules | str | None = None) -> OrgTree:
        """The tree of a directed graph such as
        [`to_networkx`][pmedu.network.tree.OrgTree.to_networkx] gives (node = unit id, edge parent →
        child, node attributes the unit's fields; read back from GraphML too):
        [`pmedu.network.export.tree_from_graph`][pmedu.network.export.tree_from_graph].

        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
        ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", members=3)])
        >>> OrgTree.from_graph(t.to_networkx()) == t
        True
        """
        tree: OrgTree = _export().tree_from_graph(g, rules=rules)
        return tree

    def to_networkx(self) -> nx.DiGraph:
        """A new `networkx.DiGraph` of the tree with plain ``str``/``int``/``bool`` node attributes
        (GraphML and JSON export work on it; [`graph`][pmedu.network.tree.OrgTree.graph] holds
        [`Unit`][pmedu.model.unit.Unit] objects instead):
        [`pmedu.network.export.to_networkx`][pmedu.network.export.to_networkx].

        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
        ...     Unit(id="V", name="石桥村", kind="村", parent_id="T", members=3)])
        >>> g = t.to_networkx()
        >>> list(g.edges), g.nodes["V"]["members"], g.nodes["V"]["kind"]
        ([('T', 'V')], 3, 'village')
        """
        g: nx.DiGraph = _export().to_networkx(self)
        return g

    @classmethod
    def _build(
        cls,
        cols: dict[str, list[Any]],
        parent: list[int],
        rules: HierarchyRules,
        units: list[Unit | None],
    ) -> OrgTree:
        """Assemble a tree from columns already in pre-order (``parent``: pre-order
        positions, ``units``: the Unit objects known so far, ``None`` where not yet made)."""
        n = len(parent)
        self = object.__new__(cls)
        ids: list[str] = cols["id"]
        self._cols = cols
        self._units = units
        self._ids = ids
        self._pos = dict(zip(ids, range(n), strict=True))
        self._parent = parent
        depth = [0] * n
        for k in range(1, n):
            depth[k] = depth[parent[k]] + 1
        size = [1] * n
        for k in range(n - 1, 0, -1):
            size[parent[k]] += size[k]
        self._depth = depth
        self._size = size
        # pre-order positions of each kind (ascending): subtree counts by bisection
        self._by_kind = _kind_index(cols["kind"])
        self._rules = rules
        self._graph = None
        self._sums = None
        self._along = None
        self._aside = None
        return self

    # --- the second hierarchy: party affiliation -------------------------------------------

    def _affiliated(self, aside: dict[str, list[Any]], units: list[Unit | None]) -> OrgTree:
        """Keep the affiliation-only units set aside and, when the table gives any affiliation,
        build (and so validate) the affiliation tree now: its problems are raised with the
        tree's."""
        if aside["id"]:
            self._aside = (aside, units)
        if self._aside is not None or any(self._col("affiliation_id")):
            self.along(Hierarchy.AFFILIATION)
        return self

    def along(self, hierarchy: Hierarchy | str) -> OrgTree:
        """The tree along one of the two hierarchies ([affiliation][concept-affiliation]):
        ``"administrative"`` (the default: this tree, by ``parent_id``) or ``"affiliation"``
        (党组织隶属: each unit under its ``affiliation_id``, or its ``parent_id`` where that is
        blank, with the working committees 工委 / 党工委 that exist only there).

        The affiliation tree is an [`OrgTree`][pmedu.network.tree.OrgTree] like any
        other: [`rollup`][pmedu.network.tree.OrgTree.rollup],
        [`coverage`][pmedu.network.tree.OrgTree.coverage], ``plan_supply`` and ``assess``
        run on it. Its units have their affiliation parent as ``parent_id``. It is validated
        like the main tree (one root, no cycles, the kind pairs of
        [`HierarchyRules.along`][pmedu.network.rules.HierarchyRules.along]), built once on
        the same cached arrays (O(n)), then kept; a tree without any affiliation is its own.

        >>> t = OrgTree.from_units([
        ...     Unit(id="C", name="某县", kind="县"),
        ...     Unit(id="GW", name="县直机关工委", kind="工委", affiliation_id="C"),
        ...     Unit(id="T", name="东镇", kind="镇", parent_id="C", members=5),
        ...     Unit(id="A", name="镇财政所", kind="机关", parent_id="T", members=3,
        ...          affiliation_id="GW")])
        >>> a = t.along("affiliation")
        >>> t.rollup("members")["T"], a.rollup("members")["T"], a.rollup("members")["GW"]
        (8, 5, 3)
        >>> "GW" in t, a.path("A"), a.along("administrative") is t, t.along("党组织隶属") is a
        (False, '某县/县直机关工委/镇财政所', True, True)
        """
        h = Hierarchy.parse(hierarchy)
        if self._along is None:
            self._along = {Hierarchy.ADMINISTRATIVE: self}
        found = self._along.get(h)
        if found is None:
            found = self._along[h] = self._affiliation_view()
        return found

    def _affiliation_view(self) -> OrgTree:
        aside, aside_units = self._aside or ({f: [] for f in FIELDS}, [])
        cols = {f: self._col(f) + aside[f] for f in FIELDS}
        if not aside_units and not any(cols["affiliation_id"]):
            return self
        cols["parent_id"] = [
            p if a is None else a
            for a, p in zip(cols["affiliation_id"], cols["parent_id"], strict=True)
        ]
        rules = self._rules.along(Hierarchy.AFFILIATION)
        try:
            order, parent = _validate(cols, rules)
        except TreeError as exc:
            raise _affiliation_error(exc) from None
        pre = {f: list(map(col.__getitem__, order)) for f, col in cols.items()}
        view = OrgTree._build(pre, parent, rules, [None] * len(order))
        view._along = {Hierarchy.ADMINISTRATIVE: self, Hierarchy.AFFILIATION: view}
        return view

    def affiliation_only(self) -> tuple[Unit, ...]:
        """The units kept beside this tree that exist only in the affiliation tree (the
        working committees 工委 / 党工委 with no ``parent_id``): they are not among this tree's
        units, so a writer saves them with the units to keep the affiliation tree.

        >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
        ...     Unit(id="GW", name="县直机关工委", kind="工委", affiliation_id="C")])
        >>> [u.id for u in t.affiliation_only()], len(t), len(t.along("affiliation"))
        (['GW'], 1, 2)
        """
        if self._aside is None:
            return ()
        cols, units = self._aside
        return tuple(
            u if u is not None else unit_of([cols[f][k] for f in FIELDS])
            for k, u in enumerate(units)
        )

    def differences(self) -> list[str]:
        """The ids of the units whose affiliation parent is not their administrative parent
        (in the affiliation tree's pre-order), the working committees that exist only in the
        affiliation tree included: where the two hierarchies differ.

        >>> t = OrgTree.from_units([
        ...     Unit(id="C", name="某县", kind="县"),
        ...     Unit(id="T", name="东镇", kind="镇", parent_id="C"),
        ...     Unit(id="E", name="县水泥厂", kind="企业", parent_id="T", affiliation_id="C")])
        >>> t.differences(), t.along("affiliation").differences()
        (['E'], ['E'])
        """
        admin = self.along(Hierarchy.ADMINISTRATIVE)
        aff = self.along(Hierarchy.AFFILIATION)
        if aff is admin:
            return []
        parent_ids = admin._col("parent_id")
        pos = admin._pos
        return [
            uid
            for uid, p in zip(aff._ids, aff._col("parent_id"), strict=True)
            if (k := pos.get(uid)) is None or parent_ids[k] != p
        ]

    # --- columns and materialised units -------------------------------------------------

    def _col(self, field: str) -> list[Any]:
        col = self._cols.get(field)
        if col is None:
            if field not in _DEFAULTS:
                raise ValueError(f"Unit has no field {field!r}; fields: {', '.join(FIELDS)}")
            col = self._cols[field] = [getattr(u, field) for u in self._units]
        return col

    def column(self, field: str) -> list[Any]:
        """The values of one [`Unit`][pmedu.model.unit.Unit] field for every unit, in pre-order
        (a copy), without making the units.

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县", members=2),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> t.column("members"), t.column("id")
        ([2, 0], ['A', 'B'])
        """
        return list(self._col(field))

    def unit_at(self, position: int) -> Unit:
        """The unit at a pre-order ``position`` (made on first use, then cached).

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县")])
        >>> t.unit_at(0).id
        'A'
        """
        u = self._units[position]
        if u is None:  # a tree from columns: every column is there
            cols = self._cols
            u = self._units[position] = unit_of([cols[f][position] for f in FIELDS])
        return u

    def _all_units(self) -> list[Unit]:
        if any(u is None for u in self._units):
            cols = [self._col(f) for f in FIELDS]
            self._units = [
                unit_of(row) if u is None else u
                for u, row in zip(self._units, zip(*cols, strict=True), strict=True)
            ]
        return self._units  # type: ignore[return-value]

    def position(self, unit_id: str) -> int:
        """The pre-order position of a unit (``UnknownUnitError`` if absent).

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> t.position("B")
        1
        """
        return self._index(unit_id)

    # --- basic access --------------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """The tree as a frozen `networkx.DiGraph` (edges parent → child; node
        attribute ``unit``), built on first use. Use any networkx algorithm on it; copy it
        to change it.

        >>> import networkx as nx
        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> nx.is_arborescence(t.graph), t.graph.nodes["B"]["unit"].name
        (True, 'b')
        """
        if self._graph is None:
            ids, parent = self._ids, self._parent
            g: nx.DiGraph = nx.DiGraph()
            g.add_nodes_from((u.id, {"unit": u}) for u in self._all_units())
            g.add_edges_from((ids[parent[k]], ids[k]) for k in range(1, len(ids)))
            self._graph = nx.freeze(g)
        return self._graph

    @property
    def rules(self) -> HierarchyRules:
        """The hierarchy rules the tree was validated against."""
        return self._rules

    @property
    def root(self) -> Unit:
        """The root unit."""
        return self.unit_at(0)

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[Unit]:
        """The units in pre-order."""
        return iter(self._all_units())

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._pos

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OrgTree):
            return NotImplemented
        if len(self) != len(other) or self._pos.keys() != other._pos.keys():
            return False
        theirs = [other._pos[uid] for uid in self._ids]
        for f in FIELDS:
            col = other._col(f)
            if self._col(f) != [col[j] for j in theirs]:
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<OrgTree root={self._col('name')[0]!r} units={len(self)}>"

    def _index(self, unit_id: str) -> int:
        try:
            return self._pos[unit_id]
        except KeyError:
            raise UnknownUnitError(f"unknown unit id {unit_id!r}") from None

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id (``UnknownUnitError``, a ``KeyError``, if absent)."""
        return self.unit_at(self._index(unit_id))

    def parent(self, unit_id: str) -> Unit | None:
        """The parent unit, ``None`` for the root."""
        p = self._parent[self._index(unit_id)]
        return self.unit_at(p) if p >= 0 else None

    def _child_positions(self, i: int) -> Iterator[int]:
        j, end = i + 1, i + self._size[i]
        while j < end:
            yield j
            j += self._size[j]

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """The units directly under ``unit_id``, in input order."""
        return tuple(map(self.unit_at, self._child_positions(self._index(unit_id))))

    def _ancestor_positions(self, i: int) -> list[int]:
        out: list[int] = []
        p = self._parent[i]
        while p >= 0:
            out.append(p)
            p = self._parent[p]
        out.reverse()
        return out

    def ancestors(self, unit_id: str) -> tuple[Unit, ...]:
        """The units above ``unit_id``, root first, the unit itself excluded."""
        return tuple(map(self.unit_at, self._ancestor_positions(self._index(unit_id))))

    def path(self, unit_id: str, *, sep: str = "/") -> str:
        """The names from the root down to the unit itself, joined by ``sep``."""
        i = self._index(unit_id)
        names = self._col("name")
        return sep.join([names[k] for k in self._ancestor_positions(i)] + [names[i]])

    def depth(self, unit_id: str) -> int:
        """Edges between the root and the unit (the root is at depth 0)."""
        return self._depth[self._index(unit_id)]

    level = depth

    def subtree_size(self, unit_id: str) -> int:
        """Number of units in the subtree of ``unit_id``, the unit included."""
        return self._size[self._index(unit_id)]

    def _span(self, within: str | None) -> range:
        if within is None:
            return range(len(self._ids))
        i = self._index(within)
        return range(i, i + self._size[i])

    def units(self, *, kind: Any = None, within: str | None = None) -> list[Unit]:
        """Units in pre-order, optionally of ``kind`` (one or several, labels accepted) and
        ``within`` a unit's subtree (the unit itself included).

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A"),
        ...                         Unit(id="C", name="c", kind="村", parent_id="B")])
        >>> [u.id for u in t.units(kind="村", within="B")]
        ['C']
        """
        span = self._span(within)
        if kind is None:
            if within is None:
                return list(self._all_units())
            return list(map(self.unit_at, span))
        found = self.kind_positions(kind)
        lo, hi = bisect_left(found, span.start), bisect_left(found, span.stop)
        return list(map(self.unit_at, found[lo:hi]))

    def count_by_kind(self, *, within: str | None = None) -> Counter[UnitKind]:
        """How many units of each kind lie in the tree (or ``within`` a subtree): two
        bisections per kind in the per-kind index.

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> t.count_by_kind(within="B")
        Counter({<UnitKind.TOWNSHIP: 'township'>: 1})
        """
        span = self._span(within)
        counts = {
            kd: bisect_left(found, span.stop) - bisect_left(found, span.start)
            for kd, found in self._by_kind.items()
        }
        return Counter({kd: n for kd, n in counts.items() if n})

    def sum_by_kind(self, field: str) -> dict[UnitKind, int]:
        """The total of a count field over the units of each kind present, on the arrays
        (``None`` counts as 0): what the ``pmedu tree`` kind table shows.

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县", members=2),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A", members=5)])
        >>> t.sum_by_kind("members")
        {<UnitKind.COUNTY: 'county'>: 2, <UnitKind.TOWNSHIP: 'township'>: 5}
        """
        col = self._col(field)
        return {
            kd: sum(x for k in found if (x := col[k]) is not None)
            for kd, found in self._by_kind.items()
            if found
        }

    def subtree(self, unit_id: str) -> OrgTree:
        """The subtree under ``unit_id`` as a new [`OrgTree`][pmedu.network.tree.OrgTree].

        Its root is the same unit with ``parent_id`` (and ``affiliation_id``) set to ``None``,
        so the subtree can be saved and loaded on its own. O(size of the subtree). The working
        committees affiliated within it are kept beside it; a unit inside affiliated to one
        outside makes its [`along("affiliation")`][pmedu.network.tree.OrgTree.along] an error.
        """
        span = self._span(unit_id)
        start, stop = span.start, span.stop
        cols = {f: col[start:stop] for f, col in self._cols.items()}
        cols["parent_id"][0] = None
        if "affiliation_id" in cols:
            cols["affiliation_id"][0] = None
        units = self._units[start:stop]
        if units[0] is not None:
            units[0] = attrs.evolve(units[0], parent_id=None, affiliation_id=None)
        parent = [-1] + [self._parent[k] - start for k in range(start + 1, stop)]
        tree = OrgTree._build(cols, parent, self._rules, units)
        tree._aside = self._aside_within(self._ids[start:stop])
        return tree

    def _aside_within(
        self, ids: list[str]
    ) -> tuple[dict[str, list[Any]], list[Unit | None]] | None:
        """The units kept beside this tree whose affiliation leads into ``ids``."""
        if self._aside is None:
            return None
        cols, units = self._aside
        inside = set(ids)
        keep: list[int] = []
        grew = True
        while grew:
            grew = False
            for k, (uid, aff) in enumerate(zip(cols["id"], cols["affiliation_id"], strict=True)):
                if aff in inside and uid not in inside:
                    inside.add(uid)
                    keep.append(k)
                    grew = True
        if not keep:
            return None
        keep.sort()
        return {f: [col[k] for k in keep] for f, col in cols.items()}, [units[k] for k in keep]

    # --- roll-ups ------------------------------------------------------------------------

    def values(self, value: str | Callable[[Unit], V]) -> list[Any]:
        """The per-unit values of ``value`` (a function of the Unit or a field name), in
        pre-order; a field name reads the column without making the units.

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县", members=2)])
        >>> t.values("members"), t.values(lambda u: u.members + 1)
        ([2], [3])
        """
        if isinstance(value, str):
            return list(self._col(value))
        return list(map(value, self._all_units()))

    @overload
    def rollup(self, value: str | Callable[[Unit], Any], *, agg: str = "sum") -> UnitMap[Any]: ...
    @overload
    def rollup(
        self, value: str | Callable[[Unit], Any], *, agg: Callable[..., Any]
    ) -> UnitMap[Any]: ...

    def rollup(
        self, value: str | Callable[[Unit], Any], *, agg: str | Callable[..., Any] = "sum"
    ) -> UnitMap[Any]:
        """For every unit, ``agg`` of ``value`` over its whole subtree (the unit included).

        ``value`` is a function of the [`Unit`][pmedu.model.unit.Unit] or the name of a field
        (``"members"``, ``"mobile"`` …). ``agg`` is ``"sum"`` (default), ``"min"``,
        ``"max"`` or ``"count"``, or the builtins ``sum``/``min``/``max``. Values that are
        ``None`` are missing: they are skipped, and a subtree with no value gives ``None``
        (``0`` for ``"count"``, which counts the units whose value is not ``None``). A mean
        is ``rollup(v, "sum")`` divided by ``rollup(v, "count")``, never an average of
        averages. One pass over the cached pre-order: O(n).

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县", members=1),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A", members=2),
        ...                         Unit(id="C", name="c", kind="村", parent_id="B", members=4)])
        >>> dict(t.rollup("members"))
        {'A': 7, 'B': 6, 'C': 4}
        >>> t.rollup("members", agg="max")["A"], t.rollup("retired", agg="count")["A"]
        (4, 0)
        """
        name = _agg_name(agg)
        par = self._parent
        n = len(par)
        if name == "count":
            col = self._col(value) if isinstance(value, str) else self.values(value)
            ones: list[int] = [0 if x is None else 1 for x in col]
            return UnitMap(self._ids, self._pos, self._subtree_sums(ones))
        if name == "sum" and isinstance(value, str):
            # fast path for a field (whole counts): slices summed at C speed; a None raises
            # TypeError and the None-aware pass below runs on the untouched values instead
            col = self._col(value)
            try:
                return UnitMap(self._ids, self._pos, self._subtree_sums(col))
            except TypeError:
                if None not in col:
                    raise
        vals = self.values(value)
        acc: list[Any]
        if name == "sum" and not isinstance(value, str):
            acc = list(vals)
            try:
                for k in range(n - 1, 0, -1):
                    acc[par[k]] += acc[k]
            except TypeError:
                if None not in vals:
                    raise
            else:
                return UnitMap(self._ids, self._pos, acc)
        acc = vals
        picks: dict[str, Callable[[Any, Any], Any]] = {
            "sum": operator.add,
            "min": min,
            "max": max,
        }
        pick = picks[name]
        for k in range(n - 1, 0, -1):
            x = acc[k]
            if x is None:
                continue
            p = par[k]
            y = acc[p]
            acc[p] = x if y is None else pick(y, x)
        return UnitMap(self._ids, self._pos, acc)

    def coverage(
        self,
        kind: Any,
        *,
        has: str | Callable[[Unit], bool] = "has_station",
    ) -> UnitMap[Coverage]:
        """For every unit, how many units of ``kind`` in its subtree satisfy ``has``.

        ``kind`` is one kind or several (labels accepted); ``has`` is a predicate on the
        unit or the name of a boolean field (default ``has_station``: the station coverage
        rate 建点率, [stations and standards][concept-stations]).

        >>> t = OrgTree.from_units([
        ...     Unit(id="A", name="a", kind="镇"),
        ...     Unit(id="V", name="v", kind="村", parent_id="A", has_station=True),
        ...     Unit(id="C", name="c", kind="社区", parent_id="A")])
        >>> cov = t.coverage(["村", "社区"])
        >>> cov["A"].covered, cov["A"].total, cov["A"].rate
        (1, 2, 0.5)
        >>> t.coverage("村")["C"].rate is None
        True
        """
        kinds = parse_kinds(kind)
        # total and covered packed in one int (covered above bit 40): one pass sums both
        own = [0] * len(self._ids)
        flags: list[Any] | None = self._col(has) if isinstance(has, str) else None
        for k in self.kind_positions(kinds):
            hit = flags[k] if flags is not None else has(self.unit_at(k))  # type: ignore[operator]
            own[k] = _COVERED + 1 if hit else 1
        acc = self._subtree_sums(own)
        return UnitMap(
            self._ids,
            self._pos,
            acc,
            make=lambda i: Coverage(covered=acc[i] >> _SHIFT, total=acc[i] & _TOTAL),
        )

    def _subtree_sums(self, values: list[Any]) -> list[Any]:
        """For every unit, the sum of ``values`` (whole numbers, in pre-order) over its
        subtree. A subtree is a run of the pre-order, so a unit whose children are all
        leaves sums its run as one slice at C speed; only the units above those add up
        their children one by one (few in a real tree; never more than n in all)."""
        plan = self._sums
        if plan is None:
            plan = self._sums = _sum_plan(self._parent, self._size)
        acc = list(values)
        sums = map(sum, map(values.__getitem__, map(slice, plan.low, plan.low_ends)))
        for k, total in zip(plan.low, sums, strict=True):
            acc[k] = total
        size = self._size
        for k in plan.high:
            total, j, end = values[k], k + 1, k + size[k]
            while j < end:
                total += acc[j]
                j += size[j]
            acc[k] = total
        return acc

    def kind_positions(self, kind: Any) -> list[int]:
        """The pre-order positions of the units of ``kind`` (one or several, labels accepted),
        ascending. With [`span`][pmedu.network.tree.OrgTree.span], ``bisect`` counts a kind in any
        subtree in O(log n), from an index the tree builds once.

        >>> from bisect import bisect_left
        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A"),
        ...                         Unit(id="C", name="c", kind="村", parent_id="B")])
        >>> t.kind_positions("村"), t.span("B")
        ([2], range(1, 3))
        >>> v = t.kind_positions("村")
        >>> bisect_left(v, t.span("B").stop) - bisect_left(v, t.span("B").start)
        1
        """
        kinds = parse_kinds(kind)
        if len(kinds) == 1:
            return list(self._by_kind[next(iter(kinds))])
        # ascending runs, merged by the sort at C speed
        return sorted(chain.from_iterable(self._by_kind[kd] for kd in kinds))

    def span(self, unit_id: str) -> range:
        """The pre-order positions of the subtree of ``unit_id`` (the unit first): a
        subtree is a contiguous run of the pre-order."""
        return self._span(unit_id)

    def subtree_sizes(self) -> list[int]:
        """The subtree size of every unit in pre-order (the unit included): the subtree of
        the unit at position ``k`` is ``range(k, k + sizes[k])``.

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> t.subtree_sizes()
        [2, 1]
        """
        return list(self._size)

    def parent_positions(self) -> list[int]:
        """The parent position of every unit in pre-order (``-1`` for the root): the array
        that roll-ups run on, for users who compute their own (e.g. with numpy)."""
        return list(self._parent)


@attrs.frozen
class _SumPlan:
    """How [`OrgTree._subtree_sums`][pmedu.network.tree.OrgTree._subtree_sums] walks a tree: the
    units whose children are all leaves with the end of their run (``low``, ``low_ends``), and the
    other units with children, deepest last in pre-order reversed (``high``)."""

    low: list[int]
    low_ends: list[int]
    high: list[int]


def _sum_plan(parent: list[int], size: list[int]) -> _SumPlan:
    """The [`_SumPlan`][pmedu.network.tree._SumPlan] of a tree (made once per tree, on first
    use)."""
    inner = [k for k, s in enumerate(size) if s > 1]
    above = bytearray(len(size))  # 1: a unit with a child that has children
    for k in inner:
        if k:
            above[parent[k]] = 1
    low = [k for k in inner if not above[k]]
    high = [k for k in reversed(inner) if above[k]]
    return _SumPlan(low=low, low_ends=[k + size[k] for k in low], high=high)


def _export() -> Any:
    """[`pmedu.network.export`][pmedu.network.export], which imports this module: looked up when
    called."""
    return importlib.import_module("pmedu.network.export")


def _agg_name(agg: str | Callable[..., Any]) -> str:
    if isinstance(agg, str):
        if agg in (*_AGGS, "count"):
            return agg
    else:
        for name, fn in _AGGS.items():
            if agg is fn:
                return name
    raise ValueError(f"unknown aggregation {agg!r}: use 'sum', 'min', 'max' or 'count'")


def _kind_index(kinds: list[UnitKind]) -> dict[UnitKind, list[int]]:
    """The ascending positions of each kind (every kind a key), by one stable sort."""
    kind_ids = list(map(id, kinds))
    pos = sorted(range(len(kinds)), key=kind_ids.__getitem__)
    keys = list(map(kind_ids.__getitem__, pos))
    out: dict[UnitKind, list[int]] = {}
    for kd in UnitKind:
        lo = bisect_left(keys, id(kd))
        hi = lo
        if lo < len(keys) and keys[lo] == id(kd):
            hi = bisect_left(keys, id(kd) + 1, lo)
        out[kd] = pos[lo:hi]
    return out


def _rules_of(rules: HierarchyRules | str | None) -> HierarchyRules:
    if rules is None or isinstance(rules, str):
        return HierarchyRules.preset(name=rules or "default")
    return rules


def _index_ids(ids: list[str], names: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """``id → first position`` and a problem per repeated id."""
    n = len(ids)
    # the first position of each id (a later duplicate is overwritten by an earlier one)
    index = dict(zip(reversed(ids), range(n - 1, -1, -1), strict=True))
    problems: list[Problem] = []
    if len(index) == n:
        return index, problems
    index = {}
    for i, uid in enumerate(ids):
        first = index.setdefault(uid, i)
        if first != i:
            problems.append(
                Problem(
                    f"duplicate id (also {names[first]!r})",
                    unit=uid,
                    field="id",
                    code="duplicate_id",
                )
            )
    return index, problems


def _link_fast(
    cols: Mapping[str, list[Any]], index: dict[str, int], rules: HierarchyRules
) -> tuple[list[int], list[int], list[bool]] | None:
    """[`_link`][pmedu.network.tree._link] for distinct ids at C speed, checking each distinct kind
    pair once; ``None`` when a parent is missing or a pair forbidden (the full pass then
    reports)."""
    kinds, parent_ids = cols["kind"], cols["parent_id"]
    n = len(kinds)
    found = list(map(index.get, parent_ids))
    roots = [i for i, pid in enumerate(parent_ids) if pid is None]
    if found.count(None) != len(roots):
        return None
    parent = [-1 if p is None else p for p in found]
    kind_ids = list(map(id, kinds))
    under = [kind_ids[p] for p in parent if p >= 0]
    own = [k for k, p in zip(kind_ids, parent, strict=True) if p >= 0]
    by_id = {id(kd): kd for kd in UnitKind}
    for pk, ck in set(zip(under, own, strict=True)):
        if not rules.allows(by_id[pk], by_id[ck]):
            return None
    return parent, roots, [False] * n


def _link(
    cols: Mapping[str, list[Any]],
    index: dict[str, int],
    rules: HierarchyRules,
    problems: list[Problem],
) -> tuple[list[int], list[int], list[bool]]:
    """Parent positions, the roots and the units left out (repeated ids, missing parents);
    problems for missing parents and forbidden kind pairs are appended to ``problems``."""
    if len(index) == len(cols["id"]) and (fast := _link_fast(cols, index, rules)) is not None:
        return fast
    ids, kinds, parent_ids = cols["id"], cols["kind"], cols["parent_id"]
    n = len(ids)
    parent = [-1] * n
    roots: list[int] = []
    dropped = [False] * n
    allowed: dict[tuple[UnitKind, UnitKind], bool] = {}  # kind pairs already checked
    for i, (uid, pid) in enumerate(zip(ids, parent_ids, strict=True)):
        if index[uid] != i:
            dropped[i] = True
        elif pid is None:
            roots.append(i)
        elif (p := index.get(pid)) is None:
            problems.append(
                Problem(
                    f"parent {pid!r} does not exist",
                    unit=uid,
                    field="parent_id",
                    code="missing_parent",
                )
            )
            dropped[i] = True
        else:
            parent[i] = p
            pk, ck = kinds[p], kinds[i]
            ok = allowed.get((pk, ck))
            if ok is None:
                ok = allowed[pk, ck] = rules.allows(pk, ck)
            if not ok:
                hint = ""
                if ck in rules.affiliation_only:
                    hint = (
                        f"; a {ck.label} exists only in the affiliation tree: leave 上级编号 "
                        "(parent_id) blank and give 隶属党组织编号 (affiliation_id)"
                    )
                problems.append(
                    Problem(
                        f"a {ck.label} ({ck.value}) may not sit directly under a "
                        f"{pk.label} ({pk.value}) (unit {pid}){hint}",
                        unit=uid,
                        field="kind",
                        code="kind_pair",
                    )
                )
    return parent, roots, dropped


def _root_problems(ids: list[str], names: list[str], roots: list[int]) -> list[Problem]:
    if not ids:
        return [Problem("no units: a tree needs a root", code="root")]
    if not roots:
        return [Problem("no root: every unit names a parent", code="root")]
    if len(roots) > 1:
        shown = ", ".join(f"{ids[r]} ({names[r]})" for r in roots[:10])
        more = f" and {len(roots) - 10} more" if len(roots) > 10 else ""
        return [
            Problem(
                f"{len(roots)} roots (units without parent): {shown}{more}; a tree has exactly one",
                code="root",
            )
        ]
    return []


def _preorder(parent: list[int], dropped: list[bool], roots: list[int]) -> list[int]:
    """The positions reached from the roots, in pre-order (children in input order)."""
    # every unit's position grouped by parent, input order kept (a stable sort, in C)
    pos = sorted(range(len(parent)), key=parent.__getitem__)
    if True in dropped:
        pos = [i for i in pos if not dropped[i]]
    keys = list(map(parent.__getitem__, pos))
    start = bisect_left(keys, 0)
    kids, keys = pos[start:], keys[start:]
    order: list[int] = []
    stack = roots[::-1]
    while stack:
        i = stack.pop()
        order.append(i)
        lo = bisect_left(keys, i)
        hi = bisect_left(keys, i + 1, lo)
        if hi > lo:
            stack.extend(reversed(kids[lo:hi]))
    return order


def _validate(cols: Mapping[str, list[Any]], rules: HierarchyRules) -> tuple[list[int], list[int]]:
    """The pre-order (original positions) and the parent of each, as pre-order positions;
    a [`TreeError`][pmedu.errors.TreeError] with every problem if the columns are no tree."""
    ids, names = cols["id"], cols["name"]
    index, problems = _index_ids(ids, names)
    parent, roots, dropped = _link(cols, index, rules, problems)
    problems.extend(_root_problems(ids, names, roots))
    order = _preorder(parent, dropped, roots)
    seen = [False] * len(ids)
    for i in order:
        seen[i] = True
    problems.extend(_cycles(ids, parent, seen, dropped))
    if problems:
        raise tree_error(problems)
    new_pos = [0] * len(ids)
    for k, i in enumerate(order):
        new_pos[i] = k
    return order, [new_pos[parent[i]] if parent[i] >= 0 else -1 for i in order]


def _cycles(
    ids: list[str], parent: list[int], seen: list[bool], dropped: list[bool]
) -> list[Problem]:
    """Problems for the cycles among units that no root reaches."""
    problems: list[Problem] = []
    state = [0] * len(ids)  # 0 unvisited, 1 on the current walk, 2 done
    for start in range(len(ids)):
        if seen[start] or dropped[start] or state[start]:
            continue
        walk: list[int] = []
        i = start
        while i >= 0 and not seen[i] and not dropped[i] and state[i] == 0:
            state[i] = 1
            walk.append(i)
            i = parent[i]
        if i >= 0 and state[i] == 1:
            cyc = walk[walk.index(i) :]
            names = " → ".join(ids[k] for k in [*cyc, cyc[0]])
            problems.append(
                Problem(
                    f"units form a cycle: {names}",
                    unit=ids[i],
                    field="parent_id",
                    code="cycle",
                )
            )
        for k in walk:
            state[k] = 2
    return problems


def _is_aside(
    kind: UnitKind, parent_id: Any, affiliation_id: Any, only: frozenset[UnitKind]
) -> bool:
    """Whether a unit exists only in the affiliation tree: a kind of ``affiliation_only``
    with no administrative parent and an affiliation."""
    return parent_id is None and affiliation_id is not None and kind in only


def _split_aside(
    cols: dict[str, list[Any]], only: frozenset[UnitKind]
) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The columns of the administrative tree and those of the units set aside
    ([`_is_aside`][pmedu.network.tree._is_aside])."""
    affs = cols["affiliation_id"]
    if not only or not any(affs):
        return cols, {f: [] for f in cols}
    flags = list(map(_is_aside, cols["kind"], cols["parent_id"], affs, [only] * len(affs)))
    if True not in flags:
        return cols, {f: [] for f in cols}
    keep = {f: [x for x, b in zip(col, flags, strict=True) if not b] for f, col in cols.items()}
    aside = {f: [x for x, b in zip(col, flags, strict=True) if b] for f, col in cols.items()}
    return keep, aside


def _affiliation_error(exc: TreeError) -> TreeError:
    """The affiliation tree's problems, said so: ``parent_id`` there is the
    ``affiliation_id`` column."""
    problems = [
        attrs.evolve(
            p,
            what=f"affiliation tree: {p.what}",
            field="affiliation_id" if p.field == "parent_id" else p.field,
        )
        for p in exc.problems
    ]
    return tree_error(problems)
