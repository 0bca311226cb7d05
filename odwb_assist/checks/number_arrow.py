"""The vectorised parse of number cells held as Arrow text (no nulls), in pyarrow's kernels and numpy.

:func:`.numbers.parse_column` reads a column this way whenever its cells are all text: the byte verdicts of
:mod:`.number_bytes` rule cells in or out first, a whole-column float cast takes a column of plain numbers, and the
patterns of :mod:`.number_forms` (RE2) select and normalise the rest. A module of its own because it is most of the
parse; :mod:`.numbers` holds the pandas path, the distinct values and whole chunks, and calls it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .cells import one_array
from .number_bytes import (
    UNCAST,
    dotted,
    first_in,
    maybe_padded,
    number_bits,
    surely_not_local,
    with_digit,
)
from .number_forms import _CASTABLE_FIRST, _FIRST, _FORMS_DIGITS, _PLACEHOLDER_FORMS, COMMA, LOCAL, PLAIN, UNITS

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def as_arrow_text(values: pd.Series) -> pa.Array | None:
    """The cells as one Arrow text array (pandas' own when Arrow-backed), or None when they are not all text."""
    import pyarrow as pa

    array = getattr(values.array, "_pa_array", None)
    if array is None:
        try:
            array = pa.array(values.to_numpy(dtype=object), type=pa.large_string())
        except (pa.ArrowException, TypeError, ValueError):
            return None
    array = one_array(array)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)) or array.null_count:
        return None
    return array


def _mask(result: pa.Array | pa.ChunkedArray) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def _fullmatch(cells: pa.Array, pattern: str) -> np.ndarray:
    """pandas' ``str.fullmatch`` on Arrow text (RE2: the patterns here use nothing Python reads otherwise)."""
    import pyarrow.compute as pc

    return _mask(pc.match_substring_regex(cells, f"^(?:{pattern})$"))


def arrow_floats(cells: pa.Array) -> np.ndarray:
    """Plain decimal text (``-12.5``) to floats, in C."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return np.asarray(pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    except pa.ArrowException:  # a value the cast cannot read
        return np.asarray(cells.to_pylist(), dtype="float64")


def _arrow_strict_floats(cells: pa.Array) -> np.ndarray | None:
    """Floats when every cell is a plain number (``12``, ``-3.5``), else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if _cast_fails(cells):  # a sample of cells says so (phone numbers, dates): no pass over every cell
        return None
    if pc.any(pc.match_substring(cells, ",")).as_py():  # a decimal comma: the cast fails, after a long try
        return None
    try:
        found = np.asarray(pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    except pa.ArrowException:  # a cell that is not a plain number
        return None
    return None if np.isinf(found).any() else found


# A text the float cast surely fails on: empty, a leading blank (the cast trims nothing), or a number's start (a
# digit or a point, no « nan(…) » form then) followed by a character no number holds (« 087/61.79.32 », « 05/04 »).
DOOMED = "^(?:$|[ \t\u00a0]|[+-]?[0-9.][0-9.eE+-]*[^0-9.eE+-])"
DOOMED_SAMPLE = 64


def _cast_fails(cells: pa.Array) -> bool:
    """Whether an even sample of ``cells`` holds a text the float cast surely fails on. Only a shortcut: the cast
    fails on such a column anyway, but spends about half a microsecond on each value it cannot read (a column of
    phone numbers or dates that start with a digit)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    sample = cells
    if len(cells) > DOOMED_SAMPLE:
        sample = cells.take(pa.array(np.linspace(0, len(cells) - 1, DOOMED_SAMPLE).astype(np.int64)))
    return bool(pc.any(pc.match_substring_regex(sample, DOOMED)).as_py())


@lru_cache(maxsize=8)
def _arrow_set(kind: str, values: frozenset[str]) -> pa.Array:
    import pyarrow as pa

    return pa.array(sorted(values), type=pa.large_string() if kind == "large_string" else pa.string())


_PADDING = " \t\u00a0\u202f"  # what pads a number written for display (Excel's accounting format: « 1 234,56 »)


def _padded_cells(cells: pa.Array, numbers: np.ndarray, text: np.ndarray) -> None:
    """Read again, trimmed, the text cells padded with spaces (« ␣1 234,56␣ », « ␣-␣␣␣ »: Excel's accounting format
    saved as CSV pads its numbers, and writes its zero as a dash): a number, or a placeholder, once trimmed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    padded = maybe_padded(cells)  # the first and last bytes: most text cells leave here, without a kernel call
    at = np.flatnonzero(text if padded is None else text & padded)
    if not len(at):
        return
    picked = cells.take(pa.array(at))
    trimmed = pc.utf8_trim(picked, characters=_PADDING)
    changed = np.asarray(pc.not_equal(trimmed, picked).to_numpy(zero_copy_only=False), dtype=bool)
    if not changed.any():
        return
    at, trimmed = at[changed], trimmed.filter(pa.array(changed))
    again, still_text = parse_arrow(trimmed, strict=False, padded=False)
    numbers[at], text[at] = again, still_text


def parse_arrow(cells: pa.Array, strict: bool = True, padded: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """:func:`.numbers.parse_column` over Arrow text cells (no nulls); ``strict=False``: without the whole-column float
    cast (the cells are some of a column holding a decimal comma, which that cast never reads); ``padded=False``: the
    cells are trimmed already (:func:`_padded_cells`)."""
    import pyarrow.compute as pc

    size = len(cells)
    numbers = np.full(size, np.nan)
    if not size:
        return numbers, np.zeros(0, dtype=bool)
    bits = number_bits(cells)  # the cells' characters, read from their bytes (None: not plain Arrow text)
    if bits is None:
        filled = _mask(pc.not_equal(cells, ""))
        head = pc.utf8_slice_codeunits(cells, 0, 1)
        castable = _mask(pc.is_in(head, value_set=_arrow_set(str(cells.type), frozenset(_CASTABLE_FIRST))))
        number_first = _mask(pc.is_in(head, value_set=_arrow_set(str(cells.type), frozenset(_FIRST))))
    else:
        filled = bits != 0
        castable, number_first = first_in(cells, _CASTABLE_FIRST, _FIRST)  # type: ignore[misc]
    # a cell whose first character no float starts with, or holding a character none holds: the cast would fail (a
    # text column, phone numbers, dates), not tried
    uncast = None if bits is None else (bits & UNCAST) != 0
    if filled.all() and strict and castable.all() and (uncast is None or not uncast.any()):
        direct = _arrow_strict_floats(cells)
        if direct is not None:  # a column of plain numbers: the common case, at C speed
            return direct, np.zeros(size, dtype=bool)
    maybe = number_first & filled
    if maybe.any():
        where = np.flatnonzero(maybe)
        every = bool(maybe.all())
        candidates = cells if every else cells.filter(maybe)
        # the same cells as above when every one is a candidate: already known not to be all plain numbers
        doomed = (every and filled.all()) or not strict or (uncast is not None and bool(uncast[maybe].any()))
        direct = None if doomed else _arrow_strict_floats(candidates)
        if direct is not None:  # a column of plain numbers: no regular expression needed
            numbers[where] = direct
        else:  # LOCAL first (COMMA and PLAIN are among its forms): text that starts with a digit is out in one pass
            local = _local_match(candidates, None if bits is None else bits if every else bits[maybe])
            if local.any():
                _local_numbers(numbers, candidates if local.all() else candidates.filter(local), where[local])
    text = filled & np.isnan(numbers)
    if text.any() and display_numbers(cells, numbers, text, bits):
        text = filled & np.isnan(numbers)
    if text.any() and padded:
        _padded_cells(cells, numbers, text)
    if text.any():
        forms = _arrow_set(str(cells.type), _PLACEHOLDER_FORMS)
        if bits is not None and not _FORMS_DIGITS:  # no placeholder holds a digit: the cells that do are text
            doubt = text & ~with_digit(bits)
            if not doubt.any():
                return numbers, text
            if not doubt.all():
                at = np.flatnonzero(doubt)
                text[at] = ~_mask(pc.is_in(cells.take(at), value_set=forms))
                return numbers, text
        if text.sum() * 2 > size:  # most cells: tested where they are, no copy
            text &= ~_mask(pc.is_in(cells, value_set=forms))
        else:
            at = np.flatnonzero(text)
            text[at] = ~_mask(pc.is_in(cells.take(at), value_set=forms))
    return numbers, text


def _local_match(cells: pa.Array, bits: np.ndarray | None) -> np.ndarray:
    """``_fullmatch(cells, LOCAL)``, the pattern run only on the cells whose characters (``bits``, their
    :func:`.number_bytes.number_bits`) do not already rule a match out."""
    if bits is None:
        return _fullmatch(cells, LOCAL)
    maybe = ~surely_not_local(bits)
    if maybe.all():
        return _fullmatch(cells, LOCAL)
    local = np.zeros(len(cells), dtype=bool)
    if maybe.any():
        local[maybe] = _fullmatch(cells.filter(maybe), LOCAL)
    return local


def _local_numbers(numbers: np.ndarray, cells: pa.Array, where: np.ndarray) -> None:
    """The values of ``cells`` (each one a LOCAL number) written at ``where`` in ``numbers``: plain decimal commas
    and plain numbers converted at once, the other forms normalised first."""

    comma = _fullmatch(cells, COMMA)
    if comma.any():  # « 50,354836 »: what the normalisation below gives, without its passes
        numbers[where[comma]] = arrow_floats(dotted(cells.filter(comma)))
        if comma.all():
            return
        cells, where = cells.filter(~comma), where[~comma]
    plain = _fullmatch(cells, PLAIN)
    if plain.any():
        numbers[where[plain]] = arrow_floats(cells.filter(plain))
    if not plain.all():
        numbers[where[~plain]] = arrow_floats(_arrow_normalised(cells.filter(~plain)))


def _arrow_normalised(cells: pa.Array) -> pa.Array:
    """:func:`.numbers._normalised` on Arrow text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = pc.replace_substring_regex(cells, UNITS, "")
    comma = _mask(pc.match_substring(cells, ","))
    dot = _mask(pc.match_substring(cells, "."))
    english = comma & dot  # then: the point after the comma (its last one: the first in the reversed text)
    if english.any():
        backwards = pc.utf8_reverse(cells.filter(english))
        english[english] = np.asarray(pc.less(pc.find_substring(backwards, "."), pc.find_substring(backwards, ","))
                                      .to_numpy(zero_copy_only=False), dtype=bool)
    grouped = dot & ~comma  # then: more than one point
    if grouped.any():
        grouped[grouped] = np.asarray(pc.count_substring(cells.filter(grouped), ".").to_numpy(zero_copy_only=False)) > 1
    cells = pc.if_else(pa.array(english), pc.replace_substring(cells, ",", ""), cells)
    cells = pc.if_else(pa.array((comma & ~english) | grouped), pc.replace_substring(cells, ".", ""), cells)
    return pc.replace_substring(cells, ",", ".")


def display_numbers(cells: pa.Array, numbers: np.ndarray, text: np.ndarray, bits: np.ndarray | None = None) -> bool:
    """The numbers written for display among the ``text`` cells (« (1 500,00 €) », « −12,5 », « - € »: the forms
    of :mod:`.display_numbers` that the local forms do not read) written in ``numbers``; whether there was one.
    Only the cells that start as one may are read (:func:`.display_numbers.read_displays` leaves phone numbers, dates
    and identifiers before its pattern). ``bits``: the cells' :func:`.number_bytes.number_bits`, when known."""
    import pyarrow as pa

    from .cells import byte_set, first_bytes, holding
    from .display_numbers import DISPLAY_FIRST, read_displays

    at = np.flatnonzero(text)
    if len(at):
        at = at[byte_set(DISPLAY_FIRST)[first_bytes(cells, at)]]
    if not len(at):
        return False
    # every match holds a digit, or « € » (the accounting zero « - € »; 0xAC is its last byte): a name that merely
    # starts as a match may (« Estinnes », « Ellezelles ») is left before the pattern's forty kernel calls
    holds = with_digit(bits[at]) if bits is not None else np.zeros(len(at), dtype=bool)
    if not holds.all():
        rest = np.flatnonzero(~holds)
        holds[rest] = holding(cells.take(pa.array(at[rest])), "" if bits is not None else "0123456789", raw=b"\xac")
        at = at[holds]
        if not len(at):
            return False
    picked = cells.take(pa.array(at))
    read, _ = read_displays(picked)
    found = np.asarray(read.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if not found.any():
        return False
    numbers[at[found]] = arrow_floats(_arrow_normalised(read.filter(pa.array(found))))
    return True
