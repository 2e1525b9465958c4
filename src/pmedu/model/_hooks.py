"""Converter hooks for the classes of :mod:`pmedu.model`, registered once at import.

Sets of labels (a station's features, a session's teaching steps) are written as lists in
the enum's order, so a saved document is deterministic.

>>> from pmedu.convert import unstructure
>>> from pmedu.model.station import Station
>>> unstructure(Station(id="S", unit_id="V", features=["room", "tv"]))["features"]
['television', 'room']
"""

from __future__ import annotations

import typing
from typing import Any

from pmedu.convert import converter
from pmedu.labels import LabelledEnum

__all__: list[str] = []


def _sorted_enum_set(value: frozenset[LabelledEnum]) -> list[Any]:
    if not value:
        return []
    order = list(type(next(iter(value))))
    return [m.value for m in sorted(value, key=order.index)]


def _is_enum_set(t: Any) -> bool:
    if typing.get_origin(t) is not frozenset:
        return False
    (arg,) = typing.get_args(t) or (None,)
    return isinstance(arg, type) and issubclass(arg, LabelledEnum)


# sets of labels are written as sorted lists, so a saved document is deterministic
converter.register_unstructure_hook_func(_is_enum_set, _sorted_enum_set)
