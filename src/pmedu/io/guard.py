r"""Safe loading of structured documents (JSON, TOML): plain data, or a
[`DataError`][pmedu.errors.DataError].

Whatever the text, the loaders here return plain Python data (dicts, lists, str, int, float,
bool, ``None`` and TOML's dates) or raise [`DataError`][pmedu.errors.DataError] whose problems
name the file (``source``) and the place — the line and column, or the key path:

* nesting deeper than [`MAX_DEPTH`][pmedu.io.guard.MAX_DEPTH] is refused *before* the parser sees
  the text, so no ``RecursionError`` can happen;
* a number literal longer than [`MAX_DIGITS`][pmedu.io.guard.MAX_DIGITS] digits is refused (and so
  never reaches Python's 4,300-digit limit on ``int``);
* ``NaN``, ``Infinity`` and ``-Infinity`` (JSON) and ``nan`` / ``inf`` (TOML) are refused at
  their key path, and so is a number too large (``1e309``) or too small (``1e-400``) to be
  held as written;
* duplicate keys in a JSON object are an error at their path (JSON does not forbid them,
  but the last one silently winning is never what a hand-edited file meant);
* every exception the parsers raise becomes a ``DataError``.

>>> load_json_text('{"a": [1, 2.5, {"b": null}]}', source="x.json")
{'a': [1, 2.5, {'b': None}]}
>>> load_json_text('{"a": 1, "a": 2}', source="x.json")
Traceback (most recent call last):
...
pmedu.errors.DataError: 1 problem:
x.json: a: the key 'a' occurs more than once
>>> load_json_text("[" * 100 + "]" * 100, source="deep.json")
Traceback (most recent call last):
...
pmedu.errors.DataError: 1 problem:
deep.json:1: column 65: nested deeper than 64 levels
>>> load_toml_text("[rubric]\npoints = nan\n", source="r.toml")
Traceback (most recent call last):
...
pmedu.errors.DataError: 1 problem:
r.toml: rubric.points: must be a finite number, got nan
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterator
from typing import Any

from pmedu.errors import DataError, Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "finite_number",
    "key_path",
    "load_json_text",
    "load_toml_text",
]

#: the deepest nesting of arrays/objects (tables) a document may have
MAX_DEPTH = 64
#: the most digits a number literal may have
MAX_DIGITS = 30

# strings are skipped whole (an unterminated one up to the end of its line), brackets counted
_JSON_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|"[^\n]*|[\[\]{}]')
_TOML_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|["\'][^\n]*'
    r"|#[^\n]*|[\[\]{}]",
    re.DOTALL,
)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _too_deep(text: str, tokens: re.Pattern[str], source: str) -> DataError | None:
    depth = 0
    for m in tokens.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, m.start())
                return DataError(
                    [
                        Problem(
                            f"nested deeper than {MAX_DEPTH} levels",
                            file=source,
                            row=line,
                            field=f"column {column}",
                        )
                    ]
                )
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return None


def key_path(path: tuple[str | int, ...]) -> str:
    """A key path as a user reads it: ``indicators[3].points`` (``(document)`` when empty).

    >>> key_path(("indicators", 3, "points"))
    'indicators[3].points'
    >>> key_path(())
    '(document)'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(document)"


class _Bad:
    """A placeholder the JSON hooks leave where a refused literal was, found by the walk."""

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what


class _Object(dict[str, Any]):
    """A JSON object that had duplicate keys (the keys are kept for the walk)."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    dups = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    return _Object(pairs, list(dict.fromkeys(dups)))


def _digits(literal: str) -> int:
    return len(literal) - sum(literal.count(ch) for ch in "+-.eE")


def _int(literal: str) -> int | _Bad:
    if _digits(literal) > MAX_DIGITS:
        return _Bad(f"a number of {_digits(literal):,} digits (at most {MAX_DIGITS})")
    return int(literal)


def _float(literal: str) -> float | _Bad:
    if _digits(literal) > MAX_DIGITS:
        return _Bad(f"a number of {_digits(literal):,} digits (at most {MAX_DIGITS})")
    value = float(literal)
    if math.isinf(value):
        return _Bad(f"the number {literal} is too large")
    mantissa = literal.lower().split("e")[0]
    if value == 0.0 and any(ch in "123456789" for ch in mantissa):
        return _Bad(f"the number {literal} is too small (it would be read as 0)")
    return value


def _constant(literal: str) -> _Bad:
    return _Bad(f"must be a finite number, got {literal}")


def _toml_float(literal: str) -> float | _Bad:
    if literal.lstrip("+-") in ("inf", "nan"):
        return _constant(literal)
    return _float(literal.replace("_", ""))


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every refused place under ``value``: (key path, what is wrong). Depth ≤ MAX_DEPTH here."""
    if isinstance(value, _Bad):
        yield path, value.what
    elif isinstance(value, float) and not math.isfinite(value):
        yield path, f"must be a finite number, got {value}"
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**MAX_DIGITS:
            yield path, f"a number of {len(str(abs(value))):,} digits (at most {MAX_DIGITS})"
    elif isinstance(value, dict):
        if isinstance(value, _Object):
            for key in value.duplicates:
                yield (*path, key), f"the key {key!r} occurs more than once"
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _JsonHooks:
    """The JSON parser's hooks for one document, noting whether any left a refused literal
    (a [`_Bad`][pmedu.io.guard] placeholder) or a duplicate key, so a clean document — nearly
    every one — skips the walk that names them."""

    __slots__ = ("marked",)

    def __init__(self) -> None:
        self.marked = False

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _pairs(pairs)
        if type(obj) is not dict:
            self.marked = True
        return obj

    def int(self, literal: str) -> int | _Bad:
        value = _int(literal)
        if type(value) is _Bad:
            self.marked = True
        return value

    def float(self, literal: str) -> float | _Bad:
        value = _float(literal)
        if type(value) is _Bad:
            self.marked = True
        return value

    def constant(self, literal: str) -> _Bad:
        self.marked = True
        return _constant(literal)


#: a JSON string (brackets inside it do not nest)
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
#: an innermost array or object (no bracket inside)
_INNERMOST = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")


def _surely_shallow(text: str) -> bool:
    """Whether the JSON ``text`` surely nests no deeper than MAX_DEPTH, found with a few
    regular-expression passes (each strips the innermost arrays and objects). ``False`` means
    "look closely" (too deep, or brackets that do not pair up): the exact scan then decides.

    >>> _surely_shallow('{"a": [1, {"b": "[[["}]}'), _surely_shallow("[" * 65 + "]" * 65)
    (True, False)
    """
    rest = _JSON_STRING.sub("", text)
    for _ in range(MAX_DEPTH):
        rest, stripped = _INNERMOST.subn("", rest)
        if not stripped:
            break
    return not any(ch in rest for ch in "[]{}")


def _checked(data: Any, source: str) -> Any:
    problems = [Problem(what, file=source, field=key_path(p)) for p, what in _walk(data, ())]
    if problems:
        raise DataError(problems)
    return _plain(data)


def load_json_text(text: str, *, source: str) -> Any:
    """The plain data of a JSON document, or a [`DataError`][pmedu.errors.DataError] naming
    ``source`` and place.

    >>> load_json_text('{"n": 1e400}', source="f.json")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    f.json: n: the number 1e400 is too large
    >>> load_json_text('{"n": 1,}', source="f.json")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    f.json:1: column 9: not valid JSON: Expecting property name enclosed in double quotes
    """
    if not _surely_shallow(text):
        deep = _too_deep(text, _JSON_TOKENS, source)
        if deep is not None:
            raise deep
    hooks = _JsonHooks()
    try:
        data = json.loads(
            text,
            object_pairs_hook=hooks.pairs,
            parse_int=hooks.int,
            parse_float=hooks.float,
            parse_constant=hooks.constant,
        )
    except json.JSONDecodeError as exc:
        raise DataError(
            [
                Problem(
                    f"not valid JSON: {exc.msg}",
                    file=source,
                    row=exc.lineno,
                    field=f"column {exc.colno}",
                )
            ]
        ) from None
    except (ValueError, RecursionError, UnicodeError, TypeError) as exc:
        raise DataError([Problem(f"not valid JSON: {exc}", file=source)]) from None
    return _checked(data, source) if hooks.marked else data


def _toml_depth(value: Any) -> tuple[str | int, ...] | None:
    """The key path where a parsed TOML document goes deeper than MAX_DEPTH (iteratively)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path
        if isinstance(item, dict):
            stack.extend((v, (*path, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(item))
    return None


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_error(exc: tomllib.TOMLDecodeError, source: str) -> DataError:
    what = str(exc)
    m = _TOML_AT.search(what)
    if m is None:
        return DataError([Problem(f"not valid TOML: {what}", file=source)])
    return DataError(
        [
            Problem(
                f"not valid TOML: {what[: m.start()]}",
                file=source,
                row=int(m.group(1)),
                field=f"column {m.group(2)}",
            )
        ]
    )


def load_toml_text(text: str, *, source: str) -> dict[str, Any]:
    """The plain data of a TOML document, or a [`DataError`][pmedu.errors.DataError] naming
    ``source`` and place.

    >>> load_toml_text('name = "a"\\n[t]\\nn = 2\\n', source="p.toml")
    {'name': 'a', 't': {'n': 2}}
    >>> load_toml_text("n = " + "9" * 5000, source="p.toml")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    p.toml: not valid TOML: a number longer than 4,300 digits (at most 30)
    >>> load_toml_text("n = 1\\nn = 2\\n", source="p.toml")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    p.toml:2: column 6: not valid TOML: Cannot overwrite a value
    """
    deep = _too_deep(text, _TOML_TOKENS, source)
    if deep is not None:
        raise deep
    try:
        data = tomllib.loads(text, parse_float=_toml_float)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, source) from None
    except ValueError as exc:
        what = str(exc)
        if "digits" in what:
            what = f"a number longer than 4,300 digits (at most {MAX_DIGITS})"
        raise DataError([Problem(f"not valid TOML: {what}", file=source)]) from None
    except (RecursionError, UnicodeError, TypeError) as exc:
        raise DataError([Problem(f"not valid TOML: {exc}", file=source)]) from None
    too_deep = _toml_depth(data)
    if too_deep is not None:
        shown = key_path(too_deep[:8]) + ".…"
        raise DataError(
            [Problem(f"nested deeper than {MAX_DEPTH} levels", file=source, field=shown)]
        )
    result: dict[str, Any] = _checked(data, source)
    return result


def finite_number(value: Any, *, where: str) -> int | float:
    """``value`` when it is a finite ``int`` or ``float`` (not a bool, not text); else a
    ``ValueError`` whose message begins with ``where`` (the field that holds it).

    For rubric and policy fields that must hold a number: a list, a table, text, ``nan`` or
    ``inf`` there is an error at that field, never an ``AttributeError`` later.

    >>> finite_number(2.5, where="points")
    2.5
    >>> finite_number(float("nan"), where="indicators[2].points")
    Traceback (most recent call last):
    ...
    ValueError: indicators[2].points: must be a finite number, got nan
    >>> finite_number("10", where="points")
    Traceback (most recent call last):
    ...
    ValueError: points: must be a number, got text '10'
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str):
            got = f"text {value[:40]!r}"
        elif isinstance(value, list | dict):
            got = "a list" if isinstance(value, list) else "a table"
        else:
            got = repr(value)
        raise ValueError(f"{where}: must be a number, got {got}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where}: must be a finite number, got {value}")
    if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
        raise ValueError(f"{where}: must be a number of at most {MAX_DIGITS} digits")
    return value
