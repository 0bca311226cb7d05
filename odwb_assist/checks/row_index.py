"""Check ``row-index-column``: a first column without a title that numbers the data rows 0, 1, 2… (or 1, 2, 3…): the
index pandas writes with ``DataFrame.to_csv`` unless told ``index=False`` (its header cell left empty), or row
numbers added by hand; fix ``drop-row-index``: the column goes, kept in the side file of removed columns.

The numbers say nothing that the row's place does not: they are not data. Only a first column without a title whose
every cell is the number of its row among the data rows (from 0 or from 1, none missing, none out of turn) is one:
« N° » or « ID » with the same numbers has a title and is kept (someone named it), as is a column with one other
value (a blank cell, a number out of turn).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.notes import headerless_name

if TYPE_CHECKING:
    import pandas as pd

MINIMUM = 3  # data rows: fewer numbers prove nothing

MESSAGE = Msg("La colonne n° 1 n'a pas de titre et numérote les lignes de {first} à {last} : c'est l'index qu'ajoute "
              "pandas (DataFrame.to_csv sans index=False) ou un numéro de ligne, pas une donnée.",
              "Column 1 has no title and numbers the rows from {first} to {last}: it is the index pandas adds "
              "(DataFrame.to_csv without index=False) or a row number, not data.")
TIP = Msg("Supprimez la colonne (avec pandas : to_csv(…, index=False)), ou lancez « odwb-assist fix », qui la retire "
          "et la garde dans un fichier à part.",
          "Delete the column (with pandas: to_csv(…, index=False)), or run 'odwb-assist fix', which removes it and "
          "keeps it in a side file.")


class RowNumbers:
    """Whether the cells of a column, met chunk by chunk, number the rows from 0 or 1 without a gap."""

    def __init__(self) -> None:
        self.first: int | None = None
        self.rows = 0
        self.numbering = True

    def add(self, cells: pd.Series) -> None:
        import numpy as np

        if not self.numbering or not len(cells):
            return
        texts = cells.astype(str).str.strip().to_numpy(dtype=object)
        if self.first is None:
            if texts[0] not in ("0", "1"):
                self.numbering = False
                return
            self.first = int(texts[0])
        start = self.first + self.rows
        expected = np.arange(start, start + len(texts)).astype(str).astype(object)
        self.numbering = bool((texts == expected).all())
        self.rows += len(texts)

    @property
    def found(self) -> bool:
        return self.numbering and self.first is not None and self.rows >= MINIMUM


def numbers_rows(cells: pd.Series) -> bool:
    """Whether ``cells`` (a whole column) number the rows from 0 or 1 without a gap."""
    numbers = RowNumbers()
    numbers.add(cells)
    return numbers.found


class RowIndexCheck(BaseTableCheck):
    name = "row-index-column"
    types = ("row-index-column",)

    def start(self, context: CheckContext) -> None:
        first = context.fields[0] if context.fields else None
        self.column = first if first is not None and headerless_name(first, 1) else None
        self.numbers = RowNumbers()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if self.column is not None and self.column in chunk.columns:
            self.numbers.add(chunk[self.column])
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if self.column is None or not self.numbers.found:
            return
        first = self.numbers.first or 0
        last = first + self.numbers.rows - 1
        yield Finding("row-index-column", Severity.WARNING, MESSAGE.format(first=first, last=last), TIP,
                      row_number=context.header_row, field_name=self.column, field_number=1,
                      extra={"first": first, "last": last})


class DropRowIndex:
    """Fix ``drop-row-index``: the untitled first column that numbers the rows goes (kept in the side file)."""

    name = "drop-row-index"
    reads = ("row-index-column",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Supprimer la colonne d'index sans titre (numéros de ligne)", "Drop the untitled index column (row numbers)")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        from .structure_fixes import unnamed

        if len(table.columns) < 2 or not unnamed(table, context)[0] or not numbers_rows(table.iloc[:, 0]):
            return table, []
        column = table.columns[0]
        return table.drop(columns=[column]), [Change(self.name, None, str(column), "", None)]

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of, fields

        columns = columns_of(context, ["row-index-column"])
        if not columns or len(fields(context)) < 2:
            return None
        return FixPlan(columns=columns, changes=[Change(self.name, None, label, "", None) for label in columns])


@hookimpl
def odwb_checks(context: CheckContext) -> list[RowIndexCheck]:
    return [RowIndexCheck()]


@hookimpl
def odwb_fixes() -> list[DropRowIndex]:
    return [DropRowIndex()]
