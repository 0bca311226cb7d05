"""The leading label columns of a table as the total-row scanner reads them, and which of their cells may hold a
total marker.

:class:`LabelColumn` gives :class:`.total_scan.TotalScanner` a chunk column's cells through the engine's distinct values
or as Arrow text; :data:`LABEL_MARKS` and :data:`MARKER_CELLS` test the distinct values of the first
:data:`SEARCH_COLUMNS` columns against the markers of :mod:`.total_markers`, ahead on the CSV reader's thread. Apart
from the scanner: these preparations are pure functions of a column's distinct values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.contract import ValuesPreparation
from .cells import one_array
from .total_markers import PREFILTER, could_be_marker

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues

SEARCH_COLUMNS = 8  # pivot exports label their subtotals in the third or fourth column, sometimes further


def _distinct_matches(column: ColumnValues, pattern: str) -> np.ndarray:
    """Which distinct values of ``column`` hold a match of ``pattern`` (RE2)."""
    import pyarrow as pa

    distinct = column.values
    array = getattr(distinct.array, "_pa_array", None)
    if array is None:
        array = pa.array(distinct.to_numpy(dtype=object), type=pa.large_string())
    return LabelColumn.of(array).matches(pattern)


def _label_marks(column: ColumnValues) -> np.ndarray | None:
    """Which distinct values of a leading column may hold a total marker (None: a column no marker is looked for in,
    or without text: the scanner skips those)."""
    from .numbers import PARSED_NUMBERS

    if column.number > SEARCH_COLUMNS or not PARSED_NUMBERS(column)[1].any():
        return None
    return _distinct_matches(column, PREFILTER)


# made ahead on the CSV reader's thread, for the leading columns (a pure function of their distinct values)
LABEL_MARKS = ValuesPreparation("total-label-marks", _label_marks)


def maybe_markers(cells: pa.Array) -> pa.Array:
    """Which ``cells`` may hold a marker: a normalised marker holds one of the prefilter's words, so do the ASCII
    letters of its NFKD form."""
    import pyarrow.compute as pc

    letters = pc.replace_substring_regex(pc.utf8_normalize(cells, "NFKD"), "[^\\x00-\\x7f]", "")
    return pc.fill_null(pc.match_substring_regex(letters, PREFILTER), False)


def marker_cells(column: ColumnValues) -> np.ndarray | None:
    """Which distinct values of a leading column may be a total marker (:meth:`.total_scan.TotalScanner._markers`' test of a
    cell: :func:`maybe_markers`, then :func:`.total_markers.could_be_marker`); None: not a leading column. A plain
    number (:func:`.plain.plain_numbers`: digits, a comma) holds no letter, so no marker; an ASCII text is its own
    NFKD form: its prefilter test is the raw one (:data:`LABEL_MARKS`'), only the others are normalised."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .plain import plain_numbers

    if column.number > SEARCH_COLUMNS:
        return None
    maybe = np.zeros(len(column), dtype=bool)
    verdicts = plain_numbers(column)
    tested = np.flatnonzero(~verdicts[0]) if verdicts is not None else None
    if tested is not None and not len(tested):  # every value a plain number
        return maybe
    distinct = column.values
    cells = getattr(distinct.array, "_pa_array", None)
    if cells is None:
        cells = pa.array(distinct.to_numpy(dtype=object), type=pa.large_string())
    cells = one_array(cells)
    raw = LABEL_MARKS(column)
    if tested is None or len(tested) == len(column):
        tested, some = np.arange(len(column)), cells
        maybe[:] = _distinct_matches(column, PREFILTER) if raw is None else raw
    else:
        some = cells.take(pa.array(tested))
        maybe[tested] = raw[tested] if raw is not None else LabelColumn.of(some).matches(PREFILTER)
    other = tested[~np.asarray(pc.string_is_ascii(some).to_numpy(zero_copy_only=False), dtype=bool)]
    if len(other):
        maybe[other] = np.asarray(maybe_markers(cells.take(pa.array(other))).to_numpy(zero_copy_only=False),
                                  dtype=bool)
    if maybe.any():
        at = np.flatnonzero(maybe)
        maybe[at] = [could_be_marker(str(cell)) for cell in cells.take(pa.array(at)).to_pylist()]
    return maybe


MARKER_CELLS = ValuesPreparation("total-marker-cells", marker_cells)


class LabelColumn:
    """One column of a chunk: through the engine's distinct values when given (``values``), else as an Arrow text
    array (pandas' own when it is Arrow-backed: no copy), made only when needed."""

    def __init__(self, series: pd.Series | None, values: ColumnValues | None = None) -> None:
        self.series = series
        self.values = values
        self._array: pa.Array | None = None
        self._filled: np.ndarray | None = None
        self._chunk: tuple[pd.DataFrame, int] | None = None  # where the series is, when taken out only if needed

    @classmethod
    def at(cls, chunk: pd.DataFrame, position: int, values: ColumnValues | None) -> LabelColumn:
        """The column at ``position`` of ``chunk``: taken out of the frame only when its distinct values are not known
        (else only read through them, or taken out when a test needs its cells)."""
        if values is None:
            return cls(chunk.iloc[:, position])
        column = cls(None, values)
        column._chunk = (chunk, position)
        return column

    @classmethod
    def of(cls, array: pa.Array | pa.ChunkedArray) -> LabelColumn:
        """An Arrow text array as it is."""

        column = cls(None)
        array = one_array(array)
        column._array = array
        return column

    @property
    def array(self) -> pa.Array:
        import pyarrow as pa

        if self._array is None:
            if self.series is None and self._chunk is not None:
                self.series = self._chunk[0].iloc[:, self._chunk[1]]
            assert self.series is not None
            array = getattr(self.series.array, "_pa_array", None)
            if array is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
                array = pa.array(self.series.astype(str).to_numpy(dtype=object), type=pa.large_string())
            else:
                array = one_array(array)
            self._array = array
        return self._array

    @property
    def filled(self) -> np.ndarray:
        """Which cells are not ``""``."""
        import pyarrow.compute as pc

        if self._filled is None:
            if self.values is not None:
                self._filled = self.values.codes >= 0
            else:
                self._filled = np.asarray(pc.fill_null(pc.not_equal(self.array, ""), True)
                                          .to_numpy(zero_copy_only=False), dtype=bool)
        return self._filled

    def matches(self, pattern: str) -> np.ndarray:
        """Which cells hold a match of ``pattern`` (RE2, as pandas' ``str.contains`` runs it); through the distinct
        values when known (an empty cell never matches)."""
        import pyarrow.compute as pc

        if self.values is not None:
            return np.asarray(self.values.row_mask(_distinct_matches(self.values, pattern)), dtype=bool)
        found = pc.fill_null(pc.match_substring_regex(self.array, pattern), False)
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)

    def marks(self) -> np.ndarray:
        """:meth:`matches` of :data:`.total_markers.PREFILTER`, through :data:`LABEL_MARKS` when the distinct values
        are known (made ahead on the CSV reader's thread)."""
        found = None if self.values is None else LABEL_MARKS(self.values)
        if found is None:
            return self.matches(PREFILTER)
        return np.asarray(self.values.row_mask(found), dtype=bool)  # type: ignore[union-attr]

    def cell(self, row: int) -> str:
        if self.values is not None:
            code = int(self.values.codes[row])
            return "" if code < 0 else str(self.values.values.iat[code])
        return str(self.array[row].as_py())
