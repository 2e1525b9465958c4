r"""Text files read strictly: one encoding per file, delimited rows that are what they say.

* [`decode_text`][pmedu.io.text.decode_text] — the text of a file's bytes in ONE encoding: a
  byte-order mark (UTF-8, UTF-16 LE/BE), else strict UTF-8, else GBK (or its superset GB18030) for
  the whole file. A file that is UTF-8 up to one line in another encoding is an error naming that
  line (never decoded whole as GB18030: 某县 would become 鏌愬幙), and so is a byte-order mark in
  the middle of the text or a NUL character.
* [`read_delimited`][pmedu.io.text.read_delimited] — the rows of CSV/TSV text with the file's own
  line numbers, parsed strictly: an unbalanced quote, a row with fewer or more cells than the header
  and a blank header over a column with data are errors at their row, never padded or dropped.
* [`escape_formula`][pmedu.io.text.escape_formula] /
  [`unescape_formula`][pmedu.io.text.unescape_formula] — text a spreadsheet would run as a formula
  is written with a leading ``'``; pmedu's readers strip it again.

>>> text, enc = decode_text("编号,名称\r\nT01,东镇\r\n".encode("gbk"), source="u.csv")
>>> enc
'gbk'
>>> read_delimited(text, source="u.csv")
[(1, ['编号', '名称']), (2, ['T01', '东镇'])]
>>> read_delimited("id,name\nT01\n", source="u.csv")
Traceback (most recent call last):
...
pmedu.errors.DataError: 1 problem:
u.csv:2: 1 cell where the header has 2 (a short or truncated row)
"""

from __future__ import annotations

import codecs
import csv
import io

from pmedu.errors import DataError, Problem

__all__ = [
    "FORMULA_START",
    "MAX_CELL_LINES",
    "SNIFF_LINES",
    "decode_text",
    "escape_formula",
    "header_problems",
    "read_delimited",
    "sniff_delimiter",
    "unescape_formula",
]

#: a cell spanning more lines than this is taken for a quote that was never closed
MAX_CELL_LINES = 20
#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _error(what: str, source: str, line: int | None = None) -> DataError:
    return DataError([Problem(what, file=source, row=line)])


def _checked_text(text: str, source: str) -> str:
    """``text`` without its leading BOM; an error for a BOM or NUL inside it."""
    text = text.removeprefix("\ufeff")
    for ch, what in (
        ("\ufeff", "a byte-order mark (U+FEFF) in the middle of the text"),
        ("\x00", "a NUL character (is it UTF-16 without a byte-order mark?)"),
    ):
        at = text.find(ch)
        if at >= 0:
            raise _error(what, source, text.count("\n", 0, at) + 1)
    return text


def _decode_as(data: bytes, encoding: str, source: str, shown: str | None = None) -> str:
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except LookupError:
        raise _error(f"unknown encoding {shown or encoding!r}", source) from None
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise _error(
            f"not valid {shown or encoding}: cannot decode the bytes {bad!r} (the whole file "
            "must be in one encoding)",
            source,
            _line(data, exc.start),
        ) from None


def _mixed_line(data: bytes) -> int | None:
    """The first line that is not UTF-8 when other lines are UTF-8 beyond doubt, else None.

    "Beyond doubt" is a line that decodes as UTF-8 and holds a character of three or more
    bytes (every Chinese character): a GBK pair can look like a two-byte UTF-8 character
    (某 in GBK is the UTF-8 of ĳ), three-byte ones practically never.
    """
    utf8_seen = False
    first_bad: int | None = None
    for n, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or n
            continue
        utf8_seen = utf8_seen or any(ord(ch) >= 0x800 for ch in line)
    return first_bad if utf8_seen else None


def decode_text(data: bytes, *, source: str, encoding: str | None = None) -> tuple[str, str]:
    r"""The text of a file's bytes and the encoding used (detected when ``encoding`` is None).

    The whole file is decoded in one encoding. Detection: a UTF-8 or UTF-16 byte-order mark;
    else strict UTF-8; when that fails and other lines are plainly UTF-8 (they hold Chinese
    characters in UTF-8), the file mixes encodings — an error naming the first line that is
    not; otherwise GBK for the whole file, else GB18030. A leading byte-order mark is
    dropped; one in the middle of the text, or a NUL, is an error at its line.

    >>> decode_text(codecs.BOM_UTF8 + "编号".encode(), source="f.csv")
    ('编号', 'utf-8-sig')
    >>> decode_text("编号".encode("utf-16"), source="f.csv")
    ('编号', 'utf-16')
    >>> decode_text("某县\n".encode() + "东镇\n".encode("gbk"), source="f.csv")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    f.csv:2: line 2 is not UTF-8 like the other lines (the whole file must be in one encoding)
    """
    if encoding is not None:
        used = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        return _checked_text(_decode_as(data, used, source, encoding), source), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _checked_text(_decode_as(data, "utf-8-sig", source), source), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked_text(_decode_as(data, "utf-16", source), source), "utf-16"
    try:
        return _checked_text(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_line(data)
    if mixed is not None:
        raise _error(
            f"line {mixed} is not UTF-8 like the other lines (the whole file must be "
            "in one encoding)",
            source,
            mixed,
        )
    for enc in ("gbk", "gb18030"):
        try:
            return _checked_text(data.decode(enc), source), enc
        except UnicodeDecodeError:
            continue
    _decode_as(data, "gb18030", source)  # raises, naming the line
    raise AssertionError("unreachable")  # pragma: no cover


#: how many of a file's first non-blank lines are looked at for its delimiter
SNIFF_LINES = 20


def _delimited_line(text: str) -> str:
    """The first of the first non-blank lines holding a tab, semicolon or comma, else the first
    non-blank line (a file of one column)."""
    first = ""
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        first = first or line
        if any(sep in line for sep in "\t;,"):
            return line
        seen += 1
        if seen >= SNIFF_LINES:
            break
    return first


def sniff_delimiter(header: str) -> str:
    r"""The delimiter of a file whose first line is ``header``: tab, semicolon or comma.

    A tab anywhere in the header wins (UTF-16 "Unicode text" exports are tab-separated);
    else the more frequent of ``;`` and ``,`` outside quotes (comma when neither occurs).

    >>> sniff_delimiter("id\tname"), sniff_delimiter("id;name,x;y"), sniff_delimiter("id")
    ('\t', ';', ',')
    """
    outside = header.split('"')[::2]
    if any("\t" in part for part in outside):
        return "\t"
    semicolons = sum(part.count(";") for part in outside)
    commas = sum(part.count(",") for part in outside)
    return ";" if semicolons > commas else ","


def _header_problems(header: list[str], line: int, source: str) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        key = name.strip()
        if key and key in seen:
            problems.append(
                Problem(
                    f"the column {key!r} occurs twice (columns {seen[key]} and {i})",
                    file=source,
                    row=line,
                )
            )
        seen.setdefault(key, i)
    return problems


def header_problems(
    header: list[str], rows: list[tuple[int, list[str]]], line: int, source: str
) -> list[Problem]:
    """The problems of a delimited file's header row (on ``line``) over its data ``rows``
    (``(line, cells)``): the same header twice, a blank header over a column with data. For a
    reader that finds the header itself ([`pmedu.io.layout.lay_out`][pmedu.io.layout.lay_out])
    and reads with ``header_checks=False``.

    >>> for p in header_problems(["id", "", "id"], [(2, ["T", "x", ""])], 1, "f.csv"): print(p)
    f.csv:1: the column 'id' occurs twice (columns 1 and 3)
    f.csv:1: column 2 has no header but has data (first on line 2)
    """
    return _header_problems(header, line, source) + _blank_header_problems(
        header, rows, line, source
    )


def _row_problem(
    cells: list[str], width: int, delimiter: str, *, widths: bool, spans: bool
) -> str | None:
    """What is wrong with a data row; ``spans``: the row runs over several lines of the file
    (only then can a cell hold a line break)."""
    if not widths:
        pass
    elif len(cells) < width:
        s = "s" if len(cells) != 1 else ""
        return f"{len(cells)} cell{s} where the header has {width} (a short or truncated row)"
    elif len(cells) > width:
        return f"{len(cells)} cells where the header has {width}"
    if not spans:
        return None
    for cell in cells:
        lines = cell.splitlines()
        if len(lines) > MAX_CELL_LINES or any(
            width > 1 and line.count(delimiter) >= width - 1 for line in lines[1:]
        ):
            return "a quoted cell runs over several rows of the file (is a quote not closed?)"
    return None


def _parse(text: str, source: str, delimiter: str) -> list[tuple[int, list[str]]]:
    # a cell may be as long as the text (a session's 100,000 member ids): the csv module's
    # own limit (131,072 characters) is lifted while this text is read
    limit = csv.field_size_limit(max(len(text), 131_072))
    try:
        return _parse_rows(text, source, delimiter)
    finally:
        csv.field_size_limit(limit)


def _parse_rows(text: str, source: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The rows with the line each starts on; a row over several lines has its start negated."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    append = rows.append
    start = 1
    try:
        for cells in reader:
            end = reader.line_num
            append((start if end == start else -start, cells))
            start = end + 1
    except csv.Error as exc:
        raise _error(
            f"malformed CSV ({exc}): a quote not closed, or a quote in a cell not doubled",
            source,
            start,
        ) from None
    return rows


def _blank_header_problems(
    header: list[str], rows: list[tuple[int, list[str]]], line: int, source: str
) -> list[Problem]:
    problems = []
    for i, name in enumerate(header):
        if name.strip():
            continue
        first = next((n for n, cells in rows if i < len(cells) and cells[i].strip()), None)
        if first is not None:
            problems.append(
                Problem(
                    f"column {i + 1} has no header but has data (first on line {first})",
                    file=source,
                    row=line,
                )
            )
    return problems


def read_delimited(
    text: str,
    *,
    source: str,
    delimiter: str | None = None,
    formulas: bool = True,
    widths: bool = True,
    header_checks: bool = True,
) -> list[tuple[int, list[str]]]:
    r"""The rows of CSV/TSV ``text`` as ``(line number, cells)``, the header first.

    Line numbers are the file's own (a row whose quoted cell holds a line break has the number of
    the line it starts on). The delimiter is sniffed from the first non-blank line when not given
    ([`sniff_delimiter`][pmedu.io.text.sniff_delimiter]). Fully blank rows are skipped (trailing
    ones included). Errors, all collected: a row with fewer cells than the header (never padded) or
    more; a blank header over a column with data; the same header twice; and, ending the read,
    malformed quoting — including a quote that swallows the following rows. With ``formulas`` (the
    default), [`unescape_formula`][pmedu.io.text.unescape_formula] is applied to every data cell.
    With ``widths=False`` a row's number of cells is left to the caller to check (a reader that
    reports it together with the row's other problems), and with ``header_checks=False`` the
    first row is not checked as the header (a reader that finds the header row below title rows
    checks it with [`header_problems`][pmedu.io.text.header_problems]). The delimiter is sniffed
    from the first of the first lines that holds a tab, semicolon or comma (a title line may hold
    none).

    >>> read_delimited('id;name\n"T1";"东\n村"\nT2;\'-西村\n', source="f.csv")
    [(1, ['id', 'name']), (2, ['T1', '东\n村']), (4, ['T2', '-西村'])]
    >>> read_delimited('id,n\nT1,"3\nT2,4\nT3,5\n', source="f.csv")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    f.csv:2: malformed CSV (unexpected end of data): a quote not closed,
    or a quote in a cell not doubled
    >>> read_delimited("id,\nT1,3\n", source="f.csv")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    f.csv:1: column 2 has no header but has data (first on line 2)
    """
    sep = delimiter or sniff_delimiter(_delimited_line(text))
    parsed = _parse(text, source, sep)
    spanning = {-n for n, _ in parsed if n < 0}
    rows = [(abs(n), cells) for n, cells in parsed if "".join(cells).strip()]  # blank: skipped
    if not rows:
        return []
    (head_line, header), data = rows[0], rows[1:]
    problems = header_problems(header, data, head_line, source) if header_checks else []
    for n, cells in data:
        what = _row_problem(cells, len(header), sep, widths=widths, spans=n in spanning)
        if what is not None:
            problems.append(Problem(what, file=source, row=n))
    if problems:
        raise DataError(problems)
    if formulas and "'" in text:
        data = [(n, [unescape_formula(c) for c in cells]) for n, cells in data]
    return [(head_line, header), *data]


def escape_formula(text: str) -> str:
    """``text`` as written to a CSV or sheet cell: a leading ``'`` when a spreadsheet would
    otherwise run it as a formula (it begins with ``=``, ``+``, ``-``, ``@``, tab or CR,
    after any ``'`` already there).

    >>> escape_formula("-东村"), escape_formula("=HYPERLINK(1)"), escape_formula("东村")
    ("'-东村", "'=HYPERLINK(1)", '东村')
    >>> escape_formula("'=x")
    "''=x"
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unescape_formula(text: str) -> str:
    """The text [`escape_formula`][pmedu.io.text.escape_formula] was given: one leading ``'``
    stripped when what follows (after any further ``'``) begins like a formula. ``unescape_formula(
    escape_formula(s)) == s`` for every ``s``; a plain ``'abc`` is left alone.

    >>> unescape_formula("'-东村"), unescape_formula("'abc"), unescape_formula("''=x")
    ('-东村', "'abc", "'=x")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
