"""The sample county's party members and study records (issue 13, deliverable 6).

Called once from [`build_records`][pmedu.datasets._make_records.build_records], after every
other record is drawn, with its own seeded ``random.Random`` (never the records' stream, so
the other sample records stay the same):

- a roster matching each unit's counts exactly (``members``, ``mobile``, ``retired``,
  ``not_transferred``: [`pmedu.members.reconcile`][pmedu.members.reconcile.reconcile] finds no
  difference): mobile members both ways (villages' members mostly gone to work elsewhere 流出,
  communities' and enterprises' mostly come in 流入), retired and laid-off members,
  probationary members, skills;
- dual-managed members (双重管理, seed 004): members of township and county agencies and
  enterprises active in a village or community (驻村、进社区) — one for every away member of
  a unit with a station, so that the station's sessions expect as many members as before;
- every session's expected and signed-in members as ids, the counts unchanged (the
  attendance figures stay the same): the members expected there under the default policy
  (away members not expected, [`MemberPolicy`][pmedu.members.policy.MemberPolicy]);
- study records: each member's year of 三会一课, and for some a training class, party school
  or organised online study, with content and now and then an effect note.

>>> from pmedu.datasets import sample_records
>>> r = sample_records()
>>> len(r.members) > 20000, len(r.study_records) > len(r.members)
(True, True)
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from pmedu.labels import UnitKind
from pmedu.members import members_at
from pmedu.model import Member, StudyEntry, ViewingSession
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["SEED", "add_members"]

#: the members' own seed (a stream of their own)
SEED = 13

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)
_LOCAL = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "建国军华明丽芳秀英红伟强平海燕文玉兰春生德志勇敏静霞桂珍"
_TO = ["广东省深圳市", "广东省东莞市", "浙江省宁波市", "江苏省苏州市", "福建省厦门市", "上海市"]
_FROM = ["湖南省邵阳市", "江西省赣州市", "四川省南充市", "河南省信阳市", "贵州省遵义市"]
_SKILLS = ["法律咨询", "家电维修", "医疗保健", "农业技术", "文艺宣传", "电脑网络"]
_CONTENTS = ["学习党章党规", "学习习近平新时代中国特色社会主义思想", "乡村振兴专题",
             "党史学习教育", "基层治理专题", "法律法规学习"]  # fmt: skip
_EFFECTS = ["提高了政治理论水平", "掌握了一门实用技术", "增强了服务群众的本领"]


def _name(rnd: random.Random) -> str:
    return rnd.choice(_SURNAMES) + "".join(rnd.choices(_GIVEN, k=rnd.choice([1, 2])))


@attrs.define
class _Slot:
    """One member being drawn."""

    unit_id: str
    status: str = "在职"
    mobility: str = ""
    transferred: bool = True
    probationary: bool = False
    skills: tuple[str, ...] = ()
    dual: str | None = None


def _unit_slots(
    rnd: random.Random, uid: str, kind: UnitKind, counts: tuple[int, ...]
) -> list[_Slot]:
    n, mobile, retired, not_transferred = counts
    slots = [_Slot(uid) for _ in range(n)]
    order = list(range(n))
    rnd.shuffle(order)
    away_share = 0.65 if kind is UnitKind.VILLAGE else 0.15
    for k in order[:mobile]:
        slots[k].mobility = "流出" if rnd.random() < away_share else "流入"
    # retired: the members who are not mobile first
    rest = order[mobile:] + order[:mobile]
    for k in rest[:retired]:
        slots[k].status = "离退休"
    # not transferred: inflow members first, then members who are not away
    inflow = [k for k in order[:mobile] if slots[k].mobility == "流入"]
    others = [k for k in order[mobile:] if slots[k].mobility != "流出"]
    away = [k for k in order[:mobile] if slots[k].mobility == "流出"]
    for k in (inflow + others + away)[:not_transferred]:
        slots[k].transferred = False
        if slots[k].mobility == "流出":
            slots[k].mobility = "流入"  # an away member's relationship stays at home
    local = kind in _LOCAL
    for s in slots:
        if s.status == "在职" and local and rnd.random() < 0.03:
            s.status = "下岗"
        s.probationary = s.status == "在职" and rnd.random() < 0.04
        if rnd.random() < (0.35 if kind is UnitKind.COMMUNITY else 0.12):
            s.skills = tuple(rnd.sample(_SKILLS, rnd.choice([1, 1, 2])))
    return slots


def _counts(tree: OrgTree) -> list[tuple[int, ...]]:
    cols = [tree.column(f) for f in ("members", "mobile", "retired", "not_transferred")]
    return [tuple(c or 0 for c in row) for row in zip(*cols, strict=True)]


def _towns(tree: OrgTree) -> list[int]:
    parent = tree.parent_positions()
    kinds = tree.column("kind")
    out = [-1] * len(parent)
    for k, p in enumerate(parent):
        out[k] = k if kinds[k] in _TOWN else (out[p] if p >= 0 else -1)
    return out


def _dual(
    rnd: random.Random, tree: OrgTree, slots: dict[str, list[_Slot]], stationed: set[str]
) -> None:
    """One dual-managed member active at each station unit for each of its away members,
    from the work units (not villages or communities) of its township, then the county's."""
    ids, kinds, town = tree.column("id"), tree.column("kind"), _towns(tree)
    pools: dict[int, list[_Slot]] = {}
    for k, uid in enumerate(ids):
        if kinds[k] not in _LOCAL:
            free = [s for s in slots[uid] if s.mobility != "流出"]
            pools.setdefault(town[k], []).extend(free)
    for pool in pools.values():
        rnd.shuffle(pool)
    for k, uid in enumerate(ids):
        if uid not in stationed or kinds[k] in _TOWN:
            continue
        need = sum(s.mobility == "流出" for s in slots[uid])
        while need:
            pool = pools.get(town[k]) or pools.get(-1) or []
            if not pool:
                break
            helper = pool.pop()
            if helper.unit_id == uid:
                continue  # not a second unit
            need -= 1
            helper.dual = uid
            if not helper.skills and rnd.random() < 0.5:
                helper.skills = (rnd.choice(_SKILLS),)
    # communities without a station: members of the county's agencies living there (进社区)
    for k in tree.kind_positions(UnitKind.COMMUNITY):
        if ids[k] not in stationed:
            for _ in range(rnd.randint(2, 5)):
                if pools.get(-1):
                    helper = pools[-1].pop()
                    helper.dual = ids[k]
                    helper.skills = helper.skills or (rnd.choice(_SKILLS),)


def _roster(rnd: random.Random, tree: OrgTree, stationed: set[str]) -> list[Member]:
    ids, kinds = tree.column("id"), tree.column("kind")
    slots = {
        uid: _unit_slots(rnd, uid, kind, c)
        for uid, kind, c in zip(ids, kinds, _counts(tree), strict=True)
    }
    _dual(rnd, tree, slots, stationed)
    out: list[Member] = []
    for uid in ids:
        for s in slots[uid]:
            out.append(
                Member(
                    id=f"M{len(out) + 1:05d}",
                    name=_name(rnd),
                    unit_id=uid,
                    standing="预备" if s.probationary else "正式",
                    status=s.status,
                    mobility=s.mobility,
                    mobile_from=rnd.choice(_FROM) if s.mobility == "流入" else "",
                    mobile_to=rnd.choice(_TO) if s.mobility == "流出" else "",
                    transferred=s.transferred,
                    dual_unit_id=s.dual,
                    skills=s.skills,
                )
            )
    return out


def _pick(rnd: random.Random, pool: tuple[str, ...], n: int, keen: dict[str, float]) -> list[str]:
    """``n`` of ``pool``, the keener members more often, in pool order."""
    if n >= len(pool):
        return list(pool)
    ranked = sorted(pool, key=lambda m: -keen[m] * rnd.random())
    chosen = set(ranked[:n])
    return [m for m in pool if m in chosen]


def _session(
    rnd: random.Random, s: ViewingSession, pool: tuple[str, ...], keen: dict[str, float], town: bool
) -> ViewingSession:
    if town:  # the township's sessions named members m00 … m09: the first of its pool
        at = {f"{s.station_id[2:]}-m{k:02d}": m for k, m in enumerate(pool)}
        return attrs.evolve(
            s, expected=[at[m] for m in s.expected], signed_in=[at[m] for m in s.signed_in]
        )
    n_exp, n_sig = s.n_expected, s.n_signed_in
    expected = _pick(rnd, pool, n_exp, keen)
    signed = _pick(rnd, tuple(expected), n_sig, keen)
    return attrs.evolve(
        s,
        expected=expected,
        expected_count=None if len(expected) == n_exp else n_exp,
        signed_in=signed,
        signed_in_count=None if len(signed) == n_sig else n_sig,
    )


def _study(rnd: random.Random, members: list[Member], keen: dict[str, float]) -> list[StudyEntry]:
    out: list[StudyEntry] = []

    def add(m: Member, day: dt.date, kind: str, minutes: int, content: str) -> None:
        effect = rnd.choice(_EFFECTS) if rnd.random() < 0.08 else ""
        out.append(StudyEntry(id=f"L{len(out) + 1:06d}", member_id=m.id, date=day, kind=kind,
                              minutes=minutes, content=content, effect=effect))  # fmt: skip

    for m in members:
        k = keen[m.id]
        if not m.away:
            hours = max(1, round(rnd.uniform(16, 24) * (0.6 + 0.4 * k)))
            add(m, dt.date(2025, 12, 20), "三会一课", hours * 60, "全年三会一课")
        if rnd.random() < 0.5 * k:
            day = dt.date(2025, rnd.randint(3, 11), rnd.randint(1, 28))
            add(m, day, "培训班", rnd.choice([240, 360, 480]), rnd.choice(_CONTENTS))
        if rnd.random() < 0.08:
            day = dt.date(2025, rnd.randint(4, 10), rnd.randint(1, 28))
            add(m, day, "党校", rnd.choice([960, 1440]), "党校轮训")
        if rnd.random() < (0.9 if m.away else 0.4):
            day = dt.date(2025, rnd.randint(1, 12), rnd.randint(1, 28))
            add(m, day, "网络学习", rnd.choice([180, 360, 600, 900]), "共产党员网在线学习")
    return out


def add_members(records: Records, *, tree: OrgTree) -> Records:
    """``records`` with the sample roster, study records and sessions by member id (see the
    module docstring); a new object, ``records`` unchanged.

    >>> from pmedu.datasets import sample_county, sample_records
    >>> from pmedu.members import reconcile
    >>> reconcile(sample_county(), sample_records().members).ok
    True
    """
    rnd = random.Random(SEED)
    unit_of = {s.id: s.unit_id for s in records.stations}
    members = _roster(rnd, tree, set(unit_of.values()))
    keen = {m.id: rnd.uniform(0.35, 1.0) for m in members}
    pools = members_at(members)
    kinds = {uid: tree.unit(uid).kind for uid in set(unit_of.values())}
    sessions = [
        _session(rnd, s, pools.get(unit_of[s.station_id], ()), keen,
                 kinds[unit_of[s.station_id]] in _TOWN)
        for s in records.sessions
    ]  # fmt: skip
    return attrs.evolve(
        records, members=members, study_records=_study(rnd, members, keen), sessions=sessions
    )
