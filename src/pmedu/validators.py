"""The attrs validators every pmedu domain class shares.

>>> import attrs
>>> @attrs.frozen
... class Row:
...     name: str = attrs.field(validator=nonblank)
...     n: int = attrs.field(default=0, validator=count)
...     m: int | None = attrs.field(default=None, validator=optional_count)
>>> Row("a", 2, None)
Row(name='a', n=2, m=None)
>>> Row(" ")
Traceback (most recent call last):
...
ValueError: 'name' must not be blank
>>> Row("a", True)
Traceback (most recent call last):
...
TypeError: 'n' must be an integer, got True
>>> Row("a", 1, -1)
Traceback (most recent call last):
...
ValueError: 'm' must be >= 0: -1
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Hashable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

__all__ = [
    "clean_id",
    "clean_name",
    "count",
    "duplicates",
    "nonblank",
    "optional_count",
    "parse_count",
    "parse_date",
    "parse_money",
    "text_problem",
    "unique",
    "unique_items",
    "unknown",
    "valid_id",
    "valid_name",
]

H = TypeVar("H", bound=Hashable)


def nonblank(_inst: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """A string with something besides white space in it."""
    if not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank")


def count(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number ≥ 0 (``True``/``False`` are not numbers here)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"'{attribute.name}' must be an integer, got {value!r}")
    if value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def optional_count(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or a [`count`][pmedu.validators.count]."""
    if value is not None:
        count(inst, attribute, value)


# --- clean text: ids, codes and names -------------------------------------------------------


def text_problem(value: str) -> str | None:
    r"""What makes ``value`` unusable as an id or a name, or ``None`` when nothing does.

    Refused anywhere in the text: NUL and the other C0 control characters (tab and line breaks
    included), DEL and the C1 controls, lone surrogates and U+FEFF (a byte-order mark that
    slipped into the middle of a file). The message names the character by its code point,
    so it can itself be printed and saved.

    >>> text_problem("T01") is None
    True
    >>> text_problem("T\x0001")
    'contains the control character U+0000 at position 2'
    >>> text_problem("a\ufeffb")
    'contains a byte-order mark (U+FEFF) at position 2'
    >>> text_problem("\ud800x")
    'contains a lone surrogate U+D800 at position 1'
    """
    for i, ch in enumerate(value, start=1):
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return f"contains the control character U+{code:04X} at position {i}"
        if 0xD800 <= code <= 0xDFFF:
            return f"contains a lone surrogate U+{code:04X} at position {i}"
        if code == 0xFEFF:
            return f"contains a byte-order mark (U+FEFF) at position {i}"
    return None


#: a character text_problem refuses (one C-level search before the loop that names it)
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def _clean(value: Any, form: str, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text, got {value!r}")
    if _REFUSED.search(value) is not None:
        raise ValueError(f"{what} {value!r} {text_problem(value)}")
    # every normal form of ASCII text is itself
    if value.isascii() or unicodedata.is_normalized(form, value):  # type: ignore[arg-type]
        text = value.strip()
    else:
        text = unicodedata.normalize(form, value).strip()  # type: ignore[arg-type]
    if not text:
        raise ValueError(f"{what} must not be blank")
    return text


def clean_id(value: Any) -> str:
    r"""An id or code, NFKC-normalised and without surrounding spaces (an attrs converter too).

    NFKC turns what an input method types in full width into the plain characters.

    >>> clean_id(" Ｔ０１ ")
    'T01'
    >>> clean_id("V\x07")
    Traceback (most recent call last):
    ...
    ValueError: id 'V\x07' contains the control character U+0007 at position 2
    >>> clean_id("  ")
    Traceback (most recent call last):
    ...
    ValueError: id must not be blank
    """
    return _clean(value, "NFKC", "id")


def clean_name(value: Any) -> str:
    r"""A name, NFC-normalised, surrounding spaces stripped and inner ones kept.

    >>> clean_name("  东 村\u3000")
    '东 村'
    >>> clean_name("东村\ufeff")
    Traceback (most recent call last):
    ...
    ValueError: name '东村\ufeff' contains a byte-order mark (U+FEFF) at position 3
    """
    return _clean(value, "NFC", "name")


def valid_id(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: ``value`` is an id exactly as [`clean_id`][pmedu.validators.clean_id]
    leaves it.

    >>> @attrs.frozen
    ... class U:
    ...     id: str = attrs.field(validator=valid_id)
    >>> U("Ｔ０１")
    Traceback (most recent call last):
    ...
    ValueError: 'id' must be written 'T01', got 'Ｔ０１'
    """
    cleaned = _clean(value, "NFKC", f"'{attribute.name}'")
    if cleaned != value:
        raise ValueError(f"'{attribute.name}' must be written {cleaned!r}, got {value!r}")


def valid_name(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: ``value`` is a name exactly as
    [`clean_name`][pmedu.validators.clean_name] leaves it."""
    cleaned = _clean(value, "NFC", f"'{attribute.name}'")
    if cleaned != value:
        raise ValueError(f"'{attribute.name}' must be written {cleaned!r}, got {value!r}")


# --- numbers and dates typed by people -----------------------------------------------------

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SPACES = " \t\u3000"
_COUNT = re.compile(r"[0-9]+")
_MONEY = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FEN = Decimal("0.01")


def parse_count(text: Any, *, maximum: int = 10**7) -> int:
    """A count typed by a person: ASCII or full-width digits only, at most ``maximum``.

    Surrounding spaces are allowed; a sign, a decimal point or an exponent is not (so
    ``1e-400`` is never a count of 0). A whole number from a sheet cell (``int``) is
    checked the same way; ``True``/``False`` and other floats are refused.

    >>> parse_count(" 12 "), parse_count("１２")
    (12, 12)
    >>> parse_count("1e-400")
    Traceback (most recent call last):
    ...
    ValueError: must be a whole number like 12 (digits only), got '1e-400'
    >>> parse_count("20000000")
    Traceback (most recent call last):
    ...
    ValueError: must be at most 10,000,000, got '20000000'
    """
    if isinstance(text, int) and not isinstance(text, bool):
        if text < 0:
            raise ValueError(f"must be a whole number ≥ 0, got {text}")
        if text > maximum:
            raise ValueError(f"must be at most {maximum:,}, got {text}")
        return text
    if not isinstance(text, str):
        raise ValueError(f"must be a whole number like 12, got {text!r}")
    digits = text.strip(_SPACES).translate(_FULL_WIDTH_DIGITS)
    if not _COUNT.fullmatch(digits):
        raise ValueError(f"must be a whole number like 12 (digits only), got {text!r}")
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(maximum)) or int(significant) > maximum:
        raise ValueError(f"must be at most {maximum:,}, got {text[:40]!r}")
    return int(significant)


def _money_of_number(value: int | float | Decimal) -> Decimal:
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"must be a finite amount of yuan, got {value!r}")
        amount = Decimal(repr(value))
        near = amount.quantize(_FEN)
        if abs(amount - near) > Decimal("0.000001"):
            raise ValueError(f"must be in yuan with at most 2 decimals (fen), got {value!r}")
        return near
    amount = Decimal(value)
    if not amount.is_finite():
        raise ValueError(f"must be a finite amount of yuan, got {value!r}")
    return amount


def parse_money(text: Any, *, maximum: int = 10**12) -> Decimal:
    """An amount of yuan, ≥ 0, at most ``maximum``, to the fen (at most 2 decimals).

    Text is digits (ASCII or full width) with an optional decimal point and at most two
    decimals; no sign, exponent, thousands separator or currency sign. A number from a sheet
    cell is accepted when it is within a millionth of a whole fen (what a sheet formula like
    ``=A1*0.15`` leaves) and rounded to it. The result always has two decimals.

    >>> parse_money("12.5"), parse_money(3), parse_money(0.1 + 0.2)
    (Decimal('12.50'), Decimal('3.00'), Decimal('0.30'))
    >>> parse_money("1e309")
    Traceback (most recent call last):
    ...
    ValueError: must be an amount of yuan like 1200.50, got '1e309'
    >>> parse_money("0.125")
    Traceback (most recent call last):
    ...
    ValueError: must be in yuan with at most 2 decimals (fen), got '0.125'
    """
    if isinstance(text, bool):
        raise ValueError(f"must be an amount of yuan like 1200.50, got {text!r}")
    if isinstance(text, int | float | Decimal):
        amount = _money_of_number(text)
    elif isinstance(text, str):
        written = text.strip(_SPACES).translate(_FULL_WIDTH_DIGITS)
        if len(written) > 40 or not _MONEY.fullmatch(written):
            raise ValueError(f"must be an amount of yuan like 1200.50, got {text[:40]!r}")
        amount = Decimal(written)
        if amount != amount.quantize(_FEN):
            raise ValueError(f"must be in yuan with at most 2 decimals (fen), got {text!r}")
    else:
        raise ValueError(f"must be an amount of yuan like 1200.50, got {text!r}")
    if amount < 0:
        raise ValueError(f"must be ≥ 0, got {text!r}")
    if amount > maximum:
        raise ValueError(f"must be at most {maximum:,} yuan, got {text!r}")
    try:
        return amount.quantize(_FEN)
    except InvalidOperation:  # pragma: no cover - excluded by the checks above
        raise ValueError(f"must be an amount of yuan like 1200.50, got {text!r}") from None


_DATE_FORMS = [
    re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"),
    re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})"),
    re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"),
]


def parse_date(value: Any) -> dt.date:
    """A date written ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY.M.D`` or ``YYYY年M月D日``.

    A `datetime.date` (a sheet's own date cell) is taken as it is, a
    `datetime.datetime` as its day. Full-width digits and punctuation are read as
    plain ones. ``20250310``, ISO weeks (``2025-W11-1``) and two-digit years are refused.

    >>> parse_date("2025-03-10"), parse_date("2025/3/9"), parse_date("２０２５年3月8日")
    (datetime.date(2025, 3, 10), datetime.date(2025, 3, 9), datetime.date(2025, 3, 8))
    >>> parse_date("20250310")
    Traceback (most recent call last):
    ...
    ValueError: must be a date like 2025-03-10, got '20250310'
    >>> parse_date("2025-02-30")
    Traceback (most recent call last):
    ...
    ValueError: there is no day 2025-02-30 (day is out of range)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be a date like 2025-03-10, got {value!r}")
    text = unicodedata.normalize("NFKC", value).strip()
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError:
                what = f"there is no day {y:04d}-{mo:02d}-{d:02d} (day is out of range)"
                raise ValueError(what) from None
    raise ValueError(f"must be a date like 2025-03-10, got {value[:40]!r}")


# --- uniqueness and membership in linear time ----------------------------------------------


def duplicates(values: Iterable[H]) -> list[H]:
    """Each value that occurs more than once, once, in the order of its second occurrence.

    One pass with a set: 100,000 ids take milliseconds.

    >>> duplicates(["a", "b", "a", "c", "b", "a"])
    ['a', 'b']
    """
    seen: set[H] = set()
    reported: set[H] = set()
    out: list[H] = []
    for v in values:
        if v in seen:
            if v not in reported:
                reported.add(v)
                out.append(v)
        else:
            seen.add(v)
    return out


def unknown(values: Iterable[H], known: Collection[H]) -> list[H]:
    """The values not in ``known``, in order, each once (``known`` is made a set once).

    >>> unknown(["m1", "x", "m2", "x"], ["m1", "m2"])
    ['x']
    """
    known_set = known if isinstance(known, set | frozenset) else set(known)
    return [v for v in dict.fromkeys(values) if v not in known_set]


def unique(values: Iterable[H], *, what: str = "value") -> list[H]:
    """``values`` as a list, when no value occurs twice; else a ``ValueError`` naming them.

    >>> unique(["m1", "m2"], what="member id")
    ['m1', 'm2']
    >>> unique(["m1", "m2", "m1"], what="member id")
    Traceback (most recent call last):
    ...
    ValueError: member id 'm1' occurs more than once
    """
    items = list(values)
    dups = duplicates(items)
    if dups:
        shown = ", ".join(repr(d) for d in dups[:10])
        more = f" (and {len(dups) - 10} more)" if len(dups) > 10 else ""
        s = "s" if len(dups) > 1 else ""
        verb = "occur" if len(dups) > 1 else "occurs"
        raise ValueError(f"{what}{s} {shown}{more} {verb} more than once")
    return items


def unique_items(_inst: Any, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
    """An attrs validator: no item of the collection occurs twice (checked with a set).

    >>> @attrs.frozen
    ... class S:
    ...     members: tuple[str, ...] = attrs.field(validator=unique_items)
    >>> S(("a", "a"))
    Traceback (most recent call last):
    ...
    ValueError: 'members' item 'a' occurs more than once
    """
    unique(value, what=f"'{attribute.name}' item")
