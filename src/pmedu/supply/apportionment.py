"""The old positional forms of apportionment and target splitting.

Deprecated (goes in pmedu 0.3): the algorithm is [`pmedu.apportion`][pmedu.apportion] and the split
down the tree is [`pmedu.network.decompose`][pmedu.network.decompose], both with their options by
keyword. Calling a function here warns with a ``DeprecationWarning`` and gives the same answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, overload

from pmedu.apportion import METHODS, method_name
from pmedu.apportion import apportion as apportion_by_keyword
from pmedu.compat import deprecated
from pmedu.errors import ApportionError
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network.decompose import Decomposition
from pmedu.network.decompose import decompose_target as decompose_by_keyword

#: nothing new is to be imported from here (old callers still find the names below)
__all__: list[str] = []
_OLD_NAMES = (METHODS, method_name, ApportionError)


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
    """[`pmedu.apportion.apportion`][pmedu.apportion.apportion] with ``method`` by position."""
    deprecated("pmedu.supply.apportion", "pmedu.apportion.apportion (method= by keyword)")
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
    old way: by position, one level (``kind``: one kind or several)."""
    deprecated(
        "pmedu.supply.decompose_target",
        "pmedu.network.decompose.decompose_target(tree, at=, total=, levels=, weight=)",
    )
    return decompose_by_keyword(
        tree, at=at, total=total, levels=[kind], weight=weight, method=method, minimum=minimum
    )
