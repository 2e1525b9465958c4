"""The rubric checks: every cross-field problem of a rubric, each [`Problem`][pmedu.errors.Problem]
keyed on its ``code`` (see [`CODES`][pmedu.scoring.validate.CODES]), with its place
(``$.grades[2].min`` …).

>>> from pmedu.scoring.schema import Grade
>>> [p.code for p in cross_problems(None, None, {0: Grade("合格", 10)}, {}, {}, {},
...                                 complete=False)]
['grade-gap']
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from pmedu.errors import Problem
from pmedu.scoring.decimals import ZERO, fmt

if TYPE_CHECKING:
    from pmedu.scoring.schema import BonusItem, Grade, Indicator, Rubric, VetoItem

__all__ = [
    "CODES",
    "annotate",
    "cross_problems",
    "item_codes",
    "rubric_problems",
    "shape_problems",
]

#: problem code → what the check finds
CODES: dict[str, str] = {
    "no-indicators": "a rubric without indicators",
    "total": "indicator points not adding up to the total",
    "duplicate-code": "a code used twice across indicators, bonus and veto items",
    "rule": "a rule table inconsistent with its indicator's (or bonus item's) points",
    "decimals": "indicator points with more decimal places than the rubric's decimals",
    "no-grades": "a rubric without grade bands",
    "duplicate-grade": "two grade bands with one name",
    "grade-overlap": "two grade bands starting at the same points",
    "grade-unreachable": "a grade band above the most a unit can score",
    "grade-gap": "no grade band starting at 0",
    "shape": "a list or text where a table belongs, or a table or text where a list belongs",
}

Codes = list[tuple[str, int, Any]]


def _p(code: str, what: str, field: str) -> Problem:
    return Problem(what, field=field, code=code)


def item_codes(data: Any, section: str) -> list[Any]:
    """The ``code`` of each item of a section of a rubric document (``None`` where absent).

    >>> item_codes({"veto": [{"code": "V1"}, "x"]}, "veto"), item_codes([], "veto")
    (['V1', None], [])
    """
    items = data.get(section) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [it.get("code") if isinstance(it, dict) else None for it in items]


def _what(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


#: the tables inside an item of each list section
_ITEM_TABLES = {"grades": (), "indicators": ("rule",), "bonus": ("rule",), "veto": ("fails_when",)}


def shape_problems(data: Any) -> list[Problem]:
    """Where a rubric document has a list or text where a table belongs, or the reverse
    (checked before structuring, so every one is reported at its place, never a traceback).

    >>> [str(p) for p in shape_problems({"grades": "x", "indicators": [[1], {"rule": 3}]})]
    ["$.grades: expected a list of tables, got 'x'", '$.indicators[0]: expected a table, got [1]', '$.indicators[1].rule: expected a table, got 3']
    >>> [str(p) for p in shape_problems([1])]
    ['$: expected a table (the rubric), got [1]']
    """  # noqa: E501
    if not isinstance(data, dict):
        return [_p("shape", f"expected a table (the rubric), got {_what(data)}", "$")]
    out: list[Problem] = []
    for section, inner in _ITEM_TABLES.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            out.append(
                _p("shape", f"expected a list of tables, got {_what(items)}", f"$.{section}")
            )
            continue
        for k, item in enumerate(items):
            where = f"$.{section}[{k}]"
            if not isinstance(item, dict):
                out.append(_p("shape", f"expected a table, got {_what(item)}", where))
                continue
            for key in inner:
                if key in item and not isinstance(item[key], dict):
                    what = f"expected a table, got {_what(item[key])}"
                    out.append(_p("shape", what, f"{where}.{key}"))
    return out


def annotate(problems: list[Problem], data: Any, source: str | None) -> list[Problem]:
    """Add the file and the item's code (``indicator ST1: …``) to each problem.

    >>> data = {"indicators": [{"code": "ST1"}]}
    >>> print(annotate([Problem("bad", field="$.indicators[0].points")], data, "r.toml")[0])
    r.toml: $.indicators[0].points: indicator ST1: bad
    """
    names = {"indicators": "indicator", "bonus": "bonus item", "veto": "veto item"}
    by_section = {section: item_codes(data, section) for section in names}  # once: linear
    out = []
    for p in problems:
        what = p.what
        field = p.field or ""
        for section, noun in names.items():
            head = f"$.{section}["
            if not field.startswith(head):
                continue
            idx = field[len(head) :].split("]", 1)[0]
            codes = by_section[section]
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

    >>> from pmedu.scoring.presets import preset_rubric
    >>> rubric_problems(preset_rubric())
    []
    """
    return cross_problems(
        r.total,
        r.bonus_cap,
        dict(enumerate(r.grades)),
        dict(enumerate(r.indicators)),
        dict(enumerate(r.bonus)),
        dict(enumerate(r.veto)),
        complete=True,
        decimals=r.decimals,
    )


def cross_problems(
    total: Decimal | None,
    bonus_cap: Decimal | None,
    grades: Mapping[int, Grade],
    indicators: Mapping[int, Indicator],
    bonus: Mapping[int, BonusItem],
    veto: Mapping[int, VetoItem],
    *,
    complete: bool,
    codes: Codes | None = None,
    decimals: int | None = None,
) -> list[Problem]:
    """Cross-field checks over the parts that are valid (``complete``: nothing left out).

    >>> cross_problems(None, None, {}, {}, {}, {}, complete=True)[0].code
    'no-indicators'
    """
    problems = _total_problems(total, indicators, complete=complete)
    if codes is None:
        sections: tuple[tuple[str, Mapping[int, Any]], ...] = (
            ("indicators", indicators),
            ("bonus", bonus),
            ("veto", veto),
        )
        codes = [(s, k, item.code) for s, items in sections for k, item in sorted(items.items())]
    problems += _code_problems(codes)
    problems += _rule_problems(indicators, bonus, bonus_cap)
    if decimals is not None:
        problems += _decimal_problems(indicators, decimals)
    if complete and not grades:
        problems.append(_p("no-grades", "a rubric needs at least one grade band", "$.grades"))
    if grades:
        problems += _grade_problems(grades, total, bonus_cap)
    return problems


def _total_problems(
    total: Decimal | None, indicators: Mapping[int, Indicator], *, complete: bool
) -> list[Problem]:
    s = sum((i.points for i in indicators.values()), ZERO)
    if complete and not indicators:
        return [_p("no-indicators", "a rubric needs at least one indicator", "$.indicators")]
    if complete and total is not None and s != total:
        what = f"indicator points add up to {fmt(s)}, not the total {fmt(total)}"
        return [_p("total", what, "$.total")]
    return []


def _code_problems(codes: Codes) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for section, k, code in codes:
        if not isinstance(code, str):
            continue
        where = f"$.{section}[{k}]"
        if code in seen:
            what = f"duplicate code {code!r} (first at {seen[code]})"
            out.append(_p("duplicate-code", what, f"{where}.code"))
        else:
            seen[code] = where
    return out


def _rule_problems(
    indicators: Mapping[int, Indicator], bonus: Mapping[int, BonusItem], bonus_cap: Decimal | None
) -> list[Problem]:
    out: list[Problem] = []
    for k, ind in sorted(indicators.items()):
        for fld, what in ind.rule.problems(ind.points):
            out.append(_p("rule", f"indicator {ind.code}: {what}", f"$.indicators[{k}].rule.{fld}"))
    for k, b in sorted(bonus.items()):
        cap = b.points if b.points is not None else (bonus_cap or ZERO)
        for fld, what in b.rule.problems(cap):
            out.append(_p("rule", f"bonus item {b.code}: {what}", f"$.bonus[{k}].rule.{fld}"))
    return out


def _places(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def _decimal_problems(indicators: Mapping[int, Indicator], decimals: int) -> list[Problem]:
    return [
        _p(
            "decimals",
            f"indicator {ind.code}: points {fmt(ind.points)} have more decimal "
            f"places than the rubric's decimals ({decimals})",
            f"$.indicators[{k}].points",
        )
        for k, ind in sorted(indicators.items())
        if _places(ind.points) > decimals
    ]


def _grade_problems(
    grades: Mapping[int, Grade], total: Decimal | None, bonus_cap: Decimal | None
) -> list[Problem]:
    out: list[Problem] = []
    names: dict[str, int] = {}
    mins: dict[Decimal, int] = {}
    for k, g in sorted(grades.items()):
        if g.name in names:
            what = f"duplicate grade name {g.name!r} (also $.grades[{names[g.name]}])"
            out.append(_p("duplicate-grade", what, f"$.grades[{k}].name"))
        names.setdefault(g.name, k)
        if g.min in mins:
            what = f"overlaps $.grades[{mins[g.min]}]: both start at {fmt(g.min)}"
            out.append(_p("grade-overlap", what, f"$.grades[{k}].min"))
        mins.setdefault(g.min, k)
        if total is not None and g.min > total + (bonus_cap or ZERO):
            most = total + (bonus_cap or ZERO)
            what = (
                f"grade {g.name!r} starts at {fmt(g.min)}, above the most a unit "
                f"can score ({fmt(most)})"
            )
            out.append(_p("grade-unreachable", what, f"$.grades[{k}].min"))
    low = min(grades.values(), key=lambda g: g.min)
    if low.min != 0:
        what = (
            f"gap: no grade for totals below {fmt(low.min)}; the lowest band "
            f"({low.name!r}) must start at 0"
        )
        out.append(_p("grade-gap", what, "$.grades"))
    return out
