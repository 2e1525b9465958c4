"""Hierarchy rules from a user's file, or a shipped preset by name.

>>> rules_from("strict").name
'strict'
"""

from __future__ import annotations

import os

from pmedu.errors import PolicyError
from pmedu.io.documents import names_a_file, read_document
from pmedu.network import HierarchyRules

__all__ = ["load_rules", "rules_from"]


def load_rules(path: str | os.PathLike[str]) -> HierarchyRules:
    """Read rules from a TOML or JSON file; every problem is reported with its place.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.toml"
    >>> _ = p.write_text('name = "mine"\\n[allowed]\\ncounty = ["township"]\\n', encoding="utf-8")
    >>> load_rules(p).allows("县", "乡镇")
    True
    """
    data = read_document(path, error=PolicyError)
    return HierarchyRules.from_document(data, source=str(path))


def rules_from(spec: str | os.PathLike[str]) -> HierarchyRules:
    """Rules from an existing ``.toml``/``.json`` file, else the shipped preset of that name
    (the "preset name or file" of the command line)."""
    if names_a_file(spec, presets=HierarchyRules.presets()):
        return load_rules(spec)
    return HierarchyRules.preset(name=os.fspath(spec))
