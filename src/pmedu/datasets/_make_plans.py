"""The sample county's themes, monthly plan and discussion and feedback registers ([monthly
plans][plans]).

[`with_plans`][pmedu.datasets._make_plans.with_plans] adds to the sample records (called last by
[`build_records`][pmedu.datasets._make_records.build_records]), with a random generator of its
own so every other sample record stays as it was:

- the county's annual themes for 2025 ([seed 002][seed-002]): for townships 先进性教育 in
  three stages (学习动员, 分析评议, 整改提高) and 农村实用技术 in two (春耕生产, 秋冬农技培训);
  for streets and communities 先进性教育 in the first half-year;
- the monthly plan [`make_plan`][pmedu.planning.maker.make_plan] makes from the sample's film
  sets, films, stations and these themes; nine in ten of the sessions held at a planned station
  in a planned month show the planned film (it takes the place of the session's first film), so
  ``plan_entries_held_rate`` is what a county that mostly keeps its plan sees;
- a discussion entry (topics, speakers) for one in ten sessions that held a discussion, and a
  feedback entry (item, raised by, answer, closed or not) for one in twelve of those that
  recorded feedback.

>>> from pmedu.datasets import sample_records
>>> r = sample_records()
>>> len(r.themes), len(r.plan_entries) > 1000, len(r.discussions) > 100
(6, True, True)
"""

from __future__ import annotations

import random

import attrs

from pmedu.model import TeachingStep, ViewingSession
from pmedu.model.plans import AnnualTheme, PlanEntry
from pmedu.model.registers import DiscussionEntry, FeedbackEntry
from pmedu.network import OrgTree
from pmedu.planning import PlanPolicy, make_plan
from pmedu.records import Records

__all__ = ["SEED", "themes", "with_plans"]

#: the seed of this module's own generator (never the records' one)
SEED = 2017

_TOWNSHIP = ["乡", "镇"]
_CITY = ["街道", "社区"]
_TOPICS = {
    "学习党章": ["怎样做一名合格党员", "党章规定的党员义务"],
    "先进典型": ["向身边的先进学习", "先进典型的事迹对我们的启示"],
    "农村实用技术": ["今年种什么、养什么", "技术能否在本村推广"],
    "法律法规": ["村务公开与依法办事", "土地承包法律问题"],
    "反腐倡廉": ["廉洁自律从小事做起", "警示案例的教训"],
    "乡村振兴": ["本村产业发展思路", "如何带领群众致富"],
}
_ITEMS = [
    ("希望多放养殖技术片", "下月安排养殖专题片"),
    ("影碟机读盘困难", "已报乡镇电教站维修"),
    ("希望请技术员现场讲解", "已联系县农技站"),
    ("播放时间与农忙冲突", "改在晚上播放"),
    ("片子太长，想分两次看", "下次分两次播放"),
]


def themes(year: int) -> list[AnnualTheme]:
    """The sample county's annual and stage themes for ``year``.

    >>> [t.stage for t in themes(2025)][:3]
    ['学习动员', '分析评议', '整改提高']
    """
    rows = [
        ("AT01", "先进性教育", "学习动员", [1, 2, 3], "学习党章", _TOWNSHIP),
        ("AT02", "先进性教育", "分析评议", [4, 5], "分析评议", _TOWNSHIP),
        ("AT03", "先进性教育", "整改提高", [6], "整改提高", _TOWNSHIP),
        ("AT04", "农村实用技术", "春耕生产", [3, 4], "春耕生产", _TOWNSHIP),
        ("AT05", "农村实用技术", "秋冬农技培训", [10, 11, 12], "秋冬农技培训", _TOWNSHIP),
        ("AT06", "先进性教育", "学习动员", [1, 2, 3, 4, 5, 6], "", _CITY),
    ]
    return [
        AnnualTheme(id=f"{i}-{year}", year=year, theme=t, stage=st, months=m,
                    stage_theme=sth, kinds=k)
        for i, t, st, m, sth, k in rows
    ]  # fmt: skip


def _discussion(rnd: random.Random, s: ViewingSession, k: int) -> DiscussionEntry:
    topics = _TOPICS.get(s.theme, ["观看体会"])
    speakers = list(s.signed_in[:3]) or [f"党员{n}" for n in rnd.sample(range(1, 30), 2)]
    return DiscussionEntry(
        id=f"D{k:05d}",
        session_id=s.id,
        topics=rnd.sample(topics, rnd.choice([1, 1, 2])),
        speakers=speakers,
        summary="发言踊跃" if len(speakers) > 2 else "",
    )


def _feedback(rnd: random.Random, s: ViewingSession, k: int) -> FeedbackEntry:
    item, answer = rnd.choice(_ITEMS)
    closed = rnd.random() < 0.7
    return FeedbackEntry(
        id=f"B{k:05d}",
        session_id=s.id,
        item=item,
        raised_by=s.signed_in[0] if s.signed_in else f"党员{rnd.randint(1, 30)}",
        answer=answer if closed or rnd.random() < 0.5 else "",
        closed=closed,
    )


def _following(
    sessions: tuple[ViewingSession, ...], entries: tuple[PlanEntry, ...], rnd: random.Random
) -> list[ViewingSession]:
    """The sessions, nine in ten of those at a planned station and month showing the planned
    films in place of their first ones (a session already showing them is left as it is)."""
    planned = {(e.station_id, e.year, e.month): e.film_ids for e in entries if e.station_id}
    out = []
    for s in sessions:
        films = planned.get((s.station_id, s.date.year, s.date.month))
        if films and not set(films) <= set(s.film_ids) and rnd.random() < 0.9:
            rest = [f for f in s.film_ids[1:] if f not in films]
            s = attrs.evolve(s, film_ids=(*films, *rest))
        out.append(s)
    return out


def with_plans(records: Records, *, tree: OrgTree) -> Records:
    """``records`` with the sample's themes, plan entries and discussion and feedback entries
    (see the module), all drawn from this module's own seed.

    >>> from pmedu.datasets import sample_county
    >>> with_plans(Records(year=2025), tree=sample_county()).plan_entries
    ()
    """
    year = records.year or 2025
    rnd = random.Random(SEED)
    county_themes = themes(year)
    plan = make_plan(
        tree,
        year,
        films=records.films,
        film_sets=records.film_sets,
        stations=records.stations,
        themes=county_themes,
        policy=PlanPolicy.preset(),
    )
    sessions = _following(records.sessions, plan.entries, random.Random(SEED + 1))
    discussions: list[DiscussionEntry] = []
    feedback: list[FeedbackEntry] = []
    for s in sessions:
        if TeachingStep.DISCUSS in s.steps and rnd.random() < 0.1:
            discussions.append(_discussion(rnd, s, len(discussions) + 1))
        if TeachingStep.FEEDBACK in s.steps and rnd.random() < 0.08:
            feedback.append(_feedback(rnd, s, len(feedback) + 1))
    return attrs.evolve(
        records,
        sessions=sessions,
        themes=county_themes,
        plan_entries=plan.entries,
        discussions=discussions,
        feedback_entries=feedback,
    )
