"""Writing the yearly report's HTML page: the page is rendered by [`pmedu.report`][pmedu.report],
the file is written here (atomically, or as part of a group written all or none).

>>> import tempfile, pathlib
>>> from pmedu import OrgTree, Unit
>>> from pmedu.report import assemble_report
>>> t = OrgTree.from_units([Unit(id="C", name="某县", kind="县")])
>>> out = pathlib.Path(tempfile.mkdtemp()) / "r.html"
>>> p = write_report(assemble_report(t, chart=False), out)
>>> p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pmedu.io.documents import AtomicGroup, open_target

__all__ = ["write_report"]

#: the examples render the page: the doctest run skips them without Jinja2
__doctest_requires__ = ("jinja2",)


def write_report(
    report: Any,
    path: str | os.PathLike[str],
    *,
    template_dir: str | os.PathLike[str] | None = None,
    group: AtomicGroup | None = None,
) -> Path:
    """Write ``report`` (a [`Report`][pmedu.report.page.Report]) as one UTF-8 HTML page to
    ``path``: atomically, or inside ``group`` so that several files are written all or none.
    The example is the module's.
    """
    p = Path(path)
    text = report.to_html(template_dir=template_dir)
    with open_target(p, mode="w", group=group, encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return p
