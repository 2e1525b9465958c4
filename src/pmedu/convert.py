"""The one cattrs converter of pmedu and its generic hooks (ground: opens no file).

Every file format pmedu reads or writes (TOML, JSON; CSV rows once they are dicts) goes through
[`converter`][pmedu.convert.converter]; the files themselves are opened by
[`pmedu.io.documents`][pmedu.io.documents]. Structuring errors never reach the user as a traceback:
[`structure`][pmedu.convert.structure] turns them into a [`DataError`][pmedu.errors.DataError] (or
the subclass the caller names) holding one ``where: what`` problem per bad value, every bad value at
once.

The converter is strict where a spreadsheet habit would hide a mistake: a string field does
not accept ``1``, an integer field does not accept ``True`` or ``"3"``, unknown keys are errors
(a misspelt key must not be silently ignored). Labelled enums accept their Chinese labels.

>>> import attrs
>>> @attrs.frozen
... class Pair:
...     a: int
...     b: str = "x"
>>> structure({"a": 1}, Pair)
Pair(a=1, b='x')
>>> structure({"a": "1", "b": 2, "c": 0}, Pair, source="pair.toml")
Traceback (most recent call last):
...
pmedu.errors.DataError: 3 problems:
pair.toml: $.a: expected an integer, got '1'
pair.toml: $.b: expected a string, got 2
pair.toml: $: unknown field(s): c
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import tomllib
import typing
from collections.abc import (
    Callable,
    Iterable,
    Mapping,
    MutableMapping,
    MutableSequence,
    Sequence,
)
from collections.abc import Set as AbstractSet
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn
from cattrs.v import format_exception as _cattrs_format

from pmedu.compat import moved
from pmedu.errors import DataError, PolicyError, Problem, ProblemsError
from pmedu.labels import LabelledEnum
from pmedu.validators import parse_date

__all__ = [
    "Shelf",
    "converter",
    "preset_source",
    "problems_from",
    "register_structure",
    "shipped_document",
    "shipped_names",
    "split_version",
    "structure",
    "unstructure",
]

#: the file functions that moved to [`pmedu.io.documents`][pmedu.io.documents]: reading one here
#: warns and returns it from there (this ground module never imports ``io``)
__getattr__ = moved(
    __name__,
    dict.fromkeys(
        (
            "atomic_open",
            "dump_document",
            "dumps",
            "load_file",
            "load_preset",
            "preset_names",
            "read_document",
        ),
        "pmedu.io.documents",
    ),
)

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=True)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _str(value: Any, _t: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


#: a float above this is not taken for an integer (it has lost its units digits)
MAX_EXACT_FLOAT = 2**53


def _int(value: Any, _t: type) -> int:
    if isinstance(value, int) and not _is_bool(value):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_EXACT_FLOAT:
        return int(value)
    raise TypeError(f"expected an integer, got {value!r}")


def _float(value: Any, _t: type) -> float:
    if isinstance(value, int | float) and not _is_bool(value):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number):
            return number
        raise TypeError(f"expected a finite number, got {value!r}")
    raise TypeError(f"expected a number, got {value!r}")


def _bool(value: Any, _t: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {value!r}")


def _decimal(value: Any, _t: type) -> Decimal:
    number: Decimal | None = None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float | str) and not _is_bool(value):
        with contextlib.suppress(InvalidOperation, ValueError):
            number = Decimal(str(value))
    if number is None:
        raise TypeError(f"expected a number, got {value!r}")
    if not number.is_finite():
        raise TypeError(f"expected a finite number, got {value!r}")
    return number


_SEQUENCES = frozenset({list, tuple, set, frozenset, Sequence, MutableSequence, AbstractSet})
_MAPPINGS = frozenset({dict, Mapping, MutableMapping})


def _is_collection(t: Any) -> bool:
    """A parametrised list, set, homogeneous tuple or dict type (``list[str]``,
    ``tuple[X, ...]``, ``dict[K, V]``)."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in _MAPPINGS:
        return len(args) == 2
    if origin in (tuple, Sequence):
        return origin is Sequence or (len(args) == 2 and args[1] is Ellipsis)
    return origin in _SEQUENCES and len(args) == 1


def _not_a_table(value: Any) -> bool:
    return not isinstance(value, Mapping)


def _not_a_list(value: Any) -> bool:
    return isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable)


def _inner_hook(t: Any) -> Callable[[Any, Any], Any]:
    """The hook cattrs itself would use for ``t``."""
    origin = typing.get_origin(t)
    if origin in _MAPPINGS:
        return converter._structure_dict
    if origin in (list, MutableSequence):
        return list_structure_factory(t, converter)
    if origin in (tuple, Sequence):
        return homogenous_tuple_structure_factory(t, converter)
    if origin is set:
        return converter._structure_set
    return converter._structure_frozenset


def _collection_hook_factory(t: Any) -> Callable[[Any, type], Any]:
    """Lists, sets, homogeneous tuples and tables structured as cattrs does, but a string
    where a list belongs is an error (never split into its characters), and so is anything
    but a table where a table belongs."""
    inner = _inner_hook(t)
    table = typing.get_origin(t) in _MAPPINGS
    wrong, expected = (_not_a_table, "a table") if table else (_not_a_list, "a list")

    def hook(value: Any, cl: type) -> Any:
        if wrong(value):
            raise TypeError(f"expected {expected}, got {value!r}")
        return inner(value, cl)

    return hook


converter.register_structure_hook_factory(_is_collection, _collection_hook_factory)


def _date(value: Any, _t: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)  # the one date grammar (never 20250310 or 2025-W11-1)
        except ValueError:
            pass
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


converter.register_structure_hook(str, _str)
converter.register_structure_hook(int, _int)
converter.register_structure_hook(float, _float)
converter.register_structure_hook(bool, _bool)
converter.register_structure_hook(Decimal, _decimal)
converter.register_structure_hook(dt.date, _date)
converter.register_unstructure_hook(Decimal, lambda d: int(d) if d == d.to_integral() else float(d))
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())


def _is_labelled(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, LabelledEnum)


converter.register_structure_hook_func(_is_labelled, lambda value, t: t.parse(value))
converter.register_unstructure_hook_func(_is_labelled, lambda member: member.value)


def _field_errors(cl: type, data: dict[str, Any]) -> list[Exception]:
    """Structure, convert and validate each field alone, so every bad field is reported."""
    found: list[Exception] = []
    for a in attrs.fields(attrs.resolve_types(cl)):
        key = a.alias or a.name
        if key not in data:
            continue
        try:
            value = converter.structure(data[key], a.type) if a.type is not None else data[key]
            if a.converter is not None:
                value = a.converter(value)
            if a.validator is not None:
                a.validator(None, a, value)
        except (ValueError, TypeError, cattrs.BaseValidationError) as exc:
            note = AttributeValidationNote(f"Structuring @ {a.name}", a.name, a.type)
            exc.__notes__ = [*getattr(exc, "__notes__", []), note]
            found.append(exc)
    return found


def _attrs_hook_factory(cl: type) -> Callable[[Any, type], Any]:
    attrs.resolve_types(cl)
    inner: Callable[[Any, type], Any] = make_dict_structure_fn(cl, converter)

    def hook(data: Any, t: type) -> Any:
        try:
            return inner(data, t)
        except (ValueError, TypeError, cattrs.BaseValidationError) as exc:
            if not isinstance(data, dict):
                raise
            found = _field_errors(cl, data)
            if isinstance(exc, cattrs.BaseValidationError):
                # unknown keys and required fields that are missing
                found += [
                    e for e in exc.exceptions if isinstance(e, ForbiddenExtraKeysError | KeyError)
                ]
            if not found:
                if isinstance(exc, cattrs.BaseValidationError):
                    # every field is valid alone: the class's own cross-field check failed;
                    # a ProblemsError it raised already lists its problems, so pass it on
                    for inner_exc in exc.exceptions:
                        if isinstance(inner_exc, ProblemsError):
                            raise inner_exc from None
                    raise
                found = [exc]
            raise ClassValidationError(f"While structuring {cl.__name__}", found, cl) from None

    return hook


converter.register_structure_hook_factory(attrs.has, _attrs_hook_factory)


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return _cattrs_format(exc, type_)


def problems_from(exc: BaseException, *, source: str | None = None) -> list[Problem]:
    """The problems in a structuring error, as ``Problem(file=source, field=path)``."""
    if isinstance(exc, cattrs.BaseValidationError):
        lines = cattrs.transform_error(exc, path="$", format_exception=_format)
        out = []
        for line in lines:
            what, _, path = line.rpartition(" @ ")
            out.append(Problem(what or line, file=source, field=path or None))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(_format(exc, None), file=source, field="$")]
    return [Problem(str(exc) or type(exc).__name__, file=source)]


def structure(
    data: Any,
    cl: type[T],
    *,
    source: str | None = None,
    error: type[DataError] = DataError,
) -> T:
    """Structure plain data into ``cl``, raising ``error`` with every problem found.

    ``source`` names the file (or other origin) in each problem.
    """
    try:
        return converter.structure(data, cl)
    except (cattrs.BaseValidationError, ForbiddenExtraKeysError, ValueError, TypeError) as exc:
        raise error(problems_from(exc, source=source)) from None


def unstructure(obj: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers) for ``obj``."""
    return converter.unstructure(obj)


def register_structure(cl: type[T], hook: Callable[[Any, type], T]) -> None:
    """Register a structure hook for ``cl`` on the one converter (used by subpackages)."""
    converter.register_structure_hook(cl, hook)


def split_version(
    data: Any,
    *,
    newest: int,
    source: str | None = None,
    error: type[DataError] = DataError,
) -> tuple[int, Any]:
    """The format ``version`` of a document and the document without it. A document without
    one is version 1; a version newer than ``newest`` (or not a whole number ≥ 1) is an
    ``error`` naming the field.

    >>> split_version({"name": "x"}, newest=1)
    (1, {'name': 'x'})
    >>> split_version({"version": 1, "name": "x"}, newest=1)
    (1, {'name': 'x'})
    >>> split_version({"version": 2}, newest=1, source="p.toml")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    p.toml: version: version 2 was written by a newer pmedu; this one reads up to 1
    """
    if not isinstance(data, dict) or "version" not in data:
        return 1, data
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        what = f"expected a whole number >= 1, got {version!r}"
        raise error([Problem(what, file=source, field="version")])
    if version > newest:
        what = f"version {version} was written by a newer pmedu; this one reads up to {newest}"
        raise error([Problem(what, file=source, field="version")])
    return version, {k: v for k, v in data.items() if k != "version"}


# ---- shipped presets: package data of the package that owns them (never a user's file) -------


def shipped_names(package: str) -> list[str]:
    """Names (file stems) of the TOML presets shipped in ``package``, sorted.

    >>> shipped_names("pmedu.supply.presets")
    ['default', 'seed001']
    """
    root = resources.files(package)
    return sorted(e.name.removesuffix(".toml") for e in root.iterdir() if e.name.endswith(".toml"))


def preset_source(name: str) -> str:
    """How the preset ``name`` is named in messages (``preset:NAME``).

    >>> preset_source("x")
    'preset:x'
    """
    return f"preset:{name}"


def shipped_document(
    package: str, name: str, *, error: type[ProblemsError] = PolicyError
) -> dict[str, Any]:
    """The preset ``name`` shipped in ``package`` as plain data; an unknown name is an
    ``error`` (a [`PolicyError`][pmedu.errors.PolicyError] by default) naming the shipped ones.

    >>> shipped_document("pmedu.supply.presets", "seed001")["villages_per_set"]
    3
    >>> shipped_document("pmedu.supply.presets", "nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 1 problem:
    unknown preset 'nope'; shipped presets: default, seed001
    """
    known = shipped_names(package)
    if name not in known:
        raise error([Problem(f"unknown preset {name!r}; shipped presets: {', '.join(known)}")])
    text = resources.files(package).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@attrs.frozen
class Shelf:
    """The TOML presets shipped in one package (its ``presets/`` folder): their names, how
    messages name them, and each as plain data. A package's ``presets/__init__.py`` makes
    one and exposes its methods, so every shelf reads its files the same way.

    >>> shelf = Shelf("pmedu.supply.presets")
    >>> shelf.names(), shelf.source("seed001"), shelf.document("seed001")["villages_per_set"]
    (['default', 'seed001'], 'preset:seed001', 3)
    """

    package: str
    error: type[ProblemsError] = PolicyError

    def names(self) -> list[str]:
        """Names (file stems) of the shipped presets, sorted."""
        return shipped_names(self.package)

    def source(self, name: str) -> str:
        """How the preset ``name`` is named in messages (``preset:NAME``)."""
        return preset_source(name)

    def document(self, name: str) -> dict[str, Any]:
        """The preset ``name`` as plain data (an unknown name is the shelf's ``error``, naming
        the shipped ones)."""
        return shipped_document(self.package, name, error=self.error)
