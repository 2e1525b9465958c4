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

import functools
import importlib
import os
from typing import Any

import attrs

from pmedu.compat import deprecated
from pmedu.convert import split_version, structure
from pmedu.errors import PolicyError
from pmedu.labels import Hierarchy, UnitKind
from pmedu.network import presets

__all__ = ["HierarchyRules"]

#: the newest format version of a file of this kind this pmedu reads (a file without a
#: ``version`` key is version 1, as 0.1.0 wrote them)
VERSION = 1


def _kind_map(value: Any) -> dict[UnitKind, frozenset[UnitKind]]:
    return {UnitKind.parse(k): frozenset(UnitKind.parse(c) for c in v) for k, v in value.items()}


def _kind_set(value: Any) -> frozenset[UnitKind]:
    return frozenset(UnitKind.parse(k) for k in value)


@functools.cache
def _default_document() -> dict[str, Any]:
    return presets.document("default")


def _shipped(key: str, empty: Any) -> Any:
    """The ``default`` preset's value of ``key`` (the affiliation pairs and kinds a rules
    document that does not give them takes)."""
    return _default_document().get(key, empty)


@attrs.frozen
class HierarchyRules:
    """Allowed parent → child kind pairs.

    A rules document that gives neither ``affiliation`` nor ``affiliation_only`` takes those
    of the shipped ``default`` preset, so rules written before there were two trees (and the
    ``strict`` preset) know the working committees.

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
    affiliation
        Parent kind → the kinds allowed directly under it in the party-affiliation tree
        only, on top of ``allowed`` and ``organisations`` (a working committee 工委 under a
        county, organisations under a 工委 …; DOMAIN §10, seed 002).
    affiliation_only
        Kinds that exist only in the affiliation tree (工委, 党工委 in the presets): a unit of
        such a kind with no ``parent_id`` is left out of the administrative tree and placed by
        its ``affiliation_id`` (see [`OrgTree.along`][pmedu.network.tree.OrgTree.along]).

    >>> r = HierarchyRules(name="tiny", allowed={"county": ["township"], "乡镇": ["村"]})
    >>> r.allows("county", "township"), r.allows("township", "county")
    (True, False)
    """

    name: str
    allowed: dict[UnitKind, frozenset[UnitKind]] = attrs.field(converter=_kind_map)
    organisations: frozenset[UnitKind] = attrs.field(default=frozenset(), converter=_kind_set)
    description: str = ""
    affiliation: dict[UnitKind, frozenset[UnitKind]] = attrs.field(
        factory=lambda: _shipped("affiliation", {}), converter=_kind_map
    )
    affiliation_only: frozenset[UnitKind] = attrs.field(
        factory=lambda: _shipped("affiliation_only", []), converter=_kind_set
    )

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

    def along(self, hierarchy: Any) -> HierarchyRules:
        """The rules of one hierarchy: these rules for the administrative tree; for the
        affiliation tree (``"affiliation"``, 党组织隶属), ``allowed`` with the ``affiliation``
        pairs added.

        >>> r = HierarchyRules.preset(name="default")
        >>> r.allows("县", "工委"), r.along("affiliation").allows("县", "工委")
        (False, True)
        >>> r.along("affiliation").allows("工委", "机关"), r.along("affiliation").name
        (True, 'default (affiliation)')
        >>> r.along("administrative") is r
        True
        """
        if Hierarchy.parse(hierarchy) is Hierarchy.ADMINISTRATIVE:
            return self
        merged = dict(self.allowed)
        for parent, kids in self.affiliation.items():
            merged[parent] = merged.get(parent, frozenset()) | kids
        return attrs.evolve(self, name=f"{self.name} (affiliation)", allowed=merged, affiliation={})
