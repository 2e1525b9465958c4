"""The yearly calendar, station plans and submissions: moved (this module re-exports them).

The calendar is :mod:`pmedu.model.calendar`, submissions are
:mod:`pmedu.model.records` and :mod:`pmedu.model.submissions`, the station plans
:mod:`pmedu.viewing.plans`.

>>> plan_days(2025, EDay.parse("first Friday"), months=[1])
[datetime.date(2025, 1, 3)]
"""

from pmedu.model.calendar import (
    CycleEvent,
    EDay,
    Milestone,
    SchedulePolicy,
    plan_days,
    yearly_cycle,
)
from pmedu.model.records import Submission, SubmissionKind
from pmedu.model.submissions import (
    QuarterInfo,
    SubmissionStatus,
    days_late,
    info_by_quarter,
    submission_status,
)
from pmedu.model.submissions import delivery_days_late as _days_late
from pmedu.model.submissions import index_submissions as _index
from pmedu.model.submissions import quarter_infos as _quarters
from pmedu.viewing.plans import MonthPlan, plan_counts, plan_vs_actual

__all__ = [
    "CycleEvent",
    "EDay",
    "Milestone",
    "MonthPlan",
    "QuarterInfo",
    "SchedulePolicy",
    "Submission",
    "SubmissionKind",
    "SubmissionStatus",
    "days_late",
    "info_by_quarter",
    "plan_counts",
    "plan_days",
    "plan_vs_actual",
    "submission_status",
    "yearly_cycle",
]
# ``_days_late``, ``_index`` and ``_quarters`` stay importable for pmedu.measures until it
# uses the public names (delivery_days_late, index_submissions, quarter_infos).
