"""The cell rewrites of one column of a ``fix`` block, run once per distinct cell — and, for a column of few
distinct cells (categories, dates, codes), once per distinct cell of the whole file.

A rewrite is a function of each cell alone (``fix_stream`` already runs it on a block's distinct cells,
whose set changes with the block size). So each column keeps, across blocks, the cells already rewritten
with their value after each step (:class:`ColumnMemo`); a block is dictionary-encoded in pyarrow, its
distinct cells looked up, and only the cells never met before go through the rewrites. A column with more
distinct cells than :data:`MEMO_CELLS`, or more text than :data:`MEMO_BYTES`, stops remembering (its next blocks
run as before, on their own distinct cells), and so does any column once the columns of the file hold
:data:`MEMO_TOTAL` cells or :data:`MEMO_TOTAL_BYTES` of text: the memory stays bounded however many columns the
file has and however long its cells (20,000 descriptions of 2 kB, each kept at every step, made a ``fix`` peak at
690 MB). Every changed cell is logged as before, step by step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

    from .change_log import ChangeLog

Step = tuple[str, Callable[[pd.Series], pd.Series]]
MEMO_CELLS = 20_000  # distinct cells of a column remembered at most (× the steps + 1 values each)
MEMO_TOTAL = 200_000  # distinct cells remembered at most over all the columns of a file
MEMO_BYTES = 8 << 20  # bytes of a column's distinct cells (as read) remembered at most
MEMO_TOTAL_BYTES = 32 << 20  # … over all the columns of a file
SPREAD = 0.9  # a block with this share of distinct cells: the next ones are not dictionary-encoded


class Remembered:
    """The distinct cells remembered over every column of a file: the columns of a block are prepared on several
    threads, and ``+=`` on a shared number is not atomic (an update could be lost, the bound overshot)."""

    def __init__(self) -> None:
        self.count = 0
        self.bytes = 0
        self._lock = threading.Lock()

    def add(self, cells: int, size: int = 0) -> None:
        with self._lock:
            self.count += cells
            self.bytes += size


@dataclass
class ColumnMemo:
    """The distinct cells of one column met so far, with their value after each step (``levels[0]``: as read)."""

    levels: list[list[pa.Array]] = field(default_factory=list)
    changed: list[list[np.ndarray]] = field(default_factory=list)
    size: int = 0
    bytes: int = 0  # of the distinct cells as read (``levels[0]``)
    off: bool = False  # too many distinct cells: each block on its own
    spread: bool = False  # the last block's cells were nearly all different (not worth encoding)
    plain: bool = False  # not Arrow text after a rewrite: each block through pandas
    seed: pa.Array | None = None  # every distinct non-empty cell of the column, as the check met them (see :func:`seeded`)
    untouched: bool = False  # seeded, and no step changes any cell: the column's blocks need no rewrite
    _flat: list[pa.Array] | None = None
    _flags: list[np.ndarray] | None = None

    total: Remembered = field(default_factory=Remembered)  # cells remembered by every column (shared)

    def known(self) -> pa.Array:
        return self.flat()[0]

    def flat(self) -> list[pa.Array]:
        """Each level as one array (its pieces joined once, and kept so: no second copy)."""
        if self._flat is None:
            self._flat = [_combined(level) for level in self.levels]
            self.levels = [[level] for level in self._flat]
        return self._flat

    def flags(self) -> list[np.ndarray]:
        if self._flags is None:
            self._flags = [np.concatenate(flags) for flags in self.changed]
            self.changed = [[flags] for flags in self._flags]
        return self._flags

    def add(self, levels: list[pa.Array], changed: list[np.ndarray]) -> None:
        if not self.levels:
            self.levels = [[] for _ in levels]
            self.changed = [[] for _ in changed]
        for kept, level in zip(self.levels, levels, strict=True):
            kept.append(level)
        for kept, flags in zip(self.changed, changed, strict=True):
            kept.append(flags)
        size = levels[0].nbytes
        self.size += len(levels[0])
        self.bytes += size
        self.total.add(len(levels[0]), size)
        self.forget()

    def full(self) -> bool:
        return (self.size > MEMO_CELLS or self.bytes > MEMO_BYTES or self.total.count > MEMO_TOTAL
                or self.total.bytes > MEMO_TOTAL_BYTES)

    def reset(self) -> None:
        self.total.add(-self.size, -self.bytes)
        self.levels, self.changed, self.size, self.bytes = [], [], 0, 0
        self.forget()

    def forget(self) -> None:
        self._flat = self._flags = None


@dataclass
class Prepared:
    """One column of one block, rewritten but not yet logged nor written back (see :func:`prepare`)."""

    codes: np.ndarray  # for each row: the position of its cell among the block's distinct cells
    where: np.ndarray  # for each of those: its position in ``levels``
    levels: list[pa.Array]
    flags: list[np.ndarray]
    cells: pa.Array | None  # the column's new cells (None: unchanged)


def rewrite_column(chunk: pd.DataFrame, label: str, steps: list[Step], log: ChangeLog, memo: ColumnMemo,
                   held: np.ndarray | None = None) -> None:
    """Run the rewrites of one column on its distinct cells; record the changed cells; write the column back. The
    ``held`` rows (row numbers) keep their cell as read, unlogged (:data:`.fix_remaining.HELD`)."""
    prepared = prepare(chunk[label], steps, memo)
    if prepared is None:  # not plain Arrow text: as before
        _rewrite_plain(chunk, label, steps, log, held)
    else:
        finish(chunk, label, steps, log, prepared, held)


def _free(chunk: pd.DataFrame, held: np.ndarray | None) -> np.ndarray | None:
    """For each row of the block, whether a rewrite may change its cell (None: every row may)."""
    if held is None or not len(held):
        return None
    free = ~np.isin(chunk.index.to_numpy(), held)
    return None if free.all() else free


def prepare(series: pd.Series, steps: list[Step], memo: ColumnMemo) -> Prepared | None:
    """The rewrites of one column of a block (None: not plain Arrow text, left to :func:`_rewrite_plain`).
    Touches nothing but ``memo``: the columns of a block may be prepared on several threads."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..checks.cells import arrow_text

    cells = arrow_text(series)
    if cells is None or cells.null_count or (memo.off and memo.plain):
        return None
    if memo.seed is not None:
        _seed(memo, cells.type, series.dtype, steps)
    kept = memo if not memo.off else ColumnMemo()  # a column of too many distinct cells: this block's alone
    direct = memo.off and memo.spread  # nearly every cell differs: no use looking for the same ones
    if direct:
        codes = np.arange(len(cells))
        uniques = cells
    else:
        encoded = pc.dictionary_encode(cells)
        codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        uniques = encoded.dictionary
        memo.spread = len(uniques) >= SPREAD * len(cells)
    if kept.size:
        found = pc.index_in(uniques, value_set=kept.known())
        missing = np.asarray(found.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        where = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    else:
        missing = np.ones(len(uniques), dtype=bool)
        where = np.full(len(uniques), -1, dtype=np.int64)
    if missing.any():
        fresh = uniques if missing.all() else uniques.filter(pa.array(missing))
        ran = _run(fresh, series.dtype, steps)
        if ran is None:  # a rewrite gave something else than text: as before, on this block's cells
            memo.off = memo.plain = True
            memo.reset()
            return None
        where[missing] = kept.size + np.arange(len(fresh))
        kept.add(*ran)
    levels, flags = kept.flat(), kept.flags()
    touched = any(flags[step][where].any() for step in range(len(steps)))
    if not touched:
        rows = None
    elif direct:  # each row its own value, in order: the last values are the new cells
        rows = levels[-1]
    else:
        rows = levels[-1].take(pa.array(where)).take(pa.array(codes))
    if not memo.off and memo.full():
        memo.off = True
        memo.reset()
    return Prepared(codes, where, levels, flags, rows)


def _seed(memo: ColumnMemo, kind: pa.DataType, dtype: Any, steps: list[Step]) -> None:
    """The column's cells as the check met them (with the empty cell, which it leaves out) rewritten at once:
    when no step changes any, the column is :attr:`ColumnMemo.untouched`."""
    import pyarrow as pa

    seed, memo.seed = memo.seed, None
    if seed is None or memo.off or memo.size:
        return
    cells = pa.concat_arrays([seed.cast(kind), pa.array([""], type=kind)])
    ran = _run(cells, dtype, steps)
    if ran is None:
        return
    memo.add(*ran)
    memo.untouched = not any(flags.any() for flags in ran[1])


def seeded(memo: ColumnMemo, series: pd.Series) -> bool:
    """Whether a block's column needs no rewrite: every cell of the column is known unchanged (:func:`_seed`) and
    the block's cells are plain Arrow text, as the check read them."""
    from ..checks.cells import plain_arrow_text

    return memo.untouched and plain_arrow_text(series)


def finish(chunk: pd.DataFrame, label: str, steps: list[Step], log: ChangeLog, prepared: Prepared,
           held: np.ndarray | None = None) -> None:
    """Log the changes of each step on the block's rows (in order), and write the last values back; the ``held``
    rows keep their cell as read."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..checks.cells import arrow_text

    codes, where, levels = prepared.codes, prepared.where, prepared.levels
    free = _free(chunk, held)
    for step, (name, _) in enumerate(steps):
        changed = prepared.flags[step][where]
        if not changed.any():
            continue
        at = np.flatnonzero(changed[codes] if free is None else changed[codes] & free)
        if not len(at):  # only held cells
            continue
        shown = at if log.keeps_all else at[: log.room(name)]
        if len(shown):
            picked = pa.array(where[codes[shown]])
            before = levels[step].take(picked).to_numpy(zero_copy_only=False)
            after = levels[step + 1].take(picked).to_numpy(zero_copy_only=False)
        else:
            before = after = shown
        log.add_cells(name, label, chunk.index.to_numpy()[shown], before, after, count=len(at))
    if prepared.cells is not None:
        cells = prepared.cells
        if free is not None:
            cells = pc.if_else(pa.array(free), cells, arrow_text(chunk[label]))
        chunk[label] = pd.Series(cells, dtype=chunk[label].dtype, index=chunk.index)


def _run(fresh: pa.Array, dtype: Any, steps: list[Step]) -> tuple[list[pa.Array], list[np.ndarray]] | None:
    """Each step on ``fresh`` (distinct cells): the values after each step and where each step changed them;
    None when a step gives other than text (left to :func:`_rewrite_plain`)."""
    from ..checks.cells import arrow_text

    current = pd.Series(fresh, dtype=dtype)
    levels = [fresh]
    changed_all = []
    for _, rewrite in steps:
        new = rewrite(current)
        changed = _changed(new, current)
        changed_all.append(changed)
        if changed.any():
            current = new if new.dtype == current.dtype else new.astype(current.dtype)
        cells = arrow_text(current)
        if cells is None or cells.null_count or len(cells) != len(fresh):
            return None
        levels.append(cells)
    return levels, changed_all


def _changed(new: pd.Series, current: pd.Series) -> np.ndarray:
    """Where ``new`` differs from ``current`` (a missing value differs), in pyarrow when both are Arrow text."""
    import pyarrow.compute as pc

    from ..checks.cells import arrow_text

    if new is current:
        return np.zeros(len(current), dtype=bool)
    a, b = arrow_text(new), arrow_text(current)
    if a is None or b is None or len(a) != len(b):
        return (new != current).to_numpy(dtype=bool, na_value=True)
    return np.asarray(pc.fill_null(pc.not_equal(a, b), True).to_numpy(zero_copy_only=False), dtype=bool)


def _combined(arrays: list[pa.Array]) -> pa.Array:
    import pyarrow as pa

    return arrays[0] if len(arrays) == 1 else pa.concat_arrays(arrays)


def _rewrite_plain(chunk: pd.DataFrame, label: str, steps: list[Step], log: ChangeLog,
                   held: np.ndarray | None = None) -> None:
    """The rewrites on the block's distinct cells (cells that are not plain Arrow text); the ``held`` rows keep
    their cell as read."""
    codes, uniques = pd.factorize(chunk[label])
    current = pd.Series(uniques)
    free = _free(chunk, held)
    touched = False
    for name, rewrite in steps:
        new = rewrite(current)
        if new is current:
            continue
        changed = (new != current).to_numpy(dtype=bool, na_value=True)
        if not changed.any():
            continue
        touched = True
        at = np.flatnonzero(changed[codes] if free is None else changed[codes] & free)
        if len(at):  # not only held cells
            shown = at if log.keeps_all else at[: log.room(name)]
            before = current.iloc[codes[shown]].to_numpy(dtype=object) if len(shown) else shown
            after = new.iloc[codes[shown]].to_numpy(dtype=object) if len(shown) else shown
            log.add_cells(name, label, chunk.index.to_numpy()[shown], before, after, count=len(at))
        current = new if new.dtype == current.dtype else new.astype(current.dtype)
    if touched:
        cells = pd.Series(current.array.take(codes), index=chunk.index)
        chunk[label] = cells if free is None else cells.where(free, chunk[label])
