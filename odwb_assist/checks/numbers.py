"""Reading the numbers of raw cells as a spreadsheet user wrote them: « 1 234,5 », « 1.234,5 », « 12,5 % », « 112000 ».

Used where a check must compute with the cells (totals that equal the sum of the rows above) or
tell a numeric column from a text one. The parse is vectorised: a fast path for plain numbers,
then a normalisation (spaces, thousands separators, decimal comma, a trailing % or €) for the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..core.contract import ValuesPreparation
from ..quality.placeholders import PLACEHOLDERS
from .cells import STACK_ROWS
from .number_bytes import UNCAST, dotted, first_in, number_bits, surely_not_local, with_digit

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues

# Whole cells that stand for « no value » (one list, shared with the type check), in the spellings met.
_PLACEHOLDER_FORMS = frozenset(form for p in PLACEHOLDERS for form in (p, p.upper(), p.capitalize(), f" {p} ", f"{p} ",
                                                                         f" {p}"))
_FORMS_DIGITS = any("0" <= c <= "9" for form in _PLACEHOLDER_FORMS for c in form)  # then each cell is looked up
_SPACES = "[ \t\u00a0\u202f'’]"
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?"
                    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)")


def parse_number(cell: str) -> tuple[float, int] | None:
    """(value, decimals shown) of one cell, or None when it is not a number."""
    text = cell.strip()
    if not re.fullmatch(LOCAL, text):
        return None
    text = re.sub("[ \t\u00a0]*" + UNIT + "$", "", text)
    if not text or not _PLAIN.fullmatch(text):
        return None
    text = re.sub(_SPACES, "", text)
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    decimals = len(text) - text.index(".") - 1 if "." in text else 0
    try:
        return float(text), decimals
    except ValueError:
        return None


PLAIN = r"[+-]?[0-9]+(?:\.[0-9]+)?"
COMMA = "[+-]?[0-9]+,[0-9]+"  # a plain decimal comma: one of LOCAL's forms, which normalises to the comma made a point
# Literal no-break spaces, not \u escapes: pyarrow's regular expressions (RE2) then run them in C.
# A unit after a number: « % », « € », « EUR », « places », « m2 », « km² » (lower case: « 5590 Ciney » is not one).
UNIT = "(?:[%€$£°]|EUR|[a-zà-ÿ][a-zà-ÿ0-9²³/.]{0,11})"
LOCAL = ("[ \t]*[+-]?(?:[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+"
         "|[0-9]{1,3}(?:,[0-9]{3})+(?:[.][0-9]+)?|[0-9]+(?:[.][0-9]+)?)(?:[ \t\u00a0]*" + UNIT + ")?[ \t]*")
UNITS = "[ \t\u00a0]*" + UNIT + "[ \t]*$|[ \t\u00a0\u202f'’]"


def _floats(values: pd.Series) -> np.ndarray:
    """Plain decimal text (``-12.5``) to floats, in C."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        return np.asarray(pc.cast(pa.array(values), pa.float64()).to_numpy(zero_copy_only=False),
                          dtype="float64")
    except Exception:  # no pyarrow, or a value it cannot cast
        return values.astype("float64").to_numpy(dtype="float64")


def _strict_floats(values: pd.Series) -> np.ndarray | None:
    """Floats when every cell is a plain number (``12``, ``-3.5``), else None."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        cells = pa.array(values)
        if pc.any(pc.match_substring(cells, ",")).as_py():  # a decimal comma: the cast fails, after a long try
            return None
        found = np.asarray(pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    except Exception:  # a cell that is not a plain number, or no pyarrow
        return None
    return None if np.isinf(found).any() else found


def _digit_first(values: pd.Series) -> np.ndarray:
    """Which cells begin like a number (a digit, a sign, a point or a space): only those can be one."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        head = pc.utf8_slice_codeunits(pa.array(values), 0, 1)
        found = pc.is_in(head, value_set=pa.array(list(_FIRST)))
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
    except Exception:  # no pyarrow
        return values.str[:1].isin(set(_FIRST)).to_numpy(dtype=bool)


_FIRST = "0123456789+-. \t\u00a0"


def parse_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(numbers, text): the float value of each cell (NaN when empty or not a number), and which cells
    hold text that is neither a number nor a placeholder. Vectorised: a first-character test and
    regular expressions select the cells, which are converted in C (pyarrow.compute on the Arrow cells)."""
    cells = _arrow_text(values)
    if cells is None:
        return _parse_column_pandas(values)
    return _parse_arrow(cells)


def _arrow_text(values: pd.Series) -> pa.Array | None:
    """The cells as one Arrow text array (pandas' own when Arrow-backed), or None when they are not all text."""
    import pyarrow as pa

    array = getattr(values.array, "_pa_array", None)
    if array is None:
        try:
            array = pa.array(values.to_numpy(dtype=object), type=pa.large_string())
        except (pa.ArrowException, TypeError, ValueError):
            return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
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


def _arrow_floats(cells: pa.Array) -> np.ndarray:
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


def _parse_arrow(cells: pa.Array, strict: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` over Arrow text cells (no nulls); ``strict=False``: without the whole-column float
    cast (the cells are some of a column holding a decimal comma, which that cast never reads)."""
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
        numbers[where[comma]] = _arrow_floats(dotted(cells.filter(comma)))
        if comma.all():
            return
        cells, where = cells.filter(~comma), where[~comma]
    plain = _fullmatch(cells, PLAIN)
    if plain.any():
        numbers[where[plain]] = _arrow_floats(cells.filter(plain))
    if not plain.all():
        numbers[where[~plain]] = _arrow_floats(_arrow_normalised(cells.filter(~plain)))


def _arrow_normalised(cells: pa.Array) -> pa.Array:
    """:func:`_normalised` on Arrow text."""
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


def _parse_column_pandas(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` with pandas string methods (cells that are not all text)."""
    size = len(values)
    numbers = np.full(size, np.nan)
    if not size:
        return numbers, np.zeros(0, dtype=bool)
    filled = (values != "").to_numpy(dtype=bool)
    if filled.all():
        direct = _strict_floats(values)
        if direct is not None:  # a column of plain numbers: the common case, at C speed
            return direct, np.zeros(size, dtype=bool)
    maybe = _digit_first(values) & filled
    if maybe.any():
        where = np.flatnonzero(maybe)
        candidates = values[maybe]
        direct = _strict_floats(candidates)
        if direct is not None:  # a column of plain numbers: no regular expression needed
            numbers[where] = direct
            candidates = candidates.iloc[0:0]
            where = where[0:0]
        plain = candidates.str.fullmatch(PLAIN).fillna(False).to_numpy(dtype=bool)
        if plain.any():
            numbers[where[plain]] = _floats(candidates[plain])
        if not plain.all():
            others = candidates[~plain]
            local = others.str.fullmatch(LOCAL).fillna(False).to_numpy(dtype=bool)
            if local.any():
                numbers[where[~plain][local]] = _floats(_normalised(others[local]))
    text = filled & np.isnan(numbers)
    if text.any():
        text[text] = ~values[text].isin(_PLACEHOLDER_FORMS).to_numpy(dtype=bool)
    return numbers, text


def parse_values(column: ColumnValues) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` over a chunk column's distinct values (arrays over ``column.values``): the same
    verdicts as over its rows, each value parsed once. A column with empty cells is parsed with one ``""``
    among its values, since :func:`parse_column` reads a column without empty cells another way.

    Parsed once per column for every check of the chunk (:data:`PARSED_NUMBERS`, ahead on the CSV reader's
    thread when a check lists it): the arrays are shared, never to be changed. The result is kept for the
    column's chunk, so that :func:`parse_frame` reads it back for the same chunk."""
    numbers, text = PARSED_NUMBERS(column)
    _parsed[column.name] = (column, numbers, text)
    return numbers, text


def _parse_distinct(column: ColumnValues) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_values` computed (a pure function of the column's distinct values and of its having empty
    cells)."""
    import pandas as pd

    values = column.values
    cells = _arrow_text(values)
    shortcut = _parse_plain(column, cells) if cells is not None else None
    if shortcut is not None:
        return shortcut
    if (column.codes < 0).any():
        if cells is not None:
            import pyarrow as pa

            numbers, text = _parse_arrow(pa.concat_arrays([cells, pa.array([""], type=cells.type)]))
        else:
            numbers, text = parse_column(pd.concat([values, pd.Series([""], dtype="str")], ignore_index=True))
        return numbers[:-1], text[:-1]
    return _parse_arrow(cells) if cells is not None else parse_column(values)


PARSED_NUMBERS = ValuesPreparation("parsed-numbers", _parse_distinct)


def _parse_plain(column: ColumnValues, cells: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`parse_values` when some distinct values are plain numbers with a decimal comma (:mod:`.plain`):
    those are converted at once, the others parsed as usual (the column holds a comma, so no whole-column cast
    would have read it: every value gets the verdict it gets in the whole column); or when every value is a whole
    number (``-12``): the whole-column cast. None: not such a column."""
    import pyarrow as pa

    from .plain import plain_numbers

    verdicts = plain_numbers(column)
    if verdicts is None:
        return None
    plain = verdicts[0]
    if not verdicts[1].any():  # no decimal comma: only a column of whole numbers is read here, by the cast it gets
        return (_arrow_floats(cells), np.zeros(len(plain), dtype=bool)) if plain.all() else None
    numbers = np.full(len(plain), np.nan)
    text = np.zeros(len(plain), dtype=bool)
    if plain.all():  # every value: converted where they are, no copy
        return _arrow_floats(dotted(cells)), text
    at = np.flatnonzero(plain)
    numbers[at] = _arrow_floats(dotted(cells.take(pa.array(at))))
    rest = np.flatnonzero(~plain)
    if len(rest):
        numbers[rest], text[rest] = _parse_arrow(cells.take(pa.array(rest)), strict=False)
    return numbers, text


# column name -> the last column parsed by :func:`parse_values` (holding it keeps its row numbers' memory alive, so
# that a later chunk's rows can never share that memory: sharing it means the same chunk)
_parsed: dict[str, tuple[ColumnValues, np.ndarray, np.ndarray]] = {}


def _parse_encoded(chunk: pd.DataFrame, position: int, rows: np.ndarray, shared: bool, numbers: np.ndarray,
                   text: np.ndarray) -> None:
    """:func:`parse_column` over a long column of ``chunk``, through its distinct values, written in column
    ``position`` of ``numbers`` and ``text`` (``text`` comes all False). ``shared``: a read-only chunk of the check
    engine, whose columns :func:`parse_values` may have parsed already (the column is then not even taken out of
    the chunk)."""
    from ..core.contract import ColumnValues

    known = _parsed.get(str(chunk.columns[position])) if shared else None
    if known is not None and len(known[0].codes) == len(chunk) and np.may_share_memory(known[0].rows, rows):
        column, values, words = known
    else:
        column = ColumnValues.from_series(chunk.iloc[:, position], 0)
        values, words = parse_values(column)
    spread_column(numbers, text, position, column.codes, values, words)


def spread_column(numbers: np.ndarray, text: np.ndarray, position: int, codes: np.ndarray, values: np.ndarray,
                  words: np.ndarray) -> None:
    """Write a column's verdicts over its distinct values (``values``, ``words``) to its rows (``codes``, -1: an
    empty cell) in column ``position`` of ``numbers`` and ``text`` (``text`` comes all False)."""
    if np.isnan(values).all():  # no number (a text column): no lookup
        numbers[:, position] = np.nan
    else:
        numbers[:, position] = np.append(values, np.nan)[codes]
    if words.all():  # every value is text: every filled cell
        text[:, position] = codes >= 0
    elif words.any():
        text[:, position] = np.append(words, False)[codes]


def _normalised(cells: pd.Series) -> pd.Series:
    """« 1 234,5 », « 1.234,5 », « 1,234.5 », « 12,5 % » as plain decimal text."""
    cells = cells.str.replace(UNITS, "", regex=True)
    comma = cells.str.contains(",", regex=False).to_numpy(dtype=bool)
    dot = cells.str.contains(".", regex=False).to_numpy(dtype=bool)
    english = comma & dot  # then: the point after the comma (tested on these cells only: rfind is slow)
    if english.any():
        both = cells[english]
        english[english] = (both.str.rfind(".") > both.str.rfind(",")).to_numpy(dtype=bool)
    grouped = dot & ~comma  # then: more than one point
    if grouped.any():
        grouped[grouped] = (cells[grouped].str.count("[.]") > 1).to_numpy(dtype=bool)
    cells = cells.where(~english, cells.str.replace(",", "", regex=False))
    cells = cells.where(~((comma & ~english) | grouped), cells.str.replace(".", "", regex=False))
    return cells.str.replace(",", ".", regex=False)


_CASTABLE_FIRST = _FIRST + "nNiI"  # the first characters of a text a float cast can read (nan, inf…)


def _parse_stacked(chunk: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` over all the cells at once, with the same result as column by column: a column
    whose cells all cast to floats takes that path in :func:`parse_column`, so the columns holding a cell
    that a cast might read otherwise than the patterns (not a plain number) are parsed again on their own."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import stacked

    cells = stacked(chunk)
    values = pd.Series(pd.array(cells, dtype="str"))
    numbers, text = parse_column(values)
    rows, columns = chunk.shape
    filled = (values != "").to_numpy(dtype=bool)
    head = pc.utf8_slice_codeunits(cells, 0, 1)
    castable = np.asarray(pc.is_in(head, value_set=pa.array(list(_CASTABLE_FIRST), type=cells.type))
                          .to_numpy(zero_copy_only=False), dtype=bool)
    plain = values.str.fullmatch(PLAIN).fillna(False).to_numpy(dtype=bool)
    doubtful = np.unique(np.flatnonzero(filled & castable & ~plain) // rows)
    numbers = numbers.reshape(columns, rows).T.copy()
    text = text.reshape(columns, rows).T.copy()
    for position in doubtful:
        numbers[:, position], text[:, position] = parse_column(chunk.iloc[:, position])
    return numbers, text


_last: list[object] = [None, None]  # the last chunk parsed, and its result: checks of one chunk share the parse


def parse_frame(chunk: pd.DataFrame, *, shared: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` over every column: (numbers, text) arrays of shape (rows, columns).

    ``shared``: the chunk is a read-only chunk of the check engine, which several checks read in
    turn; the result for the last such chunk is kept so that it is parsed once."""
    if shared and _last[0] is chunk:
        return _last[1]  # type: ignore[return-value]
    if 0 < len(chunk) < STACK_ROWS and len(chunk.columns) > 1:
        numbers, text = _parse_stacked(chunk)
    else:
        numbers = np.empty((len(chunk), len(chunk.columns)))
        text = np.zeros((len(chunk), len(chunk.columns)), dtype=bool)
        rows = chunk.index.to_numpy()
        for position in range(len(chunk.columns)):
            if len(chunk) >= STACK_ROWS:  # each distinct value parsed once
                _parse_encoded(chunk, position, rows, shared, numbers, text)
            else:
                numbers[:, position], text[:, position] = parse_column(chunk.iloc[:, position])
    if shared:
        _last[1], _last[0] = (numbers, text), chunk  # the result first: a check on another thread reads [0] then [1]
    return numbers, text
