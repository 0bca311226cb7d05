"""One « plain number » verdict per distinct value of a chunk column, shared by the number and date checks.

Coordinate and amount columns hold nearly one distinct value per row, and most of them are plain numbers
(``50,354836``, ``-12``, ``4351``). Each pattern check (thousands separator, decimal comma, unit in cell,
local date) would run its regular expression over all of them; instead one cheap test over the
column's distinct values (read from their bytes, :mod:`.number_bytes`; RE2 when they are not plain Arrow text)
is made once per :class:`ColumnValues` object (the engine hands the same object
to every check of a chunk), and each check runs its pattern only on the other values, the plain ones
getting the verdict the pattern is known to give them. That test is a :class:`ValuesPreparation`: the engine
runs it ahead, on the CSV reader's thread, for the checks that list it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import ValuesPreparation
from .cells import one_array
from .number_bytes import PLAIN, plain_shapes
from .tally import SMALL_VALUES, value_mask

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from ..core.contract import ColumnValues



def _plain_verdicts(column: ColumnValues) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`plain_numbers` computed (a pure function of the column's distinct values)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = None if len(column) <= SMALL_VALUES else column.arrow
    if cells is None:
        return None
    cells = one_array(cells)
    shapes = plain_shapes(cells)  # read from the bytes: the pattern's verdicts, without running it
    if shapes is not None:
        return shapes

    def flags(result: pa.Array) -> np.ndarray:
        return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)

    plain = flags(pc.match_substring_regex(cells, f"^(?:{PLAIN})$"))
    comma = np.zeros(len(plain), dtype=bool)
    if plain.any():
        if plain.all():  # a column of plain numbers: tested where they are, no copy
            comma = flags(pc.match_substring(cells, ","))
        else:
            at = np.flatnonzero(plain)
            comma[at] = flags(pc.match_substring(cells.take(pa.array(at)), ","))
    return plain, comma


# made once per column for every check of its chunk, ahead on the CSV reader's thread when a check lists it
PLAIN_NUMBERS = ValuesPreparation("plain-numbers", _plain_verdicts)


def plain_numbers(column: ColumnValues) -> tuple[np.ndarray, np.ndarray] | None:
    """(plain, comma): masks over ``column.values`` of the plain numbers and of those with a decimal comma;
    None when the column is small (Python's ``re`` on every value is cheaper) or not pyarrow-backed. The masks
    are shared by the checks of the chunk: read them, never change them."""
    if len(column) <= SMALL_VALUES:
        return None
    verdicts: tuple[np.ndarray, np.ndarray] | None = PLAIN_NUMBERS(column)
    return verdicts


def pattern_mask(column: ColumnValues, pattern: str, prefilter: str | None = None, plain_comma: bool | None = False,
                 ) -> np.ndarray:
    """:func:`.tally.value_mask`, the pattern run only on the values that are not plain numbers.

    ``plain_comma`` is the pattern's verdict on a plain number: False (never matches one), True (matches the
    plain numbers with a decimal comma, and only those), None (unknown: every value is tested)."""
    import numpy as np

    verdicts = None if plain_comma is None else plain_numbers(column)
    if verdicts is None:
        return value_mask(column, pattern, prefilter)
    plain, comma = verdicts
    if not (~plain).any():
        return comma.copy() if plain_comma else np.zeros(len(plain), dtype=bool)
    rest = np.flatnonzero(~plain)
    mask = comma.copy() if plain_comma else np.zeros(len(plain), dtype=bool)
    mask[rest] = values_fullmatch(column, pattern, prefilter, rest)
    return mask


def text_cells(column: ColumnValues) -> pa.Array:
    """The distinct values of ``column`` as one Arrow text array: :func:`distinct_cells`, or made from its texts."""
    import pyarrow as pa

    cells = distinct_cells(column)
    return cells if cells is not None else pa.array(list(column.texts), type=pa.string())


def distinct_cells(column: ColumnValues) -> pa.Array | None:
    """The distinct values of ``column`` as one Arrow text array (None: they are not Arrow-backed)."""
    import pyarrow as pa

    cells = column.arrow
    if cells is None:
        return None
    cells = one_array(cells)
    return cells if pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type) else None


def values_fullmatch(column: ColumnValues, pattern: str, prefilter: str | None = None,
                     at: np.ndarray | None = None) -> np.ndarray:
    """:func:`.cells.fullmatch_mask` over the distinct values of ``column`` (those at positions ``at``, in order),
    on their Arrow array directly: no pandas Series made (the same RE2 run, when the pattern is one pandas
    would hand to pyarrow)."""
    import pyarrow as pa

    from .cells import arrow_fullmatch, fullmatch_mask, re2_safe

    cells = distinct_cells(column) if re2_safe(pattern) else None
    if cells is None:
        values = column.values if at is None else column.values.iloc[at].reset_index(drop=True)
        return fullmatch_mask(values, pattern, prefilter)
    if at is not None and len(at) != len(cells):
        cells = cells.take(pa.array(at))
    return arrow_fullmatch(cells, pattern, prefilter)
