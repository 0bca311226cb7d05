"""Memory timeline of one ``check`` (or ``fix``) in this process: RSS and pyarrow's bytes after every chunk (issue 17).

Usage::

    python benchmarks/memory_timeline.py FILE.csv                 # check, a line per chunk
    python benchmarks/memory_timeline.py FILE.csv --every 10      # a line every ten chunks
    python benchmarks/memory_timeline.py FILE.csv --fix OUT.csv   # fix (the check it runs first included)
    python benchmarks/memory_timeline.py FILE.csv --steps 25      # also each check call that raised RSS by 25 MB

Linux only (reads ``/proc/self/status``). A thread samples RSS every 5 ms for the peaks. What to read: RSS
that keeps climbing chunk after chunk is state growing with the rows (findings, per-check state); a high
``arrow`` is pyarrow holding blocks (the reader's read-ahead); a peak far above the chunk's RSS is a
temporary of one check (``--steps`` names it). Generate a file with ``commune_export.py``.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Any


def rss_mb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


class Sampler:
    """The highest RSS since the last :meth:`reset`, sampled on a thread."""

    def __init__(self) -> None:
        self.peak = rss_mb()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.005)

    def reset(self) -> int:
        self.peak = now = rss_mb()
        return now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--fix", type=Path, default=None, help="run fix, writing this clean file")
    parser.add_argument("--every", type=int, default=1, help="print a line every N chunks")
    parser.add_argument("--steps", type=int, default=0, help="name the check calls that raise RSS by this many MB")
    args = parser.parse_args(argv)

    import pyarrow as pa

    from odwb_assist.quality import check_run, engine, fix

    sampler = Sampler()
    overall = [0]
    start = sampler.reset()
    print(f"after imports: rss {start} MB", flush=True)
    chunks = [0]
    frame = check_run.CheckRun.frame

    def timed_frame(run: Any, chunk: Any, *encoded: Any) -> None:
        frame(run, chunk, *encoded)
        chunks[0] += 1
        overall[0] = max(overall[0], sampler.peak)
        if chunks[0] % args.every == 0:
            print(f"chunk {chunks[0]:4d}  rows {run.rows:>9,}  rss {rss_mb():5d} MB  peak {overall[0]:5d} MB  "
                  f"arrow {pa.total_allocated_bytes() >> 20:4d} MB", flush=True)

    setattr(check_run.CheckRun, "frame", timed_frame)  # noqa: B010 (an instrument patches the engine)
    if args.steps:  # every check call of a chunk is a parallel.Job (the type tally, each kind, each check)
        from odwb_assist.quality import parallel

        job_run = parallel.Job.run

        def watched(job: Any) -> None:
            before = rss_mb()
            peak, sampler.peak = sampler.peak, before
            job_run(job)
            if sampler.peak - before >= args.steps:
                print(f"  chunk {chunks[0] + 1:4d}  {job.origin}: rss {before} -> peak {sampler.peak} -> {rss_mb()} MB",
                      flush=True)
            sampler.peak = max(peak, sampler.peak)

        setattr(parallel.Job, "run", watched)  # noqa: B010
    started = time.perf_counter()
    if args.fix is not None:
        fix(args.file, args.fix)
    else:
        engine.check(args.file)
    overall[0] = max(overall[0], sampler.peak)
    print(f"done in {time.perf_counter() - started:.1f} s: rss {rss_mb()} MB, peak {overall[0]} MB "
          f"({overall[0] - start} MB above the imports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
