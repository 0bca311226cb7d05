"""Check ``section-row``: a row with one value and every other cell empty, between data rows.

Such rows split the table into sections (a year, a province, « Communes rurales »): the section is a
value that belongs in a column of every row it covers. Reported (as warnings) only when the table has
at least three columns, the row is followed by data rows, and such rows are rare (a fifth of the rows
at most; more of them means a sparse table, not sections). Total markers are left to ``total-row``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext
from .shapes import filled_counts, full_row_threshold
from .total_row import PATTERN as TOTAL_PATTERN

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Ligne {row} : « {cell} » est seul sur sa ligne : c'est un intertitre de section, pas une donnée.",
              "Row {row}: '{cell}' stands alone on its row: it is a section heading, not a record.")
TIP = Msg("Ajoutez une colonne (par ex. « annee » ou « province ») qui porte cette valeur sur chaque ligne de la "
          "section, puis supprimez les lignes d'intertitre : chaque ligne doit se suffire à elle-même.",
          "Add a column (e.g. 'year' or 'province') that carries this value on every row of the section, then "
          "delete the heading rows: every row must stand on its own.")
MAX_SHARE = 0.2
MAX_KEPT = 5000


def single_value_rows(chunk: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(row -> the one value of rows with exactly one filled cell, row -> filled count of every row)."""
    counts = filled_counts(chunk)
    single = counts.index[counts.to_numpy() == 1]
    if len(single) == 0:
        return chunk.iloc[0:0, 0], counts
    part = chunk.loc[single]
    values = part.apply(lambda row: next(v for v in row if v.strip()), axis=1)
    return values.str.strip(), counts


class SectionRowCheck(BaseTableCheck):
    name = "section-row"
    types = ("section-row",)

    def start(self, context: CheckContext) -> None:
        self.confirmed: list[tuple[int, str]] = []
        self.pending: list[tuple[int, str]] = []
        self.rows = 0
        self.full = 0
        self.too_many = False

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        width = len(chunk.columns)
        if width < 3 or self.too_many:
            return ()
        values, counts = single_value_rows(chunk)
        self.rows += len(chunk)
        threshold = full_row_threshold(width)
        full_rows = counts.index[counts.to_numpy() >= threshold]
        self.full += len(full_rows)
        totals = values.str.fullmatch(TOTAL_PATTERN).fillna(False).astype(bool) if len(values) else values
        candidates = [(int(row), str(value)) for row, value in values.items() if not (len(values) and totals[row])]
        last_full = int(full_rows.max()) if len(full_rows) else None
        for row, value in candidates:
            self.pending.append((row, value))
        if last_full is not None:
            self.confirmed += [item for item in self.pending if item[0] < last_full]
            self.pending = [item for item in self.pending if item[0] > last_full]
        if len(self.confirmed) + len(self.pending) > MAX_KEPT:
            self.too_many = True
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if self.too_many or not self.confirmed or self.full < 2:
            return
        if len(self.confirmed) + len(self.pending) > MAX_SHARE * self.rows:
            return
        for row, value in self.confirmed:
            yield Finding("section-row", Severity.WARNING, MESSAGE.format(row=row, cell=value), TIP,
                          row_number=row, cell=value)


@hookimpl
def odwb_checks(context: CheckContext) -> list[SectionRowCheck]:
    return [SectionRowCheck()]
