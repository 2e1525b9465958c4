"""Hierarchy rules: which kinds of unit may sit directly under which (data, not code).

The rules are a TOML file: ``[allowed]`` maps a parent kind to the child kinds it may have,
``organisations`` lists organisation kinds that may hang under *any* administrative unit.
Kinds accept English names and Chinese labels. Two presets ship with pmedu: ``default``
(allows the irregular trees real exports contain) and ``strict`` (the textbook ladder).

>>> rules = HierarchyRules.preset(name="default")
>>> rules.allows("县", "街道"), rules.allows("市", "行政村"), rules.allows("乡镇", "省")
(True, False, False)
>>> rules.allows("县", "非公有制企业")
True
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import attrs

from pmedu.compat import deprecated
from pmedu.convert import split_version, structure
from pmedu.errors import PolicyError
from pmedu.labels import UnitKind
from pmedu.network import presets

__all__ = ["HierarchyRules"]

#: the newest format version of a file of this kind this pmedu reads (a file without a
#: ``version`` key is version 1, as 0.1.0 wrote them)
VERSION = 1


def _kind_map(value: Any) -> dict[UnitKind, frozenset[UnitKind]]:
    return {UnitKind.parse(k): frozenset(UnitKind.parse(c) for c in v) for k, v in value.items()}


def _kind_set(value: Any) -> frozenset[UnitKind]:
    return frozenset(UnitKind.parse(k) for k in value)


@attrs.frozen
class HierarchyRules:
    """Allowed parent → child kind pairs.

    Parameters
    ----------
    name
        The rules' name, shown in messages.
    allowed
        Parent kind → the kinds allowed directly under it.
    organisations
        Organisation kinds allowed under every *administrative* unit (in addition to
        ``allowed``).
    description
        Free text.

    >>> r = HierarchyRules(name="tiny", allowed={"county": ["township"], "乡镇": ["村"]})
    >>> r.allows("county", "township"), r.allows("township", "county")
    (True, False)
    """

    name: str
    allowed: dict[UnitKind, frozenset[UnitKind]] = attrs.field(converter=_kind_map)
    organisations: frozenset[UnitKind] = attrs.field(default=frozenset(), converter=_kind_set)
    description: str = ""

    def allows(self, parent: UnitKind | str, child: UnitKind | str) -> bool:
        """Whether a unit of kind ``child`` may sit directly under one of kind ``parent``."""
        p, c = UnitKind.parse(parent), UnitKind.parse(child)
        if c in self.allowed.get(p, frozenset()):
            return True
        return p.is_administrative and c in self.organisations

    def allowed_under(self, parent: UnitKind | str) -> frozenset[UnitKind]:
        """Every kind allowed directly under ``parent``.

        >>> sorted(k.value for k in HierarchyRules.preset(name="strict").allowed_under("村"))
        ['non_public_enterprise']
        """
        p = UnitKind.parse(parent)
        extra = self.organisations if p.is_administrative else frozenset()
        return self.allowed.get(p, frozenset()) | extra

    @classmethod
    def preset(cls, *, name: str = "default") -> HierarchyRules:
        """A shipped preset: ``"default"`` or ``"strict"`` (see
        [`presets`][pmedu.network.rules.HierarchyRules.presets])."""
        return cls.from_document(presets.document(name), source=presets.source(name))

    @classmethod
    def presets(cls) -> list[str]:
        """Names of the shipped presets.

        >>> HierarchyRules.presets()
        ['default', 'strict']
        """
        return presets.names()

    @classmethod
    def from_document(cls, data: Any, *, source: str | None = None) -> HierarchyRules:
        """Rules from plain data (a parsed TOML/JSON document); every problem is reported
        with its place (``source`` names the document).

        >>> HierarchyRules.from_document({"name": "x", "allowed": {"县": ["镇"]}}).name
        'x'
        >>> HierarchyRules.from_document({"allowed": {}}, source="r.toml")
        Traceback (most recent call last):
        ...
        pmedu.errors.PolicyError: 1 problem:
        r.toml: $.name: required field missing
        """
        _, body = split_version(data, newest=VERSION, source=source, error=PolicyError)
        return structure(body, cls, source=source, error=PolicyError)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> HierarchyRules:
        """Read rules from a TOML or JSON file: kept for now, the reader is
        [`pmedu.io.rules.load_rules`][pmedu.io.rules.load_rules]."""
        deprecated("HierarchyRules.load", "pmedu.io.rules.load_rules")
        rules: HierarchyRules = importlib.import_module("pmedu.io.rules").load_rules(path)
        return rules
