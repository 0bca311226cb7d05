"""ODSQL scalar functions (usable in ``select``, ``where``, ``order_by`` and ``group_by``) and time intervals.

As the vendor's document lists them: the date functions ``year() month() day() hour() minute()
second()`` (integers since v2.1; in the request's ``timezone``), ``date_format(date, 'pattern')``
(the Java-style pattern letters of the document; day and month names in the request's ``lang``,
French by default), ``lower()``, ``length()``, ``ifnull(expression, alternative)`` and the arithmetic
operators. A null input gives null.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .odsql_lexer import as_datetime

TIMEZONE: ContextVar[str] = ContextVar("odsql_timezone", default="UTC")


def local_datetime(value: Any) -> datetime | None:
    """``as_datetime`` in the request's ``timezone`` (the vendor's parameter, UTC by default): a value with a time
    is moved from UTC to that zone; a bare date stays the day it is."""
    moment = as_datetime(value)
    zone = TIMEZONE.get()
    if moment is None or zone == "UTC" or not isinstance(value, str) or len(value.strip()) <= 10:
        return moment
    try:
        target = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return moment
    return moment.replace(tzinfo=UTC).astimezone(target).replace(tzinfo=None)


def valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True

NAMES = {  # lang -> (days from Monday, months)
    "fr": (["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
           ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
            "décembre"]),
    "nl": (["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
           ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december"]),
    "de": (["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
           ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
            "Dezember"]),
    "en": (["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
           ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]),
}
LANG: ContextVar[str] = ContextVar("odsql_lang", default="fr")


def _date_part(attribute: str) -> Callable[[Any], Any]:
    def part(value: Any) -> int | None:
        moment = local_datetime(value[0] if isinstance(value, list) and value else value)
        return None if moment is None else int(getattr(moment, attribute))
    return part


def _lower(value: Any) -> Any:
    return None if value is None else str(value).lower()


def _length(value: Any) -> Any:
    return None if value is None else len(str(value))


def date_format(value: Any, pattern: Any) -> str | None:
    """``date_format()``: letters replaced by parts of the date, text between single quotes kept."""
    moment = local_datetime(value)
    if moment is None or pattern is None:
        return None
    pieces = (m.group(0) for m in re.finditer(r"'(?:[^']|'')*'|([a-zA-Z])\1*|[^a-zA-Z']+", str(pattern)))
    return "".join(_render(piece, moment) for piece in pieces)


def _render(token: str, moment: datetime) -> str:
    if token.startswith("'"):
        return token[1:-1].replace("''", "'") if len(token) > 2 else "'"
    letter, width = token[0], len(token)
    iso_year, iso_week, iso_day = moment.isocalendar()
    numbers = {"y": moment.year, "Y": moment.year, "x": iso_year, "w": iso_week, "e": iso_day,
               "D": moment.timetuple().tm_yday, "M": moment.month, "d": moment.day, "H": moment.hour,
               "m": moment.minute, "s": moment.second}
    days, months = NAMES.get(LANG.get(), NAMES["en"])
    if letter == "E":
        name = days[moment.weekday()]
        return name if width >= 4 else name[:3] + "."
    if letter == "M" and width >= 3:
        name = months[moment.month - 1]
        return name if width >= 4 else name[:4].rstrip() + "."
    if letter not in numbers:
        return token
    number = numbers[letter]
    if letter in "yYx" and width == 2:
        return f"{number % 100:02d}"
    return str(number).zfill(width)


def _ifnull(value: Any, alternative: Any) -> Any:
    return alternative if value in (None, []) else value


def arithmetic(op: str, left: Any, right: Any) -> Any:
    """``+ - * /`` on numbers; null when a side is null or not a number, and for a division by zero (as documented)."""
    if isinstance(left, bool) or isinstance(right, bool) or not isinstance(left, int | float) \
            or not isinstance(right, int | float):
        return None
    if op == "/":
        return None if right == 0 else left / right
    result = {"+": left + right, "-": left - right, "*": left * right}[op]
    return result if abs(result) < 1e300 else None


# name -> (number of arguments, function of the evaluated arguments)
SCALARS: dict[str, tuple[int, Callable[..., Any]]] = {
    "year": (1, _date_part("year")), "month": (1, _date_part("month")), "day": (1, _date_part("day")),
    "hour": (1, _date_part("hour")), "minute": (1, _date_part("minute")), "second": (1, _date_part("second")),
    "lower": (1, _lower), "length": (1, _length), "date_format": (2, date_format), "ifnull": (2, _ifnull),
}

# interval units of range(date_field, <n><unit>) (case-sensitive, as documented)
UNITS: dict[str, str] = {}
for _unit, _names in {"ms": ("ms", "millisecond", "milliseconds"), "s": ("s", "second", "seconds"),
                      "m": ("m", "minute", "minutes"), "h": ("h", "hour", "hours"), "d": ("d", "day", "days"),
                      "w": ("w", "week", "weeks"), "M": ("M", "month", "months"), "q": ("q", "quarter", "quarters"),
                      "y": ("y", "year", "years")}.items():
    UNITS.update(dict.fromkeys(_names, _unit))
INTERVAL_RE = r"\d+\s*(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?![\w.])"
_FIXED = {"ms": timedelta(milliseconds=1), "s": timedelta(seconds=1), "m": timedelta(minutes=1), "h": timedelta(hours=1),
          "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_interval(text: str) -> tuple[int, str]:
    """``"1 day"`` / ``"3h"`` -> ``(1, "d")`` / ``(3, "h")``."""
    match = re.fullmatch(r"(\d+)\s*(\w+)", text.strip())
    if match is None or match.group(2) not in UNITS:
        raise ValueError(text)
    return int(match.group(1)), UNITS[match.group(2)]


def interval_start(moment: datetime, count: int, unit: str) -> datetime:
    """The start of the histogram bucket of width ``count unit`` holding ``moment`` (calendar units for w/M/q/y)."""
    if unit == "y":
        return datetime(moment.year - (moment.year % count if count > 1 else 0), 1, 1)
    if unit in ("M", "q"):
        months = count * (3 if unit == "q" else 1)
        index = (moment.year * 12 + moment.month - 1) // months * months
        return datetime(index // 12, index % 12 + 1, 1)
    if unit == "w":
        monday = datetime(moment.year, moment.month, moment.day) - timedelta(days=moment.weekday())
        return monday
    step = _FIXED[unit] * count
    epoch = datetime(1970, 1, 1)
    return epoch + ((moment - epoch) // step) * step


def interval_end(start: datetime, count: int, unit: str) -> datetime:
    if unit in ("y", "M", "q"):
        months = count * {"y": 12, "M": 1, "q": 3}[unit]
        index = start.year * 12 + start.month - 1 + months
        return datetime(index // 12, index % 12 + 1, 1)
    return start + _FIXED[unit] * count


def iso(moment: datetime) -> str:
    """A bucket bound as the vendor's document writes them (``2020-11-13T00:00:00.000Z``)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
