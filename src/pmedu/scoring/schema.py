"""Assessment rubrics (考核细则) as data: indicators, grades, bonus and veto items.

A [`Rubric`][pmedu.scoring.schema.Rubric] validates itself on construction
([`pmedu.scoring.validate`][pmedu.scoring.validate]) and is read from plain data with
[`Rubric.from_dict`][pmedu.scoring.schema.Rubric.from_dict], every problem reported with its place,
e.g. ``$.indicators[2].rule.type: indicator VW1: unknown rule 'foo'; accepted: ratio, …``. Files are
read by [`pmedu.io.rubrics`][pmedu.io.rubrics]; the shipped rubrics by
[`pmedu.scoring.presets`][pmedu.scoring.presets].

>>> from pmedu.scoring.presets import preset_rubric
>>> r = preset_rubric(name="county_township")
>>> r.total, len(r.indicators), r.grades[0].name
(Decimal('100'), 18, '优秀')
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from attrs import validators as v

from pmedu.convert import converter, structure
from pmedu.errors import Problem, RubricError
from pmedu.labels import LabelledEnum
from pmedu.scoring.decimals import ZERO, fmt, ge0, gt0, opt_decimal, to_decimal
from pmedu.scoring.rules import Rule
from pmedu.scoring.validate import (
    CODES,
    annotate,
    cross_problems,
    item_codes,
    rubric_problems,
    shape_problems,
)
from pmedu.validators import nonblank

__all__ = [
    "BonusItem",
    "Category",
    "Condition",
    "Grade",
    "Indicator",
    "MissingPolicy",
    "NotApplicablePolicy",
    "Rubric",
    "VetoEffect",
    "VetoItem",
    "VetoRank",
]


class Category(LabelledEnum):
    """What an indicator is about ([the assessment][concept-assessment]: the areas a target
    assessment covers).

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
    THEME_ACTIVITIES = ("theme_activities", "主题活动", ("主题实践活动", "activities"))
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


class NotApplicablePolicy(LabelledEnum):
    """What an indicator that does not apply to a unit earns (its measure is ``None``: nothing
    to divide by, e.g. film supply for a street with no villages): ``rescale`` 折算 (the
    points earned ÷ the points applicable × the rubric's total; default), ``full`` (its
    points) or ``zero`` (0 points).

    >>> NotApplicablePolicy.parse("折算"), NotApplicablePolicy.parse("full").label
    (<NotApplicablePolicy.RESCALE: 'rescale'>, '计满分')
    """

    @classmethod
    def noun(cls) -> str:
        return "not-applicable policy"

    RESCALE = ("rescale", "折算", ("按比例折算", "pro_rata"))
    FULL = ("full", "计满分", ("满分", "full_points"))
    ZERO = ("zero", "计零分", ("0", "zero_points"))


class VetoRank(LabelledEnum):
    """Where a vetoed unit 一票否决 ranks in its peer group: ``last`` (after every unit not
    vetoed; default) or ``by_total`` (by its total like any other unit).

    >>> VetoRank.parse("排末位"), VetoRank.parse("by_total").label
    (<VetoRank.LAST: 'last'>, '按总分')
    """

    @classmethod
    def noun(cls) -> str:
        return "veto ranking"

    LAST = ("last", "排末位", ("末位", "bottom"))
    BY_TOTAL = ("by_total", "按总分", ("total", "总分"))


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


def _na_policy(value: Any) -> NotApplicablePolicy:
    return NotApplicablePolicy.parse(value)


def _veto_rank(value: Any) -> VetoRank:
    return VetoRank.parse(value)


@attrs.frozen
class Indicator:
    """One scored indicator (考核指标): what it reads, what it is worth, how it is scored.

    >>> from pmedu.scoring.rules import RatioRule
    >>> ind = Indicator(code="ST1", name="两机一室普及率", category="网点建设", points=20,
    ...                 measure="two_machines_one_room_rate", rule=RatioRule(target=1))
    >>> ind.category, ind.points
    (<Category.STATIONS: 'stations'>, Decimal('20'))
    """

    code: str = attrs.field(validator=[v.instance_of(str), nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    category: Category = attrs.field(converter=_category)
    points: Decimal = attrs.field(converter=to_decimal, validator=ge0)
    measure: str = attrs.field(validator=[v.instance_of(str), nonblank])
    rule: Rule
    name_en: str = attrs.field(default="", kw_only=True)
    source: str = attrs.field(default="", kw_only=True)
    note: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class Grade:
    """A grade band 等次: the band applies from ``min`` points up to the next band.

    >>> Grade(name="优秀", min=90).min
    Decimal('90')
    """

    name: str = attrs.field(validator=[v.instance_of(str), nonblank])
    min: Decimal = attrs.field(converter=to_decimal, validator=ge0)


@attrs.frozen
class BonusItem:
    """A bonus item 加分项 scored like an indicator; the rubric caps the bonus in total.

    ``points`` caps this item alone (default: the rubric's ``bonus_cap``).

    >>> from pmedu.scoring.rules import PerItemRule
    >>> BonusItem(code="B1", name="省级表彰", measure="provincial_awards",
    ...           rule=PerItemRule(per_item=3)).points is None
    True
    """

    code: str = attrs.field(validator=[v.instance_of(str), nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    measure: str = attrs.field(validator=[v.instance_of(str), nonblank])
    rule: Rule
    points: Decimal | None = attrs.field(
        default=None, converter=opt_decimal, validator=ge0, kw_only=True
    )
    source: str = attrs.field(default="", kw_only=True)


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
    value: Decimal = attrs.field(converter=to_decimal)

    def holds(self, actual: Decimal) -> bool:
        """Whether ``actual OP value`` is true."""
        return _OPS[self.op](actual, self.value)

    def __str__(self) -> str:
        return f"{self.op} {fmt(self.value)}"


@attrs.frozen
class VetoItem:
    """A veto item 一票否决项: when ``fails_when`` holds, ``effect`` applies.

    A missing fact does not fail a veto item (no case reported); the scorecard notes it.

    >>> VetoItem(code="V1", name="经费挪用", measure="funds_misused",
    ...          fails_when=Condition(">", 0), effect="zero").effect
    <VetoEffect.ZERO: 'zero'>
    """

    code: str = attrs.field(validator=[v.instance_of(str), nonblank])
    name: str = attrs.field(validator=v.instance_of(str))
    measure: str = attrs.field(validator=[v.instance_of(str), nonblank])
    fails_when: Condition
    effect: VetoEffect = attrs.field(
        default=VetoEffect.LOWEST_GRADE, converter=_effect, kw_only=True
    )
    source: str = attrs.field(default="", kw_only=True)


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
    not_applicable
        What an indicator whose fact is present but not applicable (``None``) earns:
        ``"rescale"`` 折算 (default: indicator points earned ÷ points applicable × ``total``),
        ``"full"`` or ``"zero"``. A missing fact (no fact at all) follows ``missing``.
    veto_rank
        ``"last"`` (default): a vetoed unit ranks after every unit not vetoed in its peer
        group; ``"by_total"``: by its total.
    decimals
        Points are rounded half-up to this many decimal places (default 2).

    Constructing or loading an invalid rubric raises [`RubricError`][pmedu.errors.RubricError]
    listing every problem with its place.

    >>> from pmedu.scoring.rules import RatioRule
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
    total: Decimal = attrs.field(converter=to_decimal, validator=gt0)
    grades: tuple[Grade, ...] = attrs.field(converter=_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_tuple)
    bonus_cap: Decimal = attrs.field(
        default=ZERO, converter=to_decimal, validator=ge0, kw_only=True
    )
    bonus: tuple[BonusItem, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    veto: tuple[VetoItem, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    missing: MissingPolicy = attrs.field(
        default=MissingPolicy.ZERO, converter=_missing_policy, kw_only=True
    )
    decimals: int = attrs.field(
        default=2, validator=[v.instance_of(int), v.ge(0), v.le(6)], kw_only=True
    )
    not_applicable: NotApplicablePolicy = attrs.field(
        default=NotApplicablePolicy.RESCALE, converter=_na_policy, kw_only=True
    )
    veto_rank: VetoRank = attrs.field(default=VetoRank.LAST, converter=_veto_rank, kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

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

        >>> from pmedu.scoring.presets import preset_rubric
        >>> r = preset_rubric(name="county_township")
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
        shape = shape_problems(data)
        if shape:
            found = shape + [p for p in _partial_problems(data) if p.code != "shape"]
            raise RubricError(annotate(found, data, source))
        try:
            return structure(data, cls, source=source, error=RubricError)
        except RubricError as exc:
            found = list(exc.problems)
            if not any(p.code in CODES for p in found):  # the cross checks did not run
                found += [p for p in _partial_problems(data) if p not in found]
            raise RubricError(annotate(found, data, source)) from None


def _partial_problems(data: Any) -> list[Problem]:
    """Cross-field problems among the parts of a rubric document that are valid alone, so a
    file with a bad field still gets its duplicate codes, grade gaps … reported at once."""
    if not isinstance(data, dict):
        return []

    def num(key: str, default: Decimal | None) -> Decimal | None:
        try:
            return to_decimal(data[key]) if key in data else default
        except (TypeError, ValueError):
            return None

    def items(key: str, cl: type[Any]) -> tuple[dict[int, Any], bool]:
        raw = data.get(key, [])
        if not isinstance(raw, list):
            return {}, False
        good: dict[int, Any] = {}
        for k, item in enumerate(raw):
            if not isinstance(item, dict):
                continue
            with contextlib.suppress(
                ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RubricError,
                cattrs.BaseValidationError,
            ):  # fmt: skip
                good[k] = converter.structure(item, cl)
        return good, len(good) == len(raw)

    grades, _ = items("grades", Grade)
    indicators, complete = items("indicators", Indicator)
    bonus, _ = items("bonus", BonusItem)
    veto, _ = items("veto", VetoItem)
    codes = [
        (section, k, code)
        for section in ("indicators", "bonus", "veto")
        for k, code in enumerate(item_codes(data, section))
    ]
    return cross_problems(
        num("total", None),
        num("bonus_cap", ZERO),
        grades,
        indicators,
        bonus,
        veto,
        complete=complete and "total" in data,
        codes=codes,
    )
