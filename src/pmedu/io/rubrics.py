"""Rubric files (考核细则): read a rubric from a ``.toml`` or ``.json`` file, write one.

A file written by [`save_rubric`][pmedu.io.rubrics.save_rubric] starts with ``format =
"pmedu.rubric"`` and ``version = 1``; a file without them (written by pmedu 0.1.0, or by hand) reads
as version 1.

>>> import tempfile, pathlib
>>> from pmedu.scoring.presets import preset_rubric
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
>>> save_rubric(preset_rubric(), p); load_rubric(p) == preset_rubric()
True
"""

from __future__ import annotations

import os
from typing import Any

from pmedu.errors import Problem, RubricError
from pmedu.io.documents import dump_document, names_a_file, read_document
from pmedu.scoring.presets import preset_rubric, rubric_presets
from pmedu.scoring.schema import Rubric

__all__ = ["RUBRIC_FORMAT", "RUBRIC_VERSION", "load_rubric", "rubric_from", "save_rubric"]

#: the ``format`` and ``version`` fields of a rubric file
RUBRIC_FORMAT = "pmedu.rubric"
RUBRIC_VERSION = 1


def _unversioned(data: Any, source: str) -> Any:
    """The document without its ``format`` and ``version`` (absent: version 1)."""
    if not isinstance(data, dict) or ("format" not in data and "version" not in data):
        return data
    rest = {k: v for k, v in data.items() if k not in ("format", "version")}
    problems = []
    if data.get("format", RUBRIC_FORMAT) != RUBRIC_FORMAT:
        what = f"not a rubric file: format {data['format']!r}, expected {RUBRIC_FORMAT!r}"
        problems.append(Problem(what, file=source, field="$.format"))
    version = data.get("version", RUBRIC_VERSION)
    if version != RUBRIC_VERSION or isinstance(version, bool):
        what = f"unknown rubric file version {version!r}; this pmedu reads {RUBRIC_VERSION}"
        problems.append(Problem(what, file=source, field="$.version"))
    if problems:
        raise RubricError(problems)
    return rest


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
    return Rubric.from_dict(_unversioned(data, str(path)), source=str(path))


def save_rubric(rubric: Rubric, path: str | os.PathLike[str]) -> None:
    """Write a rubric to a ``.toml`` (needs ``pmedu[toml]``) or ``.json`` file, atomically.

    >>> import tempfile, pathlib
    >>> from pmedu.scoring.presets import preset_rubric
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
    >>> save_rubric(preset_rubric(), p); p.read_text().splitlines()[1:3]
    ['  "format": "pmedu.rubric",', '  "version": 1,']
    """
    dump_document({"format": RUBRIC_FORMAT, "version": RUBRIC_VERSION, **rubric.to_dict()}, path)


def rubric_from(spec: str | os.PathLike[str]) -> Rubric:
    """A rubric from a ``.toml``/``.json`` file, else the shipped preset of that name (the
    "preset name or file" of the command line; an unknown name lists the presets).

    >>> rubric_from("county_township").total
    Decimal('100')
    """
    if names_a_file(spec, presets=rubric_presets()):
        return load_rubric(spec)
    return preset_rubric(name=os.fspath(spec))
