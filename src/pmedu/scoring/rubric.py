"""Assessment rubrics (考核细则) as data: indicators, scoring rules, grades, bonus and veto.

A :class:`Rubric` is read from a TOML or JSON file the organisation department edits
(:func:`load_rubric`), or taken from the presets shipped with pmedu (:func:`preset_rubric`).
Loading validates everything and reports every problem with its place, e.g.
``$.indicators[2].rule.type: indicator VW1: unknown rule 'foo'; accepted: ratio, …``.

Points are exact :class:`~decimal.Decimal` values (DOMAIN.md §10). Each indicator's
:class:`Rule` says how a measured value (the *actual*) becomes points; whatever the rule, the
points are clamped to ``[0, indicator points]``.

================  ===============================================================
rule ``type``     points for an indicator worth ``P`` and a measured value ``a``
================  ===============================================================
``ratio``         ``P × min(1, a / target)``
``threshold``     ``P`` when ``a ≥ target``, else the points of the highest step reached, else 0
``per_item``      ``per_item × a``, capped at ``cap`` (default ``P``)
``deduction``     ``P − per_unit × max(0, target − a)``, never below 0
``deadline``      ``a`` = days late: ``a ≤ 0`` → ``P``; ``0 < a ≤ grace_days`` → ``late_points``;
                  later, or no fact (not delivered) → 0
``bands``         a table of ``(from, to] → points``; above the last band, its points
================  ===============================================================

>>> r = preset_rubric("county_township")
>>> r.total, len(r.indicators), r.grades[0].name
(Decimal('100'), 13, '优秀')
>>> RatioRule(target=Decimal(1)).points(Decimal("0.75"), Decimal(20))
Decimal('15.00')
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

import attrs
import cattrs
from attrs import validators as v
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_unstructure_fn

from pmedu.convert import (
    converter,
    dump_document,
    load_preset,
    preset_names,
    read_document,
    structure,
)
from pmedu.errors import Problem, RubricError
from pmedu.labels import LabelledEnum
from pmedu.validators import nonblank as _nonblank

__all__ = [
    "BandsRule",
    "BonusItem",
    "Category",
    "Condition",
    "DeadlineRule",
    "DeductionRule",
    "Grade",
    "Indicator",
    "MissingPolicy",
    "PerItemRule",
    "RatioRule",
    "Rubric",
    "Rule",
    "ThresholdRule",
    "VetoEffect",
    "VetoItem",
    "load_rubric",
    "preset_rubric",
    "rubric_presets",
    "save_rubric",
]

_PRESETS = "pmedu.scoring.presets"
ZERO = Decimal(0)


# --- vocabularies ---------------------------------------------------------------------------


class Category(LabelledEnum):
    """What an indicator is about (DOMAIN.md §7: the areas a target assessment covers).

    >>> Category.parse("供片"), Category.parse("stations").label
    (<Category.SUPPLY: 'supply'>, '网点建设')
    """

    @classmethod
    def noun(cls) -> str:
        return "indicator category"

    STATIONS = ("stations", "网点建设", ("网点", "站点建设", "station_building", "network"))
    SUPPLY = ("supply", "供片", ("供片发行", "film_supply"))
    VIEWING = ("viewing", "播放收看", ("播放", "收看", "play_and_view"))
    PRODUCTION = ("production", "制片", ("教材制作", "节目制作"))
    INFORMATION = ("information", "信息报送", ("信息", "info"))
    PUBLICITY = ("publicity", "宣传", ("党建宣传",))
    DEMONSTRATION = ("demonstration", "示范", ("科技示范", "示范户"))
    INSTITUTIONS = ("institutions", "机构队伍", ("机构", "队伍", "institution", "staff"))
    FUNDING = ("funding", "经费", ("经费保障", "funds"))
    OTHER = ("other", "其他", ())


class MissingPolicy(LabelledEnum):
    """What a missing fact earns: ``zero`` (0 points with a note) or ``error`` (refuse).

    >>> MissingPolicy.parse("计零分")
    <MissingPolicy.ZERO: 'zero'>
    """

    @classmethod
    def noun(cls) -> str:
        return "missing-fact policy"

    ZERO = ("zero", "计零分", ("0", "zero_points"))
    ERROR = ("error", "报错", ("raise", "refuse"))


class VetoEffect(LabelledEnum):
    """What a failed veto item 一票否决 does: lowest grade, or the whole score set to 0.

    >>> VetoEffect.parse("lowest_grade").label
    '降为最低等次'
    """

    @classmethod
    def noun(cls) -> str:
        return "veto effect"

    LOWEST_GRADE = ("lowest_grade", "降为最低等次", ("最低等次", "lowest"))
    ZERO = ("zero", "总分计零", ("零分", "计零分", "score_zero"))


def _category(value: Any) -> Category:
    return Category.parse(value)


def _effect(value: Any) -> VetoEffect:
    return VetoEffect.parse(value)


def _missing_policy(value: Any) -> MissingPolicy:
    return MissingPolicy.parse(value)


# --- validators -----------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal:
    """Numbers to Decimal, floats through their shortest repr (0.1 → Decimal('0.1'))."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError(f"expected a number, got {value!r}")
    if isinstance(value, int | float | str):
        d = Decimal(str(value))
        if not d.is_finite():
            raise ValueError(f"expected a finite number, got {value!r}")
        return d
    raise TypeError(f"expected a number, got {value!r}")


def _opt_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal(value)


def _ge0(_inst: Any, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be ≥ 0, got {_fmt(value)}")


def _gt0(_inst: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if value <= 0:
        raise ValueError(f"'{attribute.name}' must be > 0, got {_fmt(value)}")


def _pairs(value: Any) -> tuple[tuple[Decimal, Decimal], ...]:
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise ValueError(f"step {i + 1} must be [at_least, points], got {item!r}")
        out.append((_decimal(item[0]), _decimal(item[1])))
    return tuple(out)


def _triples(value: Any) -> tuple[tuple[Decimal, Decimal, Decimal], ...]:
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise ValueError(f"band {i + 1} must be [from, to, points], got {item!r}")
        out.append((_decimal(item[0]), _decimal(item[1]), _decimal(item[2])))
    return tuple(out)


def _fmt(d: Decimal | None) -> str:
    """A Decimal as plain text without exponent or trailing zeros (``Decimal('20.00')`` → 20),
    shown to at most 4 decimal places (a measured rate such as 0.8888888888888888 → 0.8889).

    >>> _fmt(Decimal("20.00")), _fmt(Decimal("0.8888888888888888")), _fmt(None)
    ('20', '0.8889', '—')
    """
    if d is None:
        return "—"
    n = d.normalize()
    exponent = n.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        n = n.quantize(Decimal("0.0001")).normalize()
    return format(n, "f") if n != 0 else "0"


def clamp(points: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
    """``points`` clamped to ``[0, possible]`` and rounded half-up to ``decimals`` places.

    >>> clamp(Decimal("21.5"), Decimal(20)), clamp(Decimal("-3"), Decimal(20))
    (Decimal('20.00'), Decimal('0.00'))
    >>> clamp(Decimal(40) / Decimal(3), Decimal(20))
    Decimal('13.33')
    """
    q = Decimal(1).scaleb(-decimals)
    x = min(max(points, ZERO), possible).quantize(q, rounding=ROUND_HALF_UP)
    return min(x, possible)


# --- rules ----------------------------------------------------------------------------------


@attrs.frozen
class RatioRule:
    """``points × min(1, actual / target)`` — e.g. the 两机一室 rate against 100% (seed 002).

    >>> RatioRule(target=Decimal("0.9")).points(Decimal("0.45"), Decimal(10))
    Decimal('5.00')
    """

    type: ClassVar[str] = "ratio"
    target: Decimal = attrs.field(converter=_decimal, validator=_gt0)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        return possible * min(Decimal(1), actual / self.target)

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return f"ratio: {_fmt(possible)} × min(1, actual / {_fmt(self.target)})"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """(field, what) problems of this rule for an indicator worth ``possible``."""
        return []

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class ThresholdRule:
    """Full points at or above ``target``; below it the points of the highest step reached.

    ``steps`` are ``(at_least, points)`` pairs (any order), each below the target.

    >>> r = ThresholdRule(target=Decimal("0.9"), steps=[[0.8, 15], [0.6, 8]])
    >>> [r.points(Decimal(a), Decimal(20)) for a in ("0.95", "0.85", "0.6", "0.5")]
    [Decimal('20.00'), Decimal('15.00'), Decimal('8.00'), Decimal('0.00')]
    """

    type: ClassVar[str] = "threshold"
    target: Decimal = attrs.field(converter=_decimal)
    steps: tuple[tuple[Decimal, Decimal], ...] = attrs.field(default=(), converter=_pairs)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        if actual >= self.target:
            return possible
        reached = [pts for at_least, pts in self.steps if actual >= at_least]
        return max(reached, default=ZERO)

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        steps = "".join(f"; ≥ {_fmt(a)} → {_fmt(p)}" for a, p in sorted(self.steps, reverse=True))
        return f"threshold: ≥ {_fmt(self.target)} → {_fmt(possible)}{steps}; else 0"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """(field, what) problems: steps at or above the target, points out of order."""
        out: list[tuple[str, str]] = []
        for i, (at_least, pts) in enumerate(self.steps):
            where = f"steps[{i}]"
            if at_least >= self.target:
                out.append((where, f"step at {_fmt(at_least)} is not below the target"))
            if pts < 0 or pts > possible:
                out.append((where, f"step points {_fmt(pts)} not within [0, {_fmt(possible)}]"))
        ordered = sorted(self.steps)
        for (a1, p1), (a2, p2) in itertools.pairwise(ordered):
            if p2 < p1 or a1 == a2:
                out.append(
                    (
                        "steps",
                        f"a higher step ({_fmt(a2)}) must not give fewer points than "
                        f"a lower one ({_fmt(a1)}), nor repeat it",
                    )
                )
        return out

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class PerItemRule:
    """``per_item`` points per item, capped at ``cap`` (default: the indicator's points).

    >>> PerItemRule(per_item=Decimal(1)).points(Decimal(6), Decimal(8))
    Decimal('6.00')
    >>> PerItemRule(per_item=Decimal(1)).points(Decimal(11), Decimal(8))
    Decimal('8.00')
    """

    type: ClassVar[str] = "per_item"
    per_item: Decimal = attrs.field(converter=_decimal, validator=_ge0)
    cap: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_ge0)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual`` items."""
        earned = self.per_item * actual
        return earned if self.cap is None else min(earned, self.cap)

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        cap = possible if self.cap is None else min(self.cap, possible)
        return f"per item: {_fmt(self.per_item)} × items, at most {_fmt(cap)}"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """No cross-field problems."""
        return []

    @property
    def target_value(self) -> Decimal | None:
        """Items needed for the cap, when the rule has a positive rate (else ``None``)."""
        return None


@attrs.frozen
class DeductionRule:
    """``points − per_unit × max(0, target − actual)``, never below 0.

    >>> DeductionRule(target=Decimal(9), per_unit=Decimal(4)).points(Decimal(7), Decimal(20))
    Decimal('12.00')
    """

    type: ClassVar[str] = "deduction"
    target: Decimal = attrs.field(converter=_decimal)
    per_unit: Decimal = attrs.field(converter=_decimal, validator=_ge0)

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual``."""
        return possible - self.per_unit * max(ZERO, self.target - actual)

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return (
            f"deduction: {_fmt(possible)} − {_fmt(self.per_unit)} × shortfall below "
            f"{_fmt(self.target)}, at least 0"
        )

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """No cross-field problems."""
        return []

    @property
    def target_value(self) -> Decimal | None:
        """The value the rule aims at (shown on the scorecard)."""
        return self.target


@attrs.frozen
class DeadlineRule:
    """On time / late by at most ``grace_days`` / later or not delivered (DOMAIN.md §10).

    The actual is the number of days late (≤ 0 means on time); a missing fact means the item
    was not delivered and earns 0.

    >>> r = DeadlineRule(late_points=Decimal(6), grace_days=30)
    >>> [r.points(Decimal(d), Decimal(12)) for d in (-3, 0, 1, 30, 31)]
    [Decimal('12.00'), Decimal('12.00'), Decimal('6.00'), Decimal('6.00'), Decimal('0.00')]
    """

    type: ClassVar[str] = "deadline"
    late_points: Decimal = attrs.field(default=ZERO, converter=_decimal, validator=_ge0)
    grace_days: int = attrs.field(default=0, validator=[v.instance_of(int), v.ge(0)])

    def raw(self, actual: Decimal, possible: Decimal) -> Decimal:
        """Unclamped points for ``actual`` days late."""
        if actual <= 0:
            return possible
        if actual <= self.grace_days:
            return self.late_points
        return ZERO

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        return (
            f"deadline: on time → {_fmt(possible)}; ≤ {self.grace_days} days late → "
            f"{_fmt(min(self.late_points, possible))}; later or not delivered → 0"
        )

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """``late_points`` above the indicator's points."""
        if self.late_points > possible:
            return [("late_points", f"{_fmt(self.late_points)} exceeds the indicator's points")]
        return []

    @property
    def target_value(self) -> Decimal | None:
        """Days late allowed for full points: 0."""
        return ZERO


@attrs.frozen
class BandsRule:
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

    def points(self, actual: Decimal, possible: Decimal, decimals: int = 2) -> Decimal:
        """Points earned, clamped to ``[0, possible]``."""
        return clamp(self.raw(actual, possible), possible, decimals)

    def describe(self, possible: Decimal) -> str:
        """The rule in words."""
        table = "; ".join(f"({_fmt(lo)}, {_fmt(hi)}] → {_fmt(p)}" for lo, hi, p in self.bands)
        return f"bands: {table}"

    def problems(self, possible: Decimal) -> list[tuple[str, str]]:
        """Empty table, inverted bands, overlaps or gaps, points out of range or order."""
        out: list[tuple[str, str]] = []
        if not self.bands:
            out.append(("bands", "needs at least one band"))
        for i, (lo, hi, pts) in enumerate(self.bands):
            if hi <= lo:
                out.append((f"bands[{i}]", f"'to' ({_fmt(hi)}) must be above 'from' ({_fmt(lo)})"))
            if pts < 0 or pts > possible:
                out.append((f"bands[{i}]", f"points {_fmt(pts)} not within [0, {_fmt(possible)}]"))
            if i:
                _, phi, ppts = self.bands[i - 1]
                if lo < phi:
                    out.append(
                        (f"bands[{i}]", f"overlaps the band before (from {_fmt(lo)} < {_fmt(phi)})")
                    )
                elif lo > phi:
                    out.append((f"bands[{i}]", f"leaves a gap ({_fmt(phi)}, {_fmt(lo)}]"))
                if pts < ppts:
                    out.append((f"bands[{i}]", "points must not decrease from band to band"))
        return out

    @property
    def target_value(self) -> Decimal | None:
        """The lower edge of the top band."""
        return self.bands[-1][0] if self.bands else None


Rule = RatioRule | ThresholdRule | PerItemRule | DeductionRule | DeadlineRule | BandsRule
#: rule ``type`` → rule class
RULES: dict[str, type[Any]] = {
    cls.type: cls
    for cls in (RatioRule, ThresholdRule, PerItemRule, DeductionRule, DeadlineRule, BandsRule)
}


def _structure_rule(data: Any, _t: Any) -> Rule:
    if not isinstance(data, dict):
        raise TypeError(f"expected a table with a 'type' key, got {data!r}")
    kind = data.get("type")
    if kind not in RULES:
        exc: Exception
        if kind is None:
            exc = KeyError("type")
        else:
            exc = ValueError(f"unknown rule {kind!r}; accepted: {', '.join(RULES)}")
        exc.__notes__ = [AttributeValidationNote("Structuring @ type", "type", str)]
        raise ClassValidationError("While structuring rule", [exc], dict)
    rest = {k: val for k, val in data.items() if k != "type"}
    return converter.structure(rest, RULES[kind])  # type: ignore[no-any-return]


def _unstructure_rule_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    inner = make_dict_unstructure_fn(cls, converter)

    def hook(obj: Any) -> dict[str, Any]:
        return {"type": cls.type, **inner(obj)}

    return hook


converter.register_structure_hook_func(lambda t: t == Rule, _structure_rule)
converter.register_unstructure_hook_factory(
    lambda t: isinstance(t, type) and t in RULES.values(), _unstructure_rule_factory
)
converter.register_unstructure_hook_func(
    lambda t: t == Rule, lambda obj: converter.unstructure(obj, unstructure_as=type(obj))
)


# --- rubric parts ---------------------------------------------------------------------------


@attrs.frozen
class Indicator:
    """One scored indicator (考核指标): what it reads, what it is worth, how it is scored.

    >>> ind = Indicator(code="ST1", name="两机一室普及率", category="网点建设", points=20,
    ...                 measure="two_machines_one_room_rate", rule=RatioRule(target=1))
    >>> ind.category, ind.points
    (<Category.STATIONS: 'stations'>, Decimal('20'))
    """

    code: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    category: Category = attrs.field(converter=_category)
    points: Decimal = attrs.field(converter=_decimal, validator=_ge0)
    measure: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    rule: Rule
    name_en: str = ""
    source: str = ""
    note: str = ""


@attrs.frozen
class Grade:
    """A grade band 等次: the band applies from ``min`` points up to the next band.

    >>> Grade(name="优秀", min=90).min
    Decimal('90')
    """

    name: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    min: Decimal = attrs.field(converter=_decimal, validator=_ge0)


@attrs.frozen
class BonusItem:
    """A bonus item 加分项 scored like an indicator; the rubric caps the bonus in total.

    ``points`` caps this item alone (default: the rubric's ``bonus_cap``).

    >>> BonusItem(code="B1", name="省级表彰", measure="provincial_awards",
    ...           rule=PerItemRule(per_item=3)).points is None
    True
    """

    code: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    measure: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    rule: Rule
    points: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_ge0)
    source: str = ""


_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _op(_inst: Any, _attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in _OPS:
        raise ValueError(f"unknown op {value!r}; accepted: {', '.join(_OPS)}")


@attrs.frozen
class Condition:
    """``actual OP value``, e.g. ``> 0`` for a veto that fails on any case.

    >>> Condition(op=">", value=0).holds(Decimal(2))
    True
    """

    op: str = attrs.field(validator=[v.instance_of(str), _op])
    value: Decimal = attrs.field(converter=_decimal)

    def holds(self, actual: Decimal) -> bool:
        """Whether ``actual OP value`` is true."""
        return _OPS[self.op](actual, self.value)

    def __str__(self) -> str:
        return f"{self.op} {_fmt(self.value)}"


@attrs.frozen
class VetoItem:
    """A veto item 一票否决项: when ``fails_when`` holds, ``effect`` applies.

    A missing fact does not fail a veto item (no case reported); the scorecard notes it.

    >>> VetoItem(code="V1", name="经费挪用", measure="funds_misused",
    ...          fails_when=Condition(">", 0), effect="zero").effect
    <VetoEffect.ZERO: 'zero'>
    """

    code: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    measure: str = attrs.field(validator=[v.instance_of(str), _nonblank])
    fails_when: Condition
    effect: VetoEffect = attrs.field(default=VetoEffect.LOWEST_GRADE, converter=_effect)
    source: str = ""


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Rubric:
    """An assessment rubric 考核细则: indicators worth ``total`` points, grades, bonus, veto.

    Parameters
    ----------
    name
        The rubric's title.
    total
        Points the indicators add up to (exactly).
    grades
        Grade bands (any order); the lowest must start at 0, no two at the same ``min``.
    indicators
        The scored indicators; codes are unique across indicators, bonus and veto items.
    bonus_cap
        The most bonus points 加分 a unit can earn in total.
    bonus, veto
        Bonus items and veto items 一票否决.
    missing
        What a missing fact earns: ``"zero"`` (0 points, noted; default) or ``"error"``.
        Deadline indicators always treat a missing fact as "not delivered".
    decimals
        Points are rounded half-up to this many decimal places (default 2).

    Constructing or loading an invalid rubric raises :class:`~pmedu.errors.RubricError`
    listing every problem with its place.

    >>> g = [Grade("合格", 6), Grade("不合格", 0)]
    >>> ind = Indicator(code="A", name="a", category="other", points=10, measure="m",
    ...                 rule=RatioRule(target=1))
    >>> Rubric(name="r", total=12, grades=g, indicators=[ind])
    Traceback (most recent call last):
    ...
    pmedu.errors.RubricError: 1 problem:
    $.total: indicator points add up to 10, not the total 12
    """

    name: str = attrs.field(validator=v.instance_of(str))
    total: Decimal = attrs.field(converter=_decimal, validator=_gt0)
    grades: tuple[Grade, ...] = attrs.field(converter=_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_tuple)
    bonus_cap: Decimal = attrs.field(default=ZERO, converter=_decimal, validator=_ge0)
    bonus: tuple[BonusItem, ...] = attrs.field(default=(), converter=_tuple)
    veto: tuple[VetoItem, ...] = attrs.field(default=(), converter=_tuple)
    missing: MissingPolicy = attrs.field(default=MissingPolicy.ZERO, converter=_missing_policy)
    decimals: int = attrs.field(default=2, validator=[v.instance_of(int), v.ge(0), v.le(6)])
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problems = rubric_problems(self)
        if problems:
            raise RubricError(problems)

    @property
    def grades_by_min(self) -> tuple[Grade, ...]:
        """The grade bands from the highest ``min`` down."""
        return tuple(sorted(self.grades, key=lambda g: g.min, reverse=True))

    @property
    def lowest_grade(self) -> Grade:
        """The band for the fewest points."""
        return self.grades_by_min[-1]

    def grade_for(self, total: Decimal) -> Grade:
        """The band a total falls in: the highest band whose ``min`` it reaches.

        >>> r = preset_rubric("county_township")
        >>> r.grade_for(Decimal("89.99")).name, r.grade_for(Decimal(90)).name
        ('良好', '优秀')
        """
        for g in self.grades_by_min:
            if total >= g.min:
                return g
        return self.lowest_grade

    def indicator(self, code: str) -> Indicator:
        """The indicator with this code (``KeyError`` if absent)."""
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    @property
    def measures(self) -> tuple[str, ...]:
        """Every measure the rubric reads (indicators, bonus, veto), without repeats."""
        found = [i.measure for i in self.indicators]
        found += [b.measure for b in self.bonus] + [x.measure for x in self.veto]
        return tuple(dict.fromkeys(found))

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as written to a file."""
        data: dict[str, Any] = converter.unstructure(self)
        return data

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Rubric:
        """Structure plain data (parsed TOML/JSON) into a rubric, reporting every problem.

        >>> Rubric.from_dict({"name": "x", "total": 10, "grades": [{"name": "合格", "min": 0}],
        ...     "indicators": [{"code": "A", "name": "a", "category": "other", "points": 10,
        ...                     "measure": "m", "rule": {"type": "foo"}}]})
        Traceback (most recent call last):
        ...
        pmedu.errors.RubricError: 1 problem:
        $.indicators[0].rule.type: indicator A: unknown rule 'foo'; accepted: ratio, threshold, per_item, deduction, deadline, bands
        """  # noqa: E501
        try:
            return structure(data, cls, source=source, error=RubricError)
        except RubricError as exc:
            found = list(exc.problems)
            if not any(p.field == "$.total" or "duplicate" in p.what for p in found):
                found += [p for p in _partial_problems(data) if p not in found]
            raise RubricError(_annotate(found, data, source)) from None


def _codes(data: Any, section: str) -> list[Any]:
    items = data.get(section) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [it.get("code") if isinstance(it, dict) else None for it in items]


def _annotate(problems: list[Problem], data: Any, source: str | None) -> list[Problem]:
    """Add the file and the item's code (``indicator ST1: …``) to each problem."""
    names = {"indicators": "indicator", "bonus": "bonus item", "veto": "veto item"}
    out = []
    for p in problems:
        what = p.what
        field = p.field or ""
        for section, noun in names.items():
            head = f"$.{section}["
            if field.startswith(head):
                idx = field[len(head) :].split("]", 1)[0]
                codes = _codes(data, section)
                if idx.isdigit() and int(idx) < len(codes):
                    code = codes[int(idx)]
                    if isinstance(code, str) and f"{noun} {code}:" not in what:
                        what = f"{noun} {code}: {what}"
        out.append(attrs.evolve(p, what=what, file=p.file or source))
    return out


def rubric_problems(r: Rubric) -> list[Problem]:
    """Every cross-field problem of a rubric (each field alone is already valid).

    Points not adding up to the total, duplicate codes, grade bands overlapping or leaving a
    gap, unreachable grades, and rule tables inconsistent with the indicator's points.
    """
    return _cross_problems(
        r.total,
        r.bonus_cap,
        dict(enumerate(r.grades)),
        dict(enumerate(r.indicators)),
        dict(enumerate(r.bonus)),
        dict(enumerate(r.veto)),
        complete=True,
        decimals=r.decimals,
    )


def _cross_problems(
    total: Decimal | None,
    bonus_cap: Decimal | None,
    grades: dict[int, Grade],
    indicators: dict[int, Indicator],
    bonus: dict[int, BonusItem],
    veto: dict[int, VetoItem],
    *,
    complete: bool,
    codes: list[tuple[str, int, Any]] | None = None,
    decimals: int | None = None,
) -> list[Problem]:
    """Cross-field checks over the parts that are valid (``complete``: nothing left out)."""
    problems: list[Problem] = []
    add = problems.append
    s = sum((i.points for i in indicators.values()), ZERO)
    if complete and not indicators:
        add(Problem("a rubric needs at least one indicator", field="$.indicators"))
    elif complete and total is not None and s != total:
        add(
            Problem(
                f"indicator points add up to {_fmt(s)}, not the total {_fmt(total)}",
                field="$.total",
            )
        )
    seen: dict[str, str] = {}
    sections: tuple[tuple[str, dict[int, Any]], ...] = (
        ("indicators", indicators),
        ("bonus", bonus),
        ("veto", veto),
    )
    if codes is None:
        codes = [
            (section, k, item.code)
            for section, items in sections
            for k, item in sorted(items.items())
        ]
    for section, k, code in codes:
        if not isinstance(code, str):
            continue
        where = f"$.{section}[{k}]"
        if code in seen:
            add(Problem(f"duplicate code {code!r} (first at {seen[code]})", field=f"{where}.code"))
        else:
            seen[code] = where
    for k, ind in sorted(indicators.items()):
        for fld, what in ind.rule.problems(ind.points):
            add(Problem(f"indicator {ind.code}: {what}", field=f"$.indicators[{k}].rule.{fld}"))
    for k, b in sorted(bonus.items()):
        cap = b.points if b.points is not None else (bonus_cap or ZERO)
        for fld, what in b.rule.problems(cap):
            add(Problem(f"bonus item {b.code}: {what}", field=f"$.bonus[{k}].rule.{fld}"))
    if decimals is not None:
        for k, ind in sorted(indicators.items()):
            if _places(ind.points) > decimals:
                add(
                    Problem(
                        f"indicator {ind.code}: points {_fmt(ind.points)} have more decimal "
                        f"places than the rubric's decimals ({decimals})",
                        field=f"$.indicators[{k}].points",
                    )
                )
    if complete and not grades:
        add(Problem("a rubric needs at least one grade band", field="$.grades"))
    if grades:
        names: dict[str, int] = {}
        mins: dict[Decimal, int] = {}
        for k, g in sorted(grades.items()):
            if g.name in names:
                add(
                    Problem(
                        f"duplicate grade name {g.name!r} (also $.grades[{names[g.name]}])",
                        field=f"$.grades[{k}].name",
                    )
                )
            names.setdefault(g.name, k)
            if g.min in mins:
                add(
                    Problem(
                        f"overlaps $.grades[{mins[g.min]}]: both start at {_fmt(g.min)}",
                        field=f"$.grades[{k}].min",
                    )
                )
            mins.setdefault(g.min, k)
            if total is not None and g.min > total + (bonus_cap or ZERO):
                most = total + (bonus_cap or ZERO)
                add(
                    Problem(
                        f"grade {g.name!r} starts at {_fmt(g.min)}, above the most a unit "
                        f"can score ({_fmt(most)})",
                        field=f"$.grades[{k}].min",
                    )
                )
        low = min(grades.values(), key=lambda g: g.min)
        if low.min != 0:
            add(
                Problem(
                    f"gap: no grade for totals below {_fmt(low.min)}; the lowest band "
                    f"({low.name!r}) must start at 0",
                    field="$.grades",
                )
            )
    return problems


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _partial_problems(data: Any) -> list[Problem]:
    """Cross-field problems among the parts of a rubric document that are valid alone, so a
    file with a bad field still gets its duplicate codes, grade gaps … reported at once."""
    if not isinstance(data, dict):
        return []

    def num(key: str, default: Decimal | None) -> Decimal | None:
        try:
            return _decimal(data[key]) if key in data else default
        except (TypeError, ValueError):
            return None

    def items(key: str, cl: type[Any]) -> tuple[dict[int, Any], bool]:
        raw = data.get(key, [])
        if not isinstance(raw, list):
            return {}, False
        good: dict[int, Any] = {}
        for k, item in enumerate(raw):
            with contextlib.suppress(ValueError, TypeError, cattrs.BaseValidationError):
                good[k] = converter.structure(item, cl)
        return good, len(good) == len(raw)

    grades, _ = items("grades", Grade)
    indicators, complete = items("indicators", Indicator)
    bonus, _ = items("bonus", BonusItem)
    veto, _ = items("veto", VetoItem)
    codes = [
        (section, k, code)
        for section in ("indicators", "bonus", "veto")
        for k, code in enumerate(_codes(data, section))
    ]
    return _cross_problems(
        num("total", None),
        num("bonus_cap", ZERO),
        grades,
        indicators,
        bonus,
        veto,
        complete=complete and "total" in data,
        codes=codes,
    )


# --- files ----------------------------------------------------------------------------------


def load_rubric(path: str | os.PathLike[str]) -> Rubric:
    """Read a rubric from a ``.toml`` or ``.json`` file; every problem is reported at once.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
    >>> _ = p.write_text('''name = "x"
    ... total = 10
    ... grades = [{ name = "合格", min = 0 }]
    ... [[indicators]]
    ... code = "A"
    ... name = "a"
    ... category = "other"
    ... points = -10
    ... measure = "m"
    ... rule = { type = "ratio", target = 1 }
    ... ''', encoding="utf-8")
    >>> load_rubric(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.RubricError: 1 problem:
    ...bad.toml: $.indicators[0].points: indicator A: 'points' must be ≥ 0, got -10
    """
    data = read_document(path, error=RubricError)
    return Rubric.from_dict(data, source=str(path))


def save_rubric(rubric: Rubric, path: str | os.PathLike[str]) -> None:
    """Write a rubric to a ``.toml`` (needs ``pmedu[toml]``) or ``.json`` file, atomically.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
    >>> r = preset_rubric("county_township")
    >>> save_rubric(r, p); load_rubric(p) == r
    True
    """
    dump_document(rubric, path)


def preset_rubric(name: str = "county_township") -> Rubric:
    """A rubric shipped with pmedu (see :func:`rubric_presets`); copy it and edit it.

    >>> preset_rubric("county_township").name
    '县对乡镇（街道）党员电教工作目标考核（预设）'
    """
    try:
        return load_preset(_PRESETS, name, Rubric, error=RubricError)
    except RubricError as exc:  # pragma: no cover - shipped presets are tested
        raise RubricError(_annotate(exc.problems, None, f"preset:{name}")) from None


def rubric_presets() -> list[str]:
    """Names of the shipped rubrics.

    >>> rubric_presets()
    ['county_township']
    """
    return preset_names(_PRESETS)
