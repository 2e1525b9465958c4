"""The organisation tree: a validated ``networkx.DiGraph`` with fast cached indices.

:class:`OrgTree` keeps the tree as a real :class:`networkx.DiGraph` (edges parent → child,
node attribute ``unit`` holding the :class:`~pmedu.model.Unit`) for users who want networkx
algorithms or GraphML export, and beside it a cached pre-order of the units with parent
positions, depths and subtree sizes. Every hot path (roll-ups, coverage, ``within`` queries)
runs on those arrays in O(n) or O(subtree), never through ``nx.descendants`` per node.

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

import operator
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any, Generic, TypeVar, overload

import attrs
import networkx as nx

from pmedu.errors import Problem, UnknownUnitError, tree_error
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import Unit
from pmedu.network.rules import HierarchyRules

__all__ = ["Coverage", "OrgTree", "UnitMap"]

V = TypeVar("V")
W = TypeVar("W")

_AGGS: dict[str, Callable[..., Any]] = {"sum": sum, "min": min, "max": max}
_KIND_OF = operator.attrgetter("kind")


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

    Returned by :meth:`OrgTree.rollup` and :meth:`OrgTree.coverage`. It shares the tree's
    index, so building one for a million units costs one list, not a million-entry dict.

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


class OrgTree:
    """A validated organisation tree.

    Build one with :meth:`from_units`; it never changes afterwards (its ``graph`` is frozen),
    so every query can rely on cached indices. Units are kept in pre-order: a unit, then its
    subtrees in the order its children were given.

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
        "_by_kind",
        "_depth",
        "_graph",
        "_ids",
        "_parent",
        "_pos",
        "_rules",
        "_size",
        "_units",
    )
    _by_kind: dict[UnitKind, list[int]]
    _depth: list[int]
    _graph: nx.DiGraph
    _ids: list[str]
    _parent: list[int]
    _pos: dict[str, int]
    _rules: HierarchyRules
    _size: list[int]
    _units: list[Unit]

    def __init__(self, *_: Any, **__: Any) -> None:
        raise TypeError("build an OrgTree with OrgTree.from_units(units)")

    # --- construction -------------------------------------------------------------------

    @classmethod
    def from_units(
        cls, units: Iterable[Unit], rules: HierarchyRules | str | None = None
    ) -> OrgTree:
        """Validate ``units`` and build the tree.

        Every problem is collected before anything is raised: duplicate ids, parents that do
        not exist, no root or more than one, cycles, and parent/child kind pairs that
        ``rules`` forbid (the ``default`` preset when ``None``; a preset name is accepted).
        The error raised is a :class:`~pmedu.errors.TreeError` listing them all, of the
        specific subclass (``CycleError``, ``KindPairError`` …) when all are of one sort.

        >>> OrgTree.from_units([Unit(id="A", name="某市", kind="市"),
        ...                     Unit(id="B", name="某村", kind="村", parent_id="A")])
        Traceback (most recent call last):
        ...
        pmedu.errors.KindPairError: 1 problem:
        unit B: kind: a 行政村 (village) may not sit directly under a 市 (city) (unit A)
        """
        if rules is None or isinstance(rules, str):
            rules = HierarchyRules.preset(rules or "default")
        given = list(units)
        problems: list[Problem] = []

        index: dict[str, int] = {}
        allowed: dict[tuple[UnitKind, UnitKind], bool] = {}  # kind pairs already checked
        for i, u in enumerate(given):
            if not isinstance(u, Unit):
                raise TypeError(f"expected Unit objects, got {type(u).__name__} at position {i}")
            if u.id in index:
                problems.append(
                    Problem(
                        f"duplicate id (also {given[index[u.id]].name!r})",
                        unit=u.id,
                        field="id",
                        code="duplicate_id",
                    )
                )
            else:
                index[u.id] = i
        n = len(given)
        parent = [-1] * n
        roots: list[int] = []
        dropped = [False] * n
        for i, u in enumerate(given):
            if index.get(u.id) != i:
                dropped[i] = True
                continue
            pid = u.parent_id
            if pid is None:
                roots.append(i)
                continue
            p = index.get(pid)
            if p is None:
                problems.append(
                    Problem(
                        f"parent {pid!r} does not exist",
                        unit=u.id,
                        field="parent_id",
                        code="missing_parent",
                    )
                )
                dropped[i] = True
                continue
            parent[i] = p
            pk, ck = given[p].kind, u.kind
            ok = allowed.get((pk, ck))
            if ok is None:
                ok = allowed[pk, ck] = rules.allows(pk, ck)
            if not ok:
                problems.append(
                    Problem(
                        f"a {ck.label} ({ck.value}) may not sit directly under a "
                        f"{pk.label} ({pk.value}) (unit {pid})",
                        unit=u.id,
                        field="kind",
                        code="kind_pair",
                    )
                )
        if not given:
            problems.append(Problem("no units: a tree needs a root", code="root"))
        elif not roots:
            problems.append(Problem("no root: every unit names a parent", code="root"))
        elif len(roots) > 1:
            shown = ", ".join(f"{given[r].id} ({given[r].name})" for r in roots[:10])
            more = f" and {len(roots) - 10} more" if len(roots) > 10 else ""
            problems.append(
                Problem(
                    f"{len(roots)} roots (units without parent): {shown}{more}; "
                    "a tree has exactly one",
                    code="root",
                )
            )

        # children in input order, as compressed lists
        counts = [0] * (n + 1)
        for i in range(n):
            if parent[i] >= 0 and not dropped[i]:
                counts[parent[i] + 1] += 1
        for i in range(n):
            counts[i + 1] += counts[i]
        fill = counts[:-1]
        kids = [0] * counts[n]
        for i in range(n):
            p = parent[i]
            if p >= 0 and not dropped[i]:
                kids[fill[p]] = i
                fill[p] += 1

        order: list[int] = []
        seen = [False] * n
        for r in roots:
            stack = [r]
            while stack:
                i = stack.pop()
                seen[i] = True
                order.append(i)
                stack.extend(reversed(kids[counts[i] : counts[i + 1]]))

        problems.extend(_cycles(given, parent, seen, dropped))
        if problems:
            raise tree_error(problems)
        return cls._build([given[i] for i in order], [parent[i] for i in order], order, rules)

    @classmethod
    def _build(
        cls,
        units: list[Unit],
        parent_orig: list[int],
        order: list[int] | None,
        rules: HierarchyRules,
    ) -> OrgTree:
        """Assemble a tree from units already in pre-order (parents given in the original
        positions of ``order``, or already as pre-order positions when ``order`` is None)."""
        n = len(units)
        if order is not None:
            new_pos = [0] * (max(order) + 1 if order else 0)
            for k, i in enumerate(order):
                new_pos[i] = k
            parent = [new_pos[p] if p >= 0 else -1 for p in parent_orig]
        else:
            parent = parent_orig
        self = object.__new__(cls)
        ids = [u.id for u in units]
        self._units = units
        self._ids = ids
        self._pos = {uid: k for k, uid in enumerate(ids)}
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
        slots: dict[int, list[int]] = {id(kd): [] for kd in UnitKind}
        for k, key in enumerate(map(id, map(_KIND_OF, units))):
            slots[key].append(k)
        self._by_kind = {kd: slots[id(kd)] for kd in UnitKind}
        self._rules = rules
        g: nx.DiGraph = nx.DiGraph()
        g.add_nodes_from((u.id, {"unit": u}) for u in units)
        g.add_edges_from((ids[parent[k]], ids[k]) for k in range(1, n))
        self._graph = nx.freeze(g)
        return self

    # --- basic access --------------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """The tree as a frozen :class:`networkx.DiGraph` (edges parent → child; node
        attribute ``unit``). Use any networkx algorithm on it; copy it to change it.

        >>> import networkx as nx
        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A")])
        >>> nx.is_arborescence(t.graph), t.graph.nodes["B"]["unit"].name
        (True, 'b')
        """
        return self._graph

    @property
    def rules(self) -> HierarchyRules:
        """The hierarchy rules the tree was validated against."""
        return self._rules

    @property
    def root(self) -> Unit:
        """The root unit."""
        return self._units[0]

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[Unit]:
        """The units in pre-order."""
        return iter(self._units)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._pos

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OrgTree):
            return NotImplemented
        if len(self) != len(other):
            return False
        return dict(zip(self._ids, self._units, strict=True)) == dict(
            zip(other._ids, other._units, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<OrgTree root={self.root.name!r} units={len(self)}>"

    def _index(self, unit_id: str) -> int:
        try:
            return self._pos[unit_id]
        except KeyError:
            raise UnknownUnitError(f"unknown unit id {unit_id!r}") from None

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id (``UnknownUnitError``, a ``KeyError``, if absent)."""
        return self._units[self._index(unit_id)]

    def parent(self, unit_id: str) -> Unit | None:
        """The parent unit, ``None`` for the root."""
        p = self._parent[self._index(unit_id)]
        return self._units[p] if p >= 0 else None

    def _child_positions(self, i: int) -> Iterator[int]:
        j, end = i + 1, i + self._size[i]
        while j < end:
            yield j
            j += self._size[j]

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """The units directly under ``unit_id``, in input order."""
        return tuple(self._units[j] for j in self._child_positions(self._index(unit_id)))

    def ancestors(self, unit_id: str) -> tuple[Unit, ...]:
        """The units above ``unit_id``, root first, the unit itself excluded."""
        out: list[Unit] = []
        p = self._parent[self._index(unit_id)]
        while p >= 0:
            out.append(self._units[p])
            p = self._parent[p]
        return tuple(reversed(out))

    def path(self, unit_id: str, sep: str = "/") -> str:
        """The names from the root down to the unit itself, joined by ``sep``."""
        return sep.join([*(u.name for u in self.ancestors(unit_id)), self.unit(unit_id).name])

    def depth(self, unit_id: str) -> int:
        """Edges between the root and the unit (the root is at depth 0)."""
        return self._depth[self._index(unit_id)]

    level = depth

    def subtree_size(self, unit_id: str) -> int:
        """Number of units in the subtree of ``unit_id``, the unit included."""
        return self._size[self._index(unit_id)]

    def _span(self, within: str | None) -> range:
        if within is None:
            return range(len(self._units))
        i = self._index(within)
        return range(i, i + self._size[i])

    def units(self, kind: Any = None, *, within: str | None = None) -> list[Unit]:
        """Units in pre-order, optionally of ``kind`` (one or several, labels accepted) and
        ``within`` a unit's subtree (the unit itself included).

        >>> t = OrgTree.from_units([Unit(id="A", name="a", kind="县"),
        ...                         Unit(id="B", name="b", kind="镇", parent_id="A"),
        ...                         Unit(id="C", name="c", kind="村", parent_id="B")])
        >>> [u.id for u in t.units("村", within="B")]
        ['C']
        """
        span = self._span(within)
        if kind is None:
            return self._units[span.start : span.stop]
        found = self.kind_positions(kind)
        lo, hi = bisect_left(found, span.start), bisect_left(found, span.stop)
        return [self._units[k] for k in found[lo:hi]]

    def count_by_kind(self, within: str | None = None) -> Counter[UnitKind]:
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

    def subtree(self, unit_id: str) -> OrgTree:
        """The subtree under ``unit_id`` as a new :class:`OrgTree`.

        Its root is the same unit with ``parent_id`` set to ``None``, so the subtree can be
        saved and loaded on its own. O(size of the subtree).
        """
        span = self._span(unit_id)
        start = span.start
        units = self._units[span.start : span.stop]
        units[0] = attrs.evolve(units[0], parent_id=None)
        parent = [-1] + [self._parent[k] - start for k in range(start + 1, span.stop)]
        return OrgTree._build(units, parent, None, self._rules)

    # --- roll-ups ------------------------------------------------------------------------

    def values(self, value: str | Callable[[Unit], V]) -> list[Any]:
        """The per-unit values of ``value`` (a function of the Unit or a field name), in
        pre-order."""
        getter = operator.attrgetter(value) if isinstance(value, str) else value
        if isinstance(value, str):
            fields = attrs.fields_dict(Unit)
            if value not in fields:
                raise ValueError(f"Unit has no field {value!r}; fields: {', '.join(fields)}")
        return list(map(getter, self._units))

    @overload
    def rollup(self, value: str | Callable[[Unit], Any], agg: str = "sum") -> UnitMap[Any]: ...
    @overload
    def rollup(
        self, value: str | Callable[[Unit], Any], agg: Callable[..., Any]
    ) -> UnitMap[Any]: ...

    def rollup(
        self, value: str | Callable[[Unit], Any], agg: str | Callable[..., Any] = "sum"
    ) -> UnitMap[Any]:
        """For every unit, ``agg`` of ``value`` over its whole subtree (the unit included).

        ``value`` is a function of the :class:`~pmedu.model.Unit` or the name of a field
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
        >>> t.rollup("members", "max")["A"], t.rollup("retired", "count")["A"]
        (4, 0)
        """
        name = _agg_name(agg)
        vals = self.values(value)
        par = self._parent
        n = len(vals)
        if name == "count":
            acc: list[Any] = [0 if x is None else 1 for x in vals]
            for k in range(n - 1, 0, -1):
                acc[par[k]] += acc[k]
            return UnitMap(self._ids, self._pos, acc)
        if name == "sum":
            # fast path: no None check up front (a scan as long as the pass itself); a
            # None anywhere but a childless root raises TypeError, and the None-aware pass
            # below runs on the untouched values instead
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
        has: str | Callable[[Unit], bool] = "has_station",
    ) -> UnitMap[Coverage]:
        """For every unit, how many units of ``kind`` in its subtree satisfy ``has``.

        ``kind`` is one kind or several (labels accepted); ``has`` is a predicate on the
        unit or the name of a boolean field (default ``has_station``: the station coverage
        rate 建点率, DOMAIN.md §3).

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
        test = operator.attrgetter(has) if isinstance(has, str) else has
        total = [0] * len(self._units)
        covered = [0] * len(self._units)
        for k in self.kind_positions(kinds):
            total[k] = 1
            if test(self._units[k]):
                covered[k] = 1
        par = self._parent
        for k in range(len(total) - 1, 0, -1):
            p = par[k]
            total[p] += total[k]
            covered[p] += covered[k]
        return UnitMap(
            self._ids, self._pos, total, lambda i: Coverage(covered=covered[i], total=total[i])
        )

    def kind_positions(self, kind: Any) -> list[int]:
        """The pre-order positions of the units of ``kind`` (one or several, labels
        accepted), ascending. With :meth:`span`, ``bisect`` counts a kind in any subtree in
        O(log n), from an index the tree builds once.

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


def _agg_name(agg: str | Callable[..., Any]) -> str:
    if isinstance(agg, str):
        if agg in (*_AGGS, "count"):
            return agg
    else:
        for name, fn in _AGGS.items():
            if agg is fn:
                return name
    raise ValueError(f"unknown aggregation {agg!r}: use 'sum', 'min', 'max' or 'count'")


def _cycles(
    units: list[Unit], parent: list[int], seen: list[bool], dropped: list[bool]
) -> list[Problem]:
    """Problems for the cycles among units that no root reaches."""
    problems: list[Problem] = []
    state = [0] * len(units)  # 0 unvisited, 1 on the current walk, 2 done
    for start in range(len(units)):
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
            names = " → ".join(units[k].id for k in [*cyc, cyc[0]])
            problems.append(
                Problem(
                    f"units form a cycle: {names}",
                    unit=units[i].id,
                    field="parent_id",
                    code="cycle",
                )
            )
        for k in walk:
            state[k] = 2
    return problems
