"""The golden cases: every command's output on the bundled sample county.

``python tests/golden_cases.py`` (re)writes the files under ``tests/golden/``;
``tests/test_golden.py`` checks that the commands still print exactly them. A change that is
meant to change what users see regenerates them in the same commit and says why.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from pmedu.cli import main
from pmedu.datasets import sample_path

GOLDEN = Path(__file__).parent / "golden"


def _data(name: str) -> str:
    return str(sample_path(name=name))


def _run(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv=argv)
    text = out.getvalue()
    if err.getvalue():
        text += "\n--- stderr ---\n" + err.getvalue()
    return f"{text}\n--- exit {status} ---\n"


def _with_outputs(argv: list[str], *names: str) -> dict[str, str]:
    """Run a command that writes files; golden text of stdout and of each file."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(Path(tmp) / name) for name in names]
        args = [a.format(*paths) for a in argv]
        text = _run(args).replace(tmp, "OUT")
        result = {"stdout": text}
        for name, path in zip(names, paths, strict=True):
            if name.endswith(".xlsx"):
                result[name] = workbook_text(Path(path))
            else:
                result[name] = Path(path).read_text(encoding="utf-8")
        return result


def workbook_text(path: Path) -> str:
    """Every sheet's cells as tab-separated text (values, not styles)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"== {ws.title} ==")
        for row in ws.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(lines) + "\n"


def cases() -> dict[str, Callable[[], dict[str, str]]]:
    """Name → a function giving the golden texts of that case (file name → text)."""
    tree, records = _data("sample_county.csv"), _data("records_2025.json")
    facts, holdings = _data("facts_2025.csv"), _data("holdings.csv")
    return {
        "tree": lambda: {"stdout": _run(["tree", tree])},
        "supply": lambda: {"stdout": _run(["supply", tree])},
        "supply_holdings": lambda: {"stdout": _run(["supply", tree, "--holdings", holdings])},
        "supply_seed001_en": lambda: {
            "stdout": _run(["supply", tree, "--policy", "seed001", "--lang", "en"])
        },
        "stations": lambda: {"stdout": _run(["stations", tree, records])},
        "facts": lambda: _with_outputs(
            ["facts", tree, records, "--year", "2025", "--out", "{0}"], "facts.csv"
        ),
        "score_explain": lambda: {
            "stdout": _run(["score", tree, facts, "--explain", "T04", "--explain", "T01"])
        },
        "demo": lambda: {"stdout": _run(["demo"])},
        "report": lambda: _with_outputs(
            [
                "report",
                tree,
                "--records",
                records,
                "--year",
                "2025",
                "--no-chart",
                "--out",
                "{0}",
                "--xlsx",
                "{1}",
            ],
            "report.html",
            "report.xlsx",
        ),
    }


def golden_path(case: str, name: str) -> Path:
    stem = name.replace(".", "_")
    return GOLDEN / f"{case}.{stem}.txt"


def write_all() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for case, make in cases().items():
        for name, text in make().items():
            golden_path(case, name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_all()
    sys.exit(0)
