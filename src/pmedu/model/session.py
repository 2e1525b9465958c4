"""Viewing sessions (播放收看) and the five-step teaching method ([playing and
viewing][concept-viewing]).

A [`ViewingSession`][pmedu.model.session.ViewingSession] records one showing at a station: date,
films, theme, the members expected (by id, or just a count) and those who signed in (by id, or a
count), the teaching steps done, discussion and feedback notes. Its
[`Attendance`][pmedu.model.session.Attendance] gives the attendance rate 出席率 = signed in /
expected.

>>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10", film_ids=["F1"],
...                    expected=["m1", "m2", "m3", "m4"], signed_in=["m1", "m2", "m3"],
...                    steps=["播前提示", "播后讨论"])
>>> s.attendance
Attendance(signed_in=3, expected=4)
>>> s.attendance.rate
0.75
>>> s.unexpected
()
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import id_tuple, not_text, optional_member_count
from pmedu.model.calendar import parse_date
from pmedu.model.columns import column

__all__ = ["Attendance", "TeachingStep", "ViewingSession"]


class TeachingStep(LabelledEnum):
    """The five-step teaching method 五步教学法 (seeds [000][seed-000], [002][seed-002]; [playing
    and viewing][concept-viewing]).

    >>> [s.label for s in TeachingStep]
    ['播前提示', '播中解释', '播后讨论', '课后实践', '信息反馈']
    """

    @classmethod
    def noun(cls) -> str:
        return "teaching step"

    PROMPT = ("prompt", "播前提示", ("before", "prompt_before_playing"))
    EXPLAIN = ("explain", "播中解释", ("during", "explain_while_playing"))
    DISCUSS = ("discuss", "播后讨论", ("after", "discussion"))
    PRACTICE = ("practice", "课后实践", ("practice_after_class",))
    FEEDBACK = ("feedback", "信息反馈", ("反馈",))


def _steps(value: Any) -> frozenset[TeachingStep]:
    if isinstance(value, TeachingStep):
        return frozenset({value})
    return frozenset(TeachingStep.parse(x) for x in not_text(value))


def _nonblank(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank")


def _member_ids(_inst: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    # sets, never a scan per id: a session may list 100,000 members
    if not all(issubclass(t, str) for t in set(map(type, value))):
        bad = next(x for x in value if not isinstance(x, str))
        raise TypeError(f"'{attribute.name}' must list strings, got {bad!r}")
    if len(set(value)) != len(value):
        dups = sorted(x for x, n in Counter(value).items() if n > 1)
        more = f" … ({len(dups)} ids in all)" if len(dups) > 10 else ""
        raise ValueError(f"'{attribute.name}' lists {', '.join(dups[:10])}{more} more than once")


_STRS = v.deep_iterable(v.instance_of(str))


@attrs.frozen
class Attendance:
    """Members signed in / members expected; sums of these are the aggregate attendance.

    ``rate`` is ``None`` when nobody was expected. Two attendances add up (``a + b``), so a
    station's or a township's rate is total signed in / total expected, never a mean of
    rates.

    >>> (Attendance(3, 4) + Attendance(1, 4)).rate
    0.5
    >>> Attendance(0, 0).rate is None
    True
    """

    signed_in: int = 0
    expected: int = 0

    @property
    def rate(self) -> float | None:
        """``signed_in / expected``, ``None`` when ``expected`` is 0."""
        return self.signed_in / self.expected if self.expected else None

    def __add__(self, other: Attendance) -> Attendance:
        return Attendance(self.signed_in + other.signed_in, self.expected + other.expected)


@attrs.frozen
class ViewingSession:
    """One play-and-view session at a station.

    Parameters
    ----------
    id
        Unique session id.
    station_id
        The station where it was held.
    date
        When (``datetime.date`` or ``"YYYY-MM-DD"``).
    film_ids
        The films shown (ids in the film library).
    theme
        The session's theme 播放主题.
    expected, expected_count
        The members expected, as ids (学习档案 needs them) and/or a count; the count, when
        given, must be at least the number of ids. ``expected_count`` defaults to
        ``len(expected)``.
    signed_in, signed_in_count
        The members who signed in (签到), as ids and/or a count (same rule).
    steps
        The teaching steps done ([`TeachingStep`][pmedu.model.session.TeachingStep], labels
        accepted).
    discussion, feedback
        Notes from the discussion register and the feedback register.
    minutes
        The session's own duration in minutes, when recorded (the learning archive uses it;
        without it, the films' running time).

    >>> ViewingSession(id="X", station_id="S", date="2025-01-01", expected=["a"],
    ...                expected_count=0)
    Traceback (most recent call last):
    ...
    ValueError: 'expected_count' (0) must not be less than the 1 ids in 'expected'
    """

    SHEET: ClassVar[str] = "播放记录"

    id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank],
        metadata=column("播放记录编号", "编号", "记录编号", "场次编号"),
    )
    station_id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("网点编号", "网点", "站点编号")
    )
    date: dt.date = attrs.field(converter=parse_date, metadata=column("播放日期", "日期"))
    film_ids: tuple[str, ...] = attrs.field(
        default=(), converter=id_tuple, validator=_STRS, metadata=column("播放片号", "片号")
    )
    theme: str = attrs.field(default="", metadata=column("播放主题", "主题"))
    expected: tuple[str, ...] = attrs.field(
        default=(),
        converter=id_tuple,
        validator=_member_ids,
        metadata=column("应到党员", "应到党员编号"),
    )
    expected_count: int | None = attrs.field(
        default=None, validator=optional_member_count, metadata=column("应到人数", "应到")
    )
    signed_in: tuple[str, ...] = attrs.field(
        default=(),
        converter=id_tuple,
        validator=_member_ids,
        metadata=column("签到党员", "实到党员编号"),
    )
    signed_in_count: int | None = attrs.field(
        default=None,
        validator=optional_member_count,
        metadata=column("实到人数", "实到", "签到人数"),
    )
    steps: frozenset[TeachingStep] = attrs.field(
        default=frozenset(), converter=_steps, metadata=column("教学环节", "五步教学法", "环节")
    )
    discussion: str = attrs.field(default="", metadata=column("讨论情况", "讨论"))
    feedback: str = attrs.field(default="", metadata=column("信息反馈", "反馈"))
    minutes: int | None = attrs.field(
        default=None,
        validator=optional_member_count,
        metadata=column("时长（分钟）", "时长", "分钟"),
    )

    def __attrs_post_init__(self) -> None:
        for ids, count in (("expected", "expected_count"), ("signed_in", "signed_in_count")):
            n = getattr(self, count)
            k = len(getattr(self, ids))
            if n is not None and n < k:
                raise ValueError(f"'{count}' ({n}) must not be less than the {k} ids in '{ids}'")

    @property
    def n_expected(self) -> int:
        """Members expected (``expected_count``, else the number of ids)."""
        return self.expected_count if self.expected_count is not None else len(self.expected)

    @property
    def n_signed_in(self) -> int:
        """Members signed in (``signed_in_count``, else the number of ids)."""
        return self.signed_in_count if self.signed_in_count is not None else len(self.signed_in)

    @property
    def attendance(self) -> Attendance:
        """This session's [`Attendance`][pmedu.model.session.Attendance]."""
        return Attendance(self.n_signed_in, self.n_expected)

    @property
    def unexpected(self) -> tuple[str, ...]:
        """Members who signed in without being expected (allowed, but reported by
        [`pmedu.records.Records.check`][pmedu.records.bundle.Records.check]). Empty when no expected
        ids are listed."""
        if not self.expected:
            return ()
        exp = set(self.expected)
        return tuple(m for m in self.signed_in if m not in exp)

    @property
    def missing_steps(self) -> tuple[TeachingStep, ...]:
        """The teaching steps not done, in method order.

        >>> ViewingSession(id="X", station_id="S", date="2025-01-01",
        ...                steps=list(TeachingStep)[:4]).missing_steps
        (<TeachingStep.FEEDBACK: 'feedback'>,)
        """
        return tuple(s for s in TeachingStep if s not in self.steps)
