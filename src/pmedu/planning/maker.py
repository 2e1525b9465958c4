"""The monthly plan maker: [`make_plan`][pmedu.planning.maker.make_plan] ([monthly
plans][plans]).

[Seed 001][seed-001]: the township station draws up each month's play-and-view plan from the
films it holds and circulates the sets among its villages; the county centre sets each stage's
focus. [Seed 002][seed-002]: annual and stage themes per kind and level of organisation, with
先进性教育 and 农村实用技术 the townships' two main themes.

For each township (乡镇 or 街道) the maker takes the film sets it holds in the year and puts them
on [`pmedu.supply.circulation_plan`][pmedu.supply.circulation.circulation_plan]'s rotation, so
no set is at two villages in a month and every village sees every set over the rotation. Each
month a village holds a set it gets a plan entry at its station (the first station of the
unit, [`pmedu.viewing`][pmedu.viewing]'s records; none: the entry has no station) with films of
that set:

1. a month under a stage theme ([`AnnualTheme`][pmedu.model.plans.AnnualTheme] rows of the year
   for the township's or the village's kind) shows films of the stage's categories when the set
   holds any, under the stage theme;
2. the other months of a village are shared among the film categories by the policy's weights
   (largest remainders, [`pmedu.apportion`][pmedu.apportion]), so each category's count stays
   within one session of its share when the sets hold every category; a month's category is
   the one with the most months still owed that the set holds.

Films the village has not yet seen are shown first. The township's own station is not on the
rotation (it keeps the sets between villages).

>>> from pmedu import OrgTree, Unit
>>> from pmedu.model import Film, FilmSet
>>> tree = OrgTree.from_units([Unit(id="T", name="东镇", kind="镇")] + [
...     Unit(id=f"V{i}", name=f"村{i}", kind="村", parent_id="T") for i in (1, 2)])
>>> films = [Film(id=f"F{i}", title="片", category=c, source="省", year=2024, media="dvd",
...               minutes=30) for i, c in enumerate(["党性教育", "实用技术"])]
>>> sets = [FilmSet(id="S1", unit_id="T", film_ids=["F0", "F1"])]
>>> themes = [AnnualTheme(id="A", year=2025, kinds=["镇"], theme="农村实用技术", months=[3])]
>>> plan = make_plan(tree, 2025, films=films, film_sets=sets, themes=themes, months=4)
>>> for e in plan.entries: print(e.month, e.unit_id, e.film_set_id, e.film_ids, e.theme)
1 V1 S1 ('F1',) 实用技术
2 V2 S1 ('F1',) 实用技术
3 V1 S1 ('F1',) 农村实用技术
4 V2 S1 ('F0',) 党性教育
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from pmedu.apportion import apportion
from pmedu.labels import UnitKind
from pmedu.model.calendar import SchedulePolicy
from pmedu.model.films import Film, FilmCategory, FilmSet
from pmedu.model.plans import AnnualTheme, PlanEntry, themes_for
from pmedu.model.station import Station
from pmedu.network import OrgTree
from pmedu.planning.policy import PlanPolicy
from pmedu.planning.result import MonthlyPlan, Rotation
from pmedu.supply.circulation import CirculationPlan, circulation_plan

__all__ = ["AnnualTheme", "make_plan"]

_TOWN = (UnitKind.TOWNSHIP, UnitKind.STREET)


@attrs.frozen
class _Slot:
    """A month a village holds a set: the month (1-based), the set, the stages over it."""

    month: int  # 0-based, from January of the plan's year
    film_set: FilmSet
    stages: tuple[AnnualTheme, ...]


@attrs.define
class _Village:
    """What the maker knows while it fills one village's months."""

    library: dict[str, Film]
    policy: PlanPolicy
    seen: set[str] = attrs.field(factory=set)

    def films_of(self, fs: FilmSet) -> list[Film]:
        return [self.library[f] for f in fs.film_ids if f in self.library]

    def pick(self, films: Sequence[Film]) -> tuple[str, ...]:
        """``films_per_session`` of ``films``, those not yet seen first."""
        order = sorted(films, key=lambda f: f.id in self.seen)
        chosen = tuple(f.id for f in order[: self.policy.films_per_session])
        self.seen.update(chosen)
        return chosen


def _stage_entry(v: _Village, slot: _Slot) -> tuple[tuple[str, ...], str] | None:
    cats = v.policy.stage_categories(slot.stages)
    fitting = [f for f in v.films_of(slot.film_set) if f.category in cats]
    if not fitting:
        return None
    # the first category the stage names that the set holds
    first = next(c for c in cats if any(f.category is c for f in fitting))
    ordered = [f for f in fitting if f.category is first] + [
        f for f in fitting if f.category is not first
    ]
    theme = "；".join(dict.fromkeys(t.shown_theme for t in slot.stages))
    return v.pick(ordered), theme


def _free_entries(v: _Village, slots: list[_Slot]) -> list[tuple[tuple[str, ...], str]]:
    weights = {c: w for c, w in v.policy.category_weights.items() if w > 0}
    owed = dict(apportion(len(slots), weights)) if slots else {}
    order = list(FilmCategory)
    out: list[tuple[tuple[str, ...], str]] = []
    for slot in slots:
        films = v.films_of(slot.film_set)
        held = {f.category for f in films}
        if not held:
            out.append(((), ""))
            continue
        cands = [c for c in held if c in owed] or sorted(held, key=order.index)
        best = max(cands, key=lambda c: (owed.get(c, 0), weights.get(c, 0), -order.index(c)))
        if best in owed:
            owed[best] -= 1
        out.append((v.pick([f for f in films if f.category is best]), best.label))
    return out


def _village_entries(
    v: _Village, slots: list[_Slot]
) -> list[tuple[_Slot, tuple[str, ...], str, bool]]:
    done: dict[int, tuple[tuple[str, ...], str, bool]] = {}
    free: list[_Slot] = []
    for slot in slots:
        staged = _stage_entry(v, slot) if slot.stages else None
        if staged is None:
            free.append(slot)
        else:
            done[slot.month] = (*staged, True)
    for slot, (films, theme) in zip(free, _free_entries(v, free), strict=True):
        done[slot.month] = (films, theme, False)
    return [(s, *done[s.month]) for s in slots]


def _month_of(year: int, m: int) -> tuple[int, int]:
    y, m0 = divmod(m, 12)
    return year + y, m0 + 1


def _township(
    tree: OrgTree,
    t_id: str,
    year: int,
    sets: list[FilmSet],
    circ: CirculationPlan,
    context: tuple[dict[str, Film], dict[str, str], Sequence[AnnualTheme], PlanPolicy],
) -> tuple[list[PlanEntry], Rotation]:
    library, station_of, themes, policy = context
    t_kind = tree.unit(t_id).kind
    entries: list[PlanEntry] = []
    themed = 0
    holding = [circ.holding(m) for m in range(circ.months)]
    for vid in circ.villages:
        v_kind = tree.unit(vid).kind
        slots = []
        for m in range(circ.months):
            s_no = holding[m].get(vid)
            if s_no is not None:
                y, mo = _month_of(year, m)
                stages = tuple(themes_for(themes, y, mo, t_kind, v_kind))
                slots.append(_Slot(m, sets[s_no - 1], stages))
        village = _Village(library, policy)
        for slot, films, theme, staged in _village_entries(village, slots):
            y, mo = _month_of(year, slot.month)
            themed += staged
            entries.append(
                PlanEntry(
                    id=f"P{y}{mo:02d}-{vid}",
                    year=y,
                    month=mo,
                    township_id=t_id,
                    unit_id=vid,
                    station_id=station_of.get(vid, ""),
                    film_set_id=slot.film_set.id,
                    film_ids=films,
                    theme=theme,
                )
            )
    rot = Rotation(
        township_id=t_id,
        name=tree.unit(t_id).name,
        villages=len(circ.villages),
        sets=len(sets),
        months_to_complete=circ.months_to_complete,
        unserved=circ.unserved,
        entries=len(entries),
        themed=themed,
    )
    return entries, rot


def make_plan(
    tree: OrgTree,
    year: int,
    *,
    films: Iterable[Film],
    film_sets: Iterable[FilmSet],
    stations: Iterable[Station] = (),
    themes: Iterable[AnnualTheme] = (),
    policy: PlanPolicy | None = None,
    schedule: SchedulePolicy | None = None,
    months: int = 12,
) -> MonthlyPlan:
    """The monthly plan of every township of ``tree`` for ``year`` (see the module).

    ``film_sets`` are the sets held (a township's are those with its ``unit_id`` and a
    ``year`` of ``year`` or before, or none); ``films`` the library; ``stations`` where the
    villages watch; ``themes`` the county's [`AnnualTheme`][pmedu.model.plans.AnnualTheme]
    rows; ``policy`` a [`PlanPolicy`][pmedu.planning.policy.PlanPolicy] (default: the shipped
    ``default`` preset); ``schedule`` the e-education day and calendar of the circulation (a
    year the calendar has no data for is a [`PolicyError`][pmedu.errors.PolicyError] naming
    it); ``months`` how many months from January (more than 12 runs into the next year).

    >>> from pmedu import OrgTree, Unit
    >>> make_plan(OrgTree.from_units([Unit(id="C", name="县", kind="县")]), 2025, films=[],
    ...           film_sets=[]).entries
    ()
    """
    pol = policy or PlanPolicy.preset()
    sched = schedule or SchedulePolicy()
    library = {f.id: f for f in films}
    station_of: dict[str, str] = {}
    for st in sorted(stations, key=lambda s: s.id):
        station_of.setdefault(st.unit_id, st.id)
    held: dict[str, list[FilmSet]] = {}
    for fs in film_sets:
        if fs.year is None or fs.year <= year:
            held.setdefault(fs.unit_id, []).append(fs)
    context = (library, station_of, tuple(themes), pol)
    entries: list[PlanEntry] = []
    rotations: list[Rotation] = []
    for t in tree.units(kind=_TOWN):
        sets = sorted(held.get(t.id, []), key=lambda s: s.id)
        circ = circulation_plan(
            tree,
            t.id,
            len(sets),
            dt.date(year, 1, 1),
            months=months,
            day=sched.eday,
            calendar=sched.official(),
        )
        es, rot = _township(tree, t.id, year, sets, circ, context)
        entries += sorted(es, key=lambda e: (e.year, e.month, e.unit_id))
        rotations.append(rot)
    names = {u.id: u.name for u in tree.units()}
    return MonthlyPlan(year, tuple(entries), tuple(rotations), names)
