"""The records bundle: everything a county keeps for a year, as one document.

[`Records`][pmedu.records.bundle.Records] holds the stations, films and film sets, viewing sessions,
submissions (production items and information reports), magazine subscriptions 《党员电化教育》,
demonstration-household records with their targets, institution/staff records, awards and cases of
funds misuse. [`Records.from_document`][pmedu.records.bundle.Records.from_document] /
[`Records.to_document`][pmedu.records.bundle.Records.to_document] go through pmedu's one converter;
structural problems (a negative count, a bad date, a misspelt key) are all reported at once as a
[`DataError`][pmedu.errors.DataError]. Reading and writing files is
[`pmedu.io.records`][pmedu.io.records].

>>> r = Records.from_document({"year": 2025, "awards": [
...     {"id": "A", "unit_id": "T", "year": 2025, "level": "省级"}]})
>>> r.awards[0].level.label, r.to_document()["format"]
('省级', 'pmedu.records')
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Container, Mapping
from pathlib import Path
from typing import Any

import attrs

from pmedu.compat import deprecated
from pmedu.convert import converter, problems_from
from pmedu.errors import DataError, Problem
from pmedu.model.activities import LiaisonMeeting, ThemeActivity, TvColumn
from pmedu.model.films import Film, FilmSet
from pmedu.model.member import Member
from pmedu.model.money import LedgerEntry, UnitBudget
from pmedu.model.people import Broadcaster, DemoBase
from pmedu.model.plans import AnnualTheme, PlanEntry
from pmedu.model.records import (
    Award,
    DemoHouseholds,
    FundsMisuse,
    Institution,
    MagazineSubscription,
    Submission,
)
from pmedu.model.registers import DiscussionEntry, FeedbackEntry
from pmedu.model.session import ViewingSession
from pmedu.model.station import Station
from pmedu.model.study import StudyEntry
from pmedu.records.check import RecordReport, check_records

__all__ = ["FORMAT", "VERSION", "Records"]

#: the ``format`` of a records document
FORMAT = "pmedu.records"
#: the version of the records document this pmedu writes (and the newest it reads); a
#: document without one (pmedu 0.1.0) is version 1
VERSION = 1


def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _header_problems(data: dict[str, Any], source: str | None) -> list[Problem]:
    fmt = data.get("format", FORMAT)
    version = data.get("version", 1)
    if fmt != FORMAT:
        return [Problem(f"expected format {FORMAT!r}, got {fmt!r}", file=source, field="$.format")]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [Problem(f"expected a version >= 1, got {version!r}", file=source,
                        field="$.version")]  # fmt: skip
    if version > VERSION:
        what = f"version {version} was written by a newer pmedu; this one reads up to {VERSION}"
        return [Problem(what, file=source, field="$.version")]
    return []


def _year(data: dict[str, Any], source: str | None, problems: list[Problem]) -> int | None:
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problems.append(Problem(f"expected an integer, got {year!r}", file=source,
                                field="$.year"))  # fmt: skip
        return None
    return year


def _items(
    name: str, items: Any, item_type: type, source: str | None, problems: list[Problem]
) -> list[Any]:
    if not isinstance(items, list):
        problems.append(Problem("expected a list", file=source, field=f"$.{name}"))
        return []
    out: list[Any] = []
    for i, item in enumerate(items):
        try:
            out.append(converter.structure(item, item_type))
        except Exception as exc:
            for pr in problems_from(exc, source=source):
                tail = (pr.field or "$").removeprefix("$")
                problems.append(Problem(pr.what, file=source, field=f"$.{name}[{i}]{tail}"))
    return out


@attrs.frozen
class Records:
    """A year (or several) of e-education records for one tree.

    ``year``, when set, is the year the records are for: dates outside it are errors in
    [`check`][pmedu.records.bundle.Records.check]. Every collection is a tuple; pass any iterable.

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
    members: tuple[Member, ...] = attrs.field(default=(), converter=_t)
    study_records: tuple[StudyEntry, ...] = attrs.field(default=(), converter=_t)
    theme_activities: tuple[ThemeActivity, ...] = attrs.field(default=(), converter=_t)
    tv_columns: tuple[TvColumn, ...] = attrs.field(default=(), converter=_t)
    liaison_meetings: tuple[LiaisonMeeting, ...] = attrs.field(default=(), converter=_t)
    ledger: tuple[LedgerEntry, ...] = attrs.field(default=(), converter=_t)
    budgets: tuple[UnitBudget, ...] = attrs.field(default=(), converter=_t)
    broadcasters: tuple[Broadcaster, ...] = attrs.field(default=(), converter=_t)
    demo_bases: tuple[DemoBase, ...] = attrs.field(default=(), converter=_t)
    themes: tuple[AnnualTheme, ...] = attrs.field(default=(), converter=_t)
    plan_entries: tuple[PlanEntry, ...] = attrs.field(default=(), converter=_t)
    discussions: tuple[DiscussionEntry, ...] = attrs.field(default=(), converter=_t)
    feedback_entries: tuple[FeedbackEntry, ...] = attrs.field(default=(), converter=_t)

    # --- documents -----------------------------------------------------------------------

    @classmethod
    def from_document(cls, data: Any, *, source: str | None = None) -> Records:
        """Structure plain data (as in the JSON document), every problem reported, each
        named by its path (``$.sessions[3].date``). ``format`` and ``version`` are
        optional (a document of pmedu 0.1.0 has neither: version 1).

        >>> Records.from_document({"year": 2025, "awards": [{"id": "A", "unit_id": "T",
        ...                        "year": "2025", "level": "省级"}], "stations": 3})
        Traceback (most recent call last):
        ...
        pmedu.errors.DataError: 2 problems:
        $.stations: expected a list
        $.awards[0].year: expected an integer, got '2025'
        """
        if not isinstance(data, dict):
            raise DataError([Problem("expected a JSON object (records)", file=source, field="$")])
        problems = _header_problems(data, source)
        if problems:
            raise DataError(problems)
        known = {a.name for a in attrs.fields(cls)} | {"format", "version"}
        extra = sorted(k for k in data if k not in known)
        if extra:
            problems.append(
                Problem(f"unknown field(s): {', '.join(extra)}", file=source, field="$")
            )
        kwargs: dict[str, Any] = {"year": _year(data, source, problems)}
        for name, item_type in _ITEM_TYPES.items():
            kwargs[name] = _items(name, data.get(name, []), item_type, source, problems)
        if problems:
            raise DataError(problems)
        return cls(**kwargs)

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Records:
        """The same as [`from_document`][pmedu.records.bundle.Records.from_document] (its name in
        pmedu 0.1.0).

        >>> Records.from_dict({"year": 2025}) == Records(year=2025)
        True
        """
        return cls.from_document(data, source=source)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the records, without ``format`` and ``version``.

        >>> Records(year=2025).to_dict()["year"]
        2025
        """
        out: dict[str, Any] = converter.unstructure(self)
        return out

    def to_document(self) -> dict[str, Any]:
        """The records document: ``format``, ``version``, then
        [`to_dict`][pmedu.records.bundle.Records.to_dict].

        >>> list(Records(year=2025).to_document())[:3]
        ['format', 'version', 'year']
        """
        return {"format": FORMAT, "version": VERSION, **self.to_dict()}

    # --- files (pmedu.io.records does the reading and writing) -------------------------

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Records:
        """Deprecated (goes in 0.3): read records from a ``.json`` (or ``.toml``) document with
        [`pmedu.io.records.load_records`][pmedu.io.records.load_records].

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> _ = p.write_text('{"sessions": [{"id": "a", "station_id": "S", '
        ...                  '"date": "2025-01-01", "expected_count": -1}]}')
        >>> from pmedu.io.records import load_records
        >>> load_records(p)
        Traceback (most recent call last):
        ...
        pmedu.errors.DataError: 1 problem:
        ...r.json: $.sessions[0].expected_count: 'expected_count' must be >= 0: -1
        """
        deprecated("Records.load", "pmedu.io.records.load_records")
        loaded: Records = importlib.import_module("pmedu.io.records").load_records(path)
        return loaded

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Deprecated (goes in 0.3): write the records as one document, atomically, with
        [`pmedu.io.records.save_records`][pmedu.io.records.save_records].

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
        >>> r = Records(year=2025, stations=[Station(id="S", unit_id="V", features=["tv"])])
        >>> from pmedu.io.records import load_records, save_records
        >>> load_records(save_records(r, p)) == r
        True
        """
        deprecated("Records.save", "pmedu.io.records.save_records")
        saved: Path = importlib.import_module("pmedu.io.records").save_records(self, path)
        return saved

    # --- checks ------------------------------------------------------------------------

    def check(
        self,
        *,
        tree: Container[str] | None = None,
        year: int | None = None,
        source: str | None = None,
        flags: Mapping[str, bool] | None = None,
        away_expected: bool = False,
    ) -> RecordReport:
        """Every error and warning in the records:
        [`pmedu.records.check.check_records`][pmedu.records.check.check_records].

        ``tree`` (if given) must contain every unit a record names; ``year`` (default
        [`year`][pmedu.records.bundle.Records.year]) bounds every date; ``source`` names the file in
        each problem; ``flags`` (unit id → the unit table's ``has_station``) is compared with the
        station records; unless ``away_expected``, a session listing an away (流出) member as
        expected is a warning.

        >>> from pmedu.model import ViewingSession
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
        return check_records(
            self, tree=tree, year=year, source=source, flags=flags, away_expected=away_expected
        )


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
    "members": Member,
    "study_records": StudyEntry,
    "theme_activities": ThemeActivity,
    "tv_columns": TvColumn,
    "liaison_meetings": LiaisonMeeting,
    "ledger": LedgerEntry,
    "budgets": UnitBudget,
    "broadcasters": Broadcaster,
    "demo_bases": DemoBase,
    "themes": AnnualTheme,
    "plan_entries": PlanEntry,
    "discussions": DiscussionEntry,
    "feedback_entries": FeedbackEntry,
}
