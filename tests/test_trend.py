"""Years as a series (issue 18.2): the lineage table (撤并 / 拆分 / 更名), ``compute_trend`` and
``YearSeries``, ``pmedu trend``. A unit's history follows it through merges and renames; a rank
change is not significant when the total moved less than ``trend.min_points`` or the tied rank
ranges overlap (DOMAIN §7: units are ranked, ties handled explicitly)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from pmedu import OrgTree, Unit
from pmedu.cli import main
from pmedu.datasets import sample_path
from pmedu.errors import DataError, LineageError
from pmedu.facts import Facts
from pmedu.io.lineage import read_lineage, write_lineage
from pmedu.model.lineage import Change, Lineage, LineageEntry
from pmedu.pipeline import compare_years, compute_trend, compute_year, follow_lineage
from pmedu.report import render_year
from pmedu.results import TrendPolicy
from pmedu.scoring.assess import demo_assessment
from strategies import series_lengths, township_totals, townships

RUBRIC = demo_assessment([50]).rubric  # one indicator "A" on measure "m", 100 points


def _facts(year: int, **values: float) -> Facts:
    return Facts.from_records([(u, "m", v) for u, v in values.items()], year=year)


def _villages() -> OrgTree:
    return OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县"),
            Unit(id="T", name="东镇", kind="镇", parent_id="C"),
            Unit(id="V9", name="新村", kind="村", parent_id="T"),
            Unit(id="V3", name="河口村", kind="村", parent_id="T"),
        ]
    )


def test_a_merge_of_two_villages_sums_their_facts_into_the_new_id() -> None:
    lineage = Lineage(
        [
            LineageEntry("V1", "V9", "2025-01-01", "撤并"),
            LineageEntry("V2", "V9", "2025-01-01", "撤并"),
        ]
    )
    f24 = _facts(2024, V1=30, V2=40, V3=50)
    moved, warnings = follow_lineage(f24, lineage)
    assert moved.get("V9", "m") == Decimal(70)
    assert moved.units() == ["V9", "V3"]
    assert warnings == ()
    series = compute_trend(
        _villages(),
        [f24, _facts(2025, V9=80, V3=50)],
        rubric=RUBRIC,
        lineage=lineage,
        assess_kinds="村",
    )
    v9 = series.unit("V9")
    assert v9.totals() == [Decimal("70.00"), Decimal("80.00")]
    assert v9.former_ids == ("V1", "V2")
    assert series.warnings == ()


def test_merged_rates_are_averaged_and_days_late_the_latest() -> None:
    lineage = Lineage(
        [
            LineageEntry("V1", "V9", "2025-01-01", "merge"),
            LineageEntry("V2", "V9", "2025-01-01", "merge"),
        ]
    )
    f = Facts.from_records(
        [
            ("V1", "station_coverage_rate", "0.5"),
            ("V2", "station_coverage_rate", "1"),
            ("V1", "news_item_days_late", "-3"),
            ("V2", "news_item_days_late", "4"),
            ("V1", "film_supply_rate", None),
            ("V2", "film_supply_rate", None),
        ],
        year=2024,
    )
    moved, _ = follow_lineage(f, lineage)
    assert moved.get("V9", "station_coverage_rate") == Decimal("0.75")
    assert moved.get("V9", "news_item_days_late") == Decimal(4)
    assert moved.has("V9", "film_supply_rate")
    assert moved.get("V9", "film_supply_rate") is None


def test_a_rename_keeps_the_series() -> None:
    tree = townships(2)  # T1, T2
    lineage = Lineage([LineageEntry("T9", "T2", "2025-01-01", "更名")])
    series = compute_trend(
        tree,
        [_facts(2024, T1=60, T9=80), _facts(2025, T1=70, T2=90)],
        rubric=RUBRIC,
        lineage=lineage,
    )
    t2 = series.unit("T2")
    assert [p.rank for p in t2.points] == [1, 1]
    assert t2.totals() == [Decimal("80.00"), Decimal("90.00")]
    assert t2.former_ids == ("T9",)
    assert series.units[0].unit_id == "T2"


def test_a_chain_of_renames_is_followed() -> None:
    lineage = Lineage(
        [
            LineageEntry("A", "B", "2024-01-01", "rename"),
            LineageEntry("B", "T1", "2025-01-01", "rename"),
        ]
    )
    assert lineage.current_id("A") == "T1"
    years = [_facts(2023, A=50, T2=70), _facts(2024, B=60, T2=70), _facts(2025, T1=80, T2=70)]
    series = compute_trend(townships(2), years, rubric=RUBRIC, lineage=lineage)
    t1 = series.unit("T1")
    assert [p.rank for p in t1.points] == [2, 2, 1]
    assert t1.former_ids == ("A", "B")
    assert [s.significant for s in t1.steps] == [False, True]
    assert [m.code for m in t1.steps[-1].movers] == ["A"]
    assert t1.steps[-1].movers[0].delta == Decimal("20.00")


def test_a_split_unit_is_left_out_with_a_warning() -> None:
    lineage = Lineage(
        [
            LineageEntry("T0", "T1", "2025-01-01", "拆分"),
            LineageEntry("T0", "T2", "2025-01-01", "拆分"),
        ]
    )
    assert lineage.entries[0].change is Change.SPLIT
    assert lineage.current_id("T0") is None
    assert lineage.former_ids("T2") == ("T0",)
    series = compute_trend(
        townships(2),
        [_facts(2024, T0=50), _facts(2025, T1=60, T2=70)],
        rubric=RUBRIC,
        lineage=lineage,
    )
    assert [str(w) for w in series.warnings] == [
        "unit T0: split (拆分) in the lineage: its 2024 facts are left out"
    ]
    assert not series.unit("T1").points[0].assessed


def test_facts_of_units_outside_the_tree_are_a_warning() -> None:
    series = compute_trend(
        townships(1), [_facts(2024, T1=5, X=6), _facts(2025, T1=5)], rubric=RUBRIC
    )
    assert [w.unit for w in series.warnings] == ["X"]


def test_a_rank_change_within_tied_ranks_is_not_significant() -> None:
    # 2024: T1 and T2 tied at 1–2; 2025: T1 alone at 1, T2 at 2 by 5 points
    series = compute_trend(
        townships(3),
        [_facts(2024, T1=80, T2=80, T3=50), _facts(2025, T1=90, T2=85, T3=50)],
        rubric=RUBRIC,
    )
    t1, t2 = series.unit("T1"), series.unit("T2")
    assert (t2.points[0].rank, t2.points[0].rank_low, t2.points[1].rank) == (1, 2, 2)
    assert t2.steps[0].rank_delta == -1
    assert not t2.steps[0].significant  # 1–2 then 2: the ranges overlap
    assert not t1.steps[0].significant  # 1–2 then 1
    moved = compute_trend(
        townships(3),
        [_facts(2024, T1=80, T2=70, T3=50), _facts(2025, T1=80.5, T2=80, T3=50)],
        rubric=RUBRIC,
    )
    # the same places, whatever the totals did: no rank change, nothing significant
    assert [moved.unit(u).steps[0].rank_delta for u in ("T1", "T2")] == [0, 0]
    assert not any(u.steps[0].significant for u in moved.units)


def test_min_points_is_a_policy_parameter() -> None:
    years = [_facts(2024, T1=80, T2=70), _facts(2025, T1=70, T2=80)]
    assert any(
        s.significant
        for u in compute_trend(townships(2), years, rubric=RUBRIC).units
        for s in u.steps
    )
    strict = compute_trend(townships(2), years, rubric=RUBRIC, policy=TrendPolicy(min_points=20))
    assert not any(s.significant for u in strict.units for s in u.steps)
    assert TrendPolicy.from_document({"trend": {"min_points": "20"}}) == TrendPolicy(min_points=20)


# A series of identical years has no significant change (and no total moved).
@settings(max_examples=40, deadline=None)
@given(township_totals, series_lengths)
def test_identical_years_have_no_significant_change(totals: list[int], n: int) -> None:
    tree = townships(len(totals))
    data = {f"T{i + 1}": t for i, t in enumerate(totals)}
    years = [_facts(2020 + k, **data) for k in range(n)]
    series = compute_trend(tree, years, rubric=RUBRIC)
    assert series.years == tuple(range(2020, 2020 + n))
    for u in series.units:
        assert len({p.rank for p in u.points}) == 1
        assert all(not s.significant and s.total_delta == 0 for s in u.steps)
        assert all(s.movers == () for s in u.steps)


# A significant rank change moved the total by at least min_points, between disjoint tie ranges.
@settings(max_examples=40, deadline=None)
@given(township_totals, township_totals)
def test_a_significant_change_moved_enough_between_disjoint_ranks(
    a: list[int], b: list[int]
) -> None:
    n = min(len(a), len(b))
    tree = townships(n)
    years = [
        _facts(2024, **{f"T{i + 1}": a[i] for i in range(n)}),
        _facts(2025, **{f"T{i + 1}": b[i] for i in range(n)}),
    ]
    for u in compute_trend(tree, years, rubric=RUBRIC).units:
        (step,) = u.steps
        p, q = u.points[1], u.points[0]
        if step.significant:
            assert step.total_delta is not None
            assert abs(step.total_delta) >= Decimal(1)
            assert None not in (p.rank, p.rank_low, q.rank, q.rank_low)
            assert (p.rank_low or 0) < (q.rank or 0) or (q.rank_low or 0) < (p.rank or 0)


def test_two_years_agree_with_compare_years() -> None:
    tree = townships(3)
    f24, f25 = _facts(2024, T1=80, T2=70, T3=60), _facts(2025, T1=60, T2=70, T3=80)
    series = compute_trend(tree, [f25, f24], rubric=RUBRIC)  # any order
    cmp = compare_years(
        compute_year(tree, facts=f25, rubric=RUBRIC, year=2025),
        compute_year(tree, facts=f24, rubric=RUBRIC, year=2024),
    )
    for change in cmp.units:
        u = series.unit(change.unit_id)
        assert (u.points[0].total, u.points[1].total) == (
            change.previous_total,
            change.current_total,
        )
        assert u.steps[0].rank_delta == change.rank_delta


def test_two_facts_files_for_one_year_are_an_error() -> None:
    with pytest.raises(DataError, match="two facts files for 2024"):
        compute_trend(townships(1), [_facts(2024, T1=1), _facts(2024, T1=2)], rubric=RUBRIC)


# --- the lineage table ------------------------------------------------------------------------


def test_a_lineage_cycle_is_an_error_naming_the_units() -> None:
    with pytest.raises(LineageError, match="A → B → A"):
        Lineage(
            [
                LineageEntry("A", "B", "2024-01-01", "更名"),
                LineageEntry("B", "A", "2025-01-01", "更名"),
            ]
        )


def test_an_id_renamed_twice_is_an_error() -> None:
    with pytest.raises(LineageError, match="already became B"):
        Lineage(
            [
                LineageEntry("A", "B", "2024-01-01", "更名"),
                LineageEntry("A", "C", "2025-01-01", "撤并"),
            ]
        )


def test_a_chain_running_backwards_in_time_is_an_error() -> None:
    with pytest.raises(
        LineageError, match="B changed on 2024-01-01 but only came to be on 2025-01-01"
    ):
        Lineage(
            [
                LineageEntry("A", "B", "2025-01-01", "更名"),
                LineageEntry("B", "C", "2024-01-01", "更名"),
            ]
        )


def test_lineage_csv_round_trip_and_row_numbers(tmp_path: Path) -> None:
    lin = Lineage([LineageEntry("T21", "T08", "2024-01-01", "更名", note="乡改名")])
    assert read_lineage(write_lineage(lin, tmp_path / "l.csv")) == lin
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "原编号,新编号,生效日期,变更类型\nA,B,2024-01-01,撤并\nC,D,明天,撤并\nE,,2024-01-01,更名\n",
        encoding="gbk",
    )
    with pytest.raises(LineageError) as info:
        read_lineage(bad)
    assert [(p.row, p.field) for p in info.value.problems] == [(3, "effective"), (4, "new_id")]
    with pytest.raises(LineageError, match="missing column 变更类型"):
        Lineage.from_rows(["原编号", "新编号", "生效日期"], [], source="x.csv")


def test_lineage_xlsx(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    pytest.importorskip("openpyxl")
    from pmedu.io.xlsx import write_tables
    from pmedu.tables import Column, Table

    t = Table(
        columns=[Column(h) for h in ("原编号", "新编号", "生效日期", "变更类型")],
        rows=[("T15A", "T15", "2025-01-01", "撤并"), ("T15B", "T15", "2025-01-01", "撤并")],
    )
    path = write_tables(tmp_path / "l.xlsx", {"沿革": t})
    assert read_lineage(path).former_ids("T15") == ("T15A", "T15B")


def test_the_bundled_lineage_has_a_merge_and_a_rename() -> None:
    lin = read_lineage(sample_path(name="lineage.csv"))
    assert sorted(e.change.value for e in lin.entries) == ["merge", "merge", "rename"]


# --- pmedu trend -------------------------------------------------------------------------------


def _sample_args() -> list[str]:
    return [
        "trend",
        str(sample_path()),
        *(str(sample_path(name=f"facts_{y}.csv")) for y in (2023, 2024, 2025)),
        "--lineage",
        str(sample_path(name="lineage.csv")),
    ]


def test_trend_runs_on_the_bundled_years(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=[*_sample_args(), "--unit", "T08"]) == 0
    out = capsys.readouterr().out
    assert "2023–2025, 20 units assessed; lineage: 3 changes" in out
    assert "东庄乡 (T08), formerly T21" in out or "(T08), formerly T21" in out


def test_trend_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("jinja2")
    page = tmp_path / "trend.html"
    assert main(argv=[*_sample_args(), "--format", "json", "--html", str(page), "--no-chart"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = [r for r in doc["tables"]["trend"] if r["unit_id"] == "T15"]
    assert [r["year"] for r in rows] == [2023, 2024, 2025]
    assert all(r["total"] is not None for r in rows)
    assert "历年趋势" in page.read_text(encoding="utf-8")


def test_trend_charts_are_small_multiples(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("jinja2")
    page = tmp_path / "trend.html"
    assert main(argv=[*_sample_args(), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 1
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_trend_unknown_unit_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=[*_sample_args(), "--unit", "NOPE"]) == 1
    assert "unit NOPE: not assessed" in capsys.readouterr().err


def test_trend_takes_the_year_from_the_file_name(tmp_path: Path) -> None:
    tree = sample_path()
    for y in (2024, 2025):
        text = sample_path(name="facts_2025.csv").read_text(encoding="utf-8").splitlines()
        (tmp_path / f"facts_{y}.csv").write_text(
            "\n".join(",".join(line.split(",")[:3]) for line in text) + "\n", encoding="utf-8"
        )
    argv = ["trend", str(tree), str(tmp_path / "facts_2024.csv"), str(tmp_path / "facts_2025.csv")]
    assert main(argv=argv) == 0


def test_the_year_report_takes_the_trend_section() -> None:
    pytest.importorskip("jinja2")
    tree = townships(2)
    series = compute_trend(
        tree, [_facts(2024, T1=1, T2=2), _facts(2025, T1=2, T2=1)], rubric=RUBRIC
    )
    results = compute_year(tree, facts=_facts(2025, T1=2, T2=1), rubric=RUBRIC, year=2025)
    keys = [s.key for s in render_year(results, chart=False, trend=series).sections]
    assert keys.index("trend") == keys.index("assessment") + 1
    assert "trend" not in [s.key for s in render_year(results, chart=False).sections]


def test_a_former_id_finds_the_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv=[*_sample_args(), "--unit", "T21"]) == 0
    assert "(T08), formerly T21" in capsys.readouterr().out


def test_the_series_gives_the_two_year_comparison() -> None:
    tree = townships(3)
    f24, f25 = _facts(2024, T1=80, T2=70, T3=60), _facts(2025, T1=60, T2=70, T3=80)
    series = compute_trend(tree, [f24, f25], rubric=RUBRIC)
    cmp = compare_years(
        compute_year(tree, facts=f25, rubric=RUBRIC, year=2025),
        compute_year(tree, facts=f24, rubric=RUBRIC, year=2024),
    )
    assert sorted(series.comparison(2025).units, key=lambda c: c.unit_id) == sorted(
        cmp.units, key=lambda c: c.unit_id
    )
    with pytest.raises(ValueError, match="first year"):
        series.comparison(2024)
