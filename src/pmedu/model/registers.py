"""The discussion register 讨论登记簿 and the feedback register 信息反馈簿 as records ([monthly
plans][plans]).

[Seed 002][seed-002]: every viewing station keeps 三簿一册 (the seeds write 三薄一册): the viewing
register 收看情况登记簿, the discussion register 讨论登记簿, the feedback register 信息反馈簿
and the member sign-in book 党员签到册. The viewing register and the sign-in book are read off
the sessions ([`pmedu.viewing.register`][pmedu.viewing.register]); the other two are records of
their own, each tied to a session by ``session_id``:

* a [`DiscussionEntry`][pmedu.model.registers.DiscussionEntry] (sheet 讨论记录): the topics
  discussed after a showing and who spoke;
* a [`FeedbackEntry`][pmedu.model.registers.FeedbackEntry] (sheet 反馈记录): an item raised (a
  question, a request for a film or a technique), who raised it, the answer, and whether it is
  closed.

>>> d = DiscussionEntry(id="D1", session_id="VS1", topics=["如何发挥先锋模范作用"],
...                     speakers=["张三", "李四"])
>>> d.topics, len(d.speakers)
(('如何发挥先锋模范作用',), 2)
>>> FeedbackEntry(id="B1", session_id="VS1", item="希望多放养殖技术片", raised_by="王五").closed
False
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.model.bounds import id_tuple
from pmedu.model.columns import column
from pmedu.validators import nonblank as _nonblank

__all__ = ["DiscussionEntry", "FeedbackEntry"]

_ID = [v.instance_of(str), _nonblank]
_STRS = v.deep_iterable(v.instance_of(str))


_YES = {"是": True, "否": False, "yes": True, "no": False, "true": True, "false": False}


def _bool(value: Any) -> bool:
    """Yes or no: a bool, or 是/否 (yes/no, true/false) as a sheet cell writes it.

    >>> _bool("是"), _bool(False)
    (True, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES:
        return _YES[value.strip().lower()]
    raise TypeError(f"'closed' must be true or false (是/否), got {value!r}")


@attrs.frozen
class DiscussionEntry:
    """One entry of the discussion register 讨论登记簿: after session ``session_id``, the
    ``topics`` discussed and the ``speakers`` (names or member ids), with a ``summary``.

    >>> DiscussionEntry(id="D", session_id=" ")
    Traceback (most recent call last):
    ...
    ValueError: 'session_id' must not be blank
    """

    SHEET: ClassVar[str] = "讨论记录"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "代码"))
    session_id: str = attrs.field(validator=_ID, metadata=column("场次", "场次编号", "收看编号"))
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=id_tuple, validator=_STRS, metadata=column("讨论题目", "题目")
    )
    speakers: tuple[str, ...] = attrs.field(
        default=(), converter=id_tuple, validator=_STRS, metadata=column("发言人", "发言")
    )
    summary: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("讨论情况", "情况")
    )


@attrs.frozen
class FeedbackEntry:
    """One entry of the feedback register 信息反馈簿: an ``item`` raised at session
    ``session_id`` by ``raised_by``, the ``answer`` given, and whether it is ``closed``.

    >>> FeedbackEntry(id="B", session_id="S", item="x", closed="是").closed
    True
    >>> FeedbackEntry(id="B", session_id="S", item="x", closed="maybe")
    Traceback (most recent call last):
    ...
    TypeError: 'closed' must be true or false (是/否), got 'maybe'
    """

    SHEET: ClassVar[str] = "反馈记录"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "代码"))
    session_id: str = attrs.field(validator=_ID, metadata=column("场次", "场次编号", "收看编号"))
    item: str = attrs.field(validator=_ID, metadata=column("反馈事项", "事项", "问题"))
    raised_by: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("提出人", "反映人")
    )
    answer: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("答复", "处理情况")
    )
    closed: bool = attrs.field(default=False, converter=_bool, metadata=column("已办结", "办结"))
