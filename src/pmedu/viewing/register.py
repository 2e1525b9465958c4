"""The four registers of 三簿一册 and the five teaching steps, as tables.

Every station keeps 三簿一册 ([seed 002][seed-002], which writes 三薄一册; both are accepted, see
[`Register`][pmedu.viewing.register.Register]): the viewing register 收看情况登记簿 and the member
sign-in book 党员签到册, read off the sessions; the discussion register 讨论登记簿 and the feedback
register 信息反馈簿, records of their own
([`DiscussionEntry`][pmedu.model.registers.DiscussionEntry],
[`FeedbackEntry`][pmedu.model.registers.FeedbackEntry]).
[`steps_rows`][pmedu.viewing.register.steps_rows] counts the five teaching steps 五步教学法 per
station (or per any grouping of stations).

Each is a list of rows (plain dicts with English keys);
[`register_table`][pmedu.viewing.register.register_table] gives the headers (Chinese by default,
English keys with ``lang="en"``) and the cells as text, which
[`pmedu.io.registers.write_table`][pmedu.io.registers.write_table] writes as a CSV file, atomically.

>>> from pmedu.viewing import ViewingSession
>>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10", film_ids=["F1"],
...                    theme="党章", expected=["m1", "m2"], signed_in=["m1"])
>>> viewing_register([s])[0]["attendance_rate"]
0.5
>>> [(r["member_id"], r["signed_in"]) for r in sign_in_book([s])]
[('m1', True), ('m2', False)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmedu.compat import moved
from pmedu.labels import LabelledEnum
from pmedu.model import TeachingStep, ViewingSession
from pmedu.model.registers import DiscussionEntry, FeedbackEntry

__all__ = [
    "DISCUSSION_COLUMNS",
    "FEEDBACK_COLUMNS",
    "REGISTERS_NAME",
    "REGISTER_COLUMNS",
    "SIGN_IN_COLUMNS",
    "STEPS_COLUMNS",
    "Register",
    "discussion_register",
    "feedback_register",
    "register_rows",
    "register_table",
    "registers_name",
    "sign_in_book",
    "steps_rows",
    "viewing_register",
]

#: viewing register columns: key → Chinese header
REGISTER_COLUMNS: dict[str, str] = {
    "session_id": "编号",
    "station_id": "网点",
    "date": "日期",
    "films": "片目",
    "theme": "主题",
    "expected": "应到人数",
    "signed_in": "实到人数",
    "attendance_rate": "出席率",
    "steps": "教学步骤",
    "discussion": "讨论情况",
    "feedback": "信息反馈",
}

#: sign-in book columns: key → Chinese header
SIGN_IN_COLUMNS: dict[str, str] = {
    "session_id": "编号",
    "station_id": "网点",
    "date": "日期",
    "member_id": "党员",
    "signed_in": "签到",
    "expected": "应到",
}


def viewing_register(sessions: Iterable[ViewingSession]) -> list[dict[str, Any]]:
    """One row per session, in date order: the 收看情况登记簿.

    >>> from pmedu.viewing import ViewingSession
    >>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10",
    ...                    film_ids=["F1", "F2"], theme="党章", expected_count=4,
    ...                    signed_in_count=3)
    >>> row = viewing_register([s])[0]
    >>> row["date"], row["films"], row["expected"], row["signed_in"], row["attendance_rate"]
    ('2025-03-10', 'F1;F2', 4, 3, 0.75)
    >>> list(row) == list(REGISTER_COLUMNS)
    True
    """
    rows = []
    for s in sorted(sessions, key=lambda x: (x.date, x.station_id, x.id)):
        rows.append(
            {
                "session_id": s.id,
                "station_id": s.station_id,
                "date": s.date.isoformat(),
                "films": ";".join(s.film_ids),
                "theme": s.theme,
                "expected": s.n_expected,
                "signed_in": s.n_signed_in,
                "attendance_rate": s.attendance.rate,
                "steps": ";".join(t.label for t in TeachingStep if t in s.steps),
                "discussion": s.discussion,
                "feedback": s.feedback,
            }
        )
    return rows


def sign_in_book(sessions: Iterable[ViewingSession]) -> list[dict[str, Any]]:
    """One row per (session, member): every expected member (signed in or not), then those
    who signed in without being expected (``expected`` False).

    >>> from pmedu.viewing import ViewingSession
    >>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10",
    ...                    expected=["m1", "m2"], signed_in=["m1", "m3"])
    >>> [(r["member_id"], r["signed_in"], r["expected"]) for r in sign_in_book([s])]
    [('m1', True, True), ('m2', False, True), ('m3', True, False)]
    >>> sign_in_book([s])[0]["date"]
    '2025-03-10'
    """
    rows = []
    for s in sorted(sessions, key=lambda x: (x.date, x.station_id, x.id)):
        signed = set(s.signed_in)
        base = {"session_id": s.id, "station_id": s.station_id, "date": s.date.isoformat()}
        for m in s.expected:
            rows.append({**base, "member_id": m, "signed_in": m in signed, "expected": True})
        for m in s.unexpected if s.expected else s.signed_in:
            rows.append({**base, "member_id": m, "signed_in": True, "expected": not s.expected})
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def register_table(
    rows: Sequence[Mapping[str, Any]],
    *,
    columns: Mapping[str, str] | None = None,
    lang: str = "zh",
) -> tuple[list[str], list[list[str]]]:
    """The headers and text cells of a register: ``columns`` maps keys to Chinese headers
    (default: the keys of the first row); ``lang="en"`` gives the English keys as headers.
    Yes/no cells are 是/否, rates keep at most four decimals.

    >>> register_table([{"a": 1, "b": True, "c": 0.123456}],
    ...                columns={"a": "甲", "b": "乙", "c": "丙"})
    (['甲', '乙', '丙'], [['1', '是', '0.1235']])
    >>> register_table([{"a": None}], lang="en")
    (['a'], [['']])
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}: use 'zh' or 'en'")
    cols = dict(columns) if columns is not None else {k: k for k in (rows[0] if rows else {})}
    headers = list(cols.values()) if lang == "zh" else list(cols)
    return headers, [[_cell(r.get(k)) for k in cols] for r in rows]


#: how the four registers are named (shown so; the seeds' 三薄一册 is accepted)
REGISTERS_NAME = "三簿一册"


def registers_name(text: str) -> str:
    """The name of the four registers as shown: 三簿一册 for either spelling.

    >>> registers_name("三薄一册"), registers_name("三簿一册")
    ('三簿一册', '三簿一册')
    """
    t = text.strip()
    if t in ("三簿一册", "三薄一册"):
        return REGISTERS_NAME
    raise ValueError(f"not the four registers: {text!r} (三簿一册)")


class Register(LabelledEnum):
    """One of the four registers of 三簿一册 (簿 or the seeds' 薄 accepted).

    >>> Register.parse("讨论登记薄") is Register.DISCUSSION, Register.parse("签到").label
    (True, '签到')
    """

    @classmethod
    def noun(cls) -> str:
        return "register"

    VIEWING = ("viewing", "收看", ("收看情况登记簿", "收看情况登记薄", "收看登记", "收看记录"))
    DISCUSSION = ("discussion", "讨论", ("讨论登记簿", "讨论登记薄", "讨论记录"))
    FEEDBACK = ("feedback", "反馈", ("信息反馈簿", "信息反馈薄", "反馈记录", "信息反馈"))
    SIGN_IN = ("sign_in", "签到", ("党员签到册", "签到册", "signin"))


#: discussion register columns: key → Chinese header
DISCUSSION_COLUMNS: dict[str, str] = {
    "entry_id": "编号",
    "session_id": "场次",
    "station_id": "网点",
    "date": "日期",
    "topics": "讨论题目",
    "speakers": "发言人",
    "summary": "讨论情况",
}

#: feedback register columns: key → Chinese header
FEEDBACK_COLUMNS: dict[str, str] = {
    "entry_id": "编号",
    "session_id": "场次",
    "station_id": "网点",
    "date": "日期",
    "item": "反馈事项",
    "raised_by": "提出人",
    "answer": "答复",
    "closed": "已办结",
}


def _where(sessions: Iterable[ViewingSession]) -> dict[str, tuple[str, str]]:
    return {s.id: (s.station_id, s.date.isoformat()) for s in sessions}


def discussion_register(
    entries: Iterable[DiscussionEntry], sessions: Iterable[ViewingSession]
) -> list[dict[str, Any]]:
    """One row per discussion entry, in the order of its session's date (station and date
    looked up from ``sessions``; blank for a session not among them): the 讨论登记簿.

    >>> from pmedu.model.registers import DiscussionEntry
    >>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10")
    >>> row = discussion_register([DiscussionEntry(id="D1", session_id="VS1",
    ...                            topics=["党章"], speakers=["张三", "李四"])], [s])[0]
    >>> row["date"], row["topics"], row["speakers"]
    ('2025-03-10', '党章', '张三;李四')
    """
    where = _where(sessions)
    rows = []
    for e in entries:
        station, date = where.get(e.session_id, ("", ""))
        rows.append({"entry_id": e.id, "session_id": e.session_id, "station_id": station,
                     "date": date, "topics": ";".join(e.topics),
                     "speakers": ";".join(e.speakers), "summary": e.summary})  # fmt: skip
    return sorted(rows, key=lambda r: (r["date"], r["station_id"], r["entry_id"]))


def feedback_register(
    entries: Iterable[FeedbackEntry], sessions: Iterable[ViewingSession]
) -> list[dict[str, Any]]:
    """One row per feedback entry, in the order of its session's date: the 信息反馈簿.

    >>> from pmedu.model.registers import FeedbackEntry
    >>> s = ViewingSession(id="VS1", station_id="S1", date="2025-03-10")
    >>> rows = feedback_register([FeedbackEntry(id="B1", session_id="VS1", item="要养殖片",
    ...                           raised_by="王五", answer="下月安排", closed=True)], [s])
    >>> register_table(rows, columns=FEEDBACK_COLUMNS)[1][0][-3:]
    ['王五', '下月安排', '是']
    """
    where = _where(sessions)
    rows = []
    for e in entries:
        station, date = where.get(e.session_id, ("", ""))
        rows.append({"entry_id": e.id, "session_id": e.session_id, "station_id": station,
                     "date": date, "item": e.item, "raised_by": e.raised_by,
                     "answer": e.answer, "closed": e.closed})  # fmt: skip
    return sorted(rows, key=lambda r: (r["date"], r["station_id"], r["entry_id"]))


def register_rows(
    register: Register | str,
    sessions: Sequence[ViewingSession],
    *,
    discussions: Iterable[DiscussionEntry] = (),
    feedback: Iterable[FeedbackEntry] = (),
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The rows and columns (key → Chinese header) of one of the four registers.

    >>> rows, cols = register_rows("签到", [])
    >>> rows, list(cols)[:2]
    ([], ['session_id', 'station_id'])
    """
    which = Register.parse(register)
    if which is Register.VIEWING:
        return viewing_register(sessions), REGISTER_COLUMNS
    if which is Register.SIGN_IN:
        return sign_in_book(sessions), SIGN_IN_COLUMNS
    if which is Register.DISCUSSION:
        return discussion_register(discussions, sessions), DISCUSSION_COLUMNS
    return feedback_register(feedback, sessions), FEEDBACK_COLUMNS


#: teaching-steps columns: key → Chinese header
STEPS_COLUMNS: dict[str, str] = {
    "key": "网点",
    "sessions": "场次",
    "complete": "五步齐全",
    "complete_rate": "齐全率",
    "most_missing": "最常缺少",
    **{f"missing_{t.value}": f"缺{t.label}" for t in TeachingStep},
}


def steps_rows(
    sessions: Iterable[ViewingSession], *, by: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """The five teaching steps per station (or per group: ``by`` maps a station id to its
    group, a township say; sessions at a station not in ``by`` are left out): sessions,
    sessions with all five steps, their share, the step most often missing (the first in
    method order on a tie; ``None`` when none is missing) and the sessions missing each step.
    Rows in key order.

    >>> ss = [ViewingSession(id="1", station_id="S", date="2025-01-10",
    ...                      steps=list(TeachingStep)),
    ...       ViewingSession(id="2", station_id="S", date="2025-02-10", steps=["播前提示"])]
    >>> r = steps_rows(ss)[0]
    >>> r["sessions"], r["complete"], r["complete_rate"], r["most_missing"], r["missing_feedback"]
    (2, 1, 0.5, '播中解释', 1)
    """
    counts: dict[str, list[int]] = {}
    for s in sessions:
        key = s.station_id if by is None else by.get(s.station_id)
        if key is None:
            continue
        c = counts.setdefault(key, [0] * (2 + len(TeachingStep)))
        c[0] += 1
        missing = s.missing_steps
        c[1] += not missing
        for k, t in enumerate(TeachingStep):
            c[2 + k] += t in missing
    steps = list(TeachingStep)
    rows = []
    for key in sorted(counts):
        n, ok, *miss = counts[key]
        top = max(miss)
        rows.append(
            {
                "key": key,
                "sessions": n,
                "complete": ok,
                "complete_rate": ok / n if n else None,
                "most_missing": steps[miss.index(top)].label if top else None,
                **{f"missing_{t.value}": m for t, m in zip(steps, miss, strict=True)},
            }
        )
    return rows


__getattr__ = moved(__name__, {"write_table": "pmedu.io.registers"})
