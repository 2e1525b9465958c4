"""Decomposing a target down the tree (逐层分解): a total held at one unit shared among the units of
a kind under it, in proportion to a weight read from the tree ([splitting a
target][howto-split-target]).

The shares come from the ground algorithm [`pmedu.apportion.apportion`][pmedu.apportion.apportion].
A target can go down several levels at once (city → county → township): each level's shares are
split again among the next level's units under each one, so every level sums exactly and no unit is
counted twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from pmedu.apportion import apportion, as_fraction, method_name
from pmedu.errors import ApportionError
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import Unit
from pmedu.network.tree import OrgTree

__all__ = ["Decomposition", "decompose_target"]


@attrs.frozen
class Decomposition:
    """A target split among units (逐层分解): the shares, the weights, the units left out.

    ``shares`` maps every unit of the kind under ``at`` to its share (left-out units get 0);
    ``left_out`` lists the units whose weight was zero (a street with no villages), in the
    tree's order. When the target went down several levels, ``below`` holds, for each of
    these units, the split of its share among the next level's units under it.

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=30),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C", members=10),
    ...     Unit(id="T3", name="南镇", kind="镇", parent_id="C", members=0)])
    >>> d = decompose_target(tree, at="C", total=10, levels="镇", weight="members")
    >>> d.method, d.shares, d.left_out
    ('hamilton', {'T1': 8, 'T2': 2, 'T3': 0}, ('T3',))
    >>> d.to_records()[1]
    {'unit_id': 'T2', 'name': '西镇', 'weight': 10, 'share': 2, 'left_out': False}
    """

    at: str
    total: int
    method: str
    shares: dict[str, int]
    weights: dict[str, Fraction]
    left_out: tuple[str, ...]
    names: dict[str, str] = attrs.field(factory=dict, repr=False)
    below: dict[str, Decomposition] = attrs.field(factory=dict, repr=False)

    @property
    def depth(self) -> int:
        """How many levels the target went down (1 for one level)."""
        return 1 + max((d.depth for d in self.below.values()), default=0)

    def level(self, n: int) -> dict[str, int]:
        """The shares of level ``n`` (1 = the units directly split under ``at``), every unit
        of that level in order."""
        if n <= 1:
            return dict(self.shares)
        out: dict[str, int] = {}
        for d in self.below.values():
            out.update(d.level(n - 1))
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per unit: ``unit_id``, ``name``, ``weight`` (int, or str for a
        fraction), ``share`` and ``left_out``. A target split down several levels gives the
        units of every level, level by level, each with ``level`` (1, 2 …) and
        ``parent_id`` (the unit whose share it splits) too."""
        if not self.below:
            return self._records()
        out: list[dict[str, Any]] = []
        for n in range(1, self.depth + 1):
            for parent, d in self._splits(n):
                out += [{"level": n, "parent_id": parent, **r} for r in d._records()]
        return out

    def _splits(self, n: int) -> list[tuple[str, Decomposition]]:
        if n <= 1:
            return [(self.at, self)]
        return [s for d in self.below.values() for s in d._splits(n - 1)]

    def _records(self) -> list[dict[str, Any]]:
        return [
            {
                "unit_id": uid,
                "name": self.names.get(uid, ""),
                "weight": int(w) if w.denominator == 1 else str(w),
                "share": self.shares[uid],
                "left_out": uid in self.left_out,
            }
            for uid, w in self.weights.items()
        ]


Weight = str | Callable[[Unit], Any] | Mapping[str, Any]


def decompose_target(
    tree: OrgTree,
    *,
    at: str,
    total: int,
    levels: Any,
    weight: Weight,
    method: str = "hamilton",
    minimum: int = 0,
) -> Decomposition:
    """Split ``total`` held at unit ``at`` down the tree, level by level, by ``weight``.

    ``levels`` is one level or a list of levels, top first (``["县", "乡镇"]``: counties, then each
    county's share among its townships); a level is one kind or a list/tuple of kinds (``[["乡镇",
    "街道"]]``: townships and streets as one level; labels accepted; ``at`` itself is never a
    recipient). Each level's units must lie under the previous level's units: kinds that do not nest
    are an [`ApportionError`][pmedu.errors.ApportionError] naming them. ``weight`` is

    * a [`Unit`][pmedu.model.unit.Unit] count field (``"members"``, ``"mobile"`` …): the sum over
      the unit's whole subtree;
    * a unit kind (``"村"``, ``"village"``, ``"社区"`` …): how many units of that kind lie
      in the unit's subtree;
    * a function of the [`Unit`][pmedu.model.unit.Unit], or a mapping unit id → weight (e.g.
      the target sets of a [`SupplyPlan`][pmedu.supply.plan.SupplyPlan]'s lines).

    Units whose weight is zero are left out, get 0 and are listed in ``left_out``; a negative
    weight, or every weight zero where there is something to share, raises
    [`ApportionError`][pmedu.errors.ApportionError]. Shares come from
    [`apportion`][pmedu.apportion.apportion] with ``method`` and ``minimum`` (the minimum applies to
    the units that take part, in every split).

    >>> from pmedu import OrgTree, Unit
    >>> units = [Unit(id="C", name="某县", kind="县")]
    >>> for t, n in [("T1", 7), ("T2", 3), ("T3", 11), ("S1", 0)]:
    ...     units.append(Unit(id=t, name=t, kind="街道" if t == "S1" else "镇", parent_id="C"))
    ...     units += [Unit(id=f"{t}-V{i}", name="村", kind="村", parent_id=t) for i in range(n)]
    >>> tree = OrgTree.from_units(units)
    >>> d = decompose_target(tree, at="C", total=100, levels="乡镇", weight="村")
    >>> d.shares, d.left_out
    ({'T1': 33, 'T2': 14, 'T3': 53}, ())
    >>> d = decompose_target(tree, at="C", total=9, levels=[["镇", "街道"]], weight="村")
    >>> d.shares, d.left_out
    ({'T1': 3, 'T2': 1, 'T3': 5, 'S1': 0}, ('S1',))
    >>> d = decompose_target(tree, at="C", total=9, levels=["乡镇", "村"], weight="村")
    >>> d.level(1), sum(d.level(2).values()), sum(d.below["T1"].shares.values())
    ({'T1': 3, 'T2': 1, 'T3': 5}, 9, 3)
    """
    kinds = _levels(levels)
    _check_nesting(tree, at, kinds)
    return _split(tree, at, total, kinds, _weight_lookup(tree, weight), method, minimum)


def _levels(levels: Any) -> list[frozenset[UnitKind]]:
    """The kinds of each level: a bare kind is one level, a list holds one entry per level."""
    if isinstance(levels, str | UnitKind) or not isinstance(levels, Sequence):
        return [parse_kinds(levels)]
    if not levels:
        raise ApportionError("levels: name at least one level of unit kinds")
    return [parse_kinds(level) for level in levels]


def _names(kinds: frozenset[UnitKind]) -> str:
    return "/".join(sorted(k.label for k in kinds))


def _check_nesting(tree: OrgTree, at: str, kinds: list[frozenset[UnitKind]]) -> None:
    """Every unit of a level under ``at`` lies under a unit of the level above, and no unit
    of a level lies under another of the same level."""
    for level in kinds:
        units = _recipients(tree, at, level)
        ids = {u.id for u in units}
        inner = [u for u in units if any(a.id in ids for a in tree.ancestors(u.id))]
        if inner:
            outer = next(a for a in tree.ancestors(inner[0].id) if a.id in ids)
            raise ApportionError(
                f"level {_names(level)} nests inside itself: {outer.kind.label} {outer.id!r} "
                f"holds {inner[0].kind.label} {inner[0].id!r} (a unit would be counted twice; "
                "give them as separate levels)"
            )
    for upper, lower in itertools.pairwise(kinds):
        if upper & lower:
            raise ApportionError(
                f"levels {_names(upper)} and {_names(lower)} share the kind(s) "
                f"{_names(upper & lower)}: a unit would be counted twice"
            )
        inside = sum(len(tree.units(kind=lower, within=u.id)) for u in _recipients(tree, at, upper))
        every = len(_recipients(tree, at, lower))
        if inside != every:
            raise ApportionError(
                f"levels do not nest: {every - inside} unit(s) of {_names(lower)} under "
                f"{at!r} are not under any {_names(upper)}"
            )


def _recipients(tree: OrgTree, at: str, kinds: frozenset[UnitKind]) -> list[Unit]:
    return [u for u in tree.units(kind=kinds, within=at) if u.id != at]


def _split(
    tree: OrgTree,
    at: str,
    total: int,
    kinds: list[frozenset[UnitKind]],
    lookup: Callable[[list[Unit]], dict[str, Any]],
    method: str,
    minimum: int,
) -> Decomposition:
    """One level's split under ``at``, then each share split down the remaining levels."""
    recipients = _recipients(tree, at, kinds[0])
    weights = {
        uid: as_fraction(x, f"weight of unit {uid!r}") for uid, x in lookup(recipients).items()
    }
    negative = [f"{uid!r} ({w})" for uid, w in weights.items() if w < 0]
    if negative:
        raise ApportionError(f"negative weights: {', '.join(negative)}")
    taking = {uid: w for uid, w in weights.items() if w > 0}
    if not taking and (total or not weights):
        what = "no units" if not weights else "every weight is zero"
        raise ApportionError(f"cannot split {total} under {at!r}: {what} of that kind")
    got = apportion(total, taking, method=method, minimum=minimum) if taking else {}
    shares = {uid: got.get(uid, 0) for uid in weights}
    below = {}
    if len(kinds) > 1:
        below = {
            uid: _split(tree, uid, share, kinds[1:], lookup, method, minimum)
            for uid, share in shares.items()
            if share or _recipients(tree, uid, kinds[1])
        }
    return Decomposition(
        at=at,
        total=total,
        method=method_name(method),
        shares=shares,
        weights=weights,
        left_out=tuple(uid for uid, w in weights.items() if w == 0),
        names={u.id: u.name for u in recipients},
        below=below,
    )


def _weight_lookup(tree: OrgTree, weight: Weight) -> Callable[[list[Unit]], dict[str, Any]]:
    """A function giving each recipient's raw weight: a mapping's value, a count field's
    subtree sum, the number of units of a kind in its subtree, or a function's value
    (roll-ups and counts computed once for every level)."""
    if isinstance(weight, Mapping):
        return lambda units: {u.id: weight.get(u.id, 0) for u in units}
    if not isinstance(weight, str):
        return lambda units: {u.id: weight(u) for u in units}
    if weight in attrs.fields_dict(Unit):
        rolled = tree.rollup(weight)
        return lambda units: {u.id: rolled[u.id] or 0 for u in units}
    try:
        counted = tree.coverage(UnitKind.parse(weight), has=lambda _u: True)
    except ValueError:
        raise ApportionError(
            f"weight {weight!r} is neither a Unit count field nor a unit kind"
        ) from None
    return lambda units: {u.id: counted[u.id].total for u in units}
