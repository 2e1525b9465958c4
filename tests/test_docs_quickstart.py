"""Every ``pmedu …`` command shown in the 中文快速入门 page parses with the real CLI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from pmedu.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs" / "zh" / "quickstart.md", ROOT / "docs" / "index.md"]
BLOCK = re.compile(r"```bash\n(.*?)```", re.DOTALL)


def _commands() -> list[str]:
    commands = []
    for page in PAGES:
        for block in BLOCK.findall(page.read_text(encoding="utf-8")):
            for line in block.replace("\\\n", " ").splitlines():
                line = line.split("#", 1)[0].strip()
                if line.startswith("pmedu "):
                    commands.append(line)
    return commands


def test_the_page_shows_every_step() -> None:
    shown = " ".join(_commands())
    for command in ("demo", "tree", "supply", "score", "report"):
        assert f"pmedu {command}" in shown


@pytest.mark.parametrize("command", _commands())
def test_command_parses(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command)[1:]
    if argv in (["--version"], ["--help"]):
        with pytest.raises(SystemExit) as exited:  # they print and exit 0
            build_parser().parse_args(argv)
        assert exited.value.code == 0
        return
    args = build_parser().parse_args(argv)  # a bad option exits 2, failing the test
    assert getattr(args, "func", None) is not None, capsys.readouterr().err
