"""Shipped plan policies (TOML): ``default`` ([monthly plans][plans]).

This module reads them (importlib.resources + tomllib):
[`names`][pmedu.planning.presets.names] lists them and
[`document`][pmedu.planning.presets.document] gives one as plain data, which the owning class
structures through the one converter (its ``from_document``).

>>> names() == sorted(names())
True
>>> document("nope")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.PolicyError: 1 problem:
unknown preset 'nope'; shipped presets: ...
"""

from __future__ import annotations

from typing import Any

from pmedu.convert import preset_source, shipped_document, shipped_names

__all__ = ["document", "names", "source"]


def names() -> list[str]:
    """Names (file stems) of the shipped presets, sorted."""
    return shipped_names(__name__)


def source(name: str) -> str:
    """How the preset ``name`` is named in messages (``preset:NAME``).

    >>> source("x")
    'preset:x'
    """
    return preset_source(name)


def document(name: str) -> dict[str, Any]:
    """The preset ``name`` as plain data (a [`PolicyError`][pmedu.errors.PolicyError] names the
    shipped ones when it is unknown)."""
    return shipped_document(__name__, name)
