"""The viewing register 收看情况登记薄 and the member sign-in book 党员签到册 as tables.

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
from pmedu.model import TeachingStep, ViewingSession

__all__ = [
    "REGISTER_COLUMNS",
    "SIGN_IN_COLUMNS",
    "register_table",
    "sign_in_book",
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
    """One row per session, in date order: the 收看情况登记薄.

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


__getattr__ = moved(__name__, {"write_table": "pmedu.io.registers"})
