"""Progress on stderr for every step that takes over a second — one reporter for every command.

The reporter is [`pmedu.progress.Reporter`][pmedu.progress.Reporter], the one progress mechanism
of the package: a plain ``Callable[[str], None]`` that each command calls as a step starts
(``progress("reading units.csv")``) and passes as it is to the library's progress hooks
(``read_tree(progress=...)``, ``compute_year(progress=...)``), which announce their own steps
with counts. A step that ends within a second prints nothing; the reporter is silent when
stderr is not a terminal (a pipe, a log file, a test) unless ``enabled=True``.

>>> import io
>>> err = io.StringIO()
>>> with Reporter("pmedu tree", stream=err, enabled=True, threshold=0) as progress:
...     progress("reading units.csv")
>>> err.getvalue().startswith("pmedu tree: reading units.csv …")
True
"""

from __future__ import annotations

from pmedu.progress import DEFAULT_THRESHOLD, Reporter

__all__ = ["DEFAULT_THRESHOLD", "Reporter", "reporter"]


def reporter(command: str, *, enabled: bool | None = None) -> Reporter:
    """The reporter of ``pmedu COMMAND`` on stderr (on when stderr is a terminal, or forced
    with ``enabled``).

    >>> reporter("tree", enabled=False)("reading")
    """
    return Reporter(f"pmedu {command}", enabled=enabled)
