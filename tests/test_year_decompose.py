"""Issue 11 (4): ``pmedu decompose`` writes the responsibility letters (目标责任书), one sheet per
level, laid out by report/letters.py; bad options are every problem at once (exit 1)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from pmedu.cli import main
from pmedu.datasets import sample_county, sample_path
from pmedu.network.decompose import decompose_target
from pmedu.report.letters import letter_tables


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv=["decompose", str(sample_path()), *argv])
    return status, out.getvalue(), err.getvalue()


def _int(cell: object) -> int:
    assert isinstance(cell, int)
    return cell


def test_letter_tables_one_per_level_with_parents_and_sums() -> None:
    tree = sample_county()
    d = decompose_target(tree, at="C000", total=1000, levels=[["乡镇", "街道"], "村"], weight="村")
    sheets = letter_tables(tree, d, levels=["乡镇+街道", "村"], target="科技示范户", measure="户")
    assert list(sheets) == ["乡镇+街道", "村"]
    towns, villages = sheets["乡镇+街道"], sheets["村"]
    assert towns.headers == ["单位", "编号", "上级单位", "分解数", "权重", "目标责任书"]
    assert sum(_int(r[3]) for r in towns.rows) == sum(_int(r[3]) for r in villages.rows) == 1000
    share = {r[1]: r[3] for r in towns.rows}
    name_of = {u.id: u.name for u in tree}
    for uid, s in share.items():
        under = [r[3] for r in villages.rows if r[2] == name_of[str(uid)]]
        assert sum(_int(x) for x in under) == s, uid
    hua = next(r for r in towns.rows if r[1] == "T04")
    assert hua[5] == f"示例县下达华宁镇科技示范户目标 {hua[3]} 户"
    # a unit with nothing to take keeps its row: the streets have no villages
    assert next(r for r in towns.rows if r[1] == "T01")[3] == 0


def test_the_command_prints_the_letters_as_text() -> None:
    status, out, err = _run("--at", "C000", "--total", "100", "--levels", "乡镇+街道,村")
    assert (status, err) == (0, "")
    assert out.startswith("乡镇+街道\n单位")
    assert "\n\n村\n单位" in out


def test_the_command_writes_one_sheet_per_level(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "letters.xlsx"
    status, out, err = _run(
        "--at", "C000", "--total", "600", "--levels", "乡镇,村",
        "--weight", "members", "--method", "webster", "--xlsx", str(target),
    )  # fmt: skip
    assert (status, out) == (0, "")
    assert "2 sheets" in err
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["乡镇", "村"]
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0] == ("单位", "编号", "上级单位", "分解数", "权重", "目标责任书")
        assert sum(r[3] for r in rows[1:]) == 600
    members = {u.id: u.members for u in sample_county()}
    first = list(wb["村"].iter_rows(values_only=True))[1]
    assert first[4] == members[first[1]]


def test_bad_options_are_every_problem_at_once() -> None:
    status, out, err = _run(
        "--at", "C999", "--total", "-3", "--levels", "乡镇,xx", "--weight", "foo",
        "--method", "bar",
    )  # fmt: skip
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[-1] == "pmedu: 5 problems found"
    fields = [line.split(":", 1)[0] for line in lines[:-1]]
    assert fields == ["--at", "--total", "--levels", "--weight", "--method"]


def test_levels_that_do_not_nest_are_named() -> None:
    status, _out, err = _run("--at", "C000", "--total", "100", "--levels", "村,乡镇")
    assert status == 1
    assert "levels do not nest: 17 unit(s) of 乡镇 under 'C000' are not under any 行政村" in err
    status, _out, err = _run("--at", "C000", "--total", "100", "--levels", "乡镇+街道,村,社区")
    assert status == 1
    assert "30 unit(s) of 社区" in err
