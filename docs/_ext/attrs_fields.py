"""A griffe extension for the API reference: the ``__init__`` of attrs classes.

attrs writes a class's ``__init__`` when the class is created, so static analysis sees none
and the reference listed every field as a required parameter without a type. This extension
builds that ``__init__`` the way attrs does (as griffe's own extension does for dataclasses):
one parameter per annotated field, in order, parents' fields first; its annotation; its
default (``default=``, ``factory=`` / ``attrs.Factory(f)`` shown as ``f()``, or a plain value);
``init=False`` fields left out; ``kw_only`` from the decorator or the field; a private
field's parameter without its leading underscore (or its ``alias=``). The class's docstring
then documents the parameters with their real types and defaults. Static only: nothing is
imported, so it needs no package beyond mkdocstrings.
"""

from __future__ import annotations

from typing import Any

from griffe import (
    Attribute,
    Class,
    Expr,
    ExprCall,
    ExprKeyword,
    Extension,
    Function,
    Module,
    Parameter,
    ParameterKind,
    Parameters,
)

#: the decorators that make a class an attrs class
DECORATORS = frozenset(
    f"{mod}.{name}"
    for mod in ("attrs", "attr")
    for name in ("define", "frozen", "mutable", "s", "attrs", "dataclass")
)
#: the calls that declare a field
FIELDS = frozenset({"attrs.field", "attr.field", "attr.ib", "attr.attrib", "attrs.attrib"})
FACTORIES = frozenset({"attrs.Factory", "attr.Factory"})


def _path(expr: Any) -> str:
    try:
        return str(expr.canonical_path)
    except Exception:  # a name griffe cannot resolve
        return str(expr)


def _decorator(cls: Class) -> Expr | str | None:
    for decorator in cls.decorators:
        value = decorator.value
        target = value.function if isinstance(value, ExprCall) else value
        if _path(target) in DECORATORS:
            return value
    return None


def _keywords(call: Any) -> dict[str, Any]:
    if not isinstance(call, ExprCall):
        return {}
    return {a.name: a.value for a in call.arguments if isinstance(a, ExprKeyword)}


def _default(value: Any) -> tuple[bool, Any]:
    """(has a default, the default to show) for a field's assigned value."""
    if value is None:
        return False, None
    if isinstance(value, ExprCall) and _path(value.function) in FIELDS:
        args = _keywords(value)
        if "factory" in args:
            return True, f"{args['factory']}()"
        if "default" in args:
            return _default(args["default"])
        return False, None
    if isinstance(value, ExprCall) and _path(value.function) in FACTORIES and value.arguments:
        return True, f"{value.arguments[0]}()"
    return True, value


def _parameters(cls: Class) -> list[Parameter]:
    class_kw_only = str(_keywords(_decorator(cls)).get("kw_only")) == "True"
    params = []
    for member in cls.members.values():
        if member.is_alias or not isinstance(member, Attribute) or member.annotation is None:
            continue
        if "instance-attribute" not in member.labels or "property" in member.labels:
            continue  # a ClassVar or a property is not a field
        field = _keywords(member.value) if isinstance(member.value, ExprCall) else {}
        if isinstance(member.value, ExprCall) and _path(member.value.function) not in FIELDS:
            field = {}
        if str(field.get("init")) == "False":
            continue
        has_default, default = _default(member.value)
        kw_only = class_kw_only or str(field.get("kw_only")) == "True"
        name = str(field["alias"]).strip("'\"") if "alias" in field else member.name.lstrip("_")
        params.append(
            Parameter(
                name,
                annotation=member.annotation,
                kind=ParameterKind.keyword_only if kw_only else ParameterKind.positional_or_keyword,
                default=default if has_default else None,
                docstring=member.docstring,
            )
        )
    return params


def _set_init(cls: Class) -> None:
    if "__init__" in cls.members or _decorator(cls) is None:
        return
    params: dict[str, Parameter] = {}
    try:
        parents = list(reversed(cls.mro()))
    except Exception:  # an unresolvable base
        parents = []
    for klass in [*parents, cls]:
        if _decorator(klass) is not None:
            for p in _parameters(klass):
                params.pop(p.name, None)
                params[p.name] = p
    ordered = [p for p in params.values() if p.kind is not ParameterKind.keyword_only]
    ordered += [p for p in params.values() if p.kind is ParameterKind.keyword_only]
    init = Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=Parameters(
            Parameter("self", kind=ParameterKind.positional_or_keyword), *ordered
        ),
        returns="None",
    )
    cls.set_member("__init__", init)
    cls.labels.add("attrs")


def _visit(obj: Module | Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, Class):
        _set_init(obj)
    for member in obj.members.values():
        if not member.is_alias and (member.is_module or member.is_class):
            _visit(member, seen)  # type: ignore[arg-type]


class AttrsFields(Extension):
    """Give every attrs class the ``__init__`` attrs generates for it."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:
        _visit(pkg, set())
