"""Issue 17, deliverables 4 and 5: theme activities, the TV column, liaison meetings, the funding
ledger and unit budgets, broadcasters and demonstration bases; their sheets, checks, measures and
the sample (DOMAIN §6, §8, §11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.datasets import sample_county, sample_records
from pmedu.errors import DataError
from pmedu.facts import MEASURES, compute_facts
from pmedu.facts.measures import demo_base_targets
from pmedu.model import (
    Broadcaster,
    DemoBase,
    DemoTargets,
    FundsMisuse,
    LedgerEntry,
    LiaisonMeeting,
    Submission,
    ThemeActivity,
    TvColumn,
    UnitBudget,
    field_headers,
    sheet_name,
)
from pmedu.records import Records
from pmedu.stations import Station
from strategies import ledgers

NEW = (ThemeActivity, TvColumn, LiaisonMeeting, LedgerEntry, UnitBudget, Broadcaster, DemoBase)
TREE = OrgTree.from_units(
    [
        Unit(id="C", name="某县", kind="县"),
        Unit(id="T1", name="东镇", kind="镇", parent_id="C"),
        Unit(id="T2", name="西镇", kind="镇", parent_id="C"),
        *(
            Unit(id=f"V{i}", name="村", kind="村", parent_id="T1" if i < 4 else "T2")
            for i in range(1, 6)
        ),
    ]
)


def _facts(records: Records, *names: str) -> dict[tuple[str, str], float | None]:
    rows = compute_facts(TREE, records, 2025, measures=list(names), check=False)
    got = {(u, m): rows.get(u, m) for u in ("C", "T1", "T2") for m in names}
    return {k: None if v is None else float(v) for k, v in got.items()}


def test_every_new_record_declares_its_sheet_and_chinese_headers() -> None:
    sheets = [sheet_name(cls) for cls in NEW]
    assert sheets == [
        "主题活动",
        "电视栏目",
        "通联会议",
        "经费台账",
        "单位预算",
        "播放员",
        "示范基地",
    ]
    for cls in NEW:
        for name, (zh, _aliases) in field_headers(cls).items():
            assert zh != name, (cls.__name__, name)
            assert not zh.isascii(), (cls.__name__, name)


def test_bad_ledger_rows_are_reported_at_once_naming_each_row() -> None:
    rows = [
        {"id": "1", "unit_id": "T1", "year": 2025, "source": "预算", "amount": "-5"},
        {"id": "2", "unit_id": "T1", "year": 2025, "source": "党费", "amount": "12.5"},
        {"id": "3", "unit_id": "T1", "year": 2025, "source": "彩票", "amount": 5},
        {"id": "4", "unit_id": "T1", "year": 2025, "source": "捐赠", "amount": -0.01},
    ]
    with pytest.raises(DataError) as exc:
        Records.from_document({"year": 2025, "ledger": rows})
    fields = [p.field for p in exc.value.problems]
    assert fields == ["$.ledger[0].amount", "$.ledger[2].source", "$.ledger[3].amount"]
    assert "must not be negative" in str(exc.value)
    assert "unknown fund source '彩票'" in str(exc.value)


def test_checks_against_the_tree_and_the_year() -> None:
    r = Records(
        year=2025,
        stations=[Station(id="S1", unit_id="V1")],
        ledger=[LedgerEntry(id="F", unit_id="X9", year=2025, source="预算", amount=1)],
        budgets=[UnitBudget(unit_id="T1", year=2024, total=10)],
        broadcasters=[Broadcaster(id="B", name="张明", station_id="S9")],
        theme_activities=[ThemeActivity(id="A", unit_id="T1", kind="科技富民", start="2026-01-02")],
        demo_bases=[DemoBase(id="J", unit_id="T1", level="县级", year=2026)],
        liaison_meetings=[LiaisonMeeting(id="L", unit_id="C", date="2025-03-01"),
                          LiaisonMeeting(id="L", unit_id="C", date="2025-06-01")],
    )  # fmt: skip
    lines = r.check(tree=TREE).lines()
    assert lines == [
        "error: $.ledger[0].unit_id: ledger 'F': unit 'X9' is not in the tree",
        "error: $.liaison_meetings[1].id: duplicate meeting id 'L' (also $.liaison_meetings[0])",
        "error: $.broadcasters[0].station_id: broadcaster 'B': station 'S9' does not exist",
        "error: $.theme_activities[0].start: activity 'A': 2026-01-02 is outside the year 2025",
        "error: $.budgets[0].year: year 2024 is outside the year 2025",
        "error: $.demo_bases[0].year: base 'J': built in 2026, after 2025",
    ]


@given(ledgers())
def test_misuse_is_a_ledger_finding_summed_up_the_tree(rows: list[LedgerEntry]) -> None:
    # DOMAIN §11: misuse is an earmarked row spent outside e-education, or an audit finding;
    # the older misuse cases still count; a count rolls up as a sum
    case = FundsMisuse(id="M", unit_id="V4", date=dt.date(2025, 6, 1))
    f = _facts(Records(year=2025, ledger=rows, funds_misuse=[case]), "funds_misuse_findings")
    mine = {u: sum((e.earmarked and not e.for_e_education) or bool(e.audit_finding)
                   for e in rows if e.unit_id == u) for u in ("T1", "T2")}  # fmt: skip
    assert f[("T1", "funds_misuse_findings")] == mine["T1"]
    assert f[("T2", "funds_misuse_findings")] == mine["T2"] + 1
    assert f[("C", "funds_misuse_findings")] == mine["T1"] + mine["T2"] + 1


@given(ledgers(), st.integers(min_value=1, max_value=10**9))
def test_the_budget_share_is_an_exact_ratio(rows: list[LedgerEntry], budget_fen: int) -> None:
    # seeds 000, 003: a fixed share of the budget; fen over fen, uncapped
    budget = UnitBudget(unit_id="T1", year=2025, total=Decimal(budget_fen) / 100)
    f = _facts(Records(year=2025, ledger=rows, budgets=[budget]), "funds_budget_share")
    spent = sum(e.fen for e in rows if e.unit_id == "T1" and e.source.value == "budget")
    assert f[("T1", "funds_budget_share")] == spent / int(budget.total * 100)
    assert f[("T2", "funds_budget_share")] is None  # no budget record: not applicable
    earmarked = _facts(Records(year=2025, ledger=rows), "funds_earmarked_rate")
    total = sum(e.fen for e in rows if e.unit_id == "T1")
    marked = sum(e.fen for e in rows if e.unit_id == "T1" and e.earmarked)
    assert earmarked[("T1", "funds_earmarked_rate")] == (marked / total if total else None)


def test_trained_broadcasters_share_of_stations() -> None:
    stations = [Station(id=f"S{i}", unit_id=f"V{i}") for i in range(1, 6)]
    people = [
        Broadcaster(id="B1", name="王明", station_id="S1", trained="2024-05-01"),
        Broadcaster(id="B1b", name="李芳", station_id="S1", trained="2025-05-01"),
        Broadcaster(id="B2", name="张军", station_id="S2"),  # not trained
        Broadcaster(id="B4", name="刘丽", station_id="S4", trained="2026-01-05"),  # too late
        Broadcaster(id="B5", name="陈强", station_id="S5", trained="2025-12-31"),
    ]
    f = _facts(Records(year=2025, stations=stations, broadcasters=people),
               "trained_broadcaster_rate")  # fmt: skip
    assert f[("T1", "trained_broadcaster_rate")] == 1 / 3
    assert f[("T2", "trained_broadcaster_rate")] == 1 / 2
    assert f[("C", "trained_broadcaster_rate")] == 2 / 5
    # records that keep no broadcaster at all: not applicable (a 0.1 file is rescaled)
    assert (
        _facts(Records(year=2025, stations=stations), "trained_broadcaster_rate")[
            ("C", "trained_broadcaster_rate")
        ]
        is None
    )


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_base_targets_are_decomposed_from_the_root_down(city: int, county: int) -> None:
    # seed 001 (10 city-level, 100 county-level) split level by level (逐层分解, seed 004):
    # the townships' targets add up to the root's, each in proportion to its villages
    t = demo_base_targets(TREE, DemoTargets(bases={"city": city, "county": county}))
    assert t["C"] == city + county
    assert t.get("T1", 0) + t.get("T2", 0) == city + county
    assert t.get("T1", 0) >= t.get("T2", 0)  # 3 villages against 2


def test_bases_built_against_the_target() -> None:
    bases = [DemoBase(id=f"J{i}", unit_id="T1", level="市级" if i == 0 else "县级", year=2023 + i)
             for i in range(4)]  # fmt: skip
    f = _facts(Records(year=2025, demo_bases=bases), "demo_bases_rate")
    # 110 bases split 3:2 → T1 66, T2 44; T1 built 3 by 2025 (one in 2026 does not count)
    assert f[("T1", "demo_bases_rate")] == 3 / 66
    assert f[("T2", "demo_bases_rate")] == 0.0
    assert f[("C", "demo_bases_rate")] == 3 / 110


def test_activities_tv_liaison_and_the_production_quota() -> None:
    r = Records(
        year=2025,
        theme_activities=[
            ThemeActivity(id="A1", unit_id="V1", kind="党员电教科技经济开发", start="2025-04-01",
                          participants=40),
            ThemeActivity(id="A2", unit_id="T2", kind="凝聚力工程", start="2025-06-01",
                          end="2025-06-03", participants=25),
        ],
        tv_columns=[TvColumn(unit_id="C", year=2025, name="先锋", channel="县电视台",
                             episodes=12), TvColumn(unit_id="T1", year=2025)],
        liaison_meetings=[LiaisonMeeting(id=f"L{m}", unit_id="C", date=f"2025-{m:02d}-15")
                          for m in (1, 2, 7, 11)],
        submissions=[
            Submission(id="N", unit_id="T1", kind="党建类新闻", date="2025-12-01"),
            Submission(id="F", unit_id="T1", kind="专题片", date="2025-12-31"),
            Submission(id="N2", unit_id="T2", kind="党建类新闻", date="2025-11-01"),
            Submission(id="F2", unit_id="T2", kind="专题片", date="2026-01-06", year=2025),
        ],
    )  # fmt: skip
    f = _facts(r, "theme_activities", "theme_activity_participants", "tv_column_in_place",
               "liaison_quarters_met", "production_quota_met")  # fmt: skip
    assert (f[("C", "theme_activities")], f[("C", "theme_activity_participants")]) == (2, 65)
    assert (f[("T1", "theme_activities")], f[("T2", "theme_activities")]) == (1, 1)
    assert (f[("C", "tv_column_in_place")], f[("T1", "tv_column_in_place")]) == (1, 0)
    assert f[("C", "liaison_quarters_met")] == 3  # Q1 twice, Q3, Q4; none in Q2
    assert (f[("T1", "production_quota_met")], f[("T2", "production_quota_met")]) == (1, 0)


def test_every_new_measure_is_registered_with_scope_kind_and_seeds() -> None:
    new = ["theme_activities", "theme_activity_participants", "tv_column_in_place",
           "liaison_quarters_met", "production_quota_met", "funds_budget_share",
           "funds_earmarked_rate", "funds_misuse_findings", "trained_broadcaster_rate",
           "demo_bases_rate"]  # fmt: skip
    assert list(MEASURES)[-len(new) :] == new
    for name in new:
        m = MEASURES[name]
        assert m.kind in ("rate", "count")
        assert m.scope in ("own", "subtree")
        assert m.seeds


def test_the_sample_carries_the_new_records_and_the_old_ones_unchanged() -> None:
    r = sample_records()
    new = ("theme_activities", "tv_columns", "liaison_meetings", "ledger", "budgets",
           "broadcasters", "demo_bases")  # fmt: skip
    assert all(getattr(r, n) for n in new)
    assert r.check(tree=sample_county()).ok
    assert {d.level.label for d in r.demo_households if d.level} == {"县级"}
    # the veto still falls on 口松镇 alone: the ledger finding sits where the misuse case is
    findings = compute_facts(sample_county(), r, 2025, measures=["funds_misuse_findings"])
    towns = [u.id for u in sample_county().units(kind=["乡镇", "街道"])]
    assert [u for u in towns if findings.get(u, "funds_misuse_findings")] == ["T17"]


def test_old_records_and_round_trip() -> None:
    r = sample_records()
    assert Records.from_document(r.to_document()) == r
    # a 0.1 document without the new sheets loads; its misuse cases still count
    old = Records.from_document({"year": 2025, "funds_misuse": [
        {"id": "M", "unit_id": "T1", "date": "2025-05-01"}]})  # fmt: skip
    assert old.ledger == ()
    assert _facts(old, "funds_misuse_findings")[("C", "funds_misuse_findings")] == 1
