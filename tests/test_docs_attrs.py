"""docs/_ext/attrs_fields.py gives attrs classes their real ``__init__`` in the reference."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

griffe = pytest.importorskip("griffe")

ROOT = Path(__file__).resolve().parent.parent


def _extension() -> object:
    path = ROOT / "docs" / "_ext" / "attrs_fields.py"
    spec = importlib.util.spec_from_file_location("attrs_fields", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["attrs_fields"] = module
    spec.loader.exec_module(module)
    return module.AttrsFields()


def _init(source: str) -> dict[str, tuple[str, str | None, str]]:
    module = griffe.visit("m", filepath=Path("m.py"), code=source)
    extensions = griffe.load_extensions(_extension())
    extensions.call("on_package", pkg=module, loader=None)
    init = module["C"].members["__init__"]
    return {
        p.name: (str(p.annotation), None if p.default is None else str(p.default), p.kind.value)
        for p in init.parameters
        if p.name != "self"
    }


def test_fields_with_types_defaults_and_kinds() -> None:
    params = _init(
        """
import attrs
from typing import ClassVar

@attrs.frozen
class C:
    x: int
    y: str = "a"
    z: list[int] = attrs.field(factory=list)
    w: int = attrs.field(default=3, kw_only=True)
    _p: int = 0
    hidden: int = attrs.field(default=0, init=False)
    K: ClassVar[int] = 1
"""
    )
    assert params == {
        "x": ("int", None, "positional or keyword"),
        "y": ("str", "'a'", "positional or keyword"),
        "z": ("list[int]", "list()", "positional or keyword"),
        "p": ("int", "0", "positional or keyword"),
        "w": ("int", "3", "keyword-only"),
    }


def test_class_level_kw_only() -> None:
    params = _init(
        """
import attrs

@attrs.define(kw_only=True)
class C:
    x: int
    y: int = attrs.Factory(int)
"""
    )
    assert params == {
        "x": ("int", None, "keyword-only"),
        "y": ("int", "int()", "keyword-only"),
    }
