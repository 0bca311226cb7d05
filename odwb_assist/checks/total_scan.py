"""Finding totals rows with certainty: a marker label, the group structure, and the sums of the rows above.

:class:`TotalScanner` reads a table chunk by chunk (the same verdicts whatever the chunk size) and
says, for each row whose leading label columns hold a total marker, whether it is *certainly* a
total or only *possibly* one:

- the marker sits in one of the leading label columns (the first :data:`SEARCH_COLUMNS`), and every
  cell to its left is empty or repeats the label of the row above (a pivot-table group);
- a strong marker (:mod:`.total_markers`) on a row without numbers to its right is certain; with
  numbers, only when each equals (to rounding) the sum of the data rows above since the previous
  total of the same or a higher level, or since the previous section row (one value, the rest empty);
- a loose marker whose numbers match is a possible total; anything else is data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.contract import ValuesPreparation
from .chunk_values import same_rows
from .number_forms import parse_number
from .numbers import parse_frame
from .total_columns import column_major_sums, parse_columns
from .total_markers import PREFILTER, Marker, could_be_marker, marker

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues

SEARCH_COLUMNS = 8  # pivot exports label their subtotals in the third or fourth column, sometimes further


@dataclass(frozen=True)
class Verdict:
    """A totals row: ``certain`` ones are removed by the fix, the others are reported and kept."""

    row: int
    position: int  # 0-based column of the marker
    column: str
    cell: str
    certain: bool
    reason: str  # "no-numbers", "sum", "sum-mismatch", "text", "no-rows", "partial-sum"; "loose": data, not reported


@dataclass
class _Sums:
    """Running sums of the data rows per column, the count of rows, of numbers and of text cells per column."""

    total: np.ndarray
    text: np.ndarray
    rows: int = 0
    count: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.count is None:
            self.count = np.zeros_like(self.total)

    def copy(self) -> _Sums:
        return _Sums(self.total.copy(), self.text.copy(), self.rows, self.counted.copy())

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


class TotalScanner:
    """Reads the chunks of one table in order and returns the verdicts on its totals rows."""

    def __init__(self, *, shared: bool = False) -> None:
        self.width = -1
        self.shared = shared  # chunks of the check engine: parsed once for all the checks

    def _start(self, width: int) -> None:
        self.width = width
        self.search = min(width, SEARCH_COLUMNS)
        zero = np.zeros(width)
        self.data = _Sums(zero.copy(), zero.copy())  # data rows only
        self.every = _Sums(zero.copy(), zero.copy())  # data rows and possible totals
        self.marks = [(self.data.copy(), self.every.copy()) for _ in range(self.search)]  # per level: at last reset
        self.start = (self.data.copy(), self.every.copy())  # at the start, or the last section row
        self.previous: list[str] = [""] * self.search  # the last data row's label cells
        self.groups: list[str] = [""] * self.search  # the last non-empty label of each column

    def feed(self, chunk: pd.DataFrame, values: dict[int, ColumnValues] | None = None) -> list[Verdict]:
        """The verdicts on the rows of ``chunk``; ``values``: the distinct values of its columns by position (0-based),
        when the check engine encoded them (the label cells are then tested once per distinct value)."""
        try:
            return self._feed(chunk, values)
        finally:  # the chunk's label columns (and their encodings) go with it, not at the next chunk
            self.labels: list[_Column] = []

    def _feed(self, chunk: pd.DataFrame, values: dict[int, ColumnValues] | None) -> list[Verdict]:
        if self.width < 0:
            self._start(len(chunk.columns))
        if chunk.empty or self.width == 0:
            return []
        columns = list(chunk.columns)
        # The label cells through their distinct values (or as Arrow arrays): tested in C, read one cell at a time
        # only where a row is judged.
        known = {position: column for position, column in (values or {}).items() if same_rows(column, chunk)}
        numbers, text = self._parse(chunk, known)
        self.labels = [_Column.at(chunk, position, known.get(position)) for position in range(self.search)]
        candidates = np.zeros(len(chunk), dtype=bool)
        for position, column in enumerate(self.labels):
            if text[:, position].any():  # a marker is text: columns of numbers only are skipped
                candidates |= text[:, position] & column.marks()
        if candidates.any():  # a commune such as « Somme-Leuze » holds « som »: judged once per distinct label
            candidates = self._markers(candidates)
        sections = np.zeros(len(chunk), dtype=bool)
        if self.width >= 3:
            filled: np.ndarray = np.zeros(len(chunk), dtype=np.uint16 if self.width < 1 << 16 else np.int64)
            for position in range(self.width):  # the filled cells of each row, counted in place
                np.add(filled, (self.labels[position] if position < self.search
                                else _Column.at(chunk, position, known.get(position))).filled, out=filled)
            sections = filled == 1
        if not candidates.any() and not sections.any():
            self._add_data(numbers, text, 0, len(chunk))
            return []
        picked = np.flatnonzero(candidates | sections)
        rows_cells = chunk.iloc[picked].to_numpy(dtype=object)  # the whole rows that are judged
        verdicts: list[Verdict] = []
        start = 0
        for at, index in enumerate(map(int, picked)):
            self._add_data(numbers, text, start, index)
            start = index + 1
            cells = [str(cell) for cell in rows_cells[at].tolist()]
            verdict = self._judge(int(chunk.index[index]), cells, columns, numbers[index], text[index]) \
                if candidates[index] else None
            if verdict is None:
                if sections[index]:  # a section row (« 2023 », « Province de Namur »): sums start again below it
                    self.marks = [(self.data.copy(), self.every.copy()) for _ in range(self.search)]
                    self.start = (self.data.copy(), self.every.copy())
                else:
                    self._add_data(numbers, text, index, index + 1)
                continue
            if verdict.reason == "loose":  # data whose label begins like a total: summed apart, in case it is one
                self.every.add(numbers[index], text[index], 1)
                self._add_labels(index, index + 1)
                continue
            verdicts.append(verdict)
            if verdict.certain:
                reset = (self.data.copy(), self.every.copy())
                for level in range(verdict.position, self.search):
                    self.marks[level] = (reset[0].copy(), reset[1].copy())
            else:
                self.every.add(numbers[index], text[index], 1)
        self._add_data(numbers, text, start, len(chunk))
        return verdicts

    def _markers(self, candidates: np.ndarray) -> np.ndarray:
        """The candidate rows :meth:`_judge` may find a marker on: one of their label cells may be one
        (:func:`.total_markers.could_be_marker`, decided once per distinct cell). The other rows are records."""
        import pyarrow as pa
        import pyarrow.compute as pc

        picked = np.flatnonzero(candidates)
        indices = pa.array(picked)
        keep = np.zeros(len(picked), dtype=bool)
        for column in self.labels:
            values = column.values
            known = None if values is None else MARKER_CELLS(values)
            if values is not None and known is not None:  # decided per distinct value (ahead, on the reader's thread)
                keep |= np.append(known, False)[values.codes[picked]]
                continue
            cells = column.array.take(indices)
            maybe = _maybe_markers(cells)
            if not pc.any(maybe).as_py():
                continue
            distinct = pc.unique(pc.filter(cells, maybe)).to_pylist()
            markers = [cell for cell in distinct if could_be_marker(str(cell))]
            if markers:
                found = pc.fill_null(pc.is_in(cells, value_set=pa.array(markers, type=cells.type)), False)
                keep |= np.asarray(pc.and_(found, maybe).to_numpy(zero_copy_only=False), dtype=bool)
        out = np.zeros_like(candidates)
        out[picked[keep]] = True
        return out

    def _parse(self, chunk: pd.DataFrame, known: dict[int, ColumnValues] | None = None) -> tuple[np.ndarray, np.ndarray]:
        parsed = parse_columns(chunk, known) if self.shared and known else None
        return parse_frame(chunk, shared=self.shared) if parsed is None else parsed

    def _add_data(self, numbers: np.ndarray, text: np.ndarray, start: int, stop: int) -> None:
        if stop <= start:
            return
        sums = column_sums(numbers[start:stop], text[start:stop])  # once for both running sums
        self.data.add_sums(*sums, stop - start)
        self.every.add_sums(*sums, stop - start)
        self._add_labels(start, stop)

    def _add_labels(self, start: int, stop: int) -> None:
        """Remember the last row's label cells and the last non-empty label of each column (rows ``start`` to
        ``stop`` of the chunk: consecutive data rows)."""
        self.previous = [column.cell(stop - 1).strip() for column in self.labels]
        for position, column in enumerate(self.labels):
            rows = np.flatnonzero(column.filled[start:stop])
            if rows.size:
                self.groups[position] = column.cell(start + int(rows[-1])).strip()

    def _judge(self, row: int, cells: list[str], columns: list[str], numbers: np.ndarray,
               text: np.ndarray) -> Verdict | None:
        for position in range(self.search):
            cell = cells[position]
            found = self._marker(cell, position) if cell.strip() else None
            if found is None:
                if cell.strip() and cell.strip() != self.previous[position]:
                    return None  # a data label before any marker: this row is a record
                continue
            return self._weigh(row, position, cells, found, columns, numbers, text)
        return None

    def _marker(self, cell: str, position: int) -> Marker | None:
        """The marker of ``cell``, read against its column's group label, else against the group labels of the
        columns to its left, nearest first: some exports write « Total Dinant » in the communes' column, under the
        arrondissement « Dinant » of the column before (a pivot subtotal, summed and certain like any other)."""
        found = marker(cell, self.groups[position])
        if found is Marker.LOOSE:
            for group in reversed(self.groups[:position]):
                if group and marker(cell, group) is Marker.PIVOT:
                    return Marker.PIVOT
        return found

    def _weigh(self, row: int, position: int, cells: list[str], found: Marker, columns: list[str],
               numbers: np.ndarray, text: np.ndarray) -> Verdict | None:
        right = range(position + 1, self.width)
        valued = [j for j in right if not np.isnan(numbers[j])]
        worded = [j for j in right if text[j]]
        data_mark, every_mark = self.marks[position]
        data_start, every_start = self.start  # a grand total sums everything since the start or the last section
        matches = any(_matches(valued, cells, numbers, now, mark)
                      for now, mark in ((self.data, data_mark), (self.every, every_mark),
                                        (self.data, data_start), (self.every, every_start)))

        def verdict(certain: bool, reason: str) -> Verdict:
            return Verdict(row, position, str(columns[position]), cells[position], certain, reason)

        if found is Marker.LOOSE:
            return verdict(False, "partial-sum") if valued and not worded and matches else verdict(False, "loose")
        if worded:
            return verdict(False, "text")
        if not valued:
            return verdict(True, "no-numbers")
        if data_mark.rows == self.data.rows and data_start.rows == self.data.rows:
            return verdict(False, "no-rows")
        return verdict(True, "sum") if matches else verdict(False, "sum-mismatch")


def _matches(columns: list[int], cells: list[str], numbers: np.ndarray, now: _Sums, mark: _Sums) -> bool:
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


def _distinct_matches(column: ColumnValues, pattern: str) -> np.ndarray:
    """Which distinct values of ``column`` hold a match of ``pattern`` (RE2)."""
    import pyarrow as pa

    distinct = column.values
    array = getattr(distinct.array, "_pa_array", None)
    if array is None:
        array = pa.array(distinct.to_numpy(dtype=object), type=pa.large_string())
    return _Column.of(array).matches(pattern)


def _label_marks(column: ColumnValues) -> np.ndarray | None:
    """Which distinct values of a leading column may hold a total marker (None: a column no marker is looked for in,
    or without text: the scanner skips those)."""
    from .numbers import PARSED_NUMBERS

    if column.number > SEARCH_COLUMNS or not PARSED_NUMBERS(column)[1].any():
        return None
    return _distinct_matches(column, PREFILTER)


# made ahead on the CSV reader's thread, for the leading columns (a pure function of their distinct values)
LABEL_MARKS = ValuesPreparation("total-label-marks", _label_marks)


def _maybe_markers(cells: pa.Array) -> pa.Array:
    """Which ``cells`` may hold a marker: a normalised marker holds one of the prefilter's words, so do the ASCII
    letters of its NFKD form."""
    import pyarrow.compute as pc

    letters = pc.replace_substring_regex(pc.utf8_normalize(cells, "NFKD"), "[^\\x00-\\x7f]", "")
    return pc.fill_null(pc.match_substring_regex(letters, PREFILTER), False)


def _marker_cells(column: ColumnValues) -> np.ndarray | None:
    """Which distinct values of a leading column may be a total marker (:meth:`TotalScanner._markers`' test of a
    cell: :func:`_maybe_markers`, then :func:`.total_markers.could_be_marker`); None: not a leading column. A plain
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
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks() if cells.num_chunks != 1 else cells.chunk(0)
    raw = LABEL_MARKS(column)
    if tested is None or len(tested) == len(column):
        tested, some = np.arange(len(column)), cells
        maybe[:] = _distinct_matches(column, PREFILTER) if raw is None else raw
    else:
        some = cells.take(pa.array(tested))
        maybe[tested] = raw[tested] if raw is not None else _Column.of(some).matches(PREFILTER)
    other = tested[~np.asarray(pc.string_is_ascii(some).to_numpy(zero_copy_only=False), dtype=bool)]
    if len(other):
        maybe[other] = np.asarray(_maybe_markers(cells.take(pa.array(other))).to_numpy(zero_copy_only=False),
                                  dtype=bool)
    if maybe.any():
        at = np.flatnonzero(maybe)
        maybe[at] = [could_be_marker(str(cell)) for cell in cells.take(pa.array(at)).to_pylist()]
    return maybe


MARKER_CELLS = ValuesPreparation("total-marker-cells", _marker_cells)


class _Column:
    """One column of a chunk: through the engine's distinct values when given (``values``), else as an Arrow text
    array (pandas' own when it is Arrow-backed: no copy), made only when needed."""

    def __init__(self, series: pd.Series | None, values: ColumnValues | None = None) -> None:
        self.series = series
        self.values = values
        self._array: pa.Array | None = None
        self._filled: np.ndarray | None = None
        self._chunk: tuple[pd.DataFrame, int] | None = None  # where the series is, when taken out only if needed

    @classmethod
    def at(cls, chunk: pd.DataFrame, position: int, values: ColumnValues | None) -> _Column:
        """The column at ``position`` of ``chunk``: taken out of the frame only when its distinct values are not known
        (else only read through them, or taken out when a test needs its cells)."""
        if values is None:
            return cls(chunk.iloc[:, position])
        column = cls(None, values)
        column._chunk = (chunk, position)
        return column

    @classmethod
    def of(cls, array: pa.Array | pa.ChunkedArray) -> _Column:
        """An Arrow text array as it is."""
        import pyarrow as pa

        column = cls(None)
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
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
            elif isinstance(array, pa.ChunkedArray):
                array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
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
