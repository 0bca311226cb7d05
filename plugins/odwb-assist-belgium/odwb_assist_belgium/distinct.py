"""Working on a chunk column's distinct values (:class:`~odwb_assist.plugin.ColumnValues`).

A verdict is computed once per distinct value and mapped back to the rows. What several kinds and
checks derive from the same column of the same chunk (the stripped values, the parsed coordinates)
is computed once and shared: :func:`memo` keeps it per :class:`ColumnValues` object (the engine
encodes a column once per chunk and hands the same object to every kind and check).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from odwb_assist.plugin import CheckContext, ColumnValues, Finding

from .findings import VALUE_CACHE, emit

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

T = TypeVar("T")
_KEPT = 32  # columns whose derived values are kept: a chunk's worth, whatever the table's width
_memo: dict[int, tuple[ColumnValues, dict[str, Any]]] = {}
_memo_lock = threading.Lock()
_chunk = [-1]  # the first row of the chunk whose columns ``_memo`` holds (memory: one chunk's, not 32 columns')


def memo(column: ColumnValues, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per column object and ``key`` (bounded: the previous chunk's columns are forgotten).

    Thread-safe: the engine may run two kinds or checks at once; both may then compute the same value (the
    first one kept), never read a half-made entry."""
    with _memo_lock:
        entry = _memo.get(id(column))
        if entry is None or entry[0] is not column:
            first = int(column.rows[0]) if len(column.rows) else -1
            if first != _chunk[0]:  # a column of the next chunk: the previous chunk's derived values are done with
                _memo.clear()
                _chunk[0] = first
            elif len(_memo) >= _KEPT:
                del _memo[next(iter(_memo))]
            entry = (column, {})
            _memo[id(column)] = entry
    derived = entry[1]
    if key not in derived:
        value = compute()
        with _memo_lock:
            derived.setdefault(key, value)
    result: T = derived[key]
    return result


def stripped(column: ColumnValues) -> pd.Series:
    """The distinct values stripped of surrounding spaces (index 0..k-1, as ``column.values``): ``column.values``
    itself when none needs it (read only)."""
    return memo(column, "stripped", lambda: column.values if trimmed(column) else column.values.str.strip())


def filled(column: ColumnValues) -> np.ndarray:
    """Over the distinct values: True where the stripped value is not empty (« non-empty » as the kinds mean it)."""
    import numpy as np

    return memo(column, "filled", lambda: np.ones(len(column), dtype=bool) if trimmed(column)
                else (stripped(column) != "").to_numpy(dtype=bool))


def trimmed(column: ColumnValues) -> bool:
    """Whether every distinct value starts and ends with a printable ASCII character (no space to strip: the first
    and last bytes read from the Arrow buffers, no kernel call). False when that cannot be told cheaply."""
    return memo(column, "trimmed", lambda: _ends_printable(column))


def _ends_printable(column: ColumnValues) -> bool:
    import numpy as np
    import pyarrow as pa

    cells = column.arrow  # None for a few values kept as a Python list: their strip costs less than a Series
    if cells is None or len(cells) == 0 or cells.null_count or not (pa.types.is_string(cells.type)
                                                                    or pa.types.is_large_string(cells.type)):
        return False
    for part in cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]:
        if not len(part):
            continue
        _, offsets_buffer, data_buffer = part.buffers()[:3]
        if data_buffer is None:
            return False
        width = np.int64 if pa.types.is_large_string(part.type) else np.int32
        offsets = np.asarray(np.frombuffer(offsets_buffer, dtype=width)[part.offset: part.offset + len(part) + 1],
                             dtype=np.int64)
        if not (offsets[1:] > offsets[:-1]).all():
            return False
        data = np.frombuffer(data_buffer, dtype=np.uint8)
        ends = np.concatenate([data[offsets[:-1]], data[offsets[1:] - 1]])
        if not ((ends > 0x20) & (ends < 0x7F)).all():
            return False
    return True


def text_buffers(array: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(each value's start in the data buffer and the last one's end, int64, ``len + 1``; the data buffer as bytes) of
    a pyarrow string array without nulls, for a test read from its bytes without a kernel call; None: another array.
    Both empty when the array holds no byte."""
    import numpy as np
    import pyarrow as pa

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)) or array.null_count:
        return None
    _, offsets_buffer, data_buffer = array.buffers()[:3]
    if not len(array) or data_buffer is None:
        return np.zeros(len(array) + 1, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, dtype=width)[array.offset: array.offset + len(array) + 1].astype(np.int64)
    return offsets, np.frombuffer(data_buffer, dtype=np.uint8)


def encode(series: pd.Series, field_name: str | None = None) -> ColumnValues:
    """A column chunk (index = physical row numbers) as :class:`ColumnValues`, for ``validate`` callers."""
    named = series if field_name is None else series.rename(field_name)
    return ColumnValues.from_series(named, 0)


def emit_values(error_type: str, column: ColumnValues, where: Any, context: CheckContext,
                extra: Callable[[str], dict[str, Any]] | None = None) -> Iterator[Finding]:
    """One finding per row whose distinct value ``where`` (a mask over ``column.values``) flags, in row order."""
    import numpy as np

    mask = np.asarray(where, dtype=bool)
    if mask.any():
        yield from emit(error_type, column.cells(mask), column.name, context, extra)


def emit_classified_values(column: ColumnValues, classify: Callable[[str], str | None], context: CheckContext,
                           extra: Callable[[str], dict[str, Any]] | None = None) -> Iterator[Finding]:
    """Findings for the distinct stripped values that ``classify`` gives an error type, grouped by type
    in first-seen order."""
    import numpy as np

    texts = stripped(column)
    keep = filled(column)
    by_type: dict[str, list[int]] = {}
    verdicts: dict[str, str | None] = {}
    for position, text in enumerate(texts.tolist()):
        if not keep[position]:
            continue
        if text not in verdicts:
            verdicts[text] = classify(text)
        error_type = verdicts[text]
        if error_type:
            by_type.setdefault(error_type, []).append(position)
    for error_type, positions in by_type.items():
        mask = np.zeros(len(column), dtype=bool)
        mask[positions] = True
        yield from emit_values(error_type, column, mask, context, extra)


class StashedColumns:
    """For a table check that needs several columns of a row: ``check_values`` keeps the encoded
    columns of the chunk (no finding), ``check_chunk`` then reads them with :meth:`column` (encoding the
    chunk's column itself when the engine did not call ``check_values``)."""

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        stash: dict[str, ColumnValues] = self.__dict__.setdefault("_stash", {})
        stash[column.name] = column
        return iter(())

    def column(self, chunk: pd.DataFrame, name: str) -> ColumnValues:
        column: ColumnValues | None = self.__dict__.get("_stash", {}).get(name)
        if column is None or len(column.rows) != len(chunk) or (len(chunk) and column.rows[0] != chunk.index[0]):
            position = chunk.columns.get_loc(name)
            column = ColumnValues.from_series(chunk.iloc[:, position], position + 1)
        return column

    def forget(self) -> None:
        """Drop the chunk's columns (call at the end of ``check_chunk``)."""
        self.__dict__.pop("_stash", None)


def row_cells(column: ColumnValues, selected: Any) -> pd.Series:
    """The raw cells of the rows ``selected`` (a mask over the chunk's rows, or their positions), indexed by row number."""
    import numpy as np
    import pandas as pd

    picked = np.asarray(selected)
    codes = column.codes[picked]
    index = pd.Index(column.rows[picked], name="row")
    arrow = column.arrow
    if arrow is not None and column.values.dtype == "str" and not (codes < 0).any():  # taken in pyarrow
        return pd.Series(column.values.dtype.__from_arrow__(arrow.take(codes)), index=index, name=column.name,
                         copy=False)
    cells = column.values.to_numpy(dtype=object)[codes]
    return pd.Series(cells, index=index, dtype="str", name=column.name)


class VerdictCache:
    """Boolean verdicts of distinct values kept across chunks (and files) for a costly vectorised validator.

    ``compute`` takes a text Series and returns boolean masks over it; only the values never seen go to it.
    Bounded: the first ``size`` distinct values are kept, later ones are computed every time. The kept values are a
    pyarrow array: a chunk's values are looked up with one ``pyarrow.compute.index_in`` (a hash join in C++, no
    Python string made per value).
    """

    def __init__(self, compute: Callable[[pd.Series], tuple[pd.Series, ...]], size: int = VALUE_CACHE) -> None:
        self.compute = compute
        self.size = size
        self.clear()

    def clear(self) -> None:
        self.keys: Any = None  # a pyarrow large_string array, one per row of ``table``
        self.table: np.ndarray | None = None  # one row per key, one column per mask

    def __len__(self) -> int:
        return 0 if self.keys is None else len(self.keys)

    def __call__(self, texts: pd.Series) -> list[np.ndarray]:
        import numpy as np

        if self.keys is None or self.table is None:
            fresh = self._compute(texts)
            self._keep(texts, fresh)
            return list(fresh.T)
        positions = self._positions(texts)
        missing = positions < 0
        if not missing.any():  # every value seen before (most chunks): one take of their rows
            return list(self.table[positions].T)
        result = self.table[np.where(missing, 0, positions)]  # the missing rows overwritten below
        unseen = texts[missing]
        fresh = self._compute(unseen)
        result[missing] = fresh
        self._keep(unseen, fresh)
        return list(result.T)

    def _positions(self, texts: pd.Series) -> np.ndarray:
        """Where each text is among the kept values (-1: never seen)."""
        import pyarrow.compute as pc

        found = pc.index_in(_arrow_texts(texts), value_set=self.keys)
        return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype("int64", copy=False)

    def _compute(self, texts: pd.Series) -> np.ndarray:
        import numpy as np

        return np.column_stack([np.asarray(mask, dtype=bool) for mask in self.compute(texts)])

    def _keep(self, texts: pd.Series, verdicts: np.ndarray) -> None:
        import numpy as np
        import pyarrow as pa

        room = self.size - len(self)
        if room <= 0:
            return
        first = ~texts.duplicated().to_numpy(dtype=bool)  # the stripped values of a chunk may repeat
        keys, rows = _arrow_texts(texts[first][:room]), verdicts[first][:room]
        if self.keys is None or self.table is None:
            self.keys, self.table = keys, rows
        else:
            self.keys, self.table = pa.concat_arrays([self.keys, keys]), np.concatenate([self.table, rows])


def _arrow_texts(texts: pd.Series) -> Any:
    """A text Series as one pyarrow ``large_string`` array (pandas' own type: its buffers when pyarrow-backed)."""
    import pyarrow as pa

    array = getattr(texts.array, "_pa_array", None)
    if array is None or array.null_count:
        return pa.array([str(text) for text in texts.tolist()], pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    return array if array.type == pa.large_string() else array.cast(pa.large_string())
