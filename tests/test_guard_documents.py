"""pmedu.io.guard: JSON/TOML loading that returns plain data or a DataError, whatever the text."""

from __future__ import annotations

import contextlib
import json
import math
import random

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from pmedu.errors import DataError
from pmedu.io.guard import MAX_DEPTH, finite_number, key_path, load_json_text, load_toml_text

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**29), max_value=10**29)
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f == 0 or abs(f) > 1e-300)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(json_values)
def test_json_round_trips(value: object) -> None:
    assert load_json_text(json.dumps(value), source="x.json") == value


@given(st.dictionaries(st.text(min_size=1), json_values.filter(lambda v: v is not None)))
def test_toml_round_trips(value: dict[str, object]) -> None:
    def no_none(v: object) -> bool:
        if isinstance(v, dict):
            return all(no_none(x) for x in v.values())
        if isinstance(v, list):
            return all(no_none(x) for x in v)
        return v is not None

    if not no_none(value):
        return
    assert load_toml_text(tomli_w.dumps(value), source="x.toml") == value


@given(st.text(alphabet='{}[]":,0123456789eE.-+ \n\\tnulNaIfiy', max_size=200))
def test_json_of_any_text_is_data_or_a_data_error(text: str) -> None:
    try:
        load_json_text(text, source="x.json")
    except DataError as exc:
        problems = exc.problems
    else:
        return
    assert all(p.file == "x.json" for p in problems)


@given(st.text(alphabet="{}[]\"'=.,#0123456789abinfe_-+ \n\\", max_size=200))
def test_toml_of_any_text_is_data_or_a_data_error(text: str) -> None:
    try:
        load_toml_text(text, source="x.toml")
    except DataError as exc:
        problems = exc.problems
    else:
        return
    assert all(p.file == "x.toml" for p in problems)


def test_depth_64_is_allowed_65_refused() -> None:
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_json_text(ok, source="x.json") is not None
    with pytest.raises(DataError, match="nested deeper than 64"):
        load_json_text("[" + ok + "]", source="x.json")
    assert load_toml_text("a = " + ok, source="x.toml")
    with pytest.raises(DataError, match="nested deeper than 64"):
        load_toml_text("a = [" + ok + "]", source="x.toml")


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    deep = "[" * 200
    assert load_json_text(json.dumps({"a": deep}), source="x.json") == {"a": deep}
    text = f'a = "{deep}"\nb = \'{deep}\'\nc = """\n{deep}\n"""\n# {deep}\n'
    assert load_toml_text(text, source="x.toml")["a"] == deep


def test_numbers_at_the_limit() -> None:
    assert load_json_text("9" * 30, source="x.json") == int("9" * 30)
    with pytest.raises(DataError, match="31 digits"):
        load_json_text("9" * 31, source="x.json")
    with pytest.raises(DataError, match="x: a number of 31 digits"):
        load_toml_text("x = " + "9" * 31, source="x.toml")
    with pytest.raises(DataError, match="too small"):
        load_json_text('{"n": 1e-400}', source="x.json")
    assert load_json_text("0e-400", source="x.json") == 0.0


def test_json_syntax_errors_name_line_and_column() -> None:
    with pytest.raises(DataError, match=r"x.json:3: column 1: not valid JSON"):
        load_json_text('{\n"a": 1\n]', source="x.json")
    with pytest.raises(DataError, match=r"x.toml:2: column \d+: not valid TOML"):
        load_toml_text("a = 1\nb = = 2\n", source="x.toml")


def test_every_problem_is_reported() -> None:
    with pytest.raises(DataError) as info:
        load_json_text('{"a": NaN, "b": [Infinity, {"c": 1, "c": 2}]}', source="x.json")
    assert [p.field for p in info.value.problems] == ["a", "b[0]", "b[1].c"]


def test_key_path() -> None:
    assert key_path(("a", 0, "b", 2)) == "a[0].b[2]"
    assert key_path((0,)) == "[0]"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, "must be a finite number, got nan"),
        (math.inf, "must be a finite number, got inf"),
        ("1", "must be a number, got text '1'"),
        ([1], "must be a number, got a list"),
        ({"a": 1}, "must be a number, got a table"),
        (True, "must be a number, got True"),
        (None, "must be a number, got None"),
        (10**40, "must be a number of at most 30 digits"),
    ],
)
def test_finite_number_refuses(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=rf"^points: {message}"):
        finite_number(value, where="points")


def test_finite_number_keeps_numbers() -> None:
    assert finite_number(3, where="p") == 3
    assert finite_number(-2.5, where="p") == -2.5


def test_seeded_mutations_of_a_document_never_escape() -> None:
    original = json.dumps(
        {"format": "pmedu.tree", "units": [{"id": "T01", "members": 88, "rate": 0.85}] * 3}
    )
    rng = random.Random(12)
    pieces = ["[", "{", "]", "}", '"', "\\", "NaN", "1e999", "9" * 40, ",", ":", "\x00", "\ud800"]
    for _ in range(400):
        chars = list(original)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(chars))
            if rng.random() < 0.5:
                chars[i] = rng.choice(pieces)
            else:
                chars.insert(i, rng.choice(pieces) * rng.choice([1, 70, 500]))
        with contextlib.suppress(DataError):
            load_json_text("".join(chars), source="m.json")
