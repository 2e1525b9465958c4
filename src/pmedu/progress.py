"""Progress of long steps on stderr (读取/校验/建树进度): one mechanism for library and CLI.

A progress hook anywhere in pmedu (``read_tree(progress=...)``, ``compute_year(progress=...)``,
``render_year(progress=...)``) is a plain ``Callable[[str], None]`` (`Report`, the same
type as [`pmedu.results.Progress`][pmedu.results.Progress]): it is called with what is about to
happen, counts included where they are known (``progress("building the tree of 665,277
units")``), and the next call ends that step. The code doing the work never times anything
and never decides what is shown.

A [`Reporter`][pmedu.progress.Reporter] is such a callable that shows the steps on stderr: a step
that ends within ``threshold`` seconds prints nothing; one still running after it prints its
message once, with the time so far, and a line when it ends. It writes plain lines
(``pmedu tree: reading units.csv …``) through ``rich`` when rich is installed and the stream is a
terminal, and it is silent when stderr is not a terminal (a pipe, a log file, a test) unless
``enabled=True``. Every ``pmedu`` command passes its reporter
([`pmedu.cli.progress.reporter`][pmedu.cli.progress.reporter]) to the library's hooks as it is.

>>> import io
>>> err = io.StringIO()
>>> with Reporter("pmedu tree", stream=err, enabled=True, threshold=0) as progress:
...     progress("reading units.csv")
>>> err.getvalue().startswith("pmedu tree: reading units.csv …")
True
>>> with Reporter("pmedu tree", stream=io.StringIO()) as quiet:  # not a terminal: off
...     quiet("reading")
>>> quiet.enabled
False
>>> seen = []  # any callable will do: a list's append collects the steps
>>> say = step_reporter(seen.append)
>>> say("reading")
>>> step_reporter(None)("reading"), seen
(None, ['reading'])
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, TextIO

__all__ = ["DEFAULT_THRESHOLD", "Report", "Reporter", "step_reporter"]

#: a progress hook: called with one short message as each step starts
Report = Callable[[str], None]

#: a step that takes longer than this many seconds is shown
DEFAULT_THRESHOLD = 1.0


def _quiet(message: str) -> None:
    """The hook of a caller who gave none."""


def step_reporter(progress: Report | None) -> Report:
    """``progress`` itself, or a hook that does nothing when it is ``None``: what a function
    taking ``progress=None`` calls.

    >>> step_reporter(None)("reading") is None
    True
    """
    return _quiet if progress is None else progress


def _rich_console(stream: TextIO) -> Any:
    """A rich ``Console`` writing to ``stream``, or ``None`` without rich."""
    try:
        rich_console = importlib.import_module("rich.console")
    except ImportError:
        return None
    return rich_console.Console(file=stream, highlight=False, soft_wrap=True)


class Reporter:
    """A progress reporter: ``reporter(message)`` starts a step; see the module docstring.

    ``stream`` defaults to ``sys.stderr`` (looked up when the reporter is made); ``enabled``
    defaults to whether the stream is a terminal.

    >>> import io
    >>> Reporter("pmedu x", stream=io.StringIO()).enabled
    False
    """

    def __init__(
        self,
        prefix: str,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.prefix = prefix
        self.stream: TextIO = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty()) if enabled is None and isatty is not None else bool(enabled)
        self.threshold = threshold
        self._console = _rich_console(self.stream) if self.enabled and self._tty() else None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._step: str | None = None
        self._started = 0.0
        self._shown = False

    def _tty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def _write(self, text: str) -> None:
        if self._console is not None:
            self._console.print(f"[dim]{self.prefix}:[/dim] {text}", markup=True)
        else:
            print(f"{self.prefix}: {text}", file=self.stream, flush=True)

    def _show(self, step: str) -> None:
        with self._lock:
            if self._step is step and not self._shown:
                self._shown = True
                elapsed = time.perf_counter() - self._started
                self._write(f"{step} … ({elapsed:.1f} s)")

    def _end(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        with self._lock:
            if self._step is not None and self._shown:
                elapsed = time.perf_counter() - self._started
                self._write(f"{self._step}: done in {elapsed:.1f} s")
            self._step = None
            self._shown = False

    def __call__(self, message: str) -> None:
        """End the current step and start the step ``message``."""
        if not self.enabled:
            return
        self._end()
        with self._lock:
            self._step = message
            self._started = time.perf_counter()
        if self.threshold <= 0:
            self._show(message)
            return
        self._timer = threading.Timer(self.threshold, self._show, args=(message,))
        self._timer.daemon = True
        self._timer.start()

    def close(self) -> None:
        """End the current step (its end is printed if its start was)."""
        if self.enabled:
            self._end()

    def __enter__(self) -> Reporter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
