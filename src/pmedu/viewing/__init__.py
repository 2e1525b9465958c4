"""Viewing records (播放收看): sessions, attendance, the learning archive and registers.

>>> from pmedu.viewing import ViewingSession, TeachingStep
>>> s = ViewingSession(id="1", station_id="S", date="2025-04-01", expected_count=20,
...                    signed_in_count=17, steps=list(TeachingStep))
>>> s.attendance.rate, s.missing_steps
(0.85, ())
"""

import importlib
from typing import Any

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
from pmedu.viewing.session import Attendance, TeachingStep, ViewingSession

__all__ = [
    "REGISTER_COLUMNS",
    "SIGN_IN_COLUMNS",
    "Attendance",
    "StudyRecord",
    "TeachingStep",
    "ViewingSession",
    "attendance_by_station",
    "attendance_by_unit",
    "learning_archive",
    "register_table",
    "sign_in_book",
    "viewing_register",
]


def __getattr__(name: str) -> Any:
    """``write_table`` moved to [`pmedu.io.registers`][pmedu.io.registers]; found there on first
    use."""
    if name == "write_table":
        return importlib.import_module("pmedu.io.registers").write_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
