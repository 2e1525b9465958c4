"""``pmedu report``'s outputs: the workbook with the tree summary, its title and issuer; the PDF
(a real one where WeasyPrint and a CJK font are installed); the HTML page, workbook and PDF
written all or none; the comparison with last year; the year's warnings on stderr (and in
``pmedu demo``)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from pmedu.cli import main, report_cmd
from pmedu.datasets import sample_path, sample_year
from pmedu.errors import MissingExtraError, MissingFontError
from pmedu.io.documents import AtomicGroup
from pmedu.io.pdf import CJK_FONT_NAME, find_cjk_font

pytest.importorskip("jinja2", reason="the HTML report needs pmedu[report]")

TREE = str(sample_path())
RECORDS = str(sample_path(name="records_2025.json"))


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv=argv)
    return status, out.getvalue(), err.getvalue()


def _report(tmp: Path, *extra: str) -> tuple[int, str, str]:
    argv = ["report", TREE, "--records", RECORDS, "--year", "2025", "--no-chart", *extra]
    return _run(argv)


def _previous_records(tmp: Path) -> Path:
    """The sample's records moved one year back (the 2024 records of the comparison)."""
    text = Path(RECORDS).read_text(encoding="utf-8")
    text = text.replace('"year": 2025', '"year": 2024').replace("2025-", "2024-")
    path = tmp / "records_2024.json"
    path.write_text(text.replace("2026-", "2025-"), encoding="utf-8")
    return path


def test_the_workbook_has_the_tree_summary_title_and_issuer(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "r.xlsx"
    status, _, err = _report(tmp_path, "--xlsx", str(out), "--issuer", "中共示例县委组织部")
    assert status == 0, err
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "组织体系概况",
        "建点率",
        "供片计划",
        "考核排名",
        "考核指标明细",
        "网点缺项",
    ]
    tree = wb["组织体系概况"]
    assert [c.value for c in tree[1]] == ["类型", "单位数", "党员数", "有播放网点"]
    for ws in wb.worksheets:
        assert ws.oddHeader.center.text == "示例县 党员电化教育年度报告 2025 年度"
        assert ws.oddFooter.left.text == "中共示例县委组织部"
    assert f"workbook written to {out}" in err


def test_the_years_warnings_go_to_stderr(tmp_path: Path) -> None:
    # the sample's flags agree with its station records; unflag one village that has a station
    text = Path(TREE).read_text(encoding="utf-8")
    row = "T04-V01,T04,杨长村,行政村,50,党总支,4,,,是"
    assert row in text
    units = tmp_path / "units.csv"
    units.write_text(text.replace(row, row[: -len("是")] + "否"), encoding="utf-8")
    argv = ["report", str(units), "--records", RECORDS, "--year", "2025", "--no-chart"]
    status, _, err = _run([*argv, "--out", str(tmp_path / "r.html")])
    assert status == 0, err
    lines = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(lines) == 1
    assert "'T04-V01'" in lines[0]
    assert "has_station" in lines[0]
    status, _, err = _report(tmp_path, "--out", str(tmp_path / "s.html"))
    assert [line for line in err.splitlines() if line.startswith("warning: ")] == []


def test_the_demo_prints_the_warnings_after_its_sections() -> None:
    status, out, _ = _run(["demo"])
    assert status == 0
    assert sample_year().warnings == ()  # the sample agrees with itself: nothing to warn about
    assert "warning" not in out


def test_the_summary_compares_with_the_previous_year(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    previous = _previous_records(tmp_path)
    status, _, err = _report(tmp_path, "--out", str(out), "--previous-records", str(previous))
    assert status == 0, err
    html = out.read_text(encoding="utf-8")
    assert "与 2024 年度比较" in html
    units = html.split('<section id="compare_units">', 1)[1]
    assert "未提供上一年度结果" not in units
    assert units.count("<tr>") > 20  # a row per unit ranked in either year (and the header)


def test_the_previous_year_is_given_or_taken_from_the_records(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    previous = str(_previous_records(tmp_path))
    argv = ["--out", str(out), "--previous-records", previous, "--previous-year", "2024"]
    assert _report(tmp_path, *argv)[0] == 0
    assert "与 2024 年度比较" in out.read_text(encoding="utf-8")
    status, _, err = _report(
        tmp_path, "--out", str(out), "--previous-records", previous, "--previous-year", "2023"
    )
    assert status == 1
    assert "outside the year 2023" in err


def test_a_previous_year_without_records_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    status, _, err = _report(tmp_path, "--out", str(out), "--previous-year", "2024")
    assert status == 1
    assert "--previous-year: needs --previous-records" in err
    assert not out.exists()


def _outputs(tmp: Path) -> tuple[list[str], list[Path]]:
    paths = [tmp / "r.html", tmp / "r.xlsx", tmp / "r.pdf"]
    argv = ["--out", str(paths[0]), "--xlsx", str(paths[1]), "--pdf", str(paths[2])]
    return argv, paths


@pytest.mark.parametrize(
    ("error", "status", "says"),
    [
        (MissingFontError(CJK_FONT_NAME, looked=["/nowhere"]), 1, "apt-get install fonts-noto-cjk"),
        (MissingExtraError("pdf", "weasyprint", "writing the report as PDF"), 2, "pip install"),
    ],
)
def test_a_pdf_that_fails_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, status: int, says: str
) -> None:
    def fail(html: str, path: Any, *, group: AtomicGroup | None = None) -> Path:
        raise error

    monkeypatch.setattr(report_cmd, "write_pdf", fail)
    argv, _paths = _outputs(tmp_path)
    got, _, err = _report(tmp_path, *argv)
    assert got == status
    assert says in err
    assert "written to" not in err
    assert list(tmp_path.iterdir()) == []  # not the page, not the workbook, no temporary file


def test_the_three_files_are_one_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("openpyxl")
    seen: dict[str, Any] = {}

    def fake(html: str, path: Any, *, group: AtomicGroup | None = None) -> Path:
        assert group is not None
        seen["html"] = html
        seen["before"] = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
        with group.open(path, mode="wb") as fh:
            fh.write(b"%PDF-fake")
        return Path(path)

    monkeypatch.setattr(report_cmd, "write_pdf", fake)
    argv, paths = _outputs(tmp_path)
    status, _, err = _report(tmp_path, *argv)
    assert status == 0, err
    assert seen["before"] == []  # nothing is in place until every file is made
    assert seen["html"] == paths[0].read_text(encoding="utf-8")  # the PDF prints the page
    assert all(p.is_file() for p in paths)
    assert re.findall(r"(\w+) written to", err) == ["report", "workbook", "PDF"]


def test_a_real_pdf(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    try:
        find_cjk_font()
    except MissingFontError as exc:
        pytest.skip(str(exc))
    units = tmp_path / "units.csv"
    units.write_text(
        "编号,上级编号,名称,类型,党员数,有播放网点\n"
        "C,,某县,县,0,否\nT,C,东镇,镇,10,是\nV,T,石桥村,村,30,是\nW,T,河口村,村,25,否\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.pdf"
    status, _, err = _run(["report", str(units), "--no-chart", "--pdf", str(out)])
    assert status == 0, err
    assert out.read_bytes()[:5] == b"%PDF-"
    assert f"PDF written to {out}" in err
