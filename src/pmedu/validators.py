"""The attrs validators every pmedu domain class shares.

>>> import attrs
>>> @attrs.frozen
... class Row:
...     name: str = attrs.field(validator=nonblank)
...     n: int = attrs.field(default=0, validator=count)
...     m: int | None = attrs.field(default=None, validator=optional_count)
>>> Row("a", 2, None)
Row(name='a', n=2, m=None)
>>> Row(" ")
Traceback (most recent call last):
...
ValueError: 'name' must not be blank
>>> Row("a", True)
Traceback (most recent call last):
...
TypeError: 'n' must be an integer, got True
>>> Row("a", 1, -1)
Traceback (most recent call last):
...
ValueError: 'm' must be >= 0: -1
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["count", "nonblank", "optional_count"]


def nonblank(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """A string with something besides white space in it."""
    if not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank")


def count(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number ≥ 0 (``True``/``False`` are not numbers here)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be an integer, got {value!r}")
    if value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def optional_count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a :func:`count`."""
    if value is not None:
        count(inst, attribute, value)
