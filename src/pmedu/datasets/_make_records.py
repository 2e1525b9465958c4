"""Generate ``data/records_2025.json``: a year of e-education records for the sample county.

Run ``python -m pmedu.datasets._make_records`` to regenerate it (deterministic: a fixed seed, the
bundled sample county). The records give every township and street of the sample county a value for
every measure of [`pmedu.measures.MEASURES`][pmedu.measures.MEASURES] (except the production items
some townships did not deliver, which are meant to be missing), with differences between townships
so that the assessment ranks them:

- a station at every village and community the unit table marks ``has_station``, one at
  every township/street, and a few at non-public enterprises; equipment (两机一室) and
  the 六有 items vary by township;
- a film library of 36 films and film sets at the townships (some short of the
  one-per-three-villages target);
- monthly sessions at most stations (a township's diligence decides how many months), with
  expected and signed-in counts (member ids at the township stations, for the learning
  archive);
- production items (some late, a few missing), information reports per quarter, magazine
  subscriptions, demonstration-household targets and results, institutions, awards and
  one case of funds misuse.

>>> r = build_records()
>>> r.year, len(r.stations) > 250, len(r.films)
(2025, True, 36)
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import attrs

from pmedu.datasets import sample_county
from pmedu.datasets._make_activities import add_activities
from pmedu.io.documents import atomic_open
from pmedu.labels import UnitKind
from pmedu.model import (
    Award,
    DemoHouseholds,
    Feature,
    Film,
    FilmCategory,
    FilmSet,
    FilmSource,
    FundsMisuse,
    Institution,
    MagazineSubscription,
    Media,
    Station,
    Submission,
    TeachingStep,
    Unit,
    ViewingSession,
)
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["YEAR", "build_records", "main"]

YEAR = 2025
SEED = 2025

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)
_THEMES = ["学习党章", "先进典型", "农村实用技术", "法律法规", "反腐倡廉", "乡村振兴"]
_TMOR = (Feature.TELEVISION, Feature.PLAYER, Feature.ROOM)
_SIX = (
    Feature.ORGANISATION,
    Feature.STAFF,
    Feature.SIGNBOARD,
    Feature.FILM_LIBRARY,
    Feature.RULES,
    Feature.VIEWING_REGISTER,
    Feature.DISCUSSION_REGISTER,
    Feature.FEEDBACK_REGISTER,
    Feature.SIGN_IN_BOOK,
)


def _films(rnd: random.Random) -> list[Film]:
    cats = list(FilmCategory)
    sources = list(FilmSource)
    media = list(Media)
    return [
        Film(
            id=f"F{i:03d}",
            title=f"{cats[i % len(cats)].label}专题片{i:02d}",
            category=cats[i % len(cats)],
            source=sources[(i // 2) % len(sources)],
            year=rnd.randint(2015, YEAR),
            media=media[i % len(media)],
            minutes=rnd.choice([20, 25, 30, 40, 45, 50, 60]),
        )
        for i in range(1, 37)
    ]


@attrs.define
class _Built:
    """The records built so far (every list grows town by town)."""

    rnd: random.Random
    film_ids: list[str]
    stations: list[Station] = attrs.field(factory=list)
    film_sets: list[FilmSet] = attrs.field(factory=list)
    sessions: list[ViewingSession] = attrs.field(factory=list)
    submissions: list[Submission] = attrs.field(factory=list)
    subs: list[MagazineSubscription] = attrs.field(factory=list)
    demo: list[DemoHouseholds] = attrs.field(factory=list)
    insts: list[Institution] = attrs.field(factory=list)
    awards: list[Award] = attrs.field(factory=list)


def _features(rnd: random.Random, q: float) -> list[Feature]:
    out = [f for f in _TMOR if rnd.random() < 0.6 + 0.45 * q]
    if rnd.random() < q - 0.15:  # a standardised (六有) station
        out += _SIX
    else:
        out += [f for f in _SIX if rnd.random() < 0.5 + 0.45 * q]
    if rnd.random() < q:
        out.append(Feature.KEEPER)
    return out


def _month_session(
    b: _Built, u: Unit, sid: str, m: int, established: dt.date | None, town: bool, q: float
) -> None:
    rnd = b.rnd
    members = max(3, u.members)
    day = dt.date(YEAR, m, rnd.choice([8, 10, 12, 15]))
    if established is not None and day < established:
        day = established
    expected_ids: list[str] = []
    signed_ids: list[str] = []
    n_exp = members
    n_sig = min(n_exp, round(n_exp * rnd.uniform(0.45 + 0.35 * q, 0.7 + 0.3 * q)))
    if town:
        expected_ids = [f"{u.id}-m{k:02d}" for k in range(min(members, 10))]
        signed_ids = [x for x in expected_ids if rnd.random() < 0.5 + 0.5 * q]
    steps = [s for s in TeachingStep if rnd.random() < 0.5 + 0.5 * q]
    b.sessions.append(
        ViewingSession(
            id=f"{sid}-{m:02d}",
            station_id=sid,
            date=day,
            film_ids=rnd.sample(b.film_ids, rnd.choice([1, 1, 2])),
            theme=rnd.choice(_THEMES),
            expected=expected_ids,
            expected_count=None if expected_ids else n_exp,
            signed_in=signed_ids,
            signed_in_count=None if expected_ids else n_sig,
            steps=steps,
        )
    )


def _station(b: _Built, u: Unit, town: bool, q: float) -> None:
    rnd = b.rnd
    feats = list(_TMOR) + list(_SIX) + [Feature.KEEPER] if town else _features(rnd, q)
    established = None
    if not town and rnd.random() < 0.08:
        established = dt.date(YEAR, rnd.randint(2, 9), rnd.randint(1, 28))
    sid = f"S-{u.id}"
    b.stations.append(
        Station(id=sid, unit_id=u.id, features=feats, name=f"{u.name}播放点",
                keeper=f"{u.name}管理员" if Feature.KEEPER in feats else None,
                established=established)
    )  # fmt: skip
    first = 1 if established is None else established.month
    for m in range(first, 13):
        if rnd.random() > 0.45 + 0.55 * q:
            continue
        _month_session(b, u, sid, m, established, town, q)


def _film_sets(b: _Built, t: Unit, villages: list[Unit], q: float) -> None:
    # film sets: the target is ceil(villages / 3); weaker townships hold fewer
    rnd = b.rnd
    target = -(-len(villages) // 3)
    held = max(0, min(target + 1, round(target * (q + rnd.uniform(-0.1, 0.25)))))
    if t.kind is UnitKind.STREET:
        held = 1
    for k in range(held):
        picks = rnd.sample(b.film_ids, 8)
        bought = YEAR - rnd.randint(0, 3)
        b.film_sets.append(
            FilmSet(id=f"FS-{t.id}-{k + 1}", unit_id=t.id, film_ids=picks,
                    title=f"第{k + 1}套", year=bought)
        )  # fmt: skip


def _production(b: _Built, t: Unit, q: float) -> None:
    # production quota: one news item and one special-topic film by 31 December
    rnd = b.rnd
    for kind in ("news_item", "special_film"):
        r = rnd.random()
        if r < 0.1 + 0.25 * (1 - q):
            continue  # not delivered
        if r < 0.25 + 0.4 * (1 - q):
            when = dt.date(YEAR + 1, 1, rnd.randint(2, 25))  # late
        else:
            when = dt.date(YEAR, rnd.randint(9, 12), rnd.randint(1, 28))
        b.submissions.append(Submission(id=f"P-{t.id}-{kind}", unit_id=t.id, kind=kind,
                                        date=when, year=YEAR))  # fmt: skip


def _information(b: _Built, t: Unit, q: float) -> None:
    # information: two per quarter expected
    rnd = b.rnd
    k = 0
    for quarter in range(1, 5):
        for _ in range(rnd.choices([0, 1, 2, 3], weights=[1 - q, 1.5, 3 * q, q])[0]):
            month = 3 * (quarter - 1) + rnd.randint(1, 3)
            when = dt.date(YEAR, month, rnd.randint(1, 28))
            late = rnd.random() > 0.55 + 0.45 * q
            if late:
                end = dt.date(YEAR, 3 * quarter, 28)
                when = end + dt.timedelta(days=rnd.randint(4, 20))
            k += 1
            b.submissions.append(Submission(id=f"I-{t.id}-{k:02d}", unit_id=t.id,
                                            kind="information", date=when, year=YEAR,
                                            quarter=quarter))  # fmt: skip


def _demo(b: _Built, t: Unit, below: list[Unit], villages: list[Unit], q: float) -> None:
    # demonstration households: the county's 1,000 split by villages (streets: 5 each)
    share = round(1000 * len(villages) / 300) if villages else 5
    b.demo.append(DemoHouseholds(unit_id=t.id, year=YEAR, target=share))
    got = round(share * b.rnd.uniform(0.45 + 0.3 * q, 0.75 + 0.4 * q))
    holders = villages or [u for u in below if u.kind is UnitKind.COMMUNITY] or [t]
    for i, u in enumerate(holders):
        part = got // len(holders) + (1 if i < got % len(holders) else 0)
        if part:
            b.demo.append(DemoHouseholds(unit_id=u.id, year=YEAR, achieved=part))


def _institution_and_award(b: _Built, t: Unit, q: float) -> None:
    rnd = b.rnd
    if rnd.random() < 0.9:
        staff = rnd.randint(1, 3) if q > 0.6 else rnd.randint(0, 2)
        b.insts.append(Institution(unit_id=t.id, name=f"{t.name}党员电教站", staff=staff))
    if q > 0.85 and rnd.random() < 0.6:
        b.awards.append(Award(id=f"AW-{t.id}", unit_id=t.id, year=YEAR, level="省级",
                              title="省级党员电教先进单位"))  # fmt: skip
    elif rnd.random() < 0.3:
        b.awards.append(Award(id=f"AW-{t.id}", unit_id=t.id, year=YEAR, level="市级",
                              title="市级党员电教先进单位"))  # fmt: skip


def _town(b: _Built, tree: OrgTree, t: Unit, q: float) -> None:
    rnd = b.rnd
    below = tree.units(within=t.id)
    villages = [u for u in below if u.kind is UnitKind.VILLAGE]
    st_units = [t, *(u for u in below if u.kind.level == 5 and u.has_station)]
    st_units += [u for u in below if u.kind is UnitKind.NON_PUBLIC_ENTERPRISE and rnd.random() < q]
    for u in st_units:
        _station(b, u, u is t, q)
    _film_sets(b, t, villages, q)
    _production(b, t, q)
    _information(b, t, q)
    # magazine: units with a 两机一室 station subscribe, more often in better townships
    here_ids = {u.id for u in st_units}
    for s in b.stations:
        here = s.unit_id in here_ids and set(_TMOR) <= s.features
        if here and (s.unit_id == t.id or rnd.random() < 0.3 + 0.7 * q):
            b.subs.append(MagazineSubscription(unit_id=s.unit_id, year=YEAR))
    _demo(b, t, below, villages, q)
    _institution_and_award(b, t, q)


def build_records(*, tree: OrgTree | None = None) -> Records:
    """The sample records for ``tree`` (default:
    [`pmedu.datasets.sample_county`][pmedu.datasets.sample_county]).

    >>> build_records().check(tree=sample_county()).ok
    True
    """
    if tree is None:
        tree = sample_county()
    rnd = random.Random(SEED)
    films = _films(rnd)
    towns = tree.units(kind=_TOWN)
    # each township/street's "quality" in [0.55, 1.0] drives every record below
    quality = {t.id: round(rnd.uniform(0.55, 1.0), 2) for t in towns}
    b = _Built(rnd, [f.id for f in films])
    for t in towns:
        _town(b, tree, t, quality[t.id])

    # the county's own records: its centre, a set stock and one misuse case
    root = tree.root
    b.insts.append(Institution(unit_id=root.id, name=f"{root.name}党员电教中心", staff=4))
    b.film_sets += [FilmSet(id=f"FS-{root.id}-{k}", unit_id=root.id, film_ids=b.film_ids[:12])
                    for k in range(1, 4)]  # fmt: skip
    weakest = min(towns, key=lambda t: (quality[t.id], t.id))
    victim = next(u for u in tree.units(within=weakest.id) if u.kind.level == 5)
    misuse = [FundsMisuse(id="FM-001", unit_id=victim.id, date=dt.date(YEAR, 6, 18),
                          amount=3000.0, description="电教专项经费挪作他用")]  # fmt: skip
    records = Records(
        year=YEAR,
        stations=b.stations,
        films=films,
        film_sets=b.film_sets,
        sessions=b.sessions,
        submissions=b.submissions,
        subscriptions=b.subs,
        demo_households=b.demo,
        institutions=b.insts,
        awards=b.awards,
        funds_misuse=misuse,
    )
    return add_activities(records, tree=tree)


def _compact(data: Any) -> Any:
    """Drop empty values (``None``, ``""``, ``[]``) that equal the fields' defaults."""
    if isinstance(data, dict):
        return {k: _compact(v) for k, v in data.items() if v not in (None, "", [])}
    if isinstance(data, list):
        return [_compact(v) for v in data]
    return data


def main(*, path: str | None = None) -> Path:
    """Write the records document (one record per line, to keep the file small and
    diffable) and return its path.

    >>> import tempfile, pathlib
    >>> from pmedu.records import Records
    >>> p = main(path=str(pathlib.Path(tempfile.mkdtemp()) / "r.json"))
    >>> from pmedu.io.records import load_records
    >>> load_records(p) == build_records()
    True
    """
    out = Path(path) if path else Path(__file__).parent / "data" / f"records_{YEAR}.json"
    data = _compact(build_records().to_dict())
    parts = [f'{{"year": {data.pop("year")}']
    for key, items in data.items():
        rows = ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in items)
        parts.append(f'"{key}": [\n{rows}\n]')
    with atomic_open(out, mode="w", encoding="utf-8") as fh:
        fh.write(",\n".join(parts) + "}\n")
    out.chmod(0o644)
    return out


if __name__ == "__main__":  # pragma: no cover
    print(main())
