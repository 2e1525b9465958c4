"""Synthetic trees: now ``pmedu.datasets.synth``.

Deprecated: every name here moved (see the changelog); reading one warns with a
``DeprecationWarning`` naming its new home. The module goes in pmedu 0.3.
"""

from pmedu.compat import moved

__getattr__ = moved(
    __name__,
    {
        "COUNTY_UNITS": "pmedu.datasets.synth",
        "NATION_UNITS": "pmedu.datasets.synth",
        "PROVINCE_UNITS": "pmedu.datasets.synth",
        "SHAPES": "pmedu.datasets.synth",
        "county": "pmedu.datasets.synth",
        "generate": "pmedu.datasets.synth",
        "nation": "pmedu.datasets.synth",
        "province": "pmedu.datasets.synth",
        "tree": "pmedu.datasets.synth",
    },
)
