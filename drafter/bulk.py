"""Bulk work on large inputs: the cyclic garbage collector paused while a large structure is built and read.

Checking or cleaning a 1 MB draft allocates millions of small objects (claims, figures, index entries) that all stay
alive until the work ends; the collector walks them again and again as they pile up (a quarter of the time) and
finds no cycle to free. Reference counting still frees every other object at once; the collector resumes after.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_LOCK = threading.Lock()
_state = {"depth": 0, "was_enabled": False}  # nested and concurrent pauses: the first pauses, the last resumes


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested or in several threads at once: one pause)."""
    with _LOCK:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
