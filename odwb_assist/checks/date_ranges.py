"""Check ``date-range``: a column of periods written in one cell (« 01/09/2024 - 30/06/2025 », « du 12/07 au
14/07/2024 »), as agendas, works and opening periods are typed; fix ``split-date-ranges``: two columns of ISO dates,
the start and the end.

The portal types a field ``date`` only when each value is one date: a period written as text can be neither sorted
nor filtered by date. Its calendar view takes a start and an end date field: the Automation API's ``visualization``
metadata ``calendar_event_start`` (« Field used as start date on calendars ») and ``calendar_event_end``
(automation-v1.0 openapi, ``DatasetMetadataVisualization``). Two columns of dates give both. Nothing is lost: each
period gives its two dates, a single date (a one-day event) is its own start and end, the fix splits a column only
when every filled cell is one or the other, and the column as written goes to the side file of removed columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import free_label
from .midnight_dates import DATE, DAY
from .tally import EXAMPLES, number_text
from .two_digit_years import full_year

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

_SHORT = "[0-9]{1,2}[/.][0-9]{1,2}"  # a day and month without their year: « du 12/07 au 14/07/2024 »
_LEAD = "(?:(?:du|from|van|vanaf)[ \t]+)?"
_SEP = "(?:[ \t]*[-–—>][ \t]*|[ \t]+(?:au|à|a|jusqu'au|to|until|tot)[ \t]+|[ \t]+/[ \t]+)"
RANGE = f"(?i)[ \t]*{_LEAD}({DAY}|{_SHORT}){_SEP}({DAY})[ \t]*"  # group 1: the start, group 2: the end
FIRST = " \t0123456789dDfFvV"  # the first byte of a period or a date
RANGE_SHARE = 0.1  # the periods among the column's filled cells (the rest: single dates, a few other values)
DATE_SHARE = 0.8  # periods and single dates among the column's filled cells
LOOKED = 1000  # filled cells of a column without a single period after which it is no longer looked at

MESSAGE = Msg("Colonne « {field} » : {count} période(s) écrite(s) dans une seule cellule (ex. ligne {row} : "
              "« {cell} ») : le portail les lit comme du texte, sans pouvoir les trier ni les filtrer par date.",
              "Column '{field}': {count} period(s) written in a single cell (e.g. row {row}: '{cell}'): the portal "
              "reads them as text, and can neither sort nor filter them by date.")
TIP = Msg("Mettez le début et la fin dans deux colonnes de dates au format AAAA-MM-JJ (« debut », « fin ») : le portail "
          "pourra filtrer par date et montrer un calendrier. « odwb-assist fix » le fait quand chaque cellule remplie "
          "de la colonne est une période ou une date.",
          "Put the start and the end in two columns of dates written YYYY-MM-DD ('start', 'end'): the portal can then "
          "filter by date and show a calendar. 'odwb-assist fix' does it when each filled cell of the column is a "
          "period or a date.")
START = Msg("{field} (début)", "{field} (start)")
END = Msg("{field} (fin)", "{field} (end)")


class Counts:
    """A column's filled cells, its periods and its single dates, and a few periods (row, cell)."""

    def __init__(self) -> None:
        self.filled = self.ranges = self.dates = 0
        self.examples: list[tuple[int, str]] = []
        self.number = 0

    def periods(self) -> bool:
        return (self.ranges >= 2 and self.ranges >= RANGE_SHARE * self.filled
                and self.ranges + self.dates >= DATE_SHARE * self.filled)


def _verdicts(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(a period, a single date) for each Arrow text value: the patterns run only on the values that begin as a
    date or a period does (a digit, a space, « du », « from »…); a period is then checked in Python (real dates,
    the start not after the end)."""
    import numpy as np
    import pyarrow as pa

    from .cells import arrow_fullmatch, byte_set, first_bytes

    size = len(cells)
    ranges, dates = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    at = np.flatnonzero(byte_set(FIRST)[first_bytes(cells)])
    if not len(at):
        return ranges, dates
    picked = cells.take(pa.array(at))
    dates[at] = arrow_fullmatch(picked, DATE)
    maybe = at[arrow_fullmatch(picked, RANGE)]
    if len(maybe):
        texts = cells.take(pa.array(maybe)).to_pylist()
        ranges[maybe] = [period(text) is not None for text in texts]
    return ranges, dates


def period(cell: str) -> tuple[str, str] | None:
    """The (start, end) ISO dates of a period written in one cell, None when it is not one (or not a real one: an
    impossible date, the start after the end). A start without its year takes the end's (the year before when its
    month and day come after the end's: « 15/12 - 15/01/2025 »)."""
    found = re.fullmatch(RANGE, cell)
    if found is None:
        return None
    end = _iso(found.group(2))
    if end is None:
        return None
    first = found.group(1)
    if re.fullmatch(_SHORT, first):
        day, month = (int(part) for part in re.split("[/.]", first))
        year = int(end[:4])
        if (month, day) > (int(end[5:7]), int(end[8:10])):
            year -= 1
        first = f"{year:04d}-{month:02d}-{day:02d}"
    start = _iso(first)
    return (start, end) if start is not None and start <= end else None


def _iso(text: str) -> str | None:
    """An ISO or day-first date (« 1/9/24 » → 2024-09-01) as yyyy-mm-dd, None when it is not a real date."""
    text = text.strip()
    iso = re.fullmatch("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    local = None if iso else re.fullmatch("([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})", text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif local:
        day, month, year = (int(part) for part in local.groups())
        if len(local.group(3)) == 2:  # two-digit years as date-format reads them (as Excel: 1930-2029)
            year = full_year(year)
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


class DateRangeCheck(BaseTableCheck):
    name = "date-range"
    types = ("date-range",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.columns = {name for name in context.fields if types.get(name, "string") in ("string", "any")}
        self.counts: dict[str, Counts] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        from .plain import text_cells

        if column.name not in self.columns or not len(column):
            return ()
        counts = self.counts.setdefault(column.name, Counts())
        counts.number = column.number
        weights = column.counts
        counts.filled += int(weights.sum())  # the distinct values are the filled cells
        cells = text_cells(column)
        ranges, dates = _verdicts(cells)
        counts.ranges += int(weights[ranges].sum())
        counts.dates += int(weights[dates].sum())
        if ranges.any() and len(counts.examples) < EXAMPLES:
            for row, cell in column.cells(ranges).head(EXAMPLES - len(counts.examples)).items():
                counts.examples.append((int(row), str(cell)))
        if counts.filled >= LOOKED and not counts.ranges:  # a thousand cells and no period: not looked at again
            self.columns.discard(column.name)
            del self.counts[column.name]
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for name, counts in self.counts.items():
            if not counts.periods():
                continue
            row, cell = counts.examples[0]
            others = counts.filled - counts.ranges - counts.dates
            yield Finding("date-range", Severity.WARNING,
                          MESSAGE.format(field=name, count=number_text(counts.ranges), row=row, cell=cell.strip()),
                          TIP, row_number=row, field_name=name, field_number=counts.number, cell=cell,
                          extra={"count": counts.ranges, "dates": counts.dates, "others": others,
                                 "examples": [{"rowNumber": r, "cell": c} for r, c in counts.examples]})


class SplitDateRanges:
    """Fix ``split-date-ranges``: a column of periods becomes two columns of ISO dates, the start and the end, in its
    place; only when each filled cell is a period or a single date (a one-day event: the same date twice)."""

    name = "split-date-ranges"
    reads = ("date-range",)  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("date-range",)  # it adds a column: the whole table, only when the check reports a period
    label = Msg("Périodes « début - fin » → deux colonnes de dates", "Periods 'start - end' → two date columns")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        for column in list(table.columns):  # the table's own labels: an earlier fix may have renamed them
            split = _split(table[column].astype(str))
            if split is None:
                continue
            table, column_changes = _replace(table, str(column), split, context.lang)
            changes.extend(column_changes)
        return table, changes


def _split(values: pd.Series) -> tuple[list[str], list[str]] | None:
    """The starts and the ends of a column of periods (as :class:`DateRangeCheck` says: :meth:`Counts.periods`),
    None when it is not one or when one filled cell is neither a period nor a date."""
    counts = Counts()
    starts: list[str] = []
    ends: list[str] = []
    for cell in values.tolist():
        text = cell.strip()
        if not text:
            starts.append("")
            ends.append("")
            continue
        counts.filled += 1
        found = period(text)
        counts.ranges += found is not None
        found = found or _single(text)
        if found is None:
            return None
        starts.append(found[0])
        ends.append(found[1])
    return (starts, ends) if counts.periods() else None


def _single(text: str) -> tuple[str, str] | None:
    day = _iso(text) if re.fullmatch(DATE, text) else None
    return (day, day) if day else None


def _replace(table: pd.DataFrame, column: str, split: tuple[list[str], list[str]],
             lang: str) -> tuple[pd.DataFrame, list[Change]]:
    """``table`` with ``column`` replaced by its start and end columns (free names), and one change per cell."""
    position = list(table.columns).index(column)
    names: list[str] = []
    for label in (START, END):
        names.append(free_label(label.format(field=column)(lang), [*table.columns, *names]))
    before = table[column].astype(str).tolist()
    new = table.drop(columns=[column])
    new.insert(position, names[0], split[0])
    new.insert(position + 1, names[1], split[1])
    changes = [Change("split-date-ranges", int(row), column, cell, f"{start} | {end}")
               for row, cell, start, end in zip(table.index, before, *split, strict=True) if cell.strip()]
    return new, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[DateRangeCheck]:
    return [DateRangeCheck()]


@hookimpl
def odwb_fixes() -> list[SplitDateRanges]:
    return [SplitDateRanges()]
