"""The records workbook 记录工作簿 (issue 13, deliverable 3): one sheet per record type, read from
.xlsx and a CSV folder as townships fill them in, written back, checked, merged."""

from __future__ import annotations

import datetime as dt
import tempfile
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from pmedu.cli import main
from pmedu.cli.records_book_cmd import merge_books
from pmedu.datasets import sample_path, sample_records
from pmedu.errors import DataError
from pmedu.io import read_tree
from pmedu.io.recordbook import book_sheets, read_book
from pmedu.io.records import load_book, load_records, save_records
from pmedu.model import (
    DiscussionEntry,
    FundsMisuse,
    Member,
    Station,
    StudyEntry,
    Submission,
    ViewingSession,
)
from pmedu.records import Records
from strategies import book_records

DATA = Path(sample_path()).parent
TREE = str(sample_path())


def _roundtrip(records: Records, name: str) -> Records:
    with tempfile.TemporaryDirectory() as d, warnings.catch_warnings():
        warnings.simplefilter("error")  # a clean round trip warns of nothing
        return load_records(save_records(records, Path(d) / name))


# ---- saving and loading back (the three forms) ---------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book_records())
def test_csv_folder_round_trip(records: Records) -> None:
    """Rule: a year's records saved as the CSV folder load back equal (sign-ins included)."""
    assert _roundtrip(records, "returns") == records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book_records())
def test_json_round_trip(records: Records) -> None:
    """Rule: the JSON bundle keeps every record the workbook holds."""
    assert _roundtrip(records, "r.json") == records


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book_records())
def test_workbook_round_trip(records: Records) -> None:
    """Rule: saved as the records workbook (.xlsx) and loaded back, records are equal."""
    pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    assert _roundtrip(records, "r.xlsx") == records


def test_every_records_field_has_a_sheet() -> None:
    """Rule: every collection of Records is a sheet named by its class (nothing hand-listed)."""
    fields = [a.name for a in attrs.fields(Records) if a.name != "year"]
    assert [s.field for s in book_sheets()] == fields
    names = [s.name for s in book_sheets()]
    assert {"网点", "电教片", "片套", "播放记录", "报送", "征订", "示范户", "机构", "表彰",
            "经费挪用", "党员", "学习记录"} <= set(names)  # fmt: skip


# ---- a workbook as a township really sends it ----------------------------------------------------


def _office_workbook(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "网点"
    ws.append(["东镇播放网点情况表"])
    ws.merge_cells("A1:E1")
    ws.append(["填报单位：东镇党委", None, None, "日期：2025-12-31"])
    ws.append(["序号", "网点编号", "所在单位", "设施", "管理员"])
    ws.append([1, "S1", "T01-V01", "电视机、DVD机、播放室", "王五"])
    ws.append([2, "S2", None, "电视,标牌", None])
    ws.append([3, "S3", "T01-V02", None, None])
    ws.append([None, "合计", None, None, None])
    ws.merge_cells("C4:C5")  # 所在单位 merged down a block of stations
    s = wb.create_sheet("播放记录")
    s.append(["东镇2025年播放记录"])
    s.append(["编号", "网点", "日期", "出席情况", None, "主题"])
    s.append([None, None, None, "应到人数", "实到人数", None])
    s.merge_cells("D2:E2")
    s.append(["VS1", "S1", dt.date(2025, 3, 10), 10, 8, "学党章"])
    s.append(["VS2", "S2", "2025/4/2", None, None, None])
    g = wb.create_sheet("签到")
    g.append(["播放记录编号", "党员编号", "是否签到"])
    g.append(["VS2", "M1", "是"])
    g.append([None, "M2", "否"])
    g.merge_cells("A2:A3")
    wb.save(path)


def test_a_township_s_workbook_loads(tmp_path: Path) -> None:
    """Rule: title and 填报单位 rows, 序号, two-row headers, merged ids and 合计 rows are read as
    offices write them, with the skipped rows said."""
    path = tmp_path / "东镇.xlsx"
    _office_workbook(path)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        r = load_records(path)
    assert [(s.id, s.unit_id) for s in r.stations] == [
        ("S1", "T01-V01"), ("S2", "T01-V01"), ("S3", "T01-V02")]  # fmt: skip
    assert r.stations[0].has("player")
    assert r.stations[1].has("标牌")
    first = ViewingSession(id="VS1", station_id="S1", date="2025-03-10", expected_count=10,
                           signed_in_count=8, theme="学党章")  # fmt: skip
    assert r.sessions[0] == first
    assert (r.sessions[1].expected, r.sessions[1].signed_in) == (("M1", "M2"), ("M1",))
    text = "\n".join(str(w.message) for w in said)
    assert "网点: rows 1-2 above the header row (row 3) skipped" in text
    assert "1 合计/小计 row skipped: row 7" in text


def test_bad_cells_reported_at_once_with_sheet_and_row(tmp_path: Path) -> None:
    """Rule: every bad cell of every sheet is reported in one error, FILE:SHEET!ROW: column."""
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "网点"
    ws.append(["网点编号", "所在单位", "设施"])
    ws.append(["S1", "V1", "电视机、录像机"])
    ws.append([None, "V2", None])
    s = wb.create_sheet("播放记录")
    s.append(["播放记录编号", "网点编号", "播放日期", "应到人数"])
    s.append(["VS1", "S1", "2025-02-30", -1])
    g = wb.create_sheet("签到")
    g.append(["播放记录编号", "党员编号", "是否签到"])
    g.append(["VS9", "M1", "也许"])
    g.append(["VS9", "M2", "是"])
    m = wb.create_sheet("党员")
    m.append(["编号", "姓名", "所在党组织", "党员类别"])
    m.append(["M1", "张三", "V1", "积极分子"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(DataError) as e:
        load_records(path)
    lines = [line.replace(str(path), "F") for line in e.value.lines()]
    assert "F:网点!2: 设施: unknown station feature '录像机'; accepted:" in lines[1]
    assert "F:签到!2: 是否签到: expected 是/否" in lines[0]
    assert "F:网点!3: 网点编号: required field missing" in lines
    assert any(x.startswith("F:播放记录!2: 播放日期: there is no day 2025-02-30") for x in lines)
    assert any(x.startswith("F:播放记录!2: 应到人数: 'expected_count' must be >= 0") for x in lines)
    assert "F:签到!3: 播放记录编号: session 'VS9' is not on the 播放记录 sheet" in lines
    assert any(x.startswith("F:党员!2: 党员类别: unknown membership standing") for x in lines)


def test_bad_csv_cells_name_file_and_row(tmp_path: Path) -> None:
    """Rule: in a CSV folder a problem reads FILE:ROW: column: what (the file is the sheet)."""
    d = tmp_path / "returns"
    d.mkdir()
    (d / "报送.csv").write_text("编号,报送单位,类别,报送日期\nN1,T01,新闻,2025-13-01\n",
                              encoding="utf-8")  # fmt: skip
    with pytest.raises(DataError) as e:
        load_records(d)
    (line,) = e.value.lines()
    assert line.startswith(f"{d / '报送.csv'}:2: 报送日期: there is no day 2025-13-01")


# ---- the CLI ---------------------------------------------------------------------------------


def test_check_maps_record_problems_to_sheet_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rule: records check prints each record-level problem at its sheet row and column."""
    pytest.importorskip("openpyxl")
    r = Records(year=2025, stations=[Station(id="S1", unit_id="T04-V01")],
                sessions=[ViewingSession(id="a", station_id="S1", date="2025-03-01"),
                          ViewingSession(id="b", station_id="S9", date="2024-03-01",
                                         expected=["m1"], signed_in=["m1", "m2"])])  # fmt: skip
    path = save_records(r, tmp_path / "T01.xlsx")
    assert main(argv=["records", "check", TREE, str(path), "--year", "2025"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:播放记录!3: 网点编号: session 'b': station 'S9' does not exist",
        f"{path}:播放记录!3: 播放日期: session 'b': 2024-03-01 is outside the year 2025",
        f"warning: {path}:播放记录!3: 签到党员: session 'b': m2 signed in but not expected",
    ]


def test_template_has_drop_downs_instructions_and_examples(tmp_path: Path) -> None:
    """Rule: the template offers every closed vocabulary as a drop-down, says how to fill it in,
    and its example rows and prefilled stations read back as the prefilled records only."""
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    out = tmp_path / "T01.xlsx"
    assert main(argv=["records", "template", str(out), "--tree", TREE, "--township", "T01",
                      "--year", "2025"]) == 0  # fmt: skip
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "填表说明"
    assert "单位表" in wb.sheetnames
    formulas = {dv.formula1 for dv in wb["党员"].data_validations.dataValidation}
    assert '"正式党员,预备党员"' in formulas
    assert '"是,否"' in formulas
    assert wb["网点"]["A2"].value.startswith("示例")
    book = read_book(out)
    assert (book.township, book.records.year) == ("T01", 2025)
    assert book.records.stations
    assert all(s.unit_id.startswith("T01") for s in book.records.stations)
    assert not book.records.members  # the example rows are not read


def _merge(tmp_path: Path, *returns: Records, tree: bool = True) -> list[str]:
    paths = [str(save_records(r, tmp_path / f"r{i}.json")) for i, r in enumerate(returns)]
    argv = ["records", "merge", str(tmp_path / "all.json"), *paths]
    try:
        merge_books([load_book(p) for p in paths], tree=read_tree(TREE) if tree else None)
    except DataError as e:
        assert main(argv=[*argv, *(["--tree", TREE] if tree else [])]) == 1
        return [line.replace(str(tmp_path), "D") for line in e.lines()]
    return []


def test_merge_conflicts_are_problems(tmp_path: Path) -> None:
    """Rule: a duplicate id, a unit outside the sender's township and a second return for the same
    township are problems, never silent overwrites; an identical record sent twice is kept once."""
    film = sample_records().films[0]
    t01 = Records(year=2025, films=[film], stations=[Station(id="S1", unit_id="T05-V01")])
    t01b = Records(year=2025, stations=[Station(id="S7", unit_id="T05-V02")])
    ids = [("S1", "T04-V01"), ("S2", "T04-V02"), ("S3", "T05-V03")]
    t04 = Records(year=2025, films=[film], stations=[Station(id=s, unit_id=u) for s, u in ids])
    assert _merge(tmp_path, t01, Records(year=2025, films=[film])) == []
    lines = _merge(tmp_path, t01, t04, t01b)
    assert lines == [
        "D/r1.json: $.stations[2]: unit 'T05-V03' is not in township 'T04', the sender's",
        "D/r1.json: $.stations[0]: duplicate 'S1' (also D/r0.json: $.stations[0])",
        "D/r2.json: a second return for township 'T05' (also D/r0.json)",
    ]


def test_merge_writes_one_workbook(tmp_path: Path) -> None:
    """Rule: merged returns hold every record of each."""
    pytest.importorskip("openpyxl")
    a = Records(year=2025, stations=[Station(id="S1", unit_id="T05-V01")])
    b = Records(year=2025, stations=[Station(id="S2", unit_id="T04-V01")])
    pa, pb = save_records(a, tmp_path / "a"), save_records(b, tmp_path / "b.xlsx")
    out = tmp_path / "all.xlsx"
    assert main(argv=["records", "merge", str(out), str(pa), str(pb), "--tree", TREE]) == 0
    assert [s.id for s in load_records(out).stations] == ["S1", "S2"]


# ---- the sample county as a workbook ------------------------------------------------------


def test_sample_workbook_is_the_sample_records() -> None:
    """Rule: the shipped records_2025.xlsx holds exactly the records of records_2025.json
    (regenerate with python -m pmedu.datasets._make_workbook)."""
    pytest.importorskip("python_calamine")
    assert load_records(DATA / "records_2025.xlsx") == sample_records()


@pytest.mark.parametrize("command", [["stations"], ["facts", "--year", "2025"]])
def test_commands_read_the_workbook_as_the_json(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rule: stations and facts print the same from the workbook, the CSV folder and the JSON."""
    pytest.importorskip("python_calamine")
    folder = save_records(sample_records(), tmp_path / "folder")
    outs = []
    for records in (DATA / "records_2025.json", DATA / "records_2025.xlsx", folder):
        extra = ["--out", str(tmp_path / "facts.csv")] if command[0] == "facts" else []
        assert main(argv=[command[0], TREE, str(records), *command[1:], *extra]) == 0
        text = capsys.readouterr().out
        if extra:
            text += Path(extra[1]).read_text(encoding="utf-8")
        outs.append(text)
    assert outs[0] == outs[1] == outs[2]


# ---- .xls and .ods (converted by LibreOffice from small.xlsx, kept in tests/data/records) --------

SMALL = Records(
    year=2025,
    stations=[Station(id="S1", unit_id="T04-V01", features=["电视机", "播放机"], name="石桥村站",
                      established=dt.date(2024, 5, 1)),
              Station(id="S2", unit_id="T04-V02", keeper="王五")],
    sessions=[ViewingSession(id="VS1", station_id="S1", date="2025-03-10", film_ids=["F1", "F2"],
                             expected=["M1", "M2", "M3"], signed_in=["M1", "M3"],
                             steps=["播前提示", "播后讨论"], minutes=90),
              ViewingSession(id="VS2", station_id="S2", date="2025-04-02", expected_count=20,
                             signed_in_count=17)],
    submissions=[Submission(id="N1", unit_id="T04", kind="新闻", date="2025-11-30", title="=总结")],
    funds_misuse=[FundsMisuse(id="FM1", unit_id="T04", date=dt.date(2025, 6, 1), amount=1234.5)],
    members=[Member(id="M1", name="张三", unit_id="T04-V01", standing="预备",
                    skills=["法律咨询", "家电维修"]),
             Member(id="M2", name="李四", unit_id="T04-V01", mobility="流出", mobile_to="深圳",
                    transferred=False),
             Member(id="M3", name="王五", unit_id="T04-V01", status="离退休",
                    dual_unit_id="T04-V02")],
    study_records=[StudyEntry(id="L1", member_id="M1", date="2025-05-05", kind="党校",
                              minutes=180)],
)  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_xls_and_ods_read_as_the_xlsx(suffix: str) -> None:
    """Rule: the records workbook reads the same from .xlsx, .xls and .ods."""
    pytest.importorskip("python_calamine")
    path = Path(__file__).parent / "data" / "records" / f"small{suffix}"
    assert load_records(path) == SMALL


def test_small_xlsx_is_what_pmedu_writes(tmp_path: Path) -> None:
    """The kept small.xlsx is SMALL as save_records writes it (the .xls/.ods come from it)."""
    pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    assert load_records(save_records(SMALL, tmp_path / "s.xlsx")) == SMALL


def test_a_folder_without_records_sheets_is_an_error(tmp_path: Path) -> None:
    """Rule: a folder (or workbook) holding no records sheet is said, never read as no records."""
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(
        DataError, match="no records sheet here: expected sheets named 网点, 电教片"
    ):
        load_records(tmp_path)


def test_sheet_names_with_stray_spaces_are_read(tmp_path: Path) -> None:
    """Rule: a sheet called '网点 ' (a space typed after the name) is the 网点 sheet."""
    (tmp_path / "网点 .csv").write_text("网点编号,所在单位\nS1,V1\n", encoding="utf-8")
    assert load_records(tmp_path).stations == (Station(id="S1", unit_id="V1"),)


def test_a_long_sign_in_sheet_reads_as_a_short_one(tmp_path: Path) -> None:
    """Rule: past the rows io.layout sees, sign-ins are read alike: a session id merged down its
    block fills it, blank rows and 合计 rows are skipped (and said), a bad flag is reported."""
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    s = wb.active
    s.title = "播放记录"
    s.append(["播放记录编号", "网点编号", "播放日期"])
    for k in range(12):
        s.append([f"VS{k}", "S1", dt.date(2025, k + 1, 10)])
    g = wb.create_sheet("签到")
    g.append(["播放记录编号", "党员编号", "是否签到"])
    row = 2
    for k in range(12):  # 12 sessions × 10 members: past the laid-out head
        for m in range(10):
            g.append([f"VS{k}" if m == 0 else None, f"M{m}", "否" if m == 9 else "是"])
        g.merge_cells(f"A{row}:A{row + 9}")
        row += 10
    g.append([])
    g.append(["合计", None, 108])
    g.append(["VS11", "M10", "也许"])
    path = tmp_path / "long.xlsx"
    wb.save(path)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        with pytest.raises(DataError) as e:
            load_records(path)
    assert e.value.lines() == [f"{path}:签到!124: 是否签到: expected 是/否 (or 有/无, 1/0, "
                               "true/false), got '也许'"]  # fmt: skip
    assert any("合计/小计 rows skipped: rows 123" in str(w.message) for w in said)
    g.delete_rows(124)
    wb.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = load_records(path)
    assert all(len(x.expected) == 10 and len(x.signed_in) == 9 for x in r.sessions)
    assert r.sessions[11].expected[-1] == "M9"


def test_a_list_item_holding_a_separator_is_written_one_item_a_line(tmp_path: Path) -> None:
    """A discussion topic "今年种什么、养什么" holds the list separator 、: the cell is written
    one item a line, and reads back as the same items (never split in two)."""
    records = Records(
        year=2025,
        stations=[Station(id="S1", unit_id="V1")],
        sessions=[ViewingSession(id="VS1", station_id="S1", date="2025-03-10")],
        discussions=[
            DiscussionEntry(id="D1", session_id="VS1", topics=["今年种什么、养什么"]),
            DiscussionEntry(id="D2", session_id="VS1", topics=["今年种什么、养什么", "销路"]),
        ],
    )
    for path in (tmp_path / "r.xlsx", tmp_path / "csv"):
        if path.suffix == ".xlsx":
            pytest.importorskip("openpyxl")
            pytest.importorskip("python_calamine")
        assert load_records(save_records(records, path)) == records
