"""Whole-chunk cell tests, cheap on wide tables as on long ones.

A test run column by column costs a fixed overhead per column (a pandas call, a pyarrow kernel),
which dominates on a workbook of 500 columns and 8 rows. Here the columns of a chunk are joined
into one Arrow array (no copy: the chunks are shared), the test runs once on it, and the result is
cut back to a (rows, columns) NumPy array.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from .array_memo import kept

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues


STACK_ROWS = 2000  # a shorter chunk is parsed as one column of all its cells (a fixed cost per column is slow on wide tables)


@lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    """A regular expression compiled once per run (checks test the same few patterns chunk after chunk)."""
    return re.compile(pattern)


def stacked(chunk: pd.DataFrame, positions: list[int] | None = None) -> pa.Array:
    """The cells of ``chunk`` (of its columns at ``positions``) as one Arrow string array, column after column
    (position = column * rows + row)."""
    import pyarrow as pa

    pieces: list[pa.Array] = []
    columns = chunk.items() if positions is None else ((None, chunk.iloc[:, p]) for p in positions)
    for _, column in columns:
        array = getattr(column.array, "_pa_array", None)  # pandas' Arrow-backed text: no conversion
        if array is None:
            array = pa.array(column.astype(str).to_numpy(dtype=object), type=pa.large_string())
        pieces.extend(array.chunks if isinstance(array, pa.ChunkedArray) else [array])
    if not pieces:
        return pa.array([], type=pa.large_string())
    kinds = {piece.type for piece in pieces}
    if len(kinds) > 1 or kinds - {pa.string(), pa.large_string()}:
        pieces = [piece.cast(pa.large_string()) for piece in pieces]
    return pa.concat_arrays(pieces)


def grid(values: pa.ChunkedArray | pa.Array, chunk: pd.DataFrame) -> np.ndarray:
    """A boolean Arrow result over :func:`stacked` cells as a (rows, columns) array (nulls are False)."""
    import numpy as np
    import pyarrow.compute as pc

    flat = np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)
    rows, columns = chunk.shape
    return flat.reshape(columns, rows).T


def filled_mask(chunk: pd.DataFrame, values: dict[int, ColumnValues] | None = None) -> np.ndarray:
    """(rows, columns): True where a cell holds something else than blanks (Python's ``str.strip``).

    A long chunk is read column by column (no copy of its cells into one array), through the distinct values of
    a column when ``values`` (position -> the engine's :class:`ColumnValues` of this chunk) has them."""
    import numpy as np

    if chunk.empty:
        return np.zeros(chunk.shape, dtype=bool)
    if len(chunk) < STACK_ROWS:
        return grid(_not_blank(stacked(chunk)), chunk)
    found = np.empty(chunk.shape[::-1], dtype=bool)  # a column's cells side by side: counting rows sums columns
    for position in range(len(chunk.columns)):
        column = (values or {}).get(position)
        if column is not None and len(column.codes) == len(chunk):
            distinct = arrow_text(column.values)
            if distinct is not None:
                keep = not_blank(distinct)
                found[position] = column.codes >= 0 if keep.all() else column.row_mask(keep)
                continue
        cells = getattr(chunk.iloc[:, position].array, "_pa_array", None)  # pandas' Arrow-backed text as it is
        if cells is None or not _is_text(cells.type):
            cells = stacked(chunk, [position])
        found[position] = not_blank(cells)
    return found.T


def _is_text(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def not_blank(cells: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """:func:`_not_blank` as a NumPy mask: a cell that starts with a printable ASCII character (not a space) is not
    blank, read from the buffers; the kernel runs on the others only (blanks, accented or empty-looking cells)."""
    import numpy as np
    import pyarrow as pa

    if isinstance(cells, pa.ChunkedArray):
        parts = [not_blank(part) for part in cells.chunks]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
    first, filled = _heads(cells)
    found = (first > 0x20) & (first < 0x7F)
    doubt = filled & ~found
    if doubt.any():
        at = np.flatnonzero(doubt)
        found[at] = np.asarray(_not_blank(cells.take(pa.array(at))).to_numpy(zero_copy_only=False), dtype=bool)
    return found


def _not_blank(cells: pa.Array) -> pa.Array:
    """Not blank after a strip: neither empty nor whitespace only (one pass, no stripped copy); nulls are False."""
    import pyarrow.compute as pc

    return pc.fill_null(pc.and_not(pc.greater(pc.binary_length(cells), 0), pc.utf8_is_space(cells)), False)


def text_series(chunk: pd.DataFrame, positions: list[int] | None = None) -> pd.Series:
    """The :func:`stacked` cells as a pandas text Series (position = column * rows + row)."""
    import pandas as pd

    return pd.Series(pd.array(stacked(chunk, positions), dtype="str"))


def matching_cells(chunk: pd.DataFrame, select: Callable[[pd.Series], np.ndarray],
                   positions: list[int] | None = None) -> Iterator[tuple[int, pd.Series]]:
    """(column position, its selected cells indexed by row number) for each column (of ``positions``) holding
    a cell that ``select`` (a vectorised test over :func:`text_series`) picks; one test for the whole chunk."""
    import numpy as np

    if chunk.empty or (positions is not None and not positions):
        return
    values = text_series(chunk, positions)
    flat = np.flatnonzero(select(values))
    if not len(flat):
        return
    height = len(chunk)
    where = np.asarray(positions if positions is not None else range(len(chunk.columns)))
    yield from _split(values, flat, where[flat // height], flat % height, chunk.index.to_numpy())


def _split(values: pd.Series, flat: np.ndarray, positions: np.ndarray, rows: np.ndarray,
           index: np.ndarray) -> Iterator[tuple[int, pd.Series]]:
    import numpy as np
    import pandas as pd

    picked = values.iloc[flat].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, positions[1:] != positions[:-1]])
    for start, end in zip(starts, [*starts[1:], len(flat)], strict=True):
        yield int(positions[start]), pd.Series(picked[start:end], index=index[rows[start:end]], dtype="str")


def fullmatch_mask(values: pd.Series, pattern: str, prefilter: str | None = None, python: bool = False) -> np.ndarray:
    """True where a cell fully matches ``pattern`` (and holds ``prefilter``); ``python``: with Python's ``re``
    cell by cell (as :func:`.tally.matching` does on short chunks), else vectorised."""
    import numpy as np


    if python:
        fullmatch = compiled(pattern).fullmatch
        return np.fromiter(((prefilter is None or prefilter in v) and fullmatch(v) is not None
                            for v in values.tolist()), dtype=bool, count=len(values))
    cells = arrow_text(values) if re2_safe(pattern) else None
    if cells is not None:  # pyarrow.compute directly: what pandas runs, without its per-call overhead
        return arrow_fullmatch(cells, pattern, prefilter)
    mask = np.ones(len(values), dtype=bool) if prefilter is None else \
        values.str.contains(prefilter, regex=False).to_numpy(dtype=bool, copy=True)
    if mask.any():
        at = np.flatnonzero(mask)
        mask[at] = values.iloc[at].str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
    return mask


def arrow_fullmatch(cells: pa.Array, pattern: str, prefilter: str | None = None) -> np.ndarray:
    """True where an Arrow text cell fully matches ``pattern`` (RE2) and holds ``prefilter``; nulls are False."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def flags(result: pa.Array) -> np.ndarray:
        return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)

    mask = np.ones(len(cells), dtype=bool) if prefilter is None else flags(pc.match_substring(cells, prefilter))
    if mask.all():
        return flags(pc.match_substring_regex(cells, f"^(?:{pattern})$"))
    if mask.any():
        at = np.flatnonzero(mask)
        mask[at] = flags(pc.match_substring_regex(cells.take(pa.array(at)), f"^(?:{pattern})$"))
    return mask


def arrow_text(values: pd.Series) -> pa.Array | None:
    """The Arrow text array behind a pandas text Series (one chunk), or None when it is not Arrow-backed."""
    array = _arrow_backing(values)
    return None if array is None else one_array(array)


def one_array(cells: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``cells`` as one Arrow array: a chunked array's chunks joined (its only chunk as it is), once per chunked
    array (:mod:`.array_memo`: every check asking for the same values gets the same array, and what is read from
    its buffers is read once)."""
    import pyarrow as pa

    if isinstance(cells, pa.ChunkedArray):
        return kept(cells, "one-array", _joined)
    return cells


def _joined(cells: pa.ChunkedArray) -> pa.Array:
    return cells.combine_chunks() if cells.num_chunks != 1 else cells.chunk(0)


def plain_arrow_text(values: pd.Series) -> bool:
    """Whether a pandas Series is Arrow text without a missing cell (as :func:`arrow_text` would give it), told
    without joining its chunks: a block read in pieces is not copied just to be asked."""
    array = _arrow_backing(values)
    return array is not None and not array.null_count


def _arrow_backing(values: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    import pyarrow as pa

    array = getattr(values.array, "_pa_array", None)
    if array is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    return array


@lru_cache(maxsize=256)
def re2_safe(pattern: str) -> bool:
    """Whether pandas would run ``pattern`` with pyarrow's RE2 whatever the cells, and so may we: no lookaround,
    backreference or ``\\u`` escape, no ``\\s``/``\\w``/``\\d``/``\\b`` category, no end anchor (pandas falls
    back to Python's ``re`` for those, on some cells). Conservative: any doubt leaves the call to pandas."""
    if re.search(r"(?<!\\)(?:\\\\)*\\(?:[uUNZ]|x\{)", pattern):
        return False
    try:
        from re import _parser  # type: ignore[attr-defined]

        tokens = _parser.parse(pattern)
    except Exception:  # not a pattern Python reads, or another Python's parser
        return False
    unsafe = {_parser.ASSERT, _parser.ASSERT_NOT, _parser.GROUPREF, _parser.CATEGORY, _parser.AT}
    nested = {_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None)}

    def safe(items: Any) -> bool:
        for op, argument in items:
            if op in unsafe and not (op == _parser.AT and argument == _parser.AT_BEGINNING):
                return False
            if op == _parser.SUBPATTERN and not safe(argument[3]):
                return False
            if op == _parser.BRANCH and not all(safe(branch) for branch in argument[1]):
                return False
            if op in nested and not safe(argument[2]):
                return False
            if op == _parser.IN and not safe(argument):
                return False
            if op in (getattr(_parser, "ATOMIC_GROUP", None), _parser.GROUPREF_EXISTS):
                return False
        return True

    return safe(tokens)


def starts_mask(values: pd.Series, pattern: str) -> np.ndarray:
    """True where a cell begins with ``pattern`` (as ``str.match``), in pyarrow directly when pandas would do the same."""
    import numpy as np

    cells = arrow_text(values) if re2_safe(pattern) else None
    if cells is None:
        return values.str.match(pattern).fillna(False).to_numpy(dtype=bool)
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(pc.match_substring_regex(cells, f"^(?:{pattern})"), False)
                      .to_numpy(zero_copy_only=False), dtype=bool)


def first_bytes(cells: pa.Array, at: np.ndarray | None = None) -> np.ndarray:
    """The first byte (UTF-8) of each Arrow text cell (of those at positions ``at``), read from its buffers without a
    kernel call; 0 for an empty or null cell. An ASCII character is its own byte: a test on a first ASCII character
    is exact this way."""
    return _heads(cells, at)[0]


def byte_at(cells: pa.Array, index: int, at: np.ndarray | None = None) -> np.ndarray:
    """The byte at ``index`` (0-based, UTF-8) of each Arrow text cell (of those at positions ``at``), read from its
    buffers; 0 for a cell that short, empty or null."""
    return _bytes_at(cells, index, at)[0]


def _heads(cells: pa.Array, at: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The first byte of each cell (of those at positions ``at``; 0 when there is none), and which cells are
    neither empty nor null (read-only for the whole array: kept for the other checks)."""
    return _bytes_at(cells, 0, at)


def _bytes_at(cells: pa.Array, index: int, at: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The byte at ``index`` of each cell (of those at positions ``at``; 0 when there is none), and which cells hold
    one (long enough, not null). Of every cell: computed once per array and read-only."""
    if at is None:
        return kept(cells, f"bytes-at-{index}", partial(_read_bytes_at, index=index, at=None))
    return _read_bytes_at(cells, index, at)


def _read_bytes_at(cells: pa.Array, index: int, at: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The byte at ``index`` of each cell (of those at positions ``at``; 0 when there is none), and which cells hold
    one (long enough, not null)."""
    import numpy as np

    count = len(cells) if at is None else len(at)
    data_buffer = cells.buffers()[2]
    if not count or data_buffer is None or not len(data_buffer):
        return np.zeros(count, dtype=np.uint8), np.zeros(count, dtype=bool)
    offsets = byte_offsets(cells)
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    starts, ends = (offsets[:-1], offsets[1:]) if at is None else (offsets[at], offsets[at + 1])
    where = starts + index if index else starts
    held = ends > where
    if cells.null_count:
        valid = np.asarray(cells.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        held &= valid if at is None else valid[at]
    found = data.take(np.minimum(where, len(data) - 1))  # every position gathered (no compress), then zeroed
    found *= held
    return found, held


@lru_cache(maxsize=64)
def byte_set(characters: tuple[str, ...] | str) -> np.ndarray:
    """A lookup table over bytes, for ``byte_set(...)[first_bytes(cells)]``: True at each of ``characters``, an ASCII
    character or a byte value written as ``chr(byte)`` (« \\xe2 »: the first byte of « € », « ‰ »…). Read-only."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    for character in characters:
        if ord(character) > 255:
            raise ValueError(f"not a byte: {character!r}")
        table[ord(character)] = True
    table.flags.writeable = False
    return table


def holding(cells: pa.Array | pa.ChunkedArray, characters: str = "", *, letters: bool = False,
            non_ascii: bool = False, raw: bytes = b"") -> np.ndarray:
    """Which Arrow text cells hold one of ``characters`` (ASCII), an ASCII letter (``letters``) or a non-ASCII
    character (``non_ascii``), read from the buffers (no kernel call: one comparison per byte, then one reduction per
    cell); exact on UTF-8 text. ``raw``: bytes looked for as they are (the last byte of a non-ASCII character, « ° »
    is C2 B0: a prefilter, since another character may end so). Nulls are False."""
    import numpy as np
    import pyarrow as pa

    if isinstance(cells, pa.ChunkedArray):
        parts = [holding(part, characters, letters=letters, non_ascii=non_ascii, raw=raw) for part in cells.chunks]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
    for character in characters:
        if ord(character) > 127:
            raise ValueError(f"not an ASCII character: {character!r}")

    def hits(data: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(data), dtype=bool)
        for character in characters:
            hit |= data == ord(character)
        if letters:
            hit |= ((data | 0x20) - 97).astype(np.uint8) < 26
        if non_ascii:
            hit |= data >= 0x80
        for byte in raw:
            hit |= data == byte
        return hit

    return _cells_with(cells, hits)


def made_of(cells: pa.Array, characters: str) -> np.ndarray:
    """Which Arrow text cells are filled with ``characters`` (ASCII) only: « 2024 » is made of digits, « 20,5 » and
    « » (empty) are not; read from the buffers, as :func:`holding` reads them. Nulls are False."""
    import numpy as np

    if any(ord(character) > 127 for character in characters):
        raise ValueError(f"not ASCII characters: {characters!r}")
    allowed = byte_set(characters)
    found = ~_cells_with(cells, lambda data: ~allowed[data])
    found &= byte_lengths(cells) > 0
    return np.asarray(found, dtype=bool)


def _cells_with(cells: pa.Array, hits: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Which Arrow text cells hold a byte ``hits`` flags (``hits(data)``: a bool per byte of the cells' data buffer);
    nulls are False."""
    import numpy as np

    count = len(cells)
    found = np.zeros(count, dtype=bool)
    data_buffer = cells.buffers()[2]
    if not count or data_buffer is None or not len(data_buffer):
        return found
    offsets = byte_offsets(cells)
    low, high = int(offsets[0]), int(offsets[-1])
    hit = hits(np.frombuffer(data_buffer, dtype=np.uint8)[low:high])
    if hit.any():
        starts = offsets[:-1] - low
        filled = np.flatnonzero(offsets[1:] - low > starts)  # their starts rise: each segment is one cell's bytes
        found[filled] = np.logical_or.reduceat(hit, starts[filled])
        if cells.null_count:
            found &= np.asarray(cells.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    return found


def plain_ends(cells: pa.Array) -> np.ndarray:
    """Which Arrow text cells start and end with a printable ASCII character other than a space: nothing to strip,
    whatever the definition of a blank (read from the buffers; False for an empty or null cell)."""
    import numpy as np

    count = len(cells)
    data_buffer = cells.buffers()[2]
    if not count or data_buffer is None or not len(data_buffer):
        return np.zeros(count, dtype=bool)
    offsets = byte_offsets(cells)
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    filled = offsets[1:] > offsets[:-1]
    if cells.null_count:
        filled &= np.asarray(cells.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    found = np.zeros(count, dtype=bool)
    first, last = data[offsets[:-1][filled]], data[offsets[1:][filled] - 1]
    found[filled] = (first > 0x20) & (first < 0x7F) & (last > 0x20) & (last < 0x7F)
    return found


def byte_offsets(cells: pa.Array) -> np.ndarray:
    """Where each Arrow text cell starts in its data buffer, and where the last one ends (int64, ``len + 1``;
    read-only, computed once per array)."""
    return kept(cells, "byte-offsets", _read_offsets)


def _read_offsets(cells: pa.Array) -> np.ndarray:
    import numpy as np
    import pyarrow as pa

    width = np.int64 if pa.types.is_large_string(cells.type) else np.int32
    offsets = np.frombuffer(cells.buffers()[1], dtype=width)[cells.offset: cells.offset + len(cells) + 1]
    return np.asarray(offsets, dtype=np.int64)


def byte_lengths(cells: pa.Array) -> np.ndarray:
    """The length in bytes of each Arrow text cell (0 for a null), from its offsets (read-only, computed once per
    array)."""
    return kept(cells, "byte-lengths", _read_lengths)


def _read_lengths(cells: pa.Array) -> np.ndarray:
    import numpy as np

    if not len(cells):
        return np.zeros(0, dtype=np.int64)
    size = np.diff(byte_offsets(cells))
    if cells.null_count:
        size[~np.asarray(cells.is_valid().to_numpy(zero_copy_only=False), dtype=bool)] = 0
    return size
