"""Check ``midnight-dates``: a column of dates written as date-times at midnight (« 2012-03-15 00:00:00 », « 15/03/2012
00:00 »), as databases, pandas and Excel export a date column; fix ``midnight-dates``: the date alone (2012-03-15).

A date-time is an instant: the portal types the column ``datetime`` and renders it in a time zone (its Explore API
takes a ``timezone`` for « datetime fields », UTC by default: explore-v2.1 openapi, parameter ``timezone``), while a
date has none. When not one value of the column has another time than midnight, the time says nothing: the date alone
loses nothing. A column with a single other time (« 14:05 ») is a column of date-times, and is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .tally import EXAMPLES, number_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

DAY = "(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2}))"
DATE = f"[ \t]*{DAY}[ \t]*"  # a date alone, ISO or local (day first)
TIMED = f"[ \t]*{DAY}(?:T|[ ]+)[0-9]{{1,2}}[:h][0-9]{{2}}(?::[0-9]{{2}}(?:[.][0-9]+)?)?[ \t]*"  # with a time
MIDNIGHT = f"[ \t]*({DAY})(?:T|[ ]+)0?0[:h]00(?::00(?:[.]0+)?)?[ \t]*"  # … at midnight (group 1: the date)
DATE_SHARE = 0.8  # the dates (with or without a time) among the column's filled cells
FIRST = " \t0123456789"  # the first byte of a date
LOOKED = 1000  # cells of a column without a single date after which it is no longer looked at

MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrite(s) avec l'heure 00:00 (ex. ligne {row} : « {cell} ») et "
              "aucune autre heure : ce sont des dates.",
              "Column '{field}': {count} date(s) written with the time 00:00 (e.g. row {row}: '{cell}') and no other "
              "time: they are dates.")
TIP = Msg("Avec l'heure, le portail en ferait des dates et heures, rendues dans un fuseau horaire (UTC par défaut dans "
          "son API) et filtrées à l'heure près ; une date seule n'a pas ce souci. Écrivez seulement la date "
          "(AAAA-MM-JJ) : Format de cellule > Date, ou lancez « odwb-assist fix ».",
          "With the time, the portal would make them date-times, rendered in a time zone (UTC by default in its API) "
          "and filtered by the hour; a date alone has no such trouble. Write the date only (YYYY-MM-DD): Format "
          "cells > Date, or run 'odwb-assist fix'.")


class Counts:
    """A column's filled cells, its dates alone, its dates with a time, and those at midnight (rows)."""

    def __init__(self) -> None:
        self.filled = self.dates = self.timed = self.midnight = 0
        self.examples: list[tuple[int, str]] = []
        self.number = 0

    def only_midnight(self) -> bool:
        return 0 < self.midnight == self.timed and self.dates + self.timed >= DATE_SHARE * self.filled


def _verdicts(cells: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(a date alone, a date with a time, at midnight) for each Arrow text value: the patterns run only on the values
    that start with a digit or a space; the time patterns only on those holding « : » or « h »."""
    import numpy as np
    import pyarrow as pa

    from .cells import arrow_fullmatch, byte_set, first_bytes, holding

    size = len(cells)
    dates, timed, midnight = (np.zeros(size, dtype=bool) for _ in range(3))
    at = np.flatnonzero(byte_set(FIRST)[first_bytes(cells)])
    if not len(at):
        return dates, timed, midnight
    picked = cells.take(pa.array(at))
    clocked = holding(picked, ":h")
    if (~clocked).any():
        dates[at[~clocked]] = arrow_fullmatch(picked.filter(pa.array(~clocked)), DATE)
    if clocked.any():
        where, values = at[clocked], picked.filter(pa.array(clocked))
        timed[where] = arrow_fullmatch(values, TIMED)
        if timed[where].any():
            midnight[where] = arrow_fullmatch(values, MIDNIGHT)
    return dates, timed, midnight


class MidnightDatesCheck(BaseTableCheck):
    name = "midnight-dates"
    types = ("midnight-dates",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        # columns typed as numbers, booleans or times hold no date (the tally says which are dates or text)
        self.columns = {name for name in context.fields
                        if types.get(name, "string") in ("string", "date", "datetime", "any")}
        self.counts: dict[str, Counts] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        from .plain import text_cells

        if column.name not in self.columns or not len(column):
            return ()
        counts = self.counts.setdefault(column.name, Counts())
        counts.number = column.number
        weights = column.counts
        counts.filled += int(weights.sum())  # the distinct values are the filled cells (an empty one is left out)
        cells = text_cells(column)
        dates, timed, midnight = _verdicts(cells)
        counts.dates += int(weights[dates].sum())
        counts.timed += int(weights[timed].sum())
        counts.midnight += int(weights[midnight].sum())
        if midnight.any() and len(counts.examples) < EXAMPLES:
            for row, cell in column.cells(midnight).head(EXAMPLES - len(counts.examples)).items():
                counts.examples.append((int(row), str(cell)))
        # a thousand cells and no date, or one time other than midnight: the column never qualifies, not looked at again
        if (counts.filled >= LOOKED and not counts.dates + counts.timed) or counts.timed > counts.midnight:
            self.columns.discard(column.name)
            del self.counts[column.name]
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for name, counts in self.counts.items():
            if not counts.only_midnight():
                continue
            row, cell = counts.examples[0]
            yield Finding("midnight-dates", Severity.WARNING,
                          MESSAGE.format(field=name, count=number_text(counts.midnight), row=row, cell=cell.strip()),
                          TIP, row_number=row, field_name=name, field_number=counts.number, cell=cell,
                          extra={"count": counts.midnight,
                                 "examples": [{"rowNumber": r, "cell": c} for r, c in counts.examples]})


class MidnightDatesFix:
    """Fix ``midnight-dates``: in a column of dates written at midnight (and no other time), the date alone, ISO
    (runs before ``date-format``, which would make « 15/03/2012 00:00 » an ISO date-time)."""

    name = "midnight-dates"
    reads = ("midnight-dates", "date-format")  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Dates sans l'heure 00:00", "Dates without the time 00:00")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import numpy as np
        import pyarrow as pa

        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column].astype(str)
            cells = pa.array(values.tolist(), type=pa.string())
            dates, timed, midnight = _verdicts(cells)
            counts = Counts()
            counts.filled = int((values.str.strip() != "").sum())
            counts.dates, counts.timed, counts.midnight = int(dates.sum()), int(timed.sum()), int(midnight.sum())
            if not counts.only_midnight():
                continue
            hits = values[np.asarray(midnight)]
            changes.extend(replace_cells(table, str(column), _dates(hits, _order(hits)), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from functools import partial

        from ..quality.fix_plans import columns_of, findings

        columns = columns_of(context, ["midnight-dates"])
        # local dates are read in the order the date-format check read in the column (« 3/15/2024 00:00 »)
        orders = {f.field_name: f.extra.get("order") for f in findings(context, ["date-format"]) if f.extra.get("order")}
        return FixPlan(rewrites={column: partial(_midnight_to_date, order=orders[column]) if column in orders
                                 else _midnight_to_date for column in columns}) if columns else None


def _order(values: pd.Series) -> str:
    """The order of the local dates among ``values`` (cells at midnight), as ``date-format`` reads it."""
    from .date_format import order_of

    days = values.str.extract(MIDNIGHT, expand=False).str.strip()
    return order_of(days[~days.str.fullmatch("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}").fillna(False).astype(bool)])


def _dates(values: pd.Series, order: str | None = None) -> pd.Series:
    """Cells at midnight (:data:`MIDNIGHT`) as their date, ISO: a local one through ``date-format``'s reading, in
    ``order`` (day first by default; a date that reads both ways in a mixed column stays as it is)."""
    from .date_format import DAY_FIRST, to_iso

    days = values.str.extract(MIDNIGHT, expand=False).str.strip()
    local = ~days.str.fullmatch("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}").fillna(False).astype(bool)
    if local.any():
        days[local] = to_iso(days[local], order or DAY_FIRST)
    iso = days.str.split("-", expand=True) if len(days) else None
    if iso is not None and iso.shape[1] == 3:  # « 2012-3-5 »: zero-padded as ISO writes it
        padded = iso[0] + "-" + iso[1].str.zfill(2) + "-" + iso[2].str.zfill(2)
        days = padded.where(days != "", "")
    return days.where(days != "", values)


def _midnight_to_date(values: pd.Series, order: str | None = None) -> pd.Series:
    import numpy as np

    from .cells import fullmatch_mask

    at = fullmatch_mask(values, MIDNIGHT)
    if not at.any():
        return values
    result = values.copy()
    hits = values[np.asarray(at)]
    result[hits.index] = _dates(hits, order)
    return result


@hookimpl
def odwb_checks(context: CheckContext) -> list[MidnightDatesCheck]:
    return [MidnightDatesCheck()]


@hookimpl
def odwb_fixes() -> list[MidnightDatesFix]:
    return [MidnightDatesFix()]

