"""Mutation fuzzing of pmedu's readers (issue 12, deliverable 6): mutants made from the sample
files, run through each reader, judged by one oracle.

Used by ``tests/test_fuzz_readers.py`` (a short seeded run) and ``benchmarks/fuzz_campaign.py``
(the big campaign). A mutant is bytes plus what it changed:

* ``keeps`` mutants keep the meaning (a BOM, CRLF line ends, trailing blank lines, another column
  order of a CSV file): they must load EQUAL to the original;
* every other mutant must give a [`PmeduError`][pmedu.errors.PmeduError], or an object that
  differs from the original only in the records its mutation touched: the loaded object is
  flattened into records (a unit, a row, an item of a list, a top-level field) and at most
  ``2 × touched`` records may be missing or new (a changed record is one missing and one new).

Anything else is a finding: a traceback (any other exception), a hang (over the time limit), or
wrong data accepted (loaded, but more records differ than the mutation touched).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
import re
import shutil
import tempfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import attrs

from pmedu.convert import unstructure
from pmedu.datasets import sample_path
from pmedu.errors import PmeduError
from pmedu.io import read_tree
from pmedu.io.facts import read_facts
from pmedu.io.holdings import read_holdings
from pmedu.io.jsonfile import load_tree, save_tree
from pmedu.io.policies import load_policy
from pmedu.io.records import load_records
from pmedu.io.rubrics import load_rubric
from pmedu.io.rules import load_rules
from pmedu.io.sessions import read_sessions_csv
from pmedu.io.standards import load_standard
from pmedu.io.table import unit_rows

SRC = Path(__file__).resolve().parent.parent / "src" / "pmedu"

SESSIONS_CSV = (
    "id,station_id,date,films,theme,expected_count,signed_in_count\n"
    "s1,S-T01,2025-01-10,F1;F2,学习党章,20,18\n"
    "s2,S-T01,2025-02-14,F3,乡村振兴,20,17\n"
    "s3,S-T01-C01,2025/3/9,F1,党史,12,12\n"
    "s4,S-T01-C01,2025-04-11,,科技,12,9\n"
    "s5,S-T02,2025年5月6日,F2;F4,法治,30,25\n"
    "s6,S-T02,2025-06-20,F5,防汛,30,28\n"
)


@attrs.frozen
class Mutant:
    """Mutated bytes; ``touched`` the records (lines, cells) it changed; ``keeps`` when the
    meaning is kept (must load equal)."""

    kind: str
    data: bytes
    touched: int = 1
    keeps: bool = False


# ---- loading into comparable records -------------------------------------------------------


def _freeze(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_freeze(v) for v in value]
        return (
            tuple(sorted(items, key=repr)) if isinstance(value, set | frozenset) else tuple(items)
        )
    return repr(value)


def records(plain: Any, *, split: bool = True) -> Counter[Hashable]:
    """The records of a loaded object's plain form: each item of a top-level list (with
    ``split``; else the list is one record), each other top-level field."""
    out: Counter[Hashable] = Counter()
    if isinstance(plain, dict):
        for key, value in plain.items():
            if split and isinstance(value, list):
                out.update((key, _freeze(v)) for v in value)
            else:
                out[(key, _freeze(value))] += 1
    elif isinstance(plain, list | tuple):
        out.update(_freeze(v) for v in plain)
    else:
        out[_freeze(plain)] += 1
    return out


def _units(tree: Any) -> dict[str, Any]:
    return {u.id: attrs.astuple(u) for u in tree}


def _quiet(read: Callable[[Path], Any]) -> Callable[[Path], Any]:
    def run(path: Path) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read(path)

    return run


@attrs.frozen
class Reader:
    """A reader under fuzz: its sample file's name and bytes, and ``load`` → plain data."""

    name: str
    filename: str
    sample: Callable[[Path], bytes]
    load: Callable[[Path], Any]
    text: bool = True
    table: bool = False
    split: bool = True


def _file(path: Path) -> Callable[[Path], bytes]:
    return lambda _d: path.read_bytes()


def _unit_xlsx(d: Path) -> bytes:
    xlsx = __import__("pmedu.io.xlsx", fromlist=["write_tables"])
    tables = __import__("pmedu.tables", fromlist=["Table"])
    tree = read_tree(sample_path())
    head, *rows = list(unit_rows(tree))
    cols = [tables.Column(h) for h in head]
    path = xlsx.write_tables(d / "u.xlsx", {"units": tables.Table(columns=cols, rows=rows)})
    return Path(path).read_bytes()


def _tree_json(d: Path) -> bytes:
    return save_tree(read_tree(sample_path()), d / "t.json").read_bytes()


def _facts_plain(path: Path) -> Any:
    return [tuple(sorted(r.items())) for r in read_facts(path).to_records()]


def _sessions_plain(path: Path) -> Any:
    return [unstructure(s) for s in read_sessions_csv(path)]


READERS: dict[str, Reader] = {
    r.name: r
    for r in [
        Reader(
            "unit CSV",
            "u.csv",
            _file(sample_path()),
            _quiet(lambda p: _units(read_tree(p, strict=True))),
            table=True,
        ),
        Reader(
            "unit xlsx",
            "u.xlsx",
            _unit_xlsx,
            _quiet(lambda p: _units(read_tree(p, strict=True))),
            text=False,
        ),
        Reader("tree JSON", "t.json", _tree_json, lambda p: _units(load_tree(p))),
        Reader(
            "records JSON",
            "r.json",
            # 0.1.0's copy of the sample: the same document without the roster (issue 13
            # made the sample 13 times bigger, too slow for a mutant a fraction of a second)
            _file(Path(__file__).parent / "data" / "v0_1_0" / "records_2025.json"),
            lambda p: load_records(p).to_dict(),
        ),
        Reader(
            "rubric TOML",
            "r.toml",
            _file(SRC / "scoring" / "presets" / "county_township.toml"),
            lambda p: load_rubric(p).to_dict(),
            split=False,
        ),
        Reader(
            "policy TOML",
            "p.toml",
            _file(SRC / "supply" / "presets" / "seed001.toml"),
            lambda p: unstructure(load_policy(p)),
            split=False,
        ),
        Reader(
            "standard TOML",
            "s.toml",
            _file(SRC / "stations" / "presets" / "six_haves.toml"),
            lambda p: unstructure(load_standard(p)),
            split=False,
        ),
        Reader(
            "rules TOML",
            "rules.toml",
            _file(SRC / "network" / "presets" / "default.toml"),
            lambda p: unstructure(load_rules(p)),
            split=False,
        ),
        Reader(
            "holdings CSV",
            "h.csv",
            _file(sample_path(name="holdings.csv")),
            _quiet(lambda p: read_holdings(p)),
            table=True,
        ),
        Reader(
            "facts CSV",
            "f.csv",
            _file(sample_path(name="facts_2025.csv")),
            _quiet(_facts_plain),
            table=True,
        ),
        Reader(
            "sessions CSV",
            "s.csv",
            lambda _d: SESSIONS_CSV.encode(),
            _quiet(_sessions_plain),
            table=True,
        ),
    ]
}


# ---- mutations ---------------------------------------------------------------------------------

_NUMBER = re.compile(rb"(?<![\w.])[0-9]+(?:\.[0-9]+)?(?![\w.])")
_BAD_NUMBERS = [b"9" * 5000, b"1e309", b"1e-400", b"nan", b"inf", b"-1", b"99999999999", b"1" * 31]
_BAD_TEXT = ["\x00", "\x07", "\ufeff", "\ud800", '"', "'=", "\u202e"]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _keeping(data: bytes, table: bool, rng: random.Random) -> Iterator[Mutant]:
    yield Mutant("bom", codecs.BOM_UTF8 + data.removeprefix(codecs.BOM_UTF8), keeps=True)
    crlf = re.sub(rb"\r?\n", b"\r\n", data)
    yield Mutant("crlf", crlf, keeps=True)
    yield Mutant("trailing blank lines", data.rstrip(b"\n") + b"\n\n\n", keeps=True)
    if table:
        yield Mutant("column order", _permuted(data, rng), keeps=True)


def _permuted(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    order = list(range(len(rows[0])))
    rng.shuffle(order)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row[i] for i in order])
    return out.getvalue().encode()


def _text_mutant(data: bytes, rng: random.Random) -> Mutant:
    """One mutant; a change to the first line (a table's header) touches every record."""
    mutant = _text_mutant_at(data, rng)
    if mutant.touched < 0:
        return attrs.evolve(mutant, touched=len(_lines(data)))
    return mutant


def _text_mutant_at(data: bytes, rng: random.Random) -> Mutant:
    lines = _lines(data)
    kind = rng.choice(
        [
            "byte flip",
            "truncate",
            "duplicate line",
            "delete line",
            "swap cells",
            "huge number",
            "deep nesting",
            "mid BOM",
            "GBK line",
            "UTF-16",
            "bad character",
            "blank header",
            "swap lines",
        ]
    )
    if kind == "byte flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return Mutant(kind, bytes(buf), touched=6)
    if kind == "truncate":
        cut = rng.randrange(len(data))
        return Mutant(kind, data[:cut], touched=data.count(b"\n", cut) + 1)
    n = rng.randrange(len(lines))
    one = -1 if n == 0 else 1  # -1: the header, every record
    if kind == "duplicate line":
        return Mutant(kind, b"".join([*lines[: n + 1], lines[n], *lines[n + 1 :]]), touched=one)
    if kind == "delete line":
        return Mutant(kind, b"".join(lines[:n] + lines[n + 1 :]), touched=one)
    if kind == "swap lines":
        m = rng.randrange(len(lines))
        lines[n], lines[m] = lines[m], lines[n]
        return Mutant(kind, b"".join(lines), touched=-1 if 0 in (n, m) else 2)
    if kind == "swap cells":
        cells = lines[n].split(b",")
        if len(cells) > 1:
            i, j = rng.sample(range(len(cells)), 2)
            cells[i], cells[j] = cells[j], cells[i]
        lines[n] = b",".join(cells)
        return Mutant(kind, b"".join(lines), touched=one)
    if kind == "huge number":
        found = list(_NUMBER.finditer(data))
        if not found:
            return Mutant(kind, data + b"9" * 5000)
        hit = rng.choice(found)
        return Mutant(kind, data[: hit.start()] + rng.choice(_BAD_NUMBERS) + data[hit.end() :])
    if kind == "deep nesting":
        depth = rng.choice([65, 200, 1000, 5000])
        if rng.random() < 0.5:
            nest = b"[" * depth + b"1" + b"]" * depth
        else:
            nest = b"{" + b'"a":{' * depth + b"}" * (depth + 1)
        pos = rng.randrange(len(data))
        return Mutant(kind, data[:pos] + nest + data[pos:])
    if kind == "mid BOM":
        pos = rng.randrange(len(data))
        return Mutant(kind, data[:pos] + codecs.BOM_UTF8 + data[pos:])
    if kind == "GBK line":
        try:
            lines[n] = lines[n].decode("utf-8").encode("gbk")
        except (UnicodeError, LookupError):
            lines[n] = "某县东镇".encode("gbk") + lines[n]
        return Mutant(kind, b"".join(lines), touched=one)
    if kind == "UTF-16":
        return Mutant(kind, data.decode("utf-8", "replace").encode("utf-16"), keeps=False)
    if kind == "blank header":
        lines[0] = lines[0].replace(b",", b",,", 1)
        return Mutant(kind, b"".join(lines), touched=len(lines))
    # a bad character in a line
    text = lines[n].decode("utf-8", "replace")
    pos = rng.randrange(len(text) + 1)
    bad = rng.choice(_BAD_TEXT)
    lines[n] = (text[:pos] + bad + text[pos:]).encode("utf-8", "surrogatepass")
    return Mutant(kind, b"".join(lines), touched=one)


def _xlsx_mutant(data: bytes, rng: random.Random) -> Mutant:
    if rng.random() < 0.3:
        buf = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return Mutant("byte flip (zip)", bytes(buf), touched=10**6)
    if rng.random() < 0.1:
        return Mutant("truncate (zip)", data[: rng.randrange(len(data))], touched=10**6)
    # mutate a part inside the zip, the sheet's XML most of the time
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    sheet = [n for n in names if n.startswith("xl/worksheets/sheet")]
    target = sheet[0] if sheet and rng.random() < 0.8 else rng.choice(names)
    out = io.BytesIO()
    inner = _text_mutant(src.read(target), rng)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            dst.writestr(name, inner.data if name == target else src.read(name))
    return Mutant(f"{inner.kind} (in {target.rsplit('/', 1)[-1]})", out.getvalue(), touched=10**6)


def mutants(reader: Reader, original: bytes, rng: random.Random) -> Iterator[Mutant]:
    """An endless stream of mutants of ``original``: the meaning-keeping ones first."""
    if reader.text:
        yield from _keeping(original, reader.table, rng)
    while True:
        yield _text_mutant(original, rng) if reader.text else _xlsx_mutant(original, rng)


# ---- the oracle ----------------------------------------------------------------------------------

OUTCOMES = ("equal", "PmeduError", "differs-only-at-field", "traceback", "hang", "wrong-data")


def judge(reader: Reader, expected: Any, mutant: Mutant, path: Path) -> tuple[str, str]:
    """The outcome of loading ``mutant`` (one of OUTCOMES) and a note."""
    path.write_bytes(mutant.data)
    try:
        got = reader.load(path)
    except PmeduError:
        return ("PmeduError", "") if not mutant.keeps else ("wrong-data", "refused a keeper")
    except RecursionError as exc:
        return "traceback", f"RecursionError: {exc}"
    except Exception as exc:
        return "traceback", f"{type(exc).__name__}: {str(exc)[:200]}"
    if got == expected:
        return "equal", ""
    if mutant.keeps:
        return "wrong-data", "a meaning-keeping mutant loaded different"
    a, b = records(expected, split=reader.split), records(got, split=reader.split)
    differing = sum(((a - b) + (b - a)).values())
    if differing <= 2 * mutant.touched:
        return "differs-only-at-field", f"{differing} records"
    return "wrong-data", f"{differing} records differ, {mutant.touched} touched"


def run(
    reader: Reader, *, count: int, seed: int, workdir: Path | None = None
) -> Iterator[tuple[Mutant, str, str]]:
    """Judge ``count`` mutants of ``reader``'s sample (seeded)."""
    rng = random.Random(seed)
    d = Path(tempfile.mkdtemp()) if workdir is None else workdir
    try:
        sample = d / reader.filename
        original = reader.sample(d)
        sample.write_bytes(original)
        expected = reader.load(sample)
        for k, mutant in enumerate(mutants(reader, original, rng)):
            if k >= count:
                return
            outcome, note = judge(reader, expected, mutant, d / f"m{reader.filename}")
            yield mutant, outcome, note
    finally:
        if workdir is None:
            shutil.rmtree(d, ignore_errors=True)


def dumps(data: Any) -> str:
    """JSON of a finding, for the campaign's report."""
    return json.dumps(data, ensure_ascii=False, default=str)
