"""The API sweep (issue 10 §4): every parameter that has a default is keyword-only.

The walk covers every name in every ``__all__`` of every ``pmedu`` module: public functions,
and the public methods (plus ``__init__``) of public classes, as far as pmedu defines them.
The ``__init__`` that attrs writes for a record class is exempt: records take their fields
by position or keyword.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import FunctionType, ModuleType

import attrs
import pytest

import pmedu
from pmedu.errors import MissingExtraError

ROOT = "pmedu"


def public_modules() -> list[ModuleType]:
    """``pmedu`` and every module below it, ``__main__`` modules left out (they run the
    program on import)."""
    names = {ROOT} | {
        m.name
        for m in pkgutil.walk_packages(pmedu.__path__, prefix=f"{ROOT}.")
        if not m.name.endswith("__main__")
    }
    modules = []
    for name in sorted(names):
        try:
            modules.append(importlib.import_module(name))
        except MissingExtraError:  # a module that cannot load without its optional extra
            continue
    return modules


def _functions_of_class(cls: type) -> Iterator[tuple[str, FunctionType]]:
    """The public methods and ``__init__`` that pmedu itself defines on ``cls`` or its
    bases (attrs-generated ``__init__`` left out)."""
    for klass in cls.__mro__:
        if not klass.__module__.startswith(ROOT):
            continue
        for name, attr in vars(klass).items():
            if name.startswith("_") and name != "__init__":
                continue
            if name == "__init__" and attrs.has(klass):
                continue
            func = attr.__func__ if isinstance(attr, classmethod | staticmethod) else attr
            if isinstance(func, FunctionType):
                yield f"{klass.__module__}.{klass.__qualname__}.{name}", func


def public_callables(modules: list[ModuleType]) -> dict[str, FunctionType]:
    """Every public function and method reachable from an ``__all__``, once each, by the
    qualified name where it is defined."""
    found: dict[str, FunctionType] = {}
    for module in modules:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if isinstance(obj, FunctionType) and obj.__module__.startswith(ROOT):
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
            elif inspect.isclass(obj) and obj.__module__.startswith(ROOT):
                for qualname, func in _functions_of_class(obj):
                    found.setdefault(qualname, func)
    return found


def positional_defaults(func: Callable[..., object]) -> list[str]:
    """The parameters of ``func`` that have a default but can be passed by position."""
    return [
        p.name
        for p in inspect.signature(func).parameters.values()
        if p.default is not inspect.Parameter.empty and p.kind is not p.KEYWORD_ONLY
    ]


# --- the checker itself ------------------------------------------------------------------


def _positional(a: int, b: int = 1) -> None: ...


def _keyword(a: int, *, b: int = 1) -> None: ...


def _only(a: int = 0, /) -> None: ...


@attrs.frozen
class _Record:
    x: int
    y: int = 0

    def scaled(self, k: int = 2) -> int:
        return self.x * k


class _Plain:
    def __init__(self, a: int, b: int = 0) -> None:
        self.a, self.b = a, b

    @classmethod
    def make(cls, *, b: int = 0) -> _Plain:
        return cls(0, b=b)

    def _private(self, c: int = 0) -> None: ...


def test_the_checker_finds_positional_defaults() -> None:
    assert positional_defaults(_positional) == ["b"]
    assert positional_defaults(_keyword) == []
    assert positional_defaults(_only) == ["a"]


def test_the_walk_exempts_attrs_init_and_private_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    for cls in (_Record, _Plain):
        monkeypatch.setattr(cls, "__module__", f"{ROOT}.fake")
    record = dict(_functions_of_class(_Record))
    plain = dict(_functions_of_class(_Plain))
    assert list(record) == [f"{ROOT}.fake._Record.scaled"]
    assert sorted(plain) == [f"{ROOT}.fake._Plain.__init__", f"{ROOT}.fake._Plain.make"]
    assert positional_defaults(record[f"{ROOT}.fake._Record.scaled"]) == ["k"]
    assert positional_defaults(plain[f"{ROOT}.fake._Plain.__init__"]) == ["b"]


def test_the_walk_reaches_the_whole_package() -> None:
    modules = public_modules()
    names = {m.__name__ for m in modules}
    assert {"pmedu", "pmedu.network.tree", "pmedu.supply"} <= names
    assert not any(n.endswith("__main__") for n in names)
    found = public_callables(modules)
    assert "pmedu.network.tree.OrgTree.rollup" in found
    assert len(found) > 100


# --- the sweep ---------------------------------------------------------------------------


def test_every_parameter_with_a_default_is_keyword_only() -> None:
    offenders = {
        name: params
        for name, func in sorted(public_callables(public_modules()).items())
        if (params := positional_defaults(func))
    }
    assert not offenders, "parameters with a default that are not keyword-only:\n" + "\n".join(
        f"  {name}({', '.join(params)})" for name, params in offenders.items()
    )
