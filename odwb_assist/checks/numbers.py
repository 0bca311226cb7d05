"""Reading the numbers of raw cells as a spreadsheet user wrote them: « 1 234,5 », « 1.234,5 », « 12,5 % », « 112000 ».

Used where a check must compute with the cells (totals that equal the sum of the rows above) or
tell a numeric column from a text one. The parse is vectorised: a fast path for plain numbers,
then a normalisation (spaces, thousands separators, decimal comma, a trailing % or €) for the rest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

# Whole cells that stand for « no value » in an otherwise numeric or date column.
PLACEHOLDERS = frozenset({
    "-", "--", "–", "—", "/", "?", "??", "x", "n.d.", "n.d", "nd", "n/d", "n/a", "n.a.", "na", "néant", "neant",
    "s.o.", "so", "n.c.", "nc", "inconnu", "...", "…", "#n/a", "#n/d", "#value!", "#valeur!", "null", "none", "nan",
})

_SPACES = "[ \t\u00a0\u202f'’]"
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?"
                    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)")


def is_placeholder(cell: str) -> bool:
    return cell.strip().lower() in PLACEHOLDERS


def parse_number(cell: str) -> tuple[float, int] | None:
    """(value, decimals shown) of one cell, or None when it is not a number."""
    text = cell.strip()
    text = re.sub(r"\s*(?:%|€|eur|EUR)$", "", text)
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


def parse_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(numbers, text): the float value of each cell (NaN when empty or not a number), and which cells
    hold text that is neither a number nor a placeholder."""
    import pandas as pd

    numbers = np.array(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan))
    filled = (values != "").to_numpy()
    pending = filled & np.isnan(numbers)
    if pending.any():
        rest = values[pending]
        parsed = rest.map(lambda cell: (parse_number(cell) or (np.nan, 0))[0])
        numbers[pending] = parsed.to_numpy(dtype="float64")
        still = np.isnan(numbers) & filled
        if still.any():
            text = still.copy()
            text[still] = ~values[still].str.strip().str.lower().isin(PLACEHOLDERS).to_numpy()
            return numbers, text
    return numbers, np.zeros(len(values), dtype=bool)


_last: list[object] = [None, None]  # the last chunk parsed, and its result: checks of one chunk share the parse


def parse_frame(chunk: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_column` over every column: (numbers, text) arrays of shape (rows, columns).

    The result for the last chunk is kept, so that several checks reading the same chunk parse it once."""
    if _last[0] is chunk:
        return _last[1]  # type: ignore[return-value]
    numbers = np.empty((len(chunk), len(chunk.columns)))
    text = np.zeros((len(chunk), len(chunk.columns)), dtype=bool)
    for position in range(len(chunk.columns)):
        numbers[:, position], text[:, position] = parse_column(chunk.iloc[:, position])
    _last[0], _last[1] = chunk, (numbers, text)
    return numbers, text
