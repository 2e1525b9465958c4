"""Viewing sessions, attendance, learning archive, registers, records checks (issue 5 §3, §6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit
from pmedu.errors import DataError, RecordError
from pmedu.io.records import load_records, save_records
from pmedu.io.registers import write_table
from pmedu.io.sessions import read_sessions_csv
from pmedu.model import Film, Submission
from pmedu.records import Records
from pmedu.stations import Station
from pmedu.viewing import (
    Attendance,
    TeachingStep,
    ViewingSession,
    attendance_by_station,
    attendance_by_unit,
    learning_archive,
    sign_in_book,
    viewing_register,
)
from strategies import below, sessions_at, township, trees_with_records


def test_five_teaching_steps() -> None:
    assert [s.label for s in TeachingStep] == [
        "播前提示",
        "播中解释",
        "播后讨论",
        "课后实践",
        "信息反馈",
    ]


@given(sessions_at(["S1", "S2", "S3"], max_size=20))
def test_attendance_is_signed_in_over_expected_per_session_and_station(
    sessions: list[ViewingSession],
) -> None:
    """DOMAIN: attendance 到课率 = members signed in / members expected, a ratio of sums
    over a station's sessions, never above 1 when every sign-in was expected."""
    for s in sessions:
        expected, signed = len(s.expected), len(set(s.signed_in) & set(s.expected))
        assert s.attendance == Attendance(signed, expected)
        assert s.attendance.rate == (signed / expected if expected else None)
    per_station = attendance_by_station(sessions)
    assert set(per_station) == {s.station_id for s in sessions}
    for sid, att in per_station.items():
        mine = [s for s in sessions if s.station_id == sid]
        signed = sum(len(s.signed_in) for s in mine)
        expected = sum(len(s.expected) for s in mine)
        assert att == Attendance(signed, expected)
        assert att.rate is None or 0 <= att.rate <= 1


@given(trees_with_records())
def test_attendance_rolls_up_as_sums_of_parts(data: tuple[OrgTree, Records]) -> None:
    tree, rec = data
    att = attendance_by_unit(tree, rec.stations, rec.sessions)
    unit_of = {s.id: s.unit_id for s in rec.stations}
    for u in tree:
        under = below(tree, u.id)
        mine = [s for s in rec.sessions if unit_of[s.station_id] in under]
        signed = sum(len(s.signed_in) for s in mine)
        assert att[u.id] == Attendance(signed, sum(len(s.expected) for s in mine))
        rate = att[u.id].rate
        assert rate is None or 0 <= rate <= 1


def test_attendance_seed_example_and_unknown_station() -> None:
    tree = township(2)
    st_ = [Station(id="S1", unit_id="V00"), Station(id="S2", unit_id="V01")]
    ss = [
        ViewingSession(
            id="a", station_id="S1", date="2025-01-10", expected_count=30, signed_in_count=24
        ),
        ViewingSession(
            id="b", station_id="S2", date="2025-01-10", expected_count=10, signed_in_count=4
        ),
    ]
    att = attendance_by_unit(tree, st_, ss)
    assert att["T"] == Attendance(28, 40)
    assert att["T"].rate == 0.7  # a ratio of sums, not the mean of 0.8 and 0.4
    bad = ViewingSession(id="c", station_id="S9", date="2025-02-10")
    with pytest.raises(DataError, match="session c: unknown station 'S9'"):
        attendance_by_unit(tree, st_, [*ss, bad])


def test_counts_must_cover_ids_and_not_be_negative() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        ViewingSession(id="a", station_id="S", date="2025-01-01", expected_count=-1)
    with pytest.raises(ValueError, match="more than once"):
        ViewingSession(id="a", station_id="S", date="2025-01-01", signed_in=["m", "m"])


FILMS = [
    Film(
        id="F1",
        title="榜样",
        category="先进典型",
        source="中央",
        year=2024,
        media="DVD",
        minutes=50,
    ),
    Film(
        id="F2",
        title="果树修剪",
        category="实用技术",
        source="本地制作",
        year=2025,
        media="数字",
        minutes=40,
    ),
]


def test_learning_archive_from_film_minutes() -> None:
    ss = [
        ViewingSession(
            id="a",
            station_id="S",
            date="2025-03-10",
            film_ids=["F1", "F2"],
            theme="先进性",
            signed_in=["m1", "m2"],
        ),
        ViewingSession(
            id="b",
            station_id="S",
            date="2025-04-10",
            film_ids=["F2"],
            theme="技术",
            signed_in=["m1"],
        ),
        ViewingSession(
            id="c", station_id="S", date="2024-04-10", film_ids=["F1"], signed_in=["m1"]
        ),
    ]
    arch = learning_archive(ss, FILMS, year=2025)
    assert list(arch) == ["m1", "m2"]
    assert (arch["m1"].sessions, arch["m1"].minutes) == (2, 130)
    assert arch["m2"].hours == 1.5
    assert arch["m1"].themes == ("先进性", "技术")
    with pytest.raises(DataError, match="unknown film"):
        learning_archive(
            [ViewingSession(id="x", station_id="S", date="2025-01-01", film_ids=["F9"])], FILMS
        )


def test_registers_export(tmp_path: Path) -> None:
    s = ViewingSession(
        id="a",
        station_id="S",
        date="2025-03-10",
        film_ids=["F1"],
        expected=["m1", "m2"],
        signed_in=["m1", "m3"],
        steps=["播前提示", "信息反馈"],
    )
    reg = viewing_register([s])
    assert reg[0]["steps"] == "播前提示;信息反馈"
    assert reg[0]["attendance_rate"] == 1.0  # 2 signed in / 2 expected (m3 not expected)
    book = sign_in_book([s])
    assert [(r["member_id"], r["signed_in"], r["expected"]) for r in book] == [
        ("m1", True, True),
        ("m2", False, True),
        ("m3", True, False),
    ]
    out = write_table(
        book, tmp_path / "book.csv", columns={"member_id": "党员", "signed_in": "签到"}
    )
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "党员,签到",
        "m1,是",
        "m2,否",
        "m3,是",
    ]


# --- the records bundle: bad input (issue 5 §6) -------------------------------------------


def _tree() -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="县", kind="县"),
            Unit(id="T01", name="镇", kind="镇", parent_id="C"),
            Unit(id="T01-V01", name="村", kind="村", parent_id="T01"),
        ]
    )


def test_every_bad_record_is_named() -> None:
    rec = Records(
        year=2025,
        stations=[Station(id="S1", unit_id="T01-V01"), Station(id="S1", unit_id="X")],
        films=FILMS,
        sessions=[
            ViewingSession(
                id="a", station_id="S1", date="2025-01-10", expected=["m1"], signed_in=["m1", "m2"]
            ),
            ViewingSession(id="b", station_id="S7", date="2025-02-10", film_ids=["F9"]),
            ViewingSession(id="a", station_id="S1", date="2026-01-10"),
        ],
        submissions=[Submission(id="N", unit_id="T01", kind="news", date="2027-01-02", year=2025)],
    )
    report = rec.check(tree=_tree(), source="r.json")
    assert not report.ok
    errors = [str(p) for p in report.errors]
    assert errors == [
        "r.json: $.stations[1].id: duplicate station id 'S1' (also $.stations[0])",
        "r.json: $.sessions[2].id: duplicate session id 'a' (also $.sessions[0])",
        "r.json: $.stations[1].unit_id: station 'S1': unit 'X' is not in the tree",
        "r.json: $.sessions[1].station_id: session 'b': station 'S7' does not exist",
        "r.json: $.sessions[1].film_ids: session 'b': unknown film(s) F9",
        "r.json: $.sessions[2].date: session 'a': 2026-01-10 is outside the year 2025",
        "r.json: $.submissions[0].date: submission 'N': 2027-01-02 is outside 2025–2026",
    ]
    assert [str(p) for p in report.warnings] == [
        "r.json: $.sessions[0].signed_in: session 'a': m2 signed in but not expected"
    ]
    with pytest.raises(RecordError) as err:
        report.raise_errors()
    assert len(err.value.problems) == 7


def test_valid_records_check_clean_and_round_trip(tmp_path: Path) -> None:
    rec = Records(
        year=2025,
        stations=[
            Station(
                id="S1",
                unit_id="T01-V01",
                features=["tv", "room", "player"],
                established=dt.date(2024, 5, 1),
            )
        ],
        films=FILMS,
        sessions=[
            ViewingSession(
                id="a",
                station_id="S1",
                date="2025-01-10",
                film_ids=["F1"],
                expected=["m1"],
                signed_in=["m1"],
                steps=list(TeachingStep),
            )
        ],
    )
    assert rec.check(tree=_tree()).lines() == []
    p = save_records(rec, tmp_path / "r.json")
    assert load_records(p) == rec
    doc = json.loads(p.read_text(encoding="utf-8"))
    assert doc["stations"][0]["features"] == ["television", "player", "room"]  # sorted


def test_structural_problems_all_reported(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text(
        json.dumps(
            {
                "year": 2025,
                "sessions": [
                    {"id": "a", "station_id": "S", "date": "2025-02-30"},
                    {"id": "b", "station_id": "S", "date": "2025-01-01", "signed_in_count": -3},
                ],
                "demo_households": [{"unit_id": "T01", "year": 2025, "achieved": -1}],
                "colour": "red",
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_records(p)
    lines = err.value.lines()
    assert len(lines) == 4
    assert f"{p}: $: unknown field(s): colour" in lines
    assert any("$.sessions[0].date" in x for x in lines)
    assert f"{p}: $.sessions[1].signed_in_count: 'signed_in_count' must be >= 0: -3" in lines
    assert f"{p}: $.demo_households[0].achieved: 'achieved' must be >= 0: -1" in lines


def test_sessions_csv(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text(
        "编号,网点,日期,片目,expected,signed_in,教学步骤\n"
        "a,S1,2025-01-10,F1；F2,m1;m2,m1,播前提示、播后讨论\n",
        encoding="utf-8-sig",
    )
    (s,) = read_sessions_csv(p)
    assert s.film_ids == ("F1", "F2")
    assert s.attendance == Attendance(1, 2)
    assert s.steps == {TeachingStep.PROMPT, TeachingStep.DISCUSS}
    p.write_text("id,station_id,date,colour\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"s.csv:1: colour: unknown column"):
        read_sessions_csv(p)
    p.write_text(
        "id,station_id,date,应到人数\na,S1,2025-01-10,x\nb,,2025-01-10,3\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as err:
        read_sessions_csv(p)
    assert err.value.lines() == [
        f"{p}:2: expected_count: expected a whole number, got 'x'",
        f"{p}:3: station_id: 'station_id' must not be blank",
    ]


@given(st.permutations(list(range(6))))
def test_check_is_order_independent_in_what_it_finds(perm: list[int]) -> None:
    sessions = [
        ViewingSession(id=f"s{i}", station_id="S1" if i % 2 else "S9", date="2025-03-01")
        for i in range(6)
    ]
    a = Records(stations=[Station(id="S1", unit_id="T01")], sessions=sessions).check()
    b = Records(
        stations=[Station(id="S1", unit_id="T01")], sessions=[sessions[i] for i in perm]
    ).check()
    assert len(a.errors) == len(b.errors) == 3
