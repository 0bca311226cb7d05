"""Frictionless's sample type inference on typed spreadsheet cells (``int``, ``float``, ``datetime``…).

A workbook sheet is handed to Frictionless as inline rows of typed cells; its schema inference then
reads each cell with each candidate field's value reader, which accepts native values (an ``int`` for
``integer``, a ``datetime`` for ``datetime``…) besides text. :mod:`.inference` reproduces the text
case; this module gives the same readers for any cell, so that the fast workbook reader
(:mod:`.sheet_stream`) infers the types Frictionless would infer from the same cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import inference as text


def _yearmonth(cell: Any) -> bool:
    if isinstance(cell, (tuple, list)):
        return len(cell) == 2
    return isinstance(cell, str) and text._yearmonth(cell)


def _geopoint(cell: Any) -> bool:
    if isinstance(cell, str):
        return text._geopoint(cell)
    if isinstance(cell, (tuple, list, dict, bytes)):
        raise text.NotExact(repr(cell))  # Frictionless's geopoint(*cell): left to it
    return False


def _duration(cell: Any) -> bool:
    if isinstance(cell, dt.timedelta):
        return True
    if isinstance(cell, str):
        return text._duration(cell)
    if type(cell).__module__.startswith("isodate"):
        raise text.NotExact(repr(cell))
    return False


def _geojson(cell: Any) -> bool:
    if isinstance(cell, dict):
        raise text.NotExact(repr(cell))
    return isinstance(cell, str) and text._geojson(cell)


def _object(cell: Any) -> bool:
    return isinstance(cell, dict) or (isinstance(cell, str) and text._object(cell))


def _array(cell: Any) -> bool:
    return isinstance(cell, (list, tuple)) or (isinstance(cell, str) and text._array(cell))


def _datetime(cell: Any) -> bool:
    return isinstance(cell, dt.datetime) or (isinstance(cell, str) and text.is_datetime(cell))


def _time(cell: Any) -> bool:
    return isinstance(cell, dt.time) or (isinstance(cell, str) and text.is_time(cell))


def _date(cell: Any) -> bool:
    if isinstance(cell, dt.datetime):
        return cell.hour == 0 and cell.minute == 0 and cell.second == 0
    if isinstance(cell, dt.date):
        return True
    return isinstance(cell, str) and text.is_date(cell)


def _integer(cell: Any) -> bool:
    if isinstance(cell, str):
        return text._integer(cell)
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int):
        return True
    if isinstance(cell, float):
        return cell.is_integer()
    if isinstance(cell, Decimal):
        try:
            return cell % 1 == 0
        except Exception:
            return False
    return False


def _number(cell: Any) -> bool:
    if isinstance(cell, str):
        return text._number(cell)
    if isinstance(cell, bool):
        return False
    return isinstance(cell, (Decimal, int, float))


def _boolean(cell: Any) -> bool:
    return isinstance(cell, bool) or (isinstance(cell, str) and text._boolean(cell))


def _year(cell: Any) -> bool:
    if isinstance(cell, int):  # a bool too, as in Frictionless
        return 0 <= cell <= 9999
    return isinstance(cell, str) and text._year(cell)


def _string(cell: Any) -> bool:
    return isinstance(cell, str)


CANDIDATES: tuple[tuple[str, Callable[[Any], bool]], ...] = (  # Frictionless's order of field candidates
    ("yearmonth", _yearmonth), ("geopoint", _geopoint), ("duration", _duration), ("geojson", _geojson),
    ("object", _object), ("array", _array), ("datetime", _datetime), ("time", _time), ("date", _date),
    ("integer", _integer), ("number", _number), ("boolean", _boolean), ("year", _year), ("string", _string),
)


def infer_types(fragment: list[list[Any]], names: list[str]) -> list[str]:
    """The type of each field as Frictionless infers it from ``fragment`` (typed cells; ``""`` is missing).

    An empty cell of a sheet (``None``) is missing too, as ``""`` is in a CSV. Frictionless reads it as a match of
    every candidate, so that it types a column left empty ``yearmonth``, its first candidate: the report would then
    say « année et mois » of a column that holds nothing. Here it is ``any``, as the same column of a CSV."""
    return text.infer_types([[("" if cell is None else cell) for cell in cells] for cells in fragment], names,
                            CANDIDATES)
