"""Nothing wrong gets into the records silently (issue 12): a string where a list belongs,
counts and amounts that are not finite, whole and in range, quadratic validators; and the
records check against the unit table's station flags (issue 11)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from pmedu.convert import structure
from pmedu.errors import DataError
from pmedu.io.records import load_records
from pmedu.io.sessions import read_sessions_csv
from pmedu.model import (
    DemoHouseholds,
    FilmSet,
    FundsMisuse,
    MagazineSubscription,
    SchedulePolicy,
    Station,
    ViewingSession,
)
from pmedu.model.bounds import MAX_MEMBERS, MAX_YUAN
from pmedu.records import Records
from pmedu.records.check import check_records

BAD = Path(__file__).parent / "data" / "bad" / "model"
SESSION: dict[str, Any] = {"id": "a", "station_id": "S1", "date": "2025-03-10"}


def _problems(exc: DataError) -> list[str]:
    return [f"{p.field}: {p.what}" for p in exc.problems]


# --- a string where a list belongs ---------------------------------------------------------

LIST_FIELDS: list[tuple[str, dict[str, Any], str]] = [
    ("sessions", SESSION, "expected"),
    ("sessions", SESSION, "signed_in"),
    ("sessions", SESSION, "film_ids"),
    ("sessions", SESSION, "steps"),
    ("stations", {"id": "S1", "unit_id": "V1"}, "features"),
    ("film_sets", {"id": "FS1", "unit_id": "V1"}, "film_ids"),
]


@pytest.mark.parametrize(("collection", "base", "field"), LIST_FIELDS)
def test_string_for_a_list_is_an_error_at_its_field(
    collection: str, base: dict[str, Any], field: str
) -> None:
    doc = {collection: [{**base, field: "m1"}]}
    with pytest.raises(DataError) as exc:
        Records.from_document(doc)
    assert _problems(exc.value) == [
        f"$.{collection}[0].{field}: expected a list, got the string 'm1'"
    ]


def test_string_list_error_comes_with_the_records_other_problems() -> None:
    doc = {"sessions": [{**SESSION, "expected": "m1", "expected_count": -1, "date": "x"}]}
    with pytest.raises(DataError) as exc:
        Records.from_document(doc)
    got = _problems(exc.value)
    assert got[0] == "$.sessions[0].expected: expected a list, got the string 'm1'"
    assert {p.split(":")[0] for p in got} == {
        "$.sessions[0].expected",
        "$.sessions[0].expected_count",
        "$.sessions[0].date",
    }


def test_list_of_one_id_still_loads() -> None:
    r = Records.from_document({"sessions": [{**SESSION, "expected": ["m1"]}]})
    assert r.sessions[0].expected == ("m1",)


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        (ViewingSession, {**SESSION, "expected": "m1"}),
        (ViewingSession, {**SESSION, "signed_in": "m1"}),
        (ViewingSession, {**SESSION, "film_ids": "F1"}),
        (ViewingSession, {**SESSION, "steps": "prompt"}),
        (Station, {"id": "S", "unit_id": "V", "features": "tv"}),
        (FilmSet, {"id": "FS", "unit_id": "V", "film_ids": "F1"}),
        (SchedulePolicy, {"holidays": "2025-01-01"}),
        (SchedulePolicy, {"info_deadlines": "03-31"}),
    ],
)
def test_constructors_refuse_a_string_for_a_list(cls: type, kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="expected a list, got the string"):
        cls(**kwargs)


@pytest.mark.parametrize("field", ["holidays", "info_deadlines"])
def test_policy_document_refuses_a_string_for_a_list(field: str) -> None:
    with pytest.raises(DataError) as exc:
        structure({field: "2025-01-01"}, SchedulePolicy)
    assert _problems(exc.value) == [f"$.{field}: expected a list, got the string '2025-01-01'"]


def test_member_ids_are_strings() -> None:
    with pytest.raises(TypeError, match="must list strings, got 1"):
        ViewingSession(**SESSION, expected=["a", 1])


def test_single_enum_members_still_accepted() -> None:
    from pmedu.model import Feature, TeachingStep

    assert Station(id="S", unit_id="V", features=Feature.ROOM).features == {Feature.ROOM}
    s = ViewingSession(**SESSION, steps=TeachingStep.PROMPT)
    assert s.steps == {TeachingStep.PROMPT}


# --- counts and amounts -----------------------------------------------------------------


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 2.5, True, "3", MAX_MEMBERS + 1, -1])
def test_counts_are_whole_finite_and_bounded(value: Any) -> None:
    doc = {"demo_households": [{"unit_id": "T", "year": 2025, "achieved": value}]}
    with pytest.raises(DataError) as exc:
        Records.from_document(doc)
    assert [p.field for p in exc.value.problems] == ["$.demo_households[0].achieved"]


def test_the_largest_count_loads() -> None:
    doc = {"demo_households": [{"unit_id": "T", "year": 2025, "achieved": MAX_MEMBERS}]}
    assert Records.from_document(doc).demo_households[0].achieved == MAX_MEMBERS
    with pytest.raises(ValueError, match="at most"):
        MagazineSubscription(unit_id="V", year=2025, copies=MAX_MEMBERS + 1)


@pytest.mark.parametrize(
    "value", [float("inf"), float("-inf"), float("nan"), -1, MAX_YUAN * 10, True, "5"]
)
def test_amounts_are_finite_and_bounded(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        FundsMisuse(id="M", unit_id="T", date=dt.date(2025, 5, 1), amount=value)


def test_years_are_not_booleans() -> None:
    with pytest.raises(TypeError, match="'year' must be an integer"):
        DemoHouseholds(unit_id="T", year=True)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ('"amount": 1e309', "out of range"),
        ('"amount": -1e309', "out of range"),
        ('"amount": Infinity', "not a number JSON allows"),
        ('"amount": NaN', "not a number JSON allows"),
        ('"amount": 1e-400', "too small"),
    ],
)
def test_json_numbers_that_are_not_what_they_say(tmp_path: Path, text: str, what: str) -> None:
    p = tmp_path / "r.json"
    p.write_text(
        '{"funds_misuse": [\n{"id": "M", "unit_id": "T", "date": "2025-05-01", ' + text + "}]}",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        load_records(p)
    (problem,) = exc.value.problems
    assert what in problem.what
    assert problem.file == str(p)
    assert problem.row == 2


@pytest.mark.parametrize("value", ["1e-400", "inf", "nan"])
def test_toml_numbers_that_are_not_what_they_say(tmp_path: Path, value: str) -> None:
    p = tmp_path / "r.toml"
    p.write_text(
        f'[[demo_households]]\nunit_id = "T"\nyear = 2025\nachieved = {value}\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        load_records(p)


def test_small_but_real_amounts_still_load(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    doc = {"funds_misuse": [{"id": "M", "unit_id": "T", "date": "2025-05-01", "amount": 0.0}]}
    p.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    assert load_records(p).funds_misuse[0].amount == 0.0
    p.write_text(json.dumps(doc).replace("0.0", "1.5e-3"), encoding="utf-8")
    assert load_records(p).funds_misuse[0].amount == 0.0015


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("model_expected_string.json", "$.sessions[0].expected"),
        ("model_features_string.json", "$.stations[0].features"),
        ("model_count_underflow.json", None),
        ("model_amount_inf.json", None),
    ],
)
def test_regression_files_are_refused(name: str, field: str | None) -> None:
    with pytest.raises(DataError) as exc:
        load_records(BAD / name)
    assert all(p.file == str(BAD / name) for p in exc.value.problems)
    if field is not None:
        assert [p.field for p in exc.value.problems] == [field]


@pytest.mark.parametrize("cell", ["+5", "1_000", "٣", "5.0", "1e3"])
def test_session_csv_counts_are_plain_digits(tmp_path: Path, cell: str) -> None:
    p = tmp_path / "s.csv"
    p.write_text(f"id,station_id,date,应到人数\na,S1,2025-01-10,{cell}\n", encoding="utf-8")
    with pytest.raises(DataError, match="expected a whole number"):
        read_sessions_csv(p)


def test_session_csv_counts_may_be_full_width(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("id,station_id,date,应到人数\na,S1,2025-01-10,１２\n", encoding="utf-8")
    assert read_sessions_csv(p)[0].expected_count == 12


# --- linear validators ------------------------------------------------------------------


def test_duplicate_members_are_named_once_each() -> None:
    with pytest.raises(ValueError, match="'expected' lists a, b more than once"):
        ViewingSession(**SESSION, expected=["a", "b", "a", "c", "b", "a"])


def test_session_with_100000_members_loads_in_well_under_a_second(tmp_path: Path) -> None:
    ids = [f"M{i:07d}" for i in range(100_000)]
    doc = {
        "stations": [{"id": "S1", "unit_id": "V1"}],
        "sessions": [{**SESSION, "expected": ids, "signed_in": ids}],
    }
    p = tmp_path / "big.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    records = load_records(p)  # its load time is a benchmark figure (bench_records.py)
    report = check_records(records)
    assert records.sessions[0].n_signed_in == 100_000
    assert report.ok
    with pytest.raises(ValueError, match=r"… \(100000 ids in all\)"):
        ViewingSession(**SESSION, expected=ids + ids)


# --- the unit table's station flags against the station records (issue 11) --------------


def test_check_warns_where_flags_and_station_records_disagree() -> None:
    records = Records(
        stations=[
            Station(id="S1", unit_id="V1"),
            Station(id="S2", unit_id="V2"),
            Station(id="S3", unit_id="V2"),
        ]
    )
    flags = {"V1": True, "V2": False, "V3": True, "V4": False}
    report = check_records(records, flags=flags)
    assert report.ok
    assert [(p.field, p.what) for p in report.warnings] == [
        (
            "$.stations[1].unit_id",
            "unit 'V2' has a station record ('S2') but has_station is False in the unit table",
        ),
        ("$.stations", "unit 'V3' has has_station True in the unit table but no station record"),
    ]
    assert records.check(flags=flags) == report


def test_check_without_flags_or_with_agreeing_flags_says_nothing() -> None:
    records = Records(stations=[Station(id="S1", unit_id="V1")])
    assert check_records(records).warnings == ()
    assert check_records(records, flags={"V1": True, "V2": False}).warnings == ()


def test_sample_county_flags_against_its_station_records() -> None:
    from pmedu.datasets import sample_county, sample_records  # the caller builds the flags

    tree, records = sample_county(), sample_records()
    flags = {u.id: u.has_station for u in tree.units()}
    recorded = {s.unit_id for s in records.stations}
    disagree = {u for u, flagged in flags.items() if flagged != (u in recorded)}
    warned = [p for p in records.check(tree=tree, flags=flags).warnings if "has_station" in p.what]
    assert disagree
    assert len(warned) == len(disagree)
    assert all(any(repr(u) in p.what for p in warned) for u in disagree)
