"""``fix`` block by block: the plans of the streaming fixes applied to each block of rows as it is read.

The plans are decided before the rows are read (from the check's report, see :class:`~.fixing.FixPlan`):
rows to drop, columns to drop, cell rewrites per column, labels to rename. Each block is then read
(:func:`.reader.iter_text_chunks`), its planned rows and columns go to the side files, each column's
rewrites run once per distinct cell of the block, and the block is appended to the clean file. Memory
holds one block, whatever the size of the file; changes are counted and sampled (:mod:`.change_log`).
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core.contract import Change, Fix, FixPlan
from .encoding import release_freed
from .fix_rewrite import ColumnMemo, Prepared, Remembered, Step, finish, prepare, rewrite_column, seeded
from .reader import iter_text_chunks

if TYPE_CHECKING:
    from pathlib import Path

    import pyarrow as pa

    from .change_log import ChangeLog
    from .detect import Detected
    from .side_files import CellsBeyond, SideFiles


@dataclass
class _Drop:
    fix: Fix
    text: str | None
    describe: Callable[[list[str]], str] | None


@dataclass
class Streamed:
    """How many rows were read and written."""

    rows_before: int = 0
    rows_after: int = 0
    labels: list[str] = field(default_factory=list)


def stream_fixes(path: Path, detected: Detected, steps: list[tuple[Fix, FixPlan]], log: ChangeLog, side: SideFiles,
                 handle: IO[bytes] | None, known: dict[str, pa.Array] | None = None,
                 beyond: CellsBeyond | None = None, untitled: Collection[str] = (),
                 held: dict[str, np.ndarray] | None = None) -> Streamed:
    """Apply ``steps`` (fixes in order, with their plans) to every block; write the clean rows to ``handle``.

    ``known``: every distinct non-empty cell of some columns, as the check read them (a column none of whose
    cells a rewrite changes is then left as it is read, block after block); ``beyond`` gathers the cells beyond
    the header's columns on the way; ``untitled``: the names made up for columns without a title (« field4 »),
    whose header cell the clean file leaves blank as it was; ``held``: for some columns, the rows whose cell no
    rewrite may change (:func:`.fix_remaining.held_cells`)."""
    for _, plan in steps:
        log.extend(plan.changes)
    scans = [plan.scan for _, plan in steps if plan.scan is not None]
    if scans:  # a plan that needs the whole column first (e.g. « 12 places » only in a column of counts)
        for chunk in _blocks(path, detected):
            for scan in scans:
                scan(chunk)
    drops: dict[int, _Drop] = {}
    for fix, plan in steps:
        for row, text in plan.rows.items():
            drops.setdefault(int(row), _Drop(fix, text, plan.describe))  # the first fix to drop a row owns it
    dropped_columns: dict[str, Fix] = {}
    for fix, plan in steps:
        for label in plan.columns:
            dropped_columns.setdefault(label, fix)
    rewrites: dict[str, list[Step]] = {}
    for fix, plan in steps:
        for label, rewrite in plan.rewrites.items():
            rewrites.setdefault(label, []).append((fix.name, rewrite))
    renames = [plan.rename for _, plan in steps if plan.rename]
    drop_rows = np.fromiter(drops, dtype=np.int64, count=len(drops))
    total = Remembered()  # cells remembered over all the columns
    memos = {label: ColumnMemo(total=total, seed=(known or {}).get(label)) for label in rewrites}
    done = Streamed()
    # The clean file is written on a thread of its own (pyarrow joins the cells and the file takes the bytes
    # without the GIL) while the next block is rewritten; one block at most waits to be written, in order.
    workers = _threads()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="odwb-fix-writer") as writer, \
            ThreadPoolExecutor(max_workers=max(1, workers - 1), thread_name_prefix="odwb-fix-columns") as columns:
        pending: Future[None] | None = None
        first = True
        for chunk in _blocks(path, detected, beyond):
            release_freed()
            done.rows_before += len(chunk)
            if len(drop_rows):
                chunk = _drop_rows(chunk, drop_rows, drops, log, side)
            if dropped_columns:
                chunk = _drop_columns(chunk, dropped_columns, side)
            if len(chunk):
                _rewrite_block(chunk, rewrites, memos, log, columns if workers > 1 else None, workers, held or {})
            labels = [str(label) for label in chunk.columns]
            for rename in renames:
                labels = [rename.get(label, label) for label in labels]
            chunk.columns = pd.Index(labels)
            done.rows_after += len(chunk)
            done.labels = labels
            if handle is not None:
                if pending is not None:
                    pending.result()
                pending = writer.submit(_write_block, chunk, handle, first, untitled)
            first = False
        if pending is not None:
            pending.result()
    return done


def header_cells(labels: Iterable[Any], untitled: Collection[str]) -> list[str]:
    """The clean file's header: each column's label, blank for a column without a title (« field4 » is a name
    Frictionless made up, not a title: written, it would pass for one, and the check of the clean file would no longer
    say that the column lacks a title)."""
    return ["" if str(label) in untitled else str(label) for label in labels]


def _threads() -> int:
    """Threads that prepare the columns of a block: ``ODWB_THREADS`` when set, as for the checks; else two (at
    most the cores). The rewrites of a coordinate or amount column run on each of its cells in pyarrow's kernels,
    which release the GIL: two such columns are rewritten side by side, for about the same CPU."""
    import os

    from .parallel import THREADS_VARIABLE, threads

    if os.environ.get(THREADS_VARIABLE, "").strip():
        return threads()
    return max(1, min(2, os.cpu_count() or 1))


def _rewrite_block(chunk: pd.DataFrame, rewrites: dict[str, list[Step]], memos: dict[str, ColumnMemo], log: ChangeLog,
                   pool: ThreadPoolExecutor | None, workers: int = 1, held: dict[str, np.ndarray] | None = None) -> None:
    """The rewrites of every column of a block: prepared by this thread and the pool's (``workers`` in all, each
    taking the next column; pyarrow's kernels release the GIL), then logged and written back in the columns'
    order, as a serial run does."""
    present = [label for label in rewrites if label in chunk.columns and not seeded(memos[label], chunk[label])]
    if pool is None or len(present) < 2:
        for label in present:
            rewrite_column(chunk, label, rewrites[label], log, memos[label], (held or {}).get(label))
        return
    series = [chunk[label] for label in present]  # read here: a frame's column cache is not for two threads
    prepared: list[Prepared | None] = [None] * len(present)
    order = iter(range(len(present)))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                at = next(order, None)
            if at is None:
                release_freed()  # what other threads freed of this thread's arrays (memory stays flat)
                return
            label = present[at]
            prepared[at] = prepare(series[at], rewrites[label], memos[label])

    helpers = [pool.submit(work) for _ in range(max(1, workers - 1))]
    try:
        work()
    finally:
        for helper in helpers:
            helper.result()
    for label, done in zip(present, prepared, strict=True):
        kept = (held or {}).get(label)
        if done is None:
            rewrite_column(chunk, label, rewrites[label], log, memos[label], kept)
        else:
            finish(chunk, label, rewrites[label], log, done, kept)


BLOCK_ROWS: int | None = None  # rows per block (None: the reader's own); tests make it small to cross block edges


def _blocks(path: Path, detected: Detected, beyond: CellsBeyond | None = None) -> Iterator[pd.DataFrame]:
    if BLOCK_ROWS is None:
        yield from iter_text_chunks(path, detected, beyond=beyond)
    else:
        yield from iter_text_chunks(path, detected, chunk_rows=BLOCK_ROWS, beyond=beyond)


def _drop_rows(chunk: pd.DataFrame, drop_rows: np.ndarray, drops: dict[int, _Drop], log: ChangeLog,
               side: SideFiles) -> pd.DataFrame:
    index = chunk.index.to_numpy()
    mask = np.isin(index, drop_rows)
    if not mask.any():
        return chunk
    cells = chunk.to_numpy(dtype=object)[mask]
    for row, values in zip(index[mask].tolist(), cells.tolist(), strict=True):
        drop = drops[row]
        texts = [str(value) for value in values]
        side.add_row(row, drop.fix.label, texts)
        text = drop.text if drop.text is not None else (drop.describe or " | ".join)(texts)
        log.add(Change(drop.fix.name, row, None, text, None))
    return chunk[~mask]


def _drop_columns(chunk: pd.DataFrame, dropped: dict[str, Fix], side: SideFiles) -> pd.DataFrame:
    present = [label for label in dropped if label in chunk.columns]
    for label in present:
        values = chunk[label]
        filled = values[values != ""]
        side.add_column_cells(label, dropped[label].label, [(int(row), str(cell)) for row, cell in filled.items()])
    return chunk.drop(columns=present) if present else chunk


def _quoted() -> str:
    """The characters that make Python's csv writer (and so ``to_csv``) quote a cell, as a regular expression."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["\r", "a"])
    return '[,"\r\n]' if buffer.getvalue().startswith('"') else '[,"\n]'


def _write_block(chunk: pd.DataFrame, handle: IO[bytes], header: bool, untitled: Collection[str] = ()) -> None:
    write_block(chunk, handle, header, untitled)
    release_freed()  # on the writer's thread: what the other threads freed of its arrays


def write_block(chunk: pd.DataFrame, handle: IO[bytes], header: bool, untitled: Collection[str] = ()) -> None:
    """Append ``chunk`` to the clean file as UTF-8 CSV, byte for byte as ``DataFrame.to_csv`` writes it (minimal
    quoting: a cell holding a comma, a quote or a line break is quoted, its quotes doubled), built in C by pyarrow
    (more than ten times faster than ``to_csv``); the header cells of the ``untitled`` columns blank."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if header:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(header_cells(chunk.columns, untitled))
        handle.write(buffer.getvalue().encode("utf-8"))
    if not len(chunk):
        return
    if len(chunk.columns) < 2:  # a row of one empty cell is written « "" »: left to pandas
        handle.write(chunk.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8"))
        return
    columns = []
    for position in range(len(chunk.columns)):
        column = pc.fill_null(pa.array(chunk.iloc[:, position], type=pa.string()), "")
        if not _holds_any(column, _quoted()):  # most columns: one scan of their bytes, no regex per cell
            columns.append(column)
            continue
        special = pc.match_substring_regex(column, _quoted())
        if pc.any(special).as_py():
            quoted = pc.binary_join_element_wise('"', pc.replace_substring(column, '"', '""'), '"', "")
            column = pc.if_else(special, quoted, column)
        columns.append(column)
    columns[-1] = pc.binary_join_element_wise(columns[-1], "\n", "")
    lines = pc.binary_join_element_wise(*columns, ",")
    for piece in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
        _write_text(piece, handle)


def _write_text(lines: Any, handle: IO[bytes]) -> None:
    """The UTF-8 bytes of a pyarrow text array without nulls, end to end, straight from its buffers."""
    handle.write(_text_bytes(lines))


def _text_bytes(cells: Any) -> memoryview:
    """The UTF-8 bytes of the cells of a pyarrow text array (one chunk), end to end, without a copy."""
    if not len(cells):
        return memoryview(b"")
    _, offsets, data = cells.buffers()
    if data is None:
        return memoryview(b"")
    ends = np.frombuffer(offsets, dtype=np.int64 if cells.type == "large_string" else np.int32)
    return memoryview(data)[int(ends[cells.offset]):int(ends[cells.offset + len(cells)])]


def _holds_any(column: Any, pattern: str) -> bool:
    """Whether a character of the class ``pattern`` (« [,"\n] ») is anywhere in a pyarrow text column."""
    import pyarrow as pa

    wanted = [character.encode() for character in pattern[1:-1]]  # :func:`_quoted` holds the characters themselves
    for piece in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        data = bytes(_text_bytes(piece))
        if any(character in data for character in wanted):
            return True
    return False
