"""Issue 17, deliverable 1: ``--calendar FILE`` on the commands that compute dates (``facts``,
``report``): a centre's calendar merged over the shipped one moves the deadlines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pmedu.cli import main
from pmedu.datasets import sample_path

DATA = sample_path().parent


def _facts(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[tuple[str, str], str]:
    argv = ["facts", str(DATA / "sample_county.csv"), str(DATA / "records_2025.json")]
    assert main(argv=[*argv, "--year", "2025", "--out", "-", *extra]) == 0
    rows = csv.DictReader(io.StringIO(capsys.readouterr().out))
    return {(r["unit"], r["measure"]): r["value"] for r in rows}


def test_a_centres_calendar_moves_the_production_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = _facts(capsys)
    # a (made-up) correction of 2025: 31 December a day off, so the deadline moves past the
    # 2026 New Year break (1–3 January) to Sunday 4 January 2026, a make-up working day
    own = tmp_path / "cal.toml"
    own.write_text('[2025]\nholidays = ["2025-12-31"]\n', encoding="utf-8")
    moved = _facts(capsys, "--calendar", str(own))
    key = ("T01", "news_item_days_late")
    assert int(moved[key]) == int(shipped[key]) - 4
    on_deadline = ("news_item_days_late", "special_film_days_late", "production_quota_met")
    assert {k: v for k, v in moved.items() if k[1] not in on_deadline} == {
        k: v for k, v in shipped.items() if k[1] not in on_deadline
    }


def test_a_bad_calendar_file_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[2027]\nworkdays = ["2027-01-04"]\n', encoding="utf-8")
    argv = ["facts", str(DATA / "sample_county.csv"), str(DATA / "records_2025.json")]
    assert main(argv=[*argv, "--year", "2025", "--out", "-", "--calendar", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "bad.toml: 2027.workdays: make-up working day 2027-01-04 is not a Saturday" in err


def test_report_takes_a_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")
    own = tmp_path / "cal.toml"
    own.write_text('[2027]\nholidays = ["2027-01-01"]\n', encoding="utf-8")
    out = tmp_path / "r.html"
    argv = ["report", str(DATA / "sample_county.csv"), "--records", str(DATA / "records_2025.json")]
    assert (
        main(
            argv=[*argv, "--year", "2025", "--no-chart", "--out", str(out), "--calendar", str(own)]
        )
        == 0
    )
    assert out.stat().st_size > 0
