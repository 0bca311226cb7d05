"""Fewer garbage collections while a table is checked or fixed (issue 17).

A check makes many short-lived containers (the jobs of each column of each chunk, the checks' small arrays and
lists): each 700 of them, CPython's cyclic collector runs, and every few runs it walks every object of the
process, the hundreds of thousands that pandas, pyarrow and the plugins made at import among them. Measured on a
table of 80 columns (200,000 rows, 2 cores): 10 % of the CPU of ``check``; 3-5 % on the 13-column commune export.

:func:`fewer_collections` moves the objects that exist when a run starts out of the collector's sight
(:func:`gc.freeze`) and lets more containers be made between two collections; both are undone when the last run
in the process ends (:func:`gc.unfreeze`: what was made before the run is collected again as usual). Nothing is
left uncollected for longer than the run: the objects a run makes are collected as they would be, in larger
batches. Runs on several threads at once (a server) share one pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000  # containers made between two collections of the youngest generation (CPython: 700)

_lock = threading.Lock()
_runs = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with the objects made before it frozen and the youngest generation collected less often."""
    global _runs, _saved
    with _lock:
        _runs += 1
        if _runs == 1:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(YOUNG_THRESHOLD, _saved[0]), *_saved[1:])
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            if _runs == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                gc.unfreeze()
                _saved = None
