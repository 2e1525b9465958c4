"""The learning archive 学习档案 per member and year (seed [003][seed-003]:
"建立学习档案，把年度学习的时间、学习内容、达到的效果进行登记入册"; DOMAIN §11).

For each member and year: the minutes of the viewing sessions they signed in to (the
session's own ``minutes`` when recorded, else its films' running time) plus their study
records ([`StudyEntry`][pmedu.model.study.StudyEntry]: training classes, 三会一课, party
school, organised online study). 学时 = minutes ÷
[`ArchivePolicy.minutes_per_hour`][pmedu.viewing.archive.ArchivePolicy] (45), exact (a
``Fraction``, never float noise); a member meets the requirement with at least
``required_hours`` (32) 学时. E-education is one part of the archive: its share of each
member's minutes is shown beside the hours.

>>> from pmedu.model import Film, Member, StudyEntry, ViewingSession
>>> f = Film(id="F", title="t", category="法律", source="省", year=2020, media="dvd", minutes=45)
>>> a = build_archive(
...     [ViewingSession(id="1", station_id="S", date="2025-05-01", film_ids=["F"],
...                     signed_in=["m1"], theme="法治")],
...     [f],
...     study_records=[StudyEntry(id="L1", member_id="m1", date="2025-06-01", kind="三会一课",
...                 minutes=1395, content="学习党章")],
...     members=[Member(id="m1", name="甲", unit_id="V")], year=2025)
>>> m = a.get("m1")
>>> m.minutes, m.hours, m.meets, m.e_share
(1440, Fraction(32, 1), True, Fraction(1, 32))
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

import attrs
from attrs import validators as v

from pmedu.errors import DataError, Problem
from pmedu.labels import UnitKind
from pmedu.model import Film, FilmLibrary, Member, StudyEntry, StudyKind, ViewingSession
from pmedu.network import OrgTree

__all__ = [
    "ArchivePolicy",
    "LearningArchive",
    "MemberArchive",
    "Shortfall",
    "ShortfallLine",
    "build_archive",
    "requirement_counts",
    "shortfall",
    "township_positions",
]

_TOWNS = (UnitKind.TOWNSHIP, UnitKind.STREET)


def _fraction(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | Fraction):
        raise TypeError(f"expected a number of hours, got {value!r}")
    out = Fraction(value)
    if out < 0:
        raise ValueError(f"'required_hours' must be >= 0: {value}")
    return out


@attrs.frozen(kw_only=True)
class ArchivePolicy:
    """The archive's two parameters (DOMAIN §11: the national training plans' 32 class hours
    of 45 minutes).

    ``required_hours`` is exact (an ``int``, a ``Decimal``, a ``Fraction`` or text such as
    ``"32.5"``; a float is refused, it is not exact).

    >>> ArchivePolicy().required_hours, ArchivePolicy().minutes_per_hour
    (Fraction(32, 1), 45)
    >>> ArchivePolicy(required_hours="24.5").required_hours
    Fraction(49, 2)
    """

    minutes_per_hour: int = attrs.field(default=45, validator=[v.instance_of(int), v.ge(1)])
    required_hours: Fraction = attrs.field(default=Fraction(32), converter=_fraction)

    def hours(self, minutes: int) -> Fraction:
        """学时 for ``minutes`` (exact).

        >>> ArchivePolicy().hours(90)
        Fraction(2, 1)
        """
        return Fraction(minutes, self.minutes_per_hour)


def _decimal(x: Fraction, places: str = "0.01") -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_EVEN
    )


@attrs.frozen(kw_only=True)
class MemberArchive:
    """One member's year in the archive.

    ``unit_id`` is the member's party organisation (``None`` for an id not on the roster);
    ``sessions`` / ``session_minutes`` the viewing sessions signed in to; ``study_minutes``
    the study records, ``study`` their minutes per kind; ``themes`` (sessions' themes),
    ``contents`` and ``effects`` (the study records' notes), first seen first; ``hours`` the
    exact 学时; ``meets`` whether they reach the requirement. ``name`` is personal data
    (shown only when asked).

    >>> MemberArchive(member_id="m", year=2025, session_minutes=30, study_minutes=60,
    ...               hours=Fraction(2), meets=False).e_share
    Fraction(1, 3)
    """

    member_id: str
    year: int
    unit_id: str | None = None
    sessions: int = 0
    session_minutes: int = 0
    study_minutes: int = 0
    study: tuple[tuple[StudyKind, int], ...] = ()
    themes: tuple[str, ...] = ()
    contents: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    hours: Fraction = Fraction(0)
    meets: bool = False
    name: str = attrs.field(default="", repr=False)

    @property
    def minutes(self) -> int:
        """All study minutes: sessions plus study records."""
        return self.session_minutes + self.study_minutes

    @property
    def e_share(self) -> Fraction | None:
        """E-education's share of the member's minutes (``None`` with no minutes at all)."""
        return Fraction(self.session_minutes, self.minutes) if self.minutes else None

    def to_record(self, *, with_names: bool = False) -> dict[str, Any]:
        """The member's line as a plain dict: 学时 to two decimals, the share to four; the
        name only ``with_names``.

        >>> MemberArchive(member_id="m", year=2025, study_minutes=100,
        ...               hours=Fraction(100, 45)).to_record()["hours"]
        Decimal('2.22')
        """
        share = self.e_share
        out: dict[str, Any] = {"member": self.member_id}
        if with_names:
            out["name"] = self.name
        out.update(
            unit=self.unit_id,
            year=self.year,
            sessions=self.sessions,
            session_minutes=self.session_minutes,
            study_minutes=self.study_minutes,
            minutes=self.minutes,
            hours=_decimal(self.hours),
            meets=self.meets,
            e_education_share=None if share is None else _decimal(share, "0.0001"),
            themes="；".join(self.themes),
            contents="；".join(self.contents),
            effects="；".join(self.effects),
        )
        return out


@attrs.frozen
class LearningArchive:
    """Every member's [`MemberArchive`][pmedu.viewing.archive.MemberArchive] for ``year``, by
    member id.

    >>> LearningArchive(2025, ArchivePolicy()).meeting, len(LearningArchive(2025, ArchivePolicy()))
    (0, 0)
    """

    year: int
    policy: ArchivePolicy
    entries: tuple[MemberArchive, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, member_id: str) -> MemberArchive:
        """The member's line (``KeyError`` if the member is not in the archive)."""
        for e in self.entries:
            if e.member_id == member_id:
                return e
        raise KeyError(member_id)

    @property
    def meeting(self) -> int:
        """Members who reach the requirement."""
        return sum(e.meets for e in self.entries)

    def below(self) -> tuple[MemberArchive, ...]:
        """The members below the requirement, by id."""
        return tuple(e for e in self.entries if not e.meets)

    def to_records(self, *, with_names: bool = False) -> list[dict[str, Any]]:
        """One dict per member
        ([`MemberArchive.to_record`][pmedu.viewing.archive.MemberArchive.to_record])."""
        return [e.to_record(with_names=with_names) for e in self.entries]


@attrs.define
class _Acc:
    sessions: int = 0
    session_minutes: int = 0
    study: Counter[StudyKind] = attrs.field(factory=Counter)
    themes: dict[str, None] = attrs.field(factory=dict)
    contents: dict[str, None] = attrs.field(factory=dict)
    effects: dict[str, None] = attrs.field(factory=dict)


def _library(films: FilmLibrary | Iterable[Film] | Mapping[str, Film]) -> FilmLibrary:
    if isinstance(films, FilmLibrary):
        return films
    return FilmLibrary(films.values() if isinstance(films, Mapping) else films)


def _in(date: dt.date, year: int) -> bool:
    return date.year == year


def _sessions(
    acc: dict[str, _Acc], sessions: Iterable[ViewingSession], lib: FilmLibrary, year: int
) -> list[Problem]:
    problems: list[Problem] = []
    for s in sorted(sessions, key=lambda x: (x.date, x.id)):
        if not _in(s.date, year) or not s.signed_in:
            continue
        if s.minutes is None:
            bad = [f for f in s.film_ids if f not in lib]
            if bad:
                what = f"session {s.id}: unknown film(s) {', '.join(bad)}"
                problems.append(Problem(what, field="film_ids"))
                continue
            minutes = lib.minutes(s.film_ids)
        else:
            minutes = s.minutes
        for m in s.signed_in:
            a = acc.get(m)
            if a is None:
                a = acc[m] = _Acc()
            a.sessions += 1
            a.session_minutes += minutes
            if s.theme:
                a.themes[s.theme] = None
    return problems


def _study(acc: dict[str, _Acc], records: Iterable[StudyEntry], year: int) -> None:
    for r in sorted(records, key=lambda x: (x.date, x.id)):
        if not _in(r.date, year):
            continue
        a = acc.get(r.member_id)
        if a is None:
            a = acc[r.member_id] = _Acc()
        a.study[r.kind] += r.minutes
        if r.content:
            a.contents[r.content] = None
        if r.effect:
            a.effects[r.effect] = None


def build_archive(
    sessions: Iterable[ViewingSession],
    films: FilmLibrary | Iterable[Film] | Mapping[str, Film],
    *,
    study_records: Iterable[StudyEntry] = (),
    members: Iterable[Member] | None = None,
    year: int,
    policy: ArchivePolicy | None = None,
) -> LearningArchive:
    """The learning archive of ``year`` (see the module docstring).

    With ``members`` (the roster), every member on it has a line (zero minutes for one who
    did not study) with their unit; ids that signed in or have study records without being
    on the roster get a line with ``unit_id`` ``None``. Only sessions with signed-in *ids*
    count (a bare count names nobody). A film id not in ``films`` (of a session without its
    own ``minutes``) is a [`DataError`][pmedu.errors.DataError] listing every one.

    >>> from pmedu.model import Member, ViewingSession
    >>> a = build_archive([ViewingSession(id="1", station_id="S", date="2025-05-01",
    ...                                   signed_in=["m1"], minutes=90)], [],
    ...                   members=[Member(id="m2", name="乙", unit_id="V")], year=2025)
    >>> [(e.member_id, e.unit_id, e.hours) for e in a.entries]
    [('m1', None, Fraction(2, 1)), ('m2', 'V', Fraction(0, 1))]
    """
    pol = policy or ArchivePolicy()
    acc: dict[str, _Acc] = {}
    roster: dict[str, Member] = {}
    for m in members or ():
        roster[m.id] = m
        if m.id not in acc:
            acc[m.id] = _Acc()
    problems = _sessions(acc, sessions, _library(films), year)
    if problems:
        raise DataError(problems)
    _study(acc, study_records, year)
    entries = []
    kinds = list(StudyKind)
    for mid in sorted(acc):
        a = acc[mid]
        who = roster.get(mid)
        study = sum(a.study.values())
        hours = pol.hours(a.session_minutes + study)
        entries.append(
            MemberArchive(
                member_id=mid,
                year=year,
                unit_id=None if who is None else who.unit_id,
                sessions=a.sessions,
                session_minutes=a.session_minutes,
                study_minutes=study,
                study=tuple((k, a.study[k]) for k in kinds if k in a.study),
                themes=tuple(a.themes),
                contents=tuple(a.contents),
                effects=tuple(a.effects),
                hours=hours,
                meets=hours >= pol.required_hours,
                name="" if who is None else who.name,
            )
        )
    return LearningArchive(year, pol, tuple(entries))


def township_positions(tree: OrgTree) -> list[int]:
    """For every unit in pre-order, the position of the township or street it lies in
    (itself if it is one), or ``-1``: one pass over the parent array.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="C", name="c", kind="县"),
    ...                         Unit(id="T", name="t", kind="镇", parent_id="C"),
    ...                         Unit(id="V", name="v", kind="村", parent_id="T")])
    >>> township_positions(t)
    [-1, 1, 1]
    """
    parent = tree.parent_positions()
    kinds = tree.column("kind")
    out = [-1] * len(parent)
    for k, p in enumerate(parent):
        out[k] = k if kinds[k] in _TOWNS else (out[p] if p >= 0 else -1)
    return out


def requirement_counts(tree: OrgTree, archive: LearningArchive) -> tuple[Any, Any]:
    """``(meeting, members)`` for every unit of the tree: the members on the roster in its
    subtree who reach the requirement, and all of them (integers, rolled up with the tree's
    arrays). Members whose unit is not in the tree count nowhere.

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="t", kind="镇"),
    ...                         Unit(id="V", name="v", kind="村", parent_id="T")])
    >>> a = LearningArchive(2025, ArchivePolicy(), (
    ...     MemberArchive(member_id="a", year=2025, unit_id="V", meets=True),
    ...     MemberArchive(member_id="b", year=2025, unit_id="V")))
    >>> met, total = requirement_counts(t, a)
    >>> met["T"], total["T"]
    (1, 2)
    """
    met: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for e in archive.entries:
        if e.unit_id is not None and e.unit_id in tree:
            total[e.unit_id] += 1
            met[e.unit_id] += e.meets
    return (
        tree.rollup(lambda u: met.get(u.id, 0)),
        tree.rollup(lambda u: total.get(u.id, 0)),
    )


@attrs.frozen
class ShortfallLine:
    """One branch's or township's members below the requirement: ``below`` of ``members``;
    ``minutes`` all their study minutes, ``session_minutes`` the e-education part of them;
    ``member_ids`` and ``names`` (of the members below) are shown only when asked.

    >>> line = ShortfallLine("V", 10, 2, ("a", "b"), minutes=900, session_minutes=300)
    >>> line.to_record(), line.e_share
    ({'unit': 'V', 'members': 10, 'below': 2, 'e_education_share': Decimal('0.3333')}, \
Fraction(1, 3))
    """

    unit_id: str
    members: int
    below: int
    member_ids: tuple[str, ...] = attrs.field(default=(), repr=False)
    names: tuple[str, ...] = attrs.field(default=(), repr=False)
    minutes: int = attrs.field(default=0, kw_only=True)
    session_minutes: int = attrs.field(default=0, kw_only=True)

    @property
    def e_share(self) -> Fraction | None:
        """E-education's share of the members' minutes (``None`` without minutes)."""
        return Fraction(self.session_minutes, self.minutes) if self.minutes else None

    def to_record(self, *, with_ids: bool = False, with_names: bool = False) -> dict[str, Any]:
        """The line as a plain dict (counts; ids ``with_ids``, names ``with_names``)."""
        out: dict[str, Any] = {"unit": self.unit_id, "members": self.members, "below": self.below}
        share = self.e_share
        out["e_education_share"] = None if share is None else _decimal(share, "0.0001")
        if with_ids or with_names:
            out["member_ids"] = list(self.member_ids)
        if with_names:
            out["names"] = list(self.names)
        return out


@attrs.frozen
class Shortfall:
    """The members below the requirement per branch (the member's unit: only the branches
    with some below) and per township or street (every one with members on the roster), in
    tree order; ``total`` the whole tree's line (at its root; ``None`` without members).

    >>> Shortfall().to_records()
    []
    """

    by_branch: tuple[ShortfallLine, ...] = ()
    by_township: tuple[ShortfallLine, ...] = ()
    required_hours: Fraction = Fraction(32)
    total: ShortfallLine | None = None

    def to_records(
        self, *, with_ids: bool = False, with_names: bool = False
    ) -> list[dict[str, Any]]:
        """One dict per line, ``level`` ``branch`` or ``township``."""
        return [
            {"level": level, **line.to_record(with_ids=with_ids, with_names=with_names)}
            for level, lines in (("branch", self.by_branch), ("township", self.by_township))
            for line in lines
        ]


def shortfall(tree: OrgTree, archive: LearningArchive) -> Shortfall:
    """The members below the requirement, per branch and per township (see
    [`Shortfall`][pmedu.viewing.archive.Shortfall]).

    >>> from pmedu.model import Unit
    >>> t = OrgTree.from_units([Unit(id="T", name="t", kind="镇"),
    ...                         Unit(id="V", name="v", kind="村", parent_id="T")])
    >>> a = LearningArchive(2025, ArchivePolicy(), (
    ...     MemberArchive(member_id="a", year=2025, unit_id="V", meets=True),
    ...     MemberArchive(member_id="b", year=2025, unit_id="V", name="乙")))
    >>> s = shortfall(t, a)
    >>> for line in s.to_records(): print(line)
    {'level': 'branch', 'unit': 'V', 'members': 2, 'below': 1, 'e_education_share': None}
    {'level': 'township', 'unit': 'T', 'members': 2, 'below': 1, 'e_education_share': None}
    >>> s.to_records(with_names=True)[1]["names"]
    ['乙']
    """
    town = township_positions(tree)
    ids = tree.column("id")
    groups: dict[str, dict[int, list[MemberArchive]]] = {"branch": {}, "township": {}, "total": {}}
    for e in archive.entries:
        if e.unit_id is None or e.unit_id not in tree:
            continue
        k = tree.position(e.unit_id)
        groups["branch"].setdefault(k, []).append(e)
        groups["total"].setdefault(0, []).append(e)
        if town[k] >= 0:
            groups["township"].setdefault(town[k], []).append(e)

    def lines(level: str) -> tuple[ShortfallLine, ...]:
        out = []
        for k, es in sorted(groups[level].items()):
            low = [e for e in es if not e.meets]
            if low or level != "branch":
                out.append(
                    ShortfallLine(ids[k], len(es), len(low), tuple(e.member_id for e in low),
                                  tuple(e.name for e in low),
                                  minutes=sum(e.minutes for e in es),
                                  session_minutes=sum(e.session_minutes for e in es))
                )  # fmt: skip
        return tuple(out)

    total = lines("total")
    return Shortfall(
        lines("branch"),
        lines("township"),
        archive.policy.required_hours,
        total[0] if total else None,
    )
