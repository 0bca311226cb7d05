"""Records with more or fewer cells than the header, put back in place for pyarrow's streaming reader.

pyarrow's CSV reader cannot hold such a record in its columns. Its ``invalid_row_handler`` is told the record's
number (counted from the start of the stream, a quoted cell spanning lines being one record, as the csv module
counts them) and its text; the record is then skipped. Here its text is parsed with the csv module in the file's
dialect (as Frictionless's parser reads it), cut or padded to the header's width with empty cells (as
:func:`.reader.frame_from_rows` does on the Frictionless path) and put back in its place, so that every row
keeps its number; its cells as read are kept for the structure findings (``missing-cell``, ``extra-cell``).

Before, one such record (a truncated last line, a footer « Source : … » below a table) sent the whole file to
Frictionless: 13.5 s instead of 3 s on a 1M-row export. Anything that does not add up (a record pyarrow cannot
number, a text that is not one record, numbers out of order) ends the reading: the file is then read by
Frictionless, as before (:class:`.csv_head.Fallback`).
"""

from __future__ import annotations

import csv
import io
from collections import deque
from typing import Any

WAITING = 200_000  # skipped records not put back yet (pyarrow parses a few blocks ahead): beyond, Frictionless reads


class Misplaced(Exception):
    """Skipped records that cannot be put back faithfully (the reading thread hands it over: a fallback)."""


class RaggedRecords:
    """The records pyarrow skipped, by record number, and the tables with them put back (one reading thread)."""

    def __init__(self, width: int, dialect: Any, first_row: int) -> None:
        self.width = width
        self.dialect = dialect
        self.first_row = first_row  # row number of the stream's first record (Frictionless's numbering)
        self.records = 0  # records of the stream placed so far (read by pyarrow or put back)
        self._skipped: deque[tuple[int, str]] = deque()  # (record number, text) told by pyarrow, not placed yet

    def handler(self, row: Any) -> str:
        """pyarrow's ``invalid_row_handler``: remember the record and skip it ("error" ends the reading)."""
        if row.number is None or len(self._skipped) >= WAITING:
            return "error"
        self._skipped.append((int(row.number), str(row.text)))
        return "skip"

    def put_back(self, batch: Any) -> tuple[Any, list[tuple[int, list[str]]]]:
        """``batch`` (the next records pyarrow read) with the skipped records among and just after them in place;
        the row number and cells of each record put back."""
        if not self._skipped:
            self.records += batch.num_rows
            return batch, []
        size = batch.num_rows
        start = 0  # the batch's rows placed
        placed = 0  # rows of the result placed
        positions: list[int] = []  # where the records put back go in the result
        cells_of: list[tuple[int, list[str]]] = []
        while start < size or (self._skipped and self._skipped[0][0] == self.records + 1):
            following = self._skipped[0][0] if self._skipped else None
            if following is not None and following <= self.records:
                raise Misplaced("ragged records out of order")
            if following == self.records + 1:
                positions.append(placed)
                cells_of.append(self._take())
                placed += 1
                continue
            take = size - start if following is None else min(size - start, following - self.records - 1)
            start += take
            placed += take
            self.records += take
        if not cells_of:
            return batch, []
        return self._placed(batch, positions, cells_of), cells_of

    def rest(self, schema: Any) -> tuple[Any, list[tuple[int, list[str]]]] | None:
        """The skipped records after the last batch (the file's last records), as a table; None when there are none."""
        if not self._skipped:
            return None
        cells_of: list[tuple[int, list[str]]] = []
        while self._skipped:
            if self._skipped[0][0] != self.records + 1:
                raise Misplaced("ragged records missing")
            cells_of.append(self._take())
        return self._table(cells_of, schema), cells_of

    def padded(self, cells: list[str]) -> list[str]:
        """The cells as the table holds them: the header's width, cut, or padded with empty cells."""
        return cells[: self.width] + [""] * (self.width - len(cells))

    def _take(self) -> tuple[int, list[str]]:
        number, text = self._skipped.popleft()
        records = list(csv.reader(io.StringIO(text, newline=""), self.dialect))
        if len(records) != 1:  # not one record for the csv module: pyarrow and Frictionless would read it apart
            raise Misplaced("a ragged record the csv module reads otherwise")
        self.records += 1
        return self.first_row + number - 1, records[0]

    def _table(self, cells_of: list[tuple[int, list[str]]], schema: Any) -> Any:
        import pyarrow as pa

        rows = [self.padded(cells) for _, cells in cells_of]
        return pa.table([pa.array([row[i] for row in rows], type=pa.string()) for i in range(self.width)],
                        schema=schema)

    def _placed(self, batch: Any, positions: list[int], cells_of: list[tuple[int, list[str]]]) -> Any:
        """The batch's rows and the records put back, each at its position (one ``take``: the batches holding
        a ragged record are the only ones copied)."""
        import numpy as np
        import pyarrow as pa

        size, added = batch.num_rows, len(cells_of)
        table = pa.concat_tables([pa.Table.from_batches([batch]), self._table(cells_of, batch.schema)])
        order = np.empty(size + added, dtype=np.int64)
        put = np.zeros(size + added, dtype=bool)
        put[positions] = True
        order[put] = np.arange(size, size + added)
        order[~put] = np.arange(size)
        return table.take(order)
