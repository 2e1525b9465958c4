"""The issue-12 validators of pmedu.validators: clean ids and names, counts, money, dates,
and uniqueness/membership in linear time."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmedu.validators import (
    clean_id,
    clean_name,
    duplicates,
    parse_count,
    parse_date,
    parse_money,
    text_problem,
    unique,
    unique_items,
    unknown,
    valid_id,
)


def test_full_width_ids_become_plain() -> None:
    assert clean_id("Ｔ０１") == "T01"
    assert clean_id("\u3000V 01 ") == "V 01"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("T\x0001", "control character U+0000"),
        ("T\x07", "control character U+0007"),
        ("T\n1", "control character U+000A"),
        ("T\x85", "control character U+0085"),
        ("T\x7f", "control character U+007F"),
        ("\ud800T", "lone surrogate U+D800"),
        ("T\ufeff1", "byte-order mark"),
        ("\ufeffT", "byte-order mark"),
        ("", "must not be blank"),
    ],
)
def test_ids_and_names_refuse(value: str, message: str) -> None:
    for clean in (clean_id, clean_name):
        with pytest.raises(ValueError, match=re.escape(message)):
            clean(value)


def test_names_are_nfc_and_keep_inner_spaces() -> None:
    assert clean_name(" e\u0301 东  村 ") == "é 东  村"
    assert clean_name("Ｔ０１") == "Ｔ０１"  # names keep their width


def test_not_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="id must be text, got 5"):
        clean_id(5)


@given(st.text())
def test_clean_id_is_idempotent_and_clean(text: str) -> None:
    try:
        cleaned = clean_id(text)
    except ValueError:
        return
    assert clean_id(cleaned) == cleaned
    assert text_problem(cleaned) is None
    assert unicodedata.is_normalized("NFKC", cleaned)


def test_attrs_validators() -> None:
    @attrs.frozen
    class Session:
        id: str = attrs.field(validator=valid_id)
        members: tuple[str, ...] = attrs.field(validator=unique_items)

    assert Session("S1", ("a", "b")).members == ("a", "b")
    with pytest.raises(ValueError, match="'id' must be written 'S1'"):
        Session(" S1", ())
    with pytest.raises(ValueError, match="'members' item 'a' occurs more than once"):
        Session("S1", ("a", "b", "a"))


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), (" 12 ", 12), ("１２", 12), ("007", 7), (5, 5), ("10000000", 10**7)],
)
def test_counts(text: str | int, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "1e-400",
        "inf",
        "nan",
        "-1",
        "+1",
        "3.0",
        "1,000",
        "٣",
        "",
        " ",
        "10000001",
        "9" * 5000,
        True,
        3.0,
        None,
        -1,
    ],
)
def test_bad_counts(text: object) -> None:
    with pytest.raises(ValueError, match="must be"):
        parse_count(text)


def test_count_maximum() -> None:
    assert parse_count("100", maximum=100) == 100
    with pytest.raises(ValueError, match="at most 99"):
        parse_count("100", maximum=99)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", "0.00"),
        ("12.5", "12.50"),
        ("１２．５０", "12.50"),
        (7, "7.00"),
        (0.1 + 0.2, "0.30"),
        (Decimal("3.1"), "3.10"),
        ("1000000000000", "1000000000000.00"),
    ],
)
def test_money(text: object, value: str) -> None:
    assert parse_money(text) == Decimal(value)
    assert str(parse_money(text)) == value


@pytest.mark.parametrize(
    "text",
    [
        "inf",
        "nan",
        "1e309",
        "-5",
        "0.125",
        "1,000",
        "¥5",
        "1000000000000.01",
        float("inf"),
        float("nan"),
        1e309,
        -1,
        0.123,
        True,
        Decimal("NaN"),
        None,
        "5e2",
    ],
)
def test_bad_money(text: object) -> None:
    with pytest.raises(ValueError, match="must be"):
        parse_money(text)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-10",
        "2025-3-10",
        "2025/3/10",
        "2025.3.10",
        "2025年3月10日",
        "2025 年 3 月 10 日",
        "２０２５－０３－１０",
        " 2025/03/10 ",
    ],
)
def test_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2025, 3, 10)


def test_sheet_dates() -> None:
    assert parse_date(dt.date(2025, 3, 10)) == dt.date(2025, 3, 10)
    assert parse_date(dt.datetime(2025, 3, 10, 8, 30)) == dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    "text",
    [
        "20250310",
        "2025-W11-1",
        "2025-W11",
        "25-3-10",
        "3/10/2025",
        "2025-03",
        "2025-03-10T00:00",
        "2025-069",
        "",
        20250310,
        None,
    ],
)
def test_bad_dates(text: object) -> None:
    with pytest.raises(ValueError, match=r"must be a date like 2025-03-10, got"):
        parse_date(text)


def test_impossible_day() -> None:
    with pytest.raises(ValueError, match="there is no day 2025-02-29"):
        parse_date("2025/2/29")


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_written_date_reads_back(day: dt.date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert parse_date(text) == day


def test_duplicates_and_unknown() -> None:
    assert duplicates([3, 1, 3, 3, 1]) == [3, 1]
    assert duplicates([]) == []
    assert unknown(["a", "b", "z", "a", "y"], {"a", "b"}) == ["z", "y"]
    with pytest.raises(ValueError, match=r"ids 'a', 'b' occur more than once"):
        unique(["a", "b", "a", "b"], what="id")


def test_100000_member_ids_validate() -> None:
    # the time is a benchmark figure (benchmarks/bench_records.py), never asserted here
    members = [f"M{i:06d}" for i in range(100_000)]
    roster = set(members)
    assert [clean_id(m) for m in members] == members
    unique(members, what="member id")
    assert unknown(members, roster) == []
    assert unknown([*members, "X"], roster) == ["X"]
