"""Attendance per station and up the tree, and the members' learning archive (学习档案).

>>> from pmedu.viewing import ViewingSession
>>> ss = [ViewingSession(id="a", station_id="S1", date="2025-01-10", expected_count=10,
...                      signed_in_count=8),
...       ViewingSession(id="b", station_id="S1", date="2025-02-10", expected_count=10,
...                      signed_in_count=6)]
>>> attendance_by_station(ss)["S1"].rate
0.7
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from pmedu.errors import DataError, Problem
from pmedu.model import Attendance, Film, FilmLibrary, Station, ViewingSession
from pmedu.network import OrgTree

__all__ = ["StudyRecord", "attendance_by_station", "attendance_by_unit", "learning_archive"]


def _in_year(session: ViewingSession, year: int | None) -> bool:
    return year is None or session.date.year == year


def attendance_by_station(
    sessions: Iterable[ViewingSession], *, year: int | None = None
) -> dict[str, Attendance]:
    """Total attendance of each station's sessions (in ``year`` if given).

    >>> from pmedu.viewing import ViewingSession
    >>> ss = [ViewingSession(id="a", station_id="S1", date="2024-12-10", expected_count=10,
    ...                      signed_in_count=9),
    ...       ViewingSession(id="b", station_id="S1", date="2025-01-10", expected_count=10,
    ...                      signed_in_count=8),
    ...       ViewingSession(id="c", station_id="S2", date="2025-02-10", expected_count=5,
    ...                      signed_in_count=5)]
    >>> attendance_by_station(ss)
    {'S1': Attendance(signed_in=17, expected=20), 'S2': Attendance(signed_in=5, expected=5)}
    >>> attendance_by_station(ss, year=2025)["S1"].rate
    0.8
    """
    out: dict[str, Attendance] = {}
    for s in sessions:
        if _in_year(s, year):
            out[s.station_id] = out.get(s.station_id, Attendance()) + s.attendance
    return out


def attendance_by_unit(
    tree: OrgTree,
    stations: Iterable[Station],
    sessions: Iterable[ViewingSession],
    *,
    year: int | None = None,
) -> dict[str, Attendance]:
    """For every unit of the tree: the attendance over every session held at stations in
    its subtree (sums of signed-in and expected, rolled up with the tree's arrays).

    A session at a station not in ``stations``, or a station at a unit not in the tree, is a
    [`DataError`][pmedu.errors.DataError].

    >>> from pmedu import OrgTree, Unit
    >>> from pmedu.stations import Station
    >>> from pmedu.viewing import ViewingSession
    >>> t = OrgTree.from_units([Unit(id="T", name="t", kind="镇"),
    ...                         Unit(id="V", name="v", kind="村", parent_id="T")])
    >>> a = attendance_by_unit(t, [Station(id="S", unit_id="V")],
    ...     [ViewingSession(id="1", station_id="S", date="2025-01-01", expected_count=4,
    ...                     signed_in_count=3)])
    >>> a["T"], a["T"].rate
    (Attendance(signed_in=3, expected=4), 0.75)
    """
    unit_of = {s.id: s.unit_id for s in stations}
    problems: list[Problem] = []
    signed: dict[str, int] = {}
    expected: dict[str, int] = {}
    for s in sessions:
        if not _in_year(s, year):
            continue
        uid = unit_of.get(s.station_id)
        if uid is None or uid not in tree:
            what = "unknown station" if uid is None else f"station's unit {uid!r} not in tree"
            problems.append(Problem(f"session {s.id}: {what} {s.station_id!r}", field="station_id"))
            continue
        signed[uid] = signed.get(uid, 0) + s.n_signed_in
        expected[uid] = expected.get(uid, 0) + s.n_expected
    if problems:
        raise DataError(problems)
    sig = tree.rollup(lambda u: signed.get(u.id, 0))
    exp = tree.rollup(lambda u: expected.get(u.id, 0))
    return {uid: Attendance(sig[uid], exp[uid]) for uid in sig}


@attrs.frozen
class StudyRecord:
    """A member's learning archive entry 学习档案 for a period: sessions attended, study
    minutes, and the films and themes studied.

    >>> StudyRecord(member_id="m1", sessions=2, minutes=90).hours
    1.5
    """

    member_id: str
    sessions: int = 0
    minutes: int = 0
    film_ids: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    @property
    def hours(self) -> float:
        """Study time in hours."""
        return self.minutes / 60


def learning_archive(
    sessions: Iterable[ViewingSession],
    films: FilmLibrary | Iterable[Film] | Mapping[str, Film],
    *,
    year: int | None = None,
) -> dict[str, StudyRecord]:
    """Each signed-in member's sessions and study minutes (the films' running times), for
    ``year`` if given, sorted by member id. The full learning archive per member — sessions'
    own minutes, study records, exact 学时 and the requirement — is
    [`build_archive`][pmedu.viewing.archive.build_archive]. Only sessions with signed-in *ids*
    contribute
    (a bare count names nobody). A film id not in ``films`` is a DataError.

    >>> from pmedu.model import Film
    >>> from pmedu.viewing import ViewingSession
    >>> f = Film(id="F", title="t", category="法律", source="省", year=2020, media="dvd",
    ...          minutes=45)
    >>> arch = learning_archive([ViewingSession(id="1", station_id="S", date="2025-05-01",
    ...                          film_ids=["F"], signed_in=["m1"], theme="法治")], [f])
    >>> arch["m1"].minutes, arch["m1"].themes
    (45, ('法治',))
    """
    lib = (
        films
        if isinstance(films, FilmLibrary)
        else FilmLibrary(films.values() if isinstance(films, Mapping) else films)
    )
    problems: list[Problem] = []
    acc: dict[str, tuple[int, int, list[str], list[str]]] = {}
    for s in sorted(sessions, key=lambda x: (x.date, x.id)):
        if not _in_year(s, year):
            continue
        bad = [f for f in s.film_ids if f not in lib]
        if bad:
            problems.append(
                Problem(f"session {s.id}: unknown film(s) {', '.join(bad)}", field="film_ids")
            )
            continue
        minutes = lib.minutes(s.film_ids)
        for m in s.signed_in:
            n, mins, fl, th = acc.get(m, (0, 0, [], []))
            fl.extend(f for f in s.film_ids if f not in fl)
            if s.theme and s.theme not in th:
                th.append(s.theme)
            acc[m] = (n + 1, mins + minutes, fl, th)
    if problems:
        raise DataError(problems)
    return {
        m: StudyRecord(m, n, mins, tuple(fl), tuple(th))
        for m, (n, mins, fl, th) in sorted(acc.items())
    }
