"""Column types read from the whole file, and their ``type-error`` findings, vectorised.

Frictionless infers a schema from the first rows only. The engine validates with text fields for
the types below (structure errors stay Frictionless's) and checks those types here, one column
chunk at a time, with the same rules as Frictionless's value readers (default formats, missing
value ``""``). Without a schema, the type of a column is chosen from every row, not from the head:

* the type Frictionless saw in the first rows stays while at most 10 % of the column's values
  contradict it (so a lone mistake is still reported, as Frictionless does);
* otherwise the first type, in Frictionless's order, that at most 5 % contradict; else text;
* a wider type that reads more values wins (a column of whole numbers and 12.5 is a number column);
* placeholders (``-``, ``n.d.``… see :mod:`.placeholders`) count as empty cells, and a cell that
  another finding already explains (decimal comma, unit, local date…) is not also a type-error.

A column gives one ``type-error`` finding with the count and every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..checks.cells import fullmatch_mask
from ..checks.tally import _compiled
from ..core.contract import ColumnValues
from ..core.findings import Finding, RowNumbers, Severity
from .aggregate import EXAMPLES, type_error_message
from .cell_readers import READERS
from .messages import TRANSLATIONS, column_words
from .placeholders import LONGEST, is_placeholder, placeholder_mask

# Frictionless v5 default readers: int(cell.strip()), Decimal(cell.strip()), strptime %Y-%m-%d,
# a 4-character int, the default true/false values. Written for RE2 (pyarrow): no \s, \d or lookaround,
# so that pandas runs them in pyarrow instead of falling back to Python's re.
WS = "[ \t\n\r\f\v]*"
DIGITS = "[0-9]+(?:_[0-9]+)*"
EXPONENT = "(?:[eE][+-]?[0-9]+)?"
PATTERNS: dict[str, str] = {
    "integer": f"{WS}[+-]?{DIGITS}{WS}",
    "number": (f"{WS}[+-]?(?:(?:{DIGITS})?\\.?{DIGITS}{EXPONENT}|{DIGITS}\\.{EXPONENT}"
               f"|(?i:inf|infinity|nan|snan)){WS}"),
    "year": f"{WS}(?:\\+?{DIGITS}|-[0_]*0){WS}",  # int(cell) in 0..9999, and len(cell) == 4 (below)
    "boolean": "true|True|TRUE|1|false|False|FALSE|0",
    "date": "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
    "string": "(?s).*",
}
# Datetimes, times, month-years, coordinate pairs, durations, JSON: read cell by cell with Frictionless's own
# readers (:mod:`.cell_readers`) and never inferred from every row: the type Frictionless saw in the first rows
# stays, placeholders and cells another finding explains included, as on Frictionless's own path. Text cells
# only: a workbook's own datetime cells are left to Frictionless (or found native, :mod:`.sheet_stream`).
READ_AS_FRICTIONLESS = frozenset(READERS)
SHEET_TYPES = frozenset(PATTERNS)  # the types checked here in a workbook's cells
VECTOR_TYPES = SHEET_TYPES | READ_AS_FRICTIONLESS  # … in a CSV's
# Field properties that do not change how a cell is read (anything else, e.g. groupChar, keeps Frictionless).
NEUTRAL_PROPERTIES = frozenset({"custom", "name", "schema", "title", "description", "example", "rdf_type", "format"})


def vectorisable(field: Any, text: bool = True) -> bool:
    """Whether an inferred field can be checked here (a default-format type, no constraint; ``text``: the cells
    are a CSV's text)."""
    try:
        defined = set(field.list_defined())
    except Exception:  # not a Frictionless field
        return False
    return (
        (field.type in (VECTOR_TYPES if text else SHEET_TYPES) or field.type == "any")
        and getattr(field, "format", "default") in (None, "default")
        and not getattr(field, "constraints", None)
        and defined <= NEUTRAL_PROPERTIES
    )


def _strptime_ok(cell: str) -> bool:
    try:
        datetime.strptime(cell, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def invalid_mask(column: pd.Series, field_type: str) -> pd.Series:
    """True where a non-empty cell cannot be read as ``field_type``."""
    filled = column != ""
    if field_type == "string":
        return filled & False
    if field_type in READ_AS_FRICTIONLESS:
        import pyarrow as pa

        from .cell_readers import readable

        cells = pa.array(column.astype(object).where(filled, "").tolist(), type=pa.string())
        return filled & ~pd.Series(readable(cells, field_type), index=column.index)
    valid = pd.Series(fullmatch_mask(column, PATTERNS[field_type]), index=column.index)  # pyarrow when pandas would
    bad = filled & ~valid
    if field_type == "date" and valid.any():
        parsed = pd.to_datetime(column.where(valid & filled), format="%Y-%m-%d", errors="coerce")
        doubtful = column[valid & filled & parsed.isna()]
        if not doubtful.empty:  # out of pandas' range (year 0001…) or impossible: ask strptime, as Frictionless does
            bad |= column.index.isin([row for row, cell in doubtful.items() if not _strptime_ok(str(cell))])
    if field_type == "year":
        bad |= filled & (column.str.len() != 4)
    return bad


CANDIDATES = ("date", "integer", "number", "boolean", "year")  # Frictionless's order of inference
WIDER = {"year": "integer", "integer": "number"}  # each value of the first reads as the second
RANK = {"year": 0, "integer": 1, "number": 2, "date": 0, "boolean": 0}  # position in the WIDER chain
KEEP_SAMPLED = 0.10  # the type Frictionless inferred from the first rows stays while ≤ 10 % of all values contradict it
INFER = 0.05  # otherwise the first type contradicted by ≤ 5 % of the values (Frictionless's 0.9 confidence, scored ±1)
SLICE = 2000  # rows read first, so that a text column gives up the other types cheaply
FLOOR = 1000  # a type is given up while reading only after this many contradicting values (bounded memory)


@dataclass
class _Column:
    """What the whole file says about one column: for each type still possible, the cells that contradict it."""

    name: str
    number: int
    sampled: str  # the type inferred from the first rows (or the schema's)
    fixed: bool  # a schema was given: no inference, placeholders are errors too
    filled: int = 0  # non-empty cells that are not placeholders
    rows: dict[str, list[np.ndarray]] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

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
        return chosen


def _give_up(state: _Column) -> None:
    """Forget the types too many values contradict, and, once the sampled type holds, all but its wider ones."""
    for name in [n for n, count in state.counts.items() if count > max(FLOOR, KEEP_SAMPLED * state.filled)]:
        del state.counts[name], state.rows[name], state.cells[name]
    if state.filled >= FLOOR and state.sampled in state.counts:
        keep = {state.sampled}
        while (wider := WIDER.get(max(keep, key=lambda name: RANK[name]))) is not None:
            keep.add(wider)
        for name in [n for n in state.counts if n not in keep]:
            del state.counts[name], state.rows[name], state.cells[name]


class Encoded(Protocol):
    """A chunk's columns as :class:`ColumnValues`, by name (the engine's ``EncodedColumns``)."""

    def __getitem__(self, name: str) -> ColumnValues: ...


SMALL_VALUES = 200  # distinct values: below this, Python's re beats a pandas string call (wide sheets, few rows)


class _Values:
    """A chunk column's distinct values and, per type, which of them it cannot read (each value tested once, when a
    block of rows first needs it: the first rows of a chunk often give a type up without reading the others)."""

    def __init__(self, column: ColumnValues) -> None:
        self.column = column
        self.small = len(column) <= SMALL_VALUES
        self._texts: np.ndarray | None = None
        self._cells: Any = None  # the distinct values as one Arrow text array (False: they are not Arrow text)
        self.bad: dict[str, np.ndarray] = {}
        self.known: dict[str, np.ndarray] = {}  # per type: which verdicts of ``bad`` are computed

    @property
    def texts(self) -> np.ndarray:
        if self._texts is None:
            self._texts = np.asarray(self.column.texts if self.small else self.column.values.to_numpy(dtype=object),
                                     dtype=object)
        return self._texts

    @property
    def cells(self) -> Any:
        """The distinct values as one Arrow text array, or None (a few values, or not Arrow text)."""
        if self._cells is None:
            from ..checks.cells import arrow_text

            self._cells = False
            if not self.small and self.column.arrow is not None and self.column.values.dtype == "str":
                self._cells = arrow_text(self.column.values)
                self._cells = False if self._cells is None else self._cells
        return self._cells if self._cells is not False else None

    def _series(self, at: np.ndarray) -> pd.Series:
        """The distinct values at ``at`` as a text Series indexed 0..n-1 (taken in Arrow when they are Arrow text)."""
        cells = self.cells
        if cells is None:
            return self.column.values.iloc[at].reset_index(drop=True)
        import pyarrow as pa

        return pd.Series(self.column.values.dtype.__from_arrow__(cells.take(pa.array(at))), copy=False)

    def text_of(self, at: np.ndarray) -> list[str]:
        """The distinct values at positions ``at`` (repeats allowed), as text."""
        if self.small or self._texts is not None:
            return list(self.texts[at].tolist())
        cells = self.cells
        if cells is not None:
            import pyarrow as pa

            return list(cells.take(pa.array(at)).to_pylist())
        return [str(text) for text in self.column.values.iloc[at].tolist()]

    def invalid(self, kind: str, needed: np.ndarray | None = None) -> np.ndarray:
        """Which distinct values cannot be read as ``kind``: computed for the positions ``needed`` (all when None);
        the verdicts of the others are only known once a block of rows needs them."""
        if kind not in self.bad:
            self.bad[kind] = np.zeros(len(self.column), dtype=bool)
            self.known[kind] = np.zeros(len(self.column), dtype=bool)
        bad, known = self.bad[kind], self.known[kind]
        todo = np.flatnonzero(~known) if needed is None else needed[~known[needed]]
        if len(todo):
            if kind == "number" and "integer" in self.bad:  # a whole number is a number: test integer's misses only
                integer = self.invalid("integer", todo)
                at = todo[integer[todo]]
                bad[at] = self._test(at, "number")
            else:
                bad[todo] = self._test(todo, kind)
            known[todo] = True
        return bad

    def _test(self, at: np.ndarray | None, kind: str) -> np.ndarray:
        count = len(self.column) if at is None else len(at)
        if kind == "string" or not count:
            return np.zeros(count, dtype=bool)
        if not self.small:
            fast = self._arrow_invalid(at, kind)
            if fast is not None:
                return fast
            values = self.column.values if at is None else self._series(at)
            return invalid_mask(values, kind).to_numpy(dtype=bool)
        texts = self.texts if at is None else self.texts[at]
        if kind in READ_AS_FRICTIONLESS:
            from .cell_readers import readable_texts

            return ~readable_texts([str(text) for text in texts], kind)
        fullmatch = _compiled(PATTERNS[kind]).fullmatch
        valid = [fullmatch(text) is not None for text in texts]
        if kind == "date":
            valid = [ok and _strptime_ok(text) for ok, text in zip(valid, texts, strict=True)]
        elif kind == "year":
            valid = [ok and len(text) == 4 for ok, text in zip(valid, texts, strict=True)]
        return ~np.asarray(valid, dtype=bool)

    def _arrow_invalid(self, at: np.ndarray | None, kind: str) -> np.ndarray | None:
        """:func:`invalid_mask` on the Arrow values directly (no pandas Series), or None where it cannot say: not
        Arrow text, a pattern pandas would not give RE2, a date column holding ISO-shaped values (pandas then
        parses them)."""
        from ..checks.cells import arrow_fullmatch, byte_lengths, re2_safe

        cells = self.cells
        if cells is None or (kind not in READ_AS_FRICTIONLESS and not re2_safe(PATTERNS[kind])):
            return None
        if at is not None:
            import pyarrow as pa

            cells = cells.take(pa.array(at))
        if kind in READ_AS_FRICTIONLESS:
            from .cell_readers import readable

            return (byte_lengths(cells) > 0) & ~readable(cells, kind)
        valid = arrow_fullmatch(cells, PATTERNS[kind])
        if kind == "date" and valid.any():
            return None
        size = byte_lengths(cells)
        bad = (size > 0) & ~valid
        if kind == "year":  # a valid year is ASCII: its length in bytes is its length in characters
            bad |= (size > 0) & (size != 4)
        return bad

    def placeholders(self, among: np.ndarray) -> np.ndarray:
        """Which distinct values are placeholders, tested among ``among`` only."""
        found = np.zeros(len(among), dtype=bool)
        at = np.flatnonzero(among)
        if self.small:
            found[at] = [is_placeholder(text) for text in self.texts[at]]
        elif self.cells is not None:  # only values short enough and without a digit may be one: pandas on those
            import pyarrow as pa
            import pyarrow.compute as pc

            from ..checks.cells import holding

            at = at[~holding(self.cells, "0123456789")[at]]  # no placeholder holds a digit (strip, lower keep them)
            if len(at):
                size = pc.utf8_length(self.cells.take(pa.array(at))).to_numpy(zero_copy_only=False)
                at = at[size <= LONGEST + 4]
            if len(at):
                found[at] = placeholder_mask(self._series(at)).to_numpy(dtype=bool)
        else:
            found[at] = placeholder_mask(self._series(at)).to_numpy(dtype=bool)
        return found


class TypeTally:
    """Column types inferred from every row, and the ``type-error`` findings they give (one per column).

    ``types_reported``: the finding types it reports (what a check's ``types`` says).

    ``types`` maps a field to ``(number, type)``: the type Frictionless inferred from the first rows
    (``infer=True``) or the schema's (``infer=False``, checked as is, cell by cell).
    """

    types_reported = ("type-error",)

    def __init__(self, types: dict[str, tuple[int, str]], infer: bool) -> None:
        self.infer = infer
        self.columns = {name: _Column(name, number, "string" if kind == "any" else kind, not infer)
                        for name, (number, kind) in types.items()}

    def add(self, chunk: pd.DataFrame, encoded: Encoded | None = None) -> None:
        """Count a chunk; ``encoded``: its columns' distinct values (:class:`ColumnValues`), when already encoded."""
        names = [name for name, state in self.columns.items()
                 if state.counts and name in chunk.columns and not (state.fixed and state.sampled == "string")]
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
            names = [name for name in names if self.columns[name].counts]
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
            if not state.fixed:
                _give_up(state)

    def types(self) -> dict[str, str]:
        """Field -> the type chosen from the whole file."""
        return {name: state.choose() for name, state in self.columns.items()}

    def findings(self, explained: Mapping[str, Iterable[Sequence[int]]] | None = None) -> Iterator[Finding]:
        """One ``type-error`` finding per column, without the cells another finding already explains."""
        for name, state in self.columns.items():
            chosen = state.choose()
            if chosen == "string" or chosen not in state.rows or not state.rows[chosen]:
                continue
            rows = np.concatenate(state.rows[chosen])
            cells = state.cells[chosen]
            keep = np.ones(len(rows), dtype=bool)
            if not state.fixed and explained and (groups := [np.asarray(g, dtype=rows.dtype) for g in explained.get(name, ())]):
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
