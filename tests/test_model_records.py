"""The records bundle after the move: documents with a format and version, 0.1.0 files,
the one second-record helper, old import paths (issue 10)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from issue17 import before_issue17
from pmedu.errors import DataError
from pmedu.io.records import load_records, save_records
from pmedu.model import DemoHouseholds, MagazineSubscription, Station
from pmedu.records import Records
from pmedu.records.check import check_records, second_records

DATA = Path(__file__).parent / "data" / "v0_1_0"


def test_v0_1_0_bundle_loads_equal() -> None:
    old = DATA / "records_2025.json"
    assert "version" not in json.loads(old.read_text(encoding="utf-8"))
    shipped = importlib.import_module("pmedu.datasets").sample_path(name="records_2025.json")
    assert load_records(old) == before_issue17(load_records(shipped))


def test_saved_document_has_format_and_version(tmp_path: Path) -> None:
    rec = Records(year=2025, stations=[Station(id="S", unit_id="V", features=["room", "tv"])])
    p = save_records(rec, tmp_path / "r.json")
    doc = json.loads(p.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("pmedu.records", 1)
    assert doc["stations"][0]["features"] == ["television", "room"]
    assert load_records(p) == rec == load_records(save_records(rec, tmp_path / "again.json"))


@pytest.mark.parametrize(
    ("header", "what"),
    [
        ({"version": 2}, "version 2 was written by a newer pmedu"),
        ({"version": "1"}, "expected a version >= 1"),
        ({"format": "pmedu.tree"}, "expected format 'pmedu.records'"),
    ],
)
def test_bad_header(header: dict[str, object], what: str) -> None:
    with pytest.raises(DataError, match=what):
        Records.from_document({"year": 2025, **header})


def test_second_records_one_helper() -> None:
    rec = Records(
        year=2025,
        demo_households=[DemoHouseholds(unit_id="T", year=2025)] * 2,
        subscriptions=[MagazineSubscription(unit_id="T", year=2025)] * 3,
    )
    assert second_records(rec.subscriptions) == [(1, 0), (2, 0)]
    assert check_records(rec).lines() == [
        "error: $.demo_households[1]: second record for unit 'T' in 2025 "
        "(also $.demo_households[0])",
        "error: $.subscriptions[1]: second subscription for unit 'T' in 2025 "
        "(also $.subscriptions[0])",
        "error: $.subscriptions[2]: second subscription for unit 'T' in 2025 "
        "(also $.subscriptions[0])",
    ]


def test_check_takes_any_container_of_unit_ids() -> None:
    rec = Records(stations=[Station(id="S", unit_id="V9")])
    assert rec.check(tree={"V1"}).lines() == [
        "error: $.stations[0].unit_id: station 'S': unit 'V9' is not in the tree"
    ]


@pytest.mark.parametrize(
    ("old", "names"),
    [
        ("pmedu.records", ["Award", "AwardLevel", "DemoHouseholds", "FundsMisuse",
                           "Institution", "MagazineSubscription", "RecordError",
                           "RecordReport", "Records", "Submission", "SubmissionKind",
                           "read_sessions_csv"]),
        ("pmedu.schedule", ["CycleEvent", "EDay", "Milestone", "MonthPlan", "QuarterInfo",
                            "SchedulePolicy", "Submission", "SubmissionKind",
                            "SubmissionStatus", "days_late", "info_by_quarter",
                            "plan_counts", "plan_days", "plan_vs_actual",
                            "submission_status", "yearly_cycle"]),
        ("pmedu.films", ["Film", "FilmCategory", "FilmLibrary", "FilmSet", "FilmSource",
                         "Media"]),
        ("pmedu.stations.model", ["Feature", "Station"]),
        ("pmedu.viewing.session", ["Attendance", "TeachingStep", "ViewingSession"]),
        ("pmedu.model", ["COUNT_FIELDS", "Unit"]),
    ],
)  # fmt: skip
def test_old_paths_still_import(old: str, names: list[str]) -> None:
    mod = importlib.import_module(old)
    for name in names:
        if name in getattr(mod, "__all__", ()):  # a package re-exporting its own module's name
            assert getattr(mod, name) is not None
            continue
        with pytest.deprecated_call(match=f"{old}.{name} moved to"):
            assert getattr(mod, name) is not None
