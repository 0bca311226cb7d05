"""A chunk's text columns dictionary-encoded in pyarrow, ahead of the checks, on the CSV reader's thread.

The engine hands every check and field kind a :class:`~odwb_assist.core.contract.ColumnValues` per column of
a chunk. Its expensive part, ``pyarrow.compute.dictionary_encode`` over the column and the removal of ``""``
from the distinct values, runs inside pyarrow without the GIL: :func:`preparing` does it for the next
chunk on the reader's thread (:class:`.stream.Blocks` ``prepare``) while the checks run on the current one, one
column at a time and only until the checks take the chunk (:mod:`.ahead`: they encode the other columns
themselves, on first use).
Only pyarrow memory is made there: the numpy codes and the pandas values are made on the checking thread by
:func:`column_values` (numpy arrays allocated on one thread and freed on another stay in the C allocator's
per-thread arenas: measured, the peak of a 1M-row check grew by 30 to 50 MB when the reader's thread made them).
pyarrow's allocator keeps per-thread pages too: :func:`release_freed` hands back, once per chunk on each of
the two threads, the pages the other thread's frees emptied (without it the peak grew by some 20 MB).

The checks' and kinds' preparations run there too (:class:`~odwb_assist.core.contract.ValuesPreparation`: the
shared number parse, the duplicate-row value hashes, the total-row label tests, the Belgian coordinates' parse;
:class:`~odwb_assist.core.contract.ChunkPreparation`: the duplicate-row whole-row hashes), each column's distinct
values wrapped for them in a :class:`ColumnValues` whose codes are pyarrow's own int32 indices (a view: no numpy
memory made for the codes); with each column's value counts, their results, kept in :class:`ArrowCodes`, become
the checking thread's ``ColumnValues.ahead`` and ``counts`` (one preparation of one column per unit: what the
reader had no time for is computed by the checks, the same way). Most are per distinct value (a few bytes a value),
the row hashes 24 bytes a row: the chunk read ahead holds about 2 MB more.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..core.contract import ChunkPreparation, ColumnValues, ValuesPreparation
from .ahead import Ahead


@dataclass
class ArrowCodes:
    """A text column dictionary-encoded: distinct non-empty values in order of first appearance, and for each
    row its value's position (-1: an empty cell), both pyarrow arrays."""

    indices: Any  # pyarrow int32 array, one per row
    dictionary: Any  # pyarrow string array, without ""
    ahead: dict[str, Any] = field(default_factory=dict)  # results of the checks' preparations, by name
    counts: Any = None  # numpy int64: the rows holding each distinct value (``ColumnValues.counts``), when counted


def arrow_codes(series: Any) -> ArrowCodes | None:
    """The :class:`ArrowCodes` of a pyarrow-backed text column without nulls (None: another column)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = getattr(series.array, "_pa_array", None)
    if array is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)) or array.null_count:
        return None
    if isinstance(array, pa.ChunkedArray) and array.num_chunks == 1:
        array = array.chunk(0)
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):  # every chunk holds the dictionary of the whole column: no text copied
        chunks = encoded.chunks
        if chunks and all(len(chunk.dictionary) == len(chunks[0].dictionary) for chunk in chunks):
            indices = pa.concat_arrays([chunk.indices for chunk in chunks])
            dictionary = chunks[0].dictionary
        else:
            encoded = pc.dictionary_encode(array.combine_chunks())
            indices, dictionary = encoded.indices, encoded.dictionary
    else:
        indices, dictionary = encoded.indices, encoded.dictionary
    empty = _empty_at(dictionary)
    if empty >= 0:  # "" is not a value: its rows get -1, the positions after it move down by one (one lookup)
        moved = pa.array(np.concatenate([np.arange(empty, dtype=np.int32), [-1],
                                         np.arange(empty, len(dictionary) - 1, dtype=np.int32)]), indices.type)
        indices = pc.take(moved, indices)
        dictionary = pa.concat_arrays([dictionary.slice(0, empty), dictionary.slice(empty + 1)])
    return ArrowCodes(indices, dictionary)


def _empty_at(dictionary: Any) -> int:
    """The position of ``""`` among the distinct values (-1: none), read from their offsets (no text compared)."""
    import numpy as np
    import pyarrow as pa

    if not len(dictionary):
        return -1
    width = np.int64 if pa.types.is_large_string(dictionary.type) else np.int32
    start = dictionary.offset
    offsets = np.frombuffer(dictionary.buffers()[1], dtype=width)[start:start + len(dictionary) + 1]
    found = np.flatnonzero(offsets[1:] == offsets[:-1])
    return int(found[0]) if len(found) else -1


def column_values(series: Any, number: int, kind: str | None, codes: ArrowCodes, *, view: bool = False) -> ColumnValues:
    """The :class:`ColumnValues` of ``series`` from its :class:`ArrowCodes` (what ``ColumnValues.from_series``
    gives for it, with the preparations made ahead); ``view``: the codes are pyarrow's int32 indices as they are
    and the row numbers left out (no numpy memory: the reader's thread prepares the values with them)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    positions = codes.indices.to_numpy(zero_copy_only=False)
    if not view:
        positions = positions.astype(np.int64)
    dictionary = codes.dictionary
    dtype = series.dtype
    text = pa.types.is_string(dictionary.type) or pa.types.is_large_string(dictionary.type)
    if text and dtype == "str" and getattr(dtype, "storage", None) == "pyarrow":
        # the reader's columns (pandas' text dtype, pyarrow-backed): the dictionary wrapped, not converted
        values = pd.Series(dtype.__from_arrow__(dictionary), copy=False)
    else:
        values = pd.Series(dictionary.to_pandas(types_mapper={dictionary.type: series.dtype}.get), dtype="str")
        values = values.reset_index(drop=True)
    rows = series.index.to_numpy() if not view else np.zeros(0, dtype=np.int64)  # ahead: no row numbers (not read)
    column = ColumnValues(str(series.name), number, kind, values, positions, rows, counts=codes.counts)
    if not view:
        column.ahead = codes.ahead
    return column


def prepare_chunk(frame: Any, preparations: Iterable[ValuesPreparation | ChunkPreparation] = (),
                  kinds: dict[str, str] | None = None) -> dict[int, ArrowCodes]:
    """The :class:`ArrowCodes` of a chunk's columns, by position (columns that are not pyarrow text left out), with
    the results of ``preparations`` on each (one that fails is left out: the checks compute it themselves); all of
    it at once, on the calling thread (the reading threads use :func:`preparing`)."""
    prepared: dict[int, ArrowCodes] = {}
    for _ in _units(frame, list(preparations), kinds or {}, prepared):
        pass
    return prepared


def preparing(frame: Any, preparations: Iterable[ValuesPreparation | ChunkPreparation] = (),
              kinds: dict[str, str] | None = None) -> Ahead:
    """What :func:`prepare_chunk` makes, made unit by unit by a reading thread until the checking thread claims the
    chunk (:class:`.ahead.Ahead`: its ``result`` is the dict of :class:`ArrowCodes`, complete or not)."""
    prepared: dict[int, ArrowCodes] = {}
    return Ahead(_units(frame, list(preparations), kinds or {}, prepared), prepared)


def _units(frame: Any, preparations: list[ValuesPreparation | ChunkPreparation], kinds: dict[str, str],
           prepared: dict[int, ArrowCodes]) -> Iterator[None]:
    """The preparation of a chunk, one unit between two ``yield``: each unit's result is complete once it yields
    (a column's codes with their counts, one preparation of one column, one whole-chunk preparation), so that the
    checking thread, claiming the chunk between two units, finds every result whole or absent.

    Order: every column's codes first (``dictionary_encode``, without the GIL; the checks encode every column first),
    then each column's preparations, then the whole-chunk ones (the row hashes read every column's value hashes)."""
    release_freed()  # the previous chunks' arrays, freed by the checking thread
    values = [p for p in preparations if isinstance(p, ValuesPreparation)]
    whole = [p for p in preparations if isinstance(p, ChunkPreparation)]
    columns: list[ColumnValues] = []
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        codes = arrow_codes(series)
        if codes is None:
            continue
        if preparations:
            column = column_values(series, position + 1, kinds.get(str(series.name)), codes, view=True)
            column.ahead = codes.ahead
            codes.counts = column.counts  # a bincount of the codes, read by many checks
            columns.append(column)
        prepared[position] = codes
        yield
    for column in columns:
        for preparation in values:
            if preparation.kinds and column.kind not in preparation.kinds:
                continue
            try:
                column.prepared(preparation)
            except Exception:  # noqa: S112 (computed again on the checking thread, where a failure is reported)
                continue
            yield
    if len(columns) == frame.shape[1] and columns:  # every column encoded: the whole-chunk preparations
        for chunk_preparation in whole:
            try:
                columns[0].ahead[chunk_preparation.name] = chunk_preparation.compute(columns)
            except Exception:  # noqa: S112 (computed again on the checking thread)
                continue
            yield


def release_freed() -> None:
    """Let pyarrow's allocator reclaim, on the calling thread, the memory other threads freed (some microseconds)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
