"""Converter hooks for the classes of [`pmedu.model`][pmedu.model], registered once at import.

Sets of labels (a station's features, a session's teaching steps) are written as lists in
the enum's order, so a saved document is deterministic. Where a class holds a list, a
string in the document is an error at that field (``"expected": "m1"`` is neither one member
nor the members ``m`` and ``1``), reported with the record's other problems.

>>> from pmedu.convert import unstructure
>>> from pmedu.model.station import Station
>>> unstructure(Station(id="S", unit_id="V", features=["room", "tv"]))["features"]
['television', 'room']
>>> from pmedu.convert import structure
>>> structure({"id": " ", "unit_id": "V", "features": "tv"}, Station)
Traceback (most recent call last):
...
pmedu.errors.DataError: 2 problems:
$.features: expected a list, got the string 'tv'
$.id: 'id' must not be blank
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from pmedu.convert import converter
from pmedu.labels import LabelledEnum
from pmedu.model.bounds import list_fields
from pmedu.model.calendar import SchedulePolicy
from pmedu.model.films import FilmSet
from pmedu.model.member import Member
from pmedu.model.session import ViewingSession
from pmedu.model.station import Station

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


def _text_error(cl: type, name: str, value: str) -> TypeError:
    exc = TypeError(f"expected a list, got the string {value!r}")
    field_type = attrs.fields_dict(cl)[name].type
    exc.__notes__ = [AttributeValidationNote(f"Structuring @ {name}", name, field_type)]
    return exc


def _refusing_text_lists(cl: type) -> Callable[[Any, type], Any]:
    """``cl``'s structure hook, with a string in a list field an error at that field."""
    base = converter.get_structure_hook(cl)
    names = list_fields(cl)

    def hook(data: Any, t: type) -> Any:
        bad = [k for k in names if isinstance(data, dict) and isinstance(data.get(k), str)]
        if not bad:
            return base(data, t)
        found: list[Exception] = [_text_error(cl, k, data[k]) for k in bad]
        try:
            base({k: x for k, x in data.items() if k not in bad}, t)
        except cattrs.BaseValidationError as exc:
            found += list(exc.exceptions)
        except (ValueError, TypeError):
            pass  # a check across fields: the lists come first
        raise ClassValidationError(f"While structuring {cl.__name__}", found, cl)

    return hook


for _cl in (Station, FilmSet, ViewingSession, SchedulePolicy, Member):
    converter.register_structure_hook(_cl, _refusing_text_lists(_cl))
