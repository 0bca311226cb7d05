"""Benchmark (issue 17): the duplicate-row check against pandas' ``duplicated`` on the same chunks.

Usage::

    python benchmarks/duplicate_speed.py FILE.csv           # e.g. a commune_export.py file
    python benchmarks/duplicate_speed.py --rows 300000      # a commune export made here

Runs ``check`` once on the file to keep the chunks and the distinct values the engine hands to the
duplicate-row check (its own time is not counted), then, in the same process and in turn (best of
``--repeat``), the main-thread CPU time of: the check over every chunk (values hashed, repeats found here and
in earlier chunks), and the baseline: ``pandas.DataFrame.duplicated`` over the whole table (one frame of
every chunk, exact, without the check's memory bound). Prints both, the ratio, the findings of each (they must
agree) and the check's memory (pairs kept, peak of its own allocations, from ``tracemalloc``).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import commune_export  # noqa: E402 (a sibling script, not a package)


def captured_chunks(path: Path) -> list[tuple[list[Any], Any]]:
    """Every chunk the duplicate-row check sees in ``check(path)``, with its columns' distinct values."""
    from odwb_assist.checks import duplicate_row
    from odwb_assist.quality import check

    chunks: list[tuple[list[Any], Any]] = []
    original = duplicate_row.DuplicateRowCheck.check_chunk

    def keep(self: Any, chunk: Any, context: Any) -> tuple[()]:
        chunks.append((list(self.columns), chunk))
        self.columns = []
        return ()

    duplicate_row.DuplicateRowCheck.check_chunk = keep  # type: ignore[method-assign]
    try:
        check(path)
    finally:
        duplicate_row.DuplicateRowCheck.check_chunk = original  # type: ignore[method-assign]
    return chunks


def run_check(chunks: list[tuple[list[Any], Any]], trace: bool = False) -> tuple[float, list[int], int, int]:
    """CPU seconds, findings, bytes of pairs kept, peak bytes allocated (when ``trace``)."""
    from odwb_assist.checks.duplicate_row import DuplicateRowCheck

    checker = DuplicateRowCheck()
    checker.start(None)  # type: ignore[arg-type]
    found: list[int] = []
    if trace:
        tracemalloc.start()
    started = time.thread_time()
    for columns, chunk in chunks:
        for column in columns:
            checker.check_values(column, None)  # type: ignore[arg-type]
        found += [finding.row_number for finding in checker.check_chunk(chunk, None)]  # type: ignore[arg-type, misc]
    seconds = time.thread_time() - started
    peak = 0
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    kept = sum(sum(part.nbytes for part in block) for block in checker.seen.blocks)
    return seconds, found, kept, peak


def run_pandas(chunks: list[tuple[list[Any], Any]]) -> tuple[float, list[int]]:
    import pandas as pd

    frame = pd.concat([chunk for _, chunk in chunks])
    started = time.thread_time()
    filled = (frame != "").any(axis=1).to_numpy()
    kept = frame[filled]
    found = kept.index[kept.duplicated(keep="first").to_numpy()].tolist()
    return time.thread_time() - started, [int(row) for row in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--rows", type=int, default=300_000, help="rows of the export made when no FILE is given")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if path is None:
            path = Path(folder) / "export.csv"
            commune_export.main([str(path), "--rows", str(args.rows)])
        chunks = captured_chunks(path)
    rows = sum(len(chunk) for _, chunk in chunks)
    ours, theirs = [], []
    for _ in range(args.repeat):
        gc.collect()
        seconds, found, kept, _ = run_check(chunks)
        ours.append(seconds)
        gc.collect()
        baseline, expected = run_pandas(chunks)
        theirs.append(baseline)
    _, _, _, peak = run_check(chunks, trace=True)
    print(f"{rows} rows in {len(chunks)} chunks")
    print(f"duplicate-row check: {min(ours):.3f} s CPU; pandas duplicated: {min(theirs):.3f} s; "
          f"ratio {min(ours) / min(theirs):.2f}")
    print(f"findings: {len(found)} (pandas: {len(expected)}), {'the same' if found == expected else 'DIFFERENT'}")
    print(f"pairs kept: {kept / 1e6:.1f} MB ({kept / max(rows, 1):.1f} B/row); peak of the check's allocations "
          f"{peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
