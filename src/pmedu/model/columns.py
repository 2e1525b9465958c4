"""How a record type appears as a sheet: its Chinese sheet name and column headers.

Every record class declares ``SHEET`` (the sheet's Chinese name, e.g. ``"党员"``) and gives each
field its Chinese header (and any other header a county's sheet may use) as attrs metadata made
by [`column`][pmedu.model.columns.column]. The records workbook builds every sheet from these,
so a new record type gets its sheet by declaring them, nothing else.

>>> import attrs
>>> from typing import ClassVar
>>> @attrs.frozen
... class Thing:
...     SHEET: ClassVar[str] = "物品"
...     id: str = attrs.field(metadata=column("编号", "代码"))
...     note: str = ""
>>> sheet_name(Thing), field_headers(Thing)
('物品', {'id': ('编号', ('代码',)), 'note': ('note', ())})
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["column", "field_headers", "sheet_name"]

#: the metadata keys [`column`][pmedu.model.columns.column] sets
HEADER_KEY = "pmedu.zh"
ALIASES_KEY = "pmedu.aliases"


def column(zh: str, *aliases: str) -> dict[str, Any]:
    """Field metadata: the column's Chinese header ``zh`` and other headers accepted on input.

    >>> column("姓名", "党员姓名")
    {'pmedu.zh': '姓名', 'pmedu.aliases': ('党员姓名',)}
    """
    if not zh.strip():
        raise ValueError("a column's Chinese header must not be blank")
    return {HEADER_KEY: zh, ALIASES_KEY: tuple(aliases)}


def sheet_name(cls: type) -> str:
    """The Chinese sheet name a record class declares as ``SHEET`` (its class name if none).

    >>> from pmedu.model.member import Member
    >>> sheet_name(Member)
    '党员'
    """
    name = getattr(cls, "SHEET", None)
    return name if isinstance(name, str) and name else cls.__name__


def field_headers(cls: type) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each field of the attrs class ``cls``: its Chinese header and accepted aliases, in field
    order (a field without [`column`][pmedu.model.columns.column] metadata is headed by its name).

    >>> from pmedu.model.study import StudyEntry
    >>> field_headers(StudyEntry)["minutes"]
    ('分钟', ('时长', '学习时长（分钟）'))
    """
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for a in attrs.fields(cls):
        out[a.name] = (a.metadata.get(HEADER_KEY, a.name), tuple(a.metadata.get(ALIASES_KEY, ())))
    return out
