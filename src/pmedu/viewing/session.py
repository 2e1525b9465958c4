"""Viewing sessions: moved to [`pmedu.model.session`][pmedu.model.session] (this module re-exports
them).

>>> ViewingSession.__module__
'pmedu.model.session'
"""

from pmedu.model.session import Attendance, TeachingStep, ViewingSession

__all__ = ["Attendance", "TeachingStep", "ViewingSession"]
