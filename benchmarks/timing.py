"""What every benchmark here times with: the best of a few runs (``time.perf_counter``, the
garbage collector run before each), printed next to a baseline from the same run as a ratio.

>>> seconds, value = best_of(lambda: sum(range(10)), 2)
>>> value, seconds >= 0, best_time(lambda: None, 1) >= 0
(45, True, True)
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

__all__ = ["best_of", "best_time"]


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs of ``fn`` in seconds, and what ``fn`` returned."""
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def best_time(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``fn`` in seconds."""
    return best_of(fn, repeat)[0]
