"""Check ``duplicate-row``: a row identical to an earlier one (Frictionless's type), found from row hashes, verified;
the finding names the first row it repeats (as Frictionless's note does: « the same as in the row at position 5 »).

A row's hashes are built from its columns' distinct values (:class:`.ColumnValues`): each distinct value
is hashed once, from its bytes, with its column's position (two different 64-bit hashes,
:mod:`.text_hash`), and a row's hashes are the sums of its cells'. A repeat inside a chunk is confirmed by
comparing the two rows' cells (their codes in the chunk's dictionary encoding); a repeat of a row of an earlier
chunk, whose cells are gone, is taken on both hashes: a false finding would take two different hash functions
colliding on the same two rows at once, the first on 64 bits and the second on the 32 bits kept of it (the hashes
are not secret-keyed: built for natural data). Memory: 16 bytes per distinct row (the two hashes and the row's
number), in a few sorted arrays (no Python object per row): the set of rows seen is what grows with the file (48 MB
at 3M rows). The value hashes of a
chunk's columns are made ahead, on the CSV reader's thread (:data:`VALUE_HASHES`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ChunkPreparation, ColumnValues, ValuesPreparation
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .text_hash import MURMUR, SPLITMIX, hash_texts, mix, python_buffers, text_buffers

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("La ligne {row} est identique à la ligne {first}.", "Row {row} is identical to row {first}.")
TIP = Msg("Supprimez le doublon (Données > Supprimer les doublons), sauf si les deux lignes sont voulues.",
          "Delete the duplicate (Data > Remove duplicates), unless both rows are meant.")

SUFFIX = "odwb-rows-hash-2"  # the second spelling of a value hashed by Python (a wide table)


BLOCK = 1 << 19  # pairs in a merged block at most (6 MiB): merging ever larger blocks made the peak grow with rows
FILTER_BITS = 25  # a bit map of 4 MiB over the first hashes: at 3M rows, 1 new row in 11 is searched in the blocks


class SortedPairs:
    """A set of (hash, check hash) pairs as a few sorted arrays merged like a binary counter (16 bytes per pair),
    each pair with the row it was first added with (4 bytes: the row a repeat names).

    Blocks stop growing at :data:`BLOCK` pairs: a merge then costs a bounded temporary copy (a single block of
    every row seen cost three times the pairs at the last merges), and a lookup a few more binary searches.
    Pairs sorted on their first hash (``ordered``) are searched and added faster: a binary search of sorted keys
    walks a block in order (random keys missed the cache at every step), and adding them needs no sort.
    """

    def __init__(self) -> None:
        self.blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (first hashes, check hashes, rows)
        self.bits: np.ndarray | None = None  # one bit per value of a first hash's top FILTER_BITS bits: seen or not

    def _maybe(self, first: np.ndarray, add: bool = False) -> np.ndarray:
        """Which first hashes the set may hold: their bit in :attr:`bits` is set (a pair never added whose
        bit is set is searched as before; one whose bit is clear is not in the set). ``add``: then set theirs."""
        import numpy as np

        if self.bits is None:
            self.bits = np.zeros(1 << (FILTER_BITS - 3), dtype=np.uint8)
        top = (first >> np.uint64(64 - FILTER_BITS)).astype(np.intp)
        byte, bit = top >> 3, np.left_shift(1, top & 7).astype(np.uint8)
        maybe = (self.bits[byte] & bit) != 0
        if add and len(byte):
            if (byte[1:] >= byte[:-1]).all():  # sorted: a byte's hashes side by side, their bits or-ed together
                starts = np.flatnonzero(np.concatenate(([True], byte[1:] != byte[:-1])))
                self.bits[byte[starts]] |= np.bitwise_or.reduceat(bit, starts)
            else:  # not sorted (no caller of this module): one update per hash
                np.bitwise_or.at(self.bits, byte, bit)
        return maybe

    def contains(self, first: np.ndarray, second: np.ndarray, ordered: bool = False) -> np.ndarray:
        """Which pairs the set holds (``ordered``: sorted on ``first``)."""
        import numpy as np  # numpy and pandas are imported when checking, not when the plugin is registered

        second = _kept(second)
        if not ordered:
            order = np.argsort(first)
            found = np.empty(len(first), dtype=bool)
            found[order] = self.contains(first[order], second[order], ordered=True)
            return found
        return self._search(first, second)[0]

    def add(self, first: np.ndarray, second: np.ndarray, ordered: bool = False, rows: np.ndarray | None = None) -> None:
        """Add pairs (``rows``: the row of each, 0 when not told)."""
        import numpy as np

        second, rows = _kept(second), _rows(rows, len(first))
        if not ordered:
            order = np.argsort(first, kind="stable")  # sorted on the first hash (a run of equal ones is searched along)
            first, second, rows = first[order], second[order], rows[order]
        self._maybe(first, add=True)
        fresh = np.ones(len(first), dtype=bool)
        fresh[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
        self._add(first[fresh], second[fresh], rows[fresh])

    def found_then_add(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Which pairs (sorted on ``first``) the set holds; then the others are added (each once)."""
        return self.earlier_then_add(first, second)[0]

    def earlier_then_add(self, first: np.ndarray, second: np.ndarray,
                         rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Which pairs (sorted stably on ``first``, with their ``rows`` in ascending order) the set holds, and for
        each the row it was first added with (0 where it holds none); then the others are added (each once, with
        its first row). Only the pairs whose first hash's bit is set in the filter (:meth:`_maybe`) are searched."""
        import numpy as np

        second, rows = _kept(second), _rows(rows, len(first))
        maybe = self._maybe(first, add=True)  # the others are not in the set: not searched
        if maybe.all():
            found, earlier = self._search(first, second)
        else:
            found, earlier = np.zeros(len(first), dtype=bool), np.zeros(len(first), dtype=np.uint32)
            if maybe.any():
                found[maybe], earlier[maybe] = self._search(first[maybe], second[maybe])
        fresh = ~found
        fresh[1:] &= (first[1:] != first[:-1]) | (second[1:] != second[:-1])
        if not fresh.all():
            first, second, rows = first[fresh], second[fresh], rows[fresh]
        self._add(first, second, rows)
        return found, earlier

    def _search(self, first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which pairs (sorted) the set holds, and the row each was first added with (0 where none). The blocks
        are searched oldest first, and a merge keeps older pairs first among equal keys: the row found is the
        earliest."""
        import numpy as np

        found = np.zeros(len(first), dtype=bool)
        earlier = np.zeros(len(first), dtype=np.uint32)
        for keys, checks, rows in self.blocks:
            at = np.searchsorted(keys, first)
            near = np.minimum(at, len(keys) - 1)
            hit = keys[near] == first
            new = hit & (checks[near] == second) & ~found
            earlier[new] = rows[near[new]]
            found |= new
            for i in np.flatnonzero(hit & ~found):  # the first hash collides: look along its run of equal keys
                j = int(at[i])
                while j < len(keys) and keys[j] == first[i] and not found[i]:
                    if checks[j] == second[i]:
                        found[i], earlier[i] = True, rows[j]
                    j += 1
        return found, earlier

    def _add(self, keys: np.ndarray, checks: np.ndarray, rows: np.ndarray) -> None:
        """Add pairs sorted on ``keys`` (with their rows), none of them in the set yet."""
        if not len(keys):
            return
        while self.blocks and len(self.blocks[-1][0]) <= len(keys) * 2 and len(self.blocks[-1][0]) + len(keys) <= BLOCK:
            old_keys, old_checks, old_rows = self.blocks.pop()
            keys, checks, rows = _merged(old_keys, old_checks, keys, checks, old_rows, rows)
        self.blocks.append((keys, checks, rows))


def _kept(second: np.ndarray) -> np.ndarray:
    """The part of the second hashes the set keeps: their low 32 bits (the hash is mixed: any 32 bits of it do)."""
    import numpy as np

    return second.astype(np.uint32, copy=False)


def _rows(rows: np.ndarray | None, count: int) -> np.ndarray:
    """The rows kept with the pairs (uint32: a CSV of four billion rows is no file a user checks), 0 when not told."""
    import numpy as np

    return np.zeros(count, dtype=np.uint32) if rows is None else np.asarray(rows).astype(np.uint32, copy=False)


def _merged(keys: np.ndarray, checks: np.ndarray, more: np.ndarray, more_checks: np.ndarray,
            rows: np.ndarray | None = None, more_rows: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Two sorted runs of pairs (and their rows, when given) merged on the first hash: numpy's stable sort of the two
    runs end to end (it finds the runs and merges them in one pass), faster than placing each of ``more`` by a
    binary search; equal first hashes come old ones first (a lookup finds the oldest pair, the earliest row)."""
    import numpy as np

    order = np.argsort(np.concatenate((keys, more)), kind="stable")
    merged = np.concatenate((keys, more))[order], np.concatenate((checks, more_checks))[order]
    if rows is None or more_rows is None:
        return merged
    return (*merged, np.concatenate((rows, more_rows))[order])


def value_hashes(column: ColumnValues, python: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Two 64-bit hashes of each distinct value of ``column`` with its position (uint64, one more entry at the end
    for an empty cell, code -1), each distinct value hashed once: from its UTF-8 bytes (:mod:`.text_hash`, no
    Python object per value); ``python`` (a few values per column, a wide table): Python's hash of two spellings.
    A run hashes every chunk the same way (a column's values from pyarrow or as Python strings alike)."""
    import numpy as np

    salt = column.number * 0x632BE59BD9B4E019 % (1 << 64)
    if python:
        texts = column.texts
        first = np.empty(len(texts) + 1, dtype=np.uint64)
        second = np.empty(len(texts) + 1, dtype=np.uint64)
        first[:-1] = np.fromiter((hash(text) & MASK for text in texts), dtype=np.uint64, count=len(texts))
        second[:-1] = np.fromiter((hash(text + SUFFIX) & MASK for text in texts), dtype=np.uint64, count=len(texts))
        first[-1] = second[-1] = EMPTY
        first ^= np.uint64(salt)
        second ^= np.uint64(salt)
        return mix(first, SPLITMIX), mix(second, MURMUR)
    arrow = None if len(column) == 0 else column.arrow
    buffers = text_buffers(arrow) if arrow is not None else python_buffers(column.texts)
    return hash_texts(*buffers, key=salt, spare=EMPTY)  # code -1 (an empty cell) reads the final entry


def _arrow_value_hashes(column: ColumnValues) -> tuple[np.ndarray, np.ndarray]:
    return value_hashes(column)


# a column's value hashes, made ahead on the CSV reader's thread
VALUE_HASHES = ValuesPreparation("duplicate-row-value-hashes", _arrow_value_hashes)
# columns: a sheet (or a table Frictionless reads) wider than this has its values hashed with Python's hash, the same
# way for the whole file (a wide sheet has few rows, its cells are Python values already); a CSV read by pyarrow,
# from its bytes whatever its width (Python's hash made 200,000 rows of 80 columns take 10.3 s instead of 6.5 s)
WIDE = 64
MASK = (1 << 64) - 1
EMPTY = 0x2545F4914F6CDD1D  # an empty cell's stand-in before its column's key is mixed in


class DuplicateRowCheck(BaseTableCheck):
    name = "duplicate-row"
    types = ("duplicate-row",)

    def start(self, context: CheckContext) -> None:
        self.seen = SortedPairs()
        wide = len(getattr(context, "fields", None) or ()) > WIDE
        # a wide table's values hashed with Python's hash, unless pyarrow reads it (see WIDE)
        self.python = wide and (getattr(context, "options", None) or {}).get("reader") != "arrow"
        self.preparations = () if self.python else (VALUE_HASHES, ROW_HASHES)
        self.columns: list[ColumnValues] = []  # this chunk's columns, as given to :meth:`check_values`

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.columns.append(column)
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        columns, self.columns = self.columns, []
        if len(columns) != len(chunk.columns) or any(len(c.codes) != len(chunk) for c in columns):
            # called without the engine's distinct values: encode the chunk here
            columns = [ColumnValues.from_series(chunk.iloc[:, p], p + 1) for p in range(len(chunk.columns))]
        if chunk.empty or not columns:
            return ()
        hashed = _row_hashes(columns, python=True) if self.python else ROW_HASHES.of(columns)
        if hashed is None:  # every row blank
            return ()
        keep, order, first, second = hashed
        codes = [column.codes if keep is None else column.codes[keep] for column in columns]
        numbers = np.asarray(columns[0].rows)
        numbers = numbers if keep is None else numbers[keep]  # the row number of each row hashed
        here, same_as = _repeats_sorted(first, order, codes)
        seen, seen_row = self.seen.earlier_then_add(first, second, numbers[order])
        earliest = np.where(seen, seen_row, numbers[np.maximum(same_as, 0)])  # a row of an earlier chunk comes first
        repeated = np.zeros(len(first), dtype=bool)
        repeated[order] = here | seen
        first_rows = np.zeros(len(first), dtype=np.int64)
        first_rows[order] = earliest
        at = np.flatnonzero(repeated)
        return [Finding("duplicate-row", Severity.WARNING, MESSAGE.format(row=int(row), first=int(same)), TIP,
                        row_number=int(row), extra={"sameAs": int(same)})
                for row, same in zip(numbers[at].tolist(), first_rows[at].tolist(), strict=True)]


def _row_hashes(columns: list[ColumnValues],
                python: bool = False) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, np.ndarray] | None:
    """The whole-row hashes of a chunk (its columns' value hashes summed; ``python``: with Python's hash), sorted
    stably: (the rows kept, None when every row is; their order; first and second hash in that order). None: every
    row is blank. A pure function of the columns: made ahead on the CSV reader's thread (:data:`ROW_HASHES`)."""
    import numpy as np

    filled = np.zeros(len(columns[0].codes), dtype=bool)
    for column in columns:
        filled |= column.codes >= 0
    if not filled.any():
        return None
    keep = None if filled.all() else np.flatnonzero(filled)
    count = len(filled) if keep is None else len(keep)
    first, second = np.zeros(count, dtype=np.uint64), np.zeros(count, dtype=np.uint64)
    cells = np.empty(count, dtype=np.uint64)
    for column in columns:  # code -1 wraps to the final entry (an empty cell)
        at = column.codes if keep is None else column.codes[keep]
        one, two = value_hashes(column, python) if python else VALUE_HASHES(column)
        first += np.take(one, at, out=cells, mode="wrap")
        second += np.take(two, at, out=cells, mode="wrap")
    order = _stable_order(first)  # sorted once: for the repeats here, the lookup and the set
    return keep, order, first[order], second[order]


ROW_HASHES = ChunkPreparation("duplicate-row-hashes", _row_hashes)


def _repeated_here(hashes: np.ndarray, codes: list[np.ndarray]) -> np.ndarray:
    """Which rows repeat an earlier row of the same chunk: same hash, then the same cells (codes) checked."""
    import numpy as np

    order = _stable_order(hashes)
    repeated = np.zeros(len(hashes), dtype=bool)
    repeated[order] = _repeats_sorted(hashes[order], order, codes)[0]
    return repeated


def _stable_order(hashes: np.ndarray) -> np.ndarray:
    """The order sorting ``hashes``, equal ones in row order (a quicksort, then its few runs of equal hashes put
    in row order: cheaper than a stable sort of every hash)."""
    import numpy as np

    order = np.argsort(hashes)
    if len(order) < 2:
        return order
    ordered = hashes[order]
    same = ordered[1:] == ordered[:-1]
    if same.any():
        runs = np.concatenate(([0], np.cumsum(~same)))  # each sorted position's run of equal hashes
        inside = np.flatnonzero(np.concatenate(([False], same)) | np.concatenate((same, [False])))
        rows = order[inside]
        order[inside] = rows[np.lexsort((rows, runs[inside]))]
    return order


def _repeats_sorted(hashes: np.ndarray, order: np.ndarray, codes: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_repeated_here` on hashes sorted stably (``order``: the row of each), answered in sorted order, with
    the position (in ``order``'s terms) of the first row each repeats (-1 where none)."""
    import numpy as np

    repeated = np.zeros(len(hashes), dtype=bool)
    same_as = np.full(len(hashes), -1, dtype=np.int64)
    if len(hashes) < 2:
        return repeated, same_as
    same_hash = hashes[1:] == hashes[:-1]
    if not same_hash.any():
        return repeated, same_as
    runs = np.flatnonzero(np.concatenate(([True], ~same_hash)))  # where each run of equal hashes starts
    starts = np.repeat(runs, np.diff(np.append(runs, len(hashes))))
    candidates = np.flatnonzero(np.concatenate(([False], same_hash)))  # a later row of a run (stable: in row order)
    rows, earlier = order[candidates], order[starts[candidates]]
    same = np.ones(len(candidates), dtype=bool)
    for column in codes:
        same &= column[rows] == column[earlier]
    for i in np.flatnonzero(~same):  # a hash collision with the run's first row: compare with every earlier one
        peers = order[starts[candidates[i]]:candidates[i]]
        row = int(rows[i])
        match = next((peer for peer in peers.tolist() if all(column[peer] == column[row] for column in codes)), None)
        same[i] = match is not None
        earlier[i] = -1 if match is None else match
    repeated[candidates] = same
    same_as[candidates[same]] = earlier[same]
    return repeated, same_as


@hookimpl
def odwb_checks(context: CheckContext) -> list[DuplicateRowCheck]:
    return [DuplicateRowCheck()]
