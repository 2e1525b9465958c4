"""The report as data (sections of tables) and its rendering as one self-contained HTML page.

A [`Table`][pmedu.tables.Table] (the ground table model, re-exported here) holds raw values and how
each column is shown (text, integer, number, percentage); the same tables become the HTML page and
the Excel workbook. A [`Section`][pmedu.report.page.Section] has a title, paragraphs, an optional
inline SVG chart and tables. A [`Report`][pmedu.report.page.Report] renders to a single HTML page:
styles and the small sort script are inline, nothing is fetched from the network, and every piece of
text is HTML-escaped.

>>> t = Table(columns=(Column("单位"), Column("建点率", "pct")), rows=(("东镇 <1>", 0.5),))
>>> r = Report(title="某县", lang="zh", sections=(Section("coverage", "建点率", tables=(t,)),))
>>> html = r.to_html()
>>> "东镇 &lt;1&gt;" in html, "50.0%" in html, "http" in html
(True, True, False)
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from pmedu.compat import deprecated
from pmedu.report.extras import require
from pmedu.tables import FORMATS, Cell, Column, Table, format_cell

#: the examples here render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)

__all__ = [
    "FORMATS",
    "Cell",
    "Column",
    "Report",
    "Section",
    "Table",
    "environment",
    "format_cell",
    "render_html",
    "table_from_records",
    "table_view",
]


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tables(value: Iterable[Table]) -> tuple[Table, ...]:
    return tuple(value)


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


def _opt_path(value: str | os.PathLike[str] | None) -> str | None:
    return None if value is None else os.fspath(value)


def _sort_key(value: Cell) -> str:
    if value is None or isinstance(value, str):
        return ""
    return repr(float(value))


@attrs.frozen
class Section:
    """One section of the report.

    ``key`` is a stable identifier (also the HTML anchor); ``paragraphs`` are plain text (escaped
    when rendered); ``svg`` is a chart as inline SVG markup, trusted as produced by
    [`pmedu.report.chart`][pmedu.report.chart]; ``available`` is False when the data for it was not
    given.

    >>> Section("supply", "供片计划", ("目标 9 套",)).paragraphs
    ('目标 9 套',)
    """

    key: str
    title: str
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    tables: tuple[Table, ...] = attrs.field(default=(), converter=_tables)
    svg: str | None = None
    available: bool = True
    #: shown in the appendix (after the main part and the 落款), not in the main part
    appendix: bool = attrs.field(default=False, kw_only=True)


@attrs.frozen
class Report:
    """The whole report: a title, its language and its sections, in order.

    Build one with [`pmedu.report.build_report`][pmedu.cli.report_cmd.build_report] (or from
    sections you make yourself), then [`to_html`][pmedu.report.page.Report.to_html] or
    [`pmedu.io.html.write_report`][pmedu.io.html.write_report].

    >>> r = Report(title="报告", lang="zh", sections=[Section("a", "甲")])
    >>> r.section("a").title, r.to_html().count("<section")
    ('甲', 1)
    """

    title: str
    lang: str
    sections: tuple[Section, ...] = attrs.field(converter=_sections)
    subtitle: str | None = attrs.field(default=None, kw_only=True)
    footer: str | None = attrs.field(default=None, kw_only=True)
    sortable: bool = attrs.field(default=True, kw_only=True)
    #: the issuing unit and the date, as shown (落款); ``None`` shows none
    issuer: str | None = attrs.field(default=None, kw_only=True)
    issued: str | None = attrs.field(default=None, kw_only=True)
    #: the heading of the appendix (the sections with ``appendix=True``)
    appendix_title: str = attrs.field(default="附录", kw_only=True)
    #: a directory of templates searched before the shipped ones (see ``environment``)
    template_dir: str | None = attrs.field(default=None, kw_only=True, converter=_opt_path)

    def section(self, key: str) -> Section:
        """The section with this key (``KeyError`` if absent).

        >>> Report(title="t", lang="en", sections=[]).section("x")
        Traceback (most recent call last):
        ...
        KeyError: 'x'
        """
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_html(self, *, template_dir: str | os.PathLike[str] | None = None) -> str:
        """The report as one self-contained HTML page (a string); ``template_dir`` as in
        [`render_html`][pmedu.report.page.render_html].

        >>> Report(title="<t>", lang="en", sections=[]).to_html().count("&lt;t&gt;")
        2
        """
        return render_html(self, template_dir=template_dir)

    def write(
        self, path: str | os.PathLike[str], *, template_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        """Deprecated (goes in pmedu 0.3): the report renders, [`pmedu.io.html.write_report`][
        pmedu.io.html.write_report] writes the file. Warns, then writes the page there."""
        deprecated("Report.write", "pmedu.io.html.write_report(report, path)")
        writer = importlib.import_module("pmedu.io.html").write_report
        written: Path = writer(self, path, template_dir=template_dir)
        return written


def _cell_view(value: Cell, col: Column) -> dict[str, Any]:
    return {
        "text": format_cell(value, fmt=col.fmt),
        "numeric": col.numeric,
        "sort": _sort_key(value),
    }


def table_view(table: Table, *, sortable: bool = True, card: bool = False) -> dict[str, Any]:
    """What the templates read of a table: its caption, columns, body rows and total rows,
    every cell already formatted by [`format_cell`][pmedu.tables.format_cell] (the templates
    escape it).

    >>> t = Table(columns=(Column("单位"), Column("建点率", "pct")),
    ...           rows=(("东镇", 0.5), ("合计", 0.25)), footer=1)
    >>> v = table_view(t)
    >>> v["body"][0][1]["text"], v["totals"][0][0]["text"], v["sortable"]
    ('50.0%', '合计', False)
    """
    split = len(table.rows) - table.footer
    rows = [
        [_cell_view(v, c) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    return {
        "caption": table.caption,
        "columns": [{"header": c.header, "numeric": c.numeric} for c in table.columns],
        "body": rows[:split],
        "totals": rows[split:],
        "sortable": sortable and split > 1,
        "card": card,
    }


def environment(*, template_dir: str | os.PathLike[str] | None = None) -> Any:
    """The Jinja2 environment (autoescaped) that renders the page: the shipped templates, with
    ``template_dir`` searched first when given, so a centre can replace ``heading.html`` (its own
    heading) or ``signature.html`` (its own 落款) and keep the rest. Needs Jinja2
    (``pmedu[report]``).

    >>> env = environment()
    >>> env.autoescape("report.html"), "signature.html" in env.list_templates()
    (True, True)
    """
    jinja2 = require("jinja2", extra="report", feature="the HTML report")
    shipped = jinja2.PackageLoader("pmedu.report", "templates")
    loader = shipped
    if template_dir is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(os.fspath(template_dir)), shipped])
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(report: Report, *, template_dir: str | os.PathLike[str] | None = None) -> str:
    """Render ``report`` as a complete HTML5 page (see [`Report`][pmedu.report.page.Report]) from
    the templates (``template_dir`` first, then the shipped ones; default: the report's own
    ``template_dir``).

    >>> r = Report(title="t", lang="zh", sections=[Section("a", "甲"),
    ...            Section("b", "乙", appendix=True)], issuer="某县委组织部")
    >>> html = render_html(r)
    >>> html.index('id="a"') < html.index("某县委组织部") < html.index('id="appendix"')
    True
    """
    where = template_dir if template_dir is not None else report.template_dir
    env = environment(template_dir=where)
    views = {
        s.key: [
            table_view(t, sortable=report.sortable, card=s.key in CARD_SECTIONS) for t in s.tables
        ]
        for s in report.sections
    }
    text = env.get_template("report.html").render(
        report=report,
        main=[s for s in report.sections if not s.appendix],
        appendix=[s for s in report.sections if s.appendix],
        appendix_title=report.appendix_title,
        views=views,
    )
    return str(text)


#: sections whose tables are cards: each kept on one printed page where it fits
CARD_SECTIONS = frozenset({"scorecards"})


def table_from_records(
    records: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, str]]
) -> Table:
    """A [`Table`][pmedu.tables.Table] from plain records: ``columns`` are ``(key, header, fmt)``
    triples.

    >>> t = table_from_records([{"a": 1, "b": "x"}], [("b", "B", "text"), ("a", "A", "int")])
    >>> t.headers, t.rows
    (['B', 'A'], (('x', 1),))
    """
    cols = tuple(Column(header, fmt) for _key, header, fmt in columns)
    rows = tuple(tuple(r.get(key) for key, _h, _f in columns) for r in records)
    return Table(columns=cols, rows=rows)
