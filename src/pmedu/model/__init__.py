"""The plain record types of pmedu and its one calendar ([the organisation tree][concept-tree],
[stations and standards][concept-stations], [film supply][concept-supply], [playing and
viewing][concept-viewing], [splitting a target][howto-split-target], [the
assessment][concept-assessment]).

* [`pmedu.model.unit`][pmedu.model.unit] — [`Unit`][pmedu.model.unit.Unit], a node of the
  organisation tree;
* [`pmedu.model.films`][pmedu.model.films] — films, film sets and a film library;
* [`pmedu.model.station`][pmedu.model.station] — viewing stations and their features;
* [`pmedu.model.session`][pmedu.model.session] — viewing sessions, the five teaching steps,
  attendance;
* [`pmedu.model.records`][pmedu.model.records] — subscriptions, demonstration households,
  institutions, awards, funds misuse and submissions;
* [`pmedu.model.calendar`][pmedu.model.calendar] — the e-education day, the yearly cycle,
  ``plan_days``;
* [`pmedu.model.submissions`][pmedu.model.submissions] — submissions against their deadlines.

>>> u = Unit(id="V001", name="石桥村", kind="村", parent_id="T01", members=42)
>>> u.kind.label
'行政村'
"""

from pmedu.model import _hooks as _hooks
from pmedu.model.calendar import (
    CycleEvent,
    EDay,
    Milestone,
    SchedulePolicy,
    on_day,
    parse_date,
    plan_days,
    yearly_cycle,
)
from pmedu.model.columns import column, field_headers, sheet_name
from pmedu.model.films import Film, FilmCategory, FilmLibrary, FilmSet, FilmSource, Media
from pmedu.model.member import Member, MemberStatus, Mobility, Standing
from pmedu.model.records import (
    Award,
    AwardLevel,
    DemoHouseholds,
    FundsMisuse,
    Institution,
    MagazineSubscription,
    Submission,
    SubmissionKind,
)
from pmedu.model.session import Attendance, TeachingStep, ViewingSession
from pmedu.model.station import Feature, Station
from pmedu.model.study import StudyEntry, StudyKind
from pmedu.model.submissions import (
    QuarterInfo,
    SubmissionStatus,
    days_late,
    info_by_quarter,
    submission_status,
)
from pmedu.model.unit import COUNT_FIELDS, Unit

__all__ = [
    "COUNT_FIELDS",
    "Attendance",
    "Award",
    "AwardLevel",
    "CycleEvent",
    "DemoHouseholds",
    "EDay",
    "Feature",
    "Film",
    "FilmCategory",
    "FilmLibrary",
    "FilmSet",
    "FilmSource",
    "FundsMisuse",
    "Institution",
    "MagazineSubscription",
    "Media",
    "Member",
    "MemberStatus",
    "Milestone",
    "Mobility",
    "QuarterInfo",
    "SchedulePolicy",
    "Standing",
    "Station",
    "StudyEntry",
    "StudyKind",
    "Submission",
    "SubmissionKind",
    "SubmissionStatus",
    "TeachingStep",
    "Unit",
    "ViewingSession",
    "column",
    "days_late",
    "field_headers",
    "info_by_quarter",
    "on_day",
    "parse_date",
    "plan_days",
    "sheet_name",
    "submission_status",
    "yearly_cycle",
]

# issue 17: theme activities, TV column, liaison meetings; money; people and demonstration bases
from pmedu.model.activities import ActivityKind, LiaisonMeeting, ThemeActivity, TvColumn
from pmedu.model.money import FundSource, LedgerEntry, UnitBudget
from pmedu.model.people import Broadcaster, DemoBase, DemoLevel, DemoTargets

__all__ += [
    "ActivityKind",
    "Broadcaster",
    "DemoBase",
    "DemoLevel",
    "DemoTargets",
    "FundSource",
    "LedgerEntry",
    "LiaisonMeeting",
    "ThemeActivity",
    "TvColumn",
    "UnitBudget",
]
