"""The converter hooks for scoring's own classes, registered once, when
[`pmedu.scoring`][pmedu.scoring] is imported: a rule is structured by its ``type`` key and
unstructured with it.

>>> from decimal import Decimal
>>> from pmedu.convert import converter
>>> from pmedu.scoring.rules import RatioRule, Rule
>>> converter.unstructure(RatioRule(target=Decimal(1)), unstructure_as=Rule)
{'type': 'ratio', 'target': 1}
>>> converter.structure({"type": "ratio", "target": 1}, Rule)
RatioRule(target=Decimal('1'))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_unstructure_fn

from pmedu.convert import converter
from pmedu.scoring.rules import RULES, Rule

__all__: list[str] = []


def _structure_rule(data: Any, _t: Any) -> Rule:
    if not isinstance(data, dict):
        raise TypeError(f"expected a table with a 'type' key, got {data!r}")
    kind = data.get("type")
    if kind not in RULES:
        exc: Exception
        if kind is None:
            exc = KeyError("type")
        else:
            exc = ValueError(f"unknown rule {kind!r}; accepted: {', '.join(RULES)}")
        exc.__notes__ = [AttributeValidationNote("Structuring @ type", "type", str)]
        raise ClassValidationError("While structuring rule", [exc], dict)
    rest = {k: val for k, val in data.items() if k != "type"}
    return converter.structure(rest, RULES[kind])  # type: ignore[no-any-return]


def _unstructure_rule_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    inner = make_dict_unstructure_fn(cls, converter)

    def hook(obj: Any) -> dict[str, Any]:
        return {"type": cls.type, **inner(obj)}

    return hook


converter.register_structure_hook_func(lambda t: t == Rule, _structure_rule)
converter.register_unstructure_hook_factory(
    lambda t: isinstance(t, type) and t in RULES.values(), _unstructure_rule_factory
)
converter.register_unstructure_hook_func(
    lambda t: t == Rule, lambda obj: converter.unstructure(obj, unstructure_as=type(obj))
)
