"""``--format text|csv|json``, ``-`` for stdin/stdout, progress on stderr, ``--help`` examples,
and the report's new flags (issue 14, deliverable 4)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from pmedu.cli import COMMANDS, build_parser, main
from pmedu.cli.output import emit
from pmedu.cli.progress import Reporter
from pmedu.cli.report_cmd import REPORT_OPTIONS, render_options
from pmedu.datasets import sample_path

UNITS = str(sample_path())
FACTS = str(sample_path(name="facts_2025.csv"))
RECORDS = str(sample_path(name="records_2025.json"))
HOLDINGS = str(sample_path(name="holdings.csv"))


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv=argv)
    out, err = capsys.readouterr()
    return status, out, err


def _stdin(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    data = Path(path).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _csv_blocks(text: str) -> dict[str, list[dict[str, str]]]:
    blocks: dict[str, list[dict[str, str]]] = {}
    for block in text.strip().split("\n\n"):
        head, _, body = block.partition("\n")
        assert head.startswith("# table: ")
        blocks[head.removeprefix("# table: ")] = list(csv.DictReader(io.StringIO(body)))
    return blocks


COMMAND_ARGS = {
    "tree": [UNITS],
    "supply": [UNITS, "--holdings", HOLDINGS],
    "stations": [UNITS, RECORDS],
    "facts": [UNITS, RECORDS, "--year", "2025"],
    "score": [UNITS, FACTS, "--peer-kind", "township,street", "--explain", "T07"],
    "members": [UNITS, RECORDS, "--year", "2025"],
}


@pytest.mark.parametrize("command", sorted(COMMAND_ARGS))
def test_json_is_one_document_with_english_keys(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, [command, *COMMAND_ARGS[command], "--format", "json"])
    assert status == 0
    doc = json.loads(out)
    assert doc["command"] == command
    assert doc["format"] == 1
    assert doc["tables"]
    assert all(isinstance(v, list) and v for v in doc["tables"].values())
    for records in doc["tables"].values():
        for key in records[0]:
            assert key.isascii(), key


@pytest.mark.parametrize("command", sorted(COMMAND_ARGS))
def test_csv_has_the_same_tables_as_json(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out_json, _ = _run(capsys, [command, *COMMAND_ARGS[command], "--format", "json"])
    status, out_csv, _ = _run(capsys, [command, *COMMAND_ARGS[command], "--format", "csv"])
    assert status == 0
    tables = json.loads(out_json)["tables"]
    blocks = _csv_blocks(out_csv)
    assert list(blocks) == list(tables)
    for name, records in tables.items():
        assert len(blocks[name]) == len(records)
        assert list(blocks[name][0]) == list(records[0])


def test_score_json_totals_are_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, ["score", *COMMAND_ARGS["score"], "--format", "json"])
    tables = json.loads(out)["tables"]
    assert all(isinstance(r["total"], int | float) for r in tables["ranking"])
    assert tables["ranking"][0]["rank"] == 1
    assert {r["unit_id"] for r in tables["scorecards"]} == {"T07"}
    assert sum(g["units"] for g in tables["grades"]) == tables["assessment"][0]["units_ranked"]


def test_csv_keeps_exact_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, ["score", *COMMAND_ARGS["score"], "--format", "csv"])
    totals = [r["total"] for r in _csv_blocks(out)["ranking"]]
    assert all(len(t.partition(".")[2]) == 2 for t in totals)  # 88.90 stays 88.90


def test_tree_json_coverage_rates(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, ["tree", UNITS, "--format", "json"])
    tables = json.loads(out)["tables"]
    assert tables["tree"][0]["units"] == 390
    root = tables["coverage"][-1]
    assert root["unit_id"] == "C000"
    assert 0 < root["rate"] <= 1
    assert sum(k["units"] for k in tables["kinds"]) == 390


def test_text_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    _, default, _ = _run(capsys, ["tree", UNITS])
    _, text, _ = _run(capsys, ["tree", UNITS, "--format", "text"])
    assert default == text
    assert default.startswith("示例县 (C000): 390 units")


def test_tree_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, from_file, _ = _run(capsys, ["tree", UNITS])
    _stdin(monkeypatch, UNITS)
    status, from_stdin, _ = _run(capsys, ["tree", "-"])
    assert status == 0
    assert from_stdin == from_file


def test_stdin_problems_name_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nA,甲\n", encoding="utf-8")
    _stdin(monkeypatch, str(bad))
    status, _, err = _run(capsys, ["tree", "-"])
    assert status == 1
    assert "<stdin>:1: parent_id: missing column" in err
    assert "pmedu-stdin" not in err


def test_records_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, from_file, _ = _run(capsys, ["stations", UNITS, RECORDS])
    _stdin(monkeypatch, RECORDS)
    status, from_stdin, _ = _run(capsys, ["stations", UNITS, "-"])
    assert status == 0
    assert from_stdin == from_file


def test_facts_out_dash_writes_the_csv_to_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "facts.csv"
    _run(capsys, ["facts", *COMMAND_ARGS["facts"], "--out", str(target)])
    status, out, err = _run(capsys, ["facts", *COMMAND_ARGS["facts"], "--out", "-"])
    assert status == 0
    assert out == target.read_text(encoding="utf-8")
    assert "written to stdout" in err


def test_facts_needs_somewhere_to_write(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, ["facts", *COMMAND_ARGS["facts"]])
    assert status == 1
    assert "--out" in err


def test_report_out_dash_writes_html_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")
    status, out, _ = _run(capsys, ["report", UNITS, "--year", "2025", "--no-chart", "--out", "-"])
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")


def test_every_command_has_an_example() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        assert p.epilog, name
        assert f"pmedu {name}" in p.epilog, name
        assert "\n  pmedu " in p.format_help()  # kept as written, not rewrapped
    assert len(sub.choices) >= len(COMMANDS)


def test_report_flags_parse() -> None:
    args = build_parser().parse_args(
        [
            "report",
            "u.csv",
            "--issuer",
            "中共某县委组织部",
            "--date",
            "2026-01-15",
            "--template",
            "tpl",
            "--pdf",
            "r.pdf",
        ]
    )
    assert (args.issuer, str(args.date), args.template, args.pdf) == (
        "中共某县委组织部",
        "2026-01-15",
        "tpl",
        "r.pdf",
    )


def test_report_flags_pass_through_when_accepted() -> None:
    seen: dict[str, Any] = {}

    def render(
        results: Any, *, issuer: Any = None, issued: Any = None, template_dir: Any = None
    ) -> None:
        seen.update(issuer=issuer)

    args = build_parser().parse_args(
        ["report", "u.csv", "--issuer", "某县", "--date", "2026-01-15", "--template", "tpl"]
    )
    options = render_options(args, render=render)
    assert set(options) == set(REPORT_OPTIONS.values())
    assert options["template_dir"] == Path("tpl")
    assert options["issued"].year == 2026


def test_report_flags_refused_when_not_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    def render(results: Any, *, lang: str = "zh") -> None: ...

    args = build_parser().parse_args(["report", "u.csv", "--issuer", "某县"])
    with pytest.raises(Exception, match="--issuer: not supported"):
        render_options(args, render=render)


def test_progress_quiet_for_quick_steps() -> None:
    err = io.StringIO()
    with Reporter("pmedu x", stream=err, enabled=True, threshold=5) as progress:
        progress("quick")
        progress("quicker")
    assert err.getvalue() == ""


def test_progress_shows_a_slow_step_and_its_end() -> None:
    err = io.StringIO()
    with Reporter("pmedu x", stream=err, enabled=True, threshold=0.05) as progress:
        progress("slow step")
        time.sleep(0.3)
        progress("quick step")
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("pmedu x: slow step …")
    assert lines[1].startswith("pmedu x: slow step: done in")
    assert len(lines) == 2


def test_progress_off_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    quiet = Reporter("pmedu x", stream=io.StringIO(), threshold=0)
    quiet("step")
    assert not quiet.enabled
    status, _, err = _run(capsys, ["tree", UNITS])  # capsys' stderr is no terminal
    assert status == 0
    assert err == ""


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_uses_rich_when_installed() -> None:
    err = _Tty()
    with Reporter("pmedu x", stream=err, threshold=0) as progress:
        progress("reading units.csv")
    assert progress.enabled
    assert "reading units.csv" in err.getvalue()


def test_emit_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        emit("x", {}, fmt="xml", out=io.StringIO())


def test_only_one_input_from_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, ["score", "-", "-"])
    assert status == 1
    assert "tree, facts: only one input can be read from stdin" in err
