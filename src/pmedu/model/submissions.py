"""Submission deadlines: days late, information per quarter, the late-and-missing list.

Evaluations of [`Submission`][pmedu.model.records.Submission] records against the deadlines of a
[`SchedulePolicy`][pmedu.model.calendar.SchedulePolicy] ([seed 002][seed-002]: production by 31
December, two information items per quarter).

>>> s = [Submission(id="1", unit_id="T", kind="news", date="2026-01-02", year=2025)]
>>> days_late(s, "T", "news", 2025)
2
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from pmedu.model.calendar import SchedulePolicy
from pmedu.model.records import Submission, SubmissionKind

__all__ = [
    "QuarterInfo",
    "SubmissionStatus",
    "days_late",
    "delivery_days_late",
    "index_submissions",
    "info_by_quarter",
    "quarter_infos",
    "submission_status",
]


def index_submissions(
    submissions: Iterable[Submission], year: int
) -> dict[tuple[str, SubmissionKind], list[Submission]]:
    """The submissions counting for ``year``, by ``(unit id, kind)``.

    >>> s = [Submission(id="1", unit_id="T", kind="news", date="2025-03-01")]
    >>> list(index_submissions(s, 2025))
    [('T', <SubmissionKind.NEWS_ITEM: 'news_item'>)]
    """
    idx: dict[tuple[str, SubmissionKind], list[Submission]] = defaultdict(list)
    for s in submissions:
        if s.period_year == year:
            idx[(s.unit_id, s.kind)].append(s)
    return idx


def days_late(
    submissions: Iterable[Submission],
    unit_id: str,
    kind: SubmissionKind | str,
    year: int,
    *,
    policy: SchedulePolicy | None = None,
) -> int | None:
    """Days after the production deadline the unit's first ``kind`` item for ``year``
    arrived (≤ 0 on time), or ``None`` when it was not delivered.

    >>> s = [Submission(id="1", unit_id="T", kind="news", date="2025-12-20")]
    >>> days_late(s, "T", "news", 2025), days_late(s, "T", "专题片", 2025)
    (-11, None)
    """
    p = policy or SchedulePolicy()
    k = SubmissionKind.parse(kind)
    items = [s for s in submissions if s.unit_id == unit_id and s.kind is k]
    return delivery_days_late(items, year, p)


def delivery_days_late(
    items: Iterable[Submission], year: int, policy: SchedulePolicy
) -> int | None:
    """Days after the production deadline of ``year`` the first of ``items`` counting for ``year``
    arrived (``None`` when there is none): [`days_late`][pmedu.model.submissions.days_late] on items
    already chosen by unit and kind.

    >>> s = [Submission(id="1", unit_id="T", kind="news", date="2026-01-02", year=2025)]
    >>> p = SchedulePolicy()
    >>> delivery_days_late(s, 2025, p), delivery_days_late([], 2025, p)
    (2, None)
    """
    p = policy
    dates = [s.date for s in items if s.period_year == year]
    if not dates:
        return None
    return (min(dates) - p.production_due(year)).days


@attrs.frozen
class QuarterInfo:
    """Information items reported for one quarter: all of them, and those on time.

    >>> q = QuarterInfo(quarter=1, due=dt.date(2025, 3, 31), items=3, on_time=2, required=2)
    >>> q.met
    True
    >>> s = [Submission(id="1", unit_id="T", kind="信息", date="2025-04-30")]
    >>> info_by_quarter(s, "T", 2025)[1]
    QuarterInfo(quarter=2, due=datetime.date(2025, 6, 30), items=1, on_time=1, required=2)
    """

    quarter: int
    due: dt.date
    items: int
    on_time: int
    required: int

    @property
    def met(self) -> bool:
        """At least ``required`` items arrived on time."""
        return self.on_time >= self.required


def info_by_quarter(
    submissions: Iterable[Submission],
    unit_id: str,
    year: int,
    *,
    policy: SchedulePolicy | None = None,
) -> list[QuarterInfo]:
    """Four rows: the unit's information items per quarter of ``year``.

    >>> s = [Submission(id=str(i), unit_id="T", kind="信息", date=d)
    ...      for i, d in enumerate(["2025-02-01", "2025-03-30", "2025-04-10"])]
    >>> [(q.quarter, q.items, q.met) for q in info_by_quarter(s, "T", 2025)]
    [(1, 2, True), (2, 1, False), (3, 0, False), (4, 0, False)]
    """
    p = policy or SchedulePolicy()
    items = [
        s for s in submissions if s.unit_id == unit_id and s.kind is SubmissionKind.INFORMATION
    ]
    return quarter_infos(items, year, p)


def quarter_infos(
    items: Iterable[Submission], year: int, policy: SchedulePolicy
) -> list[QuarterInfo]:
    """Four [`QuarterInfo`][pmedu.model.submissions.QuarterInfo] rows for information ``items``
    already chosen by unit: [`info_by_quarter`][pmedu.model.submissions.info_by_quarter] without the
    choosing.

    >>> [q.items for q in quarter_infos([], 2025, SchedulePolicy())]
    [0, 0, 0, 0]
    """
    p = policy
    n = [0] * 5
    ok = [0] * 5
    for s in items:
        if s.period_year != year:
            continue
        q = s.period_quarter
        n[q] += 1
        ok[q] += s.date <= p.info_due(year, q)
    return [
        QuarterInfo(q, p.info_due(year, q), n[q], ok[q], p.info_per_quarter) for q in range(1, 5)
    ]


@attrs.frozen
class SubmissionStatus:
    """Whether a unit delivered one due item: ``state`` is ``on_time``, ``late`` or
    ``missing``. For information, ``period`` is the quarter and ``delivered`` counts the
    on-time items (``required`` of them were due).

    >>> news = Submission(id="1", unit_id="T", kind="news", date="2026-01-03", year=2025)
    >>> rows = submission_status(["T"], [news], 2025)
    >>> r = rows[0]
    >>> r.kind.label, r.period, r.due.isoformat(), r.state, r.days_late, r.delivered
    ('党建类新闻', '2025', '2025-12-31', 'late', 3, 1)
    >>> r = rows[2]
    >>> r.period, r.state, r.days_late, r.delivered, r.required
    ('Q1', 'missing', None, 0, 2)
    """

    unit_id: str
    kind: SubmissionKind
    period: str
    due: dt.date
    state: str
    days_late: int | None = None
    delivered: int = 0
    required: int = 1


def submission_status(
    unit_ids: Sequence[str],
    submissions: Iterable[Submission],
    year: int,
    *,
    policy: SchedulePolicy | None = None,
) -> list[SubmissionStatus]:
    """For each unit: the news item, the special-topic film and the four quarters of
    information, each on time, late or missing (the late-and-missing list of the year).

    >>> rows = submission_status(["T"], [Submission(id="1", unit_id="T", kind="news",
    ...                                             date="2026-01-03", year=2025)], 2025)
    >>> [(r.kind.value, r.period, r.state) for r in rows][:3]  # doctest: +NORMALIZE_WHITESPACE
    [('news_item', '2025', 'late'), ('special_film', '2025', 'missing'),
     ('information', 'Q1', 'missing')]
    """
    p = policy or SchedulePolicy()
    idx = index_submissions(submissions, year)
    out: list[SubmissionStatus] = []
    for uid in unit_ids:
        for kind in (SubmissionKind.NEWS_ITEM, SubmissionKind.SPECIAL_FILM):
            late = delivery_days_late(idx.get((uid, kind), ()), year, p)
            state = "missing" if late is None else ("on_time" if late <= 0 else "late")
            out.append(
                SubmissionStatus(
                    uid, kind, str(year), p.production_due(year), state, late,
                    delivered=0 if late is None else 1,
                )
            )  # fmt: skip
        for q in quarter_infos(idx.get((uid, SubmissionKind.INFORMATION), ()), year, p):
            state = "on_time" if q.met else ("late" if q.items >= q.required else "missing")
            out.append(
                SubmissionStatus(
                    uid, SubmissionKind.INFORMATION, f"Q{q.quarter}", q.due, state,
                    delivered=q.on_time, required=q.required,
                )
            )  # fmt: skip
    return out
