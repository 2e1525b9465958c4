"""Every script in ``examples/`` runs, in a fresh working directory, so none can rot.

An example that needs an optional extra says so in a ``# requires: EXTRA`` line; it is
skipped (with the reason) when that extra's package is not installed.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))
#: extra → the package it installs
EXTRAS = {"report": "matplotlib", "excel": "openpyxl", "toml": "tomli_w"}
REQUIRES = re.compile(r"^# requires: (.+)$", re.M)


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    text = script.read_text(encoding="utf-8")
    for match in REQUIRES.finditer(text):
        for extra in (e.strip() for e in match.group(1).split(",")):
            package = EXTRAS[extra]
            if importlib.util.find_spec(package) is None:
                pytest.skip(f"{script.name} needs pmedu[{extra}] ({package} is not installed)")
    env = {**os.environ, "PYTHONWARNINGS": "error", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "an example should print what it did"
    assert done.stderr == ""
