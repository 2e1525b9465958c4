"""Records bundles in files: :func:`load_records` and :func:`save_records`.

A records document is JSON (or TOML with ``pmedu[toml]``) with a ``format``
(``"pmedu.records"``) and a ``version``; a file of pmedu 0.1.0 has neither and loads as
version 1. Writing is atomic.

>>> import tempfile, pathlib
>>> from pmedu.records.bundle import Records
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
>>> load_records(save_records(Records(year=2025), p)) == Records(year=2025)
True
"""

from __future__ import annotations

import os
from pathlib import Path

from pmedu.convert import dump_document, read_document
from pmedu.records.bundle import Records

__all__ = ["load_records", "save_records"]


def load_records(path: str | os.PathLike[str]) -> Records:
    """Read records from a ``.json`` (or ``.toml``) document, every problem reported and
    named by the file and path.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.json"
    >>> _ = p.write_text('{"format": "pmedu.records", "version": 2}')
    >>> load_records(p)
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    ...r.json: $.version: version 2 was written by a newer pmedu; this one reads up to 1
    """
    return Records.from_document(read_document(path), source=str(path))


def save_records(records: Records, path: str | os.PathLike[str]) -> Path:
    """Write ``records`` as one document (by the suffix: ``.json``, or ``.toml`` with
    ``pmedu[toml]``), atomically, and return the path.

    >>> import tempfile, pathlib, json
    >>> p = save_records(Records(year=2025), pathlib.Path(tempfile.mkdtemp()) / "r.json")
    >>> json.loads(p.read_text())["version"]
    1
    """
    return dump_document(records.to_document(), path)
