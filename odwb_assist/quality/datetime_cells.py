"""Frictionless's ``datetime`` and ``time`` readers (default format) on many cells at once.

Frictionless v5 reads a datetime with dateutil's ``isoparse`` behind a guard (``cell[16] == ":"``, at least 19
characters), a time with ``isoparse("2000-01-01T" + cell)`` behind ``cell[5] == ":"`` and 8 characters
(``frictionless/fields/datetime.py`` and ``time.py``; the same readers are in :mod:`.inference`). Database
exports hold thousands of distinct timestamps: the common shapes (« 2024-01-31 14:05:00 »,
« 2024-01-31T14:05:00.250 », « 14:05:00 ») are vouched for by a strict pattern in pyarrow, the day checked
against its month; any other non-empty value is given to the reader itself, once per distinct value, so the
verdicts are always the reader's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .inference import is_datetime, is_time

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

FRACTION = "(?:\\.[0-9]{1,6})?"
CLOCK = f"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]{FRACTION}"
# a year from 1000 (isoparse refuses year 0), a month, a day up to 31 (checked against the month below)
DAY = "[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
SURE = {"datetime": f"{DAY}[T ]{CLOCK}", "time": CLOCK}  # RE2: no lookaround, no \d
READERS: dict[str, Callable[[str], bool]] = {"datetime": is_datetime, "time": is_time}
MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February: 29, unless the year is not a leap one


def readable(cells: pa.Array, kind: str) -> np.ndarray:
    """Which Arrow text cells Frictionless reads as ``kind`` (``datetime`` or ``time``); empty cells and nulls:
    False."""
    import numpy as np
    import pyarrow as pa

    from ..checks.cells import arrow_fullmatch, byte_lengths

    sure = arrow_fullmatch(cells, SURE[kind])
    if kind == "datetime" and sure.any():
        at = np.flatnonzero(sure)
        sure[at] = _real_days(cells.take(pa.array(at)))
    rest = np.flatnonzero(~sure & (byte_lengths(cells) > 0))
    if len(rest):
        read = READERS[kind]
        sure[rest] = [read(text) for text in cells.take(pa.array(rest)).to_pylist()]
    return sure


def readable_texts(texts: list[str], kind: str) -> np.ndarray:
    """:func:`readable` for a few cells given as text (the reader on each)."""
    import numpy as np

    read = READERS[kind]
    return np.fromiter((bool(text) and read(text) for text in texts), dtype=bool, count=len(texts))


def _real_days(cells: pa.Array) -> np.ndarray:
    """For cells shaped ``YYYY-MM-DD…``: whether the day exists in its month (29 February in leap years only)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    def number(start: int, stop: int) -> np.ndarray:
        part = pc.utf8_slice_codeunits(cells, start, stop).cast(pa.int32())
        return np.asarray(part.to_numpy(zero_copy_only=False), dtype=np.int32)

    year, month, day = number(0, 4), number(5, 7), number(8, 10)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = np.asarray(MONTH_DAYS, dtype=np.int32)[month] - ((month == 2) & ~leap)
    return np.asarray(day <= last, dtype=bool)
