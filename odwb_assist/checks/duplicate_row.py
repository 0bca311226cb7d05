"""Check ``duplicate-row``: a row identical to an earlier one (Frictionless's type), with 8 bytes per row of memory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("La ligne {row} est identique à une ligne précédente.", "Row {row} is identical to an earlier row.")
TIP = Msg("Supprimez le doublon (Données > Supprimer les doublons), sauf si les deux lignes sont voulues.",
          "Delete the duplicate (Data > Remove duplicates), unless both rows are meant.")


class SortedBlocks:
    """A set of row hashes as a few sorted arrays merged like a binary counter (8 bytes per row, no Python ints)."""

    def __init__(self) -> None:
        self.blocks: list[np.ndarray] = []

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        import numpy as np  # numpy and pandas are imported when checking, not when the plugin is registered

        found = np.zeros(len(hashes), dtype=bool)
        for block in self.blocks:
            positions = np.minimum(np.searchsorted(block, hashes), len(block) - 1)
            found |= block[positions] == hashes
        return found

    def add(self, hashes: np.ndarray) -> None:
        import numpy as np

        block = np.unique(hashes)
        while self.blocks and len(self.blocks[-1]) <= len(block) * 2:
            block = np.sort(np.concatenate([self.blocks.pop(), block]), kind="mergesort")
        self.blocks.append(block)


WIDE = 64  # columns: from this width on, rows are hashed in Python (the same way for the whole file)
MASK = (1 << 64) - 1


class DuplicateRowCheck(BaseTableCheck):
    name = "duplicate-row"
    types = ("duplicate-row",)

    def start(self, context: CheckContext) -> None:
        self.seen = SortedBlocks()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np
        import pandas as pd

        if len(chunk.columns) > WIDE:  # a pandas call per column is slow: hash each row's cells in Python
            from .cells import text_series

            if chunk.empty:
                return ()
            grid = text_series(chunk).to_numpy(dtype=object).reshape(len(chunk.columns), len(chunk)).T
            keep = (grid != "").any(axis=1)
            if not keep.any():
                return ()
            filled = chunk.iloc[np.flatnonzero(keep)]
            hashes = np.fromiter((hash(tuple(row)) & MASK for row in grid[keep]), dtype=np.uint64, count=int(keep.sum()))
        else:
            filled = chunk[(chunk != "").any(axis=1)]
            if filled.empty:
                return ()
            hashes = pd.util.hash_pandas_object(filled, index=False).to_numpy(dtype=np.uint64)
        repeated = pd.Series(hashes).duplicated().to_numpy().copy()
        repeated |= self.seen.contains(hashes)
        self.seen.add(hashes)
        rows = filled.index[repeated]
        return [Finding("duplicate-row", Severity.WARNING, MESSAGE.format(row=row), TIP, row_number=int(row))
                for row in rows]


@hookimpl
def odwb_checks(context: CheckContext) -> list[DuplicateRowCheck]:
    return [DuplicateRowCheck()]
