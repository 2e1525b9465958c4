"""A unit's lineage (沿革): merges 撤并, splits 拆分 and renames 更名, so its history follows it.

Villages and townships are merged and renamed (DOMAIN §10, issue 18), which breaks every series
kept by id. A [`Lineage`][pmedu.model.lineage.Lineage] is a table of changes: old id → new id,
the date the change took effect, and its kind ([`Change`][pmedu.model.lineage.Change]). The
pipeline carries each year's facts along it to the ids of the latest year
([`pmedu.pipeline.compute_trend`][pmedu.pipeline.compute_trend]).

>>> lin = Lineage.from_rows(["原编号", "新编号", "生效日期", "变更类型"], [
...     ["T01-V01", "T01-V09", "2025-01-01", "撤并"],
...     ["T01-V02", "T01-V09", "2025-01-01", "撤并"],
...     ["T02", "T12", "2024-06-30", "更名"],
...     ["T12", "T22", "2026-01-01", "更名"]])
>>> lin.current_id("T01-V02"), lin.current_id("T02"), lin.current_id("T05")
('T01-V09', 'T22', 'T05')
>>> lin.former_ids("T01-V09"), lin.former_ids("T22")
(('T01-V01', 'T01-V02'), ('T02', 'T12'))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from pmedu.errors import LineageError, Problem
from pmedu.labels import LabelledEnum
from pmedu.model.calendar import parse_date
from pmedu.validators import clean_id

__all__ = ["COLUMNS", "Change", "Lineage", "LineageEntry"]


class Change(LabelledEnum):
    """The kind of a change in a unit's lineage.

    >>> Change.parse("撤并"), Change.parse("更名").value, Change.parse("拆分").label
    (<Change.MERGE: 'merge'>, 'rename', '拆分')
    """

    @classmethod
    def noun(cls) -> str:
        return "lineage change"

    MERGE = ("merge", "撤并", ("合并", "并入", "撤并合并", "merged"))
    SPLIT = ("split", "拆分", ("分设", "析出", "split_off"))
    RENAME = ("rename", "更名", ("改名", "重命名", "更名改编号", "renamed", "recode"))


def _change(value: Any) -> Change:
    return Change.parse(value)


def _date(value: Any) -> dt.date:
    return parse_date(value)


@attrs.frozen
class LineageEntry:
    """One change: the unit ``old_id`` became ``new_id`` on ``effective``.

    A merge 撤并 names one ``new_id`` for several ``old_id`` (their facts are added up under
    it); a rename 更名 one for one (the series carries on under the new id); a split 拆分 one
    ``old_id`` for several ``new_id`` (the old unit's facts cannot be divided: its series ends,
    and each new unit lists it among its former ids).

    >>> LineageEntry(old_id="T02", new_id="T12", effective="2024-06-30", change="更名").change
    <Change.RENAME: 'rename'>
    """

    old_id: str = attrs.field(converter=clean_id)
    new_id: str = attrs.field(converter=clean_id)
    effective: dt.date = attrs.field(converter=_date)
    change: Change = attrs.field(converter=_change)
    note: str = ""


#: the lineage table's columns: field → the Chinese header and the other headers accepted
COLUMNS: dict[str, tuple[str, ...]] = {
    "old_id": ("原编号", "原单位编号", "旧编号", "old id", "old"),
    "new_id": ("新编号", "现编号", "新单位编号", "new id", "new"),
    "effective": ("生效日期", "变更日期", "日期", "date", "effective date"),
    "change": ("变更类型", "变更", "类型", "type"),
    "note": ("备注", "说明", "remark"),
}
_REQUIRED = ("old_id", "new_id", "effective", "change")


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


def _header_map(header: Sequence[str], source: str | None) -> dict[str, int]:
    known = {_norm(h): f for f, names in COLUMNS.items() for h in (f, *names)}
    found: dict[str, int] = {}
    for k, h in enumerate(header):
        field = known.get(_norm(str(h)))
        if field is not None and field not in found:
            found[field] = k
    missing = [f for f in _REQUIRED if f not in found]
    if missing:
        raise LineageError(
            [
                Problem(f"missing column {COLUMNS[f][0]} ({f})", file=source, row=1, field=f)
                for f in missing
            ]
        )
    return found


def _entries(value: Iterable[LineageEntry]) -> tuple[LineageEntry, ...]:
    return tuple(value)


@attrs.frozen
class Lineage:
    """The changes of a county's units, checked: an id renamed or merged away once (a split
    may name an old id several times), no id its own successor through a chain of changes,
    and each change of a chain on or after the one before it.

    >>> Lineage([LineageEntry("A", "B", "2025-01-01", "更名"),
    ...          LineageEntry("B", "A", "2025-06-01", "更名")])
    Traceback (most recent call last):
    ...
    pmedu.errors.LineageError: 1 problem:
    unit A: new_id: the lineage goes round: A → B → A
    """

    entries: tuple[LineageEntry, ...] = attrs.field(converter=_entries)

    def __attrs_post_init__(self) -> None:
        problems = _entry_problems(self.entries)
        if problems:
            raise LineageError(problems)

    @classmethod
    def from_rows(
        cls, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, source: str | None = None
    ) -> Lineage:
        """The lineage of a table's header and rows (row ``i`` is the table's row ``i + 2``);
        every bad cell is reported with its row, at once.

        >>> Lineage.from_rows(["old_id", "new_id", "effective", "change"],
        ...                   [["A", "B", "2025-13-01", "merge"], ["C", "", "2025-01-01", "x"]],
        ...                   source="l.csv")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        pmedu.errors.LineageError: 3 problems:
        l.csv:2: effective: ...
        l.csv:3: new_id: ...
        l.csv:3: change: unknown lineage change 'x'; accepted: merge, split, rename, ...
        """
        cols = _header_map([str(h) for h in header], source)
        entries: list[LineageEntry] = []
        problems: list[Problem] = []
        for row_no, row in enumerate(rows, start=2):
            cells = {f: (row[k] if k < len(row) else None) for f, k in cols.items()}
            if all(c is None or str(c).strip() == "" for c in cells.values()):
                continue
            values: dict[str, Any] = {}
            for f, convert in _CELLS.items():
                if f not in cells:
                    continue
                try:
                    values[f] = convert(cells[f])
                except (TypeError, ValueError) as exc:
                    problems.append(Problem(str(exc), file=source, row=row_no, field=f))
            if len(values) == len(cells):
                entries.append(LineageEntry(**values))
        if problems:
            raise LineageError(problems)
        return cls(entries)

    def successors(self, unit_id: str) -> tuple[LineageEntry, ...]:
        """The changes that ended ``unit_id`` (one for a rename or merge, several for a
        split), in table order."""
        return tuple(e for e in self.entries if e.old_id == unit_id)

    def current_id(self, unit_id: str) -> str | None:
        """The id ``unit_id``'s history continues under after every rename and merge, itself
        when it never changed; ``None`` when it was split (its facts cannot be divided)."""
        seen = unit_id
        while True:
            nxt = self.successors(seen)
            if not nxt:
                return seen
            if nxt[0].change is Change.SPLIT:
                return None
            seen = nxt[0].new_id

    def former_ids(self, unit_id: str) -> tuple[str, ...]:
        """Every id whose history leads to ``unit_id`` (renamed, merged or split into it,
        directly or through a chain), in the order of the table."""
        out: list[str] = []
        todo = [unit_id]
        while todo:
            uid = todo.pop(0)
            for e in self.entries:
                if e.new_id == uid and e.old_id not in out and e.old_id != unit_id:
                    out.append(e.old_id)
                    todo.append(e.old_id)
        when = {e.old_id: e.effective for e in self.entries}
        return tuple(sorted(out, key=when.__getitem__))

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per change (dates as ISO text, changes by their English value).

        >>> Lineage([LineageEntry("A", "B", "2025-01-01", "更名")]).to_records()
        [{'old_id': 'A', 'new_id': 'B', 'effective': '2025-01-01', 'change': 'rename', 'note': ''}]
        """
        return [
            {
                "old_id": e.old_id,
                "new_id": e.new_id,
                "effective": e.effective.isoformat(),
                "change": e.change.value,
                "note": e.note,
            }
            for e in self.entries
        ]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date_cell(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(_text(value))


_CELLS: dict[str, Any] = {
    "old_id": lambda c: clean_id(_text(c)),
    "new_id": lambda c: clean_id(_text(c)),
    "effective": _date_cell,
    "change": lambda c: Change.parse(_text(c)),
    "note": lambda c: _text(c).strip(),
}


def _entry_problems(entries: Sequence[LineageEntry]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, LineageEntry] = {}
    for e in entries:
        if e.old_id == e.new_id:
            problems.append(Problem("a unit cannot become itself", unit=e.old_id, field="new_id"))
            continue
        before = first.get(e.old_id)
        if before is None:
            first[e.old_id] = e
        elif not (before.change is Change.SPLIT and e.change is Change.SPLIT):
            problems.append(
                Problem(
                    f"{e.old_id} already became {before.new_id} ({before.change.label}); "
                    "only a split names an old id twice",
                    unit=e.old_id,
                    field="old_id",
                )
            )
    problems.extend(_chain_problems(first))
    return _unique(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def _chain_problems(first: dict[str, LineageEntry]) -> list[Problem]:
    """Chains that go round (reported alone), else changes that run backwards in time."""
    rounds: list[Problem] = []
    backwards: list[Problem] = []
    for start, e in first.items():
        walk = [start]
        nxt: LineageEntry | None = e
        while nxt is not None and nxt.new_id not in walk:
            after = first.get(nxt.new_id)
            if after is not None and after.effective < nxt.effective:
                backwards.append(
                    Problem(
                        f"{after.old_id} changed on {after.effective} but only came to be on "
                        f"{nxt.effective}",
                        unit=after.old_id,
                        field="effective",
                    )
                )
            walk.append(nxt.new_id)
            nxt = after
        if nxt is not None and nxt.new_id == start:
            chain = " → ".join([*walk, start])
            rounds.append(Problem(f"the lineage goes round: {chain}", unit=start, field="new_id"))
    return rounds[:1] if rounds else backwards
