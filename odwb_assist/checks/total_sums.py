"""Whether a row's numbers are totals: running sums of the rows above per column, and a total's rounding slack.

:class:`.total_scan.TotalScanner` keeps these sums since each marker level and section row, and asks
:func:`total_matches` whether the numbers of a row with a total marker equal them (to rounding, :func:`tolerance`), or
their average for a rate. Apart from the scanner: plain arithmetic, on numbers already parsed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .number_forms import parse_number
from .total_columns import column_major_sums


@dataclass
class Sums:
    """Running sums of the data rows per column, the count of rows, of numbers and of text cells per column."""

    total: np.ndarray
    text: np.ndarray
    rows: int = 0
    count: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.count is None:
            self.count = np.zeros_like(self.total)

    def copy(self) -> Sums:
        return Sums(self.total.copy(), self.text.copy(), self.rows, self.counted.copy())

    @property
    def counted(self) -> np.ndarray:
        assert self.count is not None
        return self.count

    def add(self, numbers: np.ndarray, text: np.ndarray, rows: int) -> None:
        self.add_sums(*column_sums(numbers, text), rows)

    def add_sums(self, total: np.ndarray, text: np.ndarray, count: np.ndarray, rows: int) -> None:
        """Add what :func:`column_sums` gives for ``rows`` rows."""
        self.total += total
        self.text += text
        self.counted[...] += count
        self.rows += rows


def column_sums(numbers: np.ndarray, text: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: the sum of the numbers, the count of text cells, the count of numbers (of one row or of rows)."""
    if numbers.ndim == 2 and numbers.shape[1] > 1 and numbers.strides[0] == numbers.itemsize:
        return column_major_sums(numbers, text)
    if numbers.ndim == 2:
        # np.nansum's own steps (NaN made 0 in a copy, then summed), on the same array: the same rounding (numpy's
        # order of additions depends on the shape, so the sum stays one call over the whole block)
        missing = np.isnan(numbers)
        filled = np.array(numbers, copy=True)
        np.copyto(filled, 0, where=missing)
        rows, width = numbers.shape
        # the counts column by column: a count along axis 0 of a row-major array converts every cell first
        words = np.fromiter((np.count_nonzero(text[:, j]) for j in range(width)), dtype=np.int64, count=width)
        valued = np.fromiter((rows - np.count_nonzero(missing[:, j]) for j in range(width)), dtype=np.int64,
                             count=width)
        return np.sum(filled, axis=0), words, valued
    return np.nan_to_num(numbers), text, ~np.isnan(numbers)


def tolerance(cell: str, rows: int) -> float:
    """How far a total may be from the sum of ``rows`` values: its rounding (and theirs)."""
    parsed = parse_number(cell)
    decimals = parsed[1] if parsed else 0
    if decimals == 0:
        return 0.5
    return 10.0 ** -decimals * max(0.5, math.sqrt(rows + 1))


def total_matches(columns: list[int], cells: list[str], numbers: np.ndarray, now: Sums, mark: Sums) -> bool:
    """Whether the numbers of the row are the sums of their columns since ``mark`` (no text cell among them);
    a column whose total is its average (a rate, a mean) is accepted when another column is a sum."""
    rows = now.rows - mark.rows
    if rows <= 0 or not columns:
        return False
    sums = 0
    for j in columns:
        if now.text[j] - mark.text[j] > 0:
            return False
        expected = now.total[j] - mark.total[j]
        slack = 1e-9 * max(1.0, abs(expected))
        if abs(numbers[j] - expected) <= tolerance(cells[j], rows) + slack:
            sums += 1
            continue
        count = now.counted[j] - mark.counted[j]
        if count <= 0 or abs(numbers[j] - expected / count) > tolerance(cells[j], 0) + slack:
            return False
    return sums > 0
