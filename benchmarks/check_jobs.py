"""CPU seconds of each check of one ``check`` run, this tree against an older version, run after run (issue 17).

Usage::

    python benchmarks/check_jobs.py FILE --old 9effc12            # 2 alternating runs of each version
    python benchmarks/check_jobs.py FILE --old main --runs 3 --checks placeholder-value,total-row

Each run is a fresh process (the old version exported with ``git archive``, as ``engine_diff.py`` does) that
checks FILE with every job of the engine timed by its thread's CPU clock: the type tally, each field kind, each
check's ``check_values`` and ``check_chunk`` (the encoding of the columns, which the first job of a chunk pays, is
counted apart). The versions alternate, so that both meet the same load on a shared machine; the table gives
each one's median and the ratio new/old. CPU time, not wall time: the checks run on the main thread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def measure(path: str) -> dict[str, float]:
    """In the child: CPU seconds per job origin (and "encode", "total") of one check of ``path``."""
    from odwb_assist.core.contract import ColumnValues
    from odwb_assist.quality import check_run, engine, parallel

    spent: dict[str, float] = {}
    encoding = [0.0]
    run, encode = parallel.Job.run, check_run.EncodedColumns._encode

    def timed_run(job: parallel.Job) -> None:
        before, started = encoding[0], time.thread_time()
        run(job)
        spent[job.origin] = spent.get(job.origin, 0.0) + time.thread_time() - started - (encoding[0] - before)

    def timed_encode(self: check_run.EncodedColumns, name: str) -> ColumnValues:
        started = time.thread_time()
        try:
            return encode(self, name)
        finally:
            encoding[0] += time.thread_time() - started

    parallel.Job.run = timed_run  # type: ignore[method-assign,assignment]
    check_run.EncodedColumns._encode = timed_encode  # type: ignore[method-assign]
    started = time.process_time()
    engine.check(path)
    return {**spent, "encode": encoding[0], "total": time.process_time() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--old", default="HEAD", help="git ref of the old version (default: HEAD)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each version (default: 2)")
    parser.add_argument("--checks", help="only these job origins, comma-separated (default: all)")
    args = parser.parse_args(argv)
    from old_new import interleaved

    runs = interleaved("check_jobs", args.old, args.file, args.runs)
    origins = sorted({key for run in runs["old"] + runs["new"] for key in run},
                     key=lambda key: -statistics.median(run.get(key, 0.0) for run in runs["old"]))
    wanted = set(args.checks.split(",")) if args.checks else None
    print(f"{'job':38s} {'old s':>8s} {'new s':>8s} {'new/old':>8s}")
    for key in origins:
        if wanted is not None and key not in wanted and key != "total":
            continue
        before = statistics.median(run.get(key, 0.0) for run in runs["old"])
        after = statistics.median(run.get(key, 0.0) for run in runs["new"])
        if max(before, after) >= 0.005:
            print(f"{key:38s} {before:8.3f} {after:8.3f} {after / before if before else float('nan'):8.2f}")
    if wanted:
        before = sum(statistics.median(run.get(key, 0.0) for run in runs["old"]) for key in wanted)
        after = sum(statistics.median(run.get(key, 0.0) for run in runs["new"]) for key in wanted)
        print(f"{'(these checks)':38s} {before:8.3f} {after:8.3f} {after / before if before else float('nan'):8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
