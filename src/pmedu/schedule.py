"""The yearly calendar and station plans: now in ``pmedu.model`` and ``pmedu.viewing.plans``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "CycleEvent": "pmedu.model",
        "EDay": "pmedu.model",
        "Milestone": "pmedu.model",
        "SchedulePolicy": "pmedu.model",
        "plan_days": "pmedu.model",
        "yearly_cycle": "pmedu.model",
        "Submission": "pmedu.model",
        "SubmissionKind": "pmedu.model",
        "QuarterInfo": "pmedu.model",
        "SubmissionStatus": "pmedu.model",
        "days_late": "pmedu.model",
        "info_by_quarter": "pmedu.model",
        "submission_status": "pmedu.model",
        "MonthPlan": "pmedu.viewing.plans",
        "plan_counts": "pmedu.viewing.plans",
        "plan_vs_actual": "pmedu.viewing.plans",
        "_days_late": "pmedu.model.submissions:delivery_days_late",
        "_index": "pmedu.model.submissions:index_submissions",
        "_quarters": "pmedu.model.submissions:quarter_infos",
    },
)
