"""Records bundles in files: [`load_records`][pmedu.io.records.load_records] and
[`save_records`][pmedu.io.records.save_records].

A records document is JSON (or TOML with ``pmedu[toml]``) with a ``format``
(``"pmedu.records"``) and a ``version``; a file of pmedu 0.1.0 has neither and loads as
version 1. The same records are also read from and written to the records workbook
(``.xlsx``; ``.xls`` and ``.ods`` read too) and a folder of CSV files named like its sheets
([`pmedu.io.recordbook`][pmedu.io.recordbook]): the path's suffix, or a directory, says which.
Writing is atomic.

>>> import tempfile, pathlib
>>> from pmedu.records.bundle import Records
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
>>> load_records(save_records(Records(year=2025), p)) == Records(year=2025)
True
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tomllib
from pathlib import Path

from pmedu.errors import DataError, Problem
from pmedu.io.documents import dump_document, read_document
from pmedu.io.recordbook import Book, is_book, read_book, write_csv_folder, write_workbook
from pmedu.io.text import decode_text
from pmedu.records.bundle import Records

__all__ = ["check_numbers", "load_book", "load_records", "save_records"]

_NONZERO_DIGIT = re.compile(r"[1-9]")


class _NumberProblem(ValueError):
    def __init__(self, text: str, what: str) -> None:
        super().__init__(what)
        self.text = text


def _strict_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NumberProblem(text, f"number {text} is out of range (not finite)")
    mantissa = text.lower().partition("e")[0]
    if value == 0 and _NONZERO_DIGIT.search(mantissa):
        raise _NumberProblem(text, f"number {text} is too small: it would read as 0")
    return value


def _constant(text: str) -> float:
    raise _NumberProblem(text, f"{text} is not a number JSON allows")


def check_numbers(text: str, *, suffix: str, source: str | None = None) -> None:
    """Refuse a JSON or TOML document whose numbers are not finite (``1e309``, ``Infinity``,
    ``NaN``, TOML ``inf``) or so small they would read as 0 (``1e-400``), naming the line. ``text``
    must already parse ([`read_document`][pmedu.io.documents.read_document]).

    >>> check_numbers('{"copies": 2, "amount": 1.5}', suffix=".json")
    >>> check_numbers('{"a": 1,\\n "amount": 1e309}', suffix=".json", source="r.json")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    r.json:2: number 1e309 is out of range (not finite)
    """
    try:
        if suffix == ".toml":
            tomllib.loads(text, parse_float=_strict_float)
        else:
            json.loads(text, parse_float=_strict_float, parse_constant=_constant)
    except _NumberProblem as exc:
        line = text.count("\n", 0, max(text.find(exc.text), 0)) + 1
        raise DataError([Problem(str(exc), file=source, row=line)]) from None


def _number_line(path: str | os.PathLike[str]) -> None:
    """Raise ``check_numbers``' error (it names the line) when that is what is wrong."""
    p = Path(path)
    try:
        text, _ = decode_text(p.read_bytes(), source=str(path))
    except (OSError, DataError):
        return
    with contextlib.suppress(ValueError, RecursionError, tomllib.TOMLDecodeError):
        check_numbers(text, suffix=p.suffix.lower(), source=str(path))


def load_records(path: str | os.PathLike[str]) -> Records:
    """Read records from a ``.json`` (or ``.toml``) document, a records workbook (``.xlsx``,
    ``.xls``, ``.ods``) or a folder of CSV files (a directory), every problem reported and
    named by the file and path (``FILE:SHEET!ROW: column`` in a workbook).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
    >>> _ = p.write_text('{"format": "pmedu.records", "version": 2}')
    >>> load_records(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...r.json: $.version: version 2 was written by a newer pmedu; this one reads up to 1
    """
    if is_book(path):
        return read_book(path).records
    try:
        data = read_document(path)  # numbers checked there (finite, held as written)
    except DataError:
        _number_line(path)  # a bad number: the same refusal, with its line
        raise
    return Records.from_document(data, source=str(path))


def load_book(path: str | os.PathLike[str]) -> Book:
    """[`load_records`][pmedu.io.records.load_records] with where each record was read: a
    workbook's or folder's [`Book`][pmedu.io.recordbook.Book] (sheet rows, the 填报单位), a
    document's records with no places.

    >>> from pmedu.datasets import sample_path
    >>> b = load_book(sample_path(name="records_2025.json"))
    >>> b.records.year, dict(b.places), b.township
    (2025, {}, None)
    """
    if is_book(path):
        return read_book(path)
    return Book(load_records(path), source=str(path))


def save_records(
    records: Records, path: str | os.PathLike[str], *, township: str | None = None
) -> Path:
    """Write ``records`` atomically and return the path: by the suffix, one document (``.json``,
    or ``.toml`` with ``pmedu[toml]``) or the records workbook (``.xlsx``); a directory (or a path
    without a suffix) is a folder of CSV files named like the sheets. ``township`` (the sending
    township) goes in the workbook's and folder's 填表说明.

    >>> import tempfile, pathlib, json
    >>> p = save_records(Records(year=2025), pathlib.Path(tempfile.mkdtemp()) / "r.json")
    >>> json.loads(p.read_text())["version"]
    1
    """
    p = Path(path)
    if p.is_dir() or not p.suffix:
        return write_csv_folder(records, p, township=township)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return write_workbook(records, p, township=township)
    return dump_document(records.to_document(), path)
