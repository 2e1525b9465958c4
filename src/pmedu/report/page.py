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

import html
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from pmedu.io.documents import atomic_open
from pmedu.tables import FORMATS, Cell, Column, Table, format_cell

__all__ = [
    "FORMATS",
    "Cell",
    "Column",
    "Report",
    "Section",
    "Table",
    "format_cell",
    "render_html",
    "table_from_records",
]


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _tables(value: Iterable[Table]) -> tuple[Table, ...]:
    return tuple(value)


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


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


@attrs.frozen
class Report:
    """The whole report: a title, its language and its sections, in order.

    Build one with [`pmedu.report.build_report`][pmedu.cli.report_cmd.build_report] (or from
    sections you make yourself), then [`to_html`][pmedu.report.page.Report.to_html] or
    [`write`][pmedu.report.page.Report.write].

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

    def to_html(self) -> str:
        """The report as one self-contained HTML page (a string).

        >>> Report(title="<t>", lang="en", sections=[]).to_html().count("&lt;t&gt;")
        2
        """
        return render_html(self)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the HTML page to ``path`` atomically (UTF-8) and return the path.

        >>> import tempfile, pathlib
        >>> p = Report(title="t", lang="en", sections=[]).write(
        ...     pathlib.Path(tempfile.mkdtemp()) / "r.html")
        >>> p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        p = Path(path)
        text = self.to_html()
        with atomic_open(p, mode="w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return p


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222;
line-height:1.5}
h1{border-bottom:3px solid #b00;padding-bottom:.3em}
h2{margin-top:2em;border-bottom:1px solid #ccc}
nav ol{columns:2}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;vertical-align:top}
th{background:#f3f3f3}
table.sortable thead th{cursor:pointer}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:bold;background:#fafafa}
.na{color:#777;font-style:italic}
figure{margin:1em 0}
figure svg{max-width:100%;height:auto}
footer{margin-top:3em;color:#777;font-size:.85em}
@media print{nav{display:none}table{page-break-inside:auto}}
"""

# A tiny table sorter: numbers by their data-sort value, text by locale order.
_SORT_JS = """
document.querySelectorAll("table.sortable").forEach(function(t){
 t.querySelectorAll("thead th").forEach(function(th,i){
  th.addEventListener("click",function(){
   var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),
       up=th.getAttribute("aria-sort")!=="ascending";
   t.querySelectorAll("thead th").forEach(function(h){h.removeAttribute("aria-sort");});
   th.setAttribute("aria-sort",up?"ascending":"descending");
   rows.sort(function(r,s){
    var x=r.cells[i],y=s.cells[i],a=x.getAttribute("data-sort"),c=y.getAttribute("data-sort"),d;
    if(a!==null&&c!==null){d=(a===""?-Infinity:+a)-(c===""?-Infinity:+c);}
    else{d=x.textContent.localeCompare(y.textContent,"zh");}
    return up?d:-d;});
   rows.forEach(function(r){b.appendChild(r);});});});});
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _render_table(table: Table, sortable: bool) -> list[str]:
    cls = ' class="sortable"' if sortable and len(table.rows) - table.footer > 1 else ""
    out = [f"<table{cls}>"]
    if table.caption:
        out.append(f"<caption>{_e(table.caption)}</caption>")
    out.append("<thead><tr>")
    out.extend(f'<th scope="col">{_e(c.header)}</th>' for c in table.columns)
    out.append("</tr></thead>")
    body = table.rows[: len(table.rows) - table.footer]
    foot = table.rows[len(table.rows) - table.footer :]
    for group, tag in ((body, "tbody"), (foot, "tfoot")):
        if not group and tag == "tfoot":
            continue
        out.append(f"<{tag}>")
        for row in group:
            cells = []
            for col, value in zip(table.columns, row, strict=True):
                text = _e(format_cell(value, fmt=col.fmt))
                if col.numeric:
                    cells.append(f'<td class="n" data-sort="{_sort_key(value)}">{text}</td>')
                else:
                    cells.append(f"<td>{text}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append(f"</{tag}>")
    out.append("</table>")
    return out


def render_html(report: Report, *, not_available: str = "—") -> str:
    """Render ``report`` as a complete HTML5 page (see [`Report`][pmedu.report.page.Report])."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{_e(report.title)}</h1>",
    ]
    if report.subtitle:
        out.append(f"<p>{_e(report.subtitle)}</p>")
    out.append("</header>")
    out.append("<nav><ol>")
    out.extend(f'<li><a href="#{_e(s.key)}">{_e(s.title)}</a></li>' for s in report.sections)
    out.append("</ol></nav>")
    out.append("<main>")
    for s in report.sections:
        out.append(f'<section id="{_e(s.key)}">')
        out.append(f"<h2>{_e(s.title)}</h2>")
        if not s.available:
            out.append(
                f'<p class="na">{_e(s.paragraphs[0] if s.paragraphs else not_available)}</p>'
            )
            out.append("</section>")
            continue
        out.extend(f"<p>{_e(p)}</p>" for p in s.paragraphs)
        if s.svg:
            out.append(f"<figure>{s.svg}</figure>")
        for t in s.tables:
            out.extend(_render_table(t, report.sortable))
        out.append("</section>")
    out.append("</main>")
    if report.footer:
        out.append(f"<footer><p>{_e(report.footer)}</p></footer>")
    if report.sortable:
        out.append(f"<script>{_SORT_JS}</script>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


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
