"""Issue 17, deliverable 3: the five teaching steps measured, the registers of 三簿一册 as
records and tables, and their bad input (seeds 000, 002)."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import given

from pmedu import OrgTree
from pmedu.cli import main
from pmedu.datasets import sample_county, sample_path, sample_records
from pmedu.errors import DataError
from pmedu.facts.measures import MEASURES, most_missing_step
from pmedu.model import Station, TeachingStep, ViewingSession
from pmedu.model.plans import PlanEntry
from pmedu.model.registers import DiscussionEntry, FeedbackEntry
from pmedu.records import Records
from pmedu.viewing.register import Register, register_rows, registers_name, steps_rows
from strategies import trees_with_records

YEAR = 2025


@given(trees_with_records())
def test_steps_measures_equal_a_count_over_the_sessions(drawn: tuple[OrgTree, Records]) -> None:
    """五步教学法: the share of sessions with all five steps, per unit and its subtree, and the
    step most often missing, are whole counts over the year's sessions."""
    tree, records = drawn
    unit_of = {s.id: s.unit_id for s in records.stations}
    for u in tree.units():
        inside = {x.id for x in tree.units(within=u.id)}
        mine = [s for s in records.sessions
                if unit_of.get(s.station_id) in inside and s.date.year == YEAR]  # fmt: skip
        complete = sum(1 for s in mine if not s.missing_steps)
        rate = MEASURES["steps_complete_rate"](tree, records, u.id, YEAR)
        assert rate == (complete / len(mine) if mine else None)
        missing = [sum(t in s.missing_steps for s in mine) for t in TeachingStep]
        assert MEASURES["most_missing_step"](tree, records, u.id, YEAR) == most_missing_step(
            missing
        )


def test_the_sample_misses_steps_in_1317_of_3321_sessions() -> None:
    """Issue 17: 1,317 of the sample's 3,321 sessions miss a step."""
    tree, records = sample_county(), sample_records()
    rows = steps_rows(records.sessions, by={s.id: tree.root.id for s in records.stations})
    assert (rows[0]["sessions"], rows[0]["sessions"] - rows[0]["complete"]) == (3321, 1317)
    rate = MEASURES["steps_complete_rate"](tree, records, tree.root.id, YEAR)
    assert rate == 2004 / 3321


def test_a_register_entry_for_a_session_that_does_not_exist_is_an_error() -> None:
    r = Records(
        year=YEAR,
        stations=[Station(id="S", unit_id="V")],
        sessions=[ViewingSession(id="s1", station_id="S", date="2025-03-10")],
        discussions=[DiscussionEntry(id="D1", session_id="s1"),
                     DiscussionEntry(id="D2", session_id="s9")],
        feedback_entries=[FeedbackEntry(id="B1", session_id="s8", item="x")],
    )  # fmt: skip
    errors = [str(p) for p in r.check().errors]
    assert errors == [
        "$.discussions[1].session_id: discussion 'D2': session 's9' does not exist",
        "$.feedback_entries[0].session_id: feedback entry 'B1': session 's8' does not exist",
    ]


def test_a_film_set_at_two_villages_in_one_month_is_a_record_error_naming_both_rows() -> None:
    entries = [PlanEntry(id=f"P{k}", year=YEAR, month=5, township_id="T", unit_id=u,
                         film_set_id="FS") for k, u in enumerate(["V1", "V2", "V3"])]  # fmt: skip
    report = Records(year=YEAR, plan_entries=entries).check()
    clashes = [str(p) for p in report.errors if "is at" in p.what]
    assert len(clashes) == 2
    assert "$.plan_entries[1]" in clashes[0]
    assert "$.plan_entries[0]" in clashes[0]


def test_new_records_survive_the_document() -> None:
    r = sample_records()
    assert Records.from_document(r.to_document()) == r
    with pytest.raises(DataError, match=r"\$\.feedback_entries\[0\]\.closed"):
        Records.from_document({"feedback_entries": [{"id": "B", "session_id": "s", "item": "x",
                                                     "closed": "maybe"}]})  # fmt: skip


def test_both_spellings_of_the_registers() -> None:
    """DOMAIN §11: show 三簿一册, accept 三薄一册 (and 薄 in each register's name)."""
    assert registers_name("三薄一册") == "三簿一册"
    assert Register.parse("信息反馈薄") is Register.parse("信息反馈簿") is Register.FEEDBACK
    rows, cols = register_rows("讨论登记薄", [], discussions=[])
    assert rows == []
    assert cols["topics"] == "讨论题目"


def _run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        status = main(argv=list(argv))
    return status, buf.getvalue()


ARGS = (str(sample_path()), str(sample_path(name="records_2025.json")), "--year", "2025")


@pytest.mark.parametrize("which", ["收看", "讨论", "反馈", "签到", "步骤"])
def test_registers_command_prints_each_register(which: str) -> None:
    status, out = _run("registers", *ARGS, "--register", which, "--format", "json")
    assert status == 0
    (rows,) = json.loads(out)["tables"].values()
    assert rows


def test_plan_command_csv_and_one_township() -> None:
    status, out = _run("plan", *ARGS, "--township", "T04")
    assert status == 0
    assert "华宁镇" in out
    assert "落实" in out
    status, out = _run("plan", *ARGS, "--make", "--format", "csv")
    assert status == 0
    assert out.startswith("# table: townships")


def test_an_unknown_register_is_a_problem_not_a_traceback() -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status, _ = _run("registers", *ARGS, "--register", "账本")
    assert status == 1
    assert "--register" in err.getvalue()


def test_steps_by_station_name_the_most_missing_step() -> None:
    ss = [ViewingSession(id=str(i), station_id="S", date="2025-01-10", steps=steps)
          for i, steps in enumerate([["播前提示"], ["播前提示", "播中解释"]])]  # fmt: skip
    (row,) = steps_rows(ss)
    assert row["most_missing"] == "播后讨论"
    assert row["complete_rate"] == 0.0


def test_a_plan_for_a_year_without_calendar_data_names_the_year() -> None:
    """Bad input: a plan for a year the official calendar has no data for."""
    err = io.StringIO()
    tree, records = str(sample_path()), str(sample_path(name="records_2025.json"))
    with contextlib.redirect_stderr(err):
        status, _ = _run("plan", tree, records, "--year", "2027", "--make")
    assert status == 1
    assert "2027" in err.getvalue()
