"""What issue 17 (deliverables 1–5) added to the sample records and changed in the preset
rubric, so the tests of 0.1.0 files compare what 0.1.0 could hold."""

from __future__ import annotations

from typing import Any

import attrs

from pmedu.records import Records

#: the records collections issue 17 added (the sample carries them; 0.1.0 files do not)
COLLECTIONS = (
    "theme_activities",
    "tv_columns",
    "liaison_meetings",
    "ledger",
    "budgets",
    "broadcasters",
    "demo_bases",
    "themes",
    "plan_entries",
    "discussions",
    "feedback_entries",
)

#: the preset rubric's indicators issues 13 and 17 added or re-weighted (to keep 100 points)
CHANGED_CODES = frozenset(
    {"ST1", "ST2", "ST3", "ST4", "SU1", "VW1", "VW2", "VW3", "VW4", "DM1", "DM2", "TA1"}
)


def before_issue17(records: Records) -> Records:
    """``records`` without what issue 17 added: its collections, the households' level."""
    demo = tuple(attrs.evolve(d, level=None) for d in records.demo_households)
    empty: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
    return attrs.evolve(records, demo_households=demo, **empty)


def rubric_before_issue17(rubric: Any) -> dict[str, Any]:
    """``rubric``'s fields without the indicators issue 17 changed, its veto read as the old
    misuse count (a plain dict: the rubric itself would no longer add up to its total)."""
    out = {a.name: getattr(rubric, a.name) for a in attrs.fields(type(rubric))}
    out["indicators"] = tuple(i for i in rubric.indicators if i.code not in CHANGED_CODES)
    out["veto"] = tuple(
        attrs.evolve(v, measure="funds_misused") if v.measure == "funds_misuse_findings" else v
        for v in rubric.veto
    )
    return out


def as_in_0_1(records: Records) -> Records:
    """``records`` as pmedu 0.1.0 could hold them: without what issue 17 added, without the
    roster and study records, each session by its counts (0.2.0's sample lists every session's
    members by id, issue 13, with 0.1.0's counts) and without its films (0.2.0's sample sessions
    show the planned film where the monthly plan has one, issue 17)."""
    sessions = [
        attrs.evolve(s, expected=(), signed_in=(), expected_count=s.n_expected,
                     signed_in_count=s.n_signed_in, film_ids=())
        for s in records.sessions
    ]  # fmt: skip
    return attrs.evolve(before_issue17(records), members=(), study_records=(), sessions=sessions)


#: 0.2 shows 三簿一册 where 0.1 (and the seed) wrote 三薄一册 (DOMAIN §11: both accepted)
_REGISTERS_SHOWN = {
    "三薄一册": "三簿一册",
    "收看情况登记薄、讨论登记薄、信息反馈薄、党员签到册": (
        "收看情况登记簿、讨论登记簿、信息反馈簿、党员签到册"
    ),
}


def standard_as_shown_in_0_2(standard: Any) -> Any:
    """A 0.1 station standard with its labels as 0.2 shows them (the checklist is the same)."""
    items = [
        attrs.evolve(
            i,
            label=_REGISTERS_SHOWN.get(i.label, i.label),
            description=_REGISTERS_SHOWN.get(i.description, i.description),
        )
        for i in standard.items
    ]
    return attrs.evolve(standard, items=items)
