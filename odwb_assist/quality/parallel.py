"""Running the checks of one chunk on both cores, their findings collected in the order of a serial run.

The checks of a chunk (the type tally, each field kind, each table check) are independent of one another:
each is a *group* of jobs that runs in order on one thread (a check's ``check_values`` over the columns,
then its ``check_chunk``), so that a check's own state is never touched by two threads. pyarrow's compute
functions and most numpy loops release the GIL, so two groups really run at once. Each job's findings
(and the exception that stopped it, if any) are kept, then handed back in the order of a serial run:
the report does not depend on which thread finished first.

Off by default (``ODWB_THREADS=2`` turns it on): measured on the realistic commune export (300k rows, 2 cores),
two threads cost 10-15 % more CPU and gave no shorter wall time, since most of a check's time holds the GIL
(pandas and Python around short pyarrow calls). Measured again at 1M rows once the reader's thread encoded the
columns ahead (:mod:`.encoding`), on a shared machine: 15-20 % more CPU, a peak 55-70 MB higher, no shorter
wall time. ``ODWB_THREADS=1`` (the default) runs every job on the calling thread, in the order of a serial run.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

THREADS_VARIABLE = "ODWB_THREADS"  # threads that run the checks of a chunk ("1": all on the calling thread)
DEFAULT_THREADS = 1

Produce = Callable[[], Iterable[Any] | None]


@dataclass
class Job:
    """One call of a check on a chunk: what it found, and the exception that stopped it (if any)."""

    origin: str  # the check's name, as a ``check-failed`` finding names it
    produce: Produce
    found: list[Any] = field(default_factory=list)
    error: BaseException | None = None

    def run(self) -> None:
        try:
            for finding in self.produce() or ():
                self.found.append(finding)
        except BaseException as exc:  # handed back to the caller's thread, which decides
            self.error = exc


def threads() -> int:
    """How many threads run the checks of a chunk (``ODWB_THREADS``, default 1, never more than the cores)."""
    text = os.environ.get(THREADS_VARIABLE, "").strip()
    wanted = int(text) if text.isdigit() else DEFAULT_THREADS
    return max(1, min(wanted, os.cpu_count() or 1))


_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_lock = threading.Lock()


def _executor(size: int) -> ThreadPoolExecutor:
    """One pool for the process (its idle threads cost nothing), made again if the wanted size changed."""
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool, _pool_size = ThreadPoolExecutor(size, thread_name_prefix="odwb-check"), size
        return _pool


class Groups:
    """Groups of jobs run in parallel, longest first (by their cost on the previous chunk)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.costs: dict[Any, float] = {}  # group key -> seconds on the last chunk

    def run(self, groups: list[tuple[Any, list[Job]]]) -> None:
        """Run every job (each group's in order, groups side by side); returns when all are done."""
        if self.size <= 1 or len(groups) <= 1:
            for key, jobs in groups:
                self._run_group(key, jobs)
            return
        ordered = sorted(groups, key=lambda group: -self.costs.get(group[0], 0.0))
        pool = _executor(self.size)
        for future in [pool.submit(self._run_group, key, jobs) for key, jobs in ordered]:
            future.result()

    def _run_group(self, key: Any, jobs: list[Job]) -> None:
        started = time.perf_counter()
        for job in jobs:
            job.run()
        self.costs[key] = time.perf_counter() - started
