"""Supply and plan policies from a user's file, or a shipped preset by name.

>>> policy_from("seed001").villages_per_subscribed_set
5
>>> plan_policy_from("default").films_per_session
1
"""

from __future__ import annotations

import os

from pmedu.errors import PolicyError
from pmedu.io.documents import names_a_file, read_document
from pmedu.planning import PlanPolicy
from pmedu.supply import SupplyPolicy

__all__ = ["load_plan_policy", "load_policy", "plan_policy_from", "policy_from"]


def load_policy(path: str | os.PathLike[str]) -> SupplyPolicy:
    """Read a policy from a TOML or JSON file; every bad field is reported by name.

    >>> import json, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.json"
    >>> _ = f.write_text(json.dumps({"villages_per_set": -1, "grouping": "city"}))
    >>> load_policy(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 2 problems:
    ...p.json: $.villages_per_set: 'villages_per_set' must be > 0: -1
    ...p.json: $.grouping: unknown grouping 'city'; accepted: ...
    """
    data = read_document(path, error=PolicyError)
    return SupplyPolicy.from_document(data, source=str(path))


def policy_from(spec: SupplyPolicy | str | os.PathLike[str] | None) -> SupplyPolicy:
    """A policy from a policy, ``None`` (the default preset), an existing ``.toml``/``.json``
    file, else the shipped preset of that name (the "preset name or file" of the command
    line)."""
    if spec is None or isinstance(spec, SupplyPolicy):
        return SupplyPolicy.resolve(spec)
    if names_a_file(spec, presets=SupplyPolicy.presets()):
        return load_policy(spec)
    return SupplyPolicy.preset(name=os.fspath(spec))


def load_plan_policy(path: str | os.PathLike[str]) -> PlanPolicy:
    """Read a monthly-plan policy ([`PlanPolicy`][pmedu.planning.policy.PlanPolicy]) from a TOML
    or JSON file laid out as the shipped ``default`` preset; every bad field is reported by name.

    >>> import json, pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.json"
    >>> _ = f.write_text(json.dumps({"films_per_session": 2}))
    >>> load_plan_policy(f).films_per_session
    2
    >>> _ = f.write_text(json.dumps({"films_per_session": 0}))
    >>> load_plan_policy(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmedu.errors.PolicyError: 1 problem:
    ...plan.json: $.films_per_session: 'films_per_session' must be >= 1: 0
    """
    data = read_document(path, error=PolicyError)
    return PlanPolicy.from_document(data, source=str(path))


def plan_policy_from(spec: PlanPolicy | str | os.PathLike[str] | None) -> PlanPolicy:
    """A plan policy from a policy, ``None`` (the ``default`` preset), an existing
    ``.toml``/``.json`` file, else the shipped preset of that name (``pmedu plan --policy``).

    >>> plan_policy_from(None).name
    'default'
    """
    if isinstance(spec, PlanPolicy):
        return spec
    if spec is None:
        return PlanPolicy.preset()
    if names_a_file(spec, presets=PlanPolicy.presets()):
        return load_plan_policy(spec)
    return PlanPolicy.preset(name=os.fspath(spec))
