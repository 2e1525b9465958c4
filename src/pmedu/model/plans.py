"""The county's annual and stage themes and the monthly play-and-view plan ([monthly
plans][plans]).

[Seed 002][seed-002]: township party committees, county departments and the organisations under
the county committee "分类型、分层次确定年度播放主题和阶段性播放主题" — fix an annual theme
and stage themes per kind and level of organisation; townships give first place to two main themes,
先进性教育 (education in the party's advanced nature) and 农村实用技术 (rural practical
techniques). [Seed 001][seed-001]: the county centre sets the focus of each stage; the township
station draws up the monthly play-and-view plan 每月播放收看计划 from the films it holds and
circulates them.

An [`AnnualTheme`][pmedu.model.plans.AnnualTheme] is one stage of an annual theme (one row of the
年度主题 sheet): the year, the kinds of unit it is for, the annual theme, the stage, its months,
its stage theme and the film categories that fit it (empty: the plan policy's mapping from theme
to categories decides). A [`PlanEntry`][pmedu.model.plans.PlanEntry] is one row of the 播放计划
sheet: in a month, a township's film set (and the films of it to show) at a village's station,
with the month's theme.

>>> t = AnnualTheme(id="AT1", year=2025, kinds=["镇"], theme="先进性教育", stage="学习动员",
...                 months=[1, 2, 3], stage_theme="学习党章", categories=["党性教育"])
>>> t.covers(2), [k.label for k in t.kinds], [c.label for c in t.categories]
(True, ['乡镇'], ['党性教育'])
>>> e = PlanEntry(id="P1", year=2025, month=3, township_id="T01", unit_id="V001",
...               station_id="S-V001", film_set_id="FS-T01-1", film_ids=["F001"],
...               theme="学习党章")
>>> e.month, e.film_ids
(3, ('F001',))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import UnitKind, parse_kinds
from pmedu.model.bounds import id_tuple, not_text
from pmedu.model.bounds import year as _year
from pmedu.model.columns import column
from pmedu.model.films import FilmCategory
from pmedu.validators import nonblank as _nonblank

__all__ = ["AnnualTheme", "PlanEntry", "set_conflicts", "themes_for"]

_ID = [v.instance_of(str), _nonblank]
_STRS = v.deep_iterable(v.instance_of(str))


def _kinds(value: Any) -> frozenset[UnitKind]:
    if isinstance(value, str | UnitKind):
        return parse_kinds(value)
    return parse_kinds(list(not_text(value)))


def _categories(value: Any) -> frozenset[FilmCategory]:
    if isinstance(value, FilmCategory | str) and value != "":
        return frozenset({FilmCategory.parse(value)})
    return frozenset(FilmCategory.parse(x) for x in not_text(value or ()))


def _months(value: Any) -> tuple[int, ...]:
    return tuple(sorted(set(not_text(value))))


def _month(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise ValueError(f"'{attribute.name}' must be a month 1–12: {value!r}")


def _month_list(inst: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise ValueError(f"'{attribute.name}' must list at least one month")
    for m in value:
        _month(inst, attribute, m)


@attrs.frozen
class AnnualTheme:
    """One stage of a year's play-and-view theme for some kinds of unit (one row of 年度主题;
    [seed 002][seed-002]).

    Parameters
    ----------
    id
        The row's code.
    year
        The year the theme is for.
    kinds
        The kinds (and so levels) of organisation it is for (labels accepted: ``["镇", "乡"]``);
        empty: every kind.
    theme
        The annual theme 年度主题 (``先进性教育``, ``农村实用技术`` …).
    stage
        The stage's name (``学习动员``); optional.
    months
        The months 1–12 of the stage.
    stage_theme
        The stage theme 阶段主题; empty: the annual theme.
    categories
        The film categories that fit the stage
        ([`FilmCategory`][pmedu.model.films.FilmCategory], labels accepted); empty: the plan
        policy's mapping from theme to categories decides.

    >>> AnnualTheme(id="A", year=2025, theme="x", months=[13])
    Traceback (most recent call last):
    ...
    ValueError: 'months' must be a month 1–12: 13
    """

    SHEET: ClassVar[str] = "年度主题"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "代码"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "年份"))
    theme: str = attrs.field(validator=_ID, metadata=column("年度主题", "主题"))
    months: tuple[int, ...] = attrs.field(
        converter=_months, validator=_month_list, metadata=column("月份", "阶段月份")
    )
    kinds: frozenset[UnitKind] = attrs.field(
        default=frozenset(), converter=_kinds, metadata=column("适用类型", "单位类型", "类型")
    )
    stage: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("阶段", "阶段名称")
    )
    stage_theme: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("阶段主题", "阶段性主题")
    )
    categories: frozenset[FilmCategory] = attrs.field(
        default=frozenset(), converter=_categories, metadata=column("片类", "电教片类别")
    )

    @property
    def shown_theme(self) -> str:
        """The theme a month of this stage shows: the stage theme, else the annual theme.

        >>> AnnualTheme(id="A", year=2025, theme="先进性教育", months=[1]).shown_theme
        '先进性教育'
        """
        return self.stage_theme or self.theme

    def covers(self, month: int) -> bool:
        """Whether ``month`` (1–12) is in this stage."""
        return month in self.months

    def applies_to(self, *kinds: UnitKind) -> bool:
        """Whether the theme is for a unit of any of ``kinds`` (every kind when ``kinds`` of
        the theme is empty).

        >>> AnnualTheme(id="A", year=2025, theme="t", months=[1], kinds=["镇"]).applies_to(
        ...     UnitKind.VILLAGE)
        False
        """
        return not self.kinds or any(k in self.kinds for k in kinds)


def themes_for(
    themes: Iterable[AnnualTheme], year: int, month: int, *kinds: UnitKind
) -> list[AnnualTheme]:
    """The stages of ``year`` covering ``month`` for a unit of any of ``kinds``, in the order
    given.

    >>> ts = [AnnualTheme(id="A", year=2025, theme="先进性教育", months=[1, 2], kinds=["镇"]),
    ...       AnnualTheme(id="B", year=2025, theme="农村实用技术", months=[2, 3], kinds=["镇"])]
    >>> [t.id for t in themes_for(ts, 2025, 2, UnitKind.TOWNSHIP)]
    ['A', 'B']
    """
    return [t for t in themes if t.year == year and t.covers(month) and t.applies_to(*kinds)]


@attrs.frozen
class PlanEntry:
    """One row of the monthly play-and-view plan 每月播放收看计划 ([seed 001][seed-001]): in
    ``month`` of ``year``, the township's film set ``film_set_id`` (and of it the films
    ``film_ids``) at the station ``station_id`` of unit ``unit_id`` (a village, or the township
    itself), under ``theme``.

    ``film_set_id`` or ``film_ids`` may be empty, not both.

    >>> PlanEntry(id="P", year=2025, month=1, township_id="T", unit_id="V")
    Traceback (most recent call last):
    ...
    ValueError: plan entry 'P': give a film set or films
    """

    SHEET: ClassVar[str] = "播放计划"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "代码"))
    year: int = attrs.field(validator=_year, metadata=column("年度", "年份"))
    month: int = attrs.field(validator=_month, metadata=column("月份"))
    township_id: str = attrs.field(validator=_ID, metadata=column("乡镇", "乡镇编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("村", "单位编号", "村编号"))
    station_id: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("网点", "网点编号")
    )
    film_set_id: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("片套", "片套编号")
    )
    film_ids: tuple[str, ...] = attrs.field(
        default=(), converter=id_tuple, validator=_STRS, metadata=column("片目", "电教片")
    )
    theme: str = attrs.field(
        default="", validator=v.instance_of(str), metadata=column("主题", "播放主题")
    )

    def __attrs_post_init__(self) -> None:
        if not self.film_set_id and not self.film_ids:
            raise ValueError(f"plan entry {self.id!r}: give a film set or films")


def set_conflicts(entries: Iterable[PlanEntry]) -> list[tuple[int, int]]:
    """``(index, index of the first)`` for every plan entry that puts a film set at a second
    unit in the same month (a set is at one village a month, [seed 001][seed-001]); entries
    without a film set are never in conflict.

    >>> es = [PlanEntry(id=f"P{i}", year=2025, month=1, township_id="T", unit_id=u,
    ...                 film_set_id="S1") for i, u in enumerate(["V1", "V2", "V1"])]
    >>> set_conflicts(es)
    [(1, 0)]
    """
    first: dict[tuple[str, int, int], tuple[int, str]] = {}
    out: list[tuple[int, int]] = []
    for i, e in enumerate(entries):
        if not e.film_set_id:
            continue
        key = (e.film_set_id, e.year, e.month)
        seen = first.get(key)
        if seen is None:
            first[key] = (i, e.unit_id)
        elif seen[1] != e.unit_id:
            out.append((i, seen[0]))
    return out
