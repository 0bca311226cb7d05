"""Which cells each type cannot read, vectorised: the types checked here (:data:`VECTOR_TYPES`), Frictionless's
default readers written as RE2 patterns, over a text column (:func:`invalid_mask`) or a chunk column's distinct
values, each tested once (:class:`_Values`). :mod:`.typecheck` tallies their verdicts into column types.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..checks.cells import compiled, fullmatch_mask
from ..core.contract import ColumnValues
from .cell_readers import READERS
from .inference import is_date
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
DIGITS_READ = ("integer", "number", "year")  # the types whose pattern reads any cell of ASCII digits alone
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
            bad |= column.index.isin([row for row, cell in doubtful.items() if not is_date(str(cell))])
    if field_type == "year":
        bad |= filled & (column.str.len() != 4)
    return bad


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
        fullmatch = compiled(PATTERNS[kind]).fullmatch
        valid = [fullmatch(text) is not None for text in texts]
        if kind == "date":
            valid = [ok and is_date(text) for ok, text in zip(valid, texts, strict=True)]
        elif kind == "year":
            valid = [ok and len(text) == 4 for ok, text in zip(valid, texts, strict=True)]
        return ~np.asarray(valid, dtype=bool)

    def _arrow_invalid(self, at: np.ndarray | None, kind: str) -> np.ndarray | None:
        """:func:`invalid_mask` on the Arrow values directly (no pandas Series), or None where it cannot say: not
        Arrow text, a pattern pandas would not give RE2, a date column holding ISO-shaped values (pandas then
        parses them)."""
        from ..checks.cells import arrow_fullmatch, byte_lengths, made_of, re2_safe

        cells = self.cells
        if cells is None or (kind not in READ_AS_FRICTIONLESS and not re2_safe(PATTERNS[kind])):
            return None
        if at is not None:
            import pyarrow as pa

            cells = cells.take(pa.array(at))
        if kind in READ_AS_FRICTIONLESS:
            from .cell_readers import readable

            return (byte_lengths(cells) > 0) & ~readable(cells, kind)
        if kind in DIGITS_READ:  # digits alone are read (most cells of a column of counts): the pattern on the others
            valid = made_of(cells, "0123456789")
            rest = np.flatnonzero(~valid)
            if len(rest):
                import pyarrow as pa

                valid[rest] = arrow_fullmatch(cells.take(pa.array(rest)), PATTERNS[kind])
        else:
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
            from ..checks.zero_dates import ZERO_VALUES

            digits = holding(self.cells, "0123456789")[at]  # only a zero date holds a digit (strip, lower keep them)
            if digits.any():  # the zero-date verdicts of the column's values, shared with the checks (no copy)
                zero = at[digits]
                found[zero] = ZERO_VALUES(self.column)[zero]
            at = at[~digits]
            if len(at):
                size = pc.utf8_length(self.cells.take(pa.array(at))).to_numpy(zero_copy_only=False)
                at = at[size <= LONGEST + 4]
            if len(at):
                found[at] = placeholder_mask(self._series(at)).to_numpy(dtype=bool)
        else:
            found[at] = placeholder_mask(self._series(at)).to_numpy(dtype=bool)
        return found
