"""Stations and their features: now in ``pmedu.model.station``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "Feature": "pmedu.model",
        "Station": "pmedu.model",
    },
)
