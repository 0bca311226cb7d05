"""What Frictionless (v5) infers when it opens a table, computed without it: names, header errors, sample types.

The streaming engine (:mod:`.stream`) reads CSV files with pyarrow, so Frictionless never opens them.
The report must not change, so this module reproduces, from the same first records, what
Frictionless's opening gives: the labels (header rows joined with a space), the field names (a blank
label becomes ``fieldN``, a repeated one ``name2``, ``name3``…), the label errors of its header
(``blank-label``, ``duplicate-label``, ``incorrect-label``) and the type of each field inferred from
the first rows (its candidate order, 0.9 confidence, ``""`` as the missing value, a short row counting
as a match). Each candidate's reader follows Frictionless's default-format reader of that type.
A value this module cannot judge as Frictionless does raises :class:`NotExact`: the caller then lets Frictionless
do it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from .messages import RawError

CONFIDENCE = 0.9  # Frictionless's DEFAULT_FIELD_CONFIDENCE
SAMPLE_RECORDS = 100  # Frictionless's DEFAULT_SAMPLE_SIZE: the first records of the file, header included
HEADER_JOIN = " "
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


class NotExact(Exception):
    """The sample holds a value whose Frictionless reading this module does not reproduce."""


def _yearmonth(cell: str) -> bool:
    try:
        year, month = cell.split("-")
        int(year)
        return 1 <= int(month) <= 12
    except Exception:
        return False


def _geopoint(cell: str) -> bool:
    try:
        lon, lat = cell.split(",")
        lon_value, lat_value = Decimal(lon.strip()), Decimal(lat.strip())
        return not (lon_value > 180 or lon_value < -180 or lat_value > 90 or lat_value < -90)
    except Exception:
        return False


def _duration(cell: str) -> bool:
    if "P" not in cell[:2]:  # isodate's patterns all start with an optional sign then P
        return False
    import isodate

    try:
        isodate.parse_duration(cell)
        return True
    except Exception:
        return False


def _json(cell: str) -> Any:
    if cell.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return json.loads(cell)
    except Exception:
        return None


def _geojson(cell: str) -> bool:
    """Frictionless's geojson reader (default format): a JSON object valid against its GeoJSON profile, judged by
    the same validator (``frictionless/fields/geojson.py``; Frictionless is imported for it, at the first object)."""
    value = _json(cell)
    if not isinstance(value, dict):
        return False
    try:
        _geojson_validator().validate(value)
    except Exception:
        return False
    return True


@cache
def _geojson_validator() -> Any:
    from frictionless import settings
    from frictionless.platform import platform

    profile = settings.GEOJSON_PROFILE
    return platform.jsonschema_validators.validator_for(profile)(profile)


def _object(cell: str) -> bool:
    return isinstance(_json(cell), dict)


def _array(cell: str) -> bool:
    return isinstance(_json(cell), list)


def is_datetime(cell: str) -> bool:
    """Frictionless's datetime reader (default format) reads ``cell``."""
    try:
        if cell[16] != ":" or len(cell) < 19:
            return False
    except IndexError:
        return False
    from dateutil import parser

    try:
        parser.isoparse(cell)
        return True
    except Exception:
        return False


def is_time(cell: str) -> bool:
    """Frictionless's time reader (default format) reads ``cell``."""
    try:
        if cell[5] != ":" or len(cell) < 8:
            return False
    except IndexError:
        return False
    from dateutil import parser

    try:
        parser.isoparse(f"2000-01-01T{cell}").timetz()
        return True
    except Exception:
        return False


def is_date(cell: str) -> bool:
    try:
        datetime.strptime(cell, "%Y-%m-%d")
        return True
    except Exception:
        return False


def _integer(cell: str) -> bool:
    try:
        int(cell.strip())
        return True
    except Exception:
        return False


def _number(cell: str) -> bool:
    try:
        Decimal(cell.strip())
        return True
    except Exception:
        return False


def _boolean(cell: str) -> bool:
    return cell in TRUE_VALUES or cell in FALSE_VALUES


def _year(cell: str) -> bool:
    if len(cell) != 4:
        return False
    try:
        return 0 <= int(cell) <= 9999
    except Exception:
        return False


def _string(cell: str) -> bool:
    return True


CANDIDATES: tuple[tuple[str, Callable[[str], bool]], ...] = (  # Frictionless's order of field candidates
    ("yearmonth", _yearmonth), ("geopoint", _geopoint), ("duration", _duration), ("geojson", _geojson),
    ("object", _object), ("array", _array), ("datetime", is_datetime), ("time", is_time), ("date", is_date),
    ("integer", _integer), ("number", _number), ("boolean", _boolean), ("year", _year), ("string", _string),
)


def join_labels(header_lists: list[list[str]]) -> list[str]:
    """The labels from the header rows' cells (stripped), joined as Frictionless joins a header of several rows."""
    labels: list[str] = []
    previous: dict[int, str] = {}
    for cells in header_lists:
        for index, raw in enumerate(cells):
            cell = "" if raw is None else str(raw).strip()
            if previous.get(index) == cell:
                continue
            previous[index] = cell
            if len(labels) <= index:
                labels.append(cell)
            else:
                labels[index] = HEADER_JOIN.join([labels[index], cell])
    return labels


def field_names(labels: list[str]) -> list[str]:
    """Frictionless's field names for ``labels``: ``fieldN`` for a blank one, then the first free ``name2``, ``name3``…"""
    named = [label or f"field{index}" for index, label in enumerate(labels, start=1)]
    used: set[str] = set()
    names: list[str] = []
    for name in named:
        new, suffix = name, 2
        while new in used:
            new, suffix = f"{name}{suffix}", suffix + 1
        used.add(new)
        names.append(new)
    return names


def header_errors(labels: list[str], names: list[str], header_row: int) -> list[RawError]:
    """The label errors Frictionless's header reports against the schema it inferred from these labels."""
    found: list[RawError] = []
    earlier: dict[str, list[int]] = {}  # label -> the positions it had so far
    for number, (name, label) in enumerate(zip(names, labels, strict=False), start=1):
        if not label:
            found.append(RawError("blank-label", header_row, name, number, ""))
            continue
        same = list(earlier.get(label, ()))
        earlier.setdefault(label, []).append(number)
        if same:
            found.append(RawError("duplicate-label", header_row, name, number, label,
                                  f'at position "{", ".join(map(str, same))}"'))
        elif label != name:
            found.append(RawError("incorrect-label", header_row, name, number, label))
    return found


def infer_types(fragment: list[list[Any]], names: list[str],
                candidates: tuple[tuple[str, Callable[[Any], bool]], ...] = CANDIDATES) -> list[str]:
    """The type of each field as Frictionless infers it from ``fragment`` (the data records of its sample);
    ``candidates``: the readers (text cells by default, typed cells: :mod:`.typed_inference`)."""
    if not fragment:
        return ["any"] * len(names)
    types: list[str | None] = [None] * len(names)
    scores = [[0] * len(candidates) for _ in names]
    max_score = [len(fragment)] * len(names)
    threshold = len(fragment) * (CONFIDENCE - 1)
    for cells in fragment:
        for index in range(len(names)):
            if types[index] is not None:
                continue
            source = cells[index] if len(cells) > index else None
            missing = source == ""
            if missing:
                max_score[index] -= 1
            score = scores[index]
            for position, (name, reader) in enumerate(candidates):
                if score[position] < threshold:
                    continue
                if not missing:  # a short row's absent cell reads as a match (Frictionless reads None)
                    score[position] += 1 if source is None or reader(source) else -1
                if max_score[index] > 0 and score[position] >= max_score[index] * CONFIDENCE:
                    types[index] = name
                    break
    return [kind or "any" for kind in types]


# « 12,5 », and with a thousands separator before it, « 125.000,00 », « 8 450,00 » (which Frictionless reads as the
# point 125.000, 00 as well)
DECIMAL_COMMA = re.compile(r"\s*[+-]?(?:[0-9]+|[0-9]{1,3}(?:[. \u00a0\u202f'][0-9]{3})+),[0-9]+\s*")


def days_type(kind: str, cells: list[Any]) -> str:
    """``date`` for a column of a workbook's datetimes all at midnight: Excel's dates (« 16/03/2023 »), which are
    written as days and which Frictionless's date reader reads as dates. The column is then checked as dates: a date
    typed by hand as text (« 15/07/2024 ») is a date to rewrite (``date-format``), not a value of another type than
    « date and time ». Text cells are left to the type tally; a CSV's cells (all text) never change the type."""
    if kind != "datetime":
        return kind
    found = False
    for cell in cells:
        if cell is None or cell.__class__ is str:
            continue
        if cell.__class__ is datetime:
            if cell.hour or cell.minute or cell.second or cell.microsecond:
                return kind
            found = True
        elif cell.__class__ is not date:
            return kind
    return "date" if found else kind


def local_numbers_type(kind: str, cells: list[Any]) -> str:
    """``string`` for a column Frictionless takes for geopoints only because its numbers use a decimal comma
    (« 12,5 » reads as the point 12, 5; « 125.000,00 » as the point 125, 0): the type is then chosen from every row
    by the type tally, and the decimal-comma and thousands-separator checks report the numbers, instead of a
    type-error on each value above 180."""
    if kind != "geopoint":
        return kind
    filled = [str(cell) for cell in cells if cell not in (None, "")]
    return "string" if filled and all(DECIMAL_COMMA.fullmatch(cell) for cell in filled) else kind
