"""Scoring rules: how a measured value (the *actual*) becomes an indicator's points.

Every rule is an attrs class with a ``type`` (its name in a rubric file) and an unclamped
``raw(actual, possible)``; [`RuleBase`][pmedu.scoring.rules.RuleBase] gives each the one
``points()``: ``raw`` clamped to ``[0, possible]`` and rounded half-up ([decisions][decisions]).

- ``ratio``: ``P × min(1, a / target)``
- ``threshold``: ``P`` when ``a ≥ target``, else the points of the highest step reached, else 0
- ``per_item``: ``per_item × a``, capped at ``cap`` (default ``P``)
- ``deduction``: ``P − per_unit × max(0, target − a)``, never below 0
- ``deadline``: ``a`` = days late: ``a ≤ 0`` → ``P``; ``0 < a ≤ grace_days`` → ``late_points``;
  later, or no fact (not delivered) → 0
- ``bands``: a table of ``(from, to] → points``; above the last band, its points

>>> RatioRule(target=Decimal(1)).points(Decimal("0.75"), Decimal(20))
Decimal('15.00')
>>> sorted(RULES)
['bands', 'deadline', 'deduction', 'per_item', 'ratio', 'threshold']
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any, ClassVar, Protocol

import attrs
from attrs import validators as v

from pmedu.scoring.decimals import ZERO, clamp, fmt, ge0, gt0, opt_decimal, to_decimal

__all__ = [
    "RULES",
    "BandsRule",
    "DeadlineRule",
    "DeductionRule",
    "PerItemRule",
    "RatioRule",
    "Rule",
    "RuleBase",
    "ThresholdRule",
]


class Rule(Protocol):
    """What every scoring rule offers (the type of an indicator's ``rule``).

    >>> rule: Rule = PerItemRule(per_item=Decimal(2))
    >>> rule.type, rule.points(Decimal(3), Decimal(5)), rule.describe(Decimal(5))
    ('per_item', Decimal('5.00'), 'per item: 2 × items, at most 5')
    """

    type: ClassVar[str]

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""

    def points(self, actual: Decimal, possible: Decimal, *, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """(field, what) problems of this rule for an indicator worth ``possible``."""

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""


#: the bound put on an actual value before a rule computes with it
ACTUAL_BOUND = Decimal("1e16")


class RuleBase:
    """The part every rule shares: ``points()`` (``raw`` clamped and rounded, written once)
    and no cross-field problems unless the rule says otherwise.

    >>> DeductionRule(target=Decimal(9), per_unit=Decimal(4)).points(Decimal(1), Decimal(20))
    Decimal('0.00')
    """

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual`` (each rule's own)."""
        raise NotImplementedError

    def points(self, actual: Decimal, possible: Decimal, *, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]`` and rounded half-up to ``decimals``.

        The actual is first bounded to ±10¹⁶ (beyond every rubric number, which are at most
        10¹⁵), so a huge value scores as a large one and never overflows.

        >>> RatioRule(target=Decimal(1)).points(Decimal("1e999999999"), Decimal(10))
        Decimal('10.00')
        """
        bounded = min(max(actual, -ACTUAL_BOUND), ACTUAL_BOUND)
        return clamp(self.raw(bounded, possible), possible, decimals=decimals)

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """(field, what) problems of this rule for an indicator worth ``possible``."""
        return []


def _pairs(value: Any) -> tuple[tuple[Decimal, Decimal], ...]:
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise ValueError(f"step {i + 1} must be [at_least, points], got {item!r}")
        out.append((to_decimal(item[0]), to_decimal(item[1])))
    return tuple(out)


def _triples(value: Any) -> tuple[tuple[Decimal, Decimal, Decimal], ...]:
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise ValueError(f"band {i + 1} must be [from, to, points], got {item!r}")
        out.append((to_decimal(item[0]), to_decimal(item[1]), to_decimal(item[2])))
    return tuple(out)


@attrs.frozen
class RatioRule(RuleBase):
    """``points × min(1, actual / target)`` — e.g. the 两机一室 rate against 100% ([seed
    002][seed-002]).

    >>> RatioRule(target=Decimal("0.9")).points(Decimal("0.45"), Decimal(10))
    Decimal('5.00')
    """

    type: ClassVar[str] = "ratio"
    target: Decimal = attrs.field(converter=to_decimal, validator=gt0)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        return possible * min(Decimal(1), actual / self.target)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return f"ratio: {fmt(possible)} × min(1, actual / {fmt(self.target)})"

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class ThresholdRule(RuleBase):
    """Full points at or above ``target``; below it the points of the highest step reached.

    ``steps`` are ``(at_least, points)`` pairs (any order), each below the target.

    >>> r = ThresholdRule(target=Decimal("0.9"), steps=[[0.8, 15], [0.6, 8]])
    >>> [r.points(Decimal(a), Decimal(20)) for a in ("0.95", "0.85", "0.6", "0.5")]
    [Decimal('20.00'), Decimal('15.00'), Decimal('8.00'), Decimal('0.00')]
    """

    type: ClassVar[str] = "threshold"
    target: Decimal = attrs.field(converter=to_decimal)
    steps: tuple[tuple[Decimal, Decimal], ...] = attrs.field(
        default=(), converter=_pairs, kw_only=True
    )

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        if actual >= self.target:
            return possible
        reached = [pts for at_least, pts in self.steps if actual >= at_least]
        return max(reached, default=ZERO)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        steps = "".join(f"; ≥ {fmt(a)} → {fmt(p)}" for a, p in sorted(self.steps, reverse=True))
        return f"threshold: ≥ {fmt(self.target)} → {fmt(possible)}{steps}; else 0"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """(field, what) problems: steps at or above the target, points out of order."""
        out: list[tuple[str, str]] = []
        for i, (at_least, pts) in enumerate(self.steps):
            where = f"steps[{i}]"
            if at_least >= self.target:
                out.append((where, f"step at {fmt(at_least)} is not below the target"))
            if pts < 0 or pts > possible:
                out.append((where, f"step points {fmt(pts)} not within [0, {fmt(possible)}]"))
        ordered = sorted(self.steps)
        for (a1, p1), (a2, p2) in itertools.pairwise(ordered):
            if p2 < p1 or a1 == a2:
                out.append(
                    (
                        "steps",
                        f"a higher step ({fmt(a2)}) must not give fewer points than "
                        f"a lower one ({fmt(a1)}), nor repeat it",
                    )
                )
        return out

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class PerItemRule(RuleBase):
    """``per_item`` points per item, capped at ``cap`` (default: the indicator's points).

    >>> PerItemRule(per_item=Decimal(1)).points(Decimal(6), Decimal(8))
    Decimal('6.00')
    >>> PerItemRule(per_item=Decimal(1)).points(Decimal(11), Decimal(8))
    Decimal('8.00')
    """

    type: ClassVar[str] = "per_item"
    per_item: Decimal = attrs.field(converter=to_decimal, validator=ge0)
    cap: Decimal | None = attrs.field(
        default=None, converter=opt_decimal, validator=ge0, kw_only=True
    )

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual`` items."""
        earned = self.per_item * actual
        return earned if self.cap is None else min(earned, self.cap)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        cap = possible if self.cap is None else min(self.cap, possible)
        return f"per item: {fmt(self.per_item)} × items, at most {fmt(cap)}"

    @property
    def target_value(self) -> Decimal | None:
        """Items needed for the cap, when the rule has a positive rate (else ``None``)."""
        return None


@attrs.frozen
class DeductionRule(RuleBase):
    """``points − per_unit × max(0, target − actual)``, never below 0.

    >>> DeductionRule(target=Decimal(9), per_unit=Decimal(4)).points(Decimal(7), Decimal(20))
    Decimal('12.00')
    """

    type: ClassVar[str] = "deduction"
    target: Decimal = attrs.field(converter=to_decimal)
    per_unit: Decimal = attrs.field(converter=to_decimal, validator=ge0)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        return possible - self.per_unit * max(ZERO, self.target - actual)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return (
            f"deduction: {fmt(possible)} − {fmt(self.per_unit)} × shortfall below "
            f"{fmt(self.target)}, at least 0"
        )

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class DeadlineRule(RuleBase):
    """On time / late by at most ``grace_days`` / later or not delivered ([decisions][decisions]).

    The actual is the number of days late (≤ 0 means on time); a missing fact means the item
    was not delivered and earns 0.

    >>> r = DeadlineRule(late_points=Decimal(6), grace_days=30)
    >>> [r.points(Decimal(d), Decimal(12)) for d in (-3, 0, 1, 30, 31)]
    [Decimal('12.00'), Decimal('12.00'), Decimal('6.00'), Decimal('6.00'), Decimal('0.00')]
    """

    type: ClassVar[str] = "deadline"
    late_points: Decimal = attrs.field(
        default=ZERO, converter=to_decimal, validator=ge0, kw_only=True
    )
    grace_days: int = attrs.field(default=0, validator=[v.instance_of(int), v.ge(0)], kw_only=True)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual`` days late."""
        if actual <= 0:
            return possible
        if actual <= self.grace_days:
            return self.late_points
        return ZERO

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return (
            f"deadline: on time → {fmt(possible)}; ≤ {self.grace_days} days late → "
            f"{fmt(min(self.late_points, possible))}; later or not delivered → 0"
        )

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """``late_points`` above the indicator's points."""
        if self.late_points > possible:
            return [("late_points", f"{fmt(self.late_points)} exceeds the indicator's points")]
        return []

    @property
    def target_value(self) -> Decimal | None:
        """Days late allowed for full points: 0."""
        return ZERO


@attrs.frozen
class BandsRule(RuleBase):
    """A table of ``(from, to] → points`` bands, contiguous and with non-decreasing points.

    A value at or below the first band's ``from`` earns 0; above the last band's ``to`` it
    earns the last band's points.

    >>> r = BandsRule(bands=[[0.0, 0.5, 5], [0.5, 0.9, 12], [0.9, 10.0, 20]])
    >>> [r.points(Decimal(a), Decimal(20)) for a in ("0", "0.5", "0.51", "0.9", "12")]
    [Decimal('0.00'), Decimal('5.00'), Decimal('12.00'), Decimal('12.00'), Decimal('20.00')]
    """

    type: ClassVar[str] = "bands"
    bands: tuple[tuple[Decimal, Decimal, Decimal], ...] = attrs.field(converter=_triples)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        for lo, hi, pts in self.bands:
            if lo < actual <= hi:
                return pts
        if self.bands and actual > self.bands[-1][1]:
            return self.bands[-1][2]
        return ZERO

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        table = "; ".join(f"({fmt(lo)}, {fmt(hi)}] → {fmt(p)}" for lo, hi, p in self.bands)
        return f"bands: {table}"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """Empty table, inverted bands, overlaps or gaps, points out of range or order."""
        out: list[tuple[str, str]] = []
        if not self.bands:
            out.append(("bands", "needs at least one band"))
        for i, (lo, hi, pts) in enumerate(self.bands):
            if hi <= lo:
                out.append((f"bands[{i}]", f"'to' ({fmt(hi)}) must be above 'from' ({fmt(lo)})"))
            if pts < 0 or pts > possible:
                out.append((f"bands[{i}]", f"points {fmt(pts)} not within [0, {fmt(possible)}]"))
            if i:
                _, phi, ppts = self.bands[i - 1]
                if lo < phi:
                    out.append(
                        (f"bands[{i}]", f"overlaps the band before (from {fmt(lo)} < {fmt(phi)})")
                    )
                elif lo > phi:
                    out.append((f"bands[{i}]", f"leaves a gap ({fmt(phi)}, {fmt(lo)}]"))
                if pts < ppts:
                    out.append((f"bands[{i}]", "points must not decrease from band to band"))
        return out

    @property
    def target_value(self) -> Decimal | None:
        """The lower edge of the top band."""
        return self.bands[-1][0] if self.bands else None


#: rule ``type`` → rule class
RULES: dict[str, type[Any]] = {
    cls.type: cls
    for cls in (RatioRule, ThresholdRule, PerItemRule, DeductionRule, DeadlineRule, BandsRule)
}
