"""Viewing records (播放收看): sessions, attendance, the learning archive and registers.

>>> from pmedu.viewing import ViewingSession, TeachingStep
>>> s = ViewingSession(id="1", station_id="S", date="2025-04-01", expected_count=20,
...                    signed_in_count=17, steps=list(TeachingStep))
>>> s.attendance.rate, s.missing_steps
(0.85, ())
"""

from pmedu.compat import moved
from pmedu.model import Attendance, TeachingStep, ViewingSession
from pmedu.viewing.archive import (
    ArchivePolicy,
    LearningArchive,
    MemberArchive,
    Shortfall,
    ShortfallLine,
    build_archive,
    requirement_counts,
    shortfall,
)
from pmedu.viewing.attendance import (
    StudyRecord,
    attendance_by_station,
    attendance_by_unit,
    learning_archive,
)
from pmedu.viewing.register import (
    REGISTER_COLUMNS,
    SIGN_IN_COLUMNS,
    register_table,
    sign_in_book,
    viewing_register,
)

__all__ = [
    "REGISTER_COLUMNS",
    "SIGN_IN_COLUMNS",
    "ArchivePolicy",
    "Attendance",
    "LearningArchive",
    "MemberArchive",
    "Shortfall",
    "ShortfallLine",
    "StudyRecord",
    "TeachingStep",
    "ViewingSession",
    "attendance_by_station",
    "attendance_by_unit",
    "build_archive",
    "learning_archive",
    "register_table",
    "requirement_counts",
    "shortfall",
    "sign_in_book",
    "viewing_register",
]


__getattr__ = moved(__name__, {"write_table": "pmedu.io.registers"})
