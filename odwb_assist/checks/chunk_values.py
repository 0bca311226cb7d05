"""The engine's distinct values of a chunk's columns, kept for a check's ``check_chunk``.

The engine encodes each column of a chunk once (:class:`.ColumnValues`) and hands it to every check that
has ``check_values``, before ``check_chunk``. A check that judges whole rows but tests cells (a label, a
marker word) keeps them with :class:`KeepsValues` and runs its tests once per distinct value; called
without them (a fix on a whole table, a test), :func:`encoded` encodes the column itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext, ColumnValues

if TYPE_CHECKING:
    import pandas as pd

    from ..core.findings import Finding


class KeepsValues:
    """Mixin: keeps the :class:`ColumnValues` of the first ``kept_columns`` columns (all when None) of a chunk."""

    kept_columns: int | None = None

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if self.kept_columns is None or column.number <= self.kept_columns:
            kept: dict[int, ColumnValues] = self.__dict__.setdefault("_kept_values", {})
            kept[column.number - 1] = column
        return ()

    def chunk_values(self, chunk: pd.DataFrame) -> dict[int, ColumnValues]:
        """The kept columns of ``chunk`` by position (0-based), forgotten once read; those of another chunk are left out."""
        kept: dict[int, ColumnValues] = self.__dict__.pop("_kept_values", {})
        return {position: column for position, column in kept.items() if same_rows(column, chunk)}


def same_rows(column: ColumnValues, chunk: pd.DataFrame) -> bool:
    """Whether ``column`` was encoded from this chunk (the same rows)."""
    rows = column.rows
    return len(rows) == len(chunk) and bool(len(rows)) and int(rows[0]) == int(chunk.index[0]) \
        and int(rows[-1]) == int(chunk.index[-1])


def encoded(chunk: pd.DataFrame, position: int, values: dict[int, ColumnValues]) -> ColumnValues:
    """The distinct values of the chunk's column at ``position``: the engine's, else encoded here (and kept)."""
    if position not in values:
        values[position] = ColumnValues.from_series(chunk.iloc[:, position], position + 1)
    return values[position]
