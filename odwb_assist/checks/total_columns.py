"""The totals scanner's chunk laid out column after column (issue 17): parsed from each column's distinct values,
each column written in one contiguous pass, and summed in the order numpy sums a row-major block (the same
numbers, text flags and sums, to the last bit, as :func:`.numbers.parse_frame` and ``numpy.sum(axis=0)``); or, for a
chunk of data rows alone, summed from the distinct values and the rows holding each (:func:`distinct_sums`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from ..core.contract import ColumnValues


def column_major_sums(numbers: np.ndarray, text: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`.total_sums.column_sums` of rows whose columns are each contiguous (:func:`parse_columns`), with the same
    rounding: numpy sums a row-major block along axis 0 row after row, one running sum per column (not pairwise, as
    it sums a contiguous column), so each column here is summed in that order (:func:`numpy.cumsum`)."""
    rows, width = numbers.shape
    total = np.zeros(width)
    words = np.empty(width, dtype=np.int64)
    valued = np.empty(width, dtype=np.int64)
    for j in range(width):
        column = numbers[:, j]
        missing = np.isnan(column)
        valued[j] = rows - np.count_nonzero(missing)
        words[j] = np.count_nonzero(text[:, j])
        if valued[j]:  # else 0.0, as a sum of zeros
            total[j] = np.cumsum(column if valued[j] == rows else np.where(missing, 0.0, column))[-1]
    return total, words, valued


def parse_columns(chunk: pd.DataFrame, values: dict[int, ColumnValues]) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`.numbers.parse_frame` of a long chunk from the distinct values of every column (None: one is not
    known), laid out column after column (each written in one contiguous pass): the same numbers and text flags."""
    from .cells import STACK_ROWS
    from .numbers import PARSED_NUMBERS, spread_column

    rows, width = chunk.shape
    if rows < STACK_ROWS or any(position not in values for position in range(width)):
        return None
    numbers = np.empty((width, rows)).T
    text = np.zeros((width, rows), dtype=bool).T
    for position in range(width):
        column = values[position]
        parsed, words = PARSED_NUMBERS(column)
        spread_column(numbers, text, position, column.codes, parsed, words)
    return numbers, text


def distinct_sums(columns: list[ColumnValues]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`.total_sums.column_sums` of a whole chunk from its columns' distinct values (in order): each number times
    the rows holding it, with no row laid out. The same counts; the sums may differ from the row-by-row ones in their
    last bits (the additions come in another order), far below a total's rounding slack (:func:`.total_sums.tolerance`)."""
    from .numbers import PARSED_NUMBERS

    width = len(columns)
    total = np.zeros(width)
    words = np.zeros(width, dtype=np.int64)
    valued = np.zeros(width, dtype=np.int64)
    for position, column in enumerate(columns):
        parsed, text = PARSED_NUMBERS(column)
        counts = column.counts
        numbered = ~np.isnan(parsed)
        if numbered.any():
            valued[position] = int(counts[numbered].sum())
            total[position] = float((parsed[numbered] * counts[numbered]).sum())
        if text.any():
            words[position] = int(counts[text].sum())
    return total, words, valued


def label_text(column: ColumnValues) -> np.ndarray:
    """Which rows of a chunk column hold text (:data:`.numbers.PARSED_NUMBERS`' verdict, read through the codes)."""
    from .numbers import PARSED_NUMBERS

    text = PARSED_NUMBERS(column)[1]
    if text.all():
        return np.asarray(column.codes >= 0)
    return np.asarray(column.row_mask(text), dtype=bool)
