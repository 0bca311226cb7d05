"""Check ``notes-beside-table`` (error): a note typed beside a workbook's table, past an empty column (« NB : tarifs
2024, hors caution » two columns to the right of the last one); fix ``drop-notes-beside-table``: kept in the side file of
removed columns.

The note is found when the sheet is read (:func:`..quality.workbook.notes_beside`: three text cells at most past the
last wholly empty column, below the header, each opening like a note or a sentence) and cut away from the table:
the check reads the table without it. Published as the workbook is, it would be a column without a title holding
one cell; its place is the dataset's description. The clean file never holds it; the fix says so, and the side file
keeps it with its row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .hidden_cells import column_letter

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Ligne {row}, colonne {letter} : une note est écrite à côté du tableau (« {cell} »), au-delà d'une "
              "colonne vide : elle n'est pas une donnée, et elle n'est pas lue avec le tableau.",
              "Row {row}, column {letter}: a note is written beside the table ('{cell}'), past an empty column: it is "
              "no data, and it is not read with the table.")
TIP = Msg("Mettez cette note dans la description ou les métadonnées du jeu de données et supprimez-la de la feuille : "
          "publié tel quel, le classeur aurait une colonne sans titre qui ne contient qu'elle. « odwb-assist fix » "
          "écrit le tableau sans elle et la garde dans le fichier des colonnes retirées.",
          "Put this note in the dataset's description or metadata and delete it from the sheet: published as it is, "
          "the workbook would have a column without a title holding it alone. 'odwb-assist fix' writes the table "
          "without it and keeps it in the file of removed columns.")


def _notes(detected: Any) -> list[tuple[int, int, str]]:
    return list(getattr(detected, "notes_beside", None) or [])


class NotesBesideTableCheck(BaseTableCheck):
    name = "notes-beside-table"
    types = ("notes-beside-table",)
    blocking = ("notes-beside-table",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for row, column, text in _notes(context.options.get("detected")):
            letter = column_letter(column)
            yield Finding("notes-beside-table", Severity.ERROR, MESSAGE.format(row=row, letter=letter, cell=text), TIP,
                          row_number=row, cell=text, extra={"column": letter, "columnNumber": column})


class NotesBesideTableFix:
    """Says that the clean file is written without the notes (the reading cut them away; the side file keeps
    them: :func:`..quality.side_files.notes_beside`)."""

    name = "drop-notes-beside-table"
    reads = ("notes-beside-table",)
    label = Msg("Notes à côté du tableau (gardées dans le fichier des colonnes retirées)",
                "Notes beside the table (kept in the file of removed columns)")

    def _changes(self, context: FixContext) -> list[Change]:
        detected = context.options.get("detected") or getattr(context.report, "detected", None)
        # no column (the clean file has none for it), nothing after: a cell taken out, not a row dropped
        return [Change(self.name, row, None, text, "") for row, _, text in _notes(detected)]

    def plan(self, context: FixContext) -> FixPlan | None:
        changes = self._changes(context)
        return FixPlan(changes=changes) if changes else None

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        return table, self._changes(context)


@hookimpl
def odwb_checks(context: CheckContext) -> list[NotesBesideTableCheck]:
    return [NotesBesideTableCheck()]


@hookimpl
def odwb_fixes() -> list[NotesBesideTableFix]:
    return [NotesBesideTableFix()]
