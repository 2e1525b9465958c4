"""The records bundle: everything a county keeps for a year ([playing and viewing][concept-viewing],
[splitting a target][howto-split-target], [the assessment][concept-assessment]).

[`Records`][pmedu.records.bundle.Records] ([`pmedu.records.bundle`][pmedu.records.bundle]) holds the
stations, films, sessions, submissions and the other plain records of [`pmedu.model`][pmedu.model];
[`Records.check`][pmedu.records.bundle.Records.check] ([`pmedu.records.check`][pmedu.records.check])
checks them against a tree and a year and returns a
[`RecordReport`][pmedu.records.check.RecordReport]. Files are [`pmedu.io.records`][pmedu.io.records]
and [`pmedu.io.sessions`][pmedu.io.sessions] (their old names here warn).

>>> from pmedu.model import Station, ViewingSession
>>> r = Records(year=2025, stations=[Station(id="S1", unit_id="V1")], sessions=[
...     ViewingSession(id="a", station_id="S1", date="2025-03-10", expected=["m1"],
...                    signed_in=["m1", "m9"]),
...     ViewingSession(id="a", station_id="S2", date="2024-12-10")])
>>> for line in r.check().lines(): print(line)
error: $.sessions[1].id: duplicate session id 'a' (also $.sessions[0])
error: $.sessions[1].station_id: session 'a': station 'S2' does not exist
error: $.sessions[1].date: session 'a': 2024-12-10 is outside the year 2025
warning: $.sessions[0].signed_in: session 'a': m9 signed in but not expected
"""

from pmedu.compat import moved
from pmedu.records.bundle import Records
from pmedu.records.check import RecordReport, check_records

__all__ = [
    "RecordReport",
    "Records",
    "check_records",
]

__getattr__ = moved(
    __name__,
    {
        **dict.fromkeys(
            (
                "Award",
                "AwardLevel",
                "DemoHouseholds",
                "FundsMisuse",
                "Institution",
                "MagazineSubscription",
                "Submission",
                "SubmissionKind",
            ),
            "pmedu.model",
        ),
        "RecordError": "pmedu.errors",
        "load_records": "pmedu.io.records",
        "save_records": "pmedu.io.records",
        "read_sessions_csv": "pmedu.io.sessions",
    },
)
