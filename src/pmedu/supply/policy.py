"""The supply policy (供片政策): every number of the film-supply rules as data.

[Seed 001][seed-001] sets the standard of one set of e-education films for every three villages
每三个村有一套, with the province/city general materials 通用教材 subscribed at one set per five
administrative villages 征订基数为每5个行政村一套 and the county making up the rest with
supplementary materials 补充教材 ([film supply][concept-supply]).
[`SupplyPolicy`][pmedu.supply.policy.SupplyPolicy] holds these numbers, the rounding, which units
count as villages, the grouping level and the magazine rule; presets ship as TOML files in
[`pmedu.supply.presets`][pmedu.supply.presets].

>>> p = SupplyPolicy()
>>> p.villages_per_set, p.villages_per_subscribed_set, p.rounding.label
(3, 5, '向上取整')
>>> p.sets_for(22), p.subscribed_for(22)
(8, 5)
>>> SupplyPolicy(villages_per_set=0)
Traceback (most recent call last):
...
ValueError: 'villages_per_set' must be > 0: 0
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from typing import Any

import attrs
from attrs import validators as v

from pmedu.compat import deprecated
from pmedu.convert import register_structure, split_version, structure
from pmedu.errors import PolicyError
from pmedu.labels import LabelledEnum, UnitKind, parse_kinds
from pmedu.supply import presets

__all__ = ["Grouping", "KindSet", "Rounding", "SetSource", "SupplyPolicy", "divide", "divider"]

#: the newest format version of a file of this kind this pmedu reads (a file without a
#: ``version`` key is version 1, as 0.1.0 wrote them)
VERSION = 1


class Rounding(LabelledEnum):
    """How a count of villages divided by a ratio becomes a whole number of sets.

    >>> Rounding.parse("四舍五入") is Rounding.HALF_UP
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "rounding"

    CEIL = ("ceil", "向上取整", ("ceiling", "up", "进一法"))
    FLOOR = ("floor", "向下取整", ("down", "去尾法"))
    HALF_UP = ("half_up", "四舍五入", ("round", "half-up", "nearest"))


class Grouping(LabelledEnum):
    """Where the target number of sets is computed before it is summed upwards.

    >>> Grouping.parse("按县").value
    'county'
    """

    @classmethod
    def noun(cls) -> str:
        return "grouping"

    TOWNSHIP = ("township", "按乡镇", ("乡镇", "town", "street", "街道"))
    COUNTY = ("county", "按县", ("县", "区", "县级"))


class SetSource(LabelledEnum):
    """Where a set of films comes from, which decides what it costs ([film
    supply][concept-supply]): the province/city general materials subscribed 征订通用教材,
    supplementary materials the county introduces 引进补充教材, or sets it produces itself 自制.

    >>> SetSource.parse("补充教材") is SetSource.SUPPLEMENTARY, SetSource.parse("自制").value
    (True, 'local')
    """

    @classmethod
    def noun(cls) -> str:
        return "set source"

    SUBSCRIBED = ("subscribed", "征订通用教材", ("通用教材", "general", "征订"))
    SUPPLEMENTARY = ("supplementary", "补充教材", ("introduced", "引进", "引进补充教材"))
    LOCAL = ("local", "自制教材", ("自制", "produced", "locally_produced", "本地制作"))


def divider(k: int, *, rounding: Rounding | str = Rounding.CEIL) -> Callable[[int], int]:
    """The function ``n ↦ n / k`` rounded as ``rounding`` says, on integers only (no float).

    >>> per3 = divider(3)
    >>> per3(7), per3(6), divider(3, rounding="floor")(7), divider(2, rounding="half_up")(7)
    (3, 2, 2, 4)
    >>> divider(3, rounding="四舍五入")(8), divider(3, rounding="四舍五入")(7)
    (3, 2)
    """
    r = Rounding.parse(rounding)
    if isinstance(k, bool) or not isinstance(k, int) or k <= 0:
        raise ValueError(f"divisor must be a whole number > 0: {k!r}")
    if r is Rounding.CEIL:
        return lambda n: -(-n // k)
    if r is Rounding.FLOOR:
        return lambda n: n // k
    k2 = 2 * k
    return lambda n: (2 * n + k) // k2


def divide(n: int, k: int, *, rounding: Rounding | str = Rounding.CEIL) -> int:
    """``n / k`` rounded as ``rounding`` says (see [`divider`][pmedu.supply.policy.divider]).

    >>> divide(7, 3), divide(7, 3, rounding="floor"), divide(7, 2, rounding="half_up"), divide(0, 3)
    (3, 2, 4, 0)
    """
    return divider(k, rounding=rounding)(n)


class KindSet(frozenset[UnitKind]):
    """A frozen set of unit kinds read from a list of labels (``["村", "社区"]``).

    >>> sorted(k.value for k in KindSet.parse(["村", "community"]))
    ['community', 'village']
    """

    @classmethod
    def parse(cls, value: Any) -> KindSet:
        """Parse one kind or a list of kinds (labels accepted); a ``ValueError`` names the
        unknown ones."""
        if isinstance(value, str | UnitKind):
            value = [value]
        if not isinstance(value, list | tuple | set | frozenset):
            raise TypeError(f"expected a list of unit kinds, got {value!r}")
        return cls(parse_kinds(value))


def _kind_set(value: Any) -> KindSet:
    return KindSet.parse(value)


def _rounding(value: Any) -> Rounding:
    return Rounding.parse(value)


def _grouping(value: Any) -> Grouping:
    return Grouping.parse(value)


def _source(value: Any) -> SetSource:
    return SetSource.parse(value)


def _village_kinds(value: Any) -> KindSet:
    kinds = KindSet.parse(value)
    wrong = sorted(k.label for k in kinds if k not in (UnitKind.VILLAGE, UnitKind.COMMUNITY))
    if wrong:
        raise ValueError(
            f"village kinds must be villages or communities (行政村, 社区), not {', '.join(wrong)}"
        )
    return kinds


def _nonempty(_inst: Any, attribute: attrs.Attribute[Any], value: frozenset[UnitKind]) -> None:
    if not value:
        raise ValueError(f"'{attribute.name}' must name at least one kind")


def _positive_int(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be an integer, got {value!r}")
    if value <= 0:
        raise ValueError(f"'{attribute.name}' must be > 0: {value}")


def _count(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be an integer, got {value!r}")
    if value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


_GRASSROOTS = KindSet(
    {
        UnitKind.VILLAGE,
        UnitKind.COMMUNITY,
        UnitKind.ENTERPRISE,
        UnitKind.NON_PUBLIC_ENTERPRISE,
        UnitKind.SOCIAL_ORGANIZATION,
        UnitKind.AGENCY,
        UnitKind.INSTITUTION,
    }
)


@attrs.frozen
class SupplyPolicy:
    """The film-supply rules ([film supply][concept-supply], [decisions][decisions]), every default
    a parameter.

    Parameters
    ----------
    name, description
        The policy's name and free text.
    villages_per_set
        Villages per set of films in the target ([seed 001][seed-001]: 3, 每三个村有一套).
    villages_per_subscribed_set
        Villages per set of subscribed general materials ([seed 001][seed-001]: 5, 每5个行政村一套),
        computed at each county-level unit on its own villages.
    rounding
        ``"ceil"`` (default, 向上取整), ``"floor"`` or ``"half_up"``; applies to the target
        and the subscription alike.
    village_kinds
        Which units count as villages: administrative villages only by default; add
        ``"community"`` (社区) to count communities too.
    grouping
        ``"township"`` (default: the target is computed per township/street and summed
        upwards, because township stations circulate the sets) or ``"county"`` (computed on
        the county's total).
    magazines_per_unit, magazine_kinds
        The magazine rule: 《党员电化教育》 is subscribed by every grassroots unit (of
        ``magazine_kinds``) that has 两机一室, ``magazines_per_unit`` copies each.
    set_cost_subscribed, set_cost_supplementary, set_cost_local
        What one set costs, in whole yuan, by its [`SetSource`][pmedu.supply.policy.SetSource]:
        subscribed general material, supplementary material introduced, locally produced.
        The defaults (300, 400, 600) are **placeholders**: a centre sets its own prices.
    budget_source
        The source the county buys its shortfall from under a budget
        ([`plan_budget`][pmedu.supply.budget.plan_budget]); ``"supplementary"`` by default
        (补充教材 are bought by the county, [seed 001][seed-001]).

    >>> SupplyPolicy(village_kinds=["村", "社区"], grouping="按县").grouping
    <Grouping.COUNTY: 'county'>
    >>> SupplyPolicy(rounding="nearly")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.LabelError: unknown rounding 'nearly'; accepted: ceil, floor, ...
    """

    name: str = "default"
    description: str = ""
    villages_per_set: int = attrs.field(default=3, validator=_positive_int)
    villages_per_subscribed_set: int = attrs.field(default=5, validator=_positive_int)
    rounding: Rounding = attrs.field(default=Rounding.CEIL, converter=_rounding)
    village_kinds: KindSet = attrs.field(
        default=KindSet({UnitKind.VILLAGE}), converter=_village_kinds, validator=_nonempty
    )
    grouping: Grouping = attrs.field(default=Grouping.TOWNSHIP, converter=_grouping)
    magazines_per_unit: int = attrs.field(default=1, validator=_count)
    magazine_kinds: KindSet = attrs.field(
        default=_GRASSROOTS, converter=_kind_set, validator=v.instance_of(KindSet)
    )
    set_cost_subscribed: int = attrs.field(default=300, validator=_positive_int)
    set_cost_supplementary: int = attrs.field(default=400, validator=_positive_int)
    set_cost_local: int = attrs.field(default=600, validator=_positive_int)
    budget_source: SetSource = attrs.field(default=SetSource.SUPPLEMENTARY, converter=_source)

    def set_cost(self, *, source: SetSource | str | None = None) -> int:
        """What one set from ``source`` costs in yuan (``None``: the ``budget_source``).

        >>> p = SupplyPolicy()
        >>> p.set_cost(), p.set_cost(source="subscribed"), p.set_cost(source=SetSource.LOCAL)
        (400, 300, 600)
        """
        src = self.budget_source if source is None else SetSource.parse(source)
        if src is SetSource.SUBSCRIBED:
            return self.set_cost_subscribed
        if src is SetSource.LOCAL:
            return self.set_cost_local
        return self.set_cost_supplementary

    def sets_for(self, villages: int) -> int:
        """The target number of sets for ``villages`` villages.

        >>> SupplyPolicy().sets_for(7), SupplyPolicy(rounding="floor").sets_for(7)
        (3, 2)
        """
        return divider(self.villages_per_set, rounding=self.rounding)(villages)

    def subscribed_for(self, villages: int) -> int:
        """The subscribed general sets for a county with ``villages`` villages.

        >>> SupplyPolicy().subscribed_for(22)
        5
        """
        return divider(self.villages_per_subscribed_set, rounding=self.rounding)(villages)

    @classmethod
    def preset(cls, *, name: str = "default") -> SupplyPolicy:
        """A shipped preset (see [`presets`][pmedu.supply.policy.SupplyPolicy.presets]).

        >>> SupplyPolicy.preset(name="seed001").villages_per_set
        3
        """
        return cls.from_document(presets.document(name), source=presets.source(name))

    @classmethod
    def presets(cls) -> list[str]:
        """Names of the shipped presets.

        >>> SupplyPolicy.presets()
        ['default', 'seed001']
        """
        return presets.names()

    @classmethod
    def from_document(cls, data: Any, *, source: str | None = None) -> SupplyPolicy:
        """A policy from plain data (a parsed TOML/JSON document); every bad field is
        reported by name (``source`` names the document).

        >>> SupplyPolicy.from_document({"villages_per_set": -1, "grouping": "city"},
        ...                            source="p.json")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        pmedu.errors.PolicyError: 2 problems:
        p.json: $.villages_per_set: 'villages_per_set' must be > 0: -1
        p.json: $.grouping: unknown grouping 'city'; accepted: ...
        """
        _, body = split_version(data, newest=VERSION, source=source, error=PolicyError)
        return structure(body, cls, source=source, error=PolicyError)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SupplyPolicy:
        """Read a policy from a TOML or JSON file: kept for now, the reader is
        [`pmedu.io.policies.load_policy`][pmedu.io.policies.load_policy]."""
        deprecated("SupplyPolicy.load", "pmedu.io.policies.load_policy")
        policy: SupplyPolicy = importlib.import_module("pmedu.io.policies").load_policy(path)
        return policy

    @classmethod
    def resolve(cls, policy: SupplyPolicy | str | os.PathLike[str] | None) -> SupplyPolicy:
        """A policy from a policy, a preset name, or ``None`` (the default preset).

        Anything else is taken for a file and read by
        [`pmedu.io.policies.load_policy`][pmedu.io.policies.load_policy] (kept for now: a path is
        io's to resolve, see [`pmedu.io.policies.policy_from`][pmedu.io.policies.policy_from]).

        >>> SupplyPolicy.resolve(None) == SupplyPolicy.preset(name="default")
        True
        """
        if policy is None:
            return _default_preset()
        if isinstance(policy, SupplyPolicy):
            return policy
        text = os.fspath(policy)
        if text in cls.presets():
            return cls.preset(name=text)
        deprecated("SupplyPolicy.resolve(path)", "pmedu.io.policies.policy_from")
        loaded: SupplyPolicy = importlib.import_module("pmedu.io.policies").load_policy(text)
        return loaded


@functools.cache
def _default_preset() -> SupplyPolicy:
    return SupplyPolicy.preset(name="default")


# ---- converter hooks for this package's classes (registered on import) ------------------


def _kind_set_hook(value: Any, _t: type) -> KindSet:
    """In a file a list of kinds is a list: a bare string is an error (never one kind, never
    its characters)."""
    if isinstance(value, str):
        raise TypeError(f"expected a list of unit kinds, got {value!r}")
    return KindSet.parse(value)


register_structure(KindSet, _kind_set_hook)
