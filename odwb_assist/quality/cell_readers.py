"""Frictionless's readers of the types the type tally has no pattern for, on many cells at once.

Datetimes, times, month-years (« 2024-01 »), coordinate pairs (« 4.87, 50.46 »), durations, GeoJSON geometries and
JSON objects or arrays are read as Frictionless v5 reads them in its default format (``frictionless/fields/*.py``; the same
readers are in :mod:`.inference`, which infers the types of the first rows with them). Database exports hold
thousands of distinct timestamps or coordinates: their common shapes are vouched for in pyarrow (a strict
pattern; the day checked against its month, the coordinates against their ranges, away from the edges), and
any other non-empty value is given to the reader itself, once per distinct value, so the verdicts are always
the reader's (a GeoJSON geometry is validated against Frictionless's profile once per distinct value, where
Frictionless validates every row: an export repeating each commune's outline reads faster).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import inference

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

FRACTION = "(?:\\.[0-9]{1,6})?"
CLOCK = f"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]{FRACTION}"
# a year from 1000 (isoparse refuses year 0), a month, a day up to 31 (checked against the month below)
DAY = "[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
# Frictionless's default geopoint is « lon, lat »; the reader splits at the comma and reads each part as a Decimal
DEGREES = "[+-]?[0-9]{1,3}(?:\\.[0-9]{1,15})?"
SURE = {"datetime": f"{DAY}[T ]{CLOCK}", "time": CLOCK,  # RE2: no lookaround, no \d
        "geopoint": f"{DEGREES}, ?{DEGREES}"}
EDGE = 1e-6  # coordinates this close to a limit are left to the reader (a float may round across it)
READERS: dict[str, Callable[[str], bool]] = {
    "datetime": inference.is_datetime, "time": inference.is_time, "yearmonth": inference._yearmonth,
    "geopoint": inference._geopoint, "duration": inference._duration, "geojson": inference._geojson,
    "object": inference._object, "array": inference._array,
}
MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February: 29, unless the year is not a leap one


def readable(cells: pa.Array, kind: str) -> np.ndarray:
    """Which Arrow text cells Frictionless reads as ``kind`` (one of :data:`READERS`); empty cells and nulls:
    False."""
    import numpy as np
    import pyarrow as pa

    from ..checks.cells import arrow_fullmatch, byte_lengths

    sure = arrow_fullmatch(cells, SURE[kind]) if kind in SURE else np.zeros(len(cells), dtype=bool)
    if sure.any() and kind in ("datetime", "geopoint"):
        at = np.flatnonzero(sure)
        sure[at] = (_real_days if kind == "datetime" else _inner_coordinates)(cells.take(pa.array(at)))
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


def _inner_coordinates(cells: pa.Array) -> np.ndarray:
    """For cells shaped ``lon, lat`` (:data:`SURE`): whether both are within their ranges, away from the edges."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = pc.extract_regex(cells, f"^(?P<lon>{DEGREES}), ?(?P<lat>{DEGREES})$")

    def degrees(name: str) -> np.ndarray:
        values = pc.struct_field(parts, name).cast(pa.float64())
        return np.abs(np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.float64))

    return np.asarray((degrees("lon") < 180 - EDGE) & (degrees("lat") < 90 - EDGE), dtype=bool)
