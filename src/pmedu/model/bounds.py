"""What every record field holds, checked once: lists that are lists, counts and amounts
that are finite and in range (issue 12: nothing wrong gets in silently).

A field that holds a list refuses a string: ``"m1"`` is neither one member nor the two members ``m``
and ``1``. A count is a whole number (never ``True``), at most
[`MAX_MEMBERS`][pmedu.model.bounds.MAX_MEMBERS]; an amount of money is a finite number of yuan, at
most [`MAX_YUAN`][pmedu.model.bounds.MAX_YUAN].

>>> id_tuple(["m1", "m2"])
('m1', 'm2')
>>> id_tuple("m1")
Traceback (most recent call last):
...
TypeError: expected a list, got the string 'm1'
>>> import attrs
>>> @attrs.frozen
... class Row:
...     n: int = attrs.field(default=0, validator=member_count)
...     yuan: float | None = attrs.field(default=None, validator=amount)
>>> Row(3, 2.5)
Row(n=3, yuan=2.5)
>>> Row(10**8)
Traceback (most recent call last):
...
ValueError: 'n' must be at most 10000000: 100000000
>>> Row(0, float("inf"))
Traceback (most recent call last):
...
ValueError: 'yuan' must be a finite number: inf
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterable
from typing import Any

import attrs

from pmedu.validators import count

__all__ = [
    "MAX_MEMBERS",
    "MAX_YUAN",
    "amount",
    "id_tuple",
    "list_fields",
    "member_count",
    "not_text",
    "optional_member_count",
    "year",
]

#: the largest count a record holds (members, households, copies, staff: 10⁷)
MAX_MEMBERS = 10**7
#: the largest amount of money a record holds, in yuan (10¹²)
MAX_YUAN = 10**12


def not_text(value: Any) -> Iterable[Any]:
    """``value`` itself, unless it is a string (where a list belongs, text is an error).

    >>> not_text(("a",))
    ('a',)
    """
    if isinstance(value, str | bytes):
        raise TypeError(f"expected a list, got the string {value!r}")
    return typing.cast("Iterable[Any]", value)


def id_tuple(value: Any) -> tuple[str, ...]:
    """A converter: any iterable of ids as a tuple; a string is an error (see module)."""
    return tuple(not_text(value))


def member_count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A [`count`][pmedu.validators.count] of at most
    [`MAX_MEMBERS`][pmedu.model.bounds.MAX_MEMBERS]."""
    count(inst, attribute, value)
    if value > MAX_MEMBERS:
        raise ValueError(f"'{attribute.name}' must be at most {MAX_MEMBERS}: {value}")


def optional_member_count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a [`member_count`][pmedu.model.bounds.member_count]."""
    if value is not None:
        member_count(inst, attribute, value)


def year(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number (never ``True``) between 1 and 9999."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be an integer, got {value!r}")
    if not 1 <= value <= 9999:
        raise ValueError(f"'{attribute.name}' must be a year (1–9999): {value}")


def amount(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a finite number of yuan, 0 ≤ value ≤ [`MAX_YUAN`][pmedu.model.bounds.MAX_YUAN]
    (never ``True``)."""
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"'{attribute.name}' must be a finite number: {value}")
    if not 0 <= value <= MAX_YUAN:
        raise ValueError(f"'{attribute.name}' must be between 0 and {MAX_YUAN}: {value}")


def list_fields(cl: type) -> tuple[str, ...]:
    """The fields of the attrs class ``cl`` that hold a tuple or a frozenset.

    >>> @attrs.frozen
    ... class Two:
    ...     a: tuple[str, ...] = ()
    ...     b: str = ""
    >>> list_fields(Two)
    ('a',)
    """
    fields = attrs.fields(attrs.resolve_types(cl))
    return tuple(
        a.name for a in fields if typing.get_origin(a.type) in (tuple, frozenset, list, set)
    )
