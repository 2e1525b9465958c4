"""The responsibility letters (目标责任书) of a target split down the tree, as ground
[`Table`][pmedu.tables.Table]s: one sheet per level.

A [`Decomposition`][pmedu.network.decompose.Decomposition] (what
[`pmedu.network.decompose.decompose_target`][pmedu.network.decompose.decompose_target] gives) is
laid out level by level: for every unit its parent (the unit whose share it splits), its share,
its weight and the sentence of its letter.
[`letter_tables`][pmedu.report.letters.letter_tables] computes nothing;
[`pmedu.io.xlsx.write_tables`][pmedu.io.xlsx.write_tables] writes the sheets and
[`pmedu.tables.text_table`][pmedu.tables.text_table] prints them.

>>> from pmedu.model import Unit
>>> from pmedu.network import OrgTree
>>> from pmedu.network.decompose import decompose_target
>>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
...     Unit(id="T1", name="东镇", kind="镇", parent_id="C", members=30),
...     Unit(id="T2", name="西镇", kind="镇", parent_id="C", members=10)])
>>> d = decompose_target(tree, at="C", total=8, levels="镇", weight="members")
>>> sheets = letter_tables(tree, d, levels=["乡镇"], target="科技示范户", measure="户")
>>> list(sheets), sheets["乡镇"].rows[0]
(['乡镇'], ('东镇', 'T1', '某县', 6, 30, '某县下达东镇科技示范户目标 6 户'))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from pmedu.network import OrgTree
from pmedu.network.decompose import Decomposition
from pmedu.tables import Column, Table

__all__ = ["LETTER_TEXT", "letter_tables"]

#: the sentence of each letter, by language: ``{parent}``, ``{unit}``, ``{target}``,
#: ``{share}``, ``{measure}`` are filled in (a unit whose weight is zero gets ``left_out``)
LETTER_TEXT: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "letter": "{parent}下达{unit}{target}目标 {share} {measure}",
        "left_out": "{unit}无{target}任务（权重为零）",
        "unit": "单位",
        "id": "编号",
        "parent": "上级单位",
        "share": "分解数",
        "weight": "权重",
        "text": "目标责任书",
    },
    "en": {
        "letter": "{parent} assigns {unit} a {target} target of {share} {measure}",
        "left_out": "{unit} has no {target} target (weight zero)",
        "unit": "Unit",
        "id": "ID",
        "parent": "Parent",
        "share": "Share",
        "weight": "Weight",
        "text": "Responsibility letter",
    },
}


def _weight(w: Fraction) -> int | float:
    return int(w) if w.denominator == 1 else float(w)


def _splits(d: Decomposition, n: int) -> list[tuple[str, Decomposition]]:
    """The splits of level ``n`` (1 = the split under ``d.at``): ``(parent id, split)``."""
    if n <= 1:
        return [(d.at, d)]
    return [s for below in d.below.values() for s in _splits(below, n - 1)]


def letter_tables(
    tree: OrgTree,
    decomposition: Decomposition,
    *,
    levels: Sequence[str],
    target: str = "",
    measure: str = "",
    lang: str = "zh",
) -> dict[str, Table]:
    """One table per level of ``decomposition`` (sheet name → table, top level first), named by
    ``levels`` (the levels as the user gave them: ``["县", "乡镇"]``; a level beyond them is named
    by its number). Each row: the unit, its id, its parent, its share, its weight and its letter's
    sentence ([`LETTER_TEXT`][pmedu.report.letters.LETTER_TEXT], with ``target`` the target's name
    and ``measure`` the word after the number, e.g. ``"户"``). Units whose weight is zero keep
    their row with share 0.

    >>> from pmedu.model import Unit
    >>> from pmedu.network.decompose import decompose_target
    >>> tree = OrgTree.from_units([Unit(id="C", name="某县", kind="县"),
    ...     Unit(id="T", name="东镇", kind="镇", parent_id="C"),
    ...     Unit(id="V", name="石桥村", kind="村", parent_id="T")])
    >>> d = decompose_target(tree, at="C", total=3, levels=["镇", "村"], weight="村")
    >>> t = letter_tables(tree, d, levels=["镇", "村"], lang="en")
    >>> [(name, table.rows[0][2], table.rows[0][3]) for name, table in t.items()]
    [('镇', '某县', 3), ('村', '东镇', 3)]
    """
    words = LETTER_TEXT[lang]
    columns = (
        Column(words["unit"]),
        Column(words["id"]),
        Column(words["parent"]),
        Column(words["share"], "int"),
        Column(words["weight"], "num"),
        Column(words["text"]),
    )
    out: dict[str, Table] = {}
    for n in range(1, decomposition.depth + 1):
        rows: list[tuple[Any, ...]] = []
        for parent_id, split in _splits(decomposition, n):
            parent = tree.unit(parent_id).name
            for uid, w in split.weights.items():
                share = split.shares[uid]
                name = split.names.get(uid) or tree.unit(uid).name
                key = "left_out" if uid in split.left_out else "letter"
                text = words[key].format(
                    parent=parent, unit=name, target=target, share=share, measure=measure
                )
                rows.append((name, uid, parent, share, _weight(w), " ".join(text.split())))
        title = levels[n - 1] if n - 1 < len(levels) else str(n)
        out[title] = Table(columns=columns, rows=rows, caption=title)
    return out
