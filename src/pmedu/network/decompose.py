"""Decomposing a target down the tree (逐层分解): a total held at one unit shared among the
units of a kind under it, in proportion to a weight read from the tree (DOMAIN.md §6).

The shares come from the ground algorithm :func:`pmedu.apportion.apportion`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from pmedu.apportion import apportion, as_fraction, method_name
from pmedu.errors import ApportionError
from pmedu.labels import UnitKind
from pmedu.model import Unit
from pmedu.network.tree import OrgTree

__all__ = ["Decomposition", "decompose_target"]


@attrs.frozen
class Decomposition:
    """A target split among units (逐层分解): the shares, the weights, the units left out.

    ``shares`` maps every unit of the kind under ``at`` to its share (left-out units get 0);
    ``left_out`` lists the units whose weight was zero (a street with no villages), in the
    tree's order.

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=30),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C", members=10),
    ...     Unit(id="T3", name="南镇", kind="镇", parent_id="C", members=0)])
    >>> d = decompose_target(tree, "C", 10, "镇", "members")
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

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per unit: ``unit_id``, ``name``, ``weight`` (int, or str for a
        fraction), ``share`` and ``left_out``."""
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


def decompose_target(
    tree: OrgTree,
    at: str,
    total: int,
    kind: Any,
    weight: str | Callable[[Unit], Any] | Mapping[str, Any],
    *,
    method: str = "hamilton",
    minimum: int = 0,
) -> Decomposition:
    """Split ``total`` held at unit ``at`` among its descendants of ``kind`` by ``weight``.

    ``kind`` is one kind or several (labels accepted; ``at`` itself is never a recipient).
    ``weight`` is

    * a :class:`~pmedu.model.Unit` count field (``"members"``, ``"mobile"`` …): the sum over
      the unit's whole subtree;
    * a unit kind (``"村"``, ``"village"``, ``"社区"`` …): how many units of that kind lie
      in the unit's subtree;
    * a function of the :class:`~pmedu.model.Unit`, or a mapping unit id → weight (e.g.
      the target sets of a :class:`~pmedu.supply.SupplyPlan`'s lines).

    Units whose weight is zero are left out, get 0 and are listed in ``left_out``; a
    negative weight, or every weight zero, raises :class:`ApportionError`. Shares come from
    :func:`apportion` with ``method`` and ``minimum`` (the minimum applies to the units that
    take part).

    >>> from pmedu import OrgTree, Unit
    >>> units = [Unit(id="C", name="某县", kind="县")]
    >>> for t, n in [("T1", 7), ("T2", 3), ("T3", 11), ("S1", 0)]:
    ...     units.append(Unit(id=t, name=t, kind="街道" if t == "S1" else "镇", parent_id="C"))
    ...     units += [Unit(id=f"{t}-V{i}", name="村", kind="村", parent_id=t) for i in range(n)]
    >>> d = decompose_target(OrgTree.from_units(units), "C", 100, "乡镇", "村")
    >>> d.shares, d.left_out
    ({'T1': 33, 'T2': 14, 'T3': 53}, ())
    >>> d = decompose_target(OrgTree.from_units(units), "C", 9, ["镇", "街道"], "村")
    >>> d.shares, d.left_out
    ({'T1': 3, 'T2': 1, 'T3': 5, 'S1': 0}, ('S1',))
    """
    recipients = [u for u in tree.units(kind, within=at) if u.id != at]
    values = _weights(tree, recipients, weight)
    weights = {uid: as_fraction(x, f"weight of unit {uid!r}") for uid, x in values.items()}
    negative = [f"{uid!r} ({w})" for uid, w in weights.items() if w < 0]
    if negative:
        raise ApportionError(f"negative weights: {', '.join(negative)}")
    taking = {uid: w for uid, w in weights.items() if w > 0}
    if not taking:
        what = "no units" if not weights else "every weight is zero"
        raise ApportionError(f"cannot split {total} under {at!r}: {what} of that kind")
    got = apportion(total, taking, method=method, minimum=minimum)
    return Decomposition(
        at=at,
        total=total,
        method=method_name(method),
        shares={uid: got.get(uid, 0) for uid in weights},
        weights=weights,
        left_out=tuple(uid for uid, w in weights.items() if w == 0),
        names={u.id: u.name for u in recipients},
    )


def _weights(
    tree: OrgTree, recipients: list[Unit], weight: str | Callable[[Unit], Any] | Mapping[str, Any]
) -> dict[str, Any]:
    """Each recipient's raw weight: a mapping's value, a count field's subtree sum, the
    number of units of a kind in its subtree, or a function's value."""
    if isinstance(weight, Mapping):
        return {u.id: weight.get(u.id, 0) for u in recipients}
    if not isinstance(weight, str):
        return {u.id: weight(u) for u in recipients}
    if weight in attrs.fields_dict(Unit):
        rolled = tree.rollup(weight)
        return {u.id: rolled[u.id] or 0 for u in recipients}
    try:
        counted = tree.coverage(UnitKind.parse(weight), has=lambda _u: True)
    except ValueError:
        raise ApportionError(
            f"weight {weight!r} is neither a Unit count field nor a unit kind"
        ) from None
    return {u.id: counted[u.id].total for u in recipients}
