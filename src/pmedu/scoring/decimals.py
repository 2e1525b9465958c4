"""Exact points ([decisions][decisions]): numbers read as `Decimal`, shown and clamped
the one way every part of scoring uses.

>>> to_decimal(0.1), fmt(Decimal("20.00")), clamp(Decimal("21.5"), Decimal(20))
(Decimal('0.1'), '20', Decimal('20.00'))
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

__all__ = [
    "MAX_EXPONENT",
    "ZERO",
    "clamp",
    "fmt",
    "ge0",
    "gt0",
    "opt_decimal",
    "points_text",
    "to_decimal",
]

ZERO = Decimal(0)

#: the largest decimal exponent (either way) a rubric number or a fact may have: 10¹⁵ is far
#: beyond any count, amount or rate, and keeps every rule's arithmetic exact and finite
MAX_EXPONENT = 15


def to_decimal(value: Any) -> Decimal:
    """Numbers to Decimal, floats through their shortest repr (0.1 → Decimal('0.1')).

    >>> to_decimal("2.50"), to_decimal(3)
    (Decimal('2.50'), Decimal('3'))
    >>> to_decimal(True)
    Traceback (most recent call last):
    ...
    TypeError: expected a number, got True
    >>> to_decimal("nan")
    Traceback (most recent call last):
    ...
    ValueError: expected a finite number, got 'nan'
    >>> to_decimal("1e999999999")
    Traceback (most recent call last):
    ...
    ValueError: number out of range (at most 1e15 in size), got '1e999999999'
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TypeError(f"expected a number, got {value!r}")
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (ArithmeticError, ValueError):
        raise ValueError(f"expected a number, got {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        raise ValueError(f"number out of range (at most 1e{MAX_EXPONENT} in size), got {value!r}")
    return d


def opt_decimal(value: Any) -> Decimal | None:
    """[`to_decimal`][pmedu.scoring.decimals.to_decimal], with ``None`` kept.

    >>> opt_decimal(None), opt_decimal(1.5)
    (None, Decimal('1.5'))
    """
    return None if value is None else to_decimal(value)


def ge0(_inst: Any, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """attrs validator: the value (when given) is ≥ 0.

    >>> @attrs.frozen
    ... class P:
    ...     x: Decimal = attrs.field(validator=ge0)
    >>> P(Decimal(-1))
    Traceback (most recent call last):
    ...
    ValueError: 'x' must be ≥ 0, got -1
    """
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be ≥ 0, got {fmt(value)}")


def gt0(_inst: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """attrs validator: the value is > 0.

    >>> @attrs.frozen
    ... class P:
    ...     x: Decimal = attrs.field(validator=gt0)
    >>> P(Decimal(0))
    Traceback (most recent call last):
    ...
    ValueError: 'x' must be > 0, got 0
    """
    if value <= 0:
        raise ValueError(f"'{attribute.name}' must be > 0, got {fmt(value)}")


def fmt(d: Decimal | None) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``Decimal('20.00')`` → 20),
    shown to at most 4 decimal places (a measured rate such as 0.8888888888888888 → 0.8889).

    >>> fmt(Decimal("20.00")), fmt(Decimal("0.8888888888888888")), fmt(None)
    ('20', '0.8889', '—')
    """
    if d is None:
        return "—"
    n = d.normalize()
    exponent = n.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        n = n.quantize(Decimal("0.0001")).normalize()
    return format(n, "f") if n != 0 else "0"


def points_text(d: Decimal) -> str:
    """Points as computed (already rounded to the rubric's decimals): ``Decimal('68.30')``
    shows as ``68.30``.

    >>> points_text(Decimal("68.30"))
    '68.30'
    """
    return format(d, "f")


def clamp(points: Decimal, possible: Decimal, *, decimals: int = 2) -> Decimal:
    """``points`` clamped to ``[0, possible]`` and rounded half-up to ``decimals`` places.

    >>> clamp(Decimal("21.5"), Decimal(20)), clamp(Decimal("-3"), Decimal(20))
    (Decimal('20.00'), Decimal('0.00'))
    >>> clamp(Decimal(40) / Decimal(3), Decimal(20))
    Decimal('13.33')
    """
    q = Decimal(1).scaleb(-decimals)
    x = min(max(points, ZERO), possible).quantize(q, rounding=ROUND_HALF_UP)
    return min(x, possible)
