"""Supply policies from a user's file, or a shipped preset by name.

>>> policy_from("seed001").villages_per_subscribed_set
5
"""

from __future__ import annotations

import os

from pmedu.errors import PolicyError
from pmedu.io.documents import names_a_file, read_document
from pmedu.supply import SupplyPolicy

__all__ = ["load_policy", "policy_from"]


def load_policy(path: str | os.PathLike[str]) -> SupplyPolicy:
    """Read a policy from a TOML or JSON file; every bad field is reported by name.

    >>> import json, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.json"
    >>> _ = f.write_text(json.dumps({"villages_per_set": -1, "grouping": "city"}))
    >>> load_policy(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 2 problems:
    ...p.json: $.villages_per_set: 'villages_per_set' must be > 0: -1
    ...p.json: $.grouping: unknown grouping 'city'; accepted: ...
    """
    data = read_document(path, error=PolicyError)
    return SupplyPolicy.from_document(data, source=str(path))


def policy_from(spec: SupplyPolicy | str | os.PathLike[str] | None) -> SupplyPolicy:
    """A policy from a policy, ``None`` (the default preset), an existing ``.toml``/``.json``
    file, else the shipped preset of that name (the "preset name or file" of the command
    line)."""
    if spec is None or isinstance(spec, SupplyPolicy):
        return SupplyPolicy.resolve(spec)
    if names_a_file(spec, presets=SupplyPolicy.presets()):
        return load_policy(spec)
    return SupplyPolicy.preset(name=os.fspath(spec))
