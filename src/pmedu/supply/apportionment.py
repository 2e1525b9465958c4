"""Apportionment (分配) and target decomposition, kept here for now.

The algorithm moved to the ground module [`pmedu.apportion`][pmedu.apportion] (``apportion``,
``METHODS``, ``method_name``) and the decomposition down the tree to
[`pmedu.network.decompose`][pmedu.network.decompose] (``decompose_target``, ``Decomposition``). The
two functions here keep their old signatures (``method`` may still be given by position) until the
callers move.

>>> apportion(10, [6, 6, 2]), apportion(11, [6, 6, 2])
([4, 4, 2], [5, 5, 1])
>>> apportion(11, [6, 6, 2], "dhondt")
[5, 5, 1]
>>> apportion(5, {"东镇": 7, "西镇": 3, "南镇": 11, "北镇": 1})
{'东镇': 2, '西镇': 1, '南镇': 2, '北镇': 0}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, overload

from pmedu.apportion import METHODS, method_name
from pmedu.apportion import apportion as apportion_by_keyword
from pmedu.errors import ApportionError
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.decompose import Decomposition
from pmedu.network.decompose import decompose_target as decompose_by_keyword

__all__ = [
    "METHODS",
    "ApportionError",
    "Decomposition",
    "apportion",
    "decompose_target",
    "method_name",
]


@overload
def apportion(
    total: int, weights: Mapping[Any, Any], method: str = ..., *, minimum: int = ...
) -> dict[Any, int]: ...
@overload
def apportion(
    total: int, weights: Sequence[Any], method: str = ..., *, minimum: int = ...
) -> list[int]: ...


def apportion(
    total: int,
    weights: Mapping[Any, Any] | Sequence[Any],
    method: str = "hamilton",
    *,
    minimum: int = 0,
) -> dict[Any, int] | list[int]:
    """[`pmedu.apportion.apportion`][pmedu.apportion.apportion] with ``method`` also accepted by
    position.

    >>> apportion(7, [1, 1, 1], "webster")
    [3, 2, 2]
    """
    return apportion_by_keyword(total, weights, method=method, minimum=minimum)


def decompose_target(
    tree: OrgTree,
    at: str,
    total: int,
    kind: Any,
    weight: str | Callable[[Unit], Any] | Mapping[str, Any],
    method: str = "hamilton",
    *,
    minimum: int = 0,
) -> Decomposition:
    """[`pmedu.network.decompose.decompose_target`][pmedu.network.decompose.decompose_target] the
    old way: by position, one level (``kind``: one kind or several) and ``method`` also by position.
    Kept for the callers that use it (``pmedu supply --split`` in ``cli/supply_cmd.py``,
    ``tests/test_supply_apportion.py``).

    >>> from pmedu import OrgTree, Unit
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=30),
    ...     Unit(id="T2", name="西镇", kind="镇", parent_id="C", members=10)])
    >>> decompose_target(tree, "C", 10, "镇", "members", "dhondt").shares
    {'T1': 8, 'T2': 2}
    """
    return decompose_by_keyword(
        tree, at=at, total=total, levels=[kind], weight=weight, method=method, minimum=minimum
    )
