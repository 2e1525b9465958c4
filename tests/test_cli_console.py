"""The command line on a GBK console, on a closed pipe, and score reading a workbook."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmedu.datasets import sample_path

CMD = [sys.executable, "-m", "pmedu"]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


def test_demo_on_a_gbk_console() -> None:
    done = subprocess.run(
        [*CMD, "demo"], capture_output=True, env=_env(PYTHONIOENCODING="gbk"), check=False
    )
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert b"Traceback" not in done.stderr
    text = done.stdout.decode("gbk")
    assert "示例县" in text


def test_score_explain_on_a_cp936_console() -> None:
    done = subprocess.run(
        [*CMD, "score", str(sample_path()), str(sample_path(name="facts_2025.csv")), "--explain",
         "T07"],
        capture_output=True,
        env=_env(PYTHONIOENCODING="cp936"),
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert "凤西乡 (T07)" in done.stdout.decode("cp936")


def test_demo_on_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.Popen(
        [*CMD, "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # what `| head -1` does, before the demo's first line is written
    err = proc.stderr.read()
    proc.stderr.close()
    status = proc.wait(timeout=60)
    assert b"Traceback" not in err, err.decode()
    assert b"BrokenPipe" not in err, err.decode()
    assert status == 1


def test_score_reads_a_facts_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    with open(sample_path(name="facts_2025.csv"), encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            wb.active.append(row)
    path = tmp_path / "facts.xlsx"
    wb.save(path)
    done = subprocess.run(
        [*CMD, "score", str(sample_path()), str(path), "--explain", "T07"],
        capture_output=True,
        env=_env(PYTHONIOENCODING="utf-8"),
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "--encoding" not in err
    assert "凤西乡 (T07)" in done.stdout.decode()
