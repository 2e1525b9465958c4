"""Where the two hierarchies differ (行政隶属与党组织隶属的差异), rendered from a
[`Table`][pmedu.tables.Table]: the units whose party-affiliation parent is not their
administrative parent, with their members and stations
([affiliation][concept-affiliation]). The differences are computed by
[`pmedu.pipeline.affiliation_differences`][pmedu.pipeline.affiliation_differences]; this module
renders and computes nothing.

>>> from pmedu.labels import UnitKind
>>> from pmedu.results import Difference
>>> d = Difference(unit_id="A", name="县财政局", kind=UnitKind.AGENCY, parent_id="C",
...     parent_name="某县", affiliation_id="GW", affiliation_name="县直机关工委",
...     members=7, affiliated_members=7, has_station=True, stations=1)
>>> t = differences_table([d])
>>> [c.header for c in t.columns][3:5], t.rows[0][3:5]
(['行政上级', '隶属党组织'], ('某县 (C)', '县直机关工委 (GW)'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pmedu.report.page import Section
from pmedu.results import Difference
from pmedu.tables import Cell, Column, Table

__all__ = ["HEADERS", "differences_section", "differences_table"]

#: the columns' headers, by language
HEADERS: Mapping[str, tuple[str, ...]] = {
    "zh": (
        "编号",
        "名称",
        "类型",
        "行政上级",
        "隶属党组织",
        "党员数",
        "隶属党员合计",
        "有播放网点",
        "隶属网点数",
    ),
    "en": (
        "id",
        "name",
        "kind",
        "administrative parent",
        "affiliated to",
        "members",
        "members affiliated",
        "station",
        "stations affiliated",
    ),
}
_FORMATS = ("text", "text", "text", "text", "text", "int", "int", "text", "int")
_TITLE = {
    "zh": "行政隶属与党组织隶属的差异",
    "en": "Where affiliation differs from the administrative tree",
}
_INTRO = {
    "zh": "{n} 个单位的党组织隶属关系与行政上级不同（含只在隶属关系中存在的工委、党工委）。",
    "en": "{n} units are affiliated elsewhere than their administrative parent "
    "(working committees, which exist only in the affiliation tree, included).",
}
_NONE = {"zh": "（无：只在隶属关系中存在）", "en": "(none: affiliation tree only)"}
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def _named(name: str | None, uid: str | None, lang: str) -> str:
    if uid is None:
        return _NONE[lang]
    return f"{name} ({uid})"


def differences_table(differences: Iterable[Difference], *, lang: str = "zh") -> Table:
    """One row per unit that differs: id, name, kind, administrative parent, affiliation,
    its own members, the members affiliated to it (its subtree along affiliation), whether it
    has a station and the stations affiliated to it."""
    if lang not in HEADERS:
        raise ValueError(f"unknown language {lang!r}; available: {', '.join(HEADERS)}")
    yes, no = _YES_NO[lang]
    rows: list[tuple[Cell, ...]] = [
        (
            d.unit_id,
            d.name,
            d.kind.label if lang == "zh" else d.kind.value,
            _named(d.parent_name, d.parent_id, lang),
            _named(d.affiliation_name, d.affiliation_id, lang),
            d.members,
            d.affiliated_members,
            yes if d.has_station else no,
            d.stations,
        )
        for d in differences
    ]
    columns = tuple(Column(h, f) for h, f in zip(HEADERS[lang], _FORMATS, strict=True))
    return Table(columns=columns, rows=rows)


def differences_section(differences: Iterable[Difference], *, lang: str = "zh") -> Section:
    """The report section ``affiliation``: the count and the table.

    >>> differences_section([]).paragraphs[0]
    '0 个单位的党组织隶属关系与行政上级不同（含只在隶属关系中存在的工委、党工委）。'
    """
    table = differences_table(differences, lang=lang)
    return Section(
        "affiliation",
        _TITLE[lang],
        paragraphs=(_INTRO[lang].format(n=len(table.rows)),),
        tables=(table,),
    )
