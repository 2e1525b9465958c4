"""Names that moved out of the report (they compute), still importable from their old place.

The report renders and never imports a computing module, so a name that now lives above it (in
[`pmedu.pipeline`][pmedu.pipeline], [`pmedu.datasets`][pmedu.datasets] or
[`pmedu.cli.report_cmd`][pmedu.cli.report_cmd]) is loaded only when it is first asked for, by a
module-level ``__getattr__`` made here.

>>> getattr_ = moved_getattr("pmedu.report", {"dumps": "json"})
>>> getattr_("dumps")([1])
'[1]'
>>> getattr_("nope")
Traceback (most recent call last):
...
AttributeError: module 'pmedu.report' has no attribute 'nope'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["moved_getattr"]


def moved_getattr(module: str, moved: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``module`` that loads each name of ``moved`` (name → the module
    it now lives in) from its new home with [`importlib.import_module`][importlib.import_module].

    >>> moved_getattr("m", {})("x")
    Traceback (most recent call last):
    ...
    AttributeError: module 'm' has no attribute 'x'
    """

    def getattr_(name: str) -> Any:
        if name in moved:
            return getattr(importlib.import_module(moved[name]), name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return getattr_
