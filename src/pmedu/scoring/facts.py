"""Measured facts (moved to [`pmedu.facts`][pmedu.facts] and, for files,
[`pmedu.io.facts`][pmedu.io.facts]).

The names stay importable here for old callers; ``read_facts`` is looked up in
[`pmedu.io.facts`][pmedu.io.facts] only when asked for (scoring never imports io).

>>> Facts.from_records([("T01", "info_items", 7)]).get("T01", "info_items")
Decimal('7')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pmedu.facts.data import Facts, facts_from_rows

if TYPE_CHECKING:  # the types only; at run time it comes from __getattr__
    from pmedu.io.facts import read_facts

__all__ = ["Facts", "facts_from_rows", "read_facts"]


def __getattr__(name: str) -> Any:
    if name == "read_facts":
        return importlib.import_module("pmedu.io.facts").read_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
