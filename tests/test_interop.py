"""Python interop (issue 14, deliverable 5): ``to_pandas()`` with numeric columns, a tree from a
DataFrame, short one-line reprs and ``_repr_html_`` for Jupyter."""

from __future__ import annotations

import importlib
import math
import sys
from decimal import Decimal
from typing import Any

import pytest

from pmedu import frames
from pmedu.datasets import sample_county, sample_year
from pmedu.errors import DataError, MissingExtraError, TreeError
from pmedu.facts import Facts
from pmedu.io import read_tree
from pmedu.labels import UnitKind
from pmedu.results import YearResults
from pmedu.scoring.assess import demo_assessment

MAX_REPR = 120


@pytest.fixture(scope="module")
def year() -> YearResults:
    return sample_year()


def _objects(year: YearResults) -> dict[str, Any]:
    assert year.assessment is not None
    assert year.facts is not None
    return {
        "plan": year.plan,
        "assessment": year.assessment,
        "scorecard": year.assessment.scorecards[0],
        "facts": year.facts,
    }


@pytest.mark.parametrize("name", ["plan", "assessment", "scorecard", "facts"])
def test_repr_is_one_short_line(name: str, year: YearResults) -> None:
    obj = _objects(year)[name]
    text = repr(obj)
    assert "\n" not in text
    assert len(text) <= MAX_REPR, text
    assert text.startswith("<")
    assert text.endswith(">")


def test_repr_says_what_matters(year: YearResults) -> None:
    objs = _objects(year)
    a = repr(objs["assessment"])
    assert "2025" in a
    assert f"{len(objs['assessment'])} units" in a
    assert "优秀" in a
    assert "示例县" in repr(objs["plan"])
    assert f"{len(objs['facts']):,} facts" in repr(objs["facts"])
    card = objs["scorecard"]
    assert card.unit_id in repr(card)
    assert str(card.total) in repr(card)


def test_a_long_rubric_name_is_cut() -> None:
    import attrs

    a = demo_assessment([80, 90])
    long = attrs.evolve(a, rubric=attrs.evolve(a.rubric, name="很长的考核名称" * 30))
    assert len(repr(long)) <= MAX_REPR


@pytest.mark.parametrize("name", ["plan", "assessment", "scorecard", "facts"])
def test_repr_html_is_a_small_table(name: str, year: YearResults) -> None:
    obj = _objects(year)[name]
    page = obj._repr_html_()
    assert page.startswith("<table>")
    assert page.endswith("</table>")
    assert page.count("<tr>") <= frames.HTML_ROWS * 2 + 2
    assert "more rows" in page or name == "scorecard"


def test_repr_html_escapes() -> None:
    page = frames.records_html([{"<a>": "<script>"}], caption="&")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&amp;" in page


# --- pandas -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pd() -> Any:
    return pytest.importorskip("pandas")


def test_assessment_frame_is_numeric(pd: Any, year: YearResults) -> None:
    assert year.assessment is not None
    df = year.assessment.to_pandas()
    assert len(df) == len(year.assessment)
    for column in ("total", "bonus", "indicator_points", "rank"):
        assert df[column].dtype.kind == "f", column
    codes = [ln.code for ln in year.assessment.scorecards[0].lines]
    assert all(df[c].dtype.kind == "f" for c in codes)
    first = year.assessment.scorecards[0]
    assert df["total"].iloc[0] == float(first.total)
    # the API keeps its exact decimals
    assert isinstance(year.assessment.to_records()[0]["total"], Decimal)
    lines = year.assessment.to_pandas(lines=True)
    assert lines["points"].dtype.kind == "f"
    assert len(lines) == len(year.assessment.line_records())


def test_scorecard_frame(pd: Any, year: YearResults) -> None:
    assert year.assessment is not None
    card = year.assessment.scorecards[0]
    df = card.to_pandas()
    assert df["points"].dtype.kind == "f"
    assert len(df) == len(card.to_records())
    points = [float(r["points"]) if r["points"] is not None else None for r in card.to_records()]
    assert [None if math.isnan(p) else p for p in df["points"]] == points


def test_supply_frame(pd: Any, year: YearResults) -> None:
    df = year.plan.to_pandas()
    assert len(df) == len(year.plan)
    assert df["subscribed_sets"].dtype.kind == "f"  # NaN on township lines
    assert df["target_sets"].dtype.kind in "if"
    assert df.loc[0, "target_sets"] == year.plan.total.target_sets
    assert math.isnan(df[df["level"] == "township"]["subscribed_sets"].iloc[0])


def test_facts_frame_long_and_wide(pd: Any) -> None:
    facts = Facts.from_records([("A", "m", "0.5"), ("B", "m", None), ("A", "n", "3")])
    long = facts.to_pandas()
    assert list(long.columns) == ["unit", "measure", "value"]
    assert long["value"].dtype.kind == "f"
    assert math.isnan(long["value"].iloc[1])
    wide = facts.to_pandas(wide=True)
    assert list(wide.index) == ["A", "B"]
    assert list(wide.columns) == ["m", "n"]
    assert wide.loc["A", "n"] == 3.0
    assert facts.get("A", "m") == Decimal("0.5")


def test_empty_frames_have_their_columns(pd: Any) -> None:
    assert list(Facts({}).to_pandas().columns) == ["unit", "measure", "value"]
    assert list(frames.coverage_frame({}).columns) == ["unit_id", "covered", "total", "rate"]


def test_coverage_frame(pd: Any) -> None:
    tree = sample_county()
    cov = tree.coverage([UnitKind.VILLAGE, UnitKind.COMMUNITY])
    df = frames.coverage_frame(cov)
    assert len(df) == len(tree)
    assert df["rate"].dtype.kind == "f"
    root = df[df["unit_id"] == tree.root.id].iloc[0]
    rate = cov[tree.root.id].rate
    assert rate is not None
    assert math.isclose(root["rate"], rate)
    assert df["rate"].isna().any()  # units with nothing to cover


def test_plot_works(pd: Any, year: YearResults) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    assert year.assessment is not None
    ax = year.assessment.to_pandas().plot(x="unit_id", y="total", kind="bar")
    assert ax is not None
    year.plan.to_pandas().plot(x="unit_id", y=["target_sets", "held"])
    pyplot = importlib.import_module("matplotlib.pyplot")
    pyplot.close("all")


def test_tree_from_frame_is_a_csv_read(pd: Any) -> None:
    from pmedu.datasets import sample_path

    df = pd.read_csv(sample_path(), dtype=str, keep_default_na=True)
    tree = frames.tree_from_frame(df)
    assert tree == read_tree(sample_path())


def test_tree_from_frame_nan_is_empty(pd: Any) -> None:
    df = pd.DataFrame(
        {
            "id": ["C", "T", "V"],
            "parent_id": [None, "C", "T"],
            "name": ["某县", "东镇", "石桥村"],
            "kind": ["县", "镇", "村"],
            "members": [math.nan, 3.0, 12.0],  # NaN makes pandas keep counts as floats
        }
    )
    tree = frames.tree_from_frame(df)
    assert tree.root.id == "C"
    assert tree.unit("T").members == 3
    assert tree.unit("C").members == 0


def test_tree_from_frame_problems_name_the_row(pd: Any) -> None:
    df = pd.DataFrame(
        {
            "id": ["C", "T", "V"],
            "parent_id": [None, "C", "X"],
            "name": ["某县", "东镇", "石桥村"],
            "kind": ["县", "镇", "村"],
            "members": [1, -2, 3],
        }
    )
    with pytest.raises(DataError) as bad:
        frames.tree_from_frame(df)
    assert any(str(p).startswith("DataFrame:2: members") for p in bad.value.problems)
    df["members"] = [1, 2, 3]
    with pytest.raises(TreeError) as orphan:
        frames.tree_from_frame(df)
    assert str(orphan.value.problems[0]).startswith("DataFrame:3:")


def test_without_pandas_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(MissingExtraError, match=r"pmedu\[pandas\]"):
        demo_assessment([80]).to_pandas()
    with pytest.raises(MissingExtraError, match=r"pmedu\[pandas\]"):
        Facts({}).to_pandas()
