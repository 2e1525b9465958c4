"""People and demonstration: broadcasters 播放员 and science-and-technology demonstration bases
科技示范基地 ([DOMAIN §6, §8][concept-money-people]).

* A [`Broadcaster`][pmedu.model.people.Broadcaster] 播放员 runs a viewing station; seed
  [002][seed-002] asks that broadcasters be trained, so each has the date of the training (``None``
  if not trained yet).
* A [`DemoBase`][pmedu.model.people.DemoBase] 科技示范基地 is built at a unit at a
  [`DemoLevel`][pmedu.model.people.DemoLevel] (city-level 市级 or county-level 县级). Seed
  [001][seed-001] asks for 10 city-level and 100 county-level bases (and 100 / 1,000
  demonstration households), decomposed level by level down the tree (逐层分解, seed
  [004][seed-004]); the targets are a [`DemoTargets`][pmedu.model.people.DemoTargets] policy, split
  by [`decompose_target`][pmedu.network.decompose.decompose_target] and measured against what was
  built.

>>> b = Broadcaster(id="B1", name="张明", station_id="S001", trained="2025-03-18")
>>> b.trained_by(2025), b.trained_by(2024)
(True, False)
>>> DemoBase(id="J1", unit_id="T01", level="县级", year=2024).level.label
'县级'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.labels import LabelledEnum
from pmedu.model.bounds import member_count
from pmedu.model.bounds import year as _year
from pmedu.model.calendar import parse_date
from pmedu.model.columns import column
from pmedu.validators import nonblank

__all__ = ["Broadcaster", "DemoBase", "DemoLevel", "DemoTargets"]

_ID = [v.instance_of(str), nonblank]
_TEXT = v.instance_of(str)


class DemoLevel(LabelledEnum):
    """The level a demonstration base or household is named at (seed [001][seed-001]).

    >>> DemoLevel.parse("市级") is DemoLevel.CITY
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "demonstration level"

    CITY = ("city", "市级", ("市", "city_level"))
    COUNTY = ("county", "县级", ("县", "county_level"))


def _level(value: Any) -> DemoLevel:
    return DemoLevel.parse(value)


def _opt_date(value: Any) -> dt.date | None:
    return None if value is None or value == "" else parse_date(value)


@attrs.frozen
class Broadcaster:
    """A broadcaster 播放员 of a viewing station, with the date of the training (``None``: not
    trained).

    >>> Broadcaster(id="B", name="", station_id="S")
    Traceback (most recent call last):
    ...
    ValueError: 'name' must not be blank
    """

    SHEET: ClassVar[str] = "播放员"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "播放员编号"))
    name: str = attrs.field(validator=_ID, metadata=column("姓名"))
    station_id: str = attrs.field(validator=_ID, metadata=column("网点编号", "网点"))
    trained: dt.date | None = attrs.field(
        default=None, converter=_opt_date, metadata=column("培训日期", "培训时间")
    )

    def trained_by(self, year: int) -> bool:
        """Trained on or before the end of ``year``."""
        return self.trained is not None and self.trained.year <= year


@attrs.frozen
class DemoBase:
    """A science-and-technology demonstration base 科技示范基地 built at a unit in ``year`` at a
    ``level`` (city / county).

    >>> DemoBase(id="J", unit_id="T", level="省级", year=2025)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.LabelError: unknown demonstration level '省级'; ...
    """

    SHEET: ClassVar[str] = "示范基地"

    id: str = attrs.field(validator=_ID, metadata=column("编号", "基地编号"))
    unit_id: str = attrs.field(validator=_ID, metadata=column("单位编号", "单位"))
    level: DemoLevel = attrs.field(converter=_level, metadata=column("级别", "层级"))
    year: int = attrs.field(validator=_year, metadata=column("建成年度", "年度"))
    name: str = attrs.field(default="", validator=_TEXT, metadata=column("名称", "基地名称"))


def _bases(value: Mapping[str, int]) -> dict[str, int]:
    return dict(value)


def _levels(value: Any) -> tuple[tuple[str, ...], ...]:
    return tuple((lv,) if isinstance(lv, str) else tuple(lv) for lv in value)


@attrs.frozen
class DemoTargets:
    """The demonstration-base targets held at the tree's root and how they are split down
    (seed [001][seed-001]: 10 city-level and 100 county-level bases for a city; a county root
    gives its own totals, from its responsibility letter 责任书).

    ``levels`` are the levels the totals are decomposed over, top first (levels the tree lacks
    below its root are skipped); ``weight`` what the split is proportional to (villages by
    default, as film sets; any weight of
    [`decompose_target`][pmedu.network.decompose.decompose_target]).

    >>> DemoTargets().bases
    {'city': 10, 'county': 100}
    >>> DemoTargets(bases={"county": 30}).total
    30
    """

    bases: dict[str, int] = attrs.field(
        factory=lambda: {"city": 10, "county": 100}, converter=_bases, hash=False
    )
    levels: tuple[tuple[str, ...], ...] = attrs.field(
        default=(("县", "区", "县级市"), ("乡镇", "街道")), converter=_levels
    )
    weight: str = "村"

    @bases.validator
    def _known(self, _a: attrs.Attribute[Any], value: dict[str, int]) -> None:
        for k, n in value.items():
            DemoLevel.parse(k)
            member_count(self, attrs.fields(DemoTargets).bases, n)

    @property
    def total(self) -> int:
        """The bases to build, all levels together."""
        return sum(self.bases.values())
