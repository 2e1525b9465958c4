"""pmedu.io.text: one encoding per file, strict delimited rows, formula escaping."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.errors import DataError
from pmedu.io.text import (
    FORMULA_START,
    decode_text,
    escape_formula,
    read_delimited,
    sniff_delimiter,
    unescape_formula,
)

TABLE = "编号,名称,党员数\r\nC,某县,0\r\nT1,东镇,12\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TABLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TABLE.encode("utf-8"), "utf-8-sig"),
        (TABLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TABLE.encode("utf-16-be"), "utf-16"),
        (TABLE.encode("gbk"), "gbk"),
        ((TABLE + "T2,𠀀镇,1\r\n").encode("gb18030"), "gb18030"),
    ],
)
def test_each_encoding_decodes_whole(data: bytes, encoding: str) -> None:
    text, used = decode_text(data, source="u.csv")
    assert used == encoding
    assert text.startswith(TABLE)


def test_gbk_whose_first_characters_look_like_utf8() -> None:
    # 某 in GBK (C4 B3) is the UTF-8 of ĳ: still one GBK file
    assert decode_text("某\n某县\n".encode("gbk"), source="u.csv") == ("某\n某县\n", "gbk")


def test_mixed_file_names_the_line() -> None:
    data = TABLE.encode() + "T2,西镇,3\r\n".encode("gbk") + "T3,南镇,4\r\n".encode()
    with pytest.raises(DataError, match=r"u.csv:4: line 4 is not UTF-8"):
        decode_text(data, source="u.csv")


def test_given_encoding_is_strict() -> None:
    assert decode_text(TABLE.encode("gbk"), source="u.csv", encoding="gbk")[0] == TABLE
    with pytest.raises(DataError, match=r"u.csv:1: not valid utf-8: cannot"):
        decode_text(TABLE.encode("gbk"), source="u.csv", encoding="utf-8")
    with pytest.raises(DataError, match="unknown encoding"):
        decode_text(b"", source="u.csv", encoding="klingon")


def test_mid_bom_and_nul_are_errors_at_their_line() -> None:
    with pytest.raises(DataError, match=r"u.csv:3: a byte-order mark"):
        decode_text("a\nb\n\ufeffc\n".encode(), source="u.csv")
    with pytest.raises(DataError, match=r"u.csv:1: a NUL"):
        decode_text("id,name".encode("utf-16-le"), source="u.csv")


@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_a_data_error(data: bytes) -> None:
    with contextlib.suppress(DataError):
        text, _ = decode_text(data, source="u.csv")
        assert "\ufeff" not in text


def test_sniff() -> None:
    assert sniff_delimiter("编号\t名称") == "\t"
    assert sniff_delimiter('"a,b";c;d') == ";"
    assert sniff_delimiter("a,b") == ","


def test_utf16_unicode_text_export_is_tab_separated() -> None:
    text, _ = decode_text("编号\t名称\r\nT1\t东镇\r\n".encode("utf-16"), source="u.txt")
    assert read_delimited(text, source="u.txt") == [(1, ["编号", "名称"]), (2, ["T1", "东镇"])]


def test_line_numbers_are_the_files() -> None:
    text = '\nid,name\nT1,"东\n镇"\n\nT2,西镇\n,\n\n'
    assert read_delimited(text, source="u.csv") == [
        (2, ["id", "name"]),
        (3, ["T1", "东\n镇"]),
        (6, ["T2", "西镇"]),
    ]


def test_all_row_problems_are_reported_together() -> None:
    text = "id,name,members\nT1,东镇\nT2,西镇,3,4\nT3,南镇,5\n"
    with pytest.raises(DataError) as info:
        read_delimited(text, source="u.csv")
    assert [p.row for p in info.value.problems] == [2, 3]


def test_blank_header_without_data_is_fine_and_duplicate_header_is_not() -> None:
    assert read_delimited("id,,name\nT1,,东镇\n", source="u.csv")[1] == (2, ["T1", "", "东镇"])
    with pytest.raises(DataError, match="the column 'id' occurs twice"):
        read_delimited("id,id\n1,2\n", source="u.csv")


def test_a_quote_swallowing_rows_is_an_error_even_when_closed() -> None:
    with pytest.raises(DataError, match=r"u.csv:2: a quoted cell runs over several rows"):
        read_delimited('id,n\nT1,"3\nT2,4\nT3,5"\n', source="u.csv")
    with pytest.raises(DataError, match=r"u.csv:2: a quoted cell runs over"):
        read_delimited("id\n" + '"' + "x\n" * 30 + '"\n', source="u.csv")


def test_empty_text_has_no_rows() -> None:
    assert read_delimited("", source="u.csv") == []
    assert read_delimited("\n\n", source="u.csv") == []


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8)


@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda w: st.lists(st.lists(cells, min_size=w, max_size=w), min_size=1, max_size=6)
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_written_rows_read_back(grid: list[list[str]], delimiter: str) -> None:
    header = [f"c{i}" for i in range(len(grid[0]))]
    rows = [r for r in grid if any(c.strip() for c in r)]
    rows = [r for r in rows if not any(c.count("\n") + c.count("\r") > 5 for c in r)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[escape_formula(c) for c in r] for r in rows])
    try:
        read = read_delimited(buffer.getvalue(), source="u.csv", delimiter=delimiter)
    except DataError as exc:
        problems = exc.problems
    else:
        assert [c for _, c in read] == [header, *rows]
        return
    # the only refusal of a well-formed file: a cell holding a line that looks like a row
    assert all("runs over several rows" in p.what for p in problems)


@given(st.text())
def test_unescape_undoes_escape(text: str) -> None:
    assert unescape_formula(escape_formula(text)) == text


@pytest.mark.parametrize("name", ["-东村", "=HYPERLINK(1)", "+1", "@x", "\tx", "\rx", "'=x"])
def test_formula_like_names_are_escaped(name: str) -> None:
    escaped = escape_formula(name)
    assert escaped.startswith("'")
    assert not escaped.startswith(FORMULA_START)
    assert unescape_formula(escaped) == name


@given(st.text(alphabet="a,;\t\"\n\r '=-", max_size=120))
def test_any_text_gives_rows_or_a_data_error(text: str) -> None:
    with contextlib.suppress(DataError):
        read_delimited(text, source="u.csv")


def test_seeded_mutations_of_a_table() -> None:
    original = TABLE.encode("utf-8")
    rng = random.Random(12)
    pieces = [b'"', b",", b"\n", b"\r", b"\xff", "东".encode("gbk"), b"\x00", codecs.BOM_UTF8]
    for _ in range(400):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            data[i:i] = rng.choice(pieces)
        with contextlib.suppress(DataError):
            text, _ = decode_text(bytes(data), source="m.csv")
            read_delimited(text, source="m.csv")
