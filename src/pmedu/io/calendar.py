"""Reading a centre's own calendar file (``--calendar FILE``), merged over the shipped one.

The State Council publishes each year's holidays late in the year before, so a centre adds a new
year without a pmedu release: a TOML file with one table per year, in the format of the shipped
``pmedu/model/holidays/cn.toml``::

    [2027]
    source = "国务院办公厅关于2027年部分节假日安排的通知"
    holidays = ["2027-01-01", "2027-02-06"]
    workdays = ["2027-01-31"]

A year in the file replaces the shipped year (to correct it); the others are kept. Every problem
in the file is reported at once, as a [`PolicyError`][pmedu.errors.PolicyError] naming the file.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "cal.toml"
>>> _ = path.write_text('[2027]\\nholidays = ["2027-01-01"]\\n', encoding="utf-8")
>>> load_calendar(path).covered
(2024, 2025, 2026, 2027)
"""

from __future__ import annotations

import os
import tomllib

from pmedu.errors import PolicyError, Problem
from pmedu.model.calendar import Calendar, official_calendar

__all__ = ["load_calendar"]


def load_calendar(path: str | os.PathLike[str], *, base: Calendar | None = None) -> Calendar:
    """The calendar of the file at ``path`` merged over ``base`` (the
    [official calendar][pmedu.model.calendar.official_calendar] by default).

    >>> import pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
    >>> _ = bad.write_text('[2027]\\nholidays = ["2027-13-01"]\\n', encoding="utf-8")
    >>> load_calendar(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 1 problem:
    .../bad.toml: 2027.holidays[0]: must be a date like 2025-10-01, got '2027-13-01'
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise PolicyError(
            [Problem(f"cannot read the calendar file: {exc.strerror}", file=name)]
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError([Problem(f"not a valid TOML file: {exc}", file=name)]) from None
    own = Calendar.from_mapping(data, source=name)
    return (official_calendar() if base is None else base).merged(own)
