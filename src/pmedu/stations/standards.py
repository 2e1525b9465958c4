"""Station standards as data: named checklists a station is checked against ([stations and
standards][concept-stations]).

A [`Standard`][pmedu.stations.standards.Standard] is a list of
[`StandardItem`][pmedu.stations.standards.StandardItem] s; each item names the
[`Feature`][pmedu.model.station.Feature] s it requires. Three presets ship with pmedu:

- ``two_machines_one_room`` 两机一室 ([seed 002][seed-002]): television, VCD/DVD player, viewing
  room;
- ``six_haves`` 六有 ([seed 002][seed-002]): organisation, staff, signboard, film library, rules,
  and the 三簿一册 (four registers; the seeds write 三薄一册);
- ``five_haves`` 五有 ([seed 000][seed-000], city communities): venue, equipment, keeper, rules,
  film library.

Users add their own as a TOML/JSON file of the same shape, read by
[`pmedu.io.standards.load_standard`][pmedu.io.standards.load_standard] into
[`Standard.from_document`][pmedu.stations.standards.Standard.from_document].

>>> std = Standard.preset(name="two_machines_one_room")
>>> std.label, [i.name for i in std.items]
('两机一室', ['television', 'player', 'room'])
>>> from pmedu.model import Station
>>> [i.label for i in check(Station(id="S", unit_id="V", features=["电视机"]), std)]
['VCD/DVD机', '播放室']
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import validators as v

from pmedu.compat import deprecated
from pmedu.convert import split_version, structure
from pmedu.errors import PolicyError
from pmedu.labels import UnitKind, parse_kinds
from pmedu.model import Feature, Station
from pmedu.stations import presets

__all__ = ["Standard", "StandardItem", "check", "equipped", "passes"]

#: the newest format version of a file of this kind this pmedu reads (a file without a
#: ``version`` key is version 1, as 0.1.0 wrote them)
VERSION = 1


def _features(value: Any) -> frozenset[Feature]:
    if isinstance(value, str | Feature):
        return frozenset({Feature.parse(value)})
    return frozenset(Feature.parse(x) for x in value)


def _nonempty(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise ValueError(f"'{attribute.name}' must not be empty")


def _kinds(value: Any) -> frozenset[UnitKind]:
    return parse_kinds(value) if value else frozenset()


@attrs.frozen
class StandardItem:
    """One item of a checklist: its name, Chinese label and the features it requires.

    >>> item = StandardItem(name="registers", label="三薄一册", requires=["签到册", "讨论登记薄"])
    >>> sorted(f.value for f in item.requires)
    ['discussion_register', 'sign_in_book']
    """

    name: str = attrs.field(validator=v.instance_of(str))
    label: str = attrs.field(validator=v.instance_of(str))
    requires: frozenset[Feature] = attrs.field(converter=_features, validator=_nonempty)
    description: str = ""

    def met_by(self, station: Station) -> bool:
        """Whether ``station`` has every feature this item requires."""
        return self.requires <= station.features

    def __str__(self) -> str:
        return f"{self.label} ({self.name})"


def _unique_items(_inst: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
    seen: set[str] = set()
    dups: set[str] = set()
    for item in value:
        (dups if item.name in seen else seen).add(item.name)
    if dups:
        raise ValueError(f"duplicate item name(s): {', '.join(sorted(dups))}")


def _item_tuple(value: Any) -> tuple[StandardItem, ...]:
    return tuple(value)


@attrs.frozen
class Standard:
    """A named station standard (a checklist profile).

    Parameters
    ----------
    name, label
        English name and Chinese label (``"six_haves"``, ``"六有"``).
    items
        The checklist: a station passes when it meets every item.
    seed
        The source document the standard comes from (``"002"``).
    applies_to
        Unit kinds the standard is meant for (empty: any kind); informative.

    >>> Standard(name="x", label="x", items=[])
    Traceback (most recent call last):
    ...
    ValueError: 'items' must not be empty
    """

    name: str = attrs.field(validator=v.instance_of(str))
    label: str = attrs.field(validator=v.instance_of(str))
    items: tuple[StandardItem, ...] = attrs.field(
        converter=_item_tuple, validator=[_nonempty, _unique_items]
    )
    seed: str = ""
    description: str = ""
    applies_to: frozenset[UnitKind] = attrs.field(default=frozenset(), converter=_kinds)

    @classmethod
    def preset(cls, name: str) -> Standard:
        """A standard shipped with pmedu by name or Chinese label (see
        [`presets`][pmedu.stations.standards.Standard.presets]).

        >>> Standard.preset(name="六有").name
        'six_haves'
        """
        if name not in presets.names():
            for known in presets.names():
                std = cls._shipped(known)
                if std.label == name:
                    return std
        return cls._shipped(name)

    @classmethod
    def _shipped(cls, name: str) -> Standard:
        return cls.from_document(presets.document(name), source=presets.source(name))

    @staticmethod
    def presets() -> list[str]:
        """Names of the shipped standards.

        >>> Standard.presets()
        ['five_haves', 'six_haves', 'two_machines_one_room']
        """
        return presets.names()

    @classmethod
    def from_document(cls, data: Any, *, source: str | None = None) -> Standard:
        """A standard from plain data (a parsed TOML/JSON document); every problem is
        reported, each item's by its path ``$.items[2].requires`` (``source`` names the
        document).

        >>> Standard.from_document({"name": "x", "label": "x", "items": [
        ...     {"name": "tv", "label": "电视", "requires": ["电视机"]}]}).requires()
        frozenset({<Feature.TELEVISION: 'television'>})
        """
        _, body = split_version(data, newest=VERSION, source=source, error=PolicyError)
        return structure(body, cls, source=source, error=PolicyError)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Standard:
        """Read a user standard from a TOML or JSON file: kept for now, the reader is
        [`pmedu.io.standards.load_standard`][pmedu.io.standards.load_standard]."""
        deprecated("Standard.load", "pmedu.io.standards.load_standard")
        std: Standard = importlib.import_module("pmedu.io.standards").load_standard(path)
        return std

    def requires(self) -> frozenset[Feature]:
        """Every feature the standard requires.

        >>> len(Standard.preset(name="six_haves").requires())
        9
        """
        out: frozenset[Feature] = frozenset()
        for item in self.items:
            out |= item.requires
        return out


def check(station: Station, standard: Standard) -> tuple[StandardItem, ...]:
    """The items of ``standard`` that ``station`` does not meet, in checklist order.

    An empty result means the station passes.

    >>> from pmedu.model import Station
    >>> six = Standard.preset(name="six_haves")
    >>> full = Station(id="S", unit_id="V", features=six.requires())
    >>> check(full, six)
    ()
    >>> [str(i) for i in check(full.without("党员签到册"), six)]
    ['三簿一册 (registers)']
    """
    return tuple(item for item in standard.items if not item.met_by(station))


def passes(station: Station, standard: Standard) -> bool:
    """Whether ``station`` meets every item of ``standard``.

    >>> from pmedu.model import Station
    >>> passes(Station(id="S", unit_id="V"), Standard.preset(name="two_machines_one_room"))
    False
    """
    return all(item.met_by(station) for item in standard.items)


_TWO = "two_machines_one_room"


def equipped(
    stations: Iterable[Station], *, standard: Standard | str | None = None
) -> frozenset[str]:
    """The ids of the units whose station meets ``standard`` (default 两机一室, television, player
    and room): what [`pmedu.supply.plan_supply`][pmedu.supply.plan.plan_supply] takes as
    ``equipped``.

    >>> from pmedu.model import Station
    >>> full = Station(id="S1", unit_id="V1", features=["电视机", "播放机", "播放室"])
    >>> sorted(equipped([full, Station(id="S2", unit_id="V2", features=["电视机"])]))
    ['V1']
    """
    std = standard if isinstance(standard, Standard) else Standard.preset(name=standard or _TWO)
    return frozenset(s.unit_id for s in stations if passes(s, std))
