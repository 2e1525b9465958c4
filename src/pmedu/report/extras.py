"""The report's optional extras, imported on first use through one guard.

[`require`][pmedu.report.extras.require] imports a module with
[`importlib.import_module`][importlib.import_module] and, when it is not installed, raises a
[`MissingExtraError`][pmedu.errors.MissingExtraError] that names the ``pip install`` to run —
Jinja2 for the HTML page and matplotlib for the charts (``pmedu[report]``).

>>> require("jinja2", extra="report", feature="the HTML report").__name__
'jinja2'
>>> require("no_such_module_here", extra="report", feature="the HTML report")
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.MissingExtraError: the HTML report needs no_such_module_here: pip install ...
"""

from __future__ import annotations

import importlib
from types import ModuleType

from pmedu.errors import MissingExtraError

#: the examples here render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)

__all__ = ["require"]


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """``module`` imported, or a [`MissingExtraError`][pmedu.errors.MissingExtraError] naming
    ``extra`` (and the package: the module's top-level name) when it cannot be imported."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(extra, module.split(".")[0], feature) from None
