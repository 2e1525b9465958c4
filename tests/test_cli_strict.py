"""Issue 12's rule for unknown columns on the command line: a warning line by default, an error
with ``--strict``, nothing with ``--ignore-extra-columns``; and one date grammar everywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmedu.cli import main
from pmedu.convert import structure
from pmedu.errors import DataError

TABLE = "编号,上级编号,名称,类型,备注\nC,,某县,县,x\n"


def test_unknown_column_warns_then_fails_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "u.csv"
    path.write_text(TABLE, encoding="utf-8")
    assert main(argv=["tree", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"warning: {path}:1: 备注: unknown column")
    assert main(argv=["tree", "--strict", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:1: 备注: unknown column")
    assert err[-1] == "pmedu: 1 problem found"
    assert main(argv=["tree", "--ignore-extra-columns", str(path)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("text", ["20250310", "2025-W11-1", "25-3-10"])
def test_documents_refuse_dates_outside_the_grammar(text: str) -> None:
    with pytest.raises(DataError, match="expected a date"):
        structure(text, dt.date)


def test_documents_take_the_dates_offices_write() -> None:
    assert structure("2025年3月10日", dt.date) == dt.date(2025, 3, 10)
    assert structure("2025/3/10", dt.date) == dt.date(2025, 3, 10)
