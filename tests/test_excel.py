"""Excel in and out: the workbook opens with openpyxl and holds the expected sheets and
headers; unit tables, holdings and facts read from .xlsx give what the CSV readers give."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pmedu.errors import DataError, MissingExtraError
from pmedu.facts import Facts
from pmedu.io import read_tree, write_units_csv
from pmedu.pipeline import station_gaps
from pmedu.report import MESSAGES
from pmedu.stations import Station
from pmedu.supply import plan_supply
from pmedu.tables import Column, Table

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (pmedu[excel]) absent")

from pmedu.io import xlsx  # noqa: E402
from strategies import first, seed_county  # noqa: E402


def headers(ws: Worksheet) -> list[object]:
    return [c.value for c in next(ws.iter_rows(max_row=1))]


def test_workbook_sheets_and_chinese_headers(tmp_path: Path) -> None:
    tree = seed_county(town_members=5, has_station=first)
    plan = plan_supply(tree, holdings={"T1": 2})
    gaps = station_gaps(tree, [Station(id="S1", unit_id="T1-V0", features=["电视机"])])
    out = xlsx.write_workbook(tmp_path / "year.xlsx", tree, plan=plan, gap_list=gaps)
    wb = openpyxl.load_workbook(out)
    zh = MESSAGES["zh"]
    assert wb.sheetnames == [zh["sheet.coverage"], zh["sheet.supply"], zh["sheet.gaps"]]
    supply = wb[zh["sheet.supply"]]
    assert headers(supply) == [
        "单位",
        "编号",
        "层级",
        "行政村数",
        "目标套数",
        "征订通用教材套数",
        "补充教材套数",
        "现有套数",
        "缺口",
        "《党员电化教育》订数",
    ]
    county_row = [c.value for c in next(supply.iter_rows(min_row=2, max_row=2))]
    assert county_row[:9] == ["某县", "C", "县（市、区）", 22, 9, 5, 4, 2, 7]
    gap_rows = list(wb[zh["sheet.gaps"]].iter_rows(min_row=2, values_only=True))
    assert gap_rows[0][:4] == ("S1", "T10村", "某县/T1镇", "两机一室")
    cov = wb[zh["sheet.coverage"]]
    assert headers(cov) == ["单位", "编号", "已建点", "总数", "建点率"]
    assert cov["E2"].number_format == "0.0%"
    assert cov["E2"].value == pytest.approx(1 / 7)


def test_english_headers(tmp_path: Path) -> None:
    tree = seed_county(town_members=5, has_station=first)
    out = xlsx.write_workbook(tmp_path / "y.xlsx", tree, plan=plan_supply(tree), lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Coverage", "Supply plan"]
    assert headers(wb["Supply plan"])[:5] == ["Unit", "ID", "Level", "Villages", "Target sets"]


def test_assessment_sheets(tmp_path: Path) -> None:
    scoring = pytest.importorskip("pmedu.scoring")
    tree = seed_county(town_members=5, has_station=first)
    facts = Facts.from_records(
        [(t, "info_items", n) for t, n in [("T1", 8), ("T2", 3), ("T3", 8), ("T4", 0)]]
    )
    assessment = scoring.assess(tree, facts, scoring.preset_rubric())
    out = xlsx.write_workbook(tmp_path / "a.xlsx", tree, assessment=assessment, coverage=False)
    wb = openpyxl.load_workbook(out)
    zh = MESSAGES["zh"]
    assert wb.sheetnames == [zh["sheet.ranking"], zh["sheet.lines"]]
    assert headers(wb[zh["sheet.ranking"]]) == [
        "名次",
        "单位",
        "编号",
        "总分",
        "等次",
        "并列",
        "一票否决",
    ]
    ranks = [r[0] for r in wb[zh["sheet.ranking"]].iter_rows(min_row=2, values_only=True)]
    assert ranks == sorted(ranks)
    assert len(ranks) == 4
    lines = wb[zh["sheet.lines"]]
    assert headers(lines)[:5] == ["单位", "编号", "类别", "代码", "考核指标"]
    per_unit = len(assessment.scorecard("T1").lines) + len(assessment.scorecard("T1").bonus_lines)
    per_unit += len(assessment.scorecard("T1").vetoes)
    assert lines.max_row == 1 + 4 * per_unit


def test_units_from_xlsx_equal_units_from_csv(tmp_path: Path) -> None:

    tree = seed_county(town_members=5, has_station=first)
    csv_path = write_units_csv(tree, tmp_path / "u.csv")

    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    table = Table(columns=[Column(h) for h in rows[0]], rows=[tuple(r) for r in rows[1:]])
    xlsx_path = xlsx.write_tables(tmp_path / "u.xlsx", {"单位": table})
    assert read_tree(xlsx_path) == tree == read_tree(csv_path)


def test_bad_cells_name_workbook_row_and_column(tmp_path: Path) -> None:
    table = Table(
        columns=[Column(h) for h in ("编号", "上级编号", "名称", "类型", "党员数")],
        rows=[
            ("C", None, "某县", "县", 1),
            (None, None, None, None, None),  # a blank row keeps the numbering
            ("T", "C", "东镇", "镇村", -3),
        ],
    )
    path = xlsx.write_tables(tmp_path / "bad.xlsx", {"units": table})
    with pytest.raises(DataError) as info:
        xlsx.read_units(path)
    lines = info.value.lines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:4: kind: unknown unit kind '镇村'")
    assert lines[1] == f"{path}:4: members: must be a whole number ≥ 0, got '-3'"


def test_named_sheet_and_unknown_sheet(tmp_path: Path) -> None:
    t = Table(columns=[Column("编号"), Column("套数", "int")], rows=[("T1", 3), ("T1", 1)])
    path = xlsx.write_tables(tmp_path / "h.xlsx", {"封面": Table((Column("x"),), ()), "片库": t})
    with pytest.raises(DataError) as info:
        xlsx.read_holdings(path, sheet="片库")
    assert info.value.lines() == [
        f"{path}:片库!3: 编号: unit 'T1' is listed twice (first on row 2)"
    ]
    with pytest.raises(DataError, match="no sheet named '库'; sheets: 封面, 片库"):
        xlsx.read_sheet(path, sheet="库")


def test_facts_long_and_wide(tmp_path: Path) -> None:
    long = Table(
        columns=[Column("单位编号"), Column("指标"), Column("数值", "num")],
        rows=[("T1", "info_items", 8), ("T1", "attendance_rate", 0.85), ("T2", "info_items", 6)],
    )
    wide = Table(
        columns=[Column("单位编号"), Column("info_items", "int"), Column("attendance_rate", "pct")],
        rows=[("T1", 8, 0.85), ("T2", 6, None)],
    )
    p = xlsx.write_tables(tmp_path / "f.xlsx", {"long": long, "wide": wide})
    a, b = xlsx.read_facts(p, sheet="long"), xlsx.read_facts(p, sheet="wide")
    assert a.data == b.data
    assert a.get("T1", "attendance_rate") == Decimal("0.85")
    assert not b.has("T2", "attendance_rate")


def test_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    p.write_text("hello", encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.xlsx: not a readable \.xlsx workbook"):
        xlsx.read_sheet(p)


def test_missing_openpyxl_gives_the_pip_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r'pip install "pmedu\[excel\]"'):
        xlsx.write_workbook(tmp_path / "x.xlsx", seed_county())
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # reading is calamine's job
    with pytest.raises(MissingExtraError, match=r'pip install "pmedu\[excel\]"'):
        xlsx.read_units(tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_sheet_names_are_made_valid(tmp_path: Path) -> None:
    t = Table((Column("a"),), (("x",),))
    p = xlsx.write_tables(tmp_path / "s.xlsx", {"a/b": t, "a:b": t, "x" * 40: t})
    assert openpyxl.load_workbook(p).sheetnames == ["a_b", "a_b (2)", "x" * 31]
