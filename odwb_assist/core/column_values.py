"""A chunk column's distinct values, shared by every check and field kind, and the work on them the engine may do ahead.

:class:`ColumnValues` is one column of one chunk, dictionary-encoded once; :class:`ValuesPreparation` (one column)
and :class:`ChunkPreparation` (every column at once) are pure computations on those values that the engine may run
on the CSV reader's thread while the checks work on the previous chunk. Part of the plugin contract: plugins import
these from :mod:`odwb_assist.plugin` (and :mod:`odwb_assist.core.contract` re-exports them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class ColumnValues:
    """One column of one chunk, dictionary-encoded once and shared by every check and field kind.

    A validator that works on ``values`` (the distinct non-empty cells, a pandas text Series indexed
    0..k-1) runs once per distinct value instead of once per row; :meth:`rows_where` and :meth:`cells`
    map a verdict over the distinct values back to the physical row numbers. Empty cells (``""``) are
    not among ``values`` (their code is -1). ``texts`` holds the same values as a Python list, cheaper
    than a pandas call when there are only a few of them (a wide sheet with a few rows).
    """

    __slots__ = ("name", "number", "kind", "codes", "rows", "_values", "_texts", "_counts", "ahead")

    SMALL = 64  # rows: a shorter column is encoded in plain Python (a pandas call costs more than that)

    def __init__(self, name: str, number: int, kind: str | None, values: pd.Series | None, codes: np.ndarray,
                 rows: np.ndarray, *, texts: list[str] | None = None, counts: np.ndarray | None = None) -> None:
        self.name = name  # the column's label
        self.number = number  # its position, 1-based
        self.kind = kind  # its field kind's name, if any
        self.codes = codes  # for each row of the chunk: the position of its cell in ``values``, -1 when empty
        self.rows = rows  # for each row of the chunk: its physical row number
        self._values = values  # distinct non-empty cells (index 0..k-1); built from ``texts`` on first use
        self._texts = texts
        self._counts: np.ndarray | None = counts  # given when counted ahead (the engine's reader thread)
        self.ahead: dict[str, Any] = {}  # what :meth:`prepared` keeps, by preparation name (filled ahead by the engine)

    @classmethod
    def from_series(cls, series: pd.Series, number: int, kind: str | None = None) -> ColumnValues:
        """Encode a chunk column (text cells, index = row numbers)."""
        import numpy as np
        import pandas as pd

        if len(series) <= cls.SMALL:
            seen: dict[str, int] = {}
            found = [seen.setdefault(cell, len(seen)) if isinstance(cell, str) and cell != "" else -1
                     for cell in series.tolist()]
            return cls(str(series.name), number, kind, None, np.asarray(found, dtype=np.int64),
                       series.index.to_numpy(), texts=list(seen))
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        codes = np.asarray(codes, dtype=np.int64)
        values = pd.Series(uniques, dtype="str")
        empty = np.flatnonzero((values == "").to_numpy(dtype=bool))
        if len(empty):  # drop "" from the distinct values and give its rows the code -1
            at = int(empty[0])
            codes = np.where(codes == at, -1, np.where(codes > at, codes - 1, codes))
            values = values.drop(index=at).reset_index(drop=True)
        return cls(str(series.name), number, kind, values, codes, series.index.to_numpy())

    @property
    def values(self) -> pd.Series:
        """The distinct non-empty cells, a pandas text Series indexed 0..k-1."""
        if self._values is None:
            import pandas as pd

            self._values = pd.Series(self._texts if self._texts is not None else [], dtype="str")
        return self._values

    @property
    def texts(self) -> list[str]:
        """The distinct non-empty cells as a Python list (the order of ``values``)."""
        if self._texts is None:
            values = self.values
            texts = values.tolist()
            if values.dtype != "str":  # a text Series already gives Python strings
                texts = [str(value) for value in texts]
            self._texts = texts
        return self._texts

    @property
    def arrow(self) -> Any:
        """The distinct non-empty cells as a pyarrow array or chunked array (for ``pyarrow.compute``), or None when
        ``values`` is not pyarrow-backed."""
        if self._texts is not None and self._values is None:
            return None
        return getattr(self.values.array, "_pa_array", None)

    def __len__(self) -> int:
        return len(self._texts) if self._texts is not None else len(self.values)

    @property
    def counts(self) -> np.ndarray:
        """How many rows of the chunk hold each distinct value."""
        import numpy as np

        if self._counts is None:
            self._counts = np.bincount(self.codes[self.codes >= 0], minlength=len(self))
        return self._counts

    def prepared(self, preparation: ValuesPreparation) -> Any:
        """What ``preparation`` computes from this column, computed once for every check of the chunk; the engine
        may have computed it ahead, on the CSV reader's thread (:class:`ValuesPreparation`)."""
        found = self.ahead.get(preparation.name, _MISSING)
        if found is _MISSING:  # two threads may both compute it: a pure function, the same result either way
            found = self.ahead[preparation.name] = preparation.compute(self)
        return found

    def row_mask(self, mask: Any) -> np.ndarray:
        """A mask over the distinct values (bool, length ``len(self)``) turned into a mask over the chunk's rows."""
        import numpy as np

        flags = np.append(np.asarray(mask, dtype=bool), False)  # code -1 (empty) reads the final False
        return flags[self.codes]

    def rows_where(self, mask: Any) -> np.ndarray:
        """The physical row numbers whose cell is flagged by ``mask`` (over the distinct values)."""
        return self.rows[self.row_mask(mask)]

    def cells(self, mask: Any) -> pd.Series:
        """The flagged cells as a text Series indexed by row number (the shape :class:`ColumnTally` counts)."""
        import numpy as np
        import pandas as pd

        selected = self.row_mask(mask)
        index = pd.Index(self.rows[selected], name="row")
        arrow = None if self._values is None else self.arrow
        if arrow is not None and self.values.dtype == "str":  # taken in pyarrow: no Python string made
            picked = self.values.dtype.__from_arrow__(arrow.take(self.codes[selected]))
            return pd.Series(picked, index=index, name=self.name, copy=False)
        distinct = (np.asarray(self._texts, dtype=object) if self._texts is not None
                    else self.values.to_numpy(dtype=object))
        picked = distinct[self.codes[selected]]
        return pd.Series(picked, index=index, dtype="str", name=self.name)


_MISSING = object()


@dataclass(frozen=True)
class ValuesPreparation:
    """Work on a chunk column's distinct values that depends on nothing else (no check state, no other column):
    a parse, hashes, pattern verdicts. A check lists its preparations in ``preparations``; the engine computes
    them for the next chunk on the CSV reader's thread, while the checks run on the current one (pyarrow and
    numpy release the GIL: the two cores work at once), and ``column.prepared(preparation)`` (or calling the
    preparation on the column) returns the result; computed then and there when it was not made ahead (another
    reader, a failure ahead, a test), with the same result.

    ``compute(column)`` must be a pure function of ``column.values`` / ``column.arrow``, ``len(column)``,
    ``column.number``, ``column.name``, ``column.kind`` and whether ``column.codes`` holds -1 (an empty cell); it
    runs on another thread, so it must neither change nor read shared state, and should spend its time in few
    large pyarrow or numpy calls (a long Python loop there holds the GIL and stalls the checks). Ahead of the
    checks, ``column.codes`` may be int32 rather than int64, and ``column.rows`` is empty.
    """

    name: str  # unique: checks that share a preparation share its result (one computation per column)
    compute: Callable[[ColumnValues], Any]
    kinds: tuple[str, ...] = ()  # when given, only the columns of these field kinds are prepared ahead

    def __call__(self, column: ColumnValues) -> Any:
        return column.prepared(self)


@dataclass(frozen=True)
class ChunkPreparation:
    """Like :class:`ValuesPreparation`, for work that reads every column of a chunk at once (whole-row hashes):
    ``compute(columns)`` is a pure function of the chunk's :class:`ColumnValues` in order (their distinct values
    and codes, which may be int32 ahead of the checks). The engine computes it ahead when it encoded every column
    there; ``PREPARATION.of(columns)`` returns that result, else computes it then and there."""

    name: str
    compute: Callable[[list[ColumnValues]], Any]

    def of(self, columns: list[ColumnValues]) -> Any:
        found = columns[0].ahead.get(self.name, _MISSING) if columns else _MISSING
        return self.compute(columns) if found is _MISSING else found

