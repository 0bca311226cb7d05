"""Dates written in words as French Excel and Word write them, which the portal reads as text: « 15 janvier 2024 »,
« 1er mars 2024 », « lundi 15 janvier 2024 » (Excel's long date), « 15-janv.-24 » (Excel's short date with the month's
name), « 2024/01/15 » (year first), « 2024/03/15 3:24:53 PM GMT+2 » (Google Forms' timestamps, in ISO 8601 with
their time zone) and « lun. 06/01/2025 » (a weekday before the date, as a collection calendar or an agenda writes
it: read day first). A date with its weekday is read only when the weekday is the date's: « lundi 14 janvier 2025 »
(a Tuesday) says two days, and which is right only its author knows (:func:`wrong_weekdays`, said as
``weekday-mismatch`` and left as it is by the fix). Each gives one ISO date (the month is named, or the
year comes first: nothing to guess); two-digit years read as Excel reads them (:mod:`.two_digit_years`: 1930-2029). A
month without a day (« janvier 2024 », « janv. 2024 », Excel's « mmm-aa » « janv.-24 ») gives an ISO year and month
(« 2024-01 »): as text the portal sorts them by name (avril before janvier).

:func:`written_mask` finds them among a column's distinct values for the ``date-format`` check,
:func:`written_to_iso` converts them for its fix.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..core.contract import ColumnValues
from .tally import values_where
from .two_digit_years import full_year

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}
# French Excel's abbreviations (« mmm »), with or without their dot
SHORT_MONTHS = {"janv": 1, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aout": 8, "sept": 9,
                "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
DAY_NUMBERS = {name: number for number, names in enumerate((("lundi", "lun"), ("mardi", "mar"), ("mercredi", "mer"),
                                                              ("jeudi", "jeu"), ("vendredi", "ven"), ("samedi", "sam"),
                                                              ("dimanche", "dim"))) for name in names}
SHORT_DAYS = "lun|mar|mer|jeu|ven|sam|dim"
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _accented(word: str) -> str:
    """A month as written, accents optional (« février » or « fevrier »)."""
    return word.replace("e", "[eéÉ]", 1) if word in ("fevrier", "decembre", "fevr", "dec") else \
        word.replace("aout", "ao[uûÛ]t")


_LONG = "|".join(_accented(month) for month in MONTHS)
_SHORT = "|".join(_accented(month) for month in SHORT_MONTHS)
# Written for RE2 (pyarrow) and Python's re alike: no lookaround, no \d
WORDS = (f"(?i)[ \t]*(?:(?:{WEEKDAYS}),?[ \t]+)?([0-9]{{1,2}})(?:er)?[ \t]+({_LONG})[ \t]+([0-9]{{4}})[ \t]*"
         f"|[ \t]*([0-9]{{1,2}})[- ]({_SHORT})[.]?[- ]([0-9]{{4}}|[0-9]{{2}})[ \t]*"
         "|[ \t]*([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})[ \t]*"
         f"|[ \t]*({_LONG}|{_SHORT})[.]?(?:[ \t]+|-)([0-9]{{4}})[ \t]*"
         f"|[ \t]*({_LONG}|{_SHORT})[.]?-([0-9]{{2}})[ \t]*"
         f"|[ \t]*({WEEKDAYS}|{SHORT_DAYS})[.]?,?[ \t]+([0-9]{{1,2}})[/.-]([0-9]{{1,2}})[/.-]([0-9]{{4}})[ \t]*"
         # Google Forms' responses: « 2024/03/15 10:23:45 UTC+1 », « 2024/03/15 3:24:53 PM GMT+2 »
         "|[ \t]*([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})[ \t]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
         "(?:[ \t]*([AaPp][Mm]))?(?:[ \t]*(GMT|UTC)(?:([+-])([0-9]{1,2})(?::?([0-9]{2}))?)?)?[ \t]*")
# the first byte of a value WORDS matches: a digit, a space, a weekday's or a month's first letter
FIRST = " \t0123456789lmjvsdafonLMJVSDAFON"
SHORTEST = 6  # bytes: « mai-24 »
LONGEST = 40  # bytes: « mercredi 30 septembre 2024 » and some spaces
_COMPILED = re.compile(WORDS)


def written_mask(column: ColumnValues) -> np.ndarray:
    """Which distinct values of ``column`` are dates written in words (or year first)."""
    from .plain import distinct_cells, pattern_mask, plain_numbers

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, WORDS)
    return arrow_written(cells, ~verdicts[0])


def arrow_written(cells: pa.Array, among: np.ndarray | None = None) -> np.ndarray:
    """Which Arrow text cells (among ``among``) are dates written in words: the pattern runs only on the short cells
    that begin as one does and hold a digit (read from the Arrow buffers)."""
    import numpy as np
    import pyarrow as pa

    from .cells import arrow_fullmatch, byte_at, byte_lengths, byte_set, first_bytes, holding

    size = byte_lengths(cells)
    first = first_bytes(cells)
    maybe = (size >= SHORTEST) & (size <= LONGEST) & byte_set(FIRST)[first]
    if among is not None:
        maybe &= among
    mask = np.zeros(len(cells), dtype=bool)
    at = np.flatnonzero(maybe)
    if len(at):
        picked = cells.take(pa.array(at))
        kept = holding(picked, "0123456789")
        # a match that opens with a digit names its month (a letter), or is year first (« 2024/1/15 », « 2024/01/15 »,
        # its two slashes where they go): phone numbers (« 0484/44.85.96 ») and amounts leave here
        digit = kept & byte_set("0123456789")[first[at]]
        if digit.any():
            numbered = np.flatnonzero(digit)
            where = at[numbered]
            slash = ord("/")
            year_first = (byte_at(cells, 4, where) == slash) & ((byte_at(cells, 6, where) == slash)
                                                                 | (byte_at(cells, 7, where) == slash))
            kept[numbered] = year_first | holding(picked.take(pa.array(numbered)), letters=True)
        at = at[kept]
    if len(at):
        mask[at] = arrow_fullmatch(cells.take(pa.array(at)), WORDS)
    return mask


def months_among(column: ColumnValues, written: np.ndarray) -> np.ndarray:
    """Which of the ``written`` distinct values of ``column`` name a month without a day (« janv.-24 »)."""
    return values_where(column, written, lambda text: not text.strip()[:1].isdigit() and _month_only(text))


def _month_only(text: str) -> bool:
    match = _COMPILED.fullmatch(text)
    return match is not None and (match.group(10) is not None or match.group(12) is not None)


def written_cells(values: pd.Series) -> np.ndarray:
    """Which cells of a text Series are dates written in words (or year first)."""
    from .cells import arrow_text, fullmatch_mask

    cells = arrow_text(values)
    if cells is None or cells.null_count:
        return fullmatch_mask(values.fillna(""), WORDS)
    return arrow_written(cells)


def _number(month: str, names: dict[str, int]) -> int:
    plain = unicodedata.normalize("NFKD", month.lower()).encode("ascii", "ignore").decode()
    return names[plain]


def _month(name: str) -> int:
    """A month named in full or abbreviated (« mars » is both)."""
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return MONTHS.get(plain) or SHORT_MONTHS[plain]


def _iso(text: str) -> str:
    """One value as an ISO date, "" when it is no date WORDS matches or no day of the calendar."""
    import datetime as dt

    match = _COMPILED.fullmatch(text)
    if match is None:
        return ""
    if wrong_weekday(text) is not None:  # « lundi 14 janvier 2025 », a Tuesday: two days, one of them wrong
        return ""
    groups = match.groups()
    if groups[0] is not None:
        day, month, year = int(groups[0]), _number(groups[1], MONTHS), int(groups[2])
    elif groups[3] is not None:
        day, month, year = int(groups[3]), _number(groups[4], SHORT_MONTHS), int(groups[5])
        if len(groups[5]) == 2:
            year = full_year(year)
    elif groups[6] is not None:
        year, month, day = int(groups[6]), int(groups[7]), int(groups[8])
    elif groups[17] is not None:
        return _timestamp(groups[17:])
    elif groups[13] is not None:  # a weekday and a date, day first
        day, month, year = int(groups[14]), int(groups[15]), int(groups[16])
    else:  # a month and its year: ISO's « 2024-01 »
        name, year_text = (groups[9], groups[10]) if groups[9] is not None else (groups[11], groups[12])
        year = full_year(int(year_text)) if len(year_text) == 2 else int(year_text)
        return f"{year:04d}-{_month(name):02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _weekday(text: str) -> str | None:
    """The weekday a written date opens with (« lundi », « lun »), lower case; None without one."""
    word = text.strip().split(maxsplit=1)[0].rstrip(".,").lower() if text.strip() else ""
    return word if word in DAY_NUMBERS else None


def wrong_weekday(text: str) -> str | None:
    """The weekday of the date ``text`` writes (« mardi »), when ``text`` names another one before it (« lundi 14
    janvier 2025 », « lun. 14/01/2025 »); None when it names none, the right one, or no day of the calendar."""
    import datetime as dt

    named = _weekday(text)
    match = _COMPILED.fullmatch(text) if named is not None else None
    if match is None:
        return None
    groups = match.groups()
    try:
        if groups[0] is not None:
            date = dt.date(int(groups[2]), _number(groups[1], MONTHS), int(groups[0]))
        elif groups[13] is not None:
            date = dt.date(int(groups[16]), int(groups[15]), int(groups[14]))
        else:
            return None
    except ValueError:
        return None
    return None if date.weekday() == DAY_NUMBERS[str(named)] else DAY_NAMES[date.weekday()]


def wrong_weekdays(column: ColumnValues, written: np.ndarray) -> np.ndarray:
    """Which of the ``written`` distinct values of ``column`` name a weekday that is not their date's."""
    return values_where(column, written, lambda text: wrong_weekday(text) is not None)


def _timestamp(groups: tuple[str | None, ...]) -> str:
    """A year-first date and time (12- or 24-hour clock, a time zone after « GMT » or « UTC ») in ISO 8601:
    « 2024-03-15T15:24:53+02:00 »; "" when it is no time of the calendar."""
    import datetime as dt

    year, month, day, hour, minute = (int(text or 0) for text in groups[:5])
    second, half, named, sign, zone_hours, zone_minutes = groups[5:11]
    if half is not None:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    try:
        moment = dt.datetime(year, month, day, hour, minute, int(second or 0))
    except ValueError:
        return ""
    zone = f"{sign}{int(zone_hours or 0):02d}:{int(zone_minutes or 0):02d}" if sign else "Z" if named else ""
    return moment.isoformat() + zone


def written_to_iso(values: pd.Series) -> pd.Series:
    """Each cell that is a date in words (or year first) as an ISO date, "" for the others (one call per distinct
    cell)."""
    import pandas as pd

    distinct = {text: _iso(text) for text in values.unique().tolist()}
    return pd.Series([distinct[text] for text in values.tolist()], index=values.index, dtype=values.dtype)
