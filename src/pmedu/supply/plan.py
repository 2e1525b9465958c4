"""The supply plan (供片计划): sets needed, subscribed, supplemented, held and short.

[`plan_supply`][pmedu.supply.plan.plan_supply] answers the county centre's question of [film
supply][concept-supply]: how many sets of e-education films are needed to reach one set per three
villages 每三个村有一套, how many come from the province/city general-material subscription
通用教材征订 (one per five administrative villages), how many the county must introduce or produce
itself 补充教材, how many are held and how many are short. The rules of §10:

* the **target** is computed at the grouping level (each township/street 乡镇/街道 by default,
  or each county) and summed upwards;
* the **subscription** ``round(villages / 5)`` is computed at each county-level unit
  县/区/县级市 on its own villages and summed upwards; **supplementary** sets are
  ``max(0, target − subscribed)`` at each county-level unit, summed upwards; on township
  lines both are ``None`` (not applicable);
* ``held`` counts the sets held by the unit and everything under it;
  ``shortfall = max(0, target − held)`` on every line.

Irregular trees: a township-level unit with no county above it (a 地级市 that runs towns
directly, 不设区的市) has its parent act as the county-level unit for it; villages under no
township-level unit are grouped at their nearest planned ancestor.

>>> from pmedu import OrgTree, Unit
>>> units = [Unit(id="C", name="某县", kind="县")]
>>> for t, n in [("T1", 7), ("T2", 3), ("T3", 11), ("T4", 1)]:
...     units.append(Unit(id=t, name=t, kind="镇", parent_id="C"))
...     units += [Unit(id=f"{t}-V{i}", name="村", kind="村", parent_id=t) for i in range(n)]
>>> tree = OrgTree.from_units(units)
>>> c = plan_supply(tree).line("C")
>>> c.villages, c.target_sets, c.subscribed_sets, c.supplementary_sets
(22, 9, 5, 4)
>>> plan_supply(tree, policy=SupplyPolicy(grouping="county")).line("C").supplementary_sets
3
>>> plan_supply(tree, holdings={"C": 2, "T3": 3}).line("C").shortfall
4
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from itertools import compress
from typing import Any

import attrs

from pmedu.compat import deprecated
from pmedu.errors import DataError, Problem, UnknownUnitError
from pmedu.frames import records_frame, records_html, short
from pmedu.labels import UnitKind
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.supply.policy import Grouping, SupplyPolicy, divider
from pmedu.tables import format_table

__all__ = ["HEADERS_ZH", "SupplyLine", "SupplyPlan", "plan_supply"]

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)
_LINE_KINDS = (UnitKind.TOWNSHIP, UnitKind.STREET, UnitKind.COUNTY)

#: English record keys → Chinese column headers, for export (导出)
HEADERS_ZH: dict[str, str] = {
    "unit_id": "编号",
    "name": "名称",
    "kind": "类型",
    "level": "层级",
    "villages": "村数",
    "target_sets": "应配套数",
    "subscribed_sets": "征订通用教材套数",
    "supplementary_sets": "补充教材套数",
    "held": "现有套数",
    "shortfall": "缺口套数",
    "magazines": "《党员电化教育》订数",
}


@attrs.frozen
class SupplyLine:
    """One line of a [`SupplyPlan`][pmedu.supply.plan.SupplyPlan]: a township, a county, or a total
    above them.

    ``subscribed_sets`` and ``supplementary_sets`` are ``None`` where not applicable (on
    township lines, and on totals with no county-level unit under them). ``magazines`` is the
    number of copies of 《党员电化教育》 for the units with 两机一室 under the line.

    >>> line = SupplyLine("T1", "东镇", UnitKind.TOWNSHIP, 1, 7, 3, None, None, 1, 2, 4)
    >>> line.level, line.shortfall
    ('township', 2)
    """

    unit_id: str
    name: str
    kind: UnitKind
    depth: int
    villages: int
    target_sets: int
    subscribed_sets: int | None
    supplementary_sets: int | None
    held: int
    shortfall: int
    magazines: int

    @property
    def level(self) -> str:
        """``"township"`` (乡镇/街道), ``"county"`` (县级) or ``"total"`` (合计, above)."""
        if self.kind in _TOWN:
            return "township"
        if self.kind is UnitKind.COUNTY:
            return "county"
        return "total"

    def to_record(self) -> dict[str, Any]:
        """The line as a plain dict with English keys (see
        [`HEADERS_ZH`][pmedu.supply.plan.HEADERS_ZH]).

        >>> SupplyLine("C", "某县", UnitKind.COUNTY, 0, 22, 9, 5, 4, 0, 9, 3).to_record()["kind"]
        'county'
        """
        return {
            "unit_id": self.unit_id,
            "name": self.name,
            "kind": self.kind.value,
            "level": self.level,
            "villages": self.villages,
            "target_sets": self.target_sets,
            "subscribed_sets": self.subscribed_sets,
            "supplementary_sets": self.supplementary_sets,
            "held": self.held,
            "shortfall": self.shortfall,
            "magazines": self.magazines,
        }


@attrs.frozen
class _Columns:
    """The plan's numbers, one list per field, one entry per line (pre-order)."""

    ids: list[str]
    names: list[str]
    kinds: list[UnitKind]
    depth: list[int]
    villages: list[int]
    target: list[int]
    subscribed: list[int | None]
    supplement: list[int | None]
    held: list[int]
    magazines: list[int]

    def line(self, j: int) -> SupplyLine:
        target, held = self.target[j], self.held[j]
        return SupplyLine(
            unit_id=self.ids[j],
            name=self.names[j],
            kind=self.kinds[j],
            depth=self.depth[j],
            villages=self.villages[j],
            target_sets=target,
            subscribed_sets=self.subscribed[j],
            supplementary_sets=self.supplement[j],
            held=held,
            shortfall=target - held if target > held else 0,
            magazines=self.magazines[j],
        )


@attrs.frozen
class SupplyPlan:
    """The supply plan: one [`SupplyLine`][pmedu.supply.plan.SupplyLine] per township-level unit,
    per county-level unit and per ancestor up to the root, in the tree's pre-order.

    The numbers are kept in columns; a [`SupplyLine`][pmedu.supply.plan.SupplyLine] is made when it
    is asked for, so a national plan costs a few lists, not tens of thousands of objects.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...                         Unit(id="T", name="东镇", kind="镇", parent_id="C"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> plan = plan_supply(t)
    >>> [line.unit_id for line in plan], plan.total.target_sets
    (['C', 'T'], 1)
    >>> plan.to_records()[1]["subscribed_sets"] is None
    True
    >>> print(plan)
    unit    villages  target  subscribed  supplement  held  shortfall  magazines
    ------  --------  ------  ----------  ----------  ----  ---------  ---------
    某县           1       1           1           0     0          1          0
      东镇         1       1           —           —     0          1          0
    """

    policy: SupplyPolicy
    _columns: _Columns = attrs.field(repr=False)
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index = {uid: j for j, uid in enumerate(self._columns.ids)}
        object.__setattr__(self, "_index", index)

    @property
    def lines(self) -> tuple[SupplyLine, ...]:
        """Every line, in the tree's pre-order."""
        return tuple(self)

    def __iter__(self) -> Iterator[SupplyLine]:
        return map(self._columns.line, range(len(self._columns.ids)))

    def __len__(self) -> int:
        return len(self._columns.ids)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._index

    def line(self, unit_id: str) -> SupplyLine:
        """The line of ``unit_id`` (``UnknownUnitError`` if the plan has no line for it)."""
        j = self._index.get(unit_id)
        if j is None:
            raise UnknownUnitError(f"no supply line for unit {unit_id!r}")
        return self._columns.line(j)

    @property
    def total(self) -> SupplyLine:
        """The line of the tree's root (the grand total)."""
        return self._columns.line(0)

    def level(self, level: str) -> list[SupplyLine]:
        """The lines of one level: ``"township"``, ``"county"`` or ``"total"``."""
        return [x for x in self if x.level == level]

    def to_records(self) -> list[dict[str, Any]]:
        """The lines as plain dicts with English keys; [`HEADERS_ZH`][pmedu.supply.plan.HEADERS_ZH]
        maps them to Chinese column headers."""
        return [x.to_record() for x in self]

    def to_pandas(self) -> Any:
        """The lines as a ``pandas.DataFrame`` (the columns of
        [`to_records`][pmedu.supply.plan.SupplyPlan.to_records]; counts that are not applicable
        are ``NaN`` in a float column); needs ``pmedu[pandas]``.

        >>> from pmedu import OrgTree, Unit
        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")])
        >>> plan_supply(t).to_pandas()["target_sets"].tolist()  # doctest: +SKIP
        [0]
        """
        return records_frame(
            self.to_records(),
            numeric=["subscribed_sets", "supplementary_sets"],
            columns=list(HEADERS_ZH),
            feature="SupplyPlan.to_pandas()",
        )

    def __repr__(self) -> str:
        """One line: the root, how many lines, and the total's target, held and shortfall.

        >>> from pmedu import OrgTree, Unit
        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")])
        >>> plan_supply(t)
        <SupplyPlan 东镇 (T): 1 lines, target 0, held 0, shortfall 0; policy default>
        """
        if not len(self):
            return f"<SupplyPlan: no lines; policy {short(self.policy.name, width=20)}>"
        t = self.total
        return (
            f"<SupplyPlan {short(t.name, width=20)} ({short(t.unit_id, width=16)}): "
            f"{len(self):,} lines, target {t.target_sets:,}, held {t.held:,}, "
            f"shortfall {t.shortfall:,}; policy {short(self.policy.name, width=20)}>"
        )

    def _repr_html_(self) -> str:
        """The first lines as a small HTML table (Jupyter)."""
        return records_html(self.to_records(), caption=repr(self), columns=list(HEADERS_ZH))

    def table(self, *, lang: str = "en", chinese: bool | None = None) -> str:
        """The plan as a text table (names indented by level; ``—`` for not applicable), with
        English headers by default, Chinese with ``lang="zh"`` (``chinese=True``, the old
        switch, is kept for now and wins when given).

        >>> from pmedu import OrgTree, Unit
        >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")])
        >>> plan_supply(t).table(lang="zh").splitlines()[0].split()[:3]
        ['名称', '村数', '应配套数']
        """
        if chinese is not None:
            deprecated("SupplyPlan.table(chinese=...)", 'SupplyPlan.table(lang="zh" | "en")')
            lang = "zh" if chinese else "en"
        if lang not in ("zh", "en"):
            raise ValueError(f"unknown language {lang!r}: use 'zh' or 'en'")
        keys = [
            "name",
            "villages",
            "target_sets",
            "subscribed_sets",
            "supplementary_sets",
            "held",
            "shortfall",
            "magazines",
        ]
        if lang == "zh":
            headers = [HEADERS_ZH[k] for k in keys]
        else:
            headers = ["unit", "villages", "target", "subscribed", "supplement", "held"]
            headers += ["shortfall", "magazines"]
        top = self._columns.depth[0] if len(self) else 0
        rows = []
        for x in self:
            rec = x.to_record()
            rec["name"] = "  " * (x.depth - top) + x.name
            rows.append([rec[k] for k in keys])
        return format_table(headers, rows)

    def __str__(self) -> str:
        return self.table()


def _check_holdings(tree: OrgTree, holdings: Mapping[str, Any]) -> None:
    problems: list[Problem] = []
    for uid, sets in holdings.items():
        if uid not in tree:
            problems.append(Problem("unit is not in the tree", unit=str(uid), field="sets"))
        if isinstance(sets, bool) or not isinstance(sets, int) or sets < 0:
            problems.append(
                Problem(
                    f"sets must be a whole number >= 0, got {sets!r}", unit=str(uid), field="sets"
                )
            )
    if problems:
        raise DataError(problems)


def _check_equipped(tree: OrgTree, equipped: Collection[str]) -> None:
    if isinstance(equipped, str):
        raise DataError([Problem(f"expected a collection of unit ids, got {equipped!r}")])
    missing = sorted({str(uid) for uid in equipped if uid not in tree})
    if missing:
        raise DataError(
            [Problem("unit is not in the tree", unit=uid, field="equipped") for uid in missing]
        )


def plan_supply(
    tree: OrgTree,
    *,
    policy: SupplyPolicy | str | os.PathLike[str] | None = None,
    holdings: Mapping[str, int] | None = None,
    equipped: Collection[str] | Callable[[Unit], bool] | None = None,
) -> SupplyPlan:
    """The supply plan of ``tree`` under ``policy`` (see the module text for the rules).

    Parameters
    ----------
    tree
        The organisation tree.
    policy
        A [`SupplyPolicy`][pmedu.supply.policy.SupplyPolicy], a preset name, a policy file, or
        ``None`` (``default``).
    holdings
        Sets held, unit id → sets (e.g. from
        [`pmedu.supply.read_holdings`][pmedu.supply.holdings.read_holdings]); a unit's ``held``
        counts its own sets and those of every unit under it.
    equipped
        The ids of the organisations whose station has 两机一室 (television, player and
        room, e.g. from the station records): the magazine copies go to exactly these,
        whatever their kind (the policy's ``magazine_kinds`` do not filter them); an id not
        in the tree is a [`DataError`][pmedu.errors.DataError]. Without it a unit's
        ``has_station`` flag stands in, for the units of the policy's ``magazine_kinds``. A
        function of the [`Unit`][pmedu.model.unit.Unit] is still accepted (applied to the units
        of ``magazine_kinds``).

    O(n): one pass over the units in pre-order, then work on the planned lines only.

    >>> from pmedu import OrgTree, Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇"),
    ...                         Unit(id="V", name="石桥村", kind="村", parent_id="T",
    ...                              has_station=True)])
    >>> x = plan_supply(t).line("T")
    >>> x.target_sets, x.subscribed_sets, x.magazines
    (1, None, 1)
    >>> plan_supply(t, equipped={"T"}).line("T").magazines
    1
    >>> plan_supply(t, holdings={"X": 1})
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    unit X: sets: unit is not in the tree
    """
    pol = SupplyPolicy.resolve(policy)
    if holdings:
        _check_holdings(tree, holdings)
    if equipped is not None and not callable(equipped):
        _check_equipped(tree, equipped)
    par = tree.parent_positions()
    pos = _line_positions(tree, par)
    m = len(pos)
    li = {k: j for j, k in enumerate(pos)}
    lines = _Lines(
        pos=pos,
        lpar=[li[par[k]] if par[k] >= 0 else -1 for k in pos],
        ids=list(map(tree.column("id").__getitem__, pos)),
        kinds=list(map(tree.column("kind").__getitem__, pos)),
    )
    villages, mags = _counts(tree, pol, pos, equipped)
    own_v = list(villages)  # villages whose nearest line is this one
    for j in range(1, m):
        own_v[lines.lpar[j]] -= villages[j]
    held = _held(tree, holdings, lines.ids) if holdings else [0] * m
    target, subscribed, supplement, has_sub = _numbers(pol, lines, own_v)
    for j in range(m - 1, 0, -1):
        p = lines.lpar[j]
        held[p] += held[j]
    if pol.grouping is Grouping.COUNTY:  # township lines show their own need, not summed up
        sets_for = divider(pol.villages_per_set, rounding=pol.rounding)
        for j in range(m):
            if lines.is_town[j]:
                target[j] = sets_for(villages[j])
    depth = [0] * m
    for j in range(1, m):
        depth[j] = depth[lines.lpar[j]] + 1
    depth0 = tree.depth(lines.ids[0]) if m else 0
    applicable = [h > 0 and not t for h, t in zip(has_sub, lines.is_town, strict=True)]
    columns = _Columns(
        ids=lines.ids,
        names=list(map(tree.column("name").__getitem__, pos)),
        kinds=lines.kinds,
        depth=[d + depth0 for d in depth],
        villages=villages,
        target=target,
        subscribed=[x if a else None for x, a in zip(subscribed, applicable, strict=True)],
        supplement=[x if a else None for x, a in zip(supplement, applicable, strict=True)],
        held=held,
        magazines=mags,
    )
    return SupplyPlan(pol, columns)


def _line_positions(tree: OrgTree, par: Sequence[int]) -> list[int]:
    """The tree positions of the planned lines: line kinds, all their ancestors and the
    root, in pre-order (every ancestor of a line is a line, so a line's depth is its depth
    in the tree)."""
    mark = bytearray(len(par))
    mark[0] = 1
    pos = [0]
    for k in tree.kind_positions(_LINE_KINDS):
        while k >= 0 and not mark[k]:
            mark[k] = 1
            pos.append(k)
            k = par[k]
    pos.sort()
    return pos


def _counts(
    tree: OrgTree,
    pol: SupplyPolicy,
    pos: Sequence[int],
    equipped: Collection[str] | Callable[[Unit], bool] | None,
) -> tuple[list[int], list[int]]:
    """Villages and magazine copies under each line, from the tree's per-kind index: a
    subtree is a contiguous run of the pre-order, so a count in it is two bisections."""
    vpos = tree.kind_positions(pol.village_kinds)
    mpos = _magazine_positions(tree, pol, equipped)
    sizes = tree.subtree_sizes()
    ends = [k + sizes[k] for k in pos]
    villages = [bisect_left(vpos, e) - bisect_left(vpos, k) for k, e in zip(pos, ends, strict=True)]
    mags = [
        (bisect_left(mpos, e) - bisect_left(mpos, k)) * pol.magazines_per_unit
        for k, e in zip(pos, ends, strict=True)
    ]
    return villages, mags


def _magazine_positions(
    tree: OrgTree, pol: SupplyPolicy, equipped: Collection[str] | Callable[[Unit], bool] | None
) -> list[int]:
    """The sorted tree positions of the units that get magazine copies."""
    if equipped is not None and not callable(equipped):
        return sorted({tree.span(uid).start for uid in equipped})
    mk = tree.kind_positions(pol.magazine_kinds)
    if equipped is None:  # the units' own flags, read from the column
        flags = tree.column("has_station")
        return list(compress(mk, map(flags.__getitem__, mk)))
    return list(compress(mk, map(equipped, map(tree.unit_at, mk))))


def _held(tree: OrgTree, holdings: Mapping[str, int], ids: Sequence[str]) -> list[int]:
    """Sets held at each line itself (a unit below the lines counts at its nearest line)."""
    held = [0] * len(ids)
    line_of = dict(zip(ids, range(len(ids)), strict=True))
    for uid, sets in holdings.items():
        found = line_of.get(uid)
        if found is None:  # held below the lines (at a village): at its nearest line
            found = next(line_of[a.id] for a in reversed(tree.ancestors(uid)) if a.id in line_of)
        held[found] += sets
    return held


@attrs.define
class _Lines:
    """The planned lines' structure: tree positions, parent lines, ids, kinds, and (made
    here) the nearest township-level and county-level line of each and where villages are
    subscribed."""

    pos: list[int]
    lpar: list[int]
    ids: list[str]
    kinds: list[UnitKind]
    is_town: list[bool] = attrs.field(init=False)
    town: list[int] = attrs.field(init=False)
    county: list[int] = attrs.field(init=False)
    is_sub: list[bool] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        m = len(self.pos)
        self.is_town = [kd in _TOWN for kd in self.kinds]
        is_county = [kd is UnitKind.COUNTY for kd in self.kinds]
        # nearest township-level and county-level line (self included), top down
        self.town = [-1] * m
        self.county = [-1] * m
        for j in range(m):
            p = self.lpar[j]
            self.town[j] = j if self.is_town[j] else (self.town[p] if p >= 0 else -1)
            self.county[j] = j if is_county[j] else (self.county[p] if p >= 0 else -1)
        self.is_sub = list(is_county)
        for j in range(m):
            if self.is_town[j] and self.county[j] < 0 and self.lpar[j] >= 0:
                self.is_sub[self.lpar[j]] = True  # a city running towns directly: the county

    def subscribed_at(self, j: int) -> int:
        """The county-level line the villages of line ``j`` are subscribed at (marking ``j``
        itself when there is none above them)."""
        if self.county[j] >= 0:
            return self.county[j]
        if self.town[j] >= 0:
            return self.lpar[self.town[j]]
        self.is_sub[j] = True
        return j


def _numbers(
    pol: SupplyPolicy, lines: _Lines, own_v: Sequence[int]
) -> tuple[list[int], list[int], list[int], list[int]]:
    """Target, subscribed and supplementary sets per line, summed upwards, and how many
    subscription units each line holds."""
    m = len(own_v)
    by_county = pol.grouping is Grouping.COUNTY
    group_v = [0] * m
    group_sub = [-1] * m
    sub_v = [0] * m
    for j in range(m):
        v = own_v[j]
        if not v:
            continue
        s = lines.subscribed_at(j)
        g = s if by_county and s >= 0 else (lines.town[j] if lines.town[j] >= 0 else j)
        group_v[g] += v
        group_sub[g] = s
        if s >= 0:
            sub_v[s] += v
    sets_for = divider(pol.villages_per_set, rounding=pol.rounding)
    subscribed_for = divider(pol.villages_per_subscribed_set, rounding=pol.rounding)
    target = [0] * m
    by_sub = [0] * m
    for g in range(m):
        if group_v[g]:
            target[g] = sets_for(group_v[g])
            if group_sub[g] >= 0:
                by_sub[group_sub[g]] += target[g]
    subscribed = [0] * m
    supplement = [0] * m
    has_sub = [0] * m
    for s in range(m):
        if lines.is_sub[s]:
            subscribed[s] = subscribed_for(sub_v[s])
            supplement[s] = max(0, by_sub[s] - subscribed[s])
            has_sub[s] = 1
    for j in range(m - 1, 0, -1):
        p = lines.lpar[j]
        target[p] += target[j]
        subscribed[p] += subscribed[j]
        supplement[p] += supplement[j]
        has_sub[p] += has_sub[j]
    return target, subscribed, supplement, has_sub
