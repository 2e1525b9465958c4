"""E-education films (电教片), film sets and a station's film library ([film
supply][concept-supply]).

A [`Film`][pmedu.model.films.Film] has a title, a category (党性教育, 理论政策 …), a source
(central, provincial, city general material 通用教材, county-introduced, locally produced), a year,
a media (VCD, DVD, digital) and a running time in minutes. A [`FilmSet`][pmedu.model.films.FilmSet]
(一套电教片) is a set of films held by a unit; the supply target "one set per three villages" ([seed
001][seed-001]) counts sets. A [`FilmLibrary`][pmedu.model.films.FilmLibrary] looks films up by id
and totals their minutes, which the learning archive 学习档案 turns into study hours.

>>> f = Film(id="F01", title="榜样", category="先进典型", source="中央", year=2024,
...          media="DVD", minutes=50)
>>> f.category.label, f.source.label, f.media.value
('先进典型', '中央', 'dvd')
>>> FilmLibrary([f]).minutes(["F01", "F01"])
100
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import attrs
from attrs import validators as v

from pmedu.errors import DataError, Problem
from pmedu.labels import LabelledEnum
from pmedu.model.bounds import id_tuple
from pmedu.model.bounds import year as year_of
from pmedu.model.columns import column
from pmedu.validators import nonblank as _nonblank

__all__ = ["Film", "FilmCategory", "FilmLibrary", "FilmSet", "FilmSource", "Media"]


class FilmCategory(LabelledEnum):
    """The subject of a film ([film supply][concept-supply]).

    >>> FilmCategory.parse("实用技术") is FilmCategory.PRACTICAL_SKILLS
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "film category"

    PARTY_SPIRIT = ("party_spirit", "党性教育", ("党性",))
    THEORY_POLICY = ("theory_policy", "理论政策", ("理论", "政策", "theory", "policy"))
    LAW = ("law", "法律法规", ("法律", "法规", "legal"))
    POSITIVE_EXAMPLES = ("positive_examples", "先进典型", ("典型", "models", "role_models"))
    WARNING_CASES = ("warning_cases", "反面警示", ("警示", "警示教育", "warning"))
    PRACTICAL_SKILLS = (
        "practical_skills",
        "实用技术",
        ("农村实用技术", "技术", "rural_technology", "skills"),
    )
    CULTURE_KNOWLEDGE = ("culture_knowledge", "科学文化", ("文化", "科学", "culture", "science"))


class FilmSource(LabelledEnum):
    """Where a film comes from ([film supply][concept-supply], [seed 001][seed-001]).

    >>> FilmSource.parse("自制").label
    '本地制作'
    """

    @classmethod
    def noun(cls) -> str:
        return "film source"

    CENTRAL = ("central", "中央", ("中组部", "central_material"))
    PROVINCIAL = ("provincial", "省级", ("省", "省级通用教材", "province"))
    CITY_GENERAL = ("city_general", "市级通用教材", ("市级", "通用教材", "city"))
    COUNTY_INTRODUCED = ("county_introduced", "县引进", ("引进", "补充教材", "introduced"))
    LOCAL = ("local", "本地制作", ("自制", "本地", "locally_produced", "produced"))


class Media(LabelledEnum):
    """The carrier of a film: VCD, DVD or digital (数字).

    >>> Media.parse("数字") is Media.DIGITAL
    True
    """

    @classmethod
    def noun(cls) -> str:
        return "media"

    VCD = ("vcd", "VCD", ("光盘",))
    DVD = ("dvd", "DVD", ())
    DIGITAL = ("digital", "数字", ("数字化", "网络", "online", "file"))


def _category(value: Any) -> FilmCategory:
    return FilmCategory.parse(value)


def _source(value: Any) -> FilmSource:
    return FilmSource.parse(value)


def _media(value: Any) -> Media:
    return Media.parse(value)


@attrs.frozen
class Film:
    """One e-education film (电教片).

    Parameters
    ----------
    id
        The film's code, unique in a library.
    title
        Title 片名.
    category, source, media
        A [`FilmCategory`][pmedu.model.films.FilmCategory],
        [`FilmSource`][pmedu.model.films.FilmSource] and [`Media`][pmedu.model.films.Media] (labels
        accepted).
    year
        Year of release.
    minutes
        Running time 时长 in minutes (> 0).

    >>> Film(id="F1", title="x", category="法律", source="省", year=2020, media="VCD",
    ...      minutes=0)
    Traceback (most recent call last):
    ...
    ValueError: 'minutes' must be > 0: 0
    """

    SHEET: ClassVar[str] = "电教片"

    id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("片号", "编号", "电教片编号")
    )
    title: str = attrs.field(validator=v.instance_of(str), metadata=column("片名", "名称"))
    category: FilmCategory = attrs.field(
        converter=_category, metadata=column("类别", "分类", "题材")
    )
    source: FilmSource = attrs.field(converter=_source, metadata=column("来源", "片源"))
    year: int = attrs.field(
        validator=[v.instance_of(int), v.ge(1949), v.le(2200)],
        metadata=column("年份", "出版年份", "发行年份"),
    )
    media: Media = attrs.field(converter=_media, metadata=column("载体", "介质"))
    minutes: int = attrs.field(
        validator=v.instance_of(int), metadata=column("时长（分钟）", "时长", "片长", "分钟")
    )

    @minutes.validator
    def _positive(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value <= 0:
            raise ValueError(f"'minutes' must be > 0: {value}")


@attrs.frozen
class FilmSet:
    """A set of films (一套电教片) held by a unit; the unit of the supply target.

    >>> s = FilmSet(id="S1", unit_id="T01", film_ids=["F1", "F2"])
    >>> s.film_ids
    ('F1', 'F2')
    """

    SHEET: ClassVar[str] = "片套"

    id: str = attrs.field(
        validator=[v.instance_of(str), _nonblank], metadata=column("片套编号", "编号", "套号")
    )
    unit_id: str = attrs.field(
        validator=v.instance_of(str), metadata=column("所在单位", "单位编号", "持有单位")
    )
    film_ids: tuple[str, ...] = attrs.field(
        default=(),
        converter=id_tuple,
        validator=v.deep_iterable(v.instance_of(str)),
        metadata=column("所含片号", "片号", "电教片"),
    )
    title: str = attrs.field(default="", metadata=column("片套名称", "名称"))
    year: int | None = attrs.field(
        default=None, validator=v.optional(year_of), metadata=column("年份", "年度")
    )


class FilmLibrary:
    """Films by id (电教片库). Duplicate ids are a [`DataError`][pmedu.errors.DataError].

    >>> lib = FilmLibrary([Film(id="A", title="a", category="法律", source="省", year=2020,
    ...                         media="dvd", minutes=30)])
    >>> "A" in lib, len(lib), lib["A"].minutes
    (True, 1, 30)
    >>> lib.minutes(["A", "B"])
    Traceback (most recent call last):
    ...
    KeyError: "unknown film id 'B'"
    """

    __slots__ = ("_films",)

    def __init__(self, films: Iterable[Film]) -> None:
        table: dict[str, Film] = {}
        problems: list[Problem] = []
        for f in films:
            if f.id in table:
                problems.append(Problem(f"duplicate film id {f.id!r}", field="films"))
            table[f.id] = f
        if problems:
            raise DataError(problems)
        self._films = table

    def __getitem__(self, film_id: str) -> Film:
        try:
            return self._films[film_id]
        except KeyError:
            raise KeyError(f"unknown film id {film_id!r}") from None

    def __contains__(self, film_id: object) -> bool:
        return film_id in self._films

    def __iter__(self) -> Iterator[Film]:
        return iter(self._films.values())

    def __len__(self) -> int:
        return len(self._films)

    def minutes(self, film_ids: Iterable[str]) -> int:
        """Total running time of ``film_ids`` (a film shown twice counts twice).

        >>> FilmLibrary([]).minutes([])
        0
        """
        return sum(self[f].minutes for f in film_ids)

    def by_category(self) -> dict[FilmCategory, int]:
        """How many films of each category the library holds.

        >>> FilmLibrary([]).by_category()
        {}
        """
        out: dict[FilmCategory, int] = {}
        for f in self._films.values():
            out[f.category] = out.get(f.category, 0) + 1
        return out
