"""Data in and out: CSV unit tables (encodings, headers, every bad cell with its row) and
JSON tree documents (exact round trips), DOMAIN.md §9, §10."""

from __future__ import annotations

import codecs
import json
import tempfile
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu import OrgTree, Unit, UnitKind
from pmedu.datasets import _make_sample, data_files, sample_county, sample_path, synth
from pmedu.errors import DataError, DuplicateUnitError, MissingParentError, PmeduWarning, TreeError
from pmedu.io import (
    load_tree,
    read_tree,
    read_units_csv,
    save_tree,
    units_from_rows,
    write_units_csv,
)
from pmedu.network import HierarchyRules
from strategies import trees, unit_lists_with_text

HEAD_ZH = "编号,上级编号,名称,类型,党员数,组织类型,流动党员,离退休党员,组织关系未转入,有播放网点"
GOOD_ZH = (
    HEAD_ZH
    + "\nC000,,示例县,县,0,党委,,,,是\nT01,C000,东镇,乡镇,20,党委,,,,是\n"
    + "T01-V01,T01,石桥村,行政村,35,党支部,4,,,是\nT01-C01,T01,城东社区,社区,60,党总支,,12,3,否\n"
    + "T01-N01,T01,东方食品有限公司,非公有制企业,8,党支部,,,,无\n"
)


def write(tmp: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp / name
    p.write_bytes(text.encode(encoding))
    return p


def lines(exc: pytest.ExceptionInfo[DataError] | pytest.ExceptionInfo[TreeError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# ---- round trips -------------------------------------------------------------------------


@given(
    unit_lists_with_text(),
    st.sampled_from(["zh", "en"]),
    st.sampled_from(["utf-8-sig", "utf-8", "gbk"]),
)
def test_csv_round_trip_is_exact(
    units: list[Unit], lang: Literal["zh", "en"], encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = write_units_csv(units, Path(d) / "u.csv", lang=lang, encoding=encoding)
        assert read_units_csv(path) == units
        assert read_units_csv(path, encoding=encoding) == units


@given(trees())
def test_json_round_trip_is_exact(tree: OrgTree) -> None:
    with tempfile.TemporaryDirectory() as d:
        loaded = load_tree(save_tree(tree, Path(d) / "t.json"))
        assert loaded == tree
        assert list(loaded) == list(tree)
        assert loaded.rules == tree.rules


def test_json_rules_can_be_overridden(tmp_path: Path) -> None:
    tree = synth.tree("county", units=40, seed=3)
    path = save_tree(tree, tmp_path / "t.json")
    assert read_tree(path) == tree
    with pytest.raises(TreeError, match=r"t\.json: unit"):
        read_tree(path, rules=HierarchyRules(name="none", allowed={}))


def test_json_keeps_custom_rules() -> None:
    rules = HierarchyRules(name="mine", allowed={"县": ["村"]}, description="村直属县")
    tree = OrgTree.from_units(
        [Unit(id="C", name="某县", kind="县"), Unit(id="V", name="村", kind="村", parent_id="C")],
        rules=rules,
    )
    with tempfile.TemporaryDirectory() as d:
        loaded = load_tree(save_tree(tree, Path(d) / "t.json"))
        assert loaded.rules == rules
        assert loaded == tree


def test_csv_round_trip_of_the_sample_tree(tmp_path: Path) -> None:
    tree = sample_county()
    for lang in ("zh", "en"):
        path = write_units_csv(tree, tmp_path / f"s-{lang}.csv", lang=lang)
        assert read_tree(path) == tree


# ---- encodings and headers ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encoding_is_detected(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "u.csv", GOOD_ZH, encoding)
    units = read_units_csv(path)
    assert [u.id for u in units] == ["C000", "T01", "T01-V01", "T01-C01", "T01-N01"]
    assert units[4].kind is UnitKind.NON_PUBLIC_ENTERPRISE
    assert units[3].retired == 12
    assert units[3].not_transferred == 3
    assert units[2].mobile == 4
    assert [u.has_station for u in units] == [True, True, True, False, False]


def test_bom_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + GOOD_ZH.encode())
    assert read_units_csv(path, encoding="utf-8")[0].id == "C000"
    assert read_units_csv(path)[0].id == "C000"


def test_wrong_encoding_given_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "u.csv", GOOD_ZH, "gbk")
    with pytest.raises(DataError, match="not valid utf-8"):
        read_units_csv(path, encoding="utf-8")
    with pytest.raises(DataError, match="unknown encoding"):
        read_units_csv(path, encoding="klingon")


def test_english_headers_ignore_case_spaces_and_separators(tmp_path: Path) -> None:
    text = " ID , Parent-ID ,NAME,Kind , Members,Has Station\nC,,某县,county,0,no\n"
    text += "T,C,东镇,TOWNSHIP,5,Yes\n"
    units = read_units_csv(write(tmp_path, "en.csv", text))
    assert [(u.id, u.parent_id, u.kind, u.members, u.has_station) for u in units] == [
        ("C", None, UnitKind.COUNTY, 0, False),
        ("T", "C", UnitKind.TOWNSHIP, 5, True),
    ]


def test_header_aliases_and_official_vocabulary(tmp_path: Path) -> None:
    text = "单位编号,上级代码,单位名称,单位类型,党员人数\nX,,某旗,旗,0\nS,X,某苏木,苏木,3\n"
    text += "G,S,某嘎查,嘎查,9\nJ,S,某居委会,居民委员会,4\n"
    units = read_units_csv(write(tmp_path, "alias.csv", text))
    assert [u.kind for u in units] == [
        UnitKind.COUNTY,
        UnitKind.TOWNSHIP,
        UnitKind.VILLAGE,
        UnitKind.COMMUNITY,
    ]


def test_blank_lines_and_trailing_spaces(tmp_path: Path) -> None:
    text = "编号 ,上级编号,名称,类型,党员数\n\nC ,,某县 ,县,0\n , , , ,\n\nT1,C ,东镇  ,镇 , 7 \n\n"
    path = write(tmp_path, "blank.csv", text)
    units = read_units_csv(path)
    assert [(u.id, u.parent_id, u.name, u.members) for u in units] == [
        ("C", None, "某县", 0),
        ("T1", "C", "东镇", 7),
    ]
    # row numbers still count the blank lines: the bad cell is on spreadsheet row 6
    bad = write(tmp_path, "blank2.csv", text.replace(" 7 ", "七"))
    with pytest.raises(DataError) as info:
        read_units_csv(bad)
    assert lines(info) == [f"{bad}:6: members: must be a whole number ≥ 0, got '七'"]


def test_every_bad_cell_is_reported_with_its_row(tmp_path: Path) -> None:
    text = (
        "编号,上级编号,名称,类型,党员数,组织类型,流动党员,离退休党员,有播放网点\n"
        "C,,某县,县,0,党委,,,是\n"
        ",C,无编号镇,镇,3,,,,\n"
        "T2,C,,乡,x,党小组,,,也许\n"
        "V1,T2,石桥村,村庄,10,,-1,2.5,\n"
        "V2,T2,河口村,村,10,,,11,\n"
        "V3,T2,山村,村,12.0,,,,1\n"
    )
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(DataError) as info:
        read_units_csv(path)
    got = lines(info)
    f = str(path)
    assert got[0] == f"{f}:3: id: must not be empty"
    assert f"{f}:4: name: must not be empty" in got
    assert f"{f}:4: members: must be a whole number ≥ 0, got 'x'" in got
    assert any(
        g.startswith(f"{f}:4: org_type: unknown party organisation type '党小组'") for g in got
    )
    assert any(g.startswith(f"{f}:4: has_station: expected 是/否") for g in got)
    assert any(g.startswith(f"{f}:5: kind: unknown unit kind '村庄'; accepted: ") for g in got)
    assert f"{f}:5: mobile: must be a whole number ≥ 0, got '-1'" in got
    assert f"{f}:5: retired: must be a whole number ≥ 0, got '2.5'" in got
    assert f"{f}:6: retired: 'retired' (11) must not exceed 'members' (10)" in got
    assert len(got) == 9  # row 7 is fine: 12.0 is a whole number, 1 means yes


def test_unknown_missing_and_repeated_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "cols.csv", "编号,名称,类型,备注,name\nC,某县,县,首府,x\n")
    with pytest.raises(DataError) as info:
        read_units_csv(path, extra_columns="error")
    got = lines(info)
    assert any(g.startswith(f"{path}:1: 备注: unknown column") for g in got)
    assert any(g.startswith(f"{path}:1: name: column for 'name' (名称) given twice") for g in got)
    assert f"{path}:1: parent_id: missing column 上级编号 (parent_id)" in got


def test_unknown_columns_may_be_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "extra.csv", "序号,编号,上级编号,名称,类型,备注\n1,C,,某县,县,首府\n")
    # issue 12: a column no reader knows is a warning naming it by default, an error when strict
    with pytest.warns(PmeduWarning) as caught:
        assert read_units_csv(path)[0].name == "某县"
    # issue 13: a running-number column (序号) is ignored, never an unknown column
    assert sorted(str(w.message).split(": ")[1] for w in caught) == ["备注"]
    with pytest.raises(DataError, match="备注: unknown column"):
        read_units_csv(path, extra_columns="error")
    with pytest.raises(DataError, match="备注: unknown column"):
        read_tree(path, strict=True)
    assert read_units_csv(path, extra_columns="ignore")[0].name == "某县"


def test_rows_with_more_cells_than_headers(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.csv", "编号,上级编号,名称,类型\nC,,某县,县,多余\nT,C,东镇,镇,,\n")
    with pytest.raises(DataError) as info:
        read_units_csv(path)
    assert lines(info) == [f"{path}:2: 5 cells but the header has 4 columns"]


def test_empty_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no header row"):
        read_units_csv(write(tmp_path, "empty.csv", ""))
    with pytest.raises(DataError, match="cannot read file"):
        read_units_csv(tmp_path / "absent.csv")
    with pytest.raises(DataError, match="unknown file type"):
        read_tree(write(tmp_path, "u.txt", GOOD_ZH))


def test_units_from_rows_numbers_rows_and_reports_row_numbers() -> None:
    rows = [
        {"id": "C", "parent_id": "", "name": "某县", "kind": "县"},
        {"id": "", "parent_id": "", "name": "", "kind": ""},
        {"id": "T", "parent_id": "C", "name": "东镇", "kind": "镇"},
    ]
    where: list[int] = []
    units = units_from_rows(rows, "sheet", first_row=5, row_numbers=where)
    assert [u.id for u in units] == ["C", "T"]
    assert where == [5, 7]
    with pytest.raises(DataError, match="sheet:7: kind: must not be empty"):
        units_from_rows([*rows[:2], {**rows[2], "kind": ""}], "sheet", first_row=5)


# ---- tree problems name rows -------------------------------------------------------------


def test_tree_problems_from_a_table_name_the_row(tmp_path: Path) -> None:
    text = HEAD_ZH + "\nC,,某县,县,0,,,,,\nT,C,东镇,镇,1,,,,,\nV,T9,石桥村,村,1,,,,,\n"
    path = write(tmp_path, "dangling.csv", text)
    with pytest.raises(MissingParentError) as info:
        read_tree(path)
    assert lines(info) == [f"{path}:4: unit V: parent_id: parent 'T9' does not exist"]


def test_duplicate_id_names_the_repeated_row(tmp_path: Path) -> None:
    text = HEAD_ZH + "\nC,,某县,县,0,,,,,\nT,C,东镇,镇,1,,,,,\nT,C,西镇,镇,1,,,,,\n"
    path = write(tmp_path, "dup.csv", text)
    with pytest.raises(DuplicateUnitError) as info:
        read_tree(path)
    assert lines(info)[0].startswith(f"{path}:4: unit T: id: duplicate id")


def test_rules_can_be_chosen_for_a_table(tmp_path: Path) -> None:
    text = HEAD_ZH + "\nC,,某市,市,0,,,,,\nT,C,东镇,镇,1,,,,,\n"
    path = write(tmp_path, "city.csv", text)
    assert len(read_tree(path)) == 2
    with pytest.raises(TreeError, match=r"city\.csv:3: unit T: kind"):
        read_tree(path, rules="strict")


# ---- JSON documents ----------------------------------------------------------------------


def test_json_document_problems_are_reported(tmp_path: Path) -> None:
    tree = synth.tree("county", units=10, seed=1)
    path = save_tree(tree, tmp_path / "t.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["units"][3]["kind"] = "镇村"
    doc["units"][4]["members"] = "3"
    doc["units"][5]["colour"] = "red"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_tree(bad)
    got = "\n".join(lines(info))
    assert "$.units[3].kind: unknown unit kind '镇村'" in got
    assert "$.units[4].members: expected an integer, got '3'" in got
    assert "$.units[5]: unknown field(s): colour" in got

    changes: list[tuple[dict[str, object], str]] = [
        ({"format": "other"}, "not a pmedu tree document"),
        ({"version": 2}, "written by a newer pmedu"),
    ]
    for change, message in changes:
        p = tmp_path / "v.json"
        p.write_text(json.dumps({**json.loads(path.read_text("utf-8")), **change}), "utf-8")
        with pytest.raises(DataError, match=message):
            load_tree(p)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        load_tree(broken)


def test_json_tree_problems_name_the_file(tmp_path: Path) -> None:
    tree = synth.tree("county", units=10, seed=1)
    doc = json.loads(save_tree(tree, tmp_path / "t.json").read_text(encoding="utf-8"))
    doc["units"][2]["parent_id"] = "NOPE"
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(MissingParentError, match=r"dangling\.json: unit"):
        read_tree(path)


# ---- atomic writes -----------------------------------------------------------------------


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = write(tmp_path, "keep.csv", "old")
    units = [
        Unit(id="C", name="某县", kind="县"),
        Unit(id="V", name="𠀀村", kind="村", parent_id="C"),
    ]
    with pytest.raises(DataError, match="cannot be written in gbk"):
        write_units_csv(units, path, encoding="gbk")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]


# ---- the bundled sample ------------------------------------------------------------------


def test_sample_file_is_what_the_generator_makes(tmp_path: Path) -> None:
    made = _make_sample.make(tmp_path)
    assert made.read_bytes() == sample_path().read_bytes()


def test_sample_county_shape() -> None:
    tree = sample_county()
    counts = tree.count_by_kind()
    assert tree.root.id == "C000"
    assert counts[UnitKind.TOWNSHIP] + counts[UnitKind.STREET] == 20
    assert 3 <= counts[UnitKind.STREET] <= 4
    assert counts[UnitKind.VILLAGE] == 300
    assert counts[UnitKind.COMMUNITY] == 30
    for kind in ("企业", "非公有制企业", "社会组织", "机关"):
        assert tree.units(kind=kind)
    villages = tree.units(kind="村")
    with_station = sum(v.has_station for v in villages)
    assert 0 < with_station < len(villages)
    assert any(u.retired is not None for u in tree)
    assert all(u.id.startswith("C000-A") for u in tree.units(kind="机关"))
    assert "sample_county.csv" in data_files()


def test_bad_cells_and_tree_problems_are_reported_together(tmp_path: Path) -> None:
    # one pass over a broken GBK export names every problem: the cells and the tree
    p = tmp_path / "bad.csv"
    p.write_bytes(
        (
            "编号,上级编号,名称,类型,党员数\n"
            "C,,某县,县,10\n"
            "T1,C,东镇,镇,x\n"  # bad cell: the row is left out ...
            "T1,C,西镇,乡镇,3\n"  # ... and its id is still a duplicate
            "V1,T9,石桥村,村,5\n"  # missing parent
            "V2,C,河口村,村,4\n"  # village directly under a county
            "V3,T1,,镇村,-2\n"  # three bad cells; its parent T1 exists
        ).encode("gbk")
    )
    with pytest.raises(DataError) as info:
        read_tree(p)
    got = [(x.row, x.field) for x in info.value.problems]
    assert got == [
        (3, "members"),
        (4, "id"),
        (5, "parent_id"),
        (6, "kind"),
        (7, "name"),
        (7, "kind"),
        (7, "members"),
    ]
    assert all(x.file == str(p) for x in info.value.problems)
