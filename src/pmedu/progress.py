"""Progress of long steps on stderr (读取/校验/建树进度), off when stderr is not a terminal.

A :class:`Steps` times named steps; a step that takes longer than ``threshold`` seconds is
reported through ``report`` with its count, e.g. ``pmedu: read 665,277 rows in 2.1 s``.
:func:`stderr_report` gives the reporter the CLI uses: one line per step on stderr, or
``None`` (no reporting) when stderr is not a terminal.

>>> lines = []
>>> steps = Steps(lines.append, threshold=0.0)
>>> with steps.step("read", things="rows") as s:
...     s.count = 1200
>>> lines[0].startswith("read 1,200 rows in ")
True
>>> with Steps(None).step("build", things="units") as s:  # no reporter: nothing happens
...     s.count = 3
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["Report", "Step", "Steps", "stderr_report"]

#: a reporter: called with one line of text per finished long step
Report = Callable[[str], None]


class Step:
    """One running step: set ``count`` to the number of things it handled."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count: int | None = None


class Steps:
    """Times steps and reports those longer than ``threshold`` seconds to ``report``.

    >>> Steps(None).active
    False
    """

    def __init__(self, report: Report | None, *, threshold: float = 1.0) -> None:
        self.report = report
        self.threshold = threshold

    @property
    def active(self) -> bool:
        """Whether anything is reported at all."""
        return self.report is not None

    @contextmanager
    def step(self, what: str, *, things: str = "") -> Iterator[Step]:
        """Time the ``with`` block as step ``what`` counting ``things``.

        >>> out = []
        >>> with Steps(out.append, threshold=0.0).step("validate") as s:
        ...     pass
        >>> out[0].startswith("validate in ")
        True
        """
        s = Step()
        start = time.perf_counter()
        yield s
        took = time.perf_counter() - start
        if self.report is not None and took >= self.threshold:
            counted = f" {s.count:,} {things}".rstrip() if s.count is not None else ""
            self.report(f"{what}{counted} in {took:.1f} s")


def stderr_report(*, stream: TextIO | None = None) -> Report | None:
    """A reporter writing ``pmedu: …`` lines to ``stream`` (stderr), or ``None`` when that
    is not a terminal.

    >>> import io
    >>> stderr_report(stream=io.StringIO()) is None
    True
    """
    out = sys.stderr if stream is None else stream
    if not out.isatty():
        return None

    def report(line: str) -> None:
        print(f"pmedu: {line}", file=out, flush=True)

    return report
