"""Check ``date-format``: dd/mm/yyyy dates, dates in words (:mod:`.written_dates`), months named with their year
(« janv.-24 », one finding of their own), Excel serial numbers, mixed formats; fix: ISO 8601 (yyyy-mm-dd, yyyy-mm)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .plain import pattern_mask
from .tally import ColumnTally, value_mask
from .written_dates import months_among, written_cells, written_mask, written_to_iso

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LOCAL = "[ \t]*[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})(?:[ T][0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)?[ \t]*"
LOCAL_DATE = "[ \t]*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})[ \t]*"
LOCAL_DATETIME = ("[ \t]*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})[ T]+([0-9]{1,2})[:h]([0-9]{2})"
                  "(?::([0-9]{2}))?[ \t]*")
SERIAL = "[ \t]*[1-6][0-9]{4}(?:[.]0+)?[ \t]*"  # 10000..69999: 1927..2091 as Excel day numbers
DATE_HEADER = re.compile(r"(?i)date|datum|jour|\bdt_|_dt\b|echeance|échéance|naissance|debut|début|fin\b")

MESSAGE = Msg("Colonne « {field} » : {count} date(s) au format local, pas au format ISO AAAA-MM-JJ "
              "(ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} date(s) in a local format, not ISO YYYY-MM-DD (e.g. row {row}: '{cell}').")
SERIAL_MESSAGE = Msg("Colonne « {field} » : {count} date(s) écrites comme numéro de série Excel (ex. ligne {row} : « {cell} »).",
                     "Column '{field}': {count} date(s) written as Excel serial numbers (e.g. row {row}: '{cell}').")
MONTHS_MESSAGE = Msg("Colonne « {field} » : {count} mois écrit(s) avec leur nom (ex. ligne {row} : « {cell} ») : le "
                     "portail les lit comme du texte et les range par ordre alphabétique (avril avant janvier).",
                     "Column '{field}': {count} month(s) written with their name (e.g. row {row}: '{cell}'): the "
                     "portal reads them as text and sorts them alphabetically (April before January).")
MONTHS_TIP = Msg("Écrivez l'année et le mois au format AAAA-MM (2024-01) : Format de cellule > Personnalisé > aaaa-mm, "
                 "ou lancez « odwb-assist fix ».",
                 "Write the year and month as YYYY-MM (2024-01): Format cells > Custom > yyyy-mm, or run "
                 "'odwb-assist fix'.")
TIP = Msg("Écrivez les dates au format AAAA-MM-JJ (2024-03-31) : Format de cellule > Personnalisé > aaaa-mm-jj, ou lancez "
          "« odwb-assist fix ». Le portail ne reconnaît pas 31/03/2024 comme une date.",
          "Write dates as YYYY-MM-DD (2024-03-31): Format cells > Custom > yyyy-mm-dd, or run 'odwb-assist fix'. "
          "The portal does not read 31/03/2024 as a date.")


def local_mask(column: ColumnValues) -> np.ndarray:
    """``pattern_mask(column, LOCAL)``, the pattern run only on the values that begin with what a local date begins
    with (a digit, a space or a tab: read from the Arrow buffers), when the plain numbers are known: a column of
    names, addresses or e-mails is never run through it."""
    import numpy as np

    from .cells import byte_set, first_bytes
    from .plain import distinct_cells, plain_numbers, values_fullmatch

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, LOCAL)
    maybe = ~verdicts[0] & byte_set(LOCAL_FIRST)[first_bytes(cells)]
    mask = np.zeros(len(maybe), dtype=bool)
    if maybe.any():
        at = np.flatnonzero(maybe)
        mask[at] = values_fullmatch(column, LOCAL, None, at)
    return mask


LOCAL_FIRST = " \t0123456789"  # the first byte of a value :data:`LOCAL` matches


class DateFormatCheck(BaseTableCheck):
    name = "date-format"
    types = ("date-format",)

    def start(self, context: CheckContext) -> None:
        self.local = ColumnTally()
        self.months = ColumnTally()
        self.serial = ColumnTally()
        types = context.options.get("types", {})
        self.local_columns = {name for name in context.fields if types.get(name, "string") in ("string", "date", "any")}
        self.serial_columns = {name for name in context.fields
                               if DATE_HEADER.search(name) and types.get(name) in ("integer", "number")}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.local_columns:
            written = written_mask(column)
            months = months_among(column, written)
            self.local.add_values(column, local_mask(column) | (written & ~months))
            self.months.add_values(column, months)
        if column.name in self.serial_columns:
            self.serial.add_values(column, value_mask(column, SERIAL))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        yield from self.local.findings("date-format", Severity.WARNING, MESSAGE, TIP)
        yield from self.months.findings("date-format", Severity.WARNING, MONTHS_MESSAGE, MONTHS_TIP)
        yield from self.serial.findings("date-format", Severity.WARNING, SERIAL_MESSAGE, TIP)


def to_iso(values: pd.Series) -> pd.Series:
    """dd/mm/yyyy (day first, as in Belgium; two-digit years: 00-69 → 20xx) to yyyy-mm-dd; "" when impossible.

    A time after the date (« 31/01/2024 14:05 », « 31/01/2024 14h05:30 ») gives an ISO date-time
    (« 2024-01-31T14:05:00 »)."""
    import pandas as pd  # imported here so that registering the plugin stays light

    timed = values.str.fullmatch(LOCAL_DATETIME).fillna(False).astype(bool)
    parts = values.str.extract(LOCAL_DATETIME) if timed.any() else values.str.extract(LOCAL_DATE)
    if timed.any() and not timed.all():
        dates = values[~timed].str.extract(LOCAL_DATE)
        parts.loc[dates.index, [0, 1, 2]] = dates[[0, 1, 2]]
    parts = parts.fillna("") if timed.any() else parts
    year = parts[2].where(parts[2].str.len() == 4, None)
    short = parts[2][parts[2].str.len() == 2].astype(int)
    year = year.fillna((short + 2000).where(short < 70, short + 1900).astype(str))
    text = year + "-" + parts[1].str.zfill(2) + "-" + parts[0].str.zfill(2)
    valid = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").notna()
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
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Dates au format ISO 8601", "Dates to ISO 8601")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column]
            hits = values[(values.str.fullmatch(LOCAL_DATE) | values.str.fullmatch(LOCAL_DATETIME)).fillna(False)
                          .astype(bool)]
            written = values[written_cells(values)]
            if hits.empty and written.empty:
                continue
            converted = pd.concat([to_iso(hits), written_to_iso(written)]).sort_index()
            converted = converted[converted != ""]
            hits = pd.concat([hits, written]).sort_index()
            table.loc[converted.index, column] = converted
            changes.extend(Change(self.name, int(row), str(column), str(hits[row]), str(after))
                           for row, after in converted.items())
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        return FixPlan(rewrites={label: _iso_dates for label in fields(context)})


def _iso_dates(values: pd.Series) -> pd.Series:
    import pandas as pd

    from .cells import fullmatch_mask, starts_mask

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
    converted = pd.concat([to_iso(hits), written_to_iso(words)])
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
