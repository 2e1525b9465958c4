"""``pmedu records``: the records workbook 记录工作簿 — its template, its check, merging returns.

``pmedu records template OUT.xlsx [--tree TREE --township ID]`` writes the empty workbook a county
sends its townships: one sheet per record type with its Chinese headers, drop-down lists for every
closed vocabulary, the instructions sheet 填表说明 and one example row per sheet; with a tree and a
township, prefilled with the township's own units (单位表, the drop-down of unit ids) and stations.
``pmedu records check TREE RECORDS --year Y`` prints every problem of a return as
``FILE:SHEET!ROW: column: what`` (``FILE:ROW:`` in a CSV file), then the warnings.
``pmedu records merge OUT RECORDS...`` merges townships' returns into one; duplicate ids, units
outside the sender's township and a second return for the same township are problems, never
silent overwrites. RECORDS is a workbook (``.xlsx``/``.xls``/``.ods``), a folder of CSV files or a
JSON records document.

>>> import io, contextlib, tempfile, pathlib
>>> from pmedu.cli import main
>>> from pmedu.datasets import sample_path
>>> out = pathlib.Path(tempfile.mkdtemp()) / "returns"
>>> buf = io.StringIO()
>>> with contextlib.redirect_stdout(buf):
...     status = main(argv=["records", "merge", str(out),
...                         str(sample_path(name="records_2025.json"))])
>>> status, buf.getvalue().splitlines()[0]
(0, 'merged 1 return')
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from pmedu.cli.output import add_parser
from pmedu.errors import DataError, Problem
from pmedu.io import read_tree
from pmedu.io.recordbook import Book, Place, book_sheets, locate, write_workbook
from pmedu.io.records import load_book, save_records
from pmedu.labels import UnitKind
from pmedu.model import Station
from pmedu.network import OrgTree
from pmedu.records import Records

__all__ = ["merge_books", "register", "sender_township", "template_records"]


def register(subparsers: Any) -> None:
    """Add the ``records`` command and its ``template``, ``check`` and ``merge`` subcommands."""
    p = add_parser(
        subparsers,
        "records",
        help="the records workbook: template, check, merge townships' returns",
        description="Write the records workbook template, check a return sheet by sheet, or "
        "merge townships' returns into one (workbook, CSV folder or JSON).",
        examples=[
            "pmedu records template records_T01.xlsx --tree units.csv --township T01",
            "pmedu records check units.csv records_T01.xlsx --year 2025",
            "pmedu records merge records_2025.xlsx returns/T01.xlsx returns/T02.xlsx",
        ],
    )
    sub = p.add_subparsers(dest="records_command", metavar="{template,check,merge}")
    t = add_parser(
        sub,
        "template",
        help="write the empty records workbook (headers, drop-downs, instructions)",
        description="Write the records workbook with headers, drop-down lists for every closed "
        "vocabulary, the instructions sheet 填表说明 and one example row per sheet; with "
        "--tree and --township, prefilled with that township's units and stations.",
        examples=["pmedu records template records_T01.xlsx --tree units.csv --township T01"],
    )
    t.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    t.add_argument("--tree", help="the unit table, to prefill a township's units and stations")
    t.add_argument("--township", metavar="ID", help="the township (or street) the return is for")
    t.add_argument("--year", type=int, help="the year the return is for (填表说明's 年度)")
    t.set_defaults(func=run_template)
    c = add_parser(
        sub,
        "check",
        help="report every problem of a return as FILE:SHEET!ROW: column: what",
        description="Read a return (workbook, CSV folder or JSON) and check it against the unit "
        "table and the year: every problem, then the warnings, one per line.",
        examples=["pmedu records check units.csv records_T01.xlsx --year 2025"],
    )
    c.add_argument("tree", help="the unit table (.csv/.json/.xlsx)")
    c.add_argument("records", help="the return: a workbook, a folder of CSV files or .json")
    c.add_argument("--year", type=int, required=True, help="the year the records are for")
    c.set_defaults(func=run_check)
    m = add_parser(
        sub,
        "merge",
        help="merge townships' returns into one records file",
        description="Merge townships' returns into one (written by OUT's suffix: .xlsx, .json, "
        "or a folder of CSV files). Duplicate ids, units outside the sender's township (with "
        "--tree) and a second return for the same township are problems.",
        examples=["pmedu records merge records_2025.xlsx T01.xlsx T02.xlsx --tree units.csv"],
    )
    m.add_argument("out", help="the merged records (.xlsx, .json, or a folder)")
    m.add_argument("returns", nargs="+", metavar="RECORDS", help="the townships' returns")
    m.add_argument("--tree", help="the unit table, to check each return's township")
    m.set_defaults(func=run_merge)
    p.set_defaults(func=_usage(p))


def _usage(parser: argparse.ArgumentParser) -> Any:
    def run(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return run


# ---- template ----------------------------------------------------------------------------------


def template_records(tree: OrgTree, township: str, *, year: int | None = None) -> Records:
    """The records a township's template is prefilled with: a station for each of its units
    the unit table says has one (``S-`` and the unit id; the township corrects and completes).

    >>> from pmedu.datasets import sample_county
    >>> r = template_records(sample_county(), "T01", year=2025)
    >>> r.year, r.stations[0].id, r.stations[0].unit_id
    (2025, 'S-T01', 'T01')
    """
    stations = [
        Station(id=f"S-{u.id}", unit_id=u.id, name=u.name)
        for u in tree.units(within=township)
        if u.has_station
    ]
    return Records(year=year, stations=stations)


def run_template(args: argparse.Namespace) -> int:
    """Write the template workbook."""
    if (args.tree is None) != (args.township is None):
        raise DataError([Problem("--tree and --township go together", field="--township")])
    records = Records(year=args.year)
    units: list[tuple[str, str]] = []
    if args.tree is not None:
        tree = read_tree(args.tree)
        if args.township not in tree:
            raise DataError([Problem(f"no unit {args.township!r} in the tree", file=args.tree)])
        records = template_records(tree, args.township, year=args.year)
        units = [(u.id, u.name) for u in tree.units(within=args.township)]
    path = write_workbook(records, args.out, township=args.township, template=True, units=units)
    print(f"template written: {path}")
    return 0


# ---- check -------------------------------------------------------------------------------------


def check_lines(book: Book, tree: OrgTree, year: int) -> tuple[list[str], list[str]]:
    """The errors and the warnings of a return's records check, each at its sheet row."""
    source = None if book.places else book.source
    report = book.records.check(tree=tree, year=year, source=source)

    def shown(p: Problem) -> str:
        q = locate(p, book)
        return str(q if q.file is not None else attrs.evolve(q, file=book.source))

    return [shown(p) for p in report.errors], [f"warning: {shown(p)}" for p in report.warnings]


def run_check(args: argparse.Namespace) -> int:
    """Check one return; exit 1 when it has problems."""
    tree = read_tree(args.tree)
    book = load_book(args.records)
    errors, warns = check_lines(book, tree, args.year)
    for line in [*errors, *warns]:
        print(line)
    n, w = len(errors), len(warns)
    print(f"pmedu: {n} problem{'s' if n != 1 else ''}, {w} warning{'s' if w != 1 else ''}",
          file=sys.stderr)  # fmt: skip
    return 1 if errors else 0


# ---- merge -------------------------------------------------------------------------------------


def _township_of(tree: OrgTree, unit_id: str) -> str | None:
    if unit_id not in tree:
        return None
    level = UnitKind.TOWNSHIP.level
    for u in (*tree.ancestors(unit_id), tree.unit(unit_id)):
        if u.kind.level == level:
            return u.id
    return None


def _unit_ids(records: Records) -> Iterable[tuple[str, int, str]]:
    """(field, index, unit id) for every record naming a unit."""
    for sheet in book_sheets():
        if not any(c.name == "unit_id" for c in sheet.columns):
            continue
        for i, r in enumerate(getattr(records, sheet.field)):
            yield sheet.field, i, r.unit_id


def sender_township(book: Book, tree: OrgTree | None) -> str | None:
    """The township a return comes from: its 填表说明's 填报单位, else (with a tree) the township
    that holds more than half of the units its records name (``None`` when none does: a
    county-wide return).

    >>> from pmedu.datasets import sample_county
    >>> from pmedu.model import Station
    >>> b = Book(Records(stations=[Station(id="S", unit_id="T04-V01")]))
    >>> sender_township(b, sample_county()), sender_township(b, None)
    ('T04', None)
    """
    if book.township:
        return book.township
    if tree is None:
        return None
    found = Counter(_township_of(tree, u) for _, _, u in _unit_ids(book.records))
    total = sum(found.values())
    found.pop(None, None)
    if not found:
        return None
    town, n = found.most_common(1)[0]
    return town if 2 * n > total else None  # no township holds most: a county-wide return


def _where(book: Book, field: str, i: int, column: str | None = None) -> Problem:
    places = book.places.get(field, ())
    if i < len(places):
        pl: Place = places[i]
        return Problem("", file=pl.file, sheet=pl.sheet, row=pl.row, field=column)
    return Problem("", file=book.source, field=f"$.{field}[{i}]" + (f".{column}" if column else ""))


def _key(record: Any) -> Any:
    if hasattr(record, "id"):
        return record.id
    names = [
        a.name for a in attrs.fields(type(record)) if a.name.endswith("_id") or a.name == "year"
    ]
    return tuple(getattr(record, n) for n in names)


class _Merge:
    def __init__(self, tree: OrgTree | None) -> None:
        self.tree = tree
        self.problems: list[Problem] = []
        self.items: dict[str, dict[Any, tuple[Any, Book, int]]] = {
            s.field: {} for s in book_sheets()
        }
        self.senders: dict[str, Book] = {}
        self.years: dict[int, Book] = {}

    def add(self, book: Book) -> None:
        sender = sender_township(book, self.tree)
        if sender is not None:
            if sender in self.senders:
                what = (
                    f"a second return for township {sender!r} (also {self.senders[sender].source})"
                )
                self.problems.append(Problem(what, file=book.source))
            self.senders.setdefault(sender, book)
            self._outside(book, sender)
        if book.records.year is not None:
            self.years.setdefault(book.records.year, book)
        for sheet in book_sheets():
            for i, record in enumerate(getattr(book.records, sheet.field)):
                self._item(sheet.field, record, book, i)

    def _outside(self, book: Book, sender: str) -> None:
        if self.tree is None:
            return
        for field, i, uid in _unit_ids(book.records):
            town = _township_of(self.tree, uid)
            if town != sender:
                what = f"unit {uid!r} is not in township {sender!r}, the sender's"
                self.problems.append(attrs.evolve(_where(book, field, i, None), what=what))

    def _item(self, field: str, record: Any, book: Book, i: int) -> None:
        table = self.items[field]
        key = _key(record)
        seen = table.get(key)
        if seen is None:
            table[key] = (record, book, i)
            return
        if seen[0] == record and seen[1] is not book:
            return  # the same record in two returns (the county's film list): kept once
        other = _where(seen[1], field, seen[2]).where
        what = f"duplicate {key!r} (also {other})"
        self.problems.append(attrs.evolve(_where(book, field, i), what=what))

    def records(self) -> Records:
        if len(self.years) > 1:
            years = ", ".join(f"{y} ({b.source})" for y, b in self.years.items())
            self.problems.append(Problem(f"returns for different years: {years}"))
        if self.problems:
            raise DataError(self.problems)
        year = next(iter(self.years), None)
        return Records(
            year=year, **{f: [r for r, _, _ in t.values()] for f, t in self.items.items()}
        )


def merge_books(books: Sequence[Book], *, tree: OrgTree | None = None) -> Records:
    """Townships' returns merged into one; every conflict raised at once as a
    [`DataError`][pmedu.errors.DataError] (a duplicate id, a unit outside the sender's township,
    a second return for a township, returns for different years). A record sent identically
    by two returns is kept once.

    >>> from pmedu.model import Station
    >>> a = Book(Records(stations=[Station(id="S1", unit_id="V1")]), source="a.json")
    >>> b = Book(Records(stations=[Station(id="S1", unit_id="V2")]), source="b.json")
    >>> merge_books([a, b])
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    b.json: $.stations[0]: duplicate 'S1' (also a.json: $.stations[0])
    """
    merge = _Merge(tree)
    for book in books:
        merge.add(book)
    return merge.records()


def run_merge(args: argparse.Namespace) -> int:
    """Merge the returns and write the merged records."""
    tree = read_tree(args.tree) if args.tree else None
    books = [load_book(p) for p in args.returns]
    merged = merge_books(books, tree=tree)
    path = save_records(merged, args.out)
    towns = {s for b in books if (s := sender_township(b, tree)) is not None}
    n = len(books)
    line = f"merged {n} return{'s' if n != 1 else ''}"
    if towns:
        line += f" from {len(towns)} township{'s' if len(towns) != 1 else ''}: "
        line += ", ".join(sorted(towns))
    print(line)
    for sheet in book_sheets():
        k = len(getattr(merged, sheet.field))
        if k:
            print(f"  {sheet.name}: {k:,}")
    print(f"written: {path}")
    return 0
