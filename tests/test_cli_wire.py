"""The wiring of issues 13, 17 and 18 into the command line: ``pmedu demo --records R``, RECORDS
in its three forms, ``--sheet`` / ``--INPUT-sheet`` on every command reading a table,
``pmedu plan --policy FILE`` and ``Records.check(away_expected=)``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import pmedu.cli.inputs
from pmedu.cli import main
from pmedu.cli.demo_cmd import run_demo
from pmedu.cli.members_cmd import demo_section as members_section
from pmedu.cli.plan_cmd import demo_section as plan_section
from pmedu.datasets import sample_path, sample_records, sample_year
from pmedu.io.records import save_records
from pmedu.model import Member, ViewingSession
from pmedu.records import Records
from pmedu.tables import Column, Table

DATA = Path(sample_path()).parent
TREE = str(sample_path())
JSON = str(DATA / "records_2025.json")
XLSX = str(DATA / "records_2025.xlsx")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv=argv)
    got = capsys.readouterr()
    return status, got.out, got.err


@pytest.fixture(scope="module")
def demo_text() -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run_demo(out, err) == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("records") / "records_2025"
    return str(save_records(sample_records(), folder))


# ---- pmedu demo --records -----------------------------------------------------------------------


def test_demo_on_the_sample_workbook_prints_what_the_demo_prints(
    demo_text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same records in another form are the same year: the demo's every line agrees, and
    every section prints from the records read (none falls back to the bundled sample)."""
    pytest.importorskip("python_calamine")

    def refuse() -> Records:
        raise AssertionError("a demo section read the bundled sample records")

    monkeypatch.setattr(pmedu.cli.inputs, "sample_records", refuse)
    status, out, err = _run(["demo", "--records", XLSX], capsys)
    assert status == 0, err
    assert out == demo_text


def test_the_members_and_plan_sections_print_from_the_records_given() -> None:
    """Fewer members and no sessions: the sections print those records, not the sample's."""
    sample = sample_records()
    few = attrs.evolve(sample, members=sample.members[:7], sessions=())
    year = sample_year()
    for section in (members_section, plan_section):
        given, bundled = io.StringIO(), io.StringIO()
        section(year, given, records=few)
        section(year, bundled)
        assert given.getvalue() != bundled.getvalue()
    out = io.StringIO()
    plan_section(year, out, records=few)
    assert "0 of 0 sessions have all five" in out.getvalue()


# ---- RECORDS in its three forms --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", TREE, "R", "--year", "2025", "--township", "T03"],
        ["stations", TREE, "R"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_reading_records_reads_the_csv_folder_as_the_json(
    argv: list[str], csv_folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    at = argv.index("R")
    status, want, err = _run([*argv[:at], JSON, *argv[at + 1 :]], capsys)
    assert status == 0, err
    status, got, err = _run([*argv[:at], csv_folder, *argv[at + 1 :]], capsys)
    assert status == 0, err
    assert got == want


def test_members_reads_the_records_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("python_calamine")
    status, want, _ = _run(["members", TREE, JSON, "--year", "2025"], capsys)
    status, got, err = _run(["members", TREE, XLSX, "--year", "2025"], capsys)
    assert status == 0, err
    assert got == want


def test_every_records_positional_says_its_three_forms(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("members", "plan", "registers", "stations", "facts"):
        with pytest.raises(SystemExit):
            main(argv=[command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "a records bundle .json, a records workbook .xlsx/.xls/.ods or a folder of" in text


# ---- --sheet and --INPUT-sheet ---------------------------------------------------------------


def _sheet(path: str | Path) -> Table:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return Table(columns=[Column(h) for h in rows[0]], rows=[tuple(r) for r in rows[1:]])


def _book(path: Path, sheets: dict[str, Any]) -> str:
    pytest.importorskip("openpyxl")
    from pmedu.io.xlsx import write_tables

    cover = Table(columns=[Column("说明")], rows=[("封面 cover",)])
    return str(write_tables(path, {"封面": cover, **sheets}))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> str:
    pytest.importorskip("python_calamine")
    d = tmp_path_factory.mktemp("book")
    return _book(
        d / "county.xlsx",
        {
            "单位": _sheet(TREE),
            "考核": _sheet(DATA / "facts_2025.csv"),
            "片库": _sheet(DATA / "holdings.csv"),
        },
    )


@pytest.mark.parametrize(
    ("argv", "sheets"),
    [
        (["score", "T", "F", "--peer-kind", "township,street"],
         ["--tree-sheet", "单位", "--facts-sheet", "考核"]),
        (["supply", "T", "--holdings", "H"], ["--tree-sheet", "单位", "--holdings-sheet", "片库"]),
        (["decompose", "T", "--at", "C000", "--total", "40", "--levels", "乡镇+街道"],
         ["--sheet", "单位"]),
        (["members", "T", JSON, "--year", "2025"], ["--sheet", "单位"]),
        (["registers", "T", JSON, "--year", "2025", "--register", "步骤"], ["--sheet", "单位"]),
        (["stations", "T", JSON], ["--sheet", "单位"]),
        (["trend", "T", "F"], ["--tree-sheet", "单位", "--facts-sheet", "考核"]),
    ],
    ids=lambda a: a[0] if isinstance(a, list) and not a[0].startswith("-") else "",
)  # fmt: skip
def test_a_table_on_a_named_sheet_reads_as_its_csv(
    argv: list[str], sheets: list[str], book: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each table input read from a named sheet of one workbook (the first sheet a cover):
    the command prints what it prints from the CSV files."""
    files = {"T": TREE, "F": str(DATA / "facts_2025.csv"), "H": str(DATA / "holdings.csv")}
    status, want, err = _run([files.get(a, a) for a in argv], capsys)
    assert status == 0, err
    status, got, err = _run([book if a in files else a for a in argv] + sheets, capsys)
    assert status == 0, err
    assert got == want


def test_report_reads_each_table_from_its_sheet(
    book: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--records", JSON, "--year", "2025", "--no-chart"]
    plain = tmp_path / "plain.html"
    argv = ["report", TREE, "--facts", str(DATA / "facts_2025.csv"),
            "--holdings", str(DATA / "holdings.csv"), *common, "--out", str(plain)]  # fmt: skip
    assert main(argv=argv) == 0
    sheeted = tmp_path / "sheeted.html"
    argv = ["report", book, "--facts", book, "--holdings", book, *common,
            "--tree-sheet", "单位", "--facts-sheet", "考核", "--holdings-sheet", "片库",
            "--out", str(sheeted)]  # fmt: skip
    assert main(argv=argv) == 0, capsys.readouterr().err
    assert sheeted.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")


def test_an_unknown_sheet_is_an_error_naming_it(
    book: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(["members", book, JSON, "--year", "2025", "--sheet", "没有"], capsys)
    assert status == 1
    assert "没有" in err


# ---- pmedu plan --policy FILE ----------------------------------------------------------------


def test_plan_policy_file_is_used_by_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan policy showing two films a session: the made entries name up to two films."""
    policy = tmp_path / "两片.toml"
    policy.write_text('name = "two"\nfilms_per_session = 2\n', encoding="utf-8")
    argv = ["plan", TREE, JSON, "--year", "2025", "--make", "--format", "json"]
    status, out, err = _run([*argv, "--policy", str(policy)], capsys)
    assert status == 0, err
    films = [len(e["films"].split(";")) for e in json.loads(out)["tables"]["entries"]]
    assert films
    assert set(films) == {1, 2}  # two where the set holds two films of the month's categories
    status, out, _ = _run([*argv, "--policy", "default"], capsys)
    assert {len(e["films"].split(";")) for e in json.loads(out)["tables"]["entries"]} == {1}


def test_a_bad_plan_policy_file_names_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "bad.json"
    policy.write_text('{"films_per_session": 0}', encoding="utf-8")
    argv = ["plan", TREE, JSON, "--year", "2025", "--make", "--policy", str(policy)]
    status, _, err = _run(argv, capsys)
    assert status == 1
    assert "bad.json: $.films_per_session" in err


# ---- Records.check(away_expected=) -----------------------------------------------------------


def test_records_check_passes_away_expected_through() -> None:
    """An away (流出) member listed as expected is a warning unless the policy expects them."""
    r = Records(
        year=2025,
        members=[Member(id="b", name="乙", unit_id="V", mobility="流出")],
        sessions=[ViewingSession(id="s", station_id="S", date="2025-03-01", expected=["b"])],
    )
    assert [p.field for p in r.check().warnings] == ["$.sessions[0].expected"]
    assert r.check(away_expected=True).warnings == ()
    with pytest.raises(TypeError):
        r.check(None, None, None, None, True)  # type: ignore[call-arg]
