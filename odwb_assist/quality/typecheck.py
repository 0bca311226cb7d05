"""Column types read from the whole file, and their ``type-error`` findings, vectorised.

Frictionless infers a schema from the first rows only. The engine validates with text fields for
the types of :mod:`.type_readers` (structure errors stay Frictionless's) and checks those types here, one column
chunk at a time, with the same rules as Frictionless's value readers (default formats, missing
value ``""``). Without a schema, the type of a column is chosen from every row, not from the head:

* the type Frictionless saw in the first rows stays while at most 10 % of the column's values
  contradict it (so a lone mistake is still reported, as Frictionless does);
* otherwise the first type, in Frictionless's order, that at most 5 % contradict; else text;
* a wider type that reads more values wins (a column of whole numbers and 12.5 is a number column);
* house numbers (:mod:`.house_numbers`) are text as soon as one is not a whole number (« 12A », « 3 bte 2 »);
* placeholders (``-``, ``n.d.``… see :mod:`.placeholders`) count as empty cells, and a cell that
  another finding already explains (decimal comma, unit, local date…) is not also a type-error.

A column gives one ``type-error`` finding with the count and every row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from ..core.contract import ColumnValues
from ..core.findings import Finding, RowNumbers, Severity
from .aggregate import EXAMPLES, type_error_message
from .messages import TRANSLATIONS, column_words
from .read_as_text import read_as_text
from .type_readers import READ_AS_FRICTIONLESS, _Values

CANDIDATES = ("date", "integer", "number", "boolean", "year")  # Frictionless's order of inference
WIDER = {"year": "integer", "integer": "number"}  # each value of the first reads as the second
RANK = {"year": 0, "integer": 1, "number": 2, "date": 0, "boolean": 0}  # position in the WIDER chain
KEEP_SAMPLED = 0.10  # the type Frictionless inferred from the first rows stays while ≤ 10 % of all values contradict it
INFER = 0.05  # otherwise the first type contradicted by ≤ 5 % of the values (Frictionless's 0.9 confidence, scored ±1)
SLICE = 2000  # rows read first, so that a text column gives up the other types cheaply
FLOOR = 1000  # a type is given up while reading only after this many contradicting values (bounded memory)
MOSTLY = ("date", "number", "integer")  # types still counted past KEEP_SAMPLED, while at most HALF contradict them
HALF = 0.5


@dataclass
class _Column:
    """What the whole file says about one column: for each type still possible, the cells that contradict it."""

    name: str
    number: int
    sampled: str  # the type inferred from the first rows (or the schema's)
    fixed: bool  # a schema was given: no inference, placeholders are errors too
    text_by_nature: bool = False  # house numbers (:mod:`.house_numbers`): « 12A » among « 12 » makes them text
    filled: int = 0  # non-empty cells that are not placeholders
    rows: dict[str, list[np.ndarray]] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # types given up for their type-errors but read by most cells: their contradicting cells, only counted, and the
    # first of them (row, text), for :mod:`.read_as_text`
    mostly: dict[str, int] = field(default_factory=dict)
    first: dict[str, tuple[int, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.fixed = self.fixed or self.sampled in READ_AS_FRICTIONLESS
        types = (self.sampled,) if self.fixed else CANDIDATES
        for name in types:
            self.rows[name], self.cells[name], self.counts[name] = [], [], 0

    def choose(self) -> str:
        """The column's type over the whole file (see the module docstring)."""
        if self.fixed:
            return self.sampled
        if self.filled == 0:
            return self.sampled if self.sampled in CANDIDATES else "string"
        counts, filled = self.counts, self.filled
        if self.sampled in counts and counts[self.sampled] <= KEEP_SAMPLED * filled:
            chosen = self.sampled
        else:
            chosen = next((name for name in CANDIDATES if name in counts and counts[name] <= INFER * filled), "string")
        while chosen in WIDER and WIDER[chosen] in counts and counts[WIDER[chosen]] < counts[chosen]:
            chosen = WIDER[chosen]
        if self.text_by_nature and chosen in WIDER and counts.get(chosen):  # « 12A »: the house numbers are text
            return "string"
        return chosen


def _give_up(state: _Column) -> None:
    """Forget the types too many values contradict, and, once the sampled type holds, all but its wider ones.

    A date or number type given up while most cells still read as it is only counted from then on
    (``mostly``), until half of the cells contradict it: a column of amounts where a fifth of the cells are
    remarks is read as text by the portal, which :mod:`.read_as_text` says."""
    for name in [n for n, count in state.counts.items() if count > max(FLOOR, KEEP_SAMPLED * state.filled)]:
        if name in MOSTLY and state.counts[name] <= max(FLOOR, HALF * state.filled):
            state.mostly[name] = state.counts[name]
            state.first[name] = (int(state.rows[name][0][0]), state.cells[name][0])
        del state.counts[name], state.rows[name], state.cells[name]
    for name in [n for n, count in state.mostly.items() if count > max(FLOOR, HALF * state.filled)]:
        del state.mostly[name], state.first[name]
    if state.filled >= FLOOR and state.sampled in state.counts:
        keep = {state.sampled}
        while (wider := WIDER.get(max(keep, key=lambda name: RANK[name]))) is not None:
            keep.add(wider)
        for name in [n for n in state.counts if n not in keep]:
            del state.counts[name], state.rows[name], state.cells[name]
        state.mostly.clear()
        state.first.clear()


class Encoded(Protocol):
    """A chunk's columns as :class:`ColumnValues`, by name (the engine's ``EncodedColumns``)."""

    def __getitem__(self, name: str) -> ColumnValues: ...


class TypeTally:
    """Column types inferred from every row, and the ``type-error`` findings they give (one per column).

    ``types_reported``: the finding types it reports (what a check's ``types`` says).

    ``types`` maps a field to ``(number, type)``: the type Frictionless inferred from the first rows
    (``infer=True``) or the schema's (``infer=False``, checked as is, cell by cell).
    """

    types_reported = ("type-error", "read-as-text")
    blocking = ("type-error",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def __init__(self, types: dict[str, tuple[int, str]], infer: bool) -> None:
        from .house_numbers import house_number_columns

        self.infer = infer
        text = house_number_columns(types) if infer else frozenset()
        self.columns = {name: _Column(name, number, "string" if kind == "any" else kind, not infer, name in text)
                        for name, (number, kind) in types.items()}

    def add(self, chunk: pd.DataFrame, encoded: Encoded | None = None) -> None:
        """Count a chunk; ``encoded``: its columns' distinct values (:class:`ColumnValues`), when already encoded."""
        names = [name for name, state in self.columns.items() if (state.counts or state.mostly)
                 and name in chunk.columns and not (state.fixed and state.sampled == "string")]
        if not names or chunk.empty:
            return
        columns: dict[str, _Values] = {}
        for name in names:
            if encoded is not None:
                column = encoded[name]
            else:
                position = chunk.columns.get_loc(name)
                column = ColumnValues.from_series(chunk.iloc[:, position], position + 1)
            columns[name] = _Values(column)
        height = len(chunk)
        undecided = any(self.columns[name].filled < FLOOR and len(self.columns[name].counts) > 1 for name in names)
        start = 0
        if undecided and height > 2 * SLICE:
            self._add_block(columns, names, 0, SLICE)  # most candidates are given up on a few rows
            start = SLICE
            names = [name for name in names if self.columns[name].counts or self.columns[name].mostly]
        if names:
            self._add_block(columns, names, start, height)

    def _add_block(self, columns: dict[str, _Values], names: list[str], start: int, stop: int) -> None:
        """Test the candidate types on the distinct values of each column (once per value), then count the rows
        ``start:stop`` of the chunk: their cells' verdicts are read through the codes."""
        for name in names:
            state = self.columns[name]
            values = columns[name]
            codes = values.column.codes[start:stop]
            filled = codes >= 0
            kinds = list(state.counts)
            needed = None  # the distinct values of these rows (None: all): only their verdicts are read
            if stop - start < len(values.column.codes):
                needed = np.flatnonzero(np.bincount(codes[filled], minlength=len(values.column)))
            everywhere = None
            if not state.fixed:  # placeholders (cells no candidate reads) count as empty cells
                everywhere = np.ones(len(values.column), dtype=bool)
                for kind in kinds:
                    everywhere &= values.invalid(kind, needed)
                if needed is not None:
                    unknown = np.ones(len(values.column), dtype=bool)
                    unknown[needed] = False
                    everywhere[unknown] = False  # verdicts not computed yet: not read through these rows' codes
            placeholder = values.placeholders(everywhere) if everywhere is not None and everywhere.any() else None
            placeholder_rows = (np.append(placeholder, False)[codes] if placeholder is not None
                                else np.zeros(len(codes), dtype=bool))
            state.filled += int(filled.sum()) - int(placeholder_rows.sum())
            rows = values.column.rows[start:stop]
            for kind in kinds:
                bad = values.invalid(kind, needed)
                if not bad.any():  # no value of the chunk contradicts it (a code column, chunk after chunk)
                    continue
                mask = np.append(bad, False)[codes] & ~placeholder_rows
                count = int(mask.sum())
                if not count:
                    continue
                state.counts[kind] += count
                state.rows[kind].append(rows[mask])
                if not state.fixed or len(state.cells[kind]) < EXAMPLES:
                    state.cells[kind].extend(values.text_of(codes[mask]))
            for kind in list(state.mostly):  # only counted (see :func:`_give_up`)
                bad = values.invalid(kind, needed)
                if bad.any():
                    state.mostly[kind] += int((np.append(bad, False)[codes] & ~placeholder_rows).sum())
            if not state.fixed:
                _give_up(state)

    def types(self) -> dict[str, str]:
        """Field -> the type chosen from the whole file."""
        return {name: state.choose() for name, state in self.columns.items()}

    def findings(self, explained: Mapping[str, Sequence[Sequence[int]]] | None = None,
                 explained_rows: Sequence[Sequence[int]] = ()) -> Iterator[Finding]:
        """One ``type-error`` finding per column, without the cells another finding already explains (in that
        column, or its whole row: ``explained_rows``); then the ``read-as-text`` warnings (:mod:`.read_as_text`)."""
        yield from self._type_errors(explained, explained_rows)
        yield from read_as_text(self.columns, self.types(), explained, explained_rows)

    def _type_errors(self, explained: Mapping[str, Sequence[Sequence[int]]] | None,
                     explained_rows: Sequence[Sequence[int]] = ()) -> Iterator[Finding]:
        for name, state in self.columns.items():
            chosen = state.choose()
            if chosen == "string" or chosen not in state.rows or not state.rows[chosen]:
                continue
            rows = np.concatenate(state.rows[chosen])
            cells = state.cells[chosen]
            keep = np.ones(len(rows), dtype=bool)
            if not state.fixed and (groups := [np.asarray(g, dtype=rows.dtype)
                                               for g in (*(explained or {}).get(name, ()), *explained_rows)]):
                keep = ~np.isin(rows, np.concatenate(groups))
            if not keep.any():
                continue
            kept_rows = RowNumbers(rows[keep])
            kept_cells = [cell for cell, ok in zip(cells, keep[: len(cells)], strict=False) if ok]
            first = kept_cells[0] if kept_cells else ""
            message = type_error_message(column_words(name, state.number), chosen, "default", kept_rows, first)
            yield Finding(
                "type-error", Severity.ERROR, message, TRANSLATIONS["type-error"][1], row_number=kept_rows[0],
                field_name=name, field_number=state.number, cell=first, source="frictionless",
                extra={"expectedType": chosen, "expectedFormat": "default",
                       "examples": [{"rowNumber": r, "cell": c} for r, c in zip(kept_rows[:EXAMPLES], kept_cells[:EXAMPLES],
                                                                                strict=False)]},
                count=len(kept_rows), rows=kept_rows,
            )
