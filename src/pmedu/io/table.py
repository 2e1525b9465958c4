"""The flat unit table (单位信息表): its columns, header aliases, and rows ↔ units.

One place knows the columns of a unit table, in English and Chinese, so every reader (CSV
here, Excel in [`pmedu.io.xlsx`][pmedu.io.xlsx]) and writer uses the same names:

- ``id`` (``编号``): the unit's code, required
- ``parent_id`` (``上级编号``): the parent's code; empty for the root
- ``name`` (``名称``): required
- ``kind`` (``类型``): 县, 乡镇, 街道, 行政村, 社区, 非公有制企业 … (any
  [`UnitKind`][pmedu.labels.UnitKind] label)
- ``members`` (``党员数``): whole number ≥ 0; empty means 0
- ``org_type`` (``组织类型``): 党委 / 党总支 / 党支部; may be empty
- ``mobile`` (``流动党员``): whole number or empty (not recorded)
- ``retired`` (``离退休党员``): whole number or empty
- ``not_transferred`` (``组织关系未转入``): whole number or empty
- ``has_station`` (``有播放网点``): 是/否, 有/无, 1/0, true/false, yes/no; empty means 否

The columns ``id``, ``parent_id``, ``name`` and ``kind`` are required; the others are optional.
Header matching ignores case, surrounding spaces and the ``_``/``-``/space difference, and accepts
the aliases in [`COLUMNS`][pmedu.io.table.COLUMNS] (``上级代码``, ``党员人数`` …). Unknown columns
are an error by default, because a misspelt optional column would otherwise be silently ignored;
pass ``extra_columns="ignore"`` to read a table that carries other columns (序号, 备注 …). Every
cell is stripped of surrounding spaces; rows whose cells are all empty are skipped.

>>> rows = [
...     {"编号": "C", "上级编号": "", "名称": "某县", "类型": "县"},
...     {"编号": "T1", "上级编号": "C", "名称": "东镇 ", "类型": "镇", "党员数": "12"},
... ]
>>> [u.name for u in units_from_rows(rows, "units.csv")]
['某县', '东镇']
>>> units_from_rows([{"编号": "V", "上级编号": "", "名称": "x", "类型": "镇村",
...                   "党员数": "-3"}], "units.csv")
Traceback (most recent call last):
...
pmedu.errors.DataError: 2 problems:
units.csv:2: kind: unknown unit kind '镇村'; accepted: ...
units.csv:2: members: must be a whole number ≥ 0, got '-3'
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from pmedu.errors import DataError, PmeduWarning, Problem
from pmedu.io.layout import HEADER_SCAN, IGNORED_HEADERS, TOTAL_LABELS, Laid, is_total, lay_out
from pmedu.labels import OrgType, UnitKind
from pmedu.model import Unit
from pmedu.network.tree import FIELDS, unit_of
from pmedu.validators import clean_id, clean_name, parse_count

__all__ = [
    "COLUMNS",
    "HEADER_SCAN",
    "IGNORED_HEADERS",
    "TOTAL_LABELS",
    "UNIT_ALIASES",
    "Column",
    "ExtraColumns",
    "Lang",
    "check_cells",
    "find_header",
    "keep_good_rows",
    "laid_header_problems",
    "lay_out_units",
    "match_headers",
    "parse_bool",
    "relaid",
    "sum_rows",
    "table_layout",
    "unit_rows",
    "units_from_columns",
    "units_from_laid",
    "units_from_rows",
]

Lang = Literal["zh", "en"]
ExtraColumns = Literal["warn", "error", "ignore"]


@attrs.frozen
class Column:
    """One column of the unit table.

    >>> COLUMNS[0].field, COLUMNS[0].zh
    ('id', '编号')
    """

    field: str
    zh: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def en(self) -> str:
        """The English header (the [`Unit`][pmedu.model.unit.Unit] field name)."""
        return self.field

    def header(self, lang: Lang) -> str:
        """The header written in ``lang`` (``"zh"`` or ``"en"``).

        >>> COLUMNS[4].header("zh"), COLUMNS[4].header("en")
        ('党员数', 'members')
        """
        return self.zh if lang == "zh" else self.en


#: the columns of a unit table, in the order they are written
COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", ("代码", "单位编号", "组织编号", "单位代码", "code", "unit id"), True),
    Column(
        "parent_id",
        "上级编号",
        ("上级代码", "上级单位编号", "上级组织编号", "parent", "parent code"),
        True,
    ),
    Column("name", "名称", ("单位名称", "组织名称", "党组织名称", "unit name"), True),
    Column("kind", "类型", ("单位类型", "类别", "层级", "type", "unit kind"), True),
    Column("members", "党员数", ("党员人数", "党员总数", "member count")),
    Column("org_type", "组织类型", ("党组织类型", "组织形式", "党组织形式", "organisation type")),
    Column("mobile", "流动党员", ("流动党员数", "mobile members")),
    Column("retired", "离退休党员", ("离退休党员数", "retired members")),
    Column(
        "not_transferred",
        "组织关系未转入",
        ("组织关系未转入党员", "组织关系未转入党员数", "未转入"),
    ),
    Column("has_station", "有播放网点", ("播放网点", "是否有播放网点", "网点", "station")),
)

_SEP = re.compile(r"[\s\-_]+")


def _norm(header: str) -> str:
    return _SEP.sub("_", header.strip().lstrip("\ufeff").strip().lower()).strip("_")


_HEADER_TABLE: dict[str, Column] = {}
for _c in COLUMNS:
    for _h in (_c.field, _c.zh, *_c.aliases):
        _HEADER_TABLE[_norm(_h)] = _c

_TRUE = frozenset({"是", "有", "1", "true", "yes", "y", "t", "√", "✓", "已建"})
_FALSE = frozenset({"否", "无", "没有", "0", "false", "no", "n", "f", "×", "✗", "未建", ""})


def parse_bool(text: str) -> bool:
    """A yes/no cell: 是/否, 有/无, 1/0, true/false, yes/no (any case); empty is false.

    >>> parse_bool("是"), parse_bool(" TRUE "), parse_bool("无"), parse_bool("")
    (True, True, False, False)
    >>> parse_bool("maybe")
    Traceback (most recent call last):
    ...
    ValueError: expected 是/否 (or 有/无, 1/0, true/false), got 'maybe'
    """
    t = text.strip().lower()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ValueError(f"expected 是/否 (or 有/无, 1/0, true/false), got {text.strip()!r}")


def match_headers(
    headers: Sequence[str],
    source: str,
    *,
    extra_columns: ExtraColumns = "warn",
) -> tuple[dict[str, str], list[Problem]]:
    """Map the table's headers to [`Unit`][pmedu.model.unit.Unit] fields.

    Returns ``{header as written: field}`` and the problems with the header row (row 1):
    missing required columns, two headers for one field, and, with ``extra_columns="error"``
    (``strict``), unknown headers. By default (``"warn"``) an unknown header is a
    [`PmeduWarning`][pmedu.errors.PmeduWarning] naming it; ``"ignore"`` is the quiet form.
    Empty headers over empty columns are ignored.

    >>> mapping, problems = match_headers([" ID ", "Parent_ID", "名称", "类型", "备注"], "f.csv",
    ...                                   extra_columns="error")
    >>> mapping
    {' ID ': 'id', 'Parent_ID': 'parent_id', '名称': 'name', '类型': 'kind'}
    >>> print(problems[0])
    f.csv:1: 备注: unknown column; expected some of: 编号, 上级编号, 名称, 类型, 党员数, ...
    """
    problems: list[Problem] = []
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for h in headers:
        if not h.strip() or _norm(h) in IGNORED_HEADERS:
            continue
        col = _HEADER_TABLE.get(_norm(h))
        if col is None:
            if extra_columns != "ignore":
                unknown = Problem(
                    "unknown column; expected some of: "
                    + ", ".join(c.zh for c in COLUMNS)
                    + " (or "
                    + ", ".join(c.en for c in COLUMNS)
                    + ")",
                    file=source,
                    row=1,
                    field=h.strip(),
                )
                if extra_columns == "error":
                    problems.append(unknown)
                else:
                    warnings.warn(str(unknown), PmeduWarning, stacklevel=3)
            continue
        if col.field in seen:
            problems.append(
                Problem(
                    f"column for '{col.field}' ({col.zh}) given twice "
                    f"(also {seen[col.field].strip()!r})",
                    file=source,
                    row=1,
                    field=h.strip(),
                )
            )
            continue
        seen[col.field] = h
        mapping[h] = col.field
    for col in COLUMNS:
        if col.required and col.field not in seen:
            problems.append(
                Problem(f"missing column {col.zh} ({col.en})", file=source, row=1, field=col.field)
            )
    return mapping, problems


#: the columns a unit table must have: they (or three known names) pick its header row
_REQUIRED_FIELDS = frozenset(c.field for c in COLUMNS if c.required)
#: every header text a unit table's column may have (English, Chinese, aliases) → its field,
#: as [`lay_out`][pmedu.io.layout.lay_out] matches them
UNIT_ALIASES: dict[str, str] = {h: c.field for c in COLUMNS for h in (c.field, c.zh, *c.aliases)}


def lay_out_units(
    records: Sequence[Sequence[Any]],
    source: str,
    *,
    sheet: str | None = None,
    merges: Sequence[Any] = (),
    scan: int = HEADER_SCAN,
    say: bool = True,
) -> Laid:
    """A unit table laid out on its sheet ([`lay_out`][pmedu.io.layout.lay_out] with the unit
    table's names): a vertically merged 上级编号 fills the rows its merge covers.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     laid = lay_out_units([["某县统计表"], ["序号", "编号", "上级编号", "名称", "类型"],
    ...                           ["1", "C", "", "某县", "县"]], "u.csv")
    >>> laid.fields, laid.header_rows
    ((None, 'id', 'parent_id', 'name', 'kind'), (2,))
    """
    return lay_out(
        records,
        aliases=UNIT_ALIASES,
        required=_REQUIRED_FIELDS,
        source=source,
        sheet=sheet,
        merges=merges,
        fill_down=("parent_id",),
        scan=scan,
        say=say,
    )


def find_header(records: Sequence[Sequence[Any]], source: str, *, scan: int = HEADER_SCAN) -> int:
    """The index of a unit table's header row in ``records`` (``records[k]`` is the sheet's
    row ``k + 1``): the first among the first ``scan`` rows that holds every required column
    or at least three known column names; two such rows are a
    [`DataError`][pmedu.errors.DataError] naming both; the rows above it are skipped with a
    [`PmeduWarning`][pmedu.errors.PmeduWarning]. A 序号 column is ignored. (The unit table's
    part of [`lay_out_units`][pmedu.io.table.lay_out_units], which every reader now uses.)

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     find_header([["某县统计表"], ["序号", "编号", "上级编号", "名称", "类型"]], "u.csv")
    1
    >>> head = ["编号", "名称", "类型"]
    >>> find_header([head, ["C", "某县", "县"], head], "u.csv")
    Traceback (most recent call last):
    ...
    pmedu.errors.DataError: 1 problem:
    u.csv:3: two header rows: rows 1 and 3 both hold the table's column names; keep one
    """
    laid = lay_out_units(records[: scan + 1], source, scan=scan, say=False)
    header = laid.header_rows[0] - 1
    if laid.skipped_above:
        above = "row 1" if header == 1 else f"rows 1-{header}"
        warnings.warn(
            f"{source}: {above} above the header row (row {header + 1}) skipped",
            PmeduWarning,
            stacklevel=2,
        )
    return header


def sum_rows(records: Sequence[Sequence[Any]], source: str, *, start: int = 1) -> list[int]:
    """The indexes of the sum rows (a 合计 / 小计 / 总计 cell among the first four,
    [`is_total`][pmedu.io.layout.is_total]) of ``records`` from ``start`` on, counted in a
    [`PmeduWarning`][pmedu.errors.PmeduWarning] naming their rows (``records[k]`` is row
    ``k + 1``).

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     sum_rows([["编号", "名称"], ["C", "某县"], ["合计", ""]], "u.csv")
    [2]
    """
    totals = [k for k in range(start, len(records)) if is_total(records[k])]
    if totals:
        rows = ", ".join(str(k + 1) for k in totals)
        noun = "row" if len(totals) == 1 else "rows"
        warnings.warn(
            f"{source}: {len(totals)} 合计/小计 {noun} skipped: {noun} {rows}",
            PmeduWarning,
            stacklevel=2,
        )
    return totals


def table_layout(
    records: Sequence[Sequence[Any]], source: str, *, scan: int = HEADER_SCAN
) -> tuple[int, list[int]]:
    """Where a unit table's header row is ([`find_header`][pmedu.io.table.find_header]) and
    which rows below it are sum rows ([`sum_rows`][pmedu.io.table.sum_rows]), for a sheet
    as an office fills it in: ``records[k]`` is the sheet's row ``k + 1``.

    >>> import warnings
    >>> recs = [["某县党组织统计表"], ["填报单位：某县", "", ""],
    ...         ["序号", "编号", "上级编号", "名称", "类型"],
    ...         ["1", "C", "", "某县", "县"], ["", "合计", "", "", ""]]
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     table_layout(recs, "u.csv")
    (2, [4])
    >>> for x in w: print(x.message)
    u.csv: rows 1-2 above the header row (row 3) skipped
    u.csv: 1 合计/小计 row skipped: row 5
    """
    header = find_header(records, source, scan=scan)
    return header, sum_rows(records, source, start=header + 1)


def relaid(
    records: list[list[Any]], header: int, totals: Sequence[int], blank: Any
) -> list[list[Any]]:
    """``records`` with the header row first and the rows above it and the sum rows blank
    (``blank`` is a blank row's cell), so every row keeps its index — its sheet row number.

    >>> relaid([["t"], ["id", "x"], ["A", "1"], ["合计", "1"]], 1, [3], "")
    [['id', 'x'], ['', ''], ['A', '1'], ['', '']]
    """
    if not header and not totals:
        return records
    width = len(records[header])
    out = [records[header], *([[blank] * width] * header), *records[header + 1 :]]
    for k in totals:
        out[k] = [blank] * width
    return out


_WHOLE = re.compile(r"(?<=[0-9])\.0+$")


def _count(text: str, *, optional: bool) -> int | None:
    if not text:
        return None if optional else 0
    try:
        return parse_count(_WHOLE.sub("", text))  # 12.0, as a spreadsheet exports 12, is 12
    except ValueError as exc:
        if "at most" in str(exc):
            raise
        raise ValueError(f"must be a whole number ≥ 0, got {text!r}") from None


#: the optional count columns and whether an empty cell is "not recorded" (None) or 0
_COUNTS: tuple[tuple[str, bool], ...] = (
    ("members", False),
    ("mobile", True),
    ("retired", True),
    ("not_transferred", True),
)
#: the order a row's problems are reported in: the order of the checks of one row
_ORDER = {f: k for k, f in enumerate(("id", "name", "kind", *(f for f, _ in _COUNTS)))}
_ORDER.update(parent_id=0, org_type=7, has_station=8, members_total=9)

Found = list[tuple[int, int, Problem]]  # (position, check order, problem)


class _At:
    """Where the row at a position is: ``{"file": …, "row": …}``, made only for a problem."""

    __slots__ = ("rows", "sheet", "source")

    def __init__(self, source: str, rows: Sequence[int], sheet: str | None = None) -> None:
        self.source = source
        self.rows = rows
        self.sheet = sheet

    def __getitem__(self, k: int) -> dict[str, Any]:
        return {"file": self.source, "row": self.rows[k], "sheet": self.sheet}


def _nonempty(col: list[str], field: str, at: _At, found: Found) -> None:
    if "" not in col:
        return
    order = _ORDER[field]
    found.extend(
        (k, order, Problem("must not be empty", field=field, **at[k]))
        for k, text in enumerate(col)
        if not text
    )


def _parsed(
    col: list[str],
    field: str,
    parse: Any,
    at: _At,
    found: Found,
) -> list[Any]:
    """``parse`` once per distinct cell text; a ``ValueError`` (``LabelError`` too) is the
    cell's problem, with the exception's text."""
    seen: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for text in set(col):
        try:
            seen[text] = parse(text)
        except ValueError as exc:
            errors[text] = str(exc)
    if errors:
        order = _ORDER[field]
        found.extend(
            (k, order, Problem(errors[text], field=field, **at[k]))
            for k, text in enumerate(col)
            if text in errors
        )
        return [seen.get(text) for text in col]
    return list(map(seen.__getitem__, col))


#: a character no id or name may hold (see pmedu.validators.text_problem)
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def _text_column(col: list[str], field: str, form: str, at: _At, found: Found) -> list[Any]:
    """An id or name column through clean_id / clean_name: checked whole at once when every
    cell is clean already (the common case: one regex search, one normal-form test over the
    cells joined by a comma, which neither composes nor reorders with its neighbours), else
    cell by cell with each problem at its row."""
    joined = ",".join(col)
    if _REFUSED.search(joined) is None and (
        joined.isascii() or unicodedata.is_normalized(form, joined)  # type: ignore[arg-type]
    ):
        return [t or None for t in col]  # the cells are stripped already
    clean = clean_name if form == "NFC" else clean_id
    return _parsed(col, field, _text_cell(clean), at, found)


def _text_cell(clean: Any) -> Any:
    """An id or name cell's parser: blank stays blank (``None`` for a parent) — a blank id or
    name is reported by ``_nonempty`` — else the cleaned text."""

    def parse(text: str) -> str | None:
        return clean(text) if text else None

    return parse


def _flag_cell(text: str) -> bool:
    if not text.strip():
        raise ValueError("must not be blank: 是 or 否")
    return parse_bool(text)


def _kind_cell(text: str) -> UnitKind:
    if not text:
        raise ValueError("must not be empty")
    return UnitKind.parse(text)


def _org_type_cell(text: str) -> OrgType | None:
    return OrgType.parse(text) if text else None


def _count_cell(optional: bool) -> Any:
    return lambda text: _count(text, optional=optional)


def _over_members(values: Mapping[str, list[Any]], at: _At) -> Found:
    """The cross-field check of [`Unit`][pmedu.model.unit.Unit]: a breakdown over the total."""
    parts = [(f, values[f]) for f, optional in _COUNTS if optional and f in values]
    if not parts:
        return []
    members = values.get("members") or [0] * len(at.rows)  # an absent column: 0 each
    found: Found = []
    order = _ORDER["members_total"]
    over: set[int] = set()
    n = len(members)
    for _, col in parts:
        if col.count(None) < n:  # a bad row has None everywhere: no total to compare
            over.update(
                [
                    k
                    for k, p, t in zip(range(n), col, members, strict=True)
                    if p is not None and p > t
                ]
            )
    for k in sorted(over):
        for name, col in parts:  # the first breakdown over the total, as Unit reports it
            part, total = col[k], members[k]
            if part is not None and total is not None and part > total:
                msg = f"'{name}' ({part}) must not exceed 'members' ({total})"
                found.append((k, order, Problem(msg, field=name, **at[k])))
                break
    return found


def check_cells(
    cells: Mapping[str, list[str]],
    rows: Sequence[int],
    source: str,
    *,
    blank_is_false: bool = True,
    sheet: str | None = None,
) -> tuple[dict[str, list[Any]], list[bool], list[Problem]]:
    """Check a unit table column by column: ``cells`` maps a [`Unit`][pmedu.model.unit.Unit]
    field to the stripped cells of the table's non-blank rows, ``rows`` gives their row
    numbers.

    Returns the parsed values of every column (the field's default where the column is
    absent), which rows are bad, and the problems, row by row in the order a row is checked:
    every label (kind, organisation type) and every distinct count is parsed once. With
    ``blank_is_false=False`` (a sheet's cells) a blank yes/no cell is an error, never ``False``.
    ``sheet`` names the workbook's sheet in the problems (``FILE:SHEET!ROW``).

    >>> values, bad, problems = check_cells(
    ...     {"id": ["C", "V"], "name": ["某县", ""], "kind": ["县", "村"],
    ...      "members": ["3", "x"]}, [2, 3], "u.csv")
    >>> values["kind"][0], values["parent_id"], bad
    (<UnitKind.COUNTY: 'county'>, [None, None], [False, True])
    >>> for p in problems: print(p)
    u.csv:3: name: must not be empty
    u.csv:3: members: must be a whole number ≥ 0, got 'x'
    """
    n = len(rows)
    at = _At(source, rows, sheet)
    found: Found = []
    blank = [""] * n
    values: dict[str, list[Any]] = {}
    for field, form in (("id", "NFKC"), ("name", "NFC"), ("parent_id", "NFKC")):
        col = list(cells.get(field, blank))
        if field != "parent_id":
            _nonempty(col, field, at, found)
        values[field] = _text_column(col, field, form, at, found)
    values["kind"] = _parsed(list(cells.get("kind", blank)), "kind", _kind_cell, at, found)
    for field, optional in _COUNTS:
        if field in cells:
            values[field] = _parsed(cells[field], field, _count_cell(optional), at, found)
    if "org_type" in cells:
        values["org_type"] = _parsed(cells["org_type"], "org_type", _org_type_cell, at, found)
    if "has_station" in cells:
        flag = parse_bool if blank_is_false else _flag_cell
        values["has_station"] = _parsed(cells["has_station"], "has_station", flag, at, found)
    bad = [False] * n
    for k, _, _ in found:
        bad[k] = True
    good = values
    if found:
        good = {
            f: [x if not b else None for x, b in zip(col, bad, strict=True)]
            for f, col in values.items()
        }
    found.extend(_over_members(good, at))
    for k, _, _ in found:
        bad[k] = True
    found.sort(key=lambda t: (t[0], t[1]))
    for a in attrs.fields(Unit):
        if a.name not in values:
            values[a.name] = [a.default] * n
    return values, bad, [p for _, _, p in found]


def keep_good_rows(
    values: Mapping[str, list[Any]],
    bad: Sequence[bool],
    rows: Sequence[int],
    *,
    row_numbers: list[int] | dict[str, int] | None = None,
    skipped: set[str] | None = None,
) -> list[Unit]:
    """The units of the rows [`check_cells`][pmedu.io.table.check_cells] found good; ``row_numbers``
    and ``skipped`` as in [`units_from_rows`][pmedu.io.table.units_from_rows].

    >>> values, bad, _ = check_cells({"id": ["C", "V"], "name": ["某县", ""],
    ...                               "kind": ["县", "村"]}, [2, 3], "u.csv")
    >>> rows, left_out = [], set()
    >>> [u.id for u in keep_good_rows(values, bad, [2, 3], row_numbers=rows,
    ...                               skipped=left_out)], rows, left_out
    (['C'], [2], {'V'})
    """
    keep = [k for k, b in enumerate(bad) if not b]
    ids = values["id"]
    if skipped is not None:
        skipped.update(uid for uid, b in zip(ids, bad, strict=True) if b and uid)
    if isinstance(row_numbers, list):
        row_numbers.extend(rows[k] for k in keep)
    elif row_numbers is not None:
        for k in keep:
            row_numbers.setdefault(ids[k], rows[k])
    return units_from_columns(values, keep)


def units_from_columns(values: Mapping[str, list[Any]], keep: Iterable[int]) -> list[Unit]:
    """The [`Unit`][pmedu.model.unit.Unit] objects of the positions ``keep`` of columns that
    [`check_cells`][pmedu.io.table.check_cells] passed (no validator runs again).

    >>> values, bad, _ = check_cells({"id": ["C"], "name": ["某县"], "kind": ["县"]},
    ...                              [2], "u.csv")
    >>> units_from_columns(values, [0])[0].kind.label
    '县'
    """
    cols = [values[f] for f in FIELDS]
    return [unit_of([col[k] for col in cols]) for k in keep]


def units_from_rows(
    rows: Iterable[Mapping[str, str | None]],
    source: str,
    *,
    first_row: int = 2,
    headers: Sequence[str] | None = None,
    extra_columns: ExtraColumns = "warn",
    row_numbers: list[int] | dict[str, int] | None = None,
    collect: list[Problem] | None = None,
    skipped: set[str] | None = None,
    blank_is_false: bool = True,
) -> list[Unit]:
    """Units from table rows (``{header: cell}``), reporting every bad cell at once.

    ``rows`` are numbered from ``first_row`` (the first data row of a spreadsheet is row 2;
    blank rows count, so pass them through). ``headers`` are the header row as written
    (taken from the first row's keys when ``None``). Raises
    [`DataError`][pmedu.errors.DataError] with one ``FILE:ROW: column: what`` problem per bad
    cell, bad header and misplaced row. ``row_numbers`` collects the rows of the units
    returned, so later tree problems can name rows: a list gets each unit's row appended
    (in the order of the units), a dict gets ``unit id → first row``. With ``collect``, the
    cell problems are appended to it instead of raised and the good rows' units are returned
    (``skipped`` then gets the ids of the rows left out), so a caller can go on to check the
    tree and report both kinds of problem at once. ``blank_is_false`` as in
    [`check_cells`][pmedu.io.table.check_cells] (``False`` for a sheet's rows).

    >>> units_from_rows([{"id": "A", "parent_id": "", "name": "甲", "kind": "county",
    ...                   "has_station": "是"}], "t.csv")[0].has_station
    True
    """
    it: Iterator[Mapping[str, str | None]] = iter(rows)
    pending: list[Mapping[str, str | None]] = []
    if headers is None:
        first = next(it, None)
        if first is None:
            raise DataError([Problem("no rows: the table is empty", file=source)])
        headers = list(first)
        pending.append(first)
    mapping, problems = match_headers(headers, source, extra_columns=extra_columns)
    if any(p.field in {c.field for c in COLUMNS if c.required} for p in problems):
        # without a required column no row can be read: report the header alone
        raise DataError(problems)
    row = first_row - 1
    cells: dict[str, list[str]] = {field: [] for field in mapping.values()}
    pairs = [(header, cells[field].append) for header, field in mapping.items()]
    rows_kept: list[int] = []

    def all_rows() -> Iterator[Mapping[str, str | None]]:
        yield from pending
        yield from it

    for raw in all_rows():
        row += 1
        if not any((v or "").strip() for v in raw.values()):
            continue  # a blank row
        rows_kept.append(row)
        for header, add in pairs:
            add((raw.get(header) or "").strip())
    values, bad, found = check_cells(cells, rows_kept, source, blank_is_false=blank_is_false)
    problems.extend(found)
    units = keep_good_rows(values, bad, rows_kept, row_numbers=row_numbers, skipped=skipped)
    if problems:
        if collect is None:
            raise DataError(problems)
        collect.extend(problems)
    return units


def _cell(value: Any, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        if lang == "zh":
            return "是" if value else "否"
        return "true" if value else "false"
    if isinstance(value, UnitKind | OrgType):
        return value.label if lang == "zh" else str(value.value)
    return str(value)


def unit_rows(units: Iterable[Unit], *, lang: Lang = "zh") -> Iterator[list[str]]:
    """The header row in ``lang``, then one row of cells per unit (every column).

    >>> rows = list(unit_rows([Unit(id="V", name="石桥村", kind="村", members=3)]))
    >>> rows[0][:5], rows[1][:5]
    (['编号', '上级编号', '名称', '类型', '党员数'], ['V', '', '石桥村', '行政村', '3'])
    >>> list(unit_rows([], lang="en"))[0][-1]
    'has_station'
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}: use 'zh' or 'en'")
    yield [c.header(lang) for c in COLUMNS]
    fields = [c.field for c in COLUMNS]
    for u in units:
        yield [_cell(getattr(u, f), lang) for f in fields]


def laid_header_problems(
    laid: Laid, source: str, *, sheet: str | None = None, extra_columns: ExtraColumns = "warn"
) -> list[Problem]:
    """The problems of a unit table's header as [`lay_out_units`][pmedu.io.table.lay_out_units]
    found it, at its header row, with the messages of
    [`match_headers`][pmedu.io.table.match_headers]: a column for a field given twice, a
    missing required column, and an unknown column (a [`PmeduWarning`][pmedu.errors.PmeduWarning]
    by default, a problem with ``extra_columns="error"``, nothing with ``"ignore"``).

    >>> laid = lay_out_units([["编号", "名称", "类型", "备注"]], "u.csv")
    >>> for p in laid_header_problems(laid, "u.csv", extra_columns="error"): print(p)
    u.csv:1: 备注: unknown column; expected some of: 编号, 上级编号, 名称, 类型, 党员数, ...
    u.csv:1: parent_id: missing column 上级编号 (parent_id)
    """
    row = laid.header_rows[0]
    unknown = dict(laid.unknown)
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for j, (text, field) in enumerate(zip(laid.headers, laid.fields, strict=True)):
        if j in unknown and extra_columns != "ignore":
            what = (
                "unknown column; expected some of: "
                + ", ".join(c.zh for c in COLUMNS)
                + " (or "
                + ", ".join(c.en for c in COLUMNS)
                + ")"
            )
            found = Problem(what, file=source, sheet=sheet, row=row, field=text)
            if extra_columns == "error":
                problems.append(found)
            else:
                warnings.warn(str(found), PmeduWarning, stacklevel=3)
        if field is None:
            continue
        if field in seen:
            col = _BY_FIELD[field]
            problems.append(
                Problem(
                    f"column for '{field}' ({col.zh}) given twice (also {seen[field]!r})",
                    file=source,
                    sheet=sheet,
                    row=row,
                    field=text,
                )
            )
            continue
        seen[field] = text
    problems.extend(
        Problem(f"missing column {c.zh} ({c.en})", file=source, sheet=sheet, row=row, field=c.field)
        for c in COLUMNS
        if c.required and c.field not in seen
    )
    return problems


_BY_FIELD = {c.field: c for c in COLUMNS}


def _stripped(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def units_from_laid(
    laid: Laid,
    source: str,
    *,
    sheet: str | None = None,
    text: Any = None,
    extra_columns: ExtraColumns = "warn",
    problems: Sequence[Problem] = (),
    row_numbers: list[int] | dict[str, int] | None = None,
    collect: list[Problem] | None = None,
    skipped: set[str] | None = None,
    blank_is_false: bool = True,
) -> list[Unit]:
    """The units of a unit table laid out by [`lay_out_units`][pmedu.io.table.lay_out_units],
    every problem at once with the sheet's own row numbers: the header's
    ([`laid_header_problems`][pmedu.io.table.laid_header_problems]), the caller's ``problems``
    (a CSV's short rows …) and the cells' ([`check_cells`][pmedu.io.table.check_cells]).
    ``text`` turns a cell into its stripped text (``str.strip`` of a CSV's cells by default);
    the first column of a field counts. ``row_numbers``, ``collect``, ``skipped`` and
    ``blank_is_false`` as in [`units_from_rows`][pmedu.io.table.units_from_rows]. Without a
    required column only the header's problems (and the caller's) are raised, even with
    ``collect``.

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     laid = lay_out_units([["某县统计表"], ["编号", "上级编号", "名称", "类型"],
    ...                           ["C", "", "某县", "县"], ["合计", "", "", ""]], "u.csv")
    >>> rows = []
    >>> [u.name for u in units_from_laid(laid, "u.csv", row_numbers=rows)], rows
    (['某县'], [3])
    """
    found = [*laid_header_problems(laid, source, sheet=sheet, extra_columns=extra_columns)]
    found += problems
    if any(p.field in _REQUIRED_FIELDS and p.what.startswith("missing") for p in found):
        # without a required column no row can be read: the header's problems (and the
        # caller's), raised even when collecting (no tree to check)
        raise DataError(sorted(found, key=lambda p: p.row or 0))
    convert = text or _stripped
    first: dict[str, int] = {}
    for j, field in enumerate(laid.fields):
        if field is not None:
            first.setdefault(field, j)
    rows = [n for n, _ in laid.rows]
    cells = {
        field: [convert(c[j]) if j < len(c) else "" for _, c in laid.rows]
        for field, j in first.items()
    }
    values, bad, bad_cells = check_cells(
        cells, rows, source, blank_is_false=blank_is_false, sheet=sheet
    )
    found += bad_cells
    units = keep_good_rows(values, bad, rows, row_numbers=row_numbers, skipped=skipped)
    if found:
        found.sort(key=lambda p: p.row or 0)
        if collect is None:
            raise DataError(found)
        collect.extend(found)
    return units
