"""Check ``empty-column``: a column without a single value."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .formula_without_value import unvalued_columns

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("La colonne « {field} » est entièrement vide.", "Column '{field}' is completely empty.")
TIP = Msg("Supprimez la colonne (clic droit sur sa lettre > Supprimer), ou remplissez-la si des valeurs manquent.",
          "Delete the column (right-click its letter > Delete), or fill it if values are missing.")


class EmptyColumnCheck(BaseTableCheck):
    name = "empty-column"
    types = ("empty-column",)

    def start(self, context: CheckContext) -> None:
        self.filled: Counter[str] = Counter()
        self.rows = 0

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if len(column) and not self.filled[column.name]:  # only « never filled » matters: counted until it is not
            self.filled[column.name] += int((column.codes >= 0).sum())
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.rows += len(chunk)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if not self.rows:
            return
        formulas = unvalued_columns(context.options.get("detected"))  # empty only for want of computing
        for number, column in enumerate(context.fields, start=1):
            if self.filled[column] == 0 and number not in formulas:
                yield Finding("empty-column", Severity.WARNING, MESSAGE.format(field=column), TIP,
                              row_number=context.header_row, field_name=column, field_number=number)


@hookimpl
def odwb_checks(context: CheckContext) -> list[EmptyColumnCheck]:
    return [EmptyColumnCheck()]
