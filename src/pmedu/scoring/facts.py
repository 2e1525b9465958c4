"""Facts: now ``pmedu.facts`` and ``pmedu.io.facts``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "Facts": "pmedu.facts",
        "facts_from_rows": "pmedu.facts",
        "read_facts": "pmedu.io.facts",
    },
)
