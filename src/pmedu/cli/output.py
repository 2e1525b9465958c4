"""What the commands share for their output: ``--format``, ``-`` for stdin/stdout, ``--help``.

``--format text`` (the default) prints the tables for a person, as before. ``--format csv`` and
``--format json`` print the same tables as records with stable English keys, for a program:

* ``json`` is one document per command::

      {"command": "tree", "format": 1, "tables": {"kinds": [{...}, ...], "coverage": [...]}}

  every table a list of objects (one per row, English keys); exact decimals are written as JSON
  numbers (``88.90`` → ``88.9``), rates as fractions (``0.875``), not applicable as ``null``;
* ``csv`` is one CSV block per table, each headed by a ``# table: NAME`` line, blocks separated
  by a blank line (a command with one table prints just that header line and the table); exact
  decimals are written exactly (``88.90``), not applicable as an empty cell, booleans as
  ``true``/``false``.

A file argument given as ``-`` is read from stdin (``pmedu tree - < units.csv``: the kind of
content — CSV, JSON or a workbook — is recognised from its first bytes) and ``--out -`` writes
to stdout.

>>> import io
>>> out = io.StringIO()
>>> emit("tree", {"kinds": [{"kind": "county", "units": 1, "rate": None}]}, fmt="csv", out=out)
>>> print(out.getvalue(), end="")
# table: kinds
kind,units,rate
county,1,
>>> out = io.StringIO()
>>> emit("tree", {"kinds": [{"kind": "county", "units": 1}]}, fmt="json", out=out)
>>> print(out.getvalue(), end="")
{"command": "tree", "format": 1, "tables": {"kinds": [{"kind": "county", "units": 1}]}}
"""

from __future__ import annotations

import argparse
import csv
import enum
import json
import math
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

__all__ = [
    "FORMATS",
    "JSON_FORMAT_VERSION",
    "STDIO",
    "add_format",
    "add_parser",
    "emit",
    "plain",
]

#: the choices of ``--format``
FORMATS: tuple[str, ...] = ("text", "csv", "json")
#: the ``"format"`` number of a JSON document (raised when its shape changes incompatibly)
JSON_FORMAT_VERSION = 1
#: the file name that means stdin (an input) or stdout (``--out``)
STDIO = "-"

#: the width descriptions are wrapped at in ``--help``
HELP_WIDTH = 88

Records = Sequence[Mapping[str, Any]]


def add_parser(
    subparsers: Any, name: str, *, help: str, description: str, examples: Sequence[str]
) -> argparse.ArgumentParser:
    """A subcommand parser whose ``--help`` ends with ``examples`` (kept as written, one per
    line) and whose description is wrapped here (the formatter keeps text as given).

    >>> p = argparse.ArgumentParser(prog="pmedu")
    >>> sub = add_parser(p.add_subparsers(), "x", help="h", description="d",
    ...                  examples=["pmedu x FILE"])
    >>> print(sub.epilog)
    example:
      pmedu x FILE
    """
    lines = "\n".join(f"  {e}" for e in examples)
    return subparsers.add_parser(  # type: ignore[no-any-return]
        name,
        help=help,
        description=textwrap.fill(description, HELP_WIDTH),
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_format(parser: argparse.ArgumentParser) -> None:
    """Add ``--format text|csv|json`` (default ``text``).

    >>> p = argparse.ArgumentParser()
    >>> add_format(p)
    >>> p.parse_args(["--format", "json"]).format
    'json'
    """
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text tables (default), or the same tables as CSV or one JSON document",
    )


def plain(value: Any) -> Any:
    """A cell as JSON has it: a ``Decimal`` as a number (an integral one as an ``int``), a
    labelled enum as its English value, a date as ISO text, NaN as ``None``.

    >>> plain(Decimal("88.90")), plain(Decimal("8")), plain(float("nan")), plain(date(2025, 1, 2))
    (88.9, 8, None, '2025-01-02')
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def _csv_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ";".join(_csv_cell(v) for v in value)
    return str(value)


def _keys(records: Records) -> list[str]:
    return list(dict.fromkeys(k for r in records for k in r))


def emit(command: str, tables: Mapping[str, Records], *, fmt: str, out: TextIO) -> None:
    """Write ``tables`` (name → records) as ``fmt`` (``csv`` or ``json``) to ``out``."""
    if fmt == "json":
        doc = {
            "command": command,
            "format": JSON_FORMAT_VERSION,
            "tables": {
                name: [{k: plain(v) for k, v in r.items()} for r in records]
                for name, records in tables.items()
            },
        }
        json.dump(doc, out, ensure_ascii=False, allow_nan=False)
        out.write("\n")
        return
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    writer = csv.writer(out, lineterminator="\n")
    for i, (name, records) in enumerate(tables.items()):
        if i:
            out.write("\n")
        out.write(f"# table: {name}\n")
        keys = _keys(records)
        writer.writerow(keys)
        for r in records:
            writer.writerow([_csv_cell(r.get(k)) for k in keys])
