"""Who waits for whom in a CSV ``check``: the checks for the reader's chunks, or the reader for the checks (issue 17).

Usage::

    python benchmarks/reader_waits.py FILE --old 12fd2a8 --runs 3

Each run is a fresh process (the old version exported with ``git archive``, as ``engine_diff.py`` does) that
checks FILE with the reader's queue timed: ``get`` is the time the checking thread waited for a chunk, ``claim``
the time it waited for the unit the reader was preparing when it took the chunk (:mod:`odwb_assist.quality.ahead`;
0 in a version without it), ``taken_wait`` the time the reader waited for the checks to take a chunk; with each
thread's CPU seconds, the main thread's time waiting for a core (Linux's schedstat: the load of a shared
machine), ``wall - runqueue`` (the wall time with that load taken out, roughly) and, when the version prepares
chunks unit by unit, the units the reader made ahead (``made``) and the chunks it prepared wholly (``finished``).
In-process ``engine.check``: the CLI's start-up and the report's writing are left out. The versions alternate, so that both meet
the same load; the table gives each one's median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))


def _runqueue() -> float:
    """Seconds the calling thread waited for a core (0.0 where schedstat is missing)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def measure(path: str) -> dict[str, float]:
    """In the child: the waits and CPU seconds of one check of ``path``."""
    import queue

    from odwb_assist.quality import engine, stream

    found: dict[str, float] = {"get": 0.0, "claim": 0.0, "taken_wait": 0.0, "reader_cpu": 0.0, "made": 0.0,
                               "finished": 0.0}

    class TimedQueue(queue.Queue):
        def get(self, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return super().get(*args, **kwargs)
            finally:
                found["get"] += time.perf_counter() - started

    class TimedEvent(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            started = time.perf_counter()
            try:
                return super().wait(timeout)
            finally:
                found["taken_wait"] += time.perf_counter() - started

    init, produce = stream.Blocks.__init__, stream.Blocks._produce

    def timed_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self._queue = TimedQueue(maxsize=stream.AHEAD)
        self._taken = TimedEvent()

    def timed_produce(self: Any) -> None:
        try:
            produce(self)
        finally:
            found["reader_cpu"] = time.thread_time()

    stream.Blocks.__init__ = timed_init  # type: ignore[method-assign]
    stream.Blocks._produce = timed_produce  # type: ignore[method-assign]
    try:
        from odwb_assist.quality import ahead

        claim = ahead.Ahead.claim

        def timed_claim(self: Any) -> Any:
            started = time.perf_counter()
            try:
                return claim(self)
            finally:
                found["claim"] += time.perf_counter() - started
                found["made"] += self.made
                found["finished"] += self.finished

        ahead.Ahead.claim = timed_claim  # type: ignore[method-assign]
    except ImportError:  # a version without the handover
        pass
    started, cpu, waited = time.perf_counter(), time.thread_time(), _runqueue()
    engine.check(path)
    found["wall"] = time.perf_counter() - started
    found["main_cpu"] = time.thread_time() - cpu
    found["runqueue"] = _runqueue() - waited
    found["wall - runqueue"] = found["wall"] - found["runqueue"]
    return found


KEYS = ("get", "claim", "taken_wait", "main_cpu", "reader_cpu", "runqueue", "wall", "wall - runqueue", "made", "finished")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--old", default="HEAD", help="git ref of the old version (default: HEAD)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each version (default: 3)")
    args = parser.parse_args(argv)
    from old_new import interleaved

    def show(number: int, name: str, measured: dict[str, float]) -> None:
        shown = " ".join(f"{key} {measured.get(key, 0.0):.3f}" for key in KEYS)
        print(f"run {number} {name}: {shown}", flush=True)

    runs = interleaved("reader_waits", args.old, args.file, args.runs, show)
    print(f"{'median':16s} {'old':>8s} {'new':>8s}")
    for key in KEYS:
        before = statistics.median(run.get(key, 0.0) for run in runs["old"])
        after = statistics.median(run.get(key, 0.0) for run in runs["new"])
        print(f"{key:16s} {before:8.3f} {after:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
