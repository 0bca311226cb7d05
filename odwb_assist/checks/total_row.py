"""Check ``total-row``: totals or subtotals rows inside the data; fix: drop them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.fixing import Change, FixContext
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext

if TYPE_CHECKING:
    import pandas as pd

PATTERN = ("(?i)[ \t]*(?:sous[- ]?totale?s?|totale?s?|totaux|grand[- ]total|total g[ée]n[ée]ral|somme|sum|subtotal|totaal)"
           "(?:[^a-z0-9].*)?")
LABEL_COLUMNS = 2  # totals are labelled in the first columns

MESSAGE = Msg("Ligne {row} : « {cell} » est une ligne de total, pas une donnée.",
              "Row {row}: '{cell}' is a totals row, not a record.")
TIP = Msg("Supprimez les lignes de total et de sous-total : les utilisateurs du portail calculent eux-mêmes les sommes "
          "(et un total compté comme une donnée fausse les calculs).",
          "Delete totals and subtotals rows: portal users compute sums themselves (and a total counted as a "
          "record skews every calculation).")


def total_rows(chunk: pd.DataFrame) -> pd.Series:
    """Row number -> label text of the rows whose first columns start with « Total », « Sous-total »…"""
    found: pd.Series | None = None
    for column in list(chunk.columns)[:LABEL_COLUMNS]:
        values = chunk[column]
        mask = values.str.contains("tot|som|sum", case=False, regex=True)
        if not mask.any():
            continue
        hits = values[mask]
        hits = hits[hits.str.fullmatch(PATTERN).fillna(False).astype(bool)]
        found = hits if found is None else found.combine_first(hits)
    if found is None:
        return chunk.iloc[0:0, 0]
    return found


class TotalRowCheck(BaseTableCheck):
    name = "total-row"
    types = ("total-row",)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        for row, cell in total_rows(chunk).items():
            yield Finding("total-row", Severity.ERROR, MESSAGE.format(row=row, cell=cell), TIP,
                          row_number=int(row), cell=str(cell))


class DropTotalRows:
    name = "drop-total-rows"
    label = Msg("Supprimer les lignes de total", "Drop totals rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        found = total_rows(table)
        changes = [Change(self.name, int(row), None, str(cell), None) for row, cell in found.items()]
        return table.drop(index=found.index), changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[TotalRowCheck]:
    return [TotalRowCheck()]


@hookimpl
def odwb_fixes() -> list[DropTotalRows]:
    return [DropTotalRows()]
