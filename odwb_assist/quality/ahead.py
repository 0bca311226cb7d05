"""Work on a chunk made ahead, one unit at a time, by the reading thread until the checking thread takes the chunk.

The reading thread (a CSV's :class:`.stream.Blocks`, a sheet's :func:`.sheet_stream.prepared_ahead`) hands a chunk
over as soon as it is parsed, then goes on preparing it (:meth:`Ahead.work`: the columns' codes, then the checks'
preparations, in small units) only until the checking thread takes it (:meth:`Ahead.claim`); what was not made ahead
is made on the checking thread, lazily, with the same result (``EncodedColumns`` encodes a column it was not given,
``ColumnValues.prepared`` computes a preparation missing from ``ahead``). So neither thread waits for the other: the
checks never wait for a preparation the reader has not finished, the reader never sits idle while work is left.

One thread at a time writes a chunk's preparations: a unit runs holding the chunk's lock, and only if the chunk is
not claimed; :meth:`Ahead.claim` marks it claimed holding that lock. Once ``claim`` returned, no unit runs and none
will start: the checking thread owns the results. It waits for the unit in progress at most (``wanted`` makes the
reader stop before its next unit even if it takes the lock again first).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

PATIENCE = 0.05  # seconds between two looks while waiting for the unit in progress


class Ahead:
    """The preparation of one chunk: ``units`` (an iterator, each ``next`` one unit of work filling ``result``) run by
    the reading thread (:meth:`work`) until the checking thread claims ``result`` (:meth:`claim`)."""

    def __init__(self, units: Iterator[Any], result: Any) -> None:
        self.result = result
        self._units: Iterator[Any] | None = units
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._claimed = False
        self.made = 0  # units made ahead
        self.finished = False  # every unit made ahead
        self.error: BaseException | None = None  # what stopped the units (the checking thread does the rest)

    def step(self) -> bool:
        """Make the next unit (the reading thread); False when none is left, one failed or the chunk is claimed."""
        with self._lock:
            if self._claimed or self._units is None or self._wanted.is_set():
                self._units = None  # dropped here, on the reading thread that made what it holds
                return False
            try:
                next(self._units)
            except StopIteration:
                self.finished = True
                self._units = None
                return False
            except Exception as exc:  # left to the checking thread, which computes what is missing itself
                self.error = exc
                self._units = None
                return False
            self.made += 1
            return True

    def work(self, stop: threading.Event | None = None) -> int:
        """Make units until none is left, the chunk is claimed or ``stop`` is set (the reading thread); units made."""
        made = 0
        while not (stop is not None and stop.is_set()) and self.step():
            made += 1
        return made

    def claim(self) -> Any:
        """Take the chunk's preparation (the checking thread): waits for the unit in progress, if any; afterwards no
        unit runs. Returns ``result``, complete or not."""
        self._wanted.set()
        while not self._lock.acquire(timeout=PATIENCE):  # a unit in progress: it ends (units never wait)
            continue
        try:
            self._claimed = True
        finally:
            self._lock.release()
        return self.result

    @property
    def claimed(self) -> bool:
        return self._claimed
