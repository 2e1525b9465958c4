"""The plan policy: what the monthly plan maker of [`pmedu.planning`][pmedu.planning] may choose
([monthly plans][plans]).

A [`PlanPolicy`][pmedu.planning.policy.PlanPolicy] says how many films a session shows, how the
months without a stage theme are shared among the film categories (weights), and which film
categories fit a theme (a mapping from the theme's text to categories; [seed 002][seed-002]'s two
main themes for townships, 先进性教育 and 农村实用技术, are in the shipped preset). It is data: a
shipped TOML preset (``default``) or a user's file read through [`pmedu.io`][pmedu.io].

>>> p = PlanPolicy.preset()
>>> [c.label for c in p.categories_of("农村实用技术")]
['实用技术', '科学文化']
>>> p.share(FilmCategory.PRACTICAL_SKILLS)
Fraction(1, 4)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs
from attrs import validators as v

from pmedu.convert import split_version, structure
from pmedu.errors import PolicyError
from pmedu.model.films import FilmCategory
from pmedu.model.plans import AnnualTheme
from pmedu.planning import presets

__all__ = ["VERSION", "PlanPolicy"]

#: the version of the plan-policy document this pmedu reads
VERSION = 1


def _weights(value: Any) -> dict[FilmCategory, int]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a table of category weights, got {value!r}")
    out: dict[FilmCategory, int] = {}
    for k, w in value.items():
        if isinstance(w, bool) or not isinstance(w, int) or w < 0:
            raise ValueError(f"the weight of {k!r} must be a whole number >= 0: {w!r}")
        out[FilmCategory.parse(k)] = w
    if not any(out.values()):
        raise ValueError("at least one category weight must be > 0")
    return {c: out[c] for c in FilmCategory if c in out}


def _mapping(value: Any) -> dict[str, tuple[FilmCategory, ...]]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a table of theme → categories, got {value!r}")
    out: dict[str, tuple[FilmCategory, ...]] = {}
    for k, cats in value.items():
        if isinstance(cats, str):
            raise TypeError(f"the categories of theme {k!r} must be a list, got {cats!r}")
        out[str(k)] = tuple(dict.fromkeys(FilmCategory.parse(c) for c in cats))
    return out


def _default_weights() -> dict[FilmCategory, int]:
    return dict.fromkeys(FilmCategory, 1)


@attrs.frozen
class PlanPolicy:
    """The parameters of the monthly plan maker.

    Parameters
    ----------
    films_per_session
        How many films of the held set a session shows (≥ 1).
    category_weights
        Category → whole weight: the months without a stage theme are shared among the categories
        in proportion (largest remainders, per village), so each category's sessions stay
        within one of its share. Categories absent or of weight 0 get no such month.
    theme_categories
        Theme text → the categories that fit it (a stage theme is looked up first, then the
        annual theme; a theme that is a category's own label, ``实用技术``, fits that category).
    name, description
        The preset's name and what it is.

    >>> PlanPolicy(films_per_session=0)
    Traceback (most recent call last):
    ...
    ValueError: 'films_per_session' must be >= 1: 0
    """

    films_per_session: int = attrs.field(default=1, kw_only=True, validator=v.instance_of(int))
    category_weights: Mapping[FilmCategory, int] = attrs.field(
        factory=_default_weights, converter=_weights, kw_only=True, hash=False
    )
    theme_categories: Mapping[str, tuple[FilmCategory, ...]] = attrs.field(
        factory=dict, converter=_mapping, kw_only=True, hash=False
    )
    name: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)

    @films_per_session.validator
    def _at_least_one(self, _a: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or value < 1:
            raise ValueError(f"'films_per_session' must be >= 1: {value}")

    def share(self, category: FilmCategory) -> Fraction:
        """The category's share of the months without a stage theme (weight / total weight).

        >>> PlanPolicy().share(FilmCategory.LAW)
        Fraction(1, 7)
        """
        total = sum(self.category_weights.values())
        return Fraction(self.category_weights.get(category, 0), total)

    def categories_of(self, theme: str) -> tuple[FilmCategory, ...]:
        """The categories that fit ``theme`` (empty: none known).

        >>> PlanPolicy().categories_of("法律法规"), PlanPolicy().categories_of("别的")
        ((<FilmCategory.LAW: 'law'>,), ())
        """
        text = theme.strip()
        if text in self.theme_categories:
            return self.theme_categories[text]
        try:
            return (FilmCategory.parse(text),) if text else ()
        except ValueError:
            return ()

    def stage_categories(self, stages: Iterable[AnnualTheme]) -> tuple[FilmCategory, ...]:
        """The categories that fit any of ``stages``: each stage's own ``categories``, else those
        of its stage theme, else those of its annual theme.

        >>> t = AnnualTheme(id="A", year=2025, theme="先进性教育", stage_theme="春耕生产",
        ...                 months=[3])
        >>> [c.label for c in PlanPolicy.preset().stage_categories([t])]
        ['实用技术']
        """
        out: dict[FilmCategory, None] = {}
        for t in stages:
            cats: Iterable[FilmCategory] = sorted(t.categories, key=list(FilmCategory).index)
            if not t.categories:
                cats = self.categories_of(t.stage_theme) or self.categories_of(t.theme)
            out.update(dict.fromkeys(cats))
        return tuple(out)

    @classmethod
    def preset(cls, *, name: str = "default") -> PlanPolicy:
        """A shipped preset ([`presets`][pmedu.planning.policy.PlanPolicy.presets]).

        >>> PlanPolicy.preset().films_per_session
        1
        """
        return cls.from_document(presets.document(name), source=presets.source(name))

    @classmethod
    def presets(cls) -> list[str]:
        """Names of the shipped presets.

        >>> PlanPolicy.presets()
        ['default']
        """
        return presets.names()

    @classmethod
    def from_document(cls, data: Any, *, source: str | None = None) -> PlanPolicy:
        """A policy from plain data (a parsed TOML/JSON document), every bad field reported.

        >>> PlanPolicy.from_document({"films_per_session": 0}, source="p.toml")
        Traceback (most recent call last):
        ...
        pmedu.errors.PolicyError: 1 problem:
        p.toml: $.films_per_session: 'films_per_session' must be >= 1: 0
        """
        _, body = split_version(data, newest=VERSION, source=source, error=PolicyError)
        return structure(body, cls, source=source, error=PolicyError)
