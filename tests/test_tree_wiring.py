"""The nation's path wired (issue 15): ``read_tree`` reads a good CSV column by column and a
bad one row by row, ``pmedu tree`` and ``pmedu supply`` pass their reporter to it, the tree
figures and the supply plan are made without a ``Unit`` per row, and one progress mechanism
serves the library and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings

from pmedu import cli
from pmedu.cli import progress as cli_progress
from pmedu.cli import supply_cmd, tree_cmd
from pmedu.datasets import synth
from pmedu.errors import DataError
from pmedu.io import csvfile, read_tree, save_tree, write_units_csv
from pmedu.model import Unit
from pmedu.network import OrgTree
from pmedu.network import tree as tree_module
from pmedu.pipeline import tree_figures
from pmedu.progress import Reporter
from pmedu.supply import plan_supply
from strategies import unit_lists_with_text

TREE = synth.tree("county", units=120, seed=5)


def _no_units(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building a Unit from the tree's columns, or reading a table row by row, fail."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a Unit was made")

    monkeypatch.setattr(tree_module, "unit_of", refuse)
    monkeypatch.setattr(csvfile, "units_from_rows", refuse)


def test_a_good_table_is_read_by_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_units_csv(TREE, tmp_path / "u.csv")
    _no_units(monkeypatch)
    tree = read_tree(path)
    assert len(tree) == len(TREE)
    monkeypatch.undo()
    assert tree == TREE


def test_figures_and_plan_make_no_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_units_csv(TREE, tmp_path / "u.csv")
    eager = read_tree(path)
    want_figures, want_plan = tree_figures(TREE), plan_supply(TREE).to_records()
    _no_units(monkeypatch)
    tree = read_tree(path)
    figures = tree_figures(tree)
    plan = plan_supply(tree).to_records()
    monkeypatch.undo()
    assert figures == want_figures == tree_figures(eager)
    assert plan == want_plan
    assert tree_figures(tree, with_station={"T01-V01"}) == tree_figures(
        TREE, with_station={"T01-V01"}
    )


def test_a_bad_table_is_read_again_for_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        "编号,上级编号,名称,类型\nC,,某县,县\nT,X,东镇,镇\nV,T,村,村,9\n", encoding="utf-8"
    )
    seen: list[str] = []
    with pytest.raises(DataError) as exc:
        read_tree(path, progress=seen.append)
    assert [p.row for p in exc.value.problems] == [3, 4]
    assert seen[0] == "reading and checking u.csv"
    assert seen[-2:] == [
        "reading u.csv again row by row, to report its problems",
        "checking the tree of 3 units",
    ]


def test_read_tree_tells_progress_each_step(tmp_path: Path) -> None:
    seen: list[str] = []
    read_tree(write_units_csv(TREE, tmp_path / "u.csv"), progress=seen.append)
    assert seen == ["reading and checking u.csv", f"building the tree of {len(TREE)} units"]
    seen.clear()
    read_tree(save_tree(TREE, tmp_path / "t.json"), progress=seen.append)
    assert seen == ["reading t.json"]


@pytest.mark.parametrize("command", ["tree", "supply"])
def test_the_commands_pass_their_reporter_to_read_tree(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    path = write_units_csv(TREE, tmp_path / "u.csv")
    err = io.StringIO()

    def loud(name: str, *, enabled: bool | None = None) -> Reporter:
        return Reporter(f"pmedu {name}", stream=err, enabled=True, threshold=0)

    module = tree_cmd if command == "tree" else supply_cmd
    monkeypatch.setattr(module, "reporter", loud)
    assert cli.main(argv=[command, str(path)]) == 0
    capsys.readouterr()
    shown = err.getvalue()
    assert f"pmedu {command}: reading and checking u.csv …" in shown
    assert f"pmedu {command}: building the tree of {len(TREE)} units …" in shown


def test_one_progress_mechanism() -> None:
    assert cli_progress.Reporter is Reporter
    assert isinstance(cli_progress.reporter("tree", enabled=False), Reporter)


def test_sum_by_kind_is_the_kind_table() -> None:
    tree = OrgTree.from_units(
        [
            Unit(id="C", name="某县", kind="县", members=2),
            Unit(id="T", name="东镇", kind="镇", parent_id="C", members=5),
            Unit(id="V", name="石桥村", kind="村", parent_id="T", members=7, has_station=True),
        ]
    )
    kinds = {k.kind.label: (k.units, k.members, k.with_station) for k in tree_figures(tree).kinds}
    assert kinds == {"县": (1, 2, 0), "乡镇": (1, 5, 0), "行政村": (1, 7, 1)}


def _naive(tree: OrgTree, value: str, agg: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for u in tree:
        got = [getattr(v, value) for v in tree.units(within=u.id)]
        given = [x for x in got if x is not None]
        if agg == "count":
            out[u.id] = len(given)
        else:
            out[u.id] = sum(given) if given else None
    return out


@given(unit_lists_with_text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_subtree_sums_on_slices_are_the_naive_sums(units: list[Unit]) -> None:
    tree = OrgTree.from_units(units)
    for value in ("members", "retired", "mobile", "has_station"):
        for agg in ("sum", "count"):
            assert tree.rollup(value, agg=agg).to_dict() == _naive(tree, value, agg)
    cov = tree.coverage(["村", "社区"])
    for u in tree:
        below = tree.units(kind=["村", "社区"], within=u.id)
        assert (cov[u.id].covered, cov[u.id].total) == (
            sum(v.has_station for v in below),
            len(below),
        )


def test_subtree_sums_of_a_chain_and_a_star() -> None:
    chain = [Unit(id="C", name="c", kind="县", members=1)]
    chain += [Unit(id="T", name="t", kind="镇", parent_id="C", members=2)]
    chain += [Unit(id="V", name="v", kind="村", parent_id="T", members=4)]
    assert dict(OrgTree.from_units(chain).rollup("members")) == {"C": 7, "T": 6, "V": 4}
    star = [Unit(id="T", name="t", kind="镇", members=1)] + [
        Unit(id=f"V{i}", name="v", kind="村", parent_id="T", members=i) for i in range(5)
    ]
    assert OrgTree.from_units(star).rollup("members")["T"] == 11
