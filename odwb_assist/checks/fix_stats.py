"""What the number fixes need to know of whole columns, gathered while ``fix`` runs the check (no second read).

The fixes of numbers convert a column only when nearly all of it is numbers (:data:`.decimal_comma.NUMBER_SHARE`),
and « 12 places » becomes 12 only in a column of counts. A streaming fix decides before it reads the rows, so
:class:`ColumnStats` counts, on each column's distinct values (trimmed, weighted by their rows), what those
rules read; :meth:`ColumnStats.decide` then replays the order of the fixes (placeholders emptied, count words
stripped, thousands separators, then decimal commas) as the whole-table fixes see the column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding
from .cells import arrow_fullmatch, arrow_text, fullmatch_mask, re2_safe, starts_mask
from .cells import compiled as _compiled
from .decimal_comma import NUMBER_SHARE, PATTERN, SEPARATORS, WS
from .excel_errors import RULE as EXCEL_ERRORS
from .identifier_columns import identifier_columns
from .plain import distinct_cells, plain_numbers
from .thousands_separator import FIX_PATTERN, SURE_RE2
from .unit_in_cell import COUNTED, WHOLE

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

KNOWN_CELLS = 20_000  # distinct cells of a column kept at most for the rewrite pass (see :meth:`ColumnStats.known`)
KNOWN_TOTAL = 200_000  # … over all the columns
KNOWN_BYTES = 8 << 20  # bytes of a column's distinct cells kept at most (long texts: descriptions, remarks)
KNOWN_TOTAL_BYTES = 32 << 20  # … over all the columns
SMALL = 256  # distinct values of a column at most tested in plain Python (a pandas call costs more on so few)
READ_KEPT = 1024  # texts a column keeps read as numbers written for display (or not: see ColumnStats._few_displays)
CATEGORIES = 200  # more distinct values than this: not a category column (as ``UnifyCategories``)

NUMERIC_START = "[ \t]*[+-]?[0-9]"  # how every value the patterns below match begins
LOOSE = f"{WS}[+-]?(?:[0-9]{{1,3}}(?:{SEPARATORS}[0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?{WS}"


@dataclass
class Counts:
    filled: int = 0  # non-empty once trimmed
    loose: int = 0  # numbers written any local way
    placeholders: int = 0  # « - », « n.d. »… (emptied when the column holds numbers or dates)
    counted: int = 0  # « 12 places »
    other: bool = False  # a cell neither a whole number nor a counted one
    other_than_placeholder: bool = False
    decimal: bool = False  # a cell with a decimal comma
    decimal_left: bool = False  # … that the thousands fix leaves to the decimal fix
    sure: bool = False  # a cell with a thousands separator for certain
    # the first cell (row, text) that is no number (nor a placeholder, nor a count « 12 places »), and the first
    # placeholder: what ``fix`` shows when it leaves a column's numbers as they are (:meth:`ColumnStats.left_as_is`)
    other_example: tuple[int, str] | None = None
    placeholder_example: tuple[int, str] | None = None
    # numbers written for display (« 1 234,56 € », « (250,00) », « − 5 », « - € »: :mod:`.display_numbers`)
    display: int = 0
    units: dict[str, int] = field(default_factory=dict)  # their units as the title writes them ("": none) -> rows
    display_decimal: bool = False  # once read, a decimal comma (as ``decimal``, ``decimal_left``, ``sure`` above)
    display_decimal_left: bool = False
    display_sure: bool = False


@dataclass
class Decision:
    strip_count_words: bool
    thousands: bool
    decimal: bool
    display: bool = False  # numbers written for display are read (``number-display``)
    unit: str | None = None  # … and the column's title gets this unit


@dataclass(frozen=True)
class LeftAsIs:
    """A column whose numbers the number fixes leave as they are: ``numbers`` of its ``filled`` cells are numbers,
    fewer than :data:`NUMBER_SHARE`; ``example``: its first cell that is no number (row, text). With ``reason``
    ``"ambiguous"``: its ``numbers`` cells read two ways (« 3.658 »: 3658 or 3.658), ``example`` the first of them.
    With ``reason`` ``"unit"``, ``"unit-text"``, ``"units"`` or ``"unit-kept"`` (a duration, an age: no fix takes
    it out): ``numbers`` of its cells have a unit written in them,
    which no fix took out (:func:`..quality.fix_left.left_as_is`), ``units`` the units read (as titles write them).
    With ``reason`` ``"serial"``: ``numbers`` dates of a column of dates are Excel serial numbers, left as they are."""

    column: str
    numbers: int
    filled: int
    example: tuple[int, str] | None
    reason: str = "share"  # "share": too few numbers; "ambiguous": a point that may be a thousands separator
    units: tuple[str, ...] = ()


def _first_cell(column: ColumnValues, flagged: np.ndarray) -> tuple[int, str] | None:
    """The first row of the chunk whose value is flagged (over the distinct values), with its cell as written."""
    import numpy as np

    if not flagged.any():
        return None
    at = int(np.flatnonzero(column.row_mask(flagged))[0])
    return int(column.rows[at]), str(column.values.iat[int(column.codes[at])])


def display_read(display: int, with_unit: int, units: int, loose: int, filled: int) -> bool:
    """Whether ``number-display`` reads a column's ``display`` numbers written for display (``with_unit`` of them
    with a unit, of ``units`` kinds), among ``loose`` other numbers and ``filled`` cells: the numbers are nearly all
    the column (:data:`NUMBER_SHARE`), and a unit, when there is one, is the only one and nearly every number's
    (« 50 % » among « 0,45 » is 50 or 0.5: left to the user)."""
    numbers = loose + display
    if not display or units > 1 or not filled or numbers / filled < NUMBER_SHARE:
        return False
    return not units or with_unit >= NUMBER_SHARE * numbers


class _Trimmed:
    """A column's distinct values, trimmed (as ``str.strip``), and the tests :class:`ColumnStats` makes on them:
    in pyarrow directly when they are Arrow text (the kernels pandas would call, without its calls around
    them), else through pandas."""

    def __init__(self, values: pd.Series, trimmed: bool = False) -> None:
        import pyarrow.compute as pc

        cells = arrow_text(values)
        self.dtype = values.dtype
        self.cells = None if cells is None or cells.null_count else cells if trimmed else pc.utf8_trim_whitespace(cells)
        self._series = values.str.strip() if self.cells is None else None
        self.size = len(values)

    def __len__(self) -> int:
        return self.size

    def series(self) -> pd.Series:
        import pandas as pd

        if self._series is None:
            self._series = pd.Series(self.cells, dtype=self.dtype)
        return self._series

    def _flags(self, result: Any) -> np.ndarray:
        import numpy as np
        import pyarrow.compute as pc

        return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)

    def _at(self, at: np.ndarray | None) -> pa.Array:
        import pyarrow as pa

        cells = self.cells
        assert cells is not None  # callers test it first
        return cells if at is None or len(at) == self.size else cells.take(pa.array(at))

    def filled(self, at: np.ndarray | None = None) -> np.ndarray:
        import pyarrow.compute as pc

        if self.cells is None:
            values = self.series()
            return ((values if at is None else values.iloc[at]) != "").to_numpy(dtype=bool)
        return self._flags(pc.not_equal(self._at(at), ""))

    def starts(self, pattern: str, at: np.ndarray | None = None) -> np.ndarray:
        import pyarrow.compute as pc

        if self.cells is None or not re2_safe(pattern):
            values = self.series()
            return starts_mask(values if at is None else values.iloc[at], pattern)
        return self._flags(pc.match_substring_regex(self._at(at), f"^(?:{pattern})"))

    def numeric(self, at: np.ndarray | None = None) -> np.ndarray:
        """Where a value (at positions ``at``) begins as a number: :data:`NUMERIC_START`, read from its first two
        bytes (the values hold no leading space: trimmed, or plain numbers)."""
        from .cells import byte_at, byte_set

        if self.cells is None:
            return self.starts(NUMERIC_START, at)
        digits, signs = byte_set("0123456789"), byte_set("+-")
        first, second = byte_at(self.cells, 0, at), byte_at(self.cells, 1, at)
        return digits[first] | (signs[first] & digits[second])

    def holding(self, characters: str, at: np.ndarray) -> np.ndarray:
        """Which values at positions ``at`` hold one of the ASCII ``characters`` (all of them, without Arrow text)."""
        import numpy as np
        import pyarrow as pa

        from .cells import holding

        return np.ones(len(at), dtype=bool) if self.cells is None else holding(self.cells.take(pa.array(at)), characters)

    def minus(self) -> np.ndarray:
        """Where a value starts with « - » (read from its first byte)."""
        from .cells import first_bytes

        return self.starts("-") if self.cells is None else first_bytes(self.cells) == ord("-")

    def texts(self, at: np.ndarray | None) -> list[str]:
        if self.cells is None:
            values = self.series()
            return (values if at is None else values.iloc[at]).tolist()
        return (self.cells if at is None else self.cells.take(at)).to_pylist()

    def fullmatch(self, pattern: str, at: np.ndarray | None) -> np.ndarray:
        if self.cells is None or not re2_safe(pattern):
            values = self.series()
            return fullmatch_mask(values if at is None else values.iloc[at], pattern)
        return arrow_fullmatch(self.cells if at is None else self.cells.take(at), pattern)

    def placeholders(self, at: np.ndarray | None = None) -> np.ndarray:
        """Where a value (at positions ``at``) is one of the placeholder forms."""
        import pyarrow.compute as pc

        from .number_forms import _PLACEHOLDER_FORMS

        if self.cells is None:
            values = self.series()
            return (values if at is None else values.iloc[at]).isin(_PLACEHOLDER_FORMS).to_numpy(dtype=bool)
        return self._flags(pc.is_in(self._at(at), value_set=_placeholder_set(self.cells.type)))


@lru_cache(maxsize=4)
def _placeholder_set(kind: pa.DataType) -> pa.Array:
    import pyarrow as pa

    from .number_forms import _PLACEHOLDER_FORMS

    return pa.array(sorted(_PLACEHOLDER_FORMS), type=kind)


class ColumnStats(BaseTableCheck):
    """A check without findings: counts per column for the plans of the number fixes (see module doc)."""

    name = "fix-plan-stats"

    def start(self, context: CheckContext) -> None:
        self.columns: dict[str, Counts] = {}
        self.categories: dict[str, dict[str, list[int]]] = {}  # column -> trimmed value -> [rows, first row]
        self.too_many: set[str] = set()  # columns with more distinct values than a category column has
        options = getattr(context, "options", None) or {}
        self.reader = options.get("reader")  # how the check read the file (« arrow »: in pyarrow blocks)
        self.detected = options.get("detected")
        self.identifiers = identifier_columns(list(getattr(context, "fields", None) or ()), options)  # no thousands
        self._known: dict[str, pa.Array] = {}  # column -> every distinct non-empty cell met, while few
        self._rows: dict[str, int] = {}  # column -> rows met
        self._varied: set[str] = set()  # columns with too many distinct cells to keep
        self._kept = 0
        self._kept_bytes = 0
        self._read: dict[str, dict[str, tuple[str | None, str | None]]] = {}  # column -> text -> its display

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        self._keep(column)
        if not len(column):
            return ()
        counts = self.columns.setdefault(column.name, Counts())
        weights = column.counts
        # The plain numbers (« 50,354836 », « 4351 »: no space, sign but a leading minus, nor point) get the
        # verdicts every pattern below is known to give them, from the verdict the number checks share
        # (:func:`.plain.plain_numbers`); the patterns run on the other values only.
        verdicts = plain_numbers(column)
        plain, comma = verdicts if verdicts is not None else (None, None)
        trimmed = _Trimmed(column.values, trimmed=plain is not None and bool(plain.all()))
        values = trimmed
        everywhere = np.arange(len(values))
        rest = everywhere if plain is None else np.flatnonzero(~plain)

        def where(pattern: str, at: np.ndarray) -> np.ndarray:
            mask = np.zeros(len(values), dtype=bool)
            if not len(at):
                return mask
            whole = len(at) == len(values)
            if len(at) <= SMALL:  # a few values (wide files: thousands of columns of a few rows): plain Python
                compiled = _compiled(pattern)
                found = np.fromiter((compiled.fullmatch(v) is not None for v in trimmed.texts(None if whole else at)),
                                    dtype=bool, count=len(at))
            else:
                found = trimmed.fullmatch(pattern, None if whole else at)
            mask[at[found]] = True
            return mask

        def spread(flags: np.ndarray, at: np.ndarray, base: np.ndarray | None = None) -> np.ndarray:
            mask = np.zeros(len(values), dtype=bool) if base is None else base.copy()
            mask[at] = flags
            return mask

        # Each pattern is tested only where it can match: every one begins with a digit (after spaces and a
        # sign), and every one but COUNTED (which ends with a word) only matches numbers LOOSE matches.
        if plain is None:
            numeric = everywhere if len(values) <= SMALL else np.flatnonzero(trimmed.numeric())
            filled = trimmed.filled()
            loose = where(LOOSE, numeric)
            placeholder = trimmed.placeholders() & ~loose
        else:  # a plain number is filled, numeric, LOOSE, no placeholder
            numeric = np.flatnonzero(spread(trimmed.numeric(rest), rest, plain)) if len(rest) \
                else everywhere
            filled = spread(trimmed.filled(rest), rest, np.ones(len(values), dtype=bool))
            loose = where(LOOSE, numeric[~plain[numeric]]) | plain
            placeholder = spread(trimmed.placeholders(rest), rest) & ~loose
        filled = filled & ~EXCEL_ERRORS.values_mask(column)  # a formula's error: emptied by ``excel-errors`` before these fixes
        numbers = np.flatnonzero(loose)
        others = numbers if plain is None else numbers[~plain[numbers]]  # the numbers that are not plain
        nothing = np.zeros(len(values), dtype=bool)
        maybe_counted = numeric[~loose[numeric]]
        if len(maybe_counted) > SMALL:  # each of COUNT_WORDS holds a « p », an « h » or an « l »
            maybe_counted = maybe_counted[trimmed.holding("pPhHlL", maybe_counted)]
        counted = where(COUNTED, maybe_counted)
        if counts.other_example is None:
            counts.other_example = _first_cell(column, filled & ~loose & ~placeholder & ~counted)
        if counts.placeholder_example is None:
            counts.placeholder_example = _first_cell(column, placeholder)
        counts.filled += int(weights[filled].sum())
        counts.loose += int(weights[loose].sum())
        counts.placeholders += int(weights[placeholder].sum())
        counts.counted += int(weights[counted].sum())
        # A flag once raised stays raised: its patterns are no longer tested in the next chunks.
        if not (counts.other and counts.other_than_placeholder):
            whole = where(WHOLE, others)
            if plain is not None and comma is not None and plain.any():  # WHOLE: a plain number without comma nor minus
                whole |= plain & ~comma & ~trimmed.minus()
            other = filled & ~counted & ~whole
            counts.other = counts.other or bool(other.any())
            counts.other_than_placeholder = counts.other_than_placeholder or bool((other & ~placeholder).any())
        if not counts.decimal_left:
            decimal = where(PATTERN, others)
            # FIX_PATTERN needs a group separator, which a plain number never holds: tested on the others only
            fixable = where(FIX_PATTERN, np.flatnonzero(decimal)) if decimal.any() else nothing
            if plain is not None:  # a plain number matches PATTERN when it has a comma
                decimal |= plain & comma
            counts.decimal = counts.decimal or bool(decimal.any())
            counts.decimal_left = bool((decimal & ~fixable).any())
        if not counts.sure:  # SURE_RE2 never matches a plain number
            counts.sure = bool(where(SURE_RE2, others).any())
        self._displays(counts, column.name, trimmed, filled & ~loose & ~placeholder & ~counted, weights)
        if column.name not in self.too_many:
            self._categories(column, trimmed.series(), weights, filled)
        return ()

    def _displays(self, counts: Counts, column: str, trimmed: _Trimmed, candidates: np.ndarray,
                  weights: np.ndarray) -> None:
        """Count the numbers written for display among ``candidates`` (a mask of the distinct values), by unit, and
        what the thousands and decimal fixes will see of them once read."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from .cells import byte_set, first_bytes
        from .display_numbers import DISPLAY_FIRST, read_displays

        at = np.flatnonzero(candidates)
        if not len(at):
            return
        cells = trimmed.cells.take(pa.array(at)) if trimmed.cells is not None else \
            pa.array(trimmed.texts(at), type=pa.string())
        if not len(cells):
            return
        maybe = byte_set(DISPLAY_FIRST)[first_bytes(cells)]
        if not maybe.any():
            return
        at, cells = at[maybe], cells.filter(pa.array(maybe))
        if len(at) <= SMALL:  # a few values, most of them met in the chunks before: read once per column
            self._few_displays(counts, column, cells.to_pylist(), weights[at])
            return
        numbers, units = read_displays(cells)
        read = np.asarray(numbers.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        if not read.any():
            return
        numbers = numbers.filter(pa.array(read))
        shown = pc.fill_null(units.filter(pa.array(read)), "").to_pylist()
        for unit, weight in zip(shown, weights[at[read]].tolist(), strict=True):
            counts.units[unit] = counts.units.get(unit, 0) + int(weight)
            counts.display += int(weight)
        if not counts.display_decimal_left:
            decimal = arrow_fullmatch(numbers, PATTERN)
            counts.display_decimal = counts.display_decimal or bool(decimal.any())
            if decimal.any():
                fixable = arrow_fullmatch(numbers.filter(pa.array(decimal)), FIX_PATTERN)
                counts.display_decimal_left = bool((~fixable).any())
        if not counts.display_sure:
            counts.display_sure = bool(arrow_fullmatch(numbers, SURE_RE2).any())

    def _few_displays(self, counts: Counts, column: str, texts: list[str], weights: np.ndarray) -> None:
        """What :meth:`_displays` counts, for a few cells: each text read once per column (:func:`read_displays`,
        kept in :attr:`_read`, at most :data:`READ_KEPT` texts a column), its number tested with Python's ``re``."""
        import pyarrow as pa

        from .display_numbers import read_displays

        read = self._read.setdefault(column, {})
        unseen = [text for text in dict.fromkeys(texts) if text not in read]
        if unseen:
            numbers, units = read_displays(pa.array(unseen, type=pa.string()))
            found = dict(zip(unseen, zip(numbers.to_pylist(), units.to_pylist(), strict=True), strict=True))
            if len(read) + len(found) <= READ_KEPT:
                read.update(found)
        else:
            found = {}
        decimal, fixable, sure = (_compiled(pattern).fullmatch for pattern in (PATTERN, FIX_PATTERN, SURE_RE2))
        for text, weight in zip(texts, weights.tolist(), strict=True):
            number, unit = read[text] if text in read else found[text]
            if number is None:
                continue
            counts.units[unit or ""] = counts.units.get(unit or "", 0) + int(weight)
            counts.display += int(weight)
            if decimal(number) is not None:
                counts.display_decimal = True
                counts.display_decimal_left = counts.display_decimal_left or fixable(number) is None
            counts.display_sure = counts.display_sure or sure(number) is not None

    def _categories(self, column: ColumnValues, values: pd.Series, weights: np.ndarray, filled: np.ndarray) -> None:
        """Each trimmed value's rows and first row, while the column has at most :data:`CATEGORIES` of them."""
        import numpy as np

        if column.name in self.too_many:
            return
        seen = self.categories.setdefault(column.name, {})
        kept = values[filled]
        if len(seen) + kept.nunique() > CATEGORIES and len(set(seen) | set(kept.tolist())) > CATEGORIES:
            self.too_many.add(column.name)
            del self.categories[column.name]
            return
        first = np.full(len(column.values), np.iinfo(np.int64).max)
        np.minimum.at(first, column.codes[column.codes >= 0], column.rows[column.codes >= 0])
        for at in np.flatnonzero(filled):
            value = str(values.iat[at])
            entry = seen.setdefault(value, [0, int(first[at])])
            entry[0] += int(weights[at])
            entry[1] = min(entry[1], int(first[at]))

    def category_counts(self, column: str, typed: bool) -> dict[str, list[int]] | None:
        """The trimmed values of ``column`` with their rows and first row (placeholders left out when ``typed``:
        they are emptied first); None when the column has too many values to be categories."""
        from .number_forms import _PLACEHOLDER_FORMS

        seen = self.categories.get(column)
        if seen is None:
            return None if column in self.too_many else {}
        return {value: entry for value, entry in seen.items() if not (typed and value in _PLACEHOLDER_FORMS)}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        return ()

    def _keep(self, column: ColumnValues) -> None:
        """Remember the distinct cells of a column of few of them (:data:`KNOWN_CELLS`, :data:`KNOWN_TOTAL`, and as
        many bytes: :data:`KNOWN_BYTES`, :data:`KNOWN_TOTAL_BYTES`)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        name = column.name
        self._rows[name] = self._rows.get(name, 0) + len(column.codes)
        if name in self._varied or not len(column):
            return
        known = self._known.get(name)
        cells = distinct_cells(column) if len(column) <= KNOWN_CELLS else None
        if cells is not None and known is not None:
            cells = cells.filter(pc.invert(pc.fill_null(pc.is_in(cells, value_set=known), False)))
            cells = pa.concat_arrays([known, cells.cast(known.type)]) if len(cells) else known
        before = len(known) if known is not None else 0
        before_bytes = known.nbytes if known is not None else 0
        size = cells.nbytes if cells is not None else 0
        if cells is None or len(cells) > KNOWN_CELLS or self._kept - before + len(cells) > KNOWN_TOTAL \
                or size > KNOWN_BYTES or self._kept_bytes - before_bytes + size > KNOWN_TOTAL_BYTES:
            self._varied.add(name)
            self._known.pop(name, None)
            self._kept -= before
            self._kept_bytes -= before_bytes
            return
        self._kept += len(cells) - before
        self._kept_bytes += size - before_bytes
        self._known[name] = cells

    def known(self, column: str, rows: int) -> pa.Array | None:
        """Every distinct non-empty cell of ``column`` as the check read it, when the check read it in pyarrow
        blocks (as the rewrite pass reads it) and saw ``rows`` rows of it; None when not known."""
        if self.reader != "arrow" or column in self._varied or self._rows.get(column) != rows:
            return None
        return self._known.get(column)

    def left_as_is(self, column: str, typed: bool) -> LeftAsIs | None:
        """Why the number fixes leave ``column`` as it is although it holds a decimal comma or a thousands separator
        (which the check reports, pointing to ``fix``): too few of its values are numbers (:data:`NUMBER_SHARE`);
        with its first cell that is no number. None when they convert it, or when there is nothing to convert."""
        counts = self.columns.get(column)
        sure = counts is not None and counts.sure and column not in self.identifiers
        if counts is None or not (counts.decimal or sure):  # nothing the check would point to ``fix`` for
            return None
        decision = self.decide(column, typed)
        if decision.thousands or decision.decimal:
            return None
        filled = counts.filled - (counts.placeholders if typed else 0)
        numbers = counts.loose + (counts.counted if decision.strip_count_words else 0)
        if not numbers or not filled:
            return None
        example = counts.other_example or (None if typed else counts.placeholder_example)
        return LeftAsIs(column, numbers, filled, example)

    def decide(self, column: str, typed: bool) -> Decision:
        """Which number fixes convert ``column`` (``typed``: its placeholders are emptied first)."""
        counts = self.columns.get(column)
        if counts is None:
            return Decision(False, False, False)
        filled = counts.filled - (counts.placeholders if typed else 0)
        other = counts.other_than_placeholder if typed else counts.other
        strip = counts.counted > 0 and not other
        loose = counts.loose + (counts.counted if strip else 0)
        units = [unit for unit in counts.units if unit]
        display = display_read(counts.display, sum(counts.units.get(unit, 0) for unit in units), len(units), loose,
                               filled)
        if display:  # read, they are numbers as the others, for the fixes that follow
            loose += counts.display
        numbers = filled > 0 and loose / filled >= NUMBER_SHARE
        sure = counts.sure or (display and counts.display_sure)
        thousands = sure and numbers and column not in self.identifiers
        written = counts.decimal or (display and counts.display_decimal)
        left = counts.decimal_left or (display and counts.display_decimal_left)
        decimal = (left if thousands else written) and numbers
        return Decision(strip, thousands, decimal, display, units[0] if display and units else None)


