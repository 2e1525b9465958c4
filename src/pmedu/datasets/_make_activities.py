"""The sample county's issue-17 records: theme activities, the TV column, liaison meetings, the
funding ledger and budgets, broadcasters and demonstration bases (DOMAIN §6, §8, §11).

Called once by [`build_records`][pmedu.datasets._make_records.build_records] on the records it
made; it draws from its **own** seeded `random.Random`, never from that generator's stream, so
every earlier record of the sample stays identical. The demonstration households get their level
(county-level 县级), the bases are built against
[`demo_base_targets`][pmedu.facts.measures.demo_base_targets] (seed 001's 10 city-level and 100
county-level bases, decomposed by villages).

>>> from pmedu.datasets import sample_county
>>> from pmedu.records import Records
>>> r = add_activities(Records(year=2025), tree=sample_county())
>>> len(r.theme_activities) > 20, len(r.liaison_meetings), r.tv_columns[0].channel
(True, 3, '县电视台')
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from pmedu.facts.measures import demo_base_targets
from pmedu.labels import UnitKind
from pmedu.model import (
    Broadcaster,
    DemoBase,
    DemoTargets,
    LedgerEntry,
    LiaisonMeeting,
    ThemeActivity,
    TvColumn,
    Unit,
    UnitBudget,
)
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["SEED", "add_activities"]

#: this module's own seed (issue 17), independent of the records generator's
SEED = 17017

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ["明", "芳", "军", "丽", "强", "静", "伟", "敏", "勇", "艳", "杰", "娟", "涛", "霞"]
_PURPOSES = ["购置播放设备", "片源订购", "播放员培训", "网点建设", "党建专题片制作", "设备维修"]


def _day(rnd: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    return dt.date(year, rnd.randint(*months), rnd.randint(1, 28))


def _activities(rnd: random.Random, tree: OrgTree, t: Unit, year: int) -> list[ThemeActivity]:
    street = t.kind is UnitKind.STREET
    below = [u for u in tree.units(within=t.id) if u.kind.level == 5] or [t]
    out = []
    for k in range(rnd.randint(1, 4)):
        u = rnd.choice(below)
        kind = "凝聚力工程" if street else rnd.choice(["党员电教科技经济开发", "科技富民"])
        start = _day(rnd, year, (3, 11))
        end = start + dt.timedelta(days=rnd.choice([0, 0, 1, 2, 6]))
        out.append(ThemeActivity(id=f"HD-{t.id}-{k + 1}", unit_id=u.id, kind=kind, start=start,
                                 end=end if end != start else None,
                                 participants=rnd.randint(15, 120),
                                 title=f"{u.name}{kind}活动"))  # fmt: skip
    return out


def _ledger(
    rnd: random.Random, uid: str, year: int, weak: bool
) -> tuple[list[LedgerEntry], UnitBudget]:
    rows = []
    for k, source in enumerate(["预算", "党费", "捐赠"][: rnd.randint(1, 3)]):
        amount = rnd.randint(20, 300) * 100 if source == "预算" else rnd.randint(5, 60) * 100
        rows.append(LedgerEntry(id=f"JF-{uid}-{k + 1}", unit_id=uid, year=year, source=source,
                                amount=amount, purpose=rnd.choice(_PURPOSES),
                                earmarked=source != "捐赠" or rnd.random() < 0.5))  # fmt: skip
    if weak:
        rows.append(LedgerEntry(id=f"JF-{uid}-X", unit_id=uid, year=year, source="预算",
                                amount=3000, purpose="挪作他用", for_e_education=False,
                                audit_finding="电教专项经费挪作他用"))  # fmt: skip
    budget = UnitBudget(unit_id=uid, year=year, total=rnd.randint(80, 400) * 10000)
    return rows, budget


def add_activities(records: Records, *, tree: OrgTree) -> Records:
    """``records`` with the sample's issue-17 records added (the inputs are not changed).

    >>> from pmedu.datasets import sample_county
    >>> from pmedu.model import FundsMisuse
    >>> import datetime as dt
    >>> case = FundsMisuse(id="M", unit_id="T17", date=dt.date(2025, 6, 18))
    >>> r = add_activities(Records(year=2025, funds_misuse=[case]), tree=sample_county())
    >>> [e.unit_id for e in r.ledger if e.misuse], r.budgets[0].unit_id == sample_county().root.id
    (['T17'], True)
    """
    rnd = random.Random(SEED)
    year = records.year or 2025
    root = tree.root
    towns = tree.units(kind=_TOWN)
    # the ledger's misuse finding is at the township of the records' misuse case, if any
    town_ids = {t.id for t in towns}
    cases = [c.unit_id for c in records.funds_misuse if c.unit_id in tree]
    line = [*tree.ancestors(cases[0]), tree.unit(cases[0])] if cases else []
    weak = next((u.id for u in line if u.id in town_ids), None)
    acts: list[ThemeActivity] = []
    ledger: list[LedgerEntry] = []
    rows, county_budget = _ledger(rnd, root.id, year, False)
    ledger += rows
    budgets = [county_budget]
    for t in towns:
        acts += _activities(rnd, tree, t, year)
        rows, budget = _ledger(rnd, t.id, year, t.id == weak)
        ledger += rows
        budgets.append(budget)
    tv = [TvColumn(unit_id=root.id, year=year, name="党员电教", channel="县电视台",
                   episodes=24, concentrated=2)]  # fmt: skip
    meetings = [LiaisonMeeting(id=f"TL-{q}", unit_id=root.id, date=dt.date(year, 3 * q - 1, 18),
                               attendees=rnd.randint(15, 40), topic="党建电视栏目通联")
                for q in (1, 2, 4)]  # fmt: skip
    casters = []
    for s in records.stations:
        trained = _day(rnd, year - rnd.randint(0, 2)) if rnd.random() < 0.8 else None
        name = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN)
        casters.append(Broadcaster(id=f"BF-{s.id}", name=name, station_id=s.id, trained=trained))
    targets = demo_base_targets(tree, DemoTargets())
    bases = []
    for t in towns:
        share = targets.get(t.id, 0)
        for k in range(round(share * rnd.uniform(0.5, 1.2))):
            level = "市级" if k == 0 and rnd.random() < 0.4 else "县级"
            built = year - rnd.randint(0, 3)
            bases.append(DemoBase(id=f"JD-{t.id}-{k + 1}", unit_id=t.id, level=level,
                                  year=built, name=f"{t.name}科技示范基地"))  # fmt: skip
    demo = tuple(attrs.evolve(d, level="县级") for d in records.demo_households)
    return attrs.evolve(records, theme_activities=acts, tv_columns=tv, liaison_meetings=meetings,
                        ledger=ledger, budgets=budgets, broadcasters=casters, demo_bases=bases,
                        demo_households=demo)  # fmt: skip
