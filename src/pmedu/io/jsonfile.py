"""A whole tree as one JSON document, through pmedu's one converter.

The document carries a ``format`` and a ``version`` so later versions of pmedu can read old
files, the hierarchy rules the tree was validated against, and the units in pre-order::

    {"format": "pmedu.tree", "version": 1,
     "rules": {"name": "default", ...},
     "units": [{"id": "C000", "name": "…", "kind": "county", ...}, ...]}

Fields that are ``None`` (an unrecorded breakdown) are left out. ``load_tree(save_tree(t))``
equals ``t`` exactly, rules included.

>>> import pathlib, tempfile
>>> from pmedu import OrgTree, Unit
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...                            Unit(id="T", name="东镇", kind="镇", parent_id="C", members=9)])
>>> path = save_tree(tree, pathlib.Path(tempfile.mkdtemp()) / "tree.json")
>>> load_tree(path) == tree
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from pmedu.convert import structure, unstructure
from pmedu.errors import DataError, Problem
from pmedu.io.documents import atomic_open, read_document
from pmedu.labels import UnitKind
from pmedu.model import Unit
from pmedu.network import HierarchyRules, OrgTree

__all__ = ["FORMAT", "VERSION", "load_tree", "save_tree", "tree_document", "tree_from_document"]

#: the ``format`` field of a tree document
FORMAT = "pmedu.tree"
#: the version of the tree document this pmedu writes (and the newest it reads)
VERSION = 1


@attrs.frozen
class _Header:
    format: str
    version: int
    rules: HierarchyRules | None = None


def _plain_pairs(pairs: Mapping[UnitKind, frozenset[UnitKind]]) -> dict[str, list[str]]:
    return {
        k.value: sorted(c.value for c in v)
        for k, v in sorted(pairs.items(), key=lambda kv: kv[0].value)
    }


def _plain_rules(rules: HierarchyRules) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": rules.name,
        "description": rules.description,
        "organisations": sorted(k.value for k in rules.organisations),
        "allowed": _plain_pairs(rules.allowed),
    }
    # the affiliation pairs are written when they are not the shipped default's (which a
    # document without them takes), so a document of the default rules stays as it was
    shipped = HierarchyRules.preset()
    if rules.affiliation != shipped.affiliation:
        out["affiliation"] = _plain_pairs(rules.affiliation)
    if rules.affiliation_only != shipped.affiliation_only:
        out["affiliation_only"] = sorted(k.value for k in rules.affiliation_only)
    return out


def tree_document(tree: OrgTree) -> dict[str, Any]:
    """The tree as plain data (what [`save_tree`][pmedu.io.jsonfile.save_tree] writes).

    >>> from pmedu import OrgTree, Unit
    >>> doc = tree_document(OrgTree.from_units([Unit(id="C", name="某县", kind="县")]))
    >>> doc["format"], doc["version"], doc["units"]
    ('pmedu.tree', 1, [{'id': 'C', 'name': '某县', 'kind': 'county', 'members': 0, 'has_station': False}])
    """  # noqa: E501
    units = []
    for u in (*tree, *tree.affiliation_only()):  # the working committees too (工委)
        d = unstructure(u)
        units.append({k: v for k, v in d.items() if v is not None})
    return {
        "format": FORMAT,
        "version": VERSION,
        "rules": _plain_rules(tree.rules),
        "units": units,
    }


def tree_from_document(
    data: Any, *, source: str | None = None, rules: HierarchyRules | str | None = None
) -> OrgTree:
    """Structure and validate a tree document (every problem at once).

    The tree is validated against ``rules`` when given, else against the rules saved in the
    document (the default preset when it has none).

    Raises [`DataError`][pmedu.errors.DataError] for a bad document (wrong format, newer version,
    bad fields — each named by its path, e.g. ``$.units[3].kind``) and a
    [`TreeError`][pmedu.errors.TreeError] when the units do not form a tree.

    >>> tree_from_document({"format": "pmedu.tree", "version": 9, "units": []}, source="t.json")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    t.json: version: version 9 was written by a newer pmedu; this one reads up to 1
    """
    if not isinstance(data, dict):
        raise DataError(
            [Problem("expected a JSON object with format, version and units", file=source)]
        )
    fmt, version = data.get("format"), data.get("version")
    if fmt != FORMAT:
        raise DataError(
            [
                Problem(
                    f"not a pmedu tree document (format is {fmt!r}, expected {FORMAT!r})",
                    file=source,
                    field="format",
                )
            ]
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise DataError(
            [
                Problem(
                    f"version {version} was written by a newer pmedu; this one reads up to "
                    f"{VERSION}",
                    file=source,
                    field="version",
                )
            ]
        )
    problems: list[Problem] = []
    header: _Header | None = None
    try:
        header = structure({k: v for k, v in data.items() if k != "units"}, _Header, source=source)
    except DataError as exc:
        problems.extend(exc.problems)
    units: list[Unit] = []
    if "units" not in data:
        problems.append(Problem("required field missing", file=source, field="$.units"))
    else:
        try:
            units = structure(data["units"], list[Unit], source=source)
        except DataError as exc:
            # paths are relative to the list: "$[3].kind" → "$.units[3].kind"
            for p in exc.problems:
                field = "$.units" + p.field[1:] if p.field and p.field.startswith("$") else p.field
                problems.append(attrs.evolve(p, field=field))
    if header is not None and header.version < 1:
        problems.append(Problem(f"unknown version {header.version}", file=source, field="version"))
    if problems or header is None:
        raise DataError(problems)
    return OrgTree.from_units(units, rules=header.rules if rules is None else rules)


def save_tree(tree: OrgTree, path: str | os.PathLike[str]) -> Path:
    """Write ``tree`` as a JSON tree document, atomically. Returns the path.

    >>> import pathlib, tempfile
    >>> from pmedu import OrgTree, Unit
    >>> p = save_tree(OrgTree.from_units([Unit(id="C", name="某县", kind="县")]),
    ...               pathlib.Path(tempfile.mkdtemp()) / "t.json")
    >>> p.read_text(encoding="utf-8").startswith('{"format": "pmedu.tree", "version": 1')
    True
    """
    target = Path(path)
    doc = tree_document(tree)
    with atomic_open(target, mode="w", encoding="utf-8") as fh:
        fh.write(f'{{"format": {json.dumps(FORMAT)}, "version": {VERSION},\n')
        fh.write(f' "rules": {json.dumps(doc["rules"], ensure_ascii=False)},\n')
        fh.write(' "units": [\n')
        last = len(doc["units"]) - 1
        for i, u in enumerate(doc["units"]):
            fh.write("  " + json.dumps(u, ensure_ascii=False) + (",\n" if i < last else "\n"))
        fh.write(" ]}\n")
    return target


def load_tree(path: str | os.PathLike[str]) -> OrgTree:
    """Read a tree written by [`save_tree`][pmedu.io.jsonfile.save_tree] (see
    [`tree_from_document`][pmedu.io.jsonfile.tree_from_document]).

    >>> import pathlib, tempfile
    >>> from pmedu.datasets import synth
    >>> tree = synth.tree("county", units=25, seed=2)
    >>> load_tree(save_tree(tree, pathlib.Path(tempfile.mkdtemp()) / "t.json")) == tree
    True
    """
    source = str(path)
    return tree_from_document(read_document(path), source=source)
