"""Check ``empty-column``: a column without a single value.

A column with neither a title nor a value (column A left empty as a margin of a sheet, separators at the end of a
CSV's lines: « Commune;Population;; ») is said in those words, once: the report gives them to the ``blank-label``
error of its header cell (kept, as Frictionless reports it, marked ``"empty": true``) and drops this warning, so
that lines ending with four separators make four findings, not eight. ``drop-empty-columns`` removes the column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.notes import headerless_name
from .formula_without_value import unvalued_columns

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("La colonne « {field} » est entièrement vide.", "Column '{field}' is completely empty.")
TIP = Msg("Supprimez la colonne (clic droit sur sa lettre > Supprimer), ou remplissez-la si des valeurs manquent.",
          "Delete the column (right-click its letter > Delete), or fill it if values are missing.")
UNTITLED = Msg("La colonne n° {number} n'a ni titre ni valeur : une colonne vide en marge du tableau, ou un "
               "séparateur en trop au bout des lignes.",
               "Column {number} has neither a title nor a value: an empty column at the edge of the table, or an "
               "extra separator at the end of the lines.")
UNTITLED_TIP = Msg("Elle ne fait pas partie du tableau : supprimez-la (clic droit sur sa lettre > Supprimer), ou lancez "
                   "« odwb-assist fix », qui la retire.",
                   "It is not part of the table: delete it (right-click its letter > Delete), or run 'odwb-assist fix', "
                   "which removes it.")


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
                if headerless_name(column, number):
                    yield Finding("empty-column", Severity.WARNING, UNTITLED.format(number=number), UNTITLED_TIP,
                                  row_number=context.header_row, field_name=column, field_number=number,
                                  extra={"untitled": True})
                    continue
                yield Finding("empty-column", Severity.WARNING, MESSAGE.format(field=column), TIP,
                              row_number=context.header_row, field_name=column, field_number=number)


@hookimpl
def odwb_checks(context: CheckContext) -> list[EmptyColumnCheck]:
    return [EmptyColumnCheck()]
