"""Input files the commands share, read by their suffix.

A workbook (``.xlsx``, ``.xlsm``, needs ``pmedu[excel]``) is read by
[`pmedu.io.xlsx`][pmedu.io.xlsx], anything else as a CSV (encoding detected).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
>>> _ = p.write_text("unit,measure,value\\nT01,info_items,8\\n", encoding="utf-8")
>>> read_facts_file(p).get("T01", "info_items")
Decimal('8')
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from pmedu.datasets import sample_records, sample_year
from pmedu.errors import DataError, Problem, ProblemsError
from pmedu.io import read_tree
from pmedu.io.calendar import load_calendar
from pmedu.io.documents import atomic_open
from pmedu.io.facts import read_facts as read_facts_csv
from pmedu.io.holdings import read_holdings as read_holdings_csv
from pmedu.io.records import load_records
from pmedu.io.xlsx import read_facts as read_facts_xlsx
from pmedu.io.xlsx import read_holdings as read_holdings_xlsx
from pmedu.model.calendar import SchedulePolicy
from pmedu.network import OrgTree
from pmedu.records import Records
from pmedu.results import YearResults

__all__ = [
    "EXCEL_SUFFIXES",
    "RECORDS_HELP",
    "STDIN_NAME",
    "TREE_HELP",
    "add_records_argument",
    "add_sheet_option",
    "add_sheet_options",
    "demo_records",
    "demo_year",
    "is_workbook",
    "load_tree_and_records",
    "one_stdin",
    "read_facts_file",
    "read_facts_table",
    "read_holdings_file",
    "read_holdings_table",
    "sheet_of",
    "sniff_suffix",
    "stdin_path",
]

#: the name problems give a file read from stdin
STDIN_NAME = "<stdin>"

#: the suffixes read as workbooks
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")


def is_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as a workbook.

    >>> is_workbook("facts.XLSX"), is_workbook("facts.csv")
    (True, False)
    """
    return Path(path).suffix.lower() in EXCEL_SUFFIXES


def read_facts_file(path: str | os.PathLike[str], *, year: int | None = None) -> Any:
    """Facts from a workbook's first sheet or a CSV, long or wide."""
    if is_workbook(path):
        return read_facts_xlsx(path, year=year)
    return read_facts_csv(path, year=year)


def read_holdings_file(path: str | os.PathLike[str], tree: Any) -> dict[str, int]:
    """Film sets held per unit from a workbook's first sheet or a CSV."""
    if is_workbook(path):
        return dict(read_holdings_xlsx(path, tree=tree))
    return dict(read_holdings_csv(path, tree=tree))


def demo_year(given: YearResults | OrgTree) -> YearResults:
    """What a ``demo_section`` prints from: the ``YearResults`` given, or the sample year
    computed on the tree given ([`pmedu.datasets.sample_year`][pmedu.datasets.sample_year]).

    >>> from pmedu.datasets import sample_county
    >>> demo_year(sample_county()).year
    2025
    """
    if isinstance(given, YearResults):
        return given
    return sample_year(tree=given)


def demo_records(given: YearResults | OrgTree, *, records: Records | None = None) -> Records:
    """The records a ``demo_section`` prints from: ``records`` when the demo passes them (``pmedu
    demo --records R``: the same records its ``YearResults`` was computed from), else the records
    the ``YearResults`` carries (if it does), else the sample county's
    ([`pmedu.datasets.sample_records`][pmedu.datasets.sample_records]).

    >>> from pmedu.datasets import sample_county
    >>> t = sample_county()
    >>> demo_records(t).year, demo_records(t, records=Records(year=2024)).year
    (2025, 2024)
    """
    if records is not None:
        return records
    carried = getattr(given, "records", None)
    return carried if isinstance(carried, Records) else sample_records()


def sniff_suffix(head: bytes, *, default: str = ".csv") -> str:
    """The suffix of content read from stdin, from its first bytes: a workbook (a zip) is
    ``.xlsx``, a JSON document ``.json``, anything else ``default``.

    >>> sniff_suffix(b"PK\\x03\\x04"), sniff_suffix(b'\\xef\\xbb\\xbf {"units"')
    ('.xlsx', '.json')
    >>> sniff_suffix(b"id,name"), sniff_suffix(b"id,name", default=".json")
    ('.csv', '.json')
    """
    if head.startswith(b"PK\x03\x04"):
        return ".xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return ".json"
    return default


def one_stdin(**paths: str | None) -> None:
    """Refuse more than one input read from stdin (``-``): a
    [`DataError`][pmedu.errors.DataError] naming the arguments.

    >>> one_stdin(tree="-", facts="facts.csv", holdings=None)
    >>> one_stdin(tree="-", facts="-")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    tree, facts: only one input can be read from stdin ('-')
    """
    dashes = [name for name, path in paths.items() if path == "-"]
    if len(dashes) > 1:
        what = "only one input can be read from stdin ('-')"
        raise DataError([Problem(what, field=", ".join(dashes))])


def _renamed(exc: ProblemsError, temp: str) -> ProblemsError:
    problems = [attrs.evolve(p, file=STDIN_NAME) if p.file == temp else p for p in exc.problems]
    try:
        return type(exc)(problems)
    except TypeError:  # pragma: no cover - a subclass with another signature
        return exc


@contextlib.contextmanager
def stdin_path(path: str, *, default: str = ".csv", stdin: BinaryIO | None = None) -> Iterator[str]:
    """``path`` itself, or for ``-`` a temporary file holding stdin (its suffix from
    [`sniff_suffix`][pmedu.cli.inputs.sniff_suffix]), removed afterwards; problems raised
    inside name the file ``<stdin>``.

    >>> import io
    >>> with stdin_path("-", stdin=io.BytesIO(b"id,name\\n")) as p:
    ...     p.endswith(".csv"), Path(p).stat().st_size
    (True, 8)
    >>> with stdin_path("units.csv") as p:
    ...     p
    'units.csv'
    """
    if path != "-":
        yield path
        return
    data = (stdin if stdin is not None else sys.stdin.buffer).read()
    with tempfile.TemporaryDirectory(prefix="pmedu-stdin-") as d:
        temp = str(Path(d) / f"stdin{sniff_suffix(data[:64], default=default)}")
        with atomic_open(temp, mode="wb") as fh:  # io writes every file
            fh.write(data)
        try:
            yield temp
        except ProblemsError as exc:
            raise _renamed(exc, temp) from None


def add_calendar_option(parser: Any) -> None:
    """Add ``--calendar FILE`` (a centre's holidays and make-up working days, merged over the
    shipped official calendar:
    [`pmedu.io.calendar.load_calendar`][pmedu.io.calendar.load_calendar]).

    >>> import argparse
    >>> p = argparse.ArgumentParser(); add_calendar_option(p)
    >>> p.parse_args([]).calendar is None
    True
    """
    parser.add_argument(
        "--calendar",
        metavar="FILE",
        default=None,
        help="holidays and make-up working days (.toml, one table per year) merged over the "
        "shipped 2024-2026 calendar",
    )


def schedule_from(args: Any) -> SchedulePolicy | None:
    """The schedule policy of ``--calendar FILE`` (``None`` without it: the default policy, on
    the shipped official calendar).

    >>> import argparse
    >>> schedule_from(argparse.Namespace(calendar=None)) is None
    True
    """
    path = getattr(args, "calendar", None)
    if path is None:
        return None
    return SchedulePolicy(calendar=load_calendar(path))


def add_sheet_option(parser: Any) -> None:
    """``--sheet NAME``: the workbook's sheet a command reads its table from (issue 13).

    >>> import argparse
    >>> p = argparse.ArgumentParser()
    >>> add_sheet_option(p)
    >>> p.parse_args(["--sheet", "乡镇"]).sheet, p.parse_args([]).sheet
    ('乡镇', None)
    """
    parser.add_argument(
        "--sheet",
        default=None,
        metavar="NAME",
        help="the sheet of a workbook (.xlsx/.xls/.ods) to read (default: the first)",
    )


def read_facts_table(
    path: str | os.PathLike[str], *, year: int | None = None, sheet: str | None = None
) -> Any:
    """Facts from a CSV file or a sheet of any workbook (``.xlsx``, ``.xls``, ``.ods``), laid out
    as an office fills it in ([`pmedu.io.facts.read_facts`][pmedu.io.facts.read_facts]).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("unit,measure,value\\nT01,info_items,8\\n", encoding="utf-8")
    >>> read_facts_table(p).get("T01", "info_items")
    Decimal('8')
    """
    return read_facts_csv(path, year=year, sheet=sheet)


def read_holdings_table(
    path: str | os.PathLike[str], tree: Any, *, sheet: str | None = None
) -> dict[str, int]:
    """Sets held from a CSV file or a sheet of any workbook
    ([`pmedu.io.holdings.read_holdings`][pmedu.io.holdings.read_holdings]).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("编号,套数\\nT01,3\\n", encoding="utf-8")
    >>> read_holdings_table(p, None)
    {'T01': 3}
    """
    return dict(read_holdings_csv(path, tree=tree, sheet=sheet))


#: what every command's RECORDS accepts (read by
#: [`pmedu.io.records.load_records`][pmedu.io.records.load_records])
RECORDS_HELP = "a records bundle .json, a records workbook .xlsx/.xls/.ods or a folder of CSV files"

#: what every command's TREE accepts (read by [`pmedu.io.read_tree`][pmedu.io.read_tree])
TREE_HELP = "the unit table (.csv/.json, or a workbook .xlsx/.xls/.ods; '-': stdin)"

#: what each table a command reads is, for its ``--INPUT-sheet`` option's help
_TABLES = {
    "tree": "the unit table",
    "facts": "the facts",
    "holdings": "the holdings",
    "lineage": "the lineage table",
}


def add_records_argument(
    parser: Any, *, flag: str = "records", stdin: bool = True, **kwargs: Any
) -> None:
    """Add the RECORDS input (a positional, or an option when ``flag`` starts with ``-``): any
    of the three forms [`load_records`][pmedu.io.records.load_records] reads, the help saying so
    ([`RECORDS_HELP`][pmedu.cli.inputs.RECORDS_HELP]); ``stdin``: ``-`` reads stdin.

    >>> import argparse
    >>> p = argparse.ArgumentParser(); add_records_argument(p)
    >>> p.parse_args(["records_2025.xlsx"]).records
    'records_2025.xlsx'
    """
    text = RECORDS_HELP + (" ('-': stdin, .json or .xlsx)" if stdin else "")
    parser.add_argument(flag, help=text, **kwargs)


def add_sheet_options(parser: Any, *inputs: str) -> None:
    """The sheet of a workbook each table input is read from (issue 13), one table per input:
    ``--sheet`` when the command reads one table, else ``--tree-sheet``, ``--facts-sheet``,
    ``--holdings-sheet`` … one per input; each lands in ``args.INPUT_sheet``
    ([`sheet_of`][pmedu.cli.inputs.sheet_of]); default the workbook's first sheet.

    >>> import argparse
    >>> p = argparse.ArgumentParser(); add_sheet_options(p, "tree")
    >>> p.parse_args(["--sheet", "乡镇"]).tree_sheet
    '乡镇'
    >>> p = argparse.ArgumentParser(); add_sheet_options(p, "tree", "facts")
    >>> a = p.parse_args(["--facts-sheet", "考核"]); a.tree_sheet, a.facts_sheet
    (None, '考核')
    """
    for name in inputs:
        flag = "--sheet" if len(inputs) == 1 else f"--{name}-sheet"
        what = _TABLES.get(name, f"the {name}")
        parser.add_argument(
            flag,
            dest=f"{name}_sheet",
            default=None,
            metavar="NAME",
            help=f"the sheet of a workbook (.xlsx/.xls/.ods) {what} is read from "
            "(default: the first)",
        )


def sheet_of(args: Any, name: str) -> str | None:
    """The sheet input ``name`` is read from
    ([`add_sheet_options`][pmedu.cli.inputs.add_sheet_options]; ``None``: the first).

    >>> import argparse
    >>> a = argparse.Namespace(tree_sheet="乡镇")
    >>> sheet_of(a, "tree"), sheet_of(a, "facts")
    ('乡镇', None)
    """
    value = getattr(args, f"{name}_sheet", None)
    return value if isinstance(value, str) else None


def load_tree_and_records(args: Any, progress: Any) -> tuple[OrgTree, Records]:
    """The unit table ``args.tree`` (its ``--sheet``) and the records ``args.records`` (any of
    the three forms), checked against the tree: warnings to stderr, errors raised at once —
    what every command taking TREE RECORDS reads first.

    >>> import argparse
    >>> from pmedu.datasets import sample_path
    >>> args = argparse.Namespace(tree=str(sample_path()),
    ...                           records=str(sample_path(name="records_2025.json")))
    >>> tree, records = load_tree_and_records(args, lambda _: None)
    >>> len(tree), len(records.members)
    (390, 21361)
    """
    one_stdin(tree=args.tree, records=args.records)
    progress(f"reading {args.tree}")
    with stdin_path(args.tree) as path:
        tree = read_tree(path, sheet=sheet_of(args, "tree"))
    progress(f"reading {args.records}")
    with stdin_path(args.records, default=".json") as path:
        records = load_records(path)
    progress(f"checking the records against {len(tree):,} units")
    report = records.check(tree=tree, source=str(args.records))
    for p in report.warnings:
        print(f"warning: {p}", file=sys.stderr)
    report.raise_errors()
    return tree, records
