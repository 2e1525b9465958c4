"""Progress on stderr for every step that takes over a second — one reporter for every command.

A step is announced by calling the reporter with what is about to happen
(``progress("reading units.csv")``); the next call (or [`close`][pmedu.cli.progress.Reporter.close])
ends it. A step that ends within ``threshold`` seconds prints nothing; one still running after it
prints its message once, with the time so far, and a line when it ends. The reporter is a plain
``Callable[[str], None]`` ([`pmedu.results.Progress`][pmedu.results.Progress]), so the library's
own progress hooks (``compute_year(progress=...)``, a tree loader's) can be given it as it is.

It writes plain lines (``pmedu tree: reading units.csv …``) through ``rich`` when rich is
installed and the stream is a terminal, and it is silent when stderr is not a terminal (a
pipe, a log file, a test) unless ``enabled=True``.

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
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["DEFAULT_THRESHOLD", "Reporter", "reporter"]

#: a step that takes longer than this many seconds is shown
DEFAULT_THRESHOLD = 1.0


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


def reporter(command: str, *, enabled: bool | None = None) -> Reporter:
    """The reporter of ``pmedu COMMAND`` on stderr (on when stderr is a terminal, or forced
    with ``enabled``).

    >>> reporter("tree", enabled=False)("reading")
    """
    return Reporter(f"pmedu {command}", enabled=enabled)
