"""Issue 17, deliverable 2: the monthly plan with its content (seeds 001, 002).

Properties of ``make_plan`` on random townships, film sets, stage themes and policies; a user's
plan with a film set at two villages in one month refused, every row named; plan held.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction

import pytest
from hypothesis import given, settings

from pmedu import OrgTree, Unit
from pmedu.errors import PlanError, PolicyError
from pmedu.model import Film, FilmCategory, FilmSet, SchedulePolicy, ViewingSession
from pmedu.model.calendar import official_calendar
from pmedu.model.plans import AnnualTheme, PlanEntry, set_conflicts, themes_for
from pmedu.planning import MonthlyPlan, PlanPolicy, check_plan, make_plan, plan_held
from pmedu.stations import Station
from strategies import plan_entry_lists, township_plans

YEAR = 2025

Drawn = tuple[OrgTree, list[Film], list[FilmSet], list[AnnualTheme], PlanPolicy, list[Station]]


def _plan(drawn: Drawn, *, months: int = 12) -> MonthlyPlan:
    tree, films, sets, themes, policy, stations = drawn
    return make_plan(
        tree,
        YEAR,
        films=films,
        film_sets=sets,
        stations=stations,
        themes=themes,
        policy=policy,
        months=months,
    )


@given(township_plans())
def test_no_set_is_at_two_villages_in_one_month(drawn: Drawn) -> None:
    """Seed 001: a set circulates; it is at one village a month."""
    plan = _plan(drawn)
    where: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in plan.entries:
        where[(e.film_set_id, e.month)].add(e.unit_id)
    assert all(len(units) == 1 for units in where.values())
    assert set_conflicts(plan.entries) == []


@given(township_plans())
def test_every_village_sees_every_set_of_its_township_over_the_rotation(drawn: Drawn) -> None:
    """Seed 001: the township rotates its sets so that every village sees every set."""
    tree, _, sets, *_ = drawn
    plan = _plan(drawn)
    seen: dict[str, set[str]] = defaultdict(set)
    for e in plan.entries:
        seen[e.unit_id].add(e.film_set_id)
    for rot in plan.rotations:
        own = {s.id for s in sets if s.unit_id == rot.township_id}
        assert rot.months_to_complete is None or rot.months_to_complete <= 12
        for v in tree.children(rot.township_id):
            assert seen[v.id] == own, v.id


def _stage_cats(drawn: Drawn, e: PlanEntry) -> set[FilmCategory]:
    tree, _, _, themes, policy, _ = drawn
    kinds = (tree.unit(e.township_id).kind, tree.unit(e.unit_id).kind)
    return set(policy.stage_categories(themes_for(themes, e.year, e.month, *kinds)))


@given(township_plans())
def test_a_months_films_match_its_stage_theme_where_the_set_has_one(drawn: Drawn) -> None:
    """Seed 002: a stage's theme decides what is shown, where the set held has such films."""
    _, films, sets, *_ = drawn
    library = {f.id: f for f in films}
    set_of = {s.id: s for s in sets}
    plan = _plan(drawn)
    for e in plan.entries:
        cats = _stage_cats(drawn, e)
        fitting = [f for f in set_of[e.film_set_id].film_ids if library[f].category in cats]
        if fitting:
            assert e.film_ids
            assert {library[f].category for f in e.film_ids} <= cats


@settings(max_examples=60)
@given(township_plans(every_category=True))
def test_category_shares_stay_within_one_session_of_the_policy(drawn: Drawn) -> None:
    """The months without a stage theme follow the policy's category shares, per village, to
    within one session (when the sets hold every category the policy weighs)."""
    _, films, sets, _, policy, _ = drawn
    library = {f.id: f for f in films}
    set_of = {s.id: s for s in sets}
    plan = _plan(drawn)
    free: dict[str, Counter[FilmCategory]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    for e in plan.entries:
        cats = _stage_cats(drawn, e)
        if any(library[f].category in cats for f in set_of[e.film_set_id].film_ids):
            continue
        n[e.unit_id] += 1
        free[e.unit_id][library[e.film_ids[0]].category] += 1
    for village, count in n.items():
        for c in policy.category_weights:
            assert abs(free[village][c] - policy.share(c) * count) < 1


@given(plan_entry_lists())
def test_a_set_at_two_villages_in_a_month_names_every_such_row(entries: list[PlanEntry]) -> None:
    """Bad input: every clashing row is named, all at once."""
    first: dict[tuple[str, int], str] = {}
    clashes = []
    for i, e in enumerate(entries):
        if e.film_set_id:
            u = first.setdefault((e.film_set_id, e.month), e.unit_id)
            if u != e.unit_id:
                clashes.append(i)
    if not clashes:
        check_plan(entries)
        return
    with pytest.raises(PlanError) as caught:
        check_plan(entries, source="plan.json")
    fields = [p.field for p in caught.value.problems]
    assert fields == [f"$.plan_entries[{i}].film_set_id" for i in clashes]


def _tiny() -> tuple[OrgTree, list[Film], list[FilmSet]]:
    tree = OrgTree.from_units(
        [Unit(id="T", name="东镇", kind="镇")]
        + [Unit(id=f"V{i}", name=f"村{i}", kind="村", parent_id="T") for i in (1, 2, 3)]
    )
    films = [
        Film(id=f"F{i}", title="片", category=c, source="省", year=2024, media="dvd", minutes=30)
        for i, c in enumerate(["党性教育", "实用技术", "法律法规"])
    ]
    return tree, films, [FilmSet(id="S1", unit_id="T", film_ids=["F0", "F1", "F2"])]


def test_the_two_main_themes_for_townships() -> None:
    """Seed 002: 先进性教育 and 农村实用技术 for townships, mapped to categories by the preset."""
    tree, films, sets = _tiny()
    themes = [
        AnnualTheme(id="A", year=YEAR, kinds=["乡", "镇"], theme="先进性教育", months=[1, 2]),
        AnnualTheme(id="B", year=YEAR, kinds=["镇"], theme="农村实用技术", months=[3]),
    ]
    plan = make_plan(tree, YEAR, films=films, film_sets=sets, themes=themes, months=3)
    by_month = {e.month: e for e in plan.entries}
    assert by_month[1].theme == by_month[2].theme == "先进性教育"
    assert by_month[1].film_ids == ("F0",)
    assert (by_month[3].theme, by_month[3].film_ids) == ("农村实用技术", ("F1",))


def test_a_plan_for_a_year_with_no_calendar_data_is_an_error_naming_the_year() -> None:
    tree, films, sets = _tiny()
    schedule = SchedulePolicy(calendar=official_calendar())
    with pytest.raises(PolicyError, match="2031"):
        make_plan(tree, 2031, films=films, film_sets=sets, schedule=schedule)


def test_plan_held_counts_entries_with_a_station_shown_in_their_month() -> None:
    es = [
        PlanEntry(
            id="a",
            year=YEAR,
            month=3,
            township_id="T",
            unit_id="V",
            station_id="S",
            film_ids=["F1"],
        ),
        PlanEntry(
            id="b",
            year=YEAR,
            month=4,
            township_id="T",
            unit_id="V",
            station_id="S",
            film_ids=["F1"],
        ),
        PlanEntry(id="c", year=YEAR, month=4, township_id="T", unit_id="W", film_ids=["F1"]),
    ]
    sessions = [
        ViewingSession(id="1", station_id="S", date="2025-03-10", film_ids=["F1", "F2"]),
        ViewingSession(id="2", station_id="S", date="2025-04-10", film_ids=["F2"]),
    ]
    held = plan_held(es, sessions)
    assert (held.held, held.planned, held.rate) == (1, 2, 0.5)


def test_policy_shares_and_preset() -> None:
    p = PlanPolicy.preset()
    assert sum(p.share(c) for c in p.category_weights) == Fraction(1)
    assert p.categories_of("先进性教育")
    with pytest.raises(PolicyError):
        PlanPolicy.from_document({"category_weights": {"law": -1}})
