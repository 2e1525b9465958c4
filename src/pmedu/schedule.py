"""The yearly calendar, station plans and submissions: moved (this module re-exports them).

The calendar is [`pmedu.model.calendar`][pmedu.model.calendar], submissions are
[`pmedu.model.records`][pmedu.model.records] and
[`pmedu.model.submissions`][pmedu.model.submissions], the station plans
[`pmedu.viewing.plans`][pmedu.viewing.plans].

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
    delivery_days_late,
    index_submissions,
    info_by_quarter,
    quarter_infos,
    submission_status,
)
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

# the private names of pmedu 0.1.0, still imported by pmedu.measures until it uses the
# public ones of pmedu.model.submissions
_days_late = delivery_days_late
_index = index_submissions
_quarters = quarter_infos
