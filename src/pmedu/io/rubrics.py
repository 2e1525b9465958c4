"""Rubric files (考核细则): read a rubric from a ``.toml`` or ``.json`` file, write one.

>>> import tempfile, pathlib
>>> from pmedu.scoring.presets import preset_rubric
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
>>> save_rubric(preset_rubric(), p); load_rubric(p) == preset_rubric()
True
"""

from __future__ import annotations

import os

from pmedu.convert import dump_document, read_document
from pmedu.errors import RubricError
from pmedu.scoring.schema import Rubric

__all__ = ["load_rubric", "save_rubric"]


def load_rubric(path: str | os.PathLike[str]) -> Rubric:
    """Read a rubric from a ``.toml`` or ``.json`` file; every problem is reported at once.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
    >>> _ = p.write_text('''name = "x"
    ... total = 10
    ... grades = [{ name = "合格", min = 0 }]
    ... [[indicators]]
    ... code = "A"
    ... name = "a"
    ... category = "other"
    ... points = -10
    ... measure = "m"
    ... rule = { type = "ratio", target = 1 }
    ... ''', encoding="utf-8")
    >>> load_rubric(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.RubricError: 1 problem:
    ...bad.toml: $.indicators[0].points: indicator A: 'points' must be ≥ 0, got -10
    """
    data = read_document(path, error=RubricError)
    return Rubric.from_dict(data, source=str(path))


def save_rubric(rubric: Rubric, path: str | os.PathLike[str]) -> None:
    """Write a rubric to a ``.toml`` (needs ``pmedu[toml]``) or ``.json`` file, atomically.

    >>> import tempfile, pathlib
    >>> from pmedu.scoring.presets import preset_rubric
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
    >>> save_rubric(preset_rubric(), p); p.exists()
    True
    """
    dump_document(rubric, path)
