"""Reading the numbers of raw cells as a spreadsheet user wrote them: « 1 234,5 », « 1.234,5 », « 12,5 % », « 112000 ».

Used where a check must compute with the cells (totals that equal the sum of the rows above) or
tell a numeric column from a text one. The parse is vectorised: a fast path for plain numbers,
then a normalisation (spaces, thousands separators, decimal comma, a trailing % or €) for the rest.

The column parse (:func:`parse_column`) chooses the Arrow path (:mod:`.number_arrow`) or the pandas one here; a
chunk column is parsed through its distinct values (:func:`parse_values`, :data:`PARSED_NUMBERS`), a whole chunk by
:func:`parse_frame`. The written forms themselves are in :mod:`.number_forms`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.contract import ValuesPreparation
from .cells import STACK_ROWS
from .number_arrow import arrow_floats, as_arrow_text, display_numbers, parse_arrow
from .number_bytes import dotted
from .number_forms import _CASTABLE_FIRST, _FIRST, _PLACEHOLDER_FORMS, LOCAL, PLAIN, UNITS

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..core.contract import ColumnValues


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


def parse_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(numbers, text): the float value of each cell (NaN when empty or not a number), and which cells
    hold text that is neither a number nor a placeholder. Vectorised: a first-character test and
    regular expressions select the cells, which are converted in C (pyarrow.compute on the Arrow cells)."""
    cells = as_arrow_text(values)
    if cells is None:
        return _parse_column_pandas(values)
    return parse_arrow(cells)


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
        _display(values, numbers, text)
        text = filled & np.isnan(numbers)
    if text.any():
        _padded(values, numbers, text)
    if text.any():
        text[text] = ~values[text].isin(_PLACEHOLDER_FORMS).to_numpy(dtype=bool)
    return numbers, text


def _padded(values: pd.Series, numbers: np.ndarray, text: np.ndarray) -> None:
    """:func:`.number_arrow._padded_cells` on the text cells of a column that is not all text: a number, or a
    placeholder, once its padding is trimmed (« ␣1 234,56␣ », « ␣-␣␣␣ »)."""
    import pyarrow as pa

    from .number_arrow import _PADDING, _padded_cells

    at = np.flatnonzero(text)
    kept = [(position, value) for position, value in zip(at.tolist(), values.iloc[at].tolist(), strict=True)
            if isinstance(value, str) and value and (value[0] in _PADDING or value[-1] in _PADDING)]
    if not kept:
        return
    at = np.array([position for position, _ in kept], dtype=np.int64)
    cells = pa.array([value for _, value in kept], type=pa.string())
    found, still = np.full(len(at), np.nan), np.ones(len(at), dtype=bool)
    _padded_cells(cells, found, still)
    numbers[at], text[at] = found, still


def _display(values: pd.Series, numbers: np.ndarray, text: np.ndarray) -> None:
    """:func:`.number_arrow.display_numbers` on the text cells of a column that is not all text."""
    import pyarrow as pa

    at = np.flatnonzero(text)
    cells = [value if isinstance(value, str) else "" for value in values.iloc[at].tolist()]
    found = np.full(len(at), np.nan)
    if display_numbers(pa.array(cells, type=pa.string()), found, np.ones(len(at), dtype=bool)):
        numbers[at] = np.where(np.isnan(found), numbers[at], found)


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
    cells = as_arrow_text(values)
    shortcut = _parse_plain(column, cells) if cells is not None else None
    if shortcut is not None:
        return shortcut
    if (column.codes < 0).any():
        if cells is not None:
            import pyarrow as pa

            numbers, text = parse_arrow(pa.concat_arrays([cells, pa.array([""], type=cells.type)]))
        else:
            numbers, text = parse_column(pd.concat([values, pd.Series([""], dtype="str")], ignore_index=True))
        return numbers[:-1], text[:-1]
    return parse_arrow(cells) if cells is not None else parse_column(values)


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
        return (arrow_floats(cells), np.zeros(len(plain), dtype=bool)) if plain.all() else None
    numbers = np.full(len(plain), np.nan)
    text = np.zeros(len(plain), dtype=bool)
    if plain.all():  # every value: converted where they are, no copy
        return arrow_floats(dotted(cells)), text
    at = np.flatnonzero(plain)
    numbers[at] = arrow_floats(dotted(cells.take(pa.array(at))))
    rest = np.flatnonzero(~plain)
    if len(rest):
        numbers[rest], text[rest] = parse_arrow(cells.take(pa.array(rest)), strict=False)
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
