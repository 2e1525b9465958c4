"""Names that moved out of the report (they compute), still importable from their old place.

The report renders and never imports a computing module, so a name that now lives above it (in
[`pmedu.pipeline`][pmedu.pipeline], [`pmedu.datasets`][pmedu.datasets] or
[`pmedu.cli.report_cmd`][pmedu.cli.report_cmd]) is loaded only when it is first asked for, by a
module-level ``__getattr__`` made here.

>>> import warnings
>>> getattr_ = moved_getattr("pmedu.report", {"dumps": "json"})
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     getattr_("dumps")([1])
'[1]'
>>> getattr_("nope")
Traceback (most recent call last):
...
AttributeError: module 'pmedu.report' has no attribute 'nope'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pmedu.compat import moved

__all__ = ["moved_getattr"]


def moved_getattr(module: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``module`` whose ``names`` (name → the module it now lives
    in) moved: [`pmedu.compat.moved`][pmedu.compat.moved], which warns on every use.

    >>> moved_getattr("m", {})("x")
    Traceback (most recent call last):
    ...
    AttributeError: module 'm' has no attribute 'x'
    """
    return moved(module, names)
