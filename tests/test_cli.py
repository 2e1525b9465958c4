"""The command line: ``pmedu demo`` and ``pmedu tree`` with their exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmedu.cli import main
from pmedu.datasets import sample_path, synth
from pmedu.io import save_tree, write_units_csv


def test_demo_prints_every_section_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=["demo"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("== 组织体系 organisation tree ==")
    assert "示例县 (C000): 390 units" in out
    assert "T01-V01" not in out  # per township, not per village
    assert "建点率" in out
    assert err == ""


def test_tree_on_the_sample_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=["tree", str(sample_path())]) == 0
    out = capsys.readouterr().out
    assert "行政村        village                  300" in out
    assert "示例县（合计）" in out


def test_tree_on_json_and_english_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = synth.tree("county", units=50, seed=3)
    for path in (
        save_tree(tree, tmp_path / "t.json"),
        write_units_csv(tree, tmp_path / "t.csv", lang="en", encoding="gbk"),
    ):
        assert main(argv=["tree", str(path)]) == 0
        assert f"({tree.root.id}): 50 units" in capsys.readouterr().out


def test_tree_on_a_bad_file_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "编号,上级编号,名称,类型,党员数\nC,,某县,县,0\nT,C,东镇,镇村,x\nV,T,,村,3\n",
        encoding="gbk",
    )
    assert main(argv=["tree", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    got = err.splitlines()
    assert got[0].startswith(f"{path}:3: kind: unknown unit kind '镇村'")
    assert got[1] == f"{path}:3: members: must be a whole number ≥ 0, got 'x'"
    assert got[2] == f"{path}:4: name: must not be empty"
    assert got[3] == "pmedu: 3 problems found"


def test_tree_problems_exit_1_with_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cycle.csv"
    path.write_text("id,parent_id,name,kind\nC,,a,county\nT,V,b,township\nV,T,c,village\n")
    assert main(argv=["tree", str(path), "--rules", "default"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err
    assert "cycle" in err


def test_tree_rules_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "city.csv"
    path.write_text("id,parent_id,name,kind\nC,,a,city\nT,C,b,township\n")
    assert main(argv=["tree", str(path)]) == 0
    capsys.readouterr()
    assert main(argv=["tree", str(path), "--rules", "strict"]) == 1
    assert f"{path}:3: unit T: kind:" in capsys.readouterr().err
    assert main(argv=["tree", str(path), "--rules", "nonesuch"]) == 1
    assert "unknown preset 'nonesuch'" in capsys.readouterr().err
    rules = tmp_path / "rules.toml"
    rules.write_text('name = "mine"\n[allowed]\ncity = ["乡镇"]\n', encoding="utf-8")
    assert main(argv=["tree", str(path), "--rules", str(rules)]) == 0
    assert "hierarchy rules: mine" in capsys.readouterr().out


def test_tree_encoding_and_extra_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("备注,编号,上级编号,名称,类型\n1,C,,某县,县\n".encode("gbk"))
    assert main(argv=["tree", str(path), "--encoding", "utf-8"]) == 1
    assert "not valid utf-8" in capsys.readouterr().err
    assert main(argv=["tree", str(path)]) == 0  # an unknown column warns (issue 12)
    assert "warning: " in capsys.readouterr().err
    assert main(argv=["tree", str(path), "--strict"]) == 1
    assert "备注: unknown column" in capsys.readouterr().err
    assert main(argv=["tree", str(path), "--ignore-extra-columns"]) == 0


def test_tree_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=["tree", str(tmp_path / "absent.csv")]) == 1
    assert "cannot read file" in capsys.readouterr().err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=[]) == 2
    assert "tree" in capsys.readouterr().out
