"""Deterministic synthetic organisation trees (生成示例组织体系) for tests, demos and benchmarks.

Three shapes, all fictional, all reproducible from a seed:

``county``
    One county 县 with townships 乡镇 and streets 街道, administrative villages 行政村,
    communities 社区, enterprises 企业, non-public enterprises 非公有制企业, social
    organisations 社会组织 and agencies 机关 (the shape of the bundled sample county).
``province``
    One province 省 → cities 市 → counties → township level → leaves.
``nation``
    The whole country 全国: at full size 31 provinces, 333 cities, 2,800 county-level units and
    38,000 township-level units ([the organisation tree][concept-tree]); villages (about 85 %),
    communities (about 15 %) and a few enterprises, social organisations and agencies fill the rest.

Asking for fewer units than the full shape scales every level down in proportion; asking for
more keeps the full administrative skeleton and adds leaves. The total is always exactly the
number asked for. Names are Chinese-looking and fictional, drawn from syllable tables; member
counts, the member breakdown, the organisation type and ``has_station`` are drawn from a
``random.Random(seed)``, so the same call always gives the same units.

Ids follow one scheme: a standalone county is ``C000`` with townships/streets ``T01`` …,
villages ``T01-V01`` …, communities ``T05-C01`` …, enterprises ``-E01``, non-public
enterprises ``-N01``, social organisations ``-O01`` and agencies ``C000-A01``; in larger
shapes each id is prefixed by its parent's (``P03-D02-X05-T11-V07``: province, city 地级市,
county 县, township, village).

>>> units = county(seed=1, townships=3, streets=1, villages=12, communities=4,
...                enterprises=1, non_public=2, social=1, agencies=2)
>>> len(units), units[0].id, units[0].kind.label
(27, 'C000', '县')
>>> units == county(seed=1, townships=3, streets=1, villages=12, communities=4,
...                 enterprises=1, non_public=2, social=1, agencies=2)
True
>>> t = tree("nation", units=5_000, seed=7)
>>> len(t), t.root.kind.label, len(t.units(kind="省"))
(5000, '全国', 31)
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Literal

from pmedu.labels import OrgType, UnitKind
from pmedu.model import Unit
from pmedu.network import HierarchyRules, OrgTree

__all__ = [
    "COUNTY_UNITS",
    "NATION_UNITS",
    "PROVINCE_UNITS",
    "SHAPES",
    "county",
    "generate",
    "nation",
    "province",
    "tree",
]

Shape = Literal["county", "province", "nation"]

#: the shapes [`generate`][pmedu.datasets.synth.generate] and [`tree`][pmedu.datasets.synth.tree]
#: know
SHAPES: tuple[str, ...] = ("county", "province", "nation")

K = UnitKind

# ---- the default shapes --------------------------------------------------------------------

#: the default county (the sample county's shape): 17 townships and 3 streets, 300 villages,
#: 30 communities, 6 enterprises, 15 non-public enterprises, 8 social organisations, 10 agencies
_COUNTY_DEFAULT: dict[str, int] = {
    "townships": 17,
    "streets": 3,
    "villages": 300,
    "communities": 30,
    "enterprises": 6,
    "non_public": 15,
    "social": 8,
    "agencies": 10,
}
#: units in the default county shape (390)
COUNTY_UNITS = 1 + sum(_COUNTY_DEFAULT.values())

#: administrative skeleton of the whole nation at full size ([the organisation tree][concept-tree],
#: rounded)
_NATION_SKELETON = (31, 333, 2_800, 38_000)
#: units in the full-size nation (skeleton plus about 17 leaves per township-level unit)
NATION_UNITS = 700_000
#: an average province: a 31st of the nation
_PROVINCE_SKELETON = (11, 90, 1_226)
#: units in the full-size province
PROVINCE_UNITS = 22_600

#: share of township-level units that are streets 街道 (the rest are 乡/镇)
_STREET_SHARE = 0.22
#: share of 乡 among the non-street township-level units (the rest are 镇)
_XIANG_SHARE = 0.3

#: how the leaves are made up when a shape is scaled: kind → share
_LEAF_MIX: tuple[tuple[UnitKind, float], ...] = (
    (K.VILLAGE, 0.816),
    (K.COMMUNITY, 0.144),
    (K.ENTERPRISE, 0.006),
    (K.NON_PUBLIC_ENTERPRISE, 0.018),
    (K.SOCIAL_ORGANIZATION, 0.008),
    (K.AGENCY, 0.008),
)
#: share of each organisation kind that hangs directly under the county (the rest under a
#: township or street)
_AT_COUNTY: dict[UnitKind, float] = {
    K.ENTERPRISE: 0.5,
    K.NON_PUBLIC_ENTERPRISE: 0.25,
    K.SOCIAL_ORGANIZATION: 0.4,
    K.AGENCY: 1.0,
}
#: weight of a township (乡镇) and a street (街道) when leaves of a kind are shared out
_TOWN_WEIGHT: dict[UnitKind, tuple[float, float]] = {
    K.VILLAGE: (1.0, 0.03),
    K.COMMUNITY: (0.25, 3.0),
    K.ENTERPRISE: (1.0, 0.5),
    K.NON_PUBLIC_ENTERPRISE: (1.0, 1.5),
    K.SOCIAL_ORGANIZATION: (0.5, 2.0),
}
#: id letter of each leaf kind
_LETTER: dict[UnitKind, str] = {
    K.VILLAGE: "V",
    K.COMMUNITY: "C",
    K.ENTERPRISE: "E",
    K.NON_PUBLIC_ENTERPRISE: "N",
    K.SOCIAL_ORGANIZATION: "O",
    K.AGENCY: "A",
}
#: a unit's own members are drawn between these bounds (triangular), by kind
_MEMBERS: dict[UnitKind, tuple[int, int]] = {
    K.TOWNSHIP: (12, 45),
    K.STREET: (10, 40),
    K.VILLAGE: (12, 95),
    K.COMMUNITY: (20, 160),
    K.ENTERPRISE: (20, 260),
    K.NON_PUBLIC_ENTERPRISE: (3, 45),
    K.SOCIAL_ORGANIZATION: (3, 25),
    K.AGENCY: (15, 90),
}
#: probability that a unit of the kind has a viewing station 播放网点
_STATION: dict[UnitKind, float] = {
    K.TOWNSHIP: 0.97,
    K.STREET: 0.97,
    K.VILLAGE: 0.93,
    K.COMMUNITY: 0.85,
    K.ENTERPRISE: 0.6,
    K.NON_PUBLIC_ENTERPRISE: 0.35,
    K.SOCIAL_ORGANIZATION: 0.25,
    K.AGENCY: 0.5,
}
#: (probability, largest share of members) of each breakdown field, by kind
_BREAKDOWN: dict[UnitKind, dict[str, tuple[float, float]]] = {
    K.VILLAGE: {"mobile": (0.7, 0.3)},
    K.COMMUNITY: {"mobile": (0.5, 0.15), "retired": (1.0, 0.6), "not_transferred": (0.6, 0.2)},
    K.ENTERPRISE: {"retired": (0.5, 0.3)},
    K.NON_PUBLIC_ENTERPRISE: {"mobile": (0.6, 0.4)},
    K.AGENCY: {"retired": (0.5, 0.3)},
}

# ---- names ---------------------------------------------------------------------------------

_SYLLABLES = (
    "东西南北石桥河口青山龙凤金银平安新兴和顺长乐永福清水白马黄土红星柳林杨庄李家王湾"
    "沟坪坝岭峰塘溪田园高阳丰泰宁康华明光云松竹梅兰"
)
_ENTERPRISE = (
    "供电公司",
    "自来水公司",
    "粮食储备库",
    "烟草公司",
    "农村信用社",
    "建筑公司",
    "机械厂",
)
_NON_PUBLIC = ("食品有限公司", "纺织有限公司", "建材有限公司", "农业科技有限公司", "物流有限公司")
_SOCIAL = ("商会", "个体劳动者协会", "律师事务所", "会计师事务所", "养老服务中心", "志愿者协会")
_AGENCY = (
    "委办公室",
    "人民政府办公室",
    "委组织部",
    "委宣传部",
    "纪委监委",
    "发展和改革局",
    "财政局",
    "教育局",
    "公安局",
    "农业农村局",
    "卫生健康局",
    "交通运输局",
    "自然资源局",
    "人民法院",
    "人民检察院",
    "住房和城乡建设局",
    "民政局",
    "水利局",
)


class _Names:
    """Fictional names: two syllables and a suffix, from tables built once per suffix, so a
    million names share a few thousand string objects."""

    def __init__(self, rnd: Callable[[], float]) -> None:
        self._rnd = rnd
        self._stems = [a + b for a in _SYLLABLES for b in _SYLLABLES if a != b]
        self._tables: dict[str, list[str]] = {}

    def stem(self) -> str:
        return self._stems[int(self._rnd() * len(self._stems))]

    def table(self, suffix: str) -> list[str]:
        table = self._tables.get(suffix)
        if table is None:
            table = self._tables[suffix] = [s + suffix for s in self._stems]
        return table

    def __call__(self, suffix: str) -> str:
        table = self.table(suffix)
        return table[int(self._rnd() * len(table))]

    def pick(self, suffixes: Sequence[str]) -> str:
        return self(suffixes[int(self._rnd() * len(suffixes))])


# ---- sharing out ---------------------------------------------------------------------------


def _share(n: int, weights: Sequence[float], at_least_one: bool = False) -> list[int]:
    """Split ``n`` into ``len(weights)`` whole parts in proportion to ``weights`` (largest
    remainders; ties to the earlier part). With ``at_least_one`` every part gets one first
    when ``n`` allows it."""
    k = len(weights)
    if k == 0 or n <= 0:
        return [0] * k
    base = 1 if at_least_one and n >= k else 0
    rest = n - base * k
    total = float(sum(weights))
    if total <= 0:
        weights, total = [1.0] * k, float(k)
    quotas = [rest * w / total for w in weights]
    parts = [int(q) for q in quotas]
    left = rest - sum(parts)
    if left:
        order = sorted(range(k), key=lambda i: parts[i] - quotas[i])
        for i in order[:left]:
            parts[i] += 1
    return [p + base for p in parts]


def _largest_remainder(n: int, mix: Sequence[tuple[UnitKind, float]]) -> dict[UnitKind, int]:
    parts = _share(n, [w for _, w in mix])
    return {kind: p for (kind, _), p in zip(mix, parts, strict=True)}


# ---- the generator -------------------------------------------------------------------------


_COMMITTEE, _GENERAL, _BRANCH = OrgType.COMMITTEE, OrgType.GENERAL_BRANCH, OrgType.BRANCH
#: (lowest members, span, breakdown (field, probability, share), station probability,
#: fixed organisation type or None to choose by members)
_Profile = tuple[int, int, tuple[tuple[str, float, float], ...], float, OrgType | None]


class _Gen:
    """Emits units in pre-order (a unit, then everything under it)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.names = _Names(self.rnd)
        self.out: list[Unit] = []
        self._profiles: dict[UnitKind, _Profile | None] = {}

    def members(self, kind: UnitKind) -> int:
        lo, hi = _MEMBERS[kind]
        rnd = self.rnd
        return lo + int((rnd() + rnd()) * 0.5 * (hi - lo + 1))

    def profile(self, kind: UnitKind) -> _Profile | None:
        """What is drawn for a unit of ``kind`` (``None`` for the levels above township)."""
        if kind not in self._profiles:
            if kind in _MEMBERS:
                lo, hi = _MEMBERS[kind]
                parts = tuple((f, p, share) for f, (p, share) in _BREAKDOWN.get(kind, {}).items())
                level = kind.level
                org = OrgType.COMMITTEE if level is not None and level < 5 else None
                self._profiles[kind] = (lo, hi - lo + 1, parts, _STATION[kind], org)
            else:
                self._profiles[kind] = None
        return self._profiles[kind]

    def unit(
        self,
        uid: str,
        name: str,
        kind: UnitKind,
        parent: str | None,
        prof: _Profile | Literal[False] | None = False,
    ) -> None:
        """Append a unit with drawn members, breakdown, organisation type and station."""
        if prof is False:
            prof = self.profile(kind)
        if prof is None:  # nation … county: the committee and its e-education centre
            self.out.append(
                Unit(
                    id=uid,
                    name=name,
                    kind=kind,
                    parent_id=parent,
                    org_type=OrgType.COMMITTEE,
                    has_station=True,
                )
            )
            return
        rnd = self.rnd
        lo, span, breakdown, p_station, org = prof
        m = lo + int((rnd() + rnd()) * 0.5 * span)
        parts: dict[str, int] = {}
        for field, p, share in breakdown:
            if rnd() < p:
                parts[field] = int(m * share * rnd())
        if org is None:
            org = _COMMITTEE if m >= 100 else _GENERAL if m >= 50 else _BRANCH
        self.out.append(
            Unit(
                id=uid,
                name=name,
                kind=kind,
                parent_id=parent,
                members=m,
                org_type=org,
                has_station=rnd() < p_station,
                **parts,
            )
        )

    def county_body(
        self,
        cid: str,
        cname: str,
        local: str,
        towns: int,
        streets: int,
        leaves: dict[UnitKind, int],
    ) -> None:
        """Everything under county ``cid``: townships/streets with their leaves, then the
        organisations directly under the county. ``local`` prefixes township ids."""
        rnd = self.rnd
        # the streets (the county seat's 城区) first, then the townships
        kinds = [K.STREET] * streets + [K.TOWNSHIP] * towns
        size = [0.4 + 1.2 * rnd() for _ in kinds]
        at_county: dict[UnitKind, int] = {}
        per_town: dict[UnitKind, list[int]] = {}
        for kind, n in leaves.items():
            top = round(n * _AT_COUNTY.get(kind, 0.0)) if kinds else n
            at_county[kind] = top
            if kinds:
                tw, sw = _TOWN_WEIGHT.get(kind, (1.0, 1.0))
                weights = [
                    s * (sw if k is K.STREET else tw) for s, k in zip(size, kinds, strict=True)
                ]
                per_town[kind] = _share(n - top, weights)
        names = self.names
        for t, tkind in enumerate(kinds):
            tid = f"{local}T{t + 1:02d}"
            if tkind is K.STREET:
                tname = names("街道")
            else:
                tname = names("乡" if rnd() < _XIANG_SHARE else "镇")
            self.unit(tid, tname, tkind, cid)
            for kind, _ in _LEAF_MIX:
                counts = per_town.get(kind)
                if counts:
                    self.leaves(tid, kind, counts[t])
        stem = cname[:-1]
        for kind, _ in _LEAF_MIX:
            n = at_county.get(kind, 0)
            if kind is K.AGENCY:
                start = int(rnd() * len(_AGENCY)) if n < len(_AGENCY) else 0
                for j in range(n):
                    aname = cname + _AGENCY[(start + j) % len(_AGENCY)]
                    self.unit(f"{cid}-A{j + 1:02d}", aname, kind, cid)
            else:
                self.leaves(cid, kind, n, stem)

    def leaves(self, pid: str, kind: UnitKind, n: int, stem: str = "") -> None:
        if n <= 0:
            return
        names = self.names
        rnd = self.rnd
        prof = self.profile(kind)
        unit = self.unit
        prefix = f"{pid}-{_LETTER[kind]}"
        if kind is K.VILLAGE or kind is K.COMMUNITY:
            table = names.table("村" if kind is K.VILLAGE else "社区")
            size = len(table)
            for j in range(1, n + 1):
                unit(f"{prefix}{j:02d}", table[int(rnd() * size)], kind, pid, prof)
            return
        for j in range(1, n + 1):
            if kind is K.ENTERPRISE:
                name = (stem or names.stem()) + _ENTERPRISE[int(rnd() * len(_ENTERPRISE))]
            elif kind is K.NON_PUBLIC_ENTERPRISE:
                name = names.pick(_NON_PUBLIC)
            elif kind is K.SOCIAL_ORGANIZATION:
                name = names.pick(_SOCIAL)
            else:
                name = names.pick(_AGENCY)
            unit(f"{prefix}{j:02d}", name, kind, pid, prof)


def _check_counts(**counts: int) -> None:
    bad = [f"{k}={v!r}" for k, v in counts.items() if not isinstance(v, int) or v < 0]
    if bad:
        raise ValueError(f"counts must be integers >= 0: {', '.join(bad)}")


def county(
    *,
    seed: int = 0,
    townships: int = 17,
    streets: int = 3,
    villages: int = 300,
    communities: int = 30,
    enterprises: int = 6,
    non_public: int = 15,
    social: int = 8,
    agencies: int = 10,
    root_id: str = "C000",
    name: str | None = None,
) -> list[Unit]:
    """One county with exactly the numbers of units given (root first, in pre-order).

    Villages go to the townships 乡/镇 (streets get almost none), communities mostly to the
    streets 街道; agencies hang under the county, the other organisations partly under the
    county and partly under townships and streets. Ids: ``C000``, ``T01`` …,
    ``T01-V01`` …, ``T05-C01`` …, ``-E01``, ``-N01``, ``-O01``, ``C000-A01``; the streets
    come first (``T01`` … ``T03`` by default). ``name`` names the county (a drawn
    ``…县`` when ``None``).

    >>> units = county(seed=3)
    >>> len(units)
    390
    >>> from collections import Counter
    >>> Counter(u.kind.label for u in units)["行政村"]
    300
    >>> sorted({u.id for u in units if u.parent_id == "C000"})[:2]
    ['C000-A01', 'C000-A02']
    """
    _check_counts(
        townships=townships,
        streets=streets,
        villages=villages,
        communities=communities,
        enterprises=enterprises,
        non_public=non_public,
        social=social,
        agencies=agencies,
    )
    g = _Gen(seed)
    cname = g.names("县") if name is None else name
    g.unit(root_id, cname, K.COUNTY, None)
    leaves = {
        K.VILLAGE: villages,
        K.COMMUNITY: communities,
        K.ENTERPRISE: enterprises,
        K.NON_PUBLIC_ENTERPRISE: non_public,
        K.SOCIAL_ORGANIZATION: social,
        K.AGENCY: agencies,
    }
    g.county_body(root_id, cname, "", townships, streets, leaves)
    return g.out


def _scaled_county(units: int, seed: int) -> list[Unit]:
    d = _COUNTY_DEFAULT
    scale = min(1.0, units / COUNTY_UNITS)
    towns_full = d["townships"] + d["streets"]
    n_town = min(units - 1, max(1, round(towns_full * scale)))
    n_street = round(n_town * d["streets"] / towns_full)
    rest = units - 1 - n_town
    mix = [
        (K.VILLAGE, float(d["villages"])),
        (K.COMMUNITY, float(d["communities"])),
        (K.ENTERPRISE, float(d["enterprises"])),
        (K.NON_PUBLIC_ENTERPRISE, float(d["non_public"])),
        (K.SOCIAL_ORGANIZATION, float(d["social"])),
        (K.AGENCY, float(d["agencies"])),
    ]
    leaves = _largest_remainder(rest, mix)
    g = _Gen(seed)
    cname = g.names("县")
    g.unit("C000", cname, K.COUNTY, None)
    g.county_body("C000", cname, "", n_town - n_street, n_street, leaves)
    return g.out


def _skeleton(units: int, full: Sequence[int], full_total: int) -> tuple[list[int], int]:
    """Units per administrative level (each level at least as many as the one above) and
    the number of leaves left, for ``units`` in all."""
    scale = min(1.0, units / full_total)
    counts: list[int] = []
    remaining = units - 1
    prev = 1
    for level, f in enumerate(full):
        # the top level keeps its full count (31 provinces) while there is room for it
        want = min(f, remaining // len(full)) if level == 0 else round(f * scale)
        c = min(remaining, max(prev, want))
        counts.append(c)
        remaining -= c
        prev = max(c, 1)
    return counts, remaining


def _big(shape: Shape, units: int, seed: int) -> list[Unit]:
    """Province or nation: levels above the county, then one county body per county."""
    full: Sequence[int]
    if shape == "nation":
        full, full_total = _NATION_SKELETON, NATION_UNITS
        root_kind, levels = K.NATION, [K.PROVINCE, K.CITY, K.COUNTY]
    else:
        full, full_total = _PROVINCE_SKELETON, PROVINCE_UNITS
        root_kind, levels = K.PROVINCE, [K.CITY, K.COUNTY]
    counts, leaves_total = _skeleton(units, full, full_total)
    g = _Gen(seed)
    rnd = g.rnd
    names = g.names
    root_id = "CN" if shape == "nation" else "P01"
    g.unit(root_id, "全国" if shape == "nation" else names("省"), root_kind, None)

    # how many children each unit of each level gets, level by level
    per_level: list[list[int]] = []
    parents = 1
    for c in counts:
        per_level.append(_share(c, [0.5 + rnd() for _ in range(parents)], at_least_one=True))
        parents = c
    town_per_county = per_level[-1]
    street_per_county = [round(t * _STREET_SHARE) for t in town_per_county]
    # leaves: by kind, shared out among counties in proportion to their township counts
    by_kind = _largest_remainder(leaves_total, _LEAF_MIX)
    weights = [float(t) + 0.25 for t in town_per_county]
    county_leaves = {kind: _share(n, weights) for kind, n in by_kind.items()}

    letters = {K.PROVINCE: "P", K.CITY: "D", K.COUNTY: "X"}
    suffix: dict[UnitKind, Callable[[], str]] = {
        K.PROVINCE: lambda: names("省"),
        K.CITY: lambda: names("市"),
        K.COUNTY: lambda: names("区" if rnd() < 0.25 else "县"),
    }
    pos = [0] * len(levels)  # the next pre-order index at each level

    def emit(level: int, pid: str, n: int) -> None:
        kind = levels[level]
        prefix = letters[kind] if pid == root_id else f"{pid}-{letters[kind]}"
        for j in range(n):
            i = pos[level]
            pos[level] += 1
            uid = f"{prefix}{j + 1:02d}"
            name = suffix[kind]()
            g.unit(uid, name, kind, pid)
            if kind is K.COUNTY:
                streets = street_per_county[i]
                leaves = {k: county_leaves[k][i] for k in by_kind}
                g.county_body(uid, name, uid + "-", town_per_county[i] - streets, streets, leaves)
            else:
                emit(level + 1, uid, per_level[level + 1][i])

    emit(0, root_id, per_level[0][0])
    return g.out


def generate(shape: str, *, units: int | None = None, seed: int = 0) -> list[Unit]:
    """The units of a tree of ``shape`` (``"county"``, ``"province"`` or ``"nation"``) with
    exactly ``units`` units (the shape's full size when ``None``), root first, in pre-order.

    >>> [len(generate(s, units=2_000, seed=1)) for s in SHAPES]
    [2000, 2000, 2000]
    >>> generate("province", units=500)[0].kind.label
    '省'
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: use one of {', '.join(SHAPES)}")
    if units is not None and (not isinstance(units, int) or isinstance(units, bool) or units < 1):
        raise ValueError(f"units must be an integer >= 1, got {units!r}")
    if shape == "county":
        return county(seed=seed) if units is None else _scaled_county(units, seed)
    if shape == "province":
        return _big("province", PROVINCE_UNITS if units is None else units, seed)
    return _big("nation", NATION_UNITS if units is None else units, seed)


def province(*, units: int = PROVINCE_UNITS, seed: int = 0) -> list[Unit]:
    """A province 省 of ``units`` units: cities, counties, townships/streets and leaves.

    At full size ([`PROVINCE_UNITS`][pmedu.datasets.synth.PROVINCE_UNITS]) an average province: 11
    cities, 90 counties, 1,226 township-level units.

    >>> units = province(units=3_000, seed=2)
    >>> len(units), units[0].id, units[1].kind.label
    (3000, 'P01', '市')
    """
    return generate("province", units=units, seed=seed)


def nation(*, units: int = NATION_UNITS, seed: int = 0) -> list[Unit]:
    """The nation 全国 with ``units`` units. From
    [`NATION_UNITS`][pmedu.datasets.synth.NATION_UNITS] up the skeleton is the full one (31
    provinces, 333 cities, 2,800 counties, 38,000 townships/streets) and leaves fill the rest; below
    it every level is scaled down.

    >>> units = nation(units=10_000, seed=0)
    >>> len(units), units[0].name, sum(u.kind.label == "省" for u in units)
    (10000, '全国', 31)
    """
    return generate("nation", units=units, seed=seed)


def tree(
    shape: str,
    *,
    units: int | None = None,
    seed: int = 0,
    rules: HierarchyRules | str | None = None,
) -> OrgTree:
    """[`generate`][pmedu.datasets.synth.generate] as a validated
    [`OrgTree`][pmedu.network.tree.OrgTree].

    >>> t = tree("county", seed=5)
    >>> len(t), t.root.id, t.unit("T01-V01").kind.label
    (390, 'C000', '行政村')
    """
    return OrgTree.from_units(generate(shape, units=units, seed=seed), rules=rules)
