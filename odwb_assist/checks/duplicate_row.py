"""Check ``duplicate-row``: a row identical to an earlier one (Frictionless's type), found from row hashes, verified.

A row's hash is built from its columns' distinct values (:class:`.ColumnValues`): each distinct value
is hashed once, with its column's position, and a row's hash is the sum of its cells' hashes. A
repeat inside a chunk is confirmed by comparing the two rows' cells (their codes in the chunk's
dictionary encoding); a repeat of a row of an earlier chunk, whose cells are gone, is confirmed by a
second hash made with another key: a false finding would take two independent 64-bit collisions.
Memory: 16 bytes per distinct row, in a few sorted arrays (no Python object per row).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("La ligne {row} est identique à une ligne précédente.", "Row {row} is identical to an earlier row.")
TIP = Msg("Supprimez le doublon (Données > Supprimer les doublons), sauf si les deux lignes sont voulues.",
          "Delete the duplicate (Data > Remove duplicates), unless both rows are meant.")

KEYS = ("odwb-rows-hash-1", "odwb-rows-hash-2")  # a 16-byte SipHash key; a suffix for a second spelling


BLOCK = 1 << 19  # pairs in a merged block at most (8 MiB): merging ever larger blocks made the peak grow with rows


class SortedPairs:
    """A set of (hash, check hash) pairs as a few sorted arrays merged like a binary counter (16 bytes per pair).

    Blocks stop growing at :data:`BLOCK` pairs: a merge then costs a bounded temporary copy (a single block of
    every row seen cost three times the pairs at the last merges), and a lookup a few more binary searches.
    """

    def __init__(self) -> None:
        self.blocks: list[tuple[np.ndarray, np.ndarray]] = []

    def contains(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        import numpy as np  # numpy and pandas are imported when checking, not when the plugin is registered

        found = np.zeros(len(first), dtype=bool)
        for keys, checks in self.blocks:
            at = np.searchsorted(keys, first)
            near = np.minimum(at, len(keys) - 1)
            hit = keys[near] == first
            found |= hit & (checks[near] == second)
            for i in np.flatnonzero(hit & ~found):  # the first hash collides: look along its run of equal keys
                j = int(at[i])
                while j < len(keys) and keys[j] == first[i] and not found[i]:
                    found[i] = checks[j] == second[i]
                    j += 1
        return found

    def add(self, first: np.ndarray, second: np.ndarray) -> None:
        import numpy as np

        order = np.argsort(first, kind="stable")  # sorted on the first hash (a run of equal ones is searched along)
        keys, checks = first[order], second[order]
        while self.blocks and len(self.blocks[-1][0]) <= len(keys) * 2 and len(self.blocks[-1][0]) + len(keys) <= BLOCK:
            old_keys, old_checks = self.blocks.pop()
            keys, checks = np.concatenate([old_keys, keys]), np.concatenate([old_checks, checks])
            order = np.argsort(keys, kind="stable")  # two sorted runs: merged in linear time
            keys, checks = keys[order], checks[order]
        distinct = np.ones(len(keys), dtype=bool)
        distinct[1:] = (keys[1:] != keys[:-1]) | (checks[1:] != checks[:-1])
        self.blocks.append((keys[distinct], checks[distinct]))


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: spreads the bits of ``values`` (uint64, wrapping arithmetic)."""
    import numpy as np

    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def value_hashes(column: ColumnValues, python: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Two independent 64-bit hashes per row of ``column`` (of its cell and its position), each distinct value
    hashed once: pandas' SipHash-2-4 with a fixed key, and that hash mixed again under another key (two values
    share both only when their SipHash collides; two rows' sums of either are unrelated); ``python`` (a few
    values per column, a wide table): Python's hash of two spellings. A run hashes every chunk the same way."""
    import numpy as np
    import pandas as pd

    texts = column.texts if python else column.values.to_numpy(dtype=object)
    if python:
        first = np.fromiter((hash(text) & MASK for text in texts), dtype=np.uint64, count=len(texts))
        suffix = KEYS[1]
        second = np.fromiter((hash(text + suffix) & MASK for text in texts), dtype=np.uint64, count=len(texts))
    else:  # the second hash: the first one mixed again with another key (a row's two sums stay independent)
        first = pd.util.hash_array(texts, hash_key=KEYS[0], categorize=False)
        second = _mix(first ^ np.uint64(SECOND))
    salt = np.uint64(column.number * 0x632BE59BD9B4E019 % (1 << 64))
    first, second = (_mix(np.append(hashed, np.uint64(0)) ^ salt)[column.codes]
                     for hashed in (first, second))  # code -1 (an empty cell) reads the final, empty value hash
    return first, second


WIDE = 64  # columns: from this width on, values are hashed with Python's hash (the same way for the whole file)
MASK = (1 << 64) - 1
SECOND = 0x5851F42D4C957F2D  # the key of the second hash (a 64-bit odd constant)


class DuplicateRowCheck(BaseTableCheck):
    name = "duplicate-row"
    types = ("duplicate-row",)

    def start(self, context: CheckContext) -> None:
        self.seen = SortedPairs()
        self.columns: list[ColumnValues] = []  # this chunk's columns, as given to :meth:`check_values`

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.columns.append(column)
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np
        import pandas as pd

        columns, self.columns = self.columns, []
        if len(columns) != len(chunk.columns) or any(len(c.codes) != len(chunk) for c in columns):
            # called without the engine's distinct values: encode the chunk here
            columns = [ColumnValues.from_series(chunk.iloc[:, p], p + 1) for p in range(len(chunk.columns))]
        if chunk.empty or not columns:
            return ()
        filled = np.zeros(len(chunk), dtype=bool)
        for column in columns:
            filled |= column.codes >= 0
        if not filled.any():
            return ()
        keep = np.flatnonzero(filled)
        hashes = [np.zeros(len(keep), dtype=np.uint64) for _ in KEYS]
        python = len(chunk.columns) > WIDE
        for column in columns:
            for total, hashed in zip(hashes, value_hashes(column, python), strict=True):
                total += hashed[keep]
        first, second = hashes
        repeated = _repeated_here(first, [column.codes[keep] for column in columns])
        repeated |= self.seen.contains(first, second)
        self.seen.add(first, second)
        rows = pd.Index(columns[0].rows)[keep[repeated]]
        return [Finding("duplicate-row", Severity.WARNING, MESSAGE.format(row=row), TIP, row_number=int(row))
                for row in rows]


def _repeated_here(hashes: np.ndarray, codes: list[np.ndarray]) -> np.ndarray:
    """Which rows repeat an earlier row of the same chunk: same hash, then the same cells (codes) checked."""
    import numpy as np
    import pandas as pd

    repeated = pd.Series(hashes).duplicated().to_numpy().copy()
    if not repeated.any():
        return repeated
    _, first_at, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    candidates = np.flatnonzero(repeated)
    earlier = first_at[inverse[candidates]]
    same = np.ones(len(candidates), dtype=bool)
    for column in codes:
        same &= column[candidates] == column[earlier]
    for i in np.flatnonzero(~same):  # a hash collision with the first such row: compare with every earlier one
        row = int(candidates[i])
        peers = np.flatnonzero(hashes[:row] == hashes[row])
        same[i] = any(all(column[peer] == column[row] for column in codes) for peer in peers)
    repeated[candidates] = same
    return repeated


@hookimpl
def odwb_checks(context: CheckContext) -> list[DuplicateRowCheck]:
    return [DuplicateRowCheck()]
