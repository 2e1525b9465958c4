"""The records bundle: everything a county keeps for a year, in one JSON document.

:class:`Records` holds the stations, films and film sets, viewing sessions, submissions
(production items and information reports), magazine subscriptions 《党员电化教育》,
demonstration-household records with their targets, institution/staff records, awards and
cases of funds misuse. :meth:`Records.load` / :meth:`Records.save` go through pmedu's one
converter; structural problems (a negative count, a bad date, a misspelt key) are all
reported at once as a :class:`~pmedu.errors.DataError`.

:meth:`Records.check` then checks the records against a tree and a year and returns a
:class:`RecordReport`: **errors** (a session at a station that does not exist, a record at a
unit not in the tree, dates outside the year, duplicate ids …) and **warnings** (a member
signed in who was not expected — allowed, but reported). Nothing is dropped silently.

>>> from pmedu.stations import Station
>>> from pmedu.viewing import ViewingSession
>>> r = Records(year=2025, stations=[Station(id="S1", unit_id="V1")], sessions=[
...     ViewingSession(id="a", station_id="S1", date="2025-03-10", expected=["m1"],
...                    signed_in=["m1", "m9"]),
...     ViewingSession(id="a", station_id="S2", date="2024-12-10")])
>>> for line in r.check().lines(): print(line)
error: $.sessions[1].id: duplicate session id 'a' (also $.sessions[0])
error: $.sessions[1].station_id: session 'a': station 'S2' does not exist
error: $.sessions[1].date: session 'a': 2024-12-10 is outside the year 2025
warning: $.sessions[0].signed_in: session 'a': m9 signed in but not expected
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import validators as v

from pmedu.convert import converter, dump_document, problems_from, read_document
from pmedu.errors import DataError, Problem, RecordError
from pmedu.films import Film, FilmSet
from pmedu.labels import LabelledEnum
from pmedu.network import OrgTree
from pmedu.schedule import Submission, SubmissionKind
from pmedu.stations.model import Station
from pmedu.validators import count as _count
from pmedu.validators import nonblank as _nonblank
from pmedu.validators import optional_count as _opt_count
from pmedu.viewing.session import ViewingSession

__all__ = [
    "Award",
    "AwardLevel",
    "DemoHouseholds",
    "FundsMisuse",
    "Institution",
    "MagazineSubscription",
    "RecordError",
    "RecordReport",
    "Records",
    "Submission",
    "SubmissionKind",
    "read_sessions_csv",
]


def _sorted_enum_set(value: frozenset[LabelledEnum]) -> list[Any]:
    if not value:
        return []
    order = list(type(next(iter(value))))
    return [m.value for m in sorted(value, key=order.index)]


def _is_enum_set(t: Any) -> bool:
    if typing.get_origin(t) is not frozenset:
        return False
    (arg,) = typing.get_args(t) or (None,)
    return isinstance(arg, type) and issubclass(arg, LabelledEnum)


# sets of labels are written as sorted lists, so a saved document is deterministic
converter.register_unstructure_hook_func(_is_enum_set, _sorted_enum_set)


_ID = [v.instance_of(str), _nonblank]


@attrs.frozen
class MagazineSubscription:
    """A unit's subscription to the magazine 《党员电化教育》 for a year (seed 002).

    >>> MagazineSubscription(unit_id="V1", year=2025, copies=0)
    Traceback (most recent call last):
    ...
    ValueError: 'copies' must be >= 1: 0
    """

    unit_id: str = attrs.field(validator=_ID)
    year: int = attrs.field(validator=v.instance_of(int))
    copies: int = attrs.field(default=1, validator=_count)

    @copies.validator
    def _one(self, _a: attrs.Attribute[int], value: int) -> None:
        if value < 1:
            raise ValueError(f"'copies' must be >= 1: {value}")


@attrs.frozen
class DemoHouseholds:
    """Science-and-technology demonstration households 科技示范户 at a unit for a year: the
    unit's decomposed ``target`` (seed 001, 004; ``None`` if the unit has none of its own)
    and the households ``achieved`` there.

    >>> DemoHouseholds(unit_id="T01", year=2025, target=20, achieved=-1)
    Traceback (most recent call last):
    ...
    ValueError: 'achieved' must be >= 0: -1
    """

    unit_id: str = attrs.field(validator=_ID)
    year: int = attrs.field(validator=v.instance_of(int))
    target: int | None = attrs.field(default=None, validator=_opt_count)
    achieved: int = attrs.field(default=0, validator=_count)


@attrs.frozen
class Institution:
    """A unit's e-education institution 机构 and its dedicated staff 人员 (seeds 000, 002).

    ``established`` ``None`` means "before any year in question".

    >>> Institution(unit_id="T01", name="镇党员电教站", staff=2).in_place(2025)
    True
    """

    unit_id: str = attrs.field(validator=_ID)
    name: str = ""
    staff: int = attrs.field(default=0, validator=_count)
    established: dt.date | None = None

    def in_place(self, year: int) -> bool:
        """Set up by the end of ``year`` and staffed (at least one person)."""
        started = self.established is None or self.established.year <= year
        return started and self.staff > 0


class AwardLevel(LabelledEnum):
    """The level of a commendation 表彰.

    >>> AwardLevel.parse("省级") is AwardLevel.PROVINCIAL
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "award level"

    NATIONAL = ("national", "国家级", ("全国", "中央"))
    PROVINCIAL = ("provincial", "省级", ("省",))
    CITY = ("city", "市级", ("市",))
    COUNTY = ("county", "县级", ("县",))


def _award_level(value: Any) -> AwardLevel:
    return AwardLevel.parse(value)


@attrs.frozen
class Award:
    """A commendation received by a unit in a year.

    >>> Award(id="A1", unit_id="T01", year=2025, level="省级").level.label
    '省级'
    """

    id: str = attrs.field(validator=_ID)
    unit_id: str = attrs.field(validator=_ID)
    year: int = attrs.field(validator=v.instance_of(int))
    level: AwardLevel = attrs.field(converter=_award_level)
    title: str = ""


@attrs.frozen
class FundsMisuse:
    """A case of e-education funds misused (专款专用 violated; seeds 000, 002, 003).

    >>> FundsMisuse(id="M1", unit_id="T01", date=dt.date(2025, 5, 1)).date.year
    2025
    """

    id: str = attrs.field(validator=_ID)
    unit_id: str = attrs.field(validator=_ID)
    date: dt.date = attrs.field(validator=v.instance_of(dt.date))
    amount: float | None = attrs.field(
        default=None, validator=v.optional([v.instance_of(float | int), v.ge(0)])
    )
    description: str = ""


@attrs.frozen
class RecordReport:
    """What :meth:`Records.check` found: ``errors`` and ``warnings`` (each a
    :class:`~pmedu.errors.Problem`)."""

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors

    def lines(self) -> list[str]:
        """Every problem as ``error: …`` / ``warning: …``, errors first."""
        return [f"error: {p}" for p in self.errors] + [f"warning: {p}" for p in self.warnings]

    def raise_errors(self) -> None:
        """Raise a :class:`RecordError` listing every error, if there is any.

        >>> RecordReport().raise_errors() is None
        True
        """
        if self.errors:
            raise RecordError(self.errors)


def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Records:
    """A year (or several) of e-education records for one tree.

    ``year``, when set, is the year the records are for: dates outside it are errors in
    :meth:`check`. Every collection is a tuple; pass any iterable.

    >>> Records(year=2025).stations
    ()
    """

    year: int | None = None
    stations: tuple[Station, ...] = attrs.field(default=(), converter=_t)
    films: tuple[Film, ...] = attrs.field(default=(), converter=_t)
    film_sets: tuple[FilmSet, ...] = attrs.field(default=(), converter=_t)
    sessions: tuple[ViewingSession, ...] = attrs.field(default=(), converter=_t)
    submissions: tuple[Submission, ...] = attrs.field(default=(), converter=_t)
    subscriptions: tuple[MagazineSubscription, ...] = attrs.field(default=(), converter=_t)
    demo_households: tuple[DemoHouseholds, ...] = attrs.field(default=(), converter=_t)
    institutions: tuple[Institution, ...] = attrs.field(default=(), converter=_t)
    awards: tuple[Award, ...] = attrs.field(default=(), converter=_t)
    funds_misuse: tuple[FundsMisuse, ...] = attrs.field(default=(), converter=_t)

    # --- files -------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Records:
        """Structure plain data (as in the JSON document), every problem reported, each
        named by its path (``$.sessions[3].date``).

        >>> Records.from_dict({"year": 2025, "awards": [{"id": "A", "unit_id": "T",
        ...                    "year": "2025", "level": "省级"}], "stations": 3})
        Traceback (most recent call last):
        ...
        pmedu.errors.DataError: 2 problems:
        $.stations: expected a list
        $.awards[0].year: expected an integer, got '2025'
        """
        if not isinstance(data, dict):
            raise DataError([Problem("expected a JSON object (records)", file=source, field="$")])
        problems: list[Problem] = []
        known = {a.name: a for a in attrs.fields(cls)}
        extra = sorted(k for k in data if k not in known)
        if extra:
            problems.append(
                Problem(f"unknown field(s): {', '.join(extra)}", file=source, field="$")
            )
        kwargs: dict[str, Any] = {}
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            problems.append(Problem(f"expected an integer, got {year!r}", file=source,
                                    field="$.year"))  # fmt: skip
        else:
            kwargs["year"] = year
        for name, item_type in _ITEM_TYPES.items():
            items = data.get(name, [])
            if not isinstance(items, list):
                problems.append(Problem("expected a list", file=source, field=f"$.{name}"))
                continue
            out: list[Any] = []
            for i, item in enumerate(items):
                try:
                    out.append(converter.structure(item, item_type))
                except Exception as exc:
                    for pr in problems_from(exc, source=source):
                        tail = (pr.field or "$").removeprefix("$")
                        problems.append(Problem(pr.what, file=source, field=f"$.{name}[{i}]{tail}"))
            kwargs[name] = out
        if problems:
            raise DataError(problems)
        return cls(**kwargs)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Records:
        """Read records from a ``.json`` (or ``.toml``) document.

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> _ = p.write_text('{"sessions": [{"id": "a", "station_id": "S", '
        ...                  '"date": "2025-01-01", "expected_count": -1}]}')
        >>> Records.load(p)
        Traceback (most recent call last):
        ...
        pmedu.errors.DataError: 1 problem:
        ...r.json: $.sessions[0].expected_count: 'expected_count' must be >= 0: -1
        """
        return cls.from_dict(read_document(path), source=str(path))

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the records as one JSON document, atomically (TOML with ``pmedu[toml]``).

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> r = Records(year=2025, stations=[Station(id="S", unit_id="V", features=["tv"])])
        >>> Records.load(r.save(p)) == r
        True
        """
        return dump_document(self, path)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the records (what :meth:`save` writes)."""
        out: dict[str, Any] = converter.unstructure(self)
        return out

    # --- checks ------------------------------------------------------------------------

    def check(
        self,
        tree: OrgTree | None = None,
        *,
        year: int | None = None,
        source: str | None = None,
    ) -> RecordReport:
        """Every error and warning in the records (see the module docstring).

        ``tree`` (if given) must contain every unit a record names; ``year`` (default
        :attr:`year`) bounds every date: sessions, misuse cases and production/information
        items (by the year they count for; a late item may arrive in the next year, not
        later); award, subscription and demonstration years. ``source`` names the file in
        each problem.
        """
        yr = self.year if year is None else year
        errors: list[Problem] = []
        warnings: list[Problem] = []

        def err(path: str, what: str) -> None:
            errors.append(Problem(what, file=source, field=path))

        def dup_ids(name: str, items: Sequence[Any], noun: str) -> dict[str, int]:
            seen: dict[str, int] = {}
            for i, it in enumerate(items):
                if it.id in seen:
                    err(
                        f"$.{name}[{i}].id",
                        f"duplicate {noun} id {it.id!r} (also $.{name}[{seen[it.id]}])",
                    )
                else:
                    seen[it.id] = i
            return seen

        stations = dup_ids("stations", self.stations, "station")
        films = dup_ids("films", self.films, "film")
        dup_ids("film_sets", self.film_sets, "film set")
        dup_ids("sessions", self.sessions, "session")
        dup_ids("submissions", self.submissions, "submission")
        dup_ids("awards", self.awards, "award")
        dup_ids("funds_misuse", self.funds_misuse, "case")

        if tree is not None:
            for name in (
                "stations",
                "film_sets",
                "submissions",
                "subscriptions",
                "demo_households",
                "institutions",
                "awards",
                "funds_misuse",
            ):
                for i, it in enumerate(getattr(self, name)):
                    if it.unit_id not in tree:
                        label = f"{name[:-1] if name.endswith('s') else name} "
                        ident = getattr(it, "id", None)
                        who = f"{label.strip()} {ident!r}: " if ident else ""
                        what = f"{who}unit {it.unit_id!r} is not in the tree"
                        err(f"$.{name}[{i}].unit_id", what)

        for i, fs in enumerate(self.film_sets):
            bad = [f for f in fs.film_ids if f not in films]
            if bad:
                err(f"$.film_sets[{i}].film_ids", f"film set {fs.id!r}: unknown film(s) "
                    + ", ".join(bad))  # fmt: skip

        est = {s.id: s.established for s in self.stations}
        for i, s in enumerate(self.sessions):
            p = f"$.sessions[{i}]"
            if s.station_id not in stations:
                err(f"{p}.station_id", f"session {s.id!r}: station {s.station_id!r} does not exist")
            bad = [f for f in s.film_ids if f not in films]
            if bad:
                err(f"{p}.film_ids", f"session {s.id!r}: unknown film(s) {', '.join(bad)}")
            if yr is not None and s.date.year != yr:
                err(f"{p}.date", f"session {s.id!r}: {s.date} is outside the year {yr}")
            for m in s.unexpected:
                warnings.append(
                    Problem(
                        f"session {s.id!r}: {m} signed in but not expected",
                        file=source,
                        field=f"{p}.signed_in",
                    )
                )
            if s.n_signed_in > s.n_expected and not s.unexpected:
                warnings.append(
                    Problem(
                        f"session {s.id!r}: {s.n_signed_in} signed in, only "
                        f"{s.n_expected} expected",
                        file=source,
                        field=f"{p}.signed_in_count",
                    )
                )
            started = est.get(s.station_id)
            if started is not None and s.date < started:
                warnings.append(
                    Problem(
                        f"session {s.id!r}: {s.date} is before station {s.station_id!r} "
                        f"was established ({started})",
                        file=source,
                        field=f"{p}.date",
                    )
                )

        if yr is not None:
            for i, sub in enumerate(self.submissions):
                if sub.period_year != yr:
                    what = f"submission {sub.id!r}: counts for {sub.period_year}, not {yr}"
                    err(f"$.submissions[{i}].year", what)
                elif not yr <= sub.date.year <= yr + 1:
                    err(f"$.submissions[{i}].date",
                        f"submission {sub.id!r}: {sub.date} is outside {yr}–{yr + 1}")  # fmt: skip
            for name in ("subscriptions", "demo_households", "awards"):
                for i, it in enumerate(getattr(self, name)):
                    if it.year != yr:
                        err(f"$.{name}[{i}].year", f"year {it.year} is outside the year {yr}")
            for i, c in enumerate(self.funds_misuse):
                if c.date.year != yr:
                    err(f"$.funds_misuse[{i}].date",
                        f"case {c.id!r}: {c.date} is outside the year {yr}")  # fmt: skip

        seen_demo: dict[tuple[str, int], int] = {}
        for i, d in enumerate(self.demo_households):
            key = (d.unit_id, d.year)
            if key in seen_demo:
                err(f"$.demo_households[{i}]", f"second record for unit {d.unit_id!r} in "
                    f"{d.year} (also $.demo_households[{seen_demo[key]}])")  # fmt: skip
            else:
                seen_demo[key] = i
        seen_sub: dict[tuple[str, int], int] = {}
        for i, sb in enumerate(self.subscriptions):
            key = (sb.unit_id, sb.year)
            if key in seen_sub:
                err(f"$.subscriptions[{i}]", f"second subscription for unit {sb.unit_id!r} in "
                    f"{sb.year} (also $.subscriptions[{seen_sub[key]}])")  # fmt: skip
            else:
                seen_sub[key] = i
        return RecordReport(tuple(errors), tuple(warnings))


# --- CSV -----------------------------------------------------------------------------

_SESSION_COLUMNS: dict[str, str] = {
    "id": "id",
    "编号": "id",
    "station_id": "station_id",
    "网点": "station_id",
    "date": "date",
    "日期": "date",
    "films": "film_ids",
    "film_ids": "film_ids",
    "片目": "film_ids",
    "theme": "theme",
    "主题": "theme",
    "expected": "expected",
    "expected_count": "expected_count",
    "应到人数": "expected_count",
    "signed_in": "signed_in",
    "signed_in_count": "signed_in_count",
    "实到人数": "signed_in_count",
    "steps": "steps",
    "教学步骤": "steps",
    "discussion": "discussion",
    "讨论情况": "discussion",
    "feedback": "feedback",
    "信息反馈": "feedback",
}
_LISTS = {"film_ids", "expected", "signed_in", "steps"}
_INTS = {"expected_count", "signed_in_count"}
_SPLIT = str.maketrans({"；": ";", "、": ";", ",": ";", "，": ";"})


def read_sessions_csv(path: str | os.PathLike[str]) -> tuple[ViewingSession, ...]:
    """Read viewing sessions from a CSV file (UTF-8, BOM allowed), one row per session.

    Columns (English or Chinese headers): ``id`` 编号, ``station_id`` 网点, ``date`` 日期,
    ``films`` 片目, ``theme`` 主题, ``expected`` (member ids), ``expected_count`` 应到人数,
    ``signed_in`` (member ids), ``signed_in_count`` 实到人数, ``steps`` 教学步骤,
    ``discussion``, ``feedback``. Lists are separated by ``;`` (also ``、`` or ``，``).
    Every problem is reported as ``FILE:ROW: column: what`` (header = row 1).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,station_id,date,应到人数,实到人数\\n"
    ...                  "a,S1,2025-01-10,10,8\\nb,S1,2025-13-01,-2,1\\n", encoding="utf-8")
    >>> read_sessions_csv(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 2 problems:
    ...s.csv:3: date: ...
    ...s.csv:3: expected_count: 'expected_count' must be >= 0: -2
    """
    from pmedu.io.csvfile import read_csv_records

    src = str(path)
    header, *body = read_csv_records(path)
    problems: list[Problem] = []
    cols: list[str | None] = []
    for h in header:
        key = _SESSION_COLUMNS.get(h.strip()) or _SESSION_COLUMNS.get(h.strip().lower())
        if key is None:
            problems.append(Problem(f"unknown column {h!r}", file=src, row=1, field=h))
        cols.append(key)
    for need in ("id", "station_id", "date"):
        if need not in cols:
            problems.append(Problem("required column missing", file=src, row=1, field=need))
    if problems:
        raise DataError(problems)
    out: list[ViewingSession] = []
    for n, row in enumerate(body, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(cols):
            problems.append(Problem(f"{len(row)} cells, header has {len(cols)}", file=src, row=n))
            continue
        data: dict[str, Any] = {}
        bad = False
        for key, cell in zip(cols, row, strict=True):
            assert key is not None
            cell = cell.strip()
            if key in _LISTS:
                data[key] = [x.strip() for x in cell.translate(_SPLIT).split(";") if x.strip()]
            elif key in _INTS:
                if cell:
                    try:
                        data[key] = int(cell)
                    except ValueError:
                        what = f"expected a whole number, got {cell!r}"
                        problems.append(Problem(what, file=src, row=n, field=key))
                        bad = True
            elif cell or key in ("id", "station_id", "date"):
                data[key] = cell
        try:
            session = converter.structure(data, ViewingSession)
        except Exception as exc:
            for pr in problems_from(exc, source=src):
                field = (pr.field or "").removeprefix("$.").removeprefix("$") or None
                problems.append(Problem(pr.what, file=src, row=n, field=field))
            continue
        if not bad:
            out.append(session)
    if problems:
        raise DataError(problems)
    return tuple(out)


_ITEM_TYPES: dict[str, type] = {
    "stations": Station,
    "films": Film,
    "film_sets": FilmSet,
    "sessions": ViewingSession,
    "submissions": Submission,
    "subscriptions": MagazineSubscription,
    "demo_households": DemoHouseholds,
    "institutions": Institution,
    "awards": Award,
    "funds_misuse": FundsMisuse,
}
