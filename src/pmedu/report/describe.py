"""Scorecard values, rules and notes in words of the report's language, from the catalogue.

The scoring layer keeps each line's raw values (an actual of ``0.888…``, ``-102`` days late)
and describes its rule in English for the command line. The report says them in its own
language: [`actual_text`][pmedu.report.describe.actual_text] formats a value by what it is (a
rate as ``88.9%``, a count with separators, a deadline as 提前 102 天 / 逾期 15 天 / 未报送,
不适用 from the line's ``not_applicable`` flag), [`rule_text`][pmedu.report.describe.rule_text]
renders each rule kind from its parameters, and [`note_text`][pmedu.report.describe.note_text]
says why the points are what they are. Nothing here scores: every figure is read from the
line, the rule or the rubric.

>>> from decimal import Decimal
>>> from pmedu.report.messages import messages
>>> from pmedu.scoring.rules import DeadlineRule
>>> msg = messages("zh")
>>> value_text(Decimal(-102), "days", msg), value_text(Decimal(15), "days", msg)
('提前 102 天', '逾期 15 天')
>>> value_text(Decimal("0.8888888888888888"), "rate", msg)
'88.9%'
>>> rule_text(DeadlineRule(late_points=6, grace_days=30), Decimal(12), "days", msg)
'按期报送得 12 分；逾期 30 天以内得 6 分；逾期更久或未报送 0 分'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pmedu.tables import NOT_APPLICABLE, format_cell, format_number, format_rate

__all__ = [
    "actual_text",
    "measure_kind",
    "note_text",
    "number_text",
    "rule_text",
    "target_text",
    "value_text",
    "veto_note",
]


def measure_kind(measure: str, *, rule: Any = None) -> str:
    """What a measure's values are: ``"days"`` (days late: a deadline rule, or a measure named
    ``*_days_late``), ``"rate"`` (a share: ``*_rate``) or ``"count"`` (anything else).

    >>> measure_kind("attendance_rate"), measure_kind("info_items"), measure_kind("x_days_late")
    ('rate', 'count', 'days')
    """
    if getattr(rule, "type", None) == "deadline" or measure.endswith("_days_late"):
        return "days"
    if measure.endswith("_rate"):
        return "rate"
    return "count"


def number_text(value: Any) -> str:
    """A number as the report shows it: whole numbers with separators, others exact.

    >>> number_text(Decimal("12.00")), number_text(Decimal("2.5")), number_text(20597)
    ('12', '2.5', '20,597')
    """
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return format_number(int(value))
        return format(value.normalize(), "f")
    if isinstance(value, int | float):
        return format_cell(value, fmt="int" if float(value).is_integer() else "num")
    return str(value)


def value_text(value: Any, kind: str, msg: Mapping[str, str]) -> str:
    """A measured value of ``kind`` (``rate``, ``count``, ``days``) in words; ``—`` for none.

    >>> from pmedu.report.messages import messages
    >>> value_text(Decimal(0), "days", messages("en")), value_text(None, "rate", messages("en"))
    ('on time', '—')
    """
    if value is None:
        return NOT_APPLICABLE
    if kind == "rate":
        return format_rate(value)
    if kind == "days":
        days = Decimal(value)
        if days < 0:
            return msg["value.early"].format(days=number_text(-days))
        if days > 0:
            return msg["value.late"].format(days=number_text(days))
        return msg["value.on_time"]
    return number_text(value)


def _param(value: Any, kind: str) -> str:
    return format_rate(value) if kind == "rate" else number_text(value)


def actual_text(line: Any, kind: str, msg: Mapping[str, str]) -> str:
    """A scorecard line's actual value: 不适用 when the line's ``not_applicable`` flag is set,
    未报送 for a deadline never met, 无数据 for a missing fact, else
    [`value_text`][pmedu.report.describe.value_text]."""
    if line.not_applicable:
        return msg["value.not_applicable"]
    if line.missing or line.actual is None:
        return msg["value.not_delivered"] if kind == "days" else msg["value.missing"]
    return value_text(line.actual, kind, msg)


def target_text(line: Any, kind: str, msg: Mapping[str, str]) -> str:
    """A scorecard line's target: ``按期`` for a deadline, a rate as a percentage."""
    if kind == "days":
        return msg["value.on_time"]
    return NOT_APPLICABLE if line.target is None else _param(line.target, kind)


def rule_text(rule: Any, possible: Decimal, kind: str, msg: Mapping[str, str]) -> str:
    """A scoring rule in words, rendered from its parameters (``possible``: the item's
    points; ``kind``: what the measured values are, so a target of 1 for a rate is 100%).

    >>> from pmedu.report.messages import messages
    >>> from pmedu.scoring.rules import RatioRule, ThresholdRule, PerItemRule
    >>> rule_text(RatioRule(target=1), Decimal(10), "rate", messages("zh"))
    '按完成比例计分：达到 100.0% 得 10 分，未达到按比例折算'
    >>> rule_text(ThresholdRule(target=4, steps=[[2, 3]]), Decimal(6), "count", messages("zh"))
    '达到 4 得 6 分；达到 2 得 3 分；否则 0 分'
    >>> rule_text(PerItemRule(per_item=1, cap=20), Decimal(8), "count", messages("en"))
    '1 per item, at most 8'
    """
    kind_of = getattr(rule, "type", None)
    pts = number_text(possible)
    if kind_of == "ratio":
        return msg["rule.ratio"].format(target=_param(rule.target, kind), possible=pts)
    if kind_of == "threshold":
        steps = "".join(
            msg["rule.step"].format(at=_param(a, kind), points=number_text(p))
            for a, p in sorted(rule.steps, reverse=True)
        )
        return msg["rule.threshold"].format(
            target=_param(rule.target, kind), possible=pts, steps=steps
        )
    if kind_of == "per_item":
        cap = possible if rule.cap is None else min(rule.cap, possible)
        return msg["rule.per_item"].format(
            per_item=number_text(rule.per_item), cap=number_text(cap)
        )
    if kind_of == "deduction":
        return msg["rule.deduction"].format(
            possible=pts, target=_param(rule.target, kind), per_unit=number_text(rule.per_unit)
        )
    if kind_of == "deadline":
        late = number_text(min(rule.late_points, possible))
        return msg["rule.deadline"].format(possible=pts, grace=rule.grace_days, late=late)
    if kind_of == "bands":
        bands = msg["rule.band_sep"].join(
            msg["rule.band"].format(lo=_param(lo, kind), hi=_param(hi, kind), points=number_text(p))
            for lo, hi, p in rule.bands
        )
        return msg["rule.bands"].format(bands=bands)
    return msg["rule.other"]


def note_text(
    line: Any, rule: Any, kind: str, msg: Mapping[str, str], *, not_applicable: str = "rescale"
) -> str:
    """Why a line's points are what they are, from its flags and values (``not_applicable``:
    the rubric's not-applicable policy, ``full``, ``rescale`` or ``zero``).

    >>> from pmedu.report.messages import messages
    >>> from pmedu.scoring.assess import demo_assessment
    >>> note_text(demo_assessment([80]).scorecard("T1").line("A"), None, "count", messages("zh"))
    ''
    """
    if line.not_applicable:
        if not_applicable == "full":
            return msg["note.na.full"]
        if not_applicable == "rescale" and line.section == "indicator":
            return msg["note.na.rescale"]
        return msg["note.na.zero"]
    if line.missing or line.actual is None:
        return msg["note.not_delivered"] if kind == "days" else msg["note.missing"]
    if kind == "days" and getattr(rule, "type", None) == "deadline":
        days = Decimal(line.actual)
        if days <= 0:
            return msg["note.on_time"]
        key = "note.late" if days <= rule.grace_days else "note.too_late"
        return msg[key].format(days=number_text(days), grace=rule.grace_days)
    return ""


def veto_note(veto: Any, msg: Mapping[str, str]) -> str:
    """A veto line's state in words: passed, failed with its effect, or not applied (no fact).

    >>> from types import SimpleNamespace
    >>> from pmedu.report.messages import messages
    >>> veto_note(SimpleNamespace(failed=False, actual=None), messages("zh"))
    '通过；无数据，未适用'
    """
    if veto.failed:
        label = msg.get(f"effect.{veto.effect.value}", veto.effect.label)
        state = msg["assessment.veto_failed"].format(effect=label)
    else:
        state = msg["assessment.veto_passed"]
    if veto.actual is None:
        return f"{state}{msg['rule.band_sep']}{msg['note.veto_no_fact']}"
    return state
