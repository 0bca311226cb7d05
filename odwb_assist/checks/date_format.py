"""Check ``date-format``: dd/mm/yyyy dates, dates in words (:mod:`.written_dates`), months named with their year
(« janv.-24 », one finding of their own), Excel serial numbers, mixed formats; fix: ISO 8601 (yyyy-mm-dd, yyyy-mm).
Check ``weekday-mismatch``: a date written with a weekday that is not its own (« lun. 14/01/2025 », a Tuesday),
which the fix leaves as it is. Check ``sentinel-date``: a database's date for « no date » (« 31/12/9999 »,
« 1899-12-30 »: :mod:`.sentinel_dates`), left as it is too."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .plain import pattern_mask
from .sentinel_dates import MESSAGE as SENTINEL_MESSAGE
from .sentinel_dates import TIP as SENTINEL_TIP
from .sentinel_dates import sentinel_mask
from .tally import ColumnTally, number_text, value_mask, values_where
from .two_digit_years import CUTOFF
from .written_dates import months_among, written_cells, written_mask, written_to_iso, wrong_weekday, wrong_weekdays
from .zero_dates import ZERO_VALUES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

LOCAL = "[ \t]*[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})(?:[ T][0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)?[ \t]*"
LOCAL_DATE = "[ \t]*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})[ \t]*"
LOCAL_DATETIME = ("[ \t]*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})[ T]+([0-9]{1,2})[:h]([0-9]{2})"
                  "(?::([0-9]{2}))?[ \t]*")
# the column types whose cells may be dates written locally: text, and a workbook's column of dates or date-times
# (a date typed by hand as text, « 15/07/2024 », among the cells Excel holds as dates)
LOCAL_TYPES = ("string", "date", "datetime", "any")
SERIAL = "[ \t]*[1-6][0-9]{4}(?:[.]0+)?[ \t]*"  # 10000..69999: 1927..2091 as Excel day numbers
# a title that names a date (« Date de création », « Échéance », « Fin de contrat », « dt_maj »), the words whole: a count
# of « candidates », an amount « Montant fin » or « Jours de congé » is no date, whatever its numbers
SERIAL_TITLE = re.compile(r"(?i)(?:^|[^a-z])(?:dates?|datum)(?:$|[^a-z])|naissance|[ée]ch[ée]ance"
                          r"|^(?:d[ée]but|fin|jour)\b|\bdt_|_dt\b")
# seconds (or milliseconds) since 1970-01-01 UTC, as a web application, an API or a sensor writes a moment: from
# 2000-01-01 (946684800) to 2038-01-19 (2147483647); under a title that names a date or a moment (« timestamp »,
# « horodatage », « created_at »)
EPOCH = "[ \t]*(?:9[4-9][0-9]{7}|[12][0-9]{9})(?:[0-9]{3})?[ \t]*"
EPOCH_FIRST, EPOCH_LAST = 946_684_800, 2_147_483_647
# a date written year, month and day without separators, as accounting software and databases export them
# (« 20240102 »: a day of 1900 to 2099, read as a date only when it is one of the calendar)
COMPACT = "[ \t]*(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ \t]*"
# an ISO date whose month or day lacks its zero (« 2024-1-2 », « 2024-12-5 »: what a script writes with str() of its
# numbers, a form's export); ISO 8601 writes both on two digits, « 2024-01-02 »
UNPADDED = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([ T])([0-9]{1,2})(:[0-9]{2}(?::[0-9]{2})?))?")
# the same, a zero missing (for pyarrow)
UNPADDED_CELL = ("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
EPOCH_TITLE = re.compile(SERIAL_TITLE.pattern + r"|timestamp|horodat|(?:^|_)(?:created|updated|modified)(?:_at)?$|_at$")

MESSAGE = Msg("Colonne « {field} » : {count} date(s) au format local, pas au format ISO AAAA-MM-JJ "
              "(ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} date(s) in a local format, not ISO YYYY-MM-DD (e.g. row {row}: '{cell}').")
SERIAL_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrites comme numéro de série Excel (ex. ligne {row} : « {cell} »).",
                     "Column '{field}': {count} date(s) written as Excel serial numbers (e.g. row {row}: '{cell}').")
WEEKDAY_MESSAGE = Msg("Colonne « {field} » : {count} date(s) dont le jour de la semaine n'est pas celui de la date "
                      "(ex. ligne {row} : « {cell} », un {actual}) : le jour ou la date est faux, et seule la source "
                      "dit lequel.",
                      "Column '{field}': {count} date(s) whose weekday is not the date's (e.g. row {row}: '{cell}', a "
                      "{actual_en}): the day or the date is wrong, and only the source says which.")
WEEKDAY_TIP = Msg("Vérifiez ces dates à la source et écrivez la date seule au format AAAA-MM-JJ (2025-01-14) : le jour "
                  "de la semaine se déduit de la date. « odwb-assist fix » laisse ces cellules telles quelles.",
                  "Check these dates at the source and write the date alone as YYYY-MM-DD (2025-01-14): the weekday "
                  "follows from the date. 'odwb-assist fix' leaves these cells as they are.")
ENGLISH_DAYS = {"lundi": "Monday", "mardi": "Tuesday", "mercredi": "Wednesday", "jeudi": "Thursday",
                "vendredi": "Friday", "samedi": "Saturday", "dimanche": "Sunday"}
COMPACT_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrites AAAAMMJJ, sans séparateur (ex. ligne {row} : "
                      "« {cell} ») : le portail les lirait comme des nombres.",
                      "Column '{field}': {count} date(s) written YYYYMMDD, without separators (e.g. row {row}: "
                      "'{cell}'): the portal would read them as numbers.")
COMPACT_TIP = Msg("Exportez les dates au format AAAA-MM-JJ (2024-01-02). « odwb-assist fix » les écrit ainsi dans une "
                  "colonne qui n'en contient pas d'autres.",
                  "Export the dates as YYYY-MM-DD (2024-01-02). 'odwb-assist fix' writes them so in a column that holds "
                  "nothing else.")
EPOCH_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrites en secondes depuis le 1er janvier 1970 (un "
                    "horodatage Unix, ex. ligne {row} : « {cell} », soit {moment} en temps universel) : le portail les "
                    "lirait comme des nombres.",
                    "Column '{field}': {count} date(s) written as seconds since 1 January 1970 (a Unix timestamp, e.g. "
                    "row {row}: '{cell}', that is {moment} universal time): the portal would read them as numbers.")
EPOCH_TIP = Msg("Exportez les dates au format AAAA-MM-JJ HH:MM:SS depuis l'application. « odwb-assist fix » les convertit "
                "(en temps universel, UTC, « 2024-01-02T10:00:00Z ») dans une colonne qui n'en contient pas d'autres.",
                "Export the dates as YYYY-MM-DD HH:MM:SS from the application. 'odwb-assist fix' converts them (in "
                "universal time, UTC, '2024-01-02T10:00:00Z') in a column that holds nothing else.")
UNPADDED_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrite(s) sans le zéro du mois, du jour ou de l'heure (ex. "
                       "ligne {row} : « {cell} ») : la norme ISO 8601 les écrit sur deux chiffres, AAAA-MM-JJ "
                       "(2024-01-02) et HH:MM (09:05), la forme que le portail et les logiciels lisent à coup sûr comme "
                       "une date, et qui se trie.",
                       "Column '{field}': {count} date(s) written without the zero of the month, the day or the hour "
                       "(e.g. row {row}: '{cell}'): the ISO 8601 standard writes them on two digits, YYYY-MM-DD "
                       "(2024-01-02) and HH:MM (09:05), the form the portal and software surely read as a date, and "
                       "which sorts.")
UNPADDED_TIP = Msg("Écrivez le mois, le jour et l'heure sur deux chiffres (2024-01-02 09:05) : Format de cellule > "
                   "Personnalisé > aaaa-mm-jj hh:mm, ou lancez « odwb-assist fix », qui ajoute les zéros.",
                   "Write the month, the day and the hour on two digits (2024-01-02 09:05): Format cells > Custom > "
                   "yyyy-mm-dd hh:mm, or run 'odwb-assist fix', which adds the zeros.")
MONTHS_MESSAGE = Msg("Colonne « {field} » : {count} mois écrit(s) avec leur nom (ex. ligne {row} : « {cell} ») : le "
                     "portail les lit comme du texte et les range par ordre alphabétique (avril avant janvier).",
                     "Column '{field}': {count} month(s) written with their name (e.g. row {row}: '{cell}'): the "
                     "portal reads them as text and sorts them alphabetically (April before January).")
MONTHS_TIP = Msg("Écrivez l'année et le mois au format AAAA-MM (2024-01) : Format de cellule > Personnalisé > aaaa-mm, "
                 "ou lancez « odwb-assist fix ».",
                 "Write the year and month as YYYY-MM (2024-01): Format cells > Custom > yyyy-mm, or run "
                 "'odwb-assist fix'.")
MONTH_FIRST_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrite(s) mois/jour/année, à l'américaine, pas au "
                          "format ISO AAAA-MM-JJ (ex. ligne {row} : « {cell} », où le mois vient d'abord).",
                          "Column '{field}': {count} date(s) written month/day/year, the American way, not ISO "
                          "YYYY-MM-DD (e.g. row {row}: '{cell}', where the month comes first).")
MIXED_MESSAGE = Msg("Colonne « {field} » : {count} date(s) au format local, écrites tantôt jour/mois (ligne {day_row} : "
                    "« {day_cell} »), tantôt mois/jour (ligne {month_row} : « {month_cell} ») : {ambiguous} date(s) "
                    "comme « {ambiguous_cell} » (ligne {ambiguous_row}) se lisent des deux façons.",
                    "Column '{field}': {count} date(s) in a local format, written now day/month (row {day_row}: "
                    "'{day_cell}'), now month/day (row {month_row}: '{month_cell}'): {ambiguous} date(s) such as "
                    "'{ambiguous_cell}' (row {ambiguous_row}) read both ways.")
MIXED_CLEAR_MESSAGE = Msg("Colonne « {field} » : {count} date(s) au format local, écrites tantôt jour/mois (ligne "
                          "{day_row} : « {day_cell} »), tantôt mois/jour (ligne {month_row} : « {month_cell} ») ; "
                          "chacune ne se lit que d'une façon.",
                          "Column '{field}': {count} date(s) in a local format, written now day/month (row {day_row}: "
                          "'{day_cell}'), now month/day (row {month_row}: '{month_cell}'); each reads one way only.")
MIXED_TIP = Msg("Vérifiez ces dates à la source et écrivez-les au format AAAA-MM-JJ (2024-03-31). « odwb-assist fix » ne "
                "réécrit que celles qui ne se lisent que d'une façon (« 15/03/2024 », « 3/15/2024 ») et laisse les "
                "autres telles quelles.",
                "Check these dates at the source and write them as YYYY-MM-DD (2024-03-31). 'odwb-assist fix' only "
                "rewrites those that read one way only ('15/03/2024', '3/15/2024') and leaves the others as they are.")
TIP = Msg("Écrivez les dates au format AAAA-MM-JJ (2024-03-31) : Format de cellule > Personnalisé > aaaa-mm-jj, ou lancez "
          "« odwb-assist fix ». Le portail ne reconnaît pas 31/03/2024 comme une date.",
          "Write dates as YYYY-MM-DD (2024-03-31): Format cells > Custom > yyyy-mm-dd, or run 'odwb-assist fix'. "
          "The portal does not read 31/03/2024 as a date.")
SERIAL_TIP = Msg("Mettez la colonne au format Date (Format de cellule > Personnalisé > aaaa-mm-jj) et exportez à nouveau. "
                 "« odwb-assist fix » ne les convertit que dans une colonne de numéros de série seuls ; le portail les "
                 "lirait comme des nombres.",
                 "Format the column as a date (Format cells > Custom > yyyy-mm-dd) and export again. 'odwb-assist fix' "
                 "converts them only in a column of serial numbers alone; the portal would read them as numbers.")
EXCEL_EPOCH = "1899-12-30"  # day 0 of Excel's serial dates (1900 system, its 1900 leap-year bug included)


def padded(text: str) -> str | None:
    """« 2024-1-2 » → « 2024-01-02 »: an ISO date of the calendar whose month or day lacks its zero, written on two
    digits each, and the hour of a time after it (« 2024-1-2 9:05 » → « 2024-01-02 09:05 »; None: another value, a
    date and time already padded, or no day of the calendar)."""
    import datetime as dt

    found = UNPADDED.fullmatch(text)
    if found is None:
        return None
    year, month, day, separator, hour, rest = found.groups()
    if (len(month) == 2 and len(day) == 2 and (hour is None or len(hour) == 2)) or (hour is not None and int(hour) > 23):
        return None
    try:
        date = dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
    return date if hour is None else f"{date}{separator}{hour.zfill(2)}{rest}"


def unpadded_mask(column: ColumnValues) -> np.ndarray:
    """Which distinct values of a column are ISO dates without a zero (:func:`padded`): those 8 or 9 bytes long, or 12
    to 18 with a time, whose fifth byte is « - » (read from the Arrow buffers), then the Python test."""
    import numpy as np

    from .cells import byte_at, byte_lengths
    from .plain import distinct_cells

    cells = distinct_cells(column)
    if cells is None:
        return np.fromiter((padded(text) is not None for text in column.texts), dtype=bool, count=len(column))
    size = byte_lengths(cells)
    maybe = (size == 8) | (size == 9) | ((size >= 12) & (size <= 18))
    if maybe.any():
        at = np.flatnonzero(maybe)
        maybe[at] = byte_at(cells, 4, at) == ord("-")
    return values_where(column, maybe, lambda text: padded(text) is not None)


def _padded_dates(values: pd.Series) -> pd.Series:
    """The ISO dates without a zero of a column written on two digits (« 2024-1-2 » → « 2024-01-02 »); other cells
    as they are."""
    return _converted(values, UNPADDED_CELL, padded)


def local_mask(column: ColumnValues) -> np.ndarray:
    """``pattern_mask(column, LOCAL)``, the pattern run only on the values that begin with what a local date begins
    with (a digit, a space or a tab: read from the Arrow buffers), when the plain numbers are known: a column of
    names, addresses or e-mails is never run through it."""
    import numpy as np

    from .cells import byte_at, byte_set, first_bytes
    from .plain import distinct_cells, plain_numbers, values_fullmatch

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, LOCAL)
    first = first_bytes(cells)
    maybe = ~verdicts[0] & byte_set(LOCAL_FIRST)[first]
    if maybe.any():  # a date's day (one digit or two) is followed by its separator: « 087/61.79.32 » is no date
        at = np.flatnonzero(maybe & byte_set(DIGITS)[first])
        second, third = byte_at(cells, 1, at), byte_at(cells, 2, at)
        separators = byte_set(SEPARATORS)
        maybe[at] = separators[second] | (byte_set(DIGITS)[second] & separators[third])
    mask = np.zeros(len(maybe), dtype=bool)
    if maybe.any():
        at = np.flatnonzero(maybe)
        mask[at] = values_fullmatch(column, LOCAL, None, at)
    return mask


LOCAL_FIRST = " \t0123456789"  # the first byte of a value :data:`LOCAL` matches
DIGITS, SEPARATORS = "0123456789", "/.-"  # a value LOCAL matches without a space first: 1 or 2 digits, a separator


DAY_FIRST, MONTH_FIRST, MIXED = "day-first", "month-first", "mixed"
_PARTS = "^[ \t]*(?P<first>[0-9]{1,2})[/.-](?P<second>[0-9]{1,2})[/.-]"


def proofs(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(day first, month first) for each local date (Arrow text): its first number is above 12 (« 15/03/2024 »: only
    a day), or its second (« 3/15/2024 »: the month comes first); neither for « 1/5/2024 », which reads both ways."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = pc.extract_regex(cells, _PARTS)
    first = pc.cast(pc.struct_field(parts, "first"), pa.int16()).to_numpy(zero_copy_only=False)
    second = pc.cast(pc.struct_field(parts, "second"), pa.int16()).to_numpy(zero_copy_only=False)
    return np.nan_to_num(first) > 12, np.nan_to_num(second) > 12


SLIPS = 0.05  # dates of the other order, among the dates that tell, taken for slips of the pen (« 5/13/2024 »)


def order_from(day_first: int, month_first: int) -> str:
    """The order of a column's dates from how many only a day can begin and how many only a month can: the other
    order's dates are slips (left as they are) when they are at most :data:`SLIPS` of them."""
    if month_first <= SLIPS * day_first:
        return DAY_FIRST  # the Belgian way, also when nothing tells
    if day_first <= SLIPS * month_first:
        return MONTH_FIRST
    return MIXED


class DateOrder:
    """What a column's local dates say of their order: the first date only a day can begin (« 15/03/2024 ») and the
    first only a month can (« 3/15/2024 »), and those that read both ways (« 1/5/2024 »): how many, the first one."""

    def __init__(self) -> None:
        self.day: tuple[int, str] | None = None
        self.month: tuple[int, str] | None = None
        self.days = self.months = 0  # the dates only a day can begin, those only a month can
        self.ambiguous = 0
        self.ambiguous_example: tuple[int, str] | None = None

    def add(self, column: ColumnValues, local: np.ndarray) -> None:
        import numpy as np
        import pyarrow as pa

        from .plain import text_cells

        at = np.flatnonzero(local)
        cells = text_cells(column).take(pa.array(at))
        day, month = proofs(cells)
        if self.day is None and day.any():
            self.day = _first(column, at[day])
        if self.month is None and month.any():
            self.month = _first(column, at[month])
        self.days += int(column.counts[at[day]].sum())
        self.months += int(column.counts[at[month]].sum())
        both = ~day & ~month
        if both.any():
            self.ambiguous += int(column.counts[at[both]].sum())
            if self.ambiguous_example is None:
                self.ambiguous_example = _first(column, at[both])

    @property
    def order(self) -> str:
        return order_from(self.days, self.months)

    def said(self, finding: Finding) -> Finding:
        """The column's ``date-format`` finding, told in the words of its order (``extra.order``)."""
        import dataclasses

        order = self.order
        extra = {**finding.extra, "order": order}
        if order == DAY_FIRST:
            return dataclasses.replace(finding, extra=extra)
        count = number_text(finding.count)
        if order == MONTH_FIRST:
            row, cell = self.month or (finding.row_number, finding.cell)
            message = MONTH_FIRST_MESSAGE.format(field=finding.field_name, count=count, row=row, cell=cell)
            return dataclasses.replace(finding, message=message, extra=extra)
        (day_row, day_cell), (month_row, month_cell) = self.day or (0, ""), self.month or (0, "")
        ambiguous_row, ambiguous_cell = self.ambiguous_example or (0, "")
        if not self.ambiguous:  # each reads one way only: the fix writes them all
            message = MIXED_CLEAR_MESSAGE.format(field=finding.field_name, count=count, day_row=day_row,
                                                 day_cell=day_cell, month_row=month_row, month_cell=month_cell)
            return dataclasses.replace(finding, message=message, extra={**extra, "ambiguous": 0})
        message = MIXED_MESSAGE.format(field=finding.field_name, count=count, day_row=day_row, day_cell=day_cell,
                                       month_row=month_row, month_cell=month_cell,
                                       ambiguous=number_text(self.ambiguous), ambiguous_cell=ambiguous_cell,
                                       ambiguous_row=ambiguous_row)
        return dataclasses.replace(finding, message=message, tip=MIXED_TIP, extra={**extra, "ambiguous": self.ambiguous})


def compact_mask(column: ColumnValues) -> np.ndarray:
    """Which distinct values of ``column`` are dates written YYYYMMDD (:data:`COMPACT`, days of the calendar)."""
    return values_where(column, value_mask(column, COMPACT), lambda text: _compact_iso(text) is not None)


def _compact_iso(text: str) -> str | None:
    """« 20240102 » → « 2024-01-02 »; None for no day of the calendar (« 20240231 »)."""
    import datetime as dt

    digits = text.strip()
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return None


def _compact_dates(values: pd.Series) -> pd.Series:
    """Dates written YYYYMMDD as ISO dates; other cells as they are."""
    return _converted(values, COMPACT, _compact_iso)


def _converted(values: pd.Series, pattern: str, convert: Callable[[str], str | None]) -> pd.Series:
    """``values`` with each cell that matches ``pattern`` written as ``convert`` gives it (kept when it gives None)."""
    from .cells import fullmatch_mask

    hits = values[fullmatch_mask(values, pattern)]
    if hits.empty:
        return values
    result = values.copy()
    for row, text in hits.items():
        result[row] = convert(str(text)) or text
    return result


def epoch_mask(column: ColumnValues) -> np.ndarray:
    """Which distinct values of ``column`` are Unix timestamps (:data:`EPOCH`, from 2000 to 2038)."""
    return values_where(column, value_mask(column, EPOCH), lambda text: _epoch_seconds(text) is not None)


def _epoch_seconds(text: str) -> float | None:
    """The seconds since 1970 a timestamp writes (milliseconds when it has 12 digits or more), None out of range."""
    digits = text.strip()
    seconds = int(digits) / 1000 if len(digits) >= 12 else int(digits)
    return seconds if EPOCH_FIRST <= seconds <= EPOCH_LAST else None


def _moment(column: str, cell: str) -> dict[str, object]:
    """The message's {moment}: the example timestamp as an ISO date-time."""
    seconds = _epoch_seconds(cell) if cell.strip().isdigit() else None
    moment = _epoch_iso(seconds) if seconds is not None else "?"
    return {"moment": moment}


def _epoch_iso(seconds: float) -> str:
    """« 2024-01-02T10:00:00Z » (milliseconds when there are some: « …:00.250Z »)."""
    import datetime as dt

    moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    millis = round((seconds - int(seconds)) * 1000)
    return text + (f".{millis:03d}" if millis else "") + "Z"


def _actual_day(column: str, cell: str) -> dict[str, object]:
    """The message's {actual}: the weekday of the example cell's date."""
    day = wrong_weekday(cell) or "?"
    return {"actual": day, "actual_en": ENGLISH_DAYS.get(day, day)}


def _first(column: ColumnValues, at: np.ndarray) -> tuple[int, str]:
    """The first row holding one of the distinct values ``at``, and its cell."""
    import numpy as np

    mask = np.zeros(len(column.texts), dtype=bool)
    mask[at] = True
    row, cell = next(iter(column.cells(mask).head(1).items()))
    return int(row), str(cell).strip()


class DateFormatCheck(BaseTableCheck):
    name = "date-format"
    types = ("date-format", "weekday-mismatch", "sentinel-date", "impossible-date")
    blocking = ("impossible-date",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.local = ColumnTally()
        self.orders: dict[str, DateOrder] = {}  # what the local dates of each column say of their order
        self.months = ColumnTally()
        self.weekdays = ColumnTally()  # dates whose weekday is not theirs
        self.sentinels = ColumnTally()  # a database's dates for « no date »
        self.serial = ColumnTally()
        self.filled: Counter[str] = Counter()  # the filled cells of the columns that may hold serial numbers
        types = context.options.get("types", {})
        self.local_columns = {name for name in context.fields if types.get(name, "string") in LOCAL_TYPES}
        self.date_columns = {name for name in self.local_columns if types.get(name) == "date"}
        self.iso_columns = {name for name in self.local_columns if types.get(name) in ("date", "datetime")}
        numbers = [name for name in context.fields if types.get(name) in ("integer", "number")]
        # serial numbers alone (a column of numbers), or among written dates (« 45363 » where a cell lost its date
        # format, beside « 12/03/2024 »: a column of text), under a title that names a date
        self.serial_columns = {name for name in [*numbers, *self.local_columns] if SERIAL_TITLE.search(name)}
        self.epoch_columns = {name for name in numbers if EPOCH_TITLE.search(name)}
        self.epoch = ColumnTally()
        self.compact = ColumnTally()
        self.unpadded = ColumnTally()  # ISO dates without the zero of the month or the day
        self.impossible = ColumnTally()  # dates the calendar does not have (:mod:`.calendar_dates`)
        self.dated: Counter[str] = Counter()  # the cells that are dates of the calendar
        self.dated_filled: Counter[str] = Counter()  # the filled cells of the chunks read for them

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.local_columns:
            written = written_mask(column)
            months = months_among(column, written)
            wrong = wrong_weekdays(column, written & ~months)
            if wrong.any():  # no date to rewrite: two days, one of them wrong
                written &= ~wrong
                self.weekdays.add_values(column, wrong)
            local = local_mask(column)
            if local.any():  # « 00/00/0000 » is no date to rewrite but a missing one (``zero-date``)
                local &= ~ZERO_VALUES(column)
            if local.any() and column.name in self.date_columns:
                # a date and a time in a column of dates stays a value of another type: rewritten, it would still be
                # a date-time (the time is not dropped), so it is not said a date to rewrite, which fix would clear
                local[local] = ~value_mask(column, LOCAL_DATETIME)[local]
            if local.any():  # among ISO dates alone, the type tally's type-error says it (as Frictionless does)
                local &= ~self._impossible(column, local, written & ~months)
            self.local.add_values(column, local | (written & ~months))
            # the dates of the column: written locally, or any value of a column of ISO dates
            among = local | (column.name in self.iso_columns)
            self.sentinels.add_values(column, sentinel_mask(column, among))
            self.months.add_values(column, months)
            if column.name in self.iso_columns or EPOCH_TITLE.search(column.name):  # dates or moments, not file numbers
                self.unpadded.add_values(column, unpadded_mask(column))
            if local.any():
                self.orders.setdefault(column.name, DateOrder()).add(column, local)
        if column.name in self.serial_columns:
            self.serial.add_values(column, value_mask(column, SERIAL))
            self.compact.add_values(column, compact_mask(column))
        if column.name in self.epoch_columns:
            self.epoch.add_values(column, epoch_mask(column))
        if column.name in self.serial_columns or column.name in self.epoch_columns:
            self.filled[column.name] += int(column.counts.sum())
        return ()

    def _impossible(self, column: ColumnValues, local: np.ndarray, written: np.ndarray) -> np.ndarray:
        """The dates of ``column`` the calendar does not have, local (among ``local``) or ISO; tallied, with the
        column's dates and filled cells (:mod:`.calendar_dates`)."""
        import numpy as np
        import pyarrow as pa

        from .calendar_dates import ISO_DATE, impossible_iso, impossible_local
        from .plain import text_cells

        cells = text_cells(column)
        impossible = np.zeros(len(column), dtype=bool)
        iso = value_mask(column, ISO_DATE)
        for mask, test in ((local, impossible_local), (iso, impossible_iso)):
            at = np.flatnonzero(mask)
            if len(at):
                impossible[at] |= test(cells.take(pa.array(at)))
        counts = column.counts
        self.dated[column.name] += int(counts[(local | iso | written) & ~impossible].sum())
        self.dated_filled[column.name] += int(counts.sum())
        self.impossible.add_values(column, impossible)
        return impossible

    def end(self, context: CheckContext) -> Iterable[Finding]:
        from .calendar_dates import DATED
        from .calendar_dates import MESSAGE as IMPOSSIBLE_MESSAGE
        from .calendar_dates import TIP as IMPOSSIBLE_TIP

        for finding in self.impossible.findings("impossible-date", Severity.ERROR, IMPOSSIBLE_MESSAGE, IMPOSSIBLE_TIP):
            name = str(finding.field_name)
            if self.dated[name] >= DATED * self.dated_filled[name]:
                yield finding
        for finding in self.local.findings("date-format", Severity.WARNING, MESSAGE, TIP):
            order = self.orders.get(str(finding.field_name))
            yield order.said(finding) if order is not None else finding
        yield from self.months.findings("date-format", Severity.WARNING, MONTHS_MESSAGE, MONTHS_TIP)
        for finding in self.unpadded.findings("date-format", Severity.WARNING, UNPADDED_MESSAGE, UNPADDED_TIP):
            yield dataclasses.replace(finding, extra={**finding.extra, "unpadded": True})
        yield from self.weekdays.findings("weekday-mismatch", Severity.WARNING, WEEKDAY_MESSAGE, WEEKDAY_TIP,
                                          fill=_actual_day)
        yield from self.sentinels.findings("sentinel-date", Severity.WARNING, SENTINEL_MESSAGE, SENTINEL_TIP)
        for finding in self.serial.findings("date-format", Severity.WARNING, SERIAL_MESSAGE, SERIAL_TIP):
            name = str(finding.field_name)
            converted = finding.count == self.filled[name]  # serial numbers alone: nothing else can be meant
            yield dataclasses.replace(finding, tip=TIP if converted else SERIAL_TIP,
                                      extra={**finding.extra, "serial": True, "converted": converted})
        for finding in self.compact.findings("date-format", Severity.WARNING, COMPACT_MESSAGE, COMPACT_TIP):
            converted = finding.count == self.filled[str(finding.field_name)]  # such dates alone
            yield dataclasses.replace(finding, extra={**finding.extra, "compact": True, "converted": converted})
        for finding in self.epoch.findings("date-format", Severity.WARNING, EPOCH_MESSAGE, EPOCH_TIP, fill=_moment):
            converted = finding.count == self.filled[str(finding.field_name)]  # timestamps alone
            yield dataclasses.replace(finding, extra={**finding.extra, "epoch": True, "converted": converted})


def to_iso(values: pd.Series, order: str = DAY_FIRST) -> pd.Series:
    """dd/mm/yyyy (day first, as in Belgium; two-digit years as Excel reads them, :mod:`.two_digit_years`: 30-99 →
    19xx, 00-29 → 20xx) to yyyy-mm-dd; "" when impossible.

    A time after the date (« 31/01/2024 14:05 », « 31/01/2024 14h05:30 ») gives an ISO date-time
    (« 2024-01-31T14:05:00 »). ``order``: :data:`MONTH_FIRST` reads mm/dd/yyyy; :data:`MIXED` reads each date the
    only way it can be read (« 15/03/2024 », « 3/15/2024 ») and gives "" for one that reads both ways."""
    import pandas as pd  # imported here so that registering the plugin stays light

    timed = values.str.fullmatch(LOCAL_DATETIME).fillna(False).astype(bool)
    parts = values.str.extract(LOCAL_DATETIME) if timed.any() else values.str.extract(LOCAL_DATE)
    if timed.any() and not timed.all():
        dates = values[~timed].str.extract(LOCAL_DATE)
        parts.loc[dates.index, [0, 1, 2]] = dates[[0, 1, 2]]
    parts = parts.fillna("") if timed.any() else parts
    readable = pd.Series(True, index=values.index)
    if order != DAY_FIRST:
        first = pd.to_numeric(parts[0], errors="coerce").fillna(0)
        second = pd.to_numeric(parts[1], errors="coerce").fillna(0)
        swap = pd.Series(order == MONTH_FIRST, index=values.index) if order == MONTH_FIRST else second > 12
        readable = readable if order == MONTH_FIRST else (first > 12) | (second > 12)
        parts.loc[swap, [0, 1]] = parts.loc[swap, [1, 0]].to_numpy()
    year = parts[2].where(parts[2].str.len() == 4, None)
    short = parts[2][parts[2].str.len() == 2].astype(int)
    year = year.fillna((short + 2000).where(short < CUTOFF, short + 1900).astype(str))
    text = year + "-" + parts[1].str.zfill(2) + "-" + parts[0].str.zfill(2)
    valid = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").notna() & readable
    if timed.any():
        seconds = parts[5].where(parts[5] != "", "00")
        clock = parts[3].str.zfill(2) + ":" + parts[4] + ":" + seconds
        good_clock = (parts[3].where(parts[3] != "", "0").astype(int) < 24) & \
            (parts[4].where(parts[4] != "", "0").astype(int) < 60) & (seconds.astype(int) < 60)
        text = text.where(~timed, text + "T" + clock)
        valid = valid & (~timed | good_clock)
    return text.where(valid, "")


class DateFormatFix:
    name = "date-format"
    # its plan reads the order of each column's dates, and the columns of another type that hold some (see ``Fix.reads``)
    reads = ("date-format", "type-error")
    resolves = ("date-format",)  # a type error may have other cells (see ``Fix.resolves``)
    label = Msg("Dates au format ISO 8601", "Dates to ISO 8601")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        from ..quality.fix_plans import columns_of
        from ..quality.fixing import current_label

        changes: list[Change] = []
        table = table.copy()
        serial = serial_columns(context)
        reported = {current_label(context, label) for label in columns_of(context, ["date-format"])}
        for column in table.columns:
            values = table[column]
            if str(column) in serial:
                dated = serial[str(column)](values)
                moved = dated[dated != values]
                table.loc[moved.index, column] = moved
                changes.extend(Change(self.name, int(row), str(column), str(values[row]), str(after))
                               for row, after in moved.items())
                continue
            padded_values = _padded_dates(values) if str(column) in reported else values
            moved = padded_values[padded_values != values]
            if not moved.empty:  # « 2024-1-2 » → « 2024-01-02 », in a column the check said (not file numbers)
                table.loc[moved.index, column] = moved
                changes.extend(Change(self.name, int(row), str(column), str(values[row]), str(after))
                               for row, after in moved.items())
            hits = values[(values.str.fullmatch(LOCAL_DATE) | values.str.fullmatch(LOCAL_DATETIME)).fillna(False)
                          .astype(bool)]
            written = values[written_cells(values)]
            if hits.empty and written.empty:
                continue
            converted = pd.concat([to_iso(hits, order_of(hits)), written_to_iso(written)]).sort_index()
            converted = converted[converted != ""]
            hits = pd.concat([hits, written]).sort_index()
            table.loc[converted.index, column] = converted
            changes.extend(Change(self.name, int(row), str(column), str(hits[row]), str(after))
                           for row, after in converted.items())
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from functools import partial

        from ..quality.fix_plans import fields, findings

        # the order the check read in each column's local dates (day first when it said nothing); only those columns
        # are read, and those of another type with values not of it (« 31/01/2024 10:15 » among date-times: a type
        # error there, not a date-format finding), not every column of every block
        orders = {f.field_name: f.extra.get("order", DAY_FIRST) for f in findings(context, ["date-format"])}
        mistyped = {f.field_name for f in findings(context, ["type-error"])}
        serial = serial_columns(context)

        def rewrite(label: str) -> Callable[[pd.Series], pd.Series]:
            if label in serial:
                return serial[label]
            order = orders.get(label, DAY_FIRST)
            return _iso_dates if order == DAY_FIRST else partial(_iso_dates, order=order)

        return FixPlan(rewrites={label: rewrite(label) for label in fields(context) if label in orders or label in mistyped})


def order_of(dates: pd.Series) -> str:
    """The order of a column's local dates (:class:`DateOrder`), read from the dates themselves."""
    import pyarrow as pa

    if dates.empty:
        return DAY_FIRST
    day, month = proofs(pa.array(dates.astype(str).tolist(), type=pa.string()))
    return order_from(int(day.sum()), int(month.sum()))


def serial_columns(context: FixContext) -> dict[str, Callable[[pd.Series], pd.Series]]:
    """The columns of Excel serial numbers, dates written YYYYMMDD or Unix timestamps the fix converts, with their
    conversion: numbers of one kind alone, under a title that names a date (:data:`SERIAL_TITLE`,
    :data:`EPOCH_TITLE`; the check's ``extra.converted``)."""
    from ..quality.fix_plans import findings

    return {str(f.field_name): _epoch_moments if f.extra.get("epoch") else _compact_dates if f.extra.get("compact")
            else _serial_dates for f in findings(context, ["date-format"]) if f.extra.get("converted")}


def _epoch_moments(values: pd.Series) -> pd.Series:
    """Unix timestamps (« 1704189600 », « 1704189600250 ») as ISO date-times in UTC (« 2024-01-02T10:00:00Z »,
    « 2024-01-02T10:00:00.250Z »); other cells as they are."""
    def moment(text: str) -> str | None:
        seconds = _epoch_seconds(text)
        return _epoch_iso(seconds) if seconds is not None else None

    return _converted(values, EPOCH, moment)


def _serial_dates(values: pd.Series) -> pd.Series:
    """Excel serial numbers (« 45292 ») as ISO dates (« 2024-01-01 »); other cells as they are."""
    import pandas as pd

    from .cells import fullmatch_mask

    hits = values[fullmatch_mask(values, SERIAL)]
    if hits.empty:
        return values
    days = pd.to_numeric(hits.str.strip(), errors="coerce")
    dates = pd.to_datetime(days, unit="D", origin=EXCEL_EPOCH).dt.strftime("%Y-%m-%d")
    result = values.copy()
    result[hits.index] = dates.astype(values.dtype)
    return result


def _iso_dates(values: pd.Series, order: str = DAY_FIRST) -> pd.Series:
    import pandas as pd

    from .cells import fullmatch_mask, starts_mask

    values = _padded_dates(values)  # « 2024-1-2 » among them: two digits each
    # one cheap pass first; both patterns begin so (« 50.354836 » is not matched twice more)
    starts = starts_mask(values, "[ \t]*[0-9]{1,2}[/.-][0-9]{1,2}[/.-]")
    written = written_cells(values)
    if not starts.any() and not written.any():
        return values
    maybe = values[starts]
    hits = maybe[fullmatch_mask(maybe, LOCAL_DATE) | fullmatch_mask(maybe, LOCAL_DATETIME)]
    words = values[written]
    if hits.empty and words.empty:
        return values
    converted = pd.concat([to_iso(hits, order), written_to_iso(words)])
    converted = converted[converted != ""]
    result = values.copy()
    result[converted.index] = converted
    return result


@hookimpl
def odwb_checks(context: CheckContext) -> list[DateFormatCheck]:
    return [DateFormatCheck()]


@hookimpl
def odwb_fixes() -> list[DateFormatFix]:
    return [DateFormatFix()]
