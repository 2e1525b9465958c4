"""The monthly plan as data: [`MonthlyPlan`][pmedu.planning.result.MonthlyPlan] ([monthly
plans][plans]).

It holds the year's [`PlanEntry`][pmedu.model.plans.PlanEntry] rows (the 播放计划 sheet) and one
[`Rotation`][pmedu.planning.result.Rotation] per township (its villages, sets and how many months
the rotation takes); ``to_records()`` gives plain rows, ``table()`` and ``township_table()``
[`Table`][pmedu.tables.Table]s the command line, the report and the workbook render.

>>> from pmedu.model.plans import PlanEntry
>>> p = MonthlyPlan(year=2025, entries=(PlanEntry(id="P", year=2025, month=1,
...     township_id="T", unit_id="V", film_set_id="S", film_ids=("F1",), theme="党性教育"),))
>>> p.to_records()[0]["films"], p.table().headers[:3]
('F1', ['月份', '乡镇', '村'])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from pmedu.model.plans import PlanEntry
from pmedu.tables import Column, Table

__all__ = ["MonthlyPlan", "Rotation"]

#: plan columns: key → (Chinese header, English header, format)
PLAN_COLUMNS: dict[str, tuple[str, str, str]] = {
    "month": ("月份", "month", "int"),
    "township": ("乡镇", "township", "text"),
    "unit": ("村", "village", "text"),
    "station_id": ("网点", "station", "text"),
    "film_set_id": ("片套", "film set", "text"),
    "films": ("片目", "films", "text"),
    "theme": ("主题", "theme", "text"),
}

_ROTATION_COLUMNS = (
    ("township", "乡镇", "township", "text"),
    ("villages", "村数", "villages", "int"),
    ("sets", "套数", "sets", "int"),
    ("months_to_complete", "轮换月数", "months to rotate", "int"),
    ("entries", "计划场次", "entries", "int"),
    ("themed", "主题场次", "themed", "int"),
    ("unserved", "未覆盖村", "unserved", "int"),
)


@attrs.frozen
class Rotation:
    """A township's rotation: its villages, its sets, the months a full rotation takes
    (``None``: no set or no village), the villages no set reaches within the plan, and how many
    entries it has and how many follow a stage theme.

    >>> Rotation(township_id="T", name="东镇", villages=5, sets=2, months_to_complete=5).sets
    2
    """

    township_id: str
    name: str
    villages: int
    sets: int
    months_to_complete: int | None
    unserved: tuple[str, ...] = ()
    entries: int = 0
    themed: int = 0


@attrs.frozen
class MonthlyPlan:
    """A year's monthly play-and-view plan 每月播放收看计划: ``entries`` (by township, month,
    village) and a [`Rotation`][pmedu.planning.result.Rotation] per township; ``names`` maps unit
    ids to names for the tables.

    >>> MonthlyPlan(year=2025).to_records()
    []
    """

    year: int
    entries: tuple[PlanEntry, ...] = ()
    rotations: tuple[Rotation, ...] = ()
    names: Mapping[str, str] = attrs.field(factory=dict, hash=False)

    def _name(self, unit_id: str) -> str:
        return self.names.get(unit_id, unit_id)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per entry: ``id``, ``year``, ``month``, ``township_id``,
        ``township``, ``unit_id``, ``unit``, ``station_id``, ``film_set_id``, ``films``
        (ids joined by ``;``), ``theme``."""
        return [
            {
                "id": e.id,
                "year": e.year,
                "month": e.month,
                "township_id": e.township_id,
                "township": self._name(e.township_id),
                "unit_id": e.unit_id,
                "unit": self._name(e.unit_id),
                "station_id": e.station_id,
                "film_set_id": e.film_set_id,
                "films": ";".join(e.film_ids),
                "theme": e.theme,
            }
            for e in self.entries
        ]

    def rotation_records(self) -> list[dict[str, Any]]:
        """One plain dict per township rotation (``unserved`` counted).

        >>> MonthlyPlan(year=2025, rotations=(Rotation("T", "东镇", 3, 1, 3),)).rotation_records()
        [{'township_id': 'T', 'township': '东镇', 'villages': 3, 'sets': 1, \
'months_to_complete': 3, 'entries': 0, 'themed': 0, 'unserved': 0}]
        """
        return [
            {
                "township_id": r.township_id,
                "township": r.name,
                "villages": r.villages,
                "sets": r.sets,
                "months_to_complete": r.months_to_complete,
                "entries": r.entries,
                "themed": r.themed,
                "unserved": len(r.unserved),
            }
            for r in self.rotations
        ]

    def table(self, *, lang: str = "zh", township: str | None = None) -> Table:
        """The plan as a [`Table`][pmedu.tables.Table] (Chinese or English headers), one row per
        entry, of one township when ``township`` (an id) is given."""
        k = 0 if lang == "zh" else 1
        cols = [Column(spec[k], spec[2]) for spec in PLAN_COLUMNS.values()]
        rows = [
            (
                r["month"],
                r["township"],
                r["unit"],
                r["station_id"],
                r["film_set_id"],
                r["films"],
                r["theme"],
            )
            for r in self.to_records()
            if township is None or r["township_id"] == township
        ]
        caption = f"{self.year} 年每月播放收看计划" if lang == "zh" else f"monthly plan {self.year}"
        return Table(columns=cols, rows=rows, caption=caption)

    def township_table(self, *, lang: str = "zh") -> Table:
        """One row per township: villages, sets, months a rotation takes, entries, entries on a
        stage theme, villages not reached.

        >>> MonthlyPlan(year=2025).township_table().headers[:3]
        ['乡镇', '村数', '套数']
        """
        k = 1 if lang == "zh" else 2
        cols = [Column(spec[k], spec[3]) for spec in _ROTATION_COLUMNS]
        rows = [tuple(r[spec[0]] for spec in _ROTATION_COLUMNS) for r in self.rotation_records()]
        return Table(columns=cols, rows=rows)
