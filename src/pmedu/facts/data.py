"""Measured facts (考核数据): one value per (unit id, measure), as exact decimals.

[`Facts`][pmedu.facts.data.Facts] is what a rubric is scored against. Build it in code
([`Facts.from_records`][pmedu.facts.data.Facts.from_records]), from table rows
([`facts_from_rows`][pmedu.facts.data.facts_from_rows]), or read a CSV with
[`pmedu.io.facts.read_facts`][pmedu.io.facts.read_facts]: *long* (columns unit, measure, value —
Chinese headers 单位编号, 指标, 数值 accepted; an optional year/年度 column) or *wide* (one row per
unit, one column per measure). A fact that is absent is *missing*, never silently zero; a fact
present with a blank value is *not applicable* (also scored as missing, and so noted).

>>> f = Facts.from_records([("T01", "attendance_rate", 0.85), ("T01", "info_items", 7)])
>>> f.get("T01", "attendance_rate"), f.get("T02", "attendance_rate")
(Decimal('0.85'), None)
>>> f.has("T01", "info_items"), f.has("T02", "info_items")
(True, False)
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import attrs

from pmedu.compat import deprecated
from pmedu.errors import DataError, Problem

__all__ = [
    "MAX_EXPONENT",
    "MEASURE_HEADERS",
    "NAME_HEADERS",
    "UNIT_HEADERS",
    "VALUE_HEADERS",
    "YEAR_HEADERS",
    "Facts",
    "Layout",
    "facts_from_rows",
    "number",
    "unknown_measures",
]

Key = tuple[str, str]
Layout = Literal["auto", "long", "wide"]

UNIT_HEADERS = ("unit", "unit_id", "id", "单位编号", "单位代码", "编号")
MEASURE_HEADERS = ("measure", "指标", "指标名", "指标名称")
VALUE_HEADERS = ("value", "数值", "值", "实际值")
YEAR_HEADERS = ("year", "年度", "年份")
NAME_HEADERS = ("name", "unit_name", "名称", "单位名称", "单位")

#: the largest decimal exponent (either way) a fact may have: no count, amount or rate comes
#: near 10¹⁵, and a bound keeps every rule's arithmetic exact and finite
MAX_EXPONENT = 15


def number(value: Any) -> Decimal | None:
    """A fact's value as a Decimal (``None`` for no value); raises ``ValueError`` if bad.

    >>> number("85%"), number(" "), number(7)
    (Decimal('0.85'), None, Decimal('7'))
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int | float):
        d = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            return None
        pct = text.endswith("%")
        try:
            d = Decimal(text[:-1] if pct else text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
        if pct:
            d = d / 100
    else:
        raise ValueError(f"not a number: {value!r}")
    if not d.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        raise ValueError(f"number out of range (at most 1e{MAX_EXPONENT} in size): {value!r}")
    return d


def _value_problems(data: Mapping[Key, Any]) -> list[Problem]:
    out = []
    for (unit, measure), value in data.items():
        try:
            number(value)
        except ValueError as exc:
            out.append(Problem(str(exc), unit=unit, field=measure))
    return out


def _problems(value: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(value)


def _freeze(data: Mapping[Key, Decimal | None]) -> Mapping[Key, Decimal | None]:
    return MappingProxyType(dict(data))


@attrs.frozen
class Facts:
    """Measured values by (unit id, measure) for one assessment year.

    ``data`` maps ``(unit_id, measure)`` to a `Decimal`, or to ``None`` for a
    fact reported as not applicable. ``year`` is informative (the year the facts are for).

    ``warnings`` are the problems a reader found that do not stop it (a column that is no known
    measure, see [`facts_from_rows`][pmedu.facts.data.facts_from_rows]); they take no part in
    equality.

    A value that is not a finite number of sensible size (at most 1e15 either way) is a
    [`DataError`][pmedu.errors.DataError] naming the unit and the measure.

    >>> f = Facts({("T01", "info_items"): Decimal(8)}, year=2025)
    >>> len(f), f.year, f.units(), f.warnings
    (1, 2025, ['T01'], ())
    >>> Facts({("T01", "info_items"): Decimal("1e999999999")})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    unit T01: info_items: number out of range (at most 1e15 in size): ...
    """

    data: Mapping[Key, Decimal | None] = attrs.field(converter=_freeze, hash=False)
    year: int | None = attrs.field(default=None, kw_only=True)
    warnings: tuple[Problem, ...] = attrs.field(
        default=(), converter=_problems, eq=False, repr=False, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        problems = _value_problems(self.data)
        if problems:
            raise DataError(problems)

    # --- building -------------------------------------------------------------------------

    @classmethod
    def from_records(
        cls, records: Iterable[Any], *, year: int | None = None, source: str | None = None
    ) -> Facts:
        """Facts from ``(unit_id, measure, value)`` tuples or dicts with those keys.

        Values may be numbers, decimals, numeric strings (``"85%"`` is 0.85), ``True``/
        ``False`` (1/0) or ``None``/blank (not applicable). Every bad record and every
        duplicate (unit, measure) is reported at once as a [`DataError`][pmedu.errors.DataError].

        >>> Facts.from_records([("T01", "m", 1), ("T01", "m", 2), ("T02", "m", "x")])
        Traceback (most recent call last):
        ...
        pmedu.errors.DataError: 2 problems:
        row 2: unit T01: measure: duplicate fact 'm' (first at row 1)
        row 3: unit T02: m: not a number: 'x'
        """
        data: dict[Key, Decimal | None] = {}
        first: dict[Key, int] = {}
        problems: list[Problem] = []
        for i, rec in enumerate(records, start=1):
            if isinstance(rec, Mapping):
                unit, measure, value = rec.get("unit"), rec.get("measure"), rec.get("value")
            else:
                try:
                    unit, measure, value = rec
                except (TypeError, ValueError):
                    problems.append(
                        Problem(f"expected (unit, measure, value), got {rec!r}", file=source, row=i)
                    )
                    continue
            bad = False
            for name, text in (("unit", unit), ("measure", measure)):
                if not isinstance(text, str) or not text.strip():
                    problems.append(
                        Problem(f"blank or not text: {text!r}", file=source, row=i, field=name)
                    )
                    bad = True
            try:
                parsed = number(value)
            except ValueError as exc:
                where = measure.strip() if isinstance(measure, str) and measure.strip() else "value"
                problems.append(Problem(str(exc), file=source, row=i, unit=_s(unit), field=where))
                bad = True
            if bad:
                continue
            key = (str(unit).strip(), str(measure).strip())
            if key in first:
                problems.append(
                    Problem(
                        f"duplicate fact {key[1]!r} (first at row {first[key]})",
                        file=source,
                        row=i,
                        unit=key[0],
                        field="measure",
                    )
                )
                continue
            first[key] = i
            data[key] = parsed
        if problems:
            raise DataError(problems)
        return cls(data, year=year)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str], *, year: int | None = None) -> Facts:
        """Read a long or a wide CSV (kept for old callers: use
        [`pmedu.io.facts.read_facts`][pmedu.io.facts.read_facts]).

        >>> callable(Facts.from_csv)
        True
        """
        deprecated("Facts file methods", "pmedu.io.facts.read_facts")
        return _io().read_facts(path, year=year)  # type: ignore[no-any-return]

    @classmethod
    def from_long_csv(cls, path: str | os.PathLike[str], *, year: int | None = None) -> Facts:
        """Read a long CSV (kept for old callers: use
        [`pmedu.io.facts.read_long_facts`][pmedu.io.facts.read_long_facts]).

        >>> callable(Facts.from_long_csv)
        True
        """
        deprecated("Facts file methods", "pmedu.io.facts.read_long_facts")
        return _io().read_long_facts(path, year=year)  # type: ignore[no-any-return]

    @classmethod
    def from_wide_csv(cls, path: str | os.PathLike[str], *, year: int | None = None) -> Facts:
        """Read a wide CSV (kept for old callers: use
        [`pmedu.io.facts.read_wide_facts`][pmedu.io.facts.read_wide_facts]).

        >>> callable(Facts.from_wide_csv)
        True
        """
        deprecated("Facts file methods", "pmedu.io.facts.read_wide_facts")
        return _io().read_wide_facts(path, year=year)  # type: ignore[no-any-return]

    # --- queries --------------------------------------------------------------------------

    def get(self, unit_id: str, measure: str) -> Decimal | None:
        """The value, or ``None`` when the fact is missing or not applicable."""
        return self.data.get((unit_id, measure))

    def has(self, unit_id: str, measure: str) -> bool:
        """Whether a fact (even a blank one) was given for this unit and measure."""
        return (unit_id, measure) in self.data

    def missing(self, unit_ids: Iterable[str], measures: Iterable[str]) -> list[Key]:
        """The (unit, measure) pairs among those asked for that have no value.

        >>> Facts.from_records([("A", "m", 1)]).missing(["A", "B"], ["m"])
        [('B', 'm')]
        """
        ms = list(measures)
        return [(u, m) for u in unit_ids for m in ms if self.get(u, m) is None]

    def units(self) -> list[str]:
        """The unit ids that have at least one fact, in first-seen order."""
        return list(dict.fromkeys(u for u, _ in self.data))

    def measures(self) -> list[str]:
        """The measures present, in first-seen order."""
        return list(dict.fromkeys(m for _, m in self.data))

    def __len__(self) -> int:
        return len(self.data)

    def to_records(self) -> list[dict[str, Any]]:
        """Plain ``{"unit", "measure", "value"}`` dicts (value a Decimal or ``None``).

        >>> Facts.from_records([("A", "m", "0.5")]).to_records()
        [{'unit': 'A', 'measure': 'm', 'value': Decimal('0.5')}]
        """
        return [{"unit": u, "measure": m, "value": val} for (u, m), val in self.data.items()]

    def to_pandas(self, *, wide: bool = False) -> Any:
        """The facts as a ``pandas.DataFrame``: long (columns ``unit, measure, value``, the
        value a float, ``NaN`` for not applicable), or with ``wide=True`` one row per unit (the
        index) and one column per measure, in first-seen order; needs ``pmedu[pandas]``.
        The facts keep their exact decimals.

        >>> f = Facts.from_records([("A", "m", "0.5"), ("B", "m", None)])
        >>> f.to_pandas()["value"].sum()  # doctest: +SKIP
        np.float64(0.5)
        >>> f.to_pandas(wide=True).loc["A", "m"]  # doctest: +SKIP
        np.float64(0.5)
        """
        frame = _frames().records_frame(
            self.to_records(),
            numeric=["value"],
            columns=["unit", "measure", "value"],
            feature="Facts.to_pandas()",
        )
        if not wide:
            return frame
        table = frame.pivot(index="unit", columns="measure", values="value")
        table = table.reindex(index=self.units(), columns=self.measures())
        table.columns.name = None
        return table

    def __repr__(self) -> str:
        """One line: the year, how many facts, units and measures.

        >>> Facts.from_records([("A", "m", "0.5"), ("B", "m", None)], year=2025)
        <Facts 2025: 2 facts, 2 units, 1 measures>
        """
        year = f" {self.year}" if self.year is not None else ""
        return (
            f"<Facts{year}: {len(self):,} facts, {len(self.units()):,} units, "
            f"{len(self.measures()):,} measures>"
        )

    def _repr_html_(self) -> str:
        """The first facts as a small HTML table (Jupyter)."""
        keys = ["unit", "measure", "value"]
        return _frames().records_html(  # type: ignore[no-any-return]
            self.to_records(), caption=repr(self), columns=keys
        )

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write a long CSV (kept for old callers: use
        [`pmedu.io.facts.write_facts`][pmedu.io.facts.write_facts]).

        >>> callable(Facts.from_records([]).to_csv)
        True
        """
        deprecated("Facts.to_csv", "pmedu.io.facts.write_facts")
        return _io().write_facts(self, path)  # type: ignore[no-any-return]


def _frames() -> Any:
    """``pmedu.frames`` (DataFrames and HTML tables), looked up when ``to_pandas`` or
    ``_repr_html_`` is called: the facts data module imports nothing of pmedu but its errors."""
    return importlib.import_module("pmedu.frames")


def _io() -> Any:
    """``pmedu.io.facts``, looked up when a file method is called (those methods stay only
    until their callers use [`pmedu.io.facts`][pmedu.io.facts]; facts never imports io)."""
    return importlib.import_module("pmedu.io.facts")


def _s(x: Any) -> str | None:
    return x.strip() if isinstance(x, str) and x.strip() else None


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    low = [h.lower() for h in header]
    for n in names:
        if n.lower() in low:
            return low.index(n.lower())
    return None


def _year(
    name: str, rows: list[list[str]], col: int | None, year: int | None
) -> tuple[list[tuple[int, list[str]]], list[Problem], int | None]:
    """Rows (with their spreadsheet row numbers) of the chosen year."""
    numbered = [(i, r) for i, r in enumerate(rows, start=2) if any(c.strip() for c in r)]
    if col is None:
        return numbered, [], year
    problems: list[Problem] = []
    years: dict[int, None] = {}
    kept: list[tuple[int, list[str]]] = []
    for i, r in numbered:
        cell = r[col].strip() if col < len(r) else ""
        try:
            y = int(cell)
        except ValueError:
            problems.append(Problem(f"not a year: {cell!r}", file=name, row=i, field="year"))
            continue
        years[y] = None
        if year is None or y == year:
            kept.append((i, r))
    if year is None and len(years) > 1:
        shown = ", ".join(str(y) for y in sorted(years))
        problems.append(
            Problem(
                f"facts for several years ({shown}): choose one with year=", file=name, field="year"
            )
        )
    if year is None and len(years) == 1:
        year = next(iter(years))
    return kept, problems, year


def _long(name: str, header: list[str], rows: list[list[str]], year: int | None) -> Facts:
    cols = {
        "unit": _find(header, UNIT_HEADERS),
        "measure": _find(header, MEASURE_HEADERS),
        "value": _find(header, VALUE_HEADERS),
    }
    aliases = {"unit": UNIT_HEADERS, "measure": MEASURE_HEADERS, "value": VALUE_HEADERS}
    missing = [
        Problem(
            f"missing column {k!r} (accepted: {', '.join(aliases[k])})",
            file=name,
            row=1,
            field="header",
        )
        for k, c in cols.items()
        if c is None
    ]
    if missing:
        raise DataError(missing)
    kept, problems, year = _year(name, rows, _find(header, YEAR_HEADERS), year)
    data: dict[Key, Decimal | None] = {}
    first: dict[Key, int] = {}
    width = len(header)
    for i, r in kept:
        if len(r) != width:
            problems.append(
                Problem(f"row has {len(r)} cells, the header has {width}", file=name, row=i)
            )
            continue
        unit = r[cols["unit"] or 0].strip()
        measure = r[cols["measure"] or 0].strip()
        ok = True
        for col, text in (("unit", unit), ("measure", measure)):
            if not text:
                problems.append(Problem("blank", file=name, row=i, field=col))
                ok = False
        try:
            value = number(r[cols["value"] or 0])
        except ValueError as exc:
            problems.append(Problem(str(exc), file=name, row=i, field="value"))
            ok = False
        if not ok:
            continue
        key = (unit, measure)
        if key in first:
            problems.append(
                Problem(
                    f"duplicate fact for ({unit}, {measure}) (first at row {first[key]})",
                    file=name,
                    row=i,
                    field="measure",
                )
            )
            continue
        first[key] = i
        data[key] = value
    if problems:
        raise DataError(problems)
    return Facts(data, year=year)


def _wide(name: str, header: list[str], rows: list[list[str]], year: int | None) -> Facts:
    ucol = _find(header, UNIT_HEADERS)
    if ucol is None:
        raise DataError(
            [
                Problem(
                    f"missing the unit column (accepted: {', '.join(UNIT_HEADERS)})",
                    file=name,
                    row=1,
                    field="header",
                )
            ]
        )
    ycol = _find(header, YEAR_HEADERS)
    ncol = _find(header, NAME_HEADERS)
    skip = {ucol, ycol, ncol}
    problems: list[Problem] = []
    measures: dict[int, str] = {}
    seen_cols: dict[str, int] = {}
    for j, h in enumerate(header):
        if j in skip:
            continue
        if not h:
            problems.append(
                Problem(f"column {j + 1} has no name", file=name, row=1, field="header")
            )
        elif h in seen_cols:
            problems.append(Problem(f"duplicate column {h!r}", file=name, row=1, field="header"))
        else:
            seen_cols[h] = j
            measures[j] = h
    kept, yproblems, year = _year(name, rows, ycol, year)
    problems += yproblems
    data: dict[Key, Decimal | None] = {}
    first: dict[str, int] = {}
    width = len(header)
    for i, r in kept:
        if len(r) != width:
            problems.append(
                Problem(f"row has {len(r)} cells, the header has {width}", file=name, row=i)
            )
            continue
        unit = r[ucol].strip()
        if not unit:
            problems.append(Problem("blank", file=name, row=i, field=header[ucol]))
            continue
        if unit in first:
            problems.append(
                Problem(
                    f"duplicate unit {unit!r} (first at row {first[unit]})",
                    file=name,
                    row=i,
                    field=header[ucol],
                )
            )
            continue
        first[unit] = i
        for j, m in measures.items():
            if not r[j].strip():
                continue  # a blank cell is a missing fact
            try:
                data[(unit, m)] = number(r[j])
            except ValueError as exc:
                problems.append(Problem(str(exc), file=name, row=i, field=m))
    if problems:
        raise DataError(problems)
    return Facts(data, year=year)


def facts_from_rows(
    source: str,
    header: list[str],
    rows: list[list[str]],
    *,
    year: int | None = None,
    layout: Layout = "auto",
    known: Collection[str] | None = None,
    strict: bool = False,
) -> Facts:
    """Facts from a table already read into cells (a CSV file, a workbook sheet): long when
    the header has unit, measure and value columns (English or Chinese), else wide. Rows are
    numbered as a spreadsheet shows them (the header is row 1). ``layout`` ("long" or
    "wide") skips telling them apart.

    >>> f = facts_from_rows("t.csv", ["单位编号", "info_items"], [["T01", "8"]])
    >>> f.get("T01", "info_items")
    Decimal('8')
    >>> facts_from_rows("t.csv", ["unit", "measure", "value"], [["T01", "m", "x"]])
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    t.csv:2: value: not a number: 'x'
    """
    header = [h.strip() for h in header]
    if layout == "auto":
        names = (UNIT_HEADERS, MEASURE_HEADERS, VALUE_HEADERS)
        layout = "long" if all(_find(header, n) is not None for n in names) else "wide"
    facts = (_long if layout == "long" else _wide)(source, header, rows, year)
    if known is None:
        return facts
    found = unknown_measures(facts, known, source=source)
    if found and strict:
        raise DataError(found)
    return attrs.evolve(facts, warnings=found) if found else facts


def unknown_measures(
    facts: Facts, known: Collection[str], *, source: str | None = None
) -> list[Problem]:
    """One problem per measure of ``facts`` not in ``known`` (a misspelt column), naming it.

    >>> f = Facts.from_records([("T01", "info_item", 8), ("T01", "info_items", 8)])
    >>> [str(p) for p in unknown_measures(f, ["info_items"], source="f.csv")]
    ["f.csv: info_item: 'info_item' is not a known measure (kept as given)"]
    """
    seen = dict.fromkeys(m for _u, m in facts.data)
    return [
        Problem(f"{m!r} is not a known measure (kept as given)", file=source, field=m)
        for m in seen
        if m not in known
    ]
