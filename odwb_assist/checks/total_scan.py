"""Finding totals rows with certainty: a marker label, the group structure, and the sums of the rows above.

:class:`TotalScanner` reads a table chunk by chunk (the same verdicts whatever the chunk size) and
says, for each row whose leading label columns hold a total marker, whether it is *certainly* a
total or only *possibly* one:

- the marker sits in one of the leading label columns (the first :data:`.total_labels.SEARCH_COLUMNS`), and every
  cell to its left is empty or repeats the label of the row above (a pivot-table group);
- a strong marker (:mod:`.total_markers`) on a row without numbers to its right is certain; with
  numbers, only when each equals (to rounding) the sum of the data rows above since the previous
  total of the same or a higher level, or since the previous section row (one value, the rest empty);
- a loose marker whose numbers match is a possible total; anything else is data;
- a total named after the label of a column to its right (« Total Administration générale » in the column « Libellé »,
  under rows whose « Fonction » is « Administration générale »: a budget's subtotal per function) is certain when its
  numbers are the sums of the rows just above that hold that label (or are blank under it), at most :data:`NAMED_RUN`
  rows, the last rows of the previous chunks kept for it (:meth:`TotalScanner._keep_tail`); a record otherwise.

The running sums and their comparison are in :mod:`.total_sums`, the label columns and the marker tests
prepared on their distinct values in :mod:`.total_labels`. A long chunk of the check engine that holds no candidate
row (the usual chunk) is summed from its columns' distinct values (:func:`.total_columns.distinct_sums`): its numbers
are never laid out row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .cells import STACK_ROWS
from .chunk_values import same_rows
from .numbers import parse_frame
from .total_columns import distinct_sums, label_text, parse_columns
from .total_labels import MARKER_CELLS, SEARCH_COLUMNS, LabelColumn, maybe_markers
from .total_markers import STATISTICS, Marker, could_be_marker, marker, normalise
from .total_sums import Sums, column_sums, tolerance, total_matches

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues


NAMED_RUN = 2_000  # rows walked up from a total named after a column on its right, at most (a group of a budget)


@dataclass(frozen=True)
class Verdict:
    """A totals row: ``certain`` ones are removed by the fix, the others are reported and kept."""

    row: int
    position: int  # 0-based column of the marker
    column: str
    cell: str
    certain: bool
    reason: str  # "no-numbers", "sum", "sum-mismatch", "text", "no-rows", "partial-sum"; "loose": data, not reported


class TotalScanner:
    """Reads the chunks of one table in order and returns the verdicts on its totals rows."""

    def __init__(self, *, shared: bool = False) -> None:
        self.width = -1
        self.shared = shared  # chunks of the check engine: parsed once for all the checks
        self.numbers = self.text = np.zeros((0, 0))  # the chunk's numbers and text cells, when rows are judged
        self.at = 0  # the row being judged, in the chunk
        self.named: int | None = None  # the column on its right whose group label the judged total names
        self.before = 0  # the rows of the chunks read before this one
        self.tail: pa.Table | None = None  # the last rows of those chunks, at most NAMED_RUN (:meth:`_keep_tail`)

    def _start(self, width: int) -> None:
        self.width = width
        self.search = min(width, SEARCH_COLUMNS)
        zero = np.zeros(width)
        self.data = Sums(zero.copy(), zero.copy())  # data rows only
        self.every = Sums(zero.copy(), zero.copy())  # data rows and possible totals
        self.marks = [(self.data.copy(), self.every.copy()) for _ in range(self.search)]  # per level: at last reset
        # per level: the data sums at the last possible total (« Total fonction 10 », kept): the next one of its level
        # (« Total fonction 42 ») sums the rows since it, not since the start
        self.loose_marks = [self.data.copy() for _ in range(self.search)]
        self.start = (self.data.copy(), self.every.copy())  # at the start, or the last section row
        # at the start, whatever the sections: a grand total under sections with their own totals (« Total
        # général » under « Total Bouge » and « Total Jambes ») sums every data row of the table
        self.origin = (self.data.copy(), self.every.copy())
        self.previous: list[str] = [""] * self.search  # the last data row's label cells
        self.groups: list[str] = [""] * self.search  # the last non-empty label of each column

    def feed(self, chunk: pd.DataFrame, values: dict[int, ColumnValues] | None = None) -> list[Verdict]:
        """The verdicts on the rows of ``chunk``; ``values``: the distinct values of its columns by position (0-based),
        when the check engine encoded them (the label cells are then tested once per distinct value)."""
        try:
            verdicts = self._feed(chunk, values)
            self._keep_tail(chunk)
            return verdicts
        finally:  # the chunk's label columns (and their encodings) go with it, not at the next chunk
            self.labels: list[LabelColumn] = []
            self.numbers = self.text = np.zeros((0, 0))

    def _feed(self, chunk: pd.DataFrame, values: dict[int, ColumnValues] | None) -> list[Verdict]:
        if self.width < 0:
            self._start(len(chunk.columns))
        if chunk.empty or self.width == 0:
            return []
        columns = list(chunk.columns)
        # The label cells through their distinct values (or as Arrow arrays): tested in C, read one cell at a time
        # only where a row is judged.
        known = {position: column for position, column in (values or {}).items() if same_rows(column, chunk)}
        # every column's distinct values known (the engine's long chunks): a chunk of data rows alone (the usual one)
        # is summed from them, its numbers never laid out row by row
        distinct = self.shared and len(known) == self.width and len(chunk) >= STACK_ROWS
        numbers, text = (None, None) if distinct else self._parse(chunk, known)
        self.labels = [LabelColumn.at(chunk, position, known.get(position)) for position in range(self.search)]
        candidates = np.zeros(len(chunk), dtype=bool)
        for position, column in enumerate(self.labels):
            words = text[:, position] if text is not None else label_text(known[position])
            if words.any():  # a marker is text: columns of numbers only are skipped
                candidates |= words & column.marks()
        if candidates.any():  # a commune such as « Somme-Leuze » holds « som »: judged once per distinct label
            candidates = self._markers(candidates)
        sections = np.zeros(len(chunk), dtype=bool)
        if self.width >= 3:
            filled: np.ndarray = np.zeros(len(chunk), dtype=np.uint16 if self.width < 1 << 16 else np.int64)
            for position in range(self.width):  # the filled cells of each row, counted in place
                np.add(filled, (self.labels[position] if position < self.search
                                else LabelColumn.at(chunk, position, known.get(position))).filled, out=filled)
            sections = filled == 1
        if not candidates.any() and not sections.any():
            if numbers is None or text is None:
                self._add_sums(distinct_sums([known[position] for position in range(self.width)]), len(chunk))
            else:
                self._add_data(numbers, text, 0, len(chunk))
            return []
        if numbers is None or text is None:
            numbers, text = self._parse(chunk, known)
        picked = np.flatnonzero(candidates | sections)
        rows_cells = chunk.iloc[picked].to_numpy(dtype=object)  # the whole rows that are judged
        self.numbers, self.text = numbers, text  # for a total named after a column on its right (:meth:`_named_run_matches`)
        verdicts: list[Verdict] = []
        start = 0
        for at, index in enumerate(map(int, picked)):
            self._add_data(numbers, text, start, index)
            start = index + 1
            cells = [str(cell) for cell in rows_cells[at].tolist()]
            self.at = index
            verdict = self._judge(int(chunk.index[index]), cells, columns, numbers[index], text[index]) \
                if candidates[index] else None
            if verdict is None:
                if sections[index]:  # a section row (« 2023 », « Province de Namur »): sums start again below it
                    self.marks = [(self.data.copy(), self.every.copy()) for _ in range(self.search)]
                    self.loose_marks = [self.data.copy() for _ in range(self.search)]
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
                    self.loose_marks[level] = reset[0].copy()
            else:
                if verdict.reason in ("partial-sum", "sum-mismatch"):  # a possible subtotal: the next of its level
                    # sums from here
                    for level in range(verdict.position, self.search):
                        self.loose_marks[level] = self.data.copy()
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
            maybe = maybe_markers(cells)
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
        self._add_sums(column_sums(numbers[start:stop], text[start:stop]), stop - start, start)

    def _add_sums(self, sums: tuple[np.ndarray, np.ndarray, np.ndarray], rows: int, start: int = 0) -> None:
        """Add the :func:`.total_sums.column_sums` of the data rows ``start`` to ``start + rows`` of the chunk (once
        for both running sums)."""
        self.data.add_sums(*sums, rows)
        self.every.add_sums(*sums, rows)
        self._add_labels(start, start + rows)

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
        titles = [str(name) for name in columns]
        for position in range(self.search):
            cell = cells[position]
            found = self._marker(cell, position, titles) if cell.strip() else None
            if found is None and cell.strip() and normalise(cell) in STATISTICS:
                # a summary row (« Moyenne »; :mod:`.summary_rows` judges it): summed apart, as a loose marker's row, so
                # that a total under it matches the rows above without it
                return Verdict(row, position, str(columns[position]), cell, False, "loose")
            if found is None:
                if cell.strip() and cell.strip() != self.previous[position]:
                    return None  # a data label before any marker: this row is a record
                continue
            return self._weigh(row, position, cells, found, columns, numbers, text)
        return None

    def _named_run_matches(self, column: int, valued: list[int], cells: list[str]) -> bool:
        """Whether the numbers of the row being judged are the sums of the rows just above it whose ``column`` holds
        that column's group label, or is blank under it (a pivot writes a group's label once): walked up this chunk,
        then the end of the previous one (:attr:`tail`), at most :data:`NAMED_RUN` rows."""
        label = self.groups[column]
        walked = top = 0  # rows walked up, and up to the group's first label row
        for cell in self._labels_above(column):
            if cell not in (label, "") or walked == NAMED_RUN:
                break
            walked += 1
            top = walked if cell == label else top
        else:  # every row kept was walked: the group may begin above them, unless they are the table's first rows
            if (0 if self.tail is None else self.tail.num_rows) < self.before:
                return False
        if not top or walked == NAMED_RUN:
            return False
        numbers, text = self.numbers[self.at - min(top, self.at):self.at], self.text[self.at - min(top, self.at):self.at]
        if top > self.at and self.tail is not None:  # its first rows end the previous chunks
            earlier = parse_frame(self._tail_frame(top - self.at))
            numbers, text = np.concatenate([earlier[0], numbers]), np.concatenate([earlier[1], text])
        for j in valued:
            if text[:, j].any():
                return False
            expected = float(np.nansum(numbers[:, j]))
            if abs(self.numbers[self.at, j] - expected) > tolerance(cells[j], top) + 1e-9 * max(1.0, abs(expected)):
                return False
        return True

    def _labels_above(self, column: int) -> Iterator[str]:
        """The cells of ``column`` above the row being judged, nearest first: this chunk's, then the previous chunk's
        last rows (:attr:`tail`)."""
        cell = self.labels[column].cell
        for row in range(self.at - 1, -1, -1):
            yield cell(row).strip()
        if self.tail is not None:
            yield from (str(text).strip() for text in reversed(self.tail.column(column).to_pylist()))

    def _keep_tail(self, chunk: pd.DataFrame) -> None:
        """The last :data:`NAMED_RUN` rows read so far, this chunk's copied into a pyarrow table (its memory is not
        held, and no pandas object is made for it), for a total named after a column on its right whose group began
        in an earlier chunk (:meth:`_named_run_matches`)."""
        import pyarrow as pa

        self.before += len(chunk)
        if self.width < 3:
            return
        first = max(0, len(chunk) - NAMED_RUN)
        columns = []
        for position in range(len(chunk.columns)):
            series = chunk.iloc[:, position]
            array = getattr(series.array, "_pa_array", None)
            if array is None:
                columns.append(pa.array(series.iloc[first:].astype(str).tolist(), type=pa.string()))
                continue
            last = array.slice(first)  # pyarrow text: its last cells copied in C (a slice would hold the whole chunk)
            pieces = last.chunks if isinstance(last, pa.ChunkedArray) else [last]
            columns.append(pa.concat_arrays(pieces) if pieces else pa.array([], type=array.type))
        kept = pa.table(columns + [pa.array(chunk.index[first:].to_numpy())], names=[*map(str, range(len(columns))), "row"])
        if first == 0 and self.tail is not None and self.tail.num_columns == kept.num_columns:  # a short chunk
            kept = pa.concat_tables([self.tail, kept.cast(self.tail.schema)])
            kept = kept.slice(max(0, kept.num_rows - NAMED_RUN))
        self.tail = kept

    def _tail_frame(self, rows: int) -> pd.DataFrame:
        """The last ``rows`` rows of :attr:`tail` as the chunk held them (text columns, their row numbers)."""
        import pandas as pd

        assert self.tail is not None
        part = self.tail.slice(self.tail.num_rows - rows)
        frame = pd.DataFrame({position: pd.Series(part.column(position).to_pylist(), dtype="str")
                              for position in range(part.num_columns - 1)})
        frame.index = pd.Index(part.column("row").to_pylist())
        return frame

    def _marker(self, cell: str, position: int, titles: list[str]) -> Marker | None:
        """The marker of ``cell``, read against its column's group label, else against the group labels of the
        columns to its left, nearest first: some exports write « Total Dinant » in the communes' column, under the
        arrondissement « Dinant » of the column before (a pivot subtotal, summed and certain like any other). A total
        named after the title of its column or of a column to its left (``names``: « Total canton » in the column
        « Canton », « Total commune » in the column « Bureau » beside « Commune ») reads as a pivot's too: election
        results and population tables end so. ``titles``: every column's title; a total may name a column with its
        title and label (« Total fonction 10 » under « 10 » in « Fonction »: a budget's subtotal per function)."""
        self.named = None
        found = marker(cell, self.groups[position])
        if found in (Marker.LOOSE, Marker.PLACE):
            names = titles[:position + 1]
            titled = [f"{titles[left]} {self.groups[left]}" for left in range(position) if self.groups[left]]
            for group in (*reversed(names), *reversed(self.groups[:position]), *reversed(titled)):
                if group and marker(cell, group) is Marker.PIVOT:
                    return Marker.PIVOT
            for right in range(position + 1, self.search):  # « Total Administration générale » beside « Fonction »
                group = self.groups[right]
                if group and any(marker(cell, named) is Marker.PIVOT
                                 for named in (group, f"{titles[right]} {group}" if right < len(titles) else group)):
                    self.named = right
                    return Marker.PIVOT
        return found

    def _weigh(self, row: int, position: int, cells: list[str], found: Marker, columns: list[str],
               numbers: np.ndarray, text: np.ndarray) -> Verdict | None:
        right = range(position + 1, self.width)
        valued = [j for j in right if not np.isnan(numbers[j])]
        worded = [j for j in right if text[j]]
        data_mark, every_mark = self.marks[position]
        data_start, every_start = self.start  # a grand total sums everything since the start or the last section
        data_origin, every_origin = self.origin
        matches = any(total_matches(valued, cells, numbers, now, mark)
                      for now, mark in ((self.data, data_mark), (self.every, every_mark),
                                        (self.data, data_start), (self.every, every_start),
                                        (self.data, data_origin), (self.every, every_origin)))

        def verdict(certain: bool, reason: str) -> Verdict:
            return Verdict(row, position, str(columns[position]), cells[position], certain, reason)

        # or the rows since the previous possible total of its level (a budget's « Total fonction 42 » after a
        # « Total fonction 10 » kept)
        matches = matches or total_matches(valued, cells, numbers, self.data, self.loose_marks[position])
        if found is Marker.LOOSE:
            return verdict(False, "partial-sum") if valued and not worded and matches else verdict(False, "loose")
        if found is Marker.PLACE:
            return verdict(True, "sum") if valued and not worded and matches else verdict(False, "loose")
        if worded:
            return verdict(False, "text")
        if self.named is not None:  # its group's rows, not every row since the last total; else a record (as a loose
            # marker's: « Total Énergies » among suppliers of the sector « Énergies »)
            return verdict(True, "sum") if valued and self._named_run_matches(self.named, valued, cells) else \
                verdict(False, "loose")
        if not valued:
            return verdict(True, "no-numbers")
        if data_mark.rows == self.data.rows and data_start.rows == self.data.rows:
            return verdict(False, "no-rows")
        return verdict(True, "sum") if matches else verdict(False, "sum-mismatch")
