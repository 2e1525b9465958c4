"""One test per regression file of issue 12 (tests/data/bad): each gives a clean error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmedu.errors import DataError
from pmedu.io.guard import load_json_text, load_toml_text
from pmedu.io.text import decode_text, read_delimited
from pmedu.validators import clean_id, parse_count, parse_date, parse_money

BAD = Path(__file__).parent / "data" / "bad"


def read_csv(path: Path) -> object:
    text, _ = decode_text(path.read_bytes(), source=path.name)
    return read_delimited(text, source=path.name)


def load(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return load_json_text(text, source=path.name)
    return load_toml_text(text, source=path.name)


# file → the message its DataError must carry (file name and place included)
FILES: dict[str, str] = {
    "json_nested_1000.json": "json_nested_1000.json:1: column 321: nested deeper than 64",
    "json_arrays_nested_1000.json": ":1: column 65: nested deeper than 64 levels",
    "toml_nested_500.toml": "toml_nested_500.toml:1: column 69: nested deeper than 64",
    "toml_inline_tables_500.toml": ":1: column 325: nested deeper than 64 levels",
    "toml_headers_500.toml": "toml_headers_500.toml: a.a.a.a.a.a.a.a.…: nested deeper",
    "json_int_5000_digits.json": "members: a number of 5,000 digits (at most 30)",
    "toml_int_5000_digits.toml": "a number longer than 4,300 digits (at most 30)",
    "json_duplicate_keys.json": "members: the key 'members' occurs more than once",
    "json_nan.json": "target: must be a finite number, got NaN",
    "json_infinity.json": "target: must be a finite number, got Infinity",
    "json_1e309.json": "target: the number 1e309 is too large",
    "toml_inf.toml": "indicator.points: must be a finite number, got inf",
    "toml_nan.toml": "indicator.points: must be a finite number, got nan",
    "csv_mixed_utf8_gbk.csv": "csv_mixed_utf8_gbk.csv:3: line 3 is not UTF-8",
    "csv_unbalanced_quote_eof.csv": "csv_unbalanced_quote_eof.csv:2: malformed CSV",
    "csv_unbalanced_quote_swallows.csv": ":2: a quoted cell runs over several rows",
    "csv_short_row.csv": "csv_short_row.csv:3: 3 cells where the header has 4",
    "csv_blank_header_over_data.csv": ":1: column 3 has no header but has data",
    "csv_mid_bom.csv": "csv_mid_bom.csv:3: a byte-order mark (U+FEFF) in the middle",
    "csv_nul.csv": "csv_nul.csv:2: a NUL character",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_bad_file_gives_a_clean_data_error(name: str) -> None:
    path = BAD / name
    reader = read_csv if path.suffix == ".csv" else load
    with pytest.raises(DataError) as info:
        reader(path)
    assert FILES[name] in str(info.value)


def lines(name: str) -> list[str]:
    return (BAD / name).read_text(encoding="utf-8").splitlines()


VALUES: list[tuple[str, Callable[[Any], object], str]] = [
    *[("ids_bad.json", clean_id, v) for v in json.loads((BAD / "ids_bad.json").read_text())],
    *[("dates_bad.txt", parse_date, v) for v in lines("dates_bad.txt")],
    *[("counts_bad.txt", parse_count, v) for v in lines("counts_bad.txt")],
    *[("money_bad.txt", parse_money, v) for v in lines("money_bad.txt")],
]


@pytest.mark.parametrize(("name", "check", "value"), VALUES, ids=[repr(v[2]) for v in VALUES])
def test_bad_value_gives_a_clean_value_error(
    name: str, check: Callable[[Any], object], value: str
) -> None:
    with pytest.raises(ValueError, match=r"must|contains|there is no") as info:
        check(value)
    message = str(info.value)
    message.encode("utf-8")  # the message itself can be printed and saved
    assert "\x00" not in message
    assert "\ufeff" not in message


def test_every_file_here_has_a_test() -> None:
    tested = set(FILES) | {name for name, _, _ in VALUES} | {"README.md"}
    assert {p.name for p in BAD.iterdir() if p.is_file()} == tested
