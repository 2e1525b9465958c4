"""Apportionment (分配): whole shares of a total in proportion to weights, adding up exactly.

A ground module: a pure algorithm on numbers, no tree.

Sharing the sets a county holds among its townships in proportion to need ([film
supply][concept-supply]), or splitting a city-wide target such as 1,000 county-level demonstration
households down to the counties (§6, "decomposed level by level" 逐层分解), is the apportionment
problem. All arithmetic is exact (`fractions.Fraction`), so float noise never decides a share.

Methods (and their aliases):

``"hamilton"`` (largest remainders, 最大余额法)
    Floors of the exact quotas, then one more to the largest remainders. Keeps every share
    within floor/ceil of its quota, but is not house-monotone (the Alabama paradox).
``"jefferson"`` = ``"dhondt"``, ``"webster"`` = ``"sainte_lague"``, ``"huntington_hill"``
    Divisor methods, computed seat by seat by priority ``weight / d(seats)`` with
    ``d(s) = s + 1``, ``s + 1/2`` and ``sqrt(s (s + 1))``. They are house-monotone. With
    Huntington–Hill ``d(0) = 0``: every recipient gets one before any gets a second.

Tie-break (documented and deterministic): when two recipients have equal claim (equal remainder,
equal priority) the one with the **larger weight** wins, then the one **earlier** in the given
order. Float weights are read to 12 significant digits (see
[`as_fraction`][pmedu.apportion.as_fraction]), so ``0.3`` and ``0.1 + 0.2`` tie and this rule
decides:

>>> apportion(1, [0.3, 0.1 + 0.2]), apportion(1, [0.1 + 0.2, 0.3])
([1, 0], [1, 0])

>>> apportion(10, [6, 6, 2]), apportion(11, [6, 6, 2])
([4, 4, 2], [5, 5, 1])
>>> apportion(11, [6, 6, 2], method="dhondt")
[5, 5, 1]
>>> apportion(5, {"东镇": 7, "西镇": 3, "南镇": 11, "北镇": 1})
{'东镇': 2, '西镇': 1, '南镇': 2, '北镇': 0}
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, overload

from pmedu.errors import ApportionError

__all__ = ["FLOAT_DIGITS", "METHODS", "apportion", "as_fraction", "method_name"]


#: accepted method names → the canonical name
METHODS: dict[str, str] = {
    "hamilton": "hamilton",
    "largest_remainder": "hamilton",
    "hare": "hamilton",
    "jefferson": "jefferson",
    "dhondt": "jefferson",
    "d_hondt": "jefferson",
    "webster": "webster",
    "sainte_lague": "webster",
    "huntington_hill": "huntington_hill",
    "hill": "huntington_hill",
}


def method_name(method: str) -> str:
    """The canonical name of ``method`` (aliases, case and ``-``/``'`` ignored).

    >>> method_name("D'Hondt"), method_name("Sainte-Laguë".replace("ë", "e"))
    ('jefferson', 'webster')
    """
    key = method.strip().lower().replace("-", "_").replace(" ", "_").replace("'", "_")
    key = key.replace("d__hondt", "d_hondt")
    found = METHODS.get(key)
    if found is None:
        raise ApportionError(
            f"unknown apportionment method {method!r}; use one of {', '.join(METHODS)}"
        )
    return found


#: significant digits a float weight is read to (its ``repr`` rounded): float noise such as
#: ``0.1 + 0.2 == 0.30000000000000004`` is below it, so it never decides a share
FLOAT_DIGITS = 12

_FLOAT_CONTEXT = Context(prec=FLOAT_DIGITS, rounding=ROUND_HALF_EVEN)


def as_fraction(x: Any, where: str) -> Fraction:
    """``x`` as an exact `Fraction` (an [`ApportionError`][pmedu.errors.ApportionError] names
    ``where`` for a bool, a non-number or a non-finite float).

    Integers, fractions and decimals are taken exactly; a float is read as the decimal it prints as
    (``Decimal(repr(x))``) rounded to [`FLOAT_DIGITS`][pmedu.apportion.FLOAT_DIGITS] significant
    digits, so ``0.1 + 0.2`` is ``3/10``.

    >>> as_fraction(0.5, "w"), as_fraction(3, "w"), as_fraction(0.1 + 0.2, "w")
    (Fraction(1, 2), Fraction(3, 1), Fraction(3, 10))
    """
    if isinstance(x, bool):
        raise ApportionError(f"{where}: weight must be a number, got {x!r}")
    if isinstance(x, int | Fraction | Rational):
        return Fraction(x)
    if isinstance(x, float | Decimal):
        if not (x.is_finite() if isinstance(x, Decimal) else math.isfinite(x)):
            raise ApportionError(f"{where}: weight must be finite, got {x!r}")
        if isinstance(x, float):
            return Fraction(_FLOAT_CONTEXT.create_decimal(repr(x)))
        return Fraction(x)
    raise ApportionError(f"{where}: weight must be a number, got {x!r}")


@overload
def apportion(
    total: int, weights: Mapping[Any, Any], *, method: str = ..., minimum: int = ...
) -> dict[Any, int]: ...
@overload
def apportion(
    total: int, weights: Sequence[Any], *, method: str = ..., minimum: int = ...
) -> list[int]: ...


def apportion(
    total: int,
    weights: Mapping[Any, Any] | Sequence[Any],
    *,
    method: str = "hamilton",
    minimum: int = 0,
) -> dict[Any, int] | list[int]:
    """Whole shares of ``total`` in proportion to ``weights``, summing exactly to ``total``.

    Parameters
    ----------
    total
        The whole number to share (≥ 0).
    weights
        Positive numbers (int, Fraction, Decimal or float, taken exactly): a sequence gives a
        list of shares in the same order, a mapping a dict with the same keys.
    method
        ``"hamilton"`` (default), ``"jefferson"``/``"dhondt"``, ``"webster"``/
        ``"sainte_lague"`` or ``"huntington_hill"`` (see the module text).
    minimum
        Every recipient gets at least this many. For divisor methods the seat-by-seat
        allocation starts from it; for Hamilton, recipients whose share would fall below it
        are fixed at it and the rest is shared among the others.

    Zero or negative weights, a negative total, an unknown method and a minimum that the total
    cannot give everyone raise [`ApportionError`][pmedu.errors.ApportionError] (a ``ValueError``).

    >>> apportion(7, [1, 1, 1])
    [3, 2, 2]
    >>> apportion(2, [5, 9, 1], method="huntington_hill")
    [1, 1, 0]
    >>> apportion(4, [5, 9, 1], method="huntington_hill")
    [1, 2, 1]
    >>> apportion(10, [98, 1, 1], minimum=2)
    [6, 2, 2]
    >>> apportion(3, [1, 0])
    Traceback (most recent call last):
    ...
    pmedu.errors.ApportionError: weight 2: must be > 0, got 0 (leave it out instead)
    """
    name = method_name(method)
    if isinstance(total, bool) or not isinstance(total, int):
        raise ApportionError(f"total must be a whole number, got {total!r}")
    if total < 0:
        raise ApportionError(f"total must be >= 0, got {total}")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise ApportionError(f"minimum must be a whole number >= 0, got {minimum!r}")
    if isinstance(weights, Mapping):
        keys = list(weights)
        values = [weights[k] for k in keys]
        labels = [f"weight {k!r}" for k in keys]
    else:
        keys = None
        values = list(weights)
        labels = [f"weight {i + 1}" for i in range(len(values))]
    w = [as_fraction(x, lab) for x, lab in zip(values, labels, strict=True)]
    bad = [f"{lab}: must be > 0, got {x}" for lab, x in zip(labels, w, strict=True) if x <= 0]
    if bad:
        raise ApportionError("; ".join(bad) + " (leave it out instead)")
    n = len(w)
    if n == 0:
        if total:
            raise ApportionError(f"no recipients to share {total} among")
        return {} if keys is not None else []
    if minimum * n > total:
        raise ApportionError(
            f"minimum {minimum} for each of {n} recipients needs {minimum * n}, "
            f"more than the total {total}"
        )
    shares = (
        _hamilton(total, w, minimum) if name == "hamilton" else _divisor(total, w, minimum, name)
    )
    if keys is not None:
        return dict(zip(keys, shares, strict=True))
    return shares


def _order(w: list[Fraction], claims: list[Fraction], idx: list[int]) -> list[int]:
    """``idx`` sorted by claim, then weight (both descending), then position."""
    return sorted(idx, key=lambda i: (-claims[i], -w[i], i))


def _hamilton(total: int, w: list[Fraction], minimum: int) -> list[int]:
    n = len(w)
    fixed = [False] * n
    while True:
        free = [i for i in range(n) if not fixed[i]]
        rest = total - minimum * (n - len(free))
        weight = sum((w[i] for i in free), Fraction(0))
        shares = [minimum] * n
        quotas = {i: rest * w[i] / weight for i in free}
        for i in free:
            shares[i] = quotas[i].numerator // quotas[i].denominator
        left = rest - sum(shares[i] for i in free)
        rem = [Fraction(0)] * n
        for i in free:
            rem[i] = quotas[i] - shares[i]
        for i in _order(w, rem, free)[:left]:
            shares[i] += 1
        low = [i for i in free if shares[i] < minimum]
        if not low:
            return shares
        for i in low:
            fixed[i] = True


def _divisor(total: int, w: list[Fraction], minimum: int, name: str) -> list[int]:
    """Seat-by-seat allocation by the highest priority ``w / d(s)`` (exact comparisons)."""
    n = len(w)
    seats = [minimum] * n
    key = _PRIORITY[name]
    heap = [(key(w[i], minimum), -w[i], i) for i in range(n)]
    heapq.heapify(heap)
    for _ in range(total - minimum * n):
        _, neg_w, i = heapq.heappop(heap)
        seats[i] += 1
        heapq.heappush(heap, (key(w[i], seats[i]), neg_w, i))
    return seats


def _jefferson(w: Fraction, s: int) -> tuple[int, Fraction]:
    return (0, -w / (s + 1))


def _webster(w: Fraction, s: int) -> tuple[int, Fraction]:
    return (0, -w / (Fraction(2 * s + 1, 2)))


def _hill(w: Fraction, s: int) -> tuple[int, Fraction]:
    # priority w / sqrt(s (s+1)); compare squares, which keeps the order and stays exact.
    # d(0) = 0: infinite priority, ranked before every finite one (then by weight).
    if s == 0:
        return (-1, Fraction(0))
    return (0, -(w * w) / (s * (s + 1)))


_PRIORITY: dict[str, Callable[[Fraction, int], tuple[int, Fraction]]] = {
    "jefferson": _jefferson,
    "webster": _webster,
    "huntington_hill": _hill,
}
