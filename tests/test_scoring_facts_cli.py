"""Facts from records and CSV (long and wide), and the ``pmedu score`` command."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from pmedu.cli import main, score_cmd
from pmedu.datasets import sample_county, sample_path
from pmedu.errors import DataError
from pmedu.facts import Facts
from pmedu.io.facts import read_facts, read_long_facts, write_facts


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_long_csv_with_chinese_headers_and_year(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "f.csv",
        "单位编号,指标,数值,年度\nT01,attendance_rate,85%,2025\n"
        "T01,info_items,7,2025\nT01,info_items,3,2024\nT02,six_haves_rate,,2025\n",
    )
    f = read_facts(p, year=2025)
    assert f.year == 2025
    assert len(f) == 3
    assert f.get("T01", "attendance_rate") == Decimal("0.85")
    assert f.get("T01", "info_items") == 7
    assert f.has("T02", "six_haves_rate")
    assert f.get("T02", "six_haves_rate") is None
    with pytest.raises(DataError, match="several years"):
        read_facts(p)


def test_long_csv_reports_every_bad_row(tmp_path: Path) -> None:
    p = write(tmp_path, "f.csv", "unit,measure,value\nT01,m,1\n,m,2\nT02,m,abc\nT01,m,3\nT03,m\n")
    with pytest.raises(DataError) as info:
        read_long_facts(p)
    assert info.value.lines() == [
        f"{p}:3: unit: blank",
        f"{p}:4: value: not a number: 'abc'",
        f"{p}:5: measure: duplicate fact for (T01, m) (first at row 2)",
        f"{p}:6: row has 2 cells, the header has 3",
    ]


def test_missing_columns(tmp_path: Path) -> None:
    p = write(tmp_path, "f.csv", "unit,measure,amount\nT01,m,1\n")
    with pytest.raises(DataError, match=r"f.csv:1: header: missing column 'value'"):
        read_long_facts(p)


def test_wide_csv(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "w.csv",
        "单位编号,单位名称,attendance_rate,info_items\nT01,东镇,0.9,8\nT02,西镇,,x\nT01,东镇,1,1\n",
    )
    with pytest.raises(DataError) as info:
        read_facts(p)
    assert info.value.lines() == [
        f"{p}:3: info_items: not a number: 'x'",
        f"{p}:4: 单位编号: duplicate unit 'T01' (first at row 2)",
    ]
    ok = write(
        tmp_path, "ok.csv", "unit,name,attendance_rate,info_items\nT01,东镇,0.9,8\nT02,西镇,,5\n"
    )
    f = read_facts(ok)
    assert f.get("T01", "info_items") == 8
    assert not f.has("T02", "attendance_rate")
    assert f.missing(["T01", "T02"], ["attendance_rate"]) == [("T02", "attendance_rate")]


def test_to_csv_round_trip(tmp_path: Path) -> None:
    f = Facts.from_records([("T1", "a", "0.25"), ("T1", "b", None), ("T2", "a", 3)], year=2024)
    back = read_facts(write_facts(f, tmp_path / "out.csv"))
    assert back == f


def test_score_command(capsys: pytest.CaptureFixture[str]) -> None:

    tree, facts = str(sample_path()), str(sample_path(name="facts_2025.csv"))
    assert main(argv=["score", tree, facts, "--peer-kind", "乡镇,街道", "--explain", "T17"]) == 0
    out = capsys.readouterr().out
    assert "20 units ranked" in out
    assert "排末位" in out
    assert "口松镇 (T17)" in out
    assert "FAILED → 降为最低等次" in out
    assert main(argv=["score", tree, facts, "--within", "C000", "--dense"]) == 0
    assert main(argv=["score", tree, facts, "--explain", "NOPE"]) == 1
    assert "unit NOPE: not assessed" in capsys.readouterr().err


def test_score_command_bad_rubric(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    bad = write(tmp_path, "r.toml", 'name = "x"\ntotal = 10\ngrades = []\n')
    assert (
        main(
            argv=[
                "score",
                str(sample_path()),
                str(sample_path(name="facts_2025.csv")),
                "--rubric",
                str(bad),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "r.toml: $.indicators: required field missing" in err


def test_demo_section() -> None:

    out = io.StringIO()
    score_cmd.demo_section(sample_county(), out)
    text = out.getvalue()
    assert score_cmd.DEMO_ORDER == 50
    assert "rank 名次" in text
    assert text.count("points,") == 2
    assert "示例县 (C000): mean score of its 20 assessed units" in text


def test_facts_csv_exported_from_excel_in_gbk(tmp_path: Path) -> None:
    # the facts reader shares the unit table's CSV reading: GBK exports work the same way
    p = tmp_path / "facts_gbk.csv"
    p.write_bytes("单位编号,指标,数值\nT01,attendance_rate,0.8\n".encode("gbk"))
    facts = read_long_facts(p)
    assert facts.get("T01", "attendance_rate") == Decimal("0.8")
