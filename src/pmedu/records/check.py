"""The check of a records bundle against a tree and a year:
[`RecordReport`][pmedu.records.check.RecordReport].

**Errors**: a session at a station that does not exist, a record at a unit not in the
tree, dates outside the year, duplicate ids, a second record for a unit and year …;
**warnings**: a member signed in who was not expected, more signed in than expected, a
session before its station was established, a unit whose ``has_station`` flag in the unit
table disagrees with the station records (given ``flags``). Nothing is dropped silently.

>>> from pmedu.model import Station, ViewingSession
>>> from pmedu.records.bundle import Records
>>> r = Records(year=2025, stations=[Station(id="S1", unit_id="V1")],
...             sessions=[ViewingSession(id="a", station_id="S9", date="2025-03-10")])
>>> check_records(r, tree={"V1"}).lines()
["error: $.sessions[0].station_id: session 'a': station 'S9' does not exist"]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from pmedu.errors import Problem, RecordError
from pmedu.model.session import ViewingSession

if TYPE_CHECKING:
    from pmedu.records.bundle import Records

__all__ = ["RecordReport", "check_records", "second_records"]

#: the collections whose records name a unit of the tree
_UNIT_COLLECTIONS = (
    "stations",
    "film_sets",
    "submissions",
    "subscriptions",
    "demo_households",
    "institutions",
    "awards",
    "funds_misuse",
    "theme_activities",
    "tv_columns",
    "liaison_meetings",
    "ledger",
    "budgets",
    "demo_bases",
)


@attrs.frozen
class RecordReport:
    """What [Records.check][pmedu.records.bundle.Records.check] found: ``errors`` and
    ``warnings`` (each a [`Problem`][pmedu.errors.Problem]).

    >>> RecordReport(warnings=(Problem("x", field="$.a"),)).lines()
    ['warning: $.a: x']
    """

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def lines(self) -> list[str]:
        """Every problem as ``error: …`` / ``warning: …``, errors first.

        >>> RecordReport(errors=(Problem("e"),), warnings=(Problem("w"),)).lines()
        ['error: e', 'warning: w']
        """
        return [f"error: {p}" for p in self.errors] + [f"warning: {p}" for p in self.warnings]

    def raise_errors(self) -> None:
        """Raise a [`RecordError`][pmedu.errors.RecordError] listing every error, if there is any.

        >>> RecordReport().raise_errors() is None
        True
        """
        if self.errors:
            raise RecordError(self.errors)


@attrs.define
class _Found:
    source: str | None
    errors: list[Problem] = attrs.field(factory=list)
    warnings: list[Problem] = attrs.field(factory=list)

    def err(self, path: str, what: str) -> None:
        self.errors.append(Problem(what, file=self.source, field=path))

    def warn(self, path: str, what: str) -> None:
        self.warnings.append(Problem(what, file=self.source, field=path))


def _dup_ids(found: _Found, name: str, items: Sequence[Any], noun: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    for i, it in enumerate(items):
        if it.id in seen:
            found.err(
                f"$.{name}[{i}].id", f"duplicate {noun} id {it.id!r} (also $.{name}[{seen[it.id]}])"
            )
        else:
            seen[it.id] = i
    return seen


def second_records(items: Iterable[Any]) -> list[tuple[int, int]]:
    """``(index, index of the first)`` for every item that repeats the ``(unit_id, year)``
    of an earlier one (a unit has one such record a year).

    >>> from pmedu.model import DemoHouseholds
    >>> second_records([DemoHouseholds(unit_id="T", year=2025),
    ...                 DemoHouseholds(unit_id="T", year=2024),
    ...                 DemoHouseholds(unit_id="T", year=2025)])
    [(2, 0)]
    """
    seen: dict[tuple[str, int], int] = {}
    out: list[tuple[int, int]] = []
    for i, it in enumerate(items):
        key = (it.unit_id, it.year)
        if key in seen:
            out.append((i, seen[key]))
        else:
            seen[key] = i
    return out


def _units(found: _Found, records: Records, tree: Container[str]) -> None:
    for name in _UNIT_COLLECTIONS:
        for i, it in enumerate(getattr(records, name)):
            if it.unit_id not in tree:
                label = f"{name[:-1] if name.endswith('s') else name} "
                ident = getattr(it, "id", None)
                who = f"{label.strip()} {ident!r}: " if ident else ""
                found.err(f"$.{name}[{i}].unit_id", f"{who}unit {it.unit_id!r} is not in the tree")


def _film_sets(found: _Found, records: Records, films: Container[str]) -> None:
    for i, fs in enumerate(records.film_sets):
        bad = [f for f in fs.film_ids if f not in films]
        if bad:
            found.err(
                f"$.film_sets[{i}].film_ids",
                f"film set {fs.id!r}: unknown film(s) " + ", ".join(bad),
            )


def _attendance(found: _Found, p: str, s: ViewingSession) -> None:
    for m in s.unexpected:
        found.warn(f"{p}.signed_in", f"session {s.id!r}: {m} signed in but not expected")
    if s.n_signed_in > s.n_expected and not s.unexpected:
        found.warn(
            f"{p}.signed_in_count",
            f"session {s.id!r}: {s.n_signed_in} signed in, only {s.n_expected} expected",
        )


def _session(
    found: _Found,
    i: int,
    s: ViewingSession,
    known: tuple[Container[str], Container[str]],
    established: Mapping[str, dt.date | None],
    yr: int | None,
) -> None:
    stations, films = known
    p = f"$.sessions[{i}]"
    if s.station_id not in stations:
        found.err(f"{p}.station_id", f"session {s.id!r}: station {s.station_id!r} does not exist")
    bad = [f for f in s.film_ids if f not in films]
    if bad:
        found.err(f"{p}.film_ids", f"session {s.id!r}: unknown film(s) {', '.join(bad)}")
    if yr is not None and s.date.year != yr:
        found.err(f"{p}.date", f"session {s.id!r}: {s.date} is outside the year {yr}")
    _attendance(found, p, s)
    started = established.get(s.station_id)
    if started is not None and s.date < started:
        found.warn(
            f"{p}.date",
            f"session {s.id!r}: {s.date} is before station {s.station_id!r} "
            f"was established ({started})",
        )


def _years(found: _Found, records: Records, yr: int) -> None:
    for i, sub in enumerate(records.submissions):
        if sub.period_year != yr:
            what = f"submission {sub.id!r}: counts for {sub.period_year}, not {yr}"
            found.err(f"$.submissions[{i}].year", what)
        elif not yr <= sub.date.year <= yr + 1:
            what = f"submission {sub.id!r}: {sub.date} is outside {yr}–{yr + 1}"
            found.err(f"$.submissions[{i}].date", what)
    for name in ("subscriptions", "demo_households", "awards"):
        for i, it in enumerate(getattr(records, name)):
            if it.year != yr:
                found.err(f"$.{name}[{i}].year", f"year {it.year} is outside the year {yr}")
    for i, c in enumerate(records.funds_misuse):
        if c.date.year != yr:
            found.err(
                f"$.funds_misuse[{i}].date", f"case {c.id!r}: {c.date} is outside the year {yr}"
            )


def _seconds(found: _Found, records: Records) -> None:
    for name, noun in (("demo_households", "record"), ("subscriptions", "subscription")):
        items = getattr(records, name)
        for i, first in second_records(items):
            it = items[i]
            found.err(
                f"$.{name}[{i}]",
                f"second {noun} for unit {it.unit_id!r} in {it.year} (also $.{name}[{first}])",
            )


def _flags(found: _Found, records: Records, flags: Mapping[str, bool]) -> None:
    first: dict[str, int] = {}
    for i, st in enumerate(records.stations):
        first.setdefault(st.unit_id, i)
    for unit_id, i in first.items():
        if unit_id in flags and not flags[unit_id]:
            found.warn(
                f"$.stations[{i}].unit_id",
                f"unit {unit_id!r} has a station record ({records.stations[i].id!r}) "
                "but has_station is False in the unit table",
            )
    for unit_id, flagged in flags.items():
        if flagged and unit_id not in first:
            found.warn(
                "$.stations",
                f"unit {unit_id!r} has has_station True in the unit table but no station record",
            )


def check_records(
    records: Records,
    *,
    tree: Container[str] | None = None,
    year: int | None = None,
    source: str | None = None,
    flags: Mapping[str, bool] | None = None,
) -> RecordReport:
    """Every error and warning in ``records`` (see the module docstring).

    ``tree`` (anything that answers ``unit_id in tree``: an
    [`OrgTree`][pmedu.network.tree.OrgTree], a set of ids), if given, must contain every unit a
    record names; ``year`` (default ``records.year``) bounds every date: sessions, misuse
    cases and production/information items (by the year they count for; a late item may
    arrive in the next year, not later); award, subscription and demonstration years.
    ``source`` names the file in each problem. ``flags`` (unit id → the unit table's
    ``has_station``), if given, is compared with the station records: a warning for every
    unit flagged ``False`` that has a station record, and every unit flagged ``True`` that
    has none (the records are the source of truth; the flag is the fallback).

    >>> from pmedu.records.bundle import Records
    >>> check_records(Records(year=2025)).ok
    True
    >>> from pmedu.model import Station
    >>> r = Records(stations=[Station(id="S1", unit_id="V1")])
    >>> for p in check_records(r, flags={"V1": False, "V2": True}).warnings: print(p.what)
    unit 'V1' has a station record ('S1') but has_station is False in the unit table
    unit 'V2' has has_station True in the unit table but no station record
    """
    yr = records.year if year is None else year
    found = _Found(source)
    stations = _dup_ids(found, "stations", records.stations, "station")
    films = _dup_ids(found, "films", records.films, "film")
    for name, noun in (
        ("film_sets", "film set"),
        ("sessions", "session"),
        ("submissions", "submission"),
        ("awards", "award"),
        ("funds_misuse", "case"),
    ):
        _dup_ids(found, name, getattr(records, name), noun)
    if tree is not None:
        _units(found, records, tree)
    _film_sets(found, records, films)
    established = {s.id: s.established for s in records.stations}
    for i, s in enumerate(records.sessions):
        _session(found, i, s, (stations, films), established, yr)
    if yr is not None:
        _years(found, records, yr)
    _seconds(found, records)
    if flags is not None:
        _flags(found, records, flags)
    _issue17_checks(found, records, stations, yr)
    return RecordReport(tuple(found.errors), tuple(found.warnings))


def _dated_years(found: _Found, records: Records, yr: int) -> None:
    for name, noun, attr in (
        ("theme_activities", "activity", "start"),
        ("liaison_meetings", "meeting", "date"),
    ):
        for i, it in enumerate(getattr(records, name)):
            d = getattr(it, attr)
            if d.year != yr:
                found.err(
                    f"$.{name}[{i}].{attr}", f"{noun} {it.id!r}: {d} is outside the year {yr}"
                )
    for name in ("tv_columns", "ledger", "budgets"):
        for i, it in enumerate(getattr(records, name)):
            if it.year != yr:
                found.err(f"$.{name}[{i}].year", f"year {it.year} is outside the year {yr}")
    for i, b in enumerate(records.demo_bases):
        if b.year > yr:
            found.err(f"$.demo_bases[{i}].year", f"base {b.id!r}: built in {b.year}, after {yr}")


def _issue17_checks(
    found: _Found, records: Records, stations: Container[str], yr: int | None
) -> None:
    """The checks of issue 17's records: duplicate ids, a broadcaster at a station that does not
    exist, a second budget or TV-column record for a unit and year, dates outside the year (a
    demonstration base built after it).

    >>> from pmedu.records.bundle import Records
    >>> from pmedu.model import Broadcaster, UnitBudget
    >>> r = Records(year=2025, broadcasters=[Broadcaster(id="B", name="张明", station_id="S9")],
    ...             budgets=[UnitBudget(unit_id="C", year=2025, total=1),
    ...                      UnitBudget(unit_id="C", year=2025, total=2)])
    >>> for line in check_records(r).lines(): print(line)
    error: $.broadcasters[0].station_id: broadcaster 'B': station 'S9' does not exist
    error: $.budgets[1]: second budget for unit 'C' in 2025 (also $.budgets[0])
    """
    for name, noun in (
        ("theme_activities", "activity"),
        ("liaison_meetings", "meeting"),
        ("ledger", "ledger row"),
        ("broadcasters", "broadcaster"),
        ("demo_bases", "base"),
    ):
        _dup_ids(found, name, getattr(records, name), noun)
    for i, b in enumerate(records.broadcasters):
        if b.station_id not in stations:
            found.err(
                f"$.broadcasters[{i}].station_id",
                f"broadcaster {b.id!r}: station {b.station_id!r} does not exist",
            )
    for name, noun in (("budgets", "budget"), ("tv_columns", "TV column")):
        items = getattr(records, name)
        for i, first in second_records(items):
            it = items[i]
            found.err(
                f"$.{name}[{i}]",
                f"second {noun} for unit {it.unit_id!r} in {it.year} (also $.{name}[{first}])",
            )
    if yr is not None:
        _dated_years(found, records, yr)
