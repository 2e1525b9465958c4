"""Viewing sessions: now in ``pmedu.model.session``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "Attendance": "pmedu.model",
        "TeachingStep": "pmedu.model",
        "ViewingSession": "pmedu.model",
    },
)
