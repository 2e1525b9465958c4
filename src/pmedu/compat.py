"""Names that moved keep working at their old place for one release, with a warning.

A module whose public names moved defines ``__getattr__ = moved(__name__, {...})``: reading an old
name warns with [`DeprecationWarning`][DeprecationWarning] naming the new place, then returns the
object from there. The changelog lists every moved name.

>>> import warnings
>>> getattr_ = moved("pmedu.old", {"Problem": "pmedu.errors"})
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     cls = getattr_("Problem")
>>> cls.__module__, caught[0].category.__name__
('pmedu.errors', 'DeprecationWarning')
>>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
pmedu.old.Problem moved to pmedu.errors.Problem; import it from there
(the old name goes in pmedu 0.3)
>>> getattr_("nope")
Traceback (most recent call last):
...
AttributeError: module 'pmedu.old' has no attribute 'nope'
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["REMOVED_IN", "deprecated", "moved"]

#: the release in which the old names go
REMOVED_IN = "pmedu 0.3"


def moved(module: str, targets: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for ``module``'s names that now live elsewhere.

    ``targets`` maps an old name to its new module (``"pmedu.model"``), or to
    ``"module:new_name"`` when the name changed too.

    >>> getattr_ = moved("pmedu.x", {"Err": "pmedu.errors:PmeduError"})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     getattr_("Err").__name__
    'PmeduError'
    """
    table = dict(targets)

    def __getattr__(name: str) -> Any:
        try:
            target = table[name]
        except KeyError:
            raise AttributeError(f"module {module!r} has no attribute {name!r}") from None
        new_module, _, new_name = target.partition(":")
        new_name = new_name or name
        warnings.warn(
            f"{module}.{name} moved to {new_module}.{new_name}; import it from there "
            f"(the old name goes in {REMOVED_IN})",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new_module), new_name)

    return __getattr__


def deprecated(old: str, new: str) -> None:
    """Warn that ``old`` (a function or method still kept) is replaced by ``new``.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     deprecated("Records.load", "pmedu.io.records.load_records")
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    Records.load is deprecated: use pmedu.io.records.load_records
    (the old name goes in pmedu 0.3)
    """
    warnings.warn(
        f"{old} is deprecated: use {new} (the old name goes in {REMOVED_IN})",
        DeprecationWarning,
        stacklevel=3,
    )
