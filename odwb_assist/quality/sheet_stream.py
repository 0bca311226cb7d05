"""The fast path for a workbook sheet: its cells as text chunks, without Frictionless.

The sheet is read once by :mod:`.workbook` (calamine or xlrd: code page, formatted-empty rows and columns
cut, error cells, rows numbered as in the spreadsheet). What Frictionless's opening of those rows as
inline data would give — labels, field names, header errors, the types inferred from the first typed
cells — is computed by :mod:`.inference` and :mod:`.typed_inference`; the cells below the header are
turned into pyarrow text columns (each cell's text as :func:`.cell_text.cell_text` gives it) and
handed to the engine in chunks indexed by spreadsheet row number, like the CSV blocks of :mod:`.stream`.

A sheet whose inferred types include one the type tally does not check (``datetime``, ``time``…) goes
fast only when every cell of such a column is a native value of that type (Frictionless would then
report no type error in it); otherwise, or when the sample holds a value only Frictionless can judge,
:class:`.csv_head.Fallback` sends the sheet to the Frictionless path.
"""

from __future__ import annotations

import datetime as dt
import gc
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .ahead import Ahead
from .arrow_pool import use_streaming_pool
from .cell_text import cell_text
from .csv_head import Fallback
from .detect import Detected
from .encoding import prepare_chunk, release_freed
from .frictionless_read import Opened
from .inference import (
    SAMPLE_RECORDS,
    NotExact,
    days_type,
    field_names,
    header_errors,
    join_labels,
    local_numbers_type,
)
from .messages import RawError, from_frictionless
from .stream import TEXT
from .type_readers import SHEET_TYPES
from .typed_inference import infer_types
from .workbook import Sheet, gc_paused, read_sheet

# Rows per chunk. Each check is called once per column of a chunk at a fixed cost of its own (as for a CSV,
# :func:`.stream.chunk_rows_for`); the sheet's cells are in memory already (as Python values), so the chunks' temporaries
# add little. Measured in-process on the commune export of benchmarks/xlsx_speed.py (2026-12-02, runs alternated):
# 100k rows 2.44-2.57 s and 303-306 MB in chunks of 25,000, 2.11-2.25 s and 310-312 MB in chunks of 50,000; 300k rows
# 6.42-6.67 s and 551-553 MB against 5.70-5.80 s and 589 MB (65,000: 5.50-5.60 s, 601-603 MB).
SHEET_CHUNK_ROWS = 50_000
# Types the tally does not check, and the native cells Frictionless's reader of that type accepts as they are
# (tests of the cell's class only: :func:`_native` tests one cell of each class).
NATIVE: dict[str, Callable[[Any], bool]] = {
    "datetime": lambda cell: isinstance(cell, dt.datetime),
    "time": lambda cell: isinstance(cell, dt.time),
}


def open_sheet(path: Path, detected: Detected) -> tuple[Opened, Sheet]:
    """What Frictionless's opening of the sheet's rows (inline data) would give, or :class:`Fallback`."""
    sheet = read_sheet(path, detected.format, detected.sheet)
    header_rows = list(detected.header_rows)
    last_header = header_rows[-1]
    sample = sheet.head(SAMPLE_RECORDS)
    labels = join_labels([list(cells) for number, cells in enumerate(sample, start=1) if number in header_rows])
    if not labels:
        raise Fallback("no labels")
    names = field_names(labels)
    fragment = [list(cells) for cells in sample[last_header:]]
    try:
        kinds = [days_type(local_numbers_type(kind, column := [row[index] for row in fragment if len(row) > index]),
                           column) for index, kind in enumerate(infer_types(fragment, names))]
    except NotExact as exc:
        raise Fallback("sample types") from exc
    vector: dict[str, tuple[int, str]] = {}
    for number, (name, kind) in enumerate(zip(names, kinds, strict=True), start=1):
        if kind in SHEET_TYPES or kind == "any":
            vector[name] = (number, kind)
        elif kind not in NATIVE or not _native(sheet, last_header, number - 1, NATIVE[kind]):
            raise Fallback(f"a {kind} column Frictionless checks")
    errors: list[Any] = list(header_errors(labels, names, header_rows[0]))  # Frictionless: the first one
    if not (labels or fragment):
        errors.insert(0, RawError("source-error", note="the source is empty"))
    opened = Opened(names, labels, dict(zip(names, kinds, strict=True)), fragment, errors, vector, True, sheet)
    return opened, sheet


def _native(sheet: Sheet, start: int, index: int, native: Callable[[Any], bool]) -> bool:
    """Every cell of the column below the header is empty or a native value of its type (once typed)."""
    typed = sheet.typed
    column = [row[index] for row in sheet.cells[start:]]
    for kind in set(map(type, column)):  # NATIVE tests a class; typing maps each class to native or not alike
        if kind is str:
            if any(cell.__class__ is str and cell for cell in column):  # "" is empty; a text is never native
                return False
        elif kind is not type(None):
            cell = next(cell for cell in column if cell.__class__ is kind)
            if not (cell == "" or native(typed(cell))):
                return False
    return True


def _float_text(cell: float) -> str:
    return str(int(cell)) if cell.is_integer() else repr(cell)


def _datetime_text(cell: dt.datetime) -> str:
    if cell.hour or cell.minute or cell.second or cell.microsecond:
        return cell.isoformat()
    return cell.date().isoformat()


# The text of the cell types a reader gives, by exact type (a subclass goes through cell_text).
_TEXT: dict[type, Callable[[Any], str]] = {
    str: str.__str__, int: int.__repr__, float: _float_text, bool: cell_text, type(None): cell_text,
    dt.datetime: _datetime_text, dt.date: dt.date.isoformat, dt.time: dt.time.isoformat,
}


_VECTOR_MIN = 200  # cells of a column below which Python's text is cheaper than pyarrow's fixed cost (wide sheets)


def column_text(cells: tuple[Any, ...] | list[Any]) -> Any:
    """A pyarrow string array of the cells' text (``""`` for an empty cell), as :func:`.cell_text.cell_text` says."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(cells) >= _VECTOR_MIN and cells[0].__class__ is str:  # a text column, most likely: no type test
        try:
            array = pa.array(cells)  # text when every cell is text or empty (bytes would make it binary)
        except pa.ArrowException:
            array = None
        if array is not None and array.type == pa.string():
            return array.fill_null("") if array.null_count else array
    types = set(map(type, cells))
    types.discard(type(None))
    if types <= {str}:
        array = pa.array(cells, type=pa.string())
    elif types == {int}:
        try:
            array = pa.array(cells, type=pa.int64()).cast(pa.string())
        except (OverflowError, pa.ArrowException):
            array = pa.array([cell_text(cell) for cell in cells], type=pa.string())
    elif len(cells) < _VECTOR_MIN:
        texts = _TEXT.get
        array = pa.array([(texts(type(cell)) or cell_text)(cell) for cell in cells], type=pa.string())
    elif types == {float} and (floats := _float_texts(cells)) is not None:
        array = floats
    elif types == {float, str} and (floats := _float_texts([c if c.__class__ is float else None for c in cells])) is not None:
        array = pc.coalesce(pa.array([c if c.__class__ is str else None for c in cells], type=pa.string()), floats)
    elif types == {dt.date}:
        array = pa.array(cells, type=pa.date32()).cast(pa.string())
    elif len(types) == 1 and (single := _TEXT.get(next(iter(types)))) is not None:
        array = pa.array([None if cell is None else single(cell) for cell in cells], type=pa.string())
    else:
        texts = _TEXT.get
        array = pa.array([(texts(type(cell)) or cell_text)(cell) for cell in cells], type=pa.string())
    return array.fill_null("") if array.null_count else array


def _float_texts(cells: tuple[Any, ...] | list[Any]) -> Any:
    """:func:`_float_text` of a column of floats (and empty cells), vectorised; None when a cell needs Python.

    Empty cells are None (the caller puts a mixed column's text cells in). A whole number is its integer's
    digits (through int64); any other number pyarrow's shortest round-trip digits, which are ``repr``'s
    wherever ``repr`` writes no exponent (1e-4 <= |x| < 1e16) and pyarrow none either; a column holding any
    other number goes through ``repr`` cell by cell.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(cells, type=pa.float64())
    numbers = values.to_numpy(zero_copy_only=False)  # an empty cell is NaN here, null in ``values``
    size = np.abs(numbers)
    with np.errstate(invalid="ignore"):
        whole = (numbers == np.floor(numbers)) & (size < 2.0 ** 63)
        plain = (size >= 1e-4) & (size < 1e16)
    fast = whole | plain
    if values.null_count:
        fast |= np.isnan(numbers)
    if not fast.all():
        return None
    if whole.all():  # whole numbers only (no empty cell): their digits, no exponent
        return pa.array(numbers.astype(np.int64)).cast(pa.string())
    if whole.any():
        text = pc.if_else(whole, pa.array(np.where(whole, numbers, 0).astype(np.int64)).cast(pa.string()),
                          values.cast(pa.string()))
    else:
        text = values.cast(pa.string())
    if pc.any(pc.match_substring(text, "e")).as_py():
        return None
    return text


def text_chunks(sheet: Sheet, first_row: int, names: list[str], chunk_rows: int) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The rows from ``first_row`` (1-based), as text frames indexed by row number, with their blank rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = sheet.cells  # their text is the typed cells' (a whole float is « 12 », a date « 2024-05-01 »)
    width = len(names)
    step = max(1, chunk_rows)
    columns = [f"c{i}" for i in range(width)]
    for start in range(first_row - 1, len(rows), step):
        block = rows[start:start + step]
        arrays = [column_text(cells) for cells in zip(*block, strict=True)]
        table = pa.Table.from_arrays(arrays, names=columns)
        frame = table.to_pandas(types_mapper={pa.string(): TEXT}.get, split_blocks=True)
        frame.columns = pd.Index(names)
        frame.index = pd.RangeIndex(start + 1, start + 1 + len(block), name="row")
        lengths = None
        for array in arrays:
            size = pc.binary_length(array)
            lengths = size if lengths is None else pc.add(lengths, size)
        blank = pc.equal(lengths, 0).to_numpy(zero_copy_only=False) if lengths is not None else np.zeros(len(block), bool)
        yield frame, blank


def stream_sheet(run: Any, opened: Opened, sheet: Sheet, chunk_rows: int | None,
                 callback: Callable[[int, float], None] | None,
                 prepare: Callable[[pd.DataFrame], Any] | None = None) -> None:
    """Hand the sheet's data rows to ``run`` in chunks (structure errors: blank rows only, the rows are cut to one width);
    ``prepare`` runs on each chunk ahead, in :func:`prepared_ahead`'s thread (the engine's: codes and preparations)."""
    use_streaming_pool()  # before the reading thread allocates
    for error in opened.start_errors:
        run.collector.add(from_frictionless(error))
    first = run.detected.header_rows[-1] + 1
    total = max(len(sheet.cells) - first + 1, 1)
    # The collector paused (a young-generation pass after each chunk frees its cycles): its full passes would
    # walk the sheet's cells and the checks' values again and again (a tenth of a 100k-row XLSX check).
    with gc_paused():
        for frame, blank, prepared in prepared_ahead(text_chunks(sheet, first, opened.names,
                                                                 chunk_rows or SHEET_CHUNK_ROWS), prepare):
            if blank.any():
                numbers = frame.index.to_numpy()[blank]
                run.add_all("structure",
                            lambda r=numbers: (from_frictionless(RawError("blank-row", int(row))) for row in r))
            release_freed()  # what the other thread made for the previous chunk, freed here
            run.frame(frame, prepared)
            del frame, prepared
            gc.collect(0)
            if callback:
                callback(run.rows, min(1.0, run.rows / total))


_END = object()


def prepared_ahead(chunks: Iterator[tuple[pd.DataFrame, np.ndarray]],
                   prepare: Callable[[pd.DataFrame], Any] | None = None,
                   ) -> Iterator[tuple[pd.DataFrame, np.ndarray, Any]]:
    """``chunks`` made one ahead in a thread, each with its columns dictionary-encoded there and the checks'
    preparations made (``prepare``, else :func:`.encoding.prepare_chunk`; None when that failed: the engine encodes them
    itself; an :class:`.ahead.Ahead` is made until the chunk is taken, the engine does the rest), as the CSV reader
    does: the encoding runs inside pyarrow without the GIL, on the other core, while the checks run on the
    current chunk. The next chunk is made once the current one is taken (two chunks live, not three);
    an exception of the thread is raised here."""
    handed: queue.Queue[Any] = queue.Queue(maxsize=1)
    taken = threading.Event()
    stop = threading.Event()

    def hand(item: Any) -> None:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def make() -> None:
        try:
            for frame, blank in chunks:
                try:
                    prepared = (prepare or prepare_chunk)(frame)
                except Exception:  # the engine encodes the columns itself
                    prepared = None
                hand((frame, blank, prepared))
                if isinstance(prepared, Ahead):  # prepared until the checking thread takes it (it does the rest)
                    prepared.work(stop)
                del frame, prepared
                while not stop.is_set() and not taken.wait(timeout=0.1):
                    continue
                taken.clear()
                if stop.is_set():
                    return
        except BaseException as exc:  # raised on the checking thread
            hand(exc)
            return
        hand(_END)

    worker = threading.Thread(target=make, name="odwb-sheet-chunks", daemon=True)
    worker.start()
    try:
        while True:
            item = handed.get()
            if isinstance(item, tuple) and isinstance(item[2], Ahead):
                item = (item[0], item[1], item[2].claim())  # the other thread stops preparing it
            taken.set()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            del item
    finally:
        stop.set()
        worker.join()
