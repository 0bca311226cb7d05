"""The shape of raw cell text (number, date, year, e-mail, web address), shared by the layout checks.

The layout checks (``no-header``, ``section-row``, ``form-layout``…) decide from shapes, not types:
a header cell that has the shape of its column's values is data, not a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

NUMBER = r"[+-]?(?:\d{1,3}(?:[ .\u00a0\u202f']\d{3})+|\d+)(?:[.,]\d+)?%?"
DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?"
EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"
URL = r"(?:https?://|www\.)\S+"
YEAR = r"(?:1[89]|20)\d{2}"
SHAPES = {"year": re.compile(YEAR), "number": re.compile(NUMBER), "date": re.compile(DATE),
          "email": re.compile(EMAIL), "url": re.compile(URL)}
TYPED = ("number", "date", "email", "url")  # "year" counts as a number for a column


def shape(text: str) -> str:
    """``year``, ``number``, ``date``, ``email``, ``url``, ``text`` or ``empty`` for one cell."""
    value = text.strip()
    if not value:
        return "empty"
    for name, pattern in SHAPES.items():
        if pattern.fullmatch(value):
            return name
    return "text"


def column_shape(values: pd.Series, share: float = 0.8) -> str:
    """The shape that at least ``share`` of the non-empty values have (``year`` when all are years), else ``mixed``."""
    filled = values[values.str.strip() != ""].str.strip()
    if filled.empty:
        return "empty"
    counts = filled.map(shape).value_counts()
    if counts.get("year", 0) == len(filled):
        return "year"
    numbers = int(counts.get("number", 0) + counts.get("year", 0))
    if numbers >= share * len(filled):
        return "number"
    for name in ("date", "email", "url", "text"):
        if counts.get(name, 0) >= share * len(filled):
            return name
    return "mixed"


NUMERIC = ("number", "year")


def out_of_shape(value: str, column: str) -> bool:
    """A value whose shape differs from its column's (``column``: :func:`column_shape`'s): a year among names, a name
    among numbers."""
    own = shape(value)
    if column in ("mixed", "empty"):
        return False
    if own in NUMERIC:
        return column not in NUMERIC and column != "date"
    if own == "text":
        return column in (*NUMERIC, "date", "email", "url")
    return False


def filled_counts(chunk: pd.DataFrame, *, shared: bool = False, values: dict[int, ColumnValues] | None = None) -> pd.Series:
    """Row number -> number of non-blank cells. ``shared``: ``chunk`` is a read-only chunk of the check engine,
    which several checks read in turn; the counts of the last such chunk are kept. ``values``: the distinct values
    of its columns by position, when known (see :func:`.cells.filled_mask`)."""
    import pandas as pd

    if shared and _last_counts[0] is chunk:
        return _last_counts[1]
    if chunk.empty:
        return pd.Series(dtype="int64")
    from .cells import filled_mask

    counts = pd.Series(filled_mask(chunk, values).sum(axis=1), index=chunk.index)
    if shared:
        _last_counts[1], _last_counts[0] = counts, chunk  # the counts first: another thread reads [0] then [1]
    return counts


_last_counts: list[object] = [None, None]  # the last engine chunk counted, and its counts


def full_row_threshold(width: int) -> int:
    """How many filled cells make a row a data row: at least two, and half the columns."""
    return max(2, (width + 1) // 2)


class HeadSampleCheck(BaseTableCheck):
    """Base of the layout checks that judge the table from its first ``sample_rows`` rows (kept across chunks).

    Subclasses set ``sample_rows`` and implement ``end``, reading the rows with :meth:`head`.
    """

    sample_rows = 200

    def start(self, context: CheckContext) -> None:
        self._parts: list[pd.DataFrame] = []
        self._kept = 0

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if self._kept < self.sample_rows:
            part = chunk.head(self.sample_rows - self._kept)
            self._parts.append(part)
            self._kept += len(part)
        return ()

    def head(self) -> pd.DataFrame | None:
        """The first rows seen (None when the table had none)."""
        import pandas as pd

        return pd.concat(self._parts) if self._parts else None


def header_labels(context: CheckContext) -> list[str]:
    """The cells of the table's header row as the file writes them (its last row, for a header over several)."""
    detected: Any = context.options.get("detected")
    cells = getattr(detected, "header_cells", None) or [context.fields]
    return [str(cell) for cell in cells[-1]]
