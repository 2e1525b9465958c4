"""Hierarchy rules shipped with pmedu (``default``, ``strict``) as TOML files.

This module reads them (importlib.resources + tomllib): [`names`][pmedu.network.presets.names] lists
them and [`document`][pmedu.network.presets.document] gives one as plain data, which the owning
class structures through the one converter (its ``from_document``).

>>> names() == sorted(names())
True
>>> document("nope")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pmedu.errors.PolicyError: 1 problem:
unknown preset 'nope'; shipped presets: ...
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from pmedu.errors import PolicyError, Problem

__all__ = ["document", "names", "source"]


def names() -> list[str]:
    """Names (file stems) of the shipped presets, sorted."""
    root = resources.files(__name__)
    return sorted(e.name.removesuffix(".toml") for e in root.iterdir() if e.name.endswith(".toml"))


def source(name: str) -> str:
    """How the preset ``name`` is named in messages (``preset:NAME``).

    >>> source("x")
    'preset:x'
    """
    return f"preset:{name}"


def document(name: str) -> dict[str, Any]:
    """The preset ``name`` as plain data (a [`PolicyError`][pmedu.errors.PolicyError] names the
    shipped ones when it is unknown)."""
    known = names()
    if name not in known:
        raise PolicyError(
            [Problem(f"unknown preset {name!r}; shipped presets: {', '.join(known)}")]
        )
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
