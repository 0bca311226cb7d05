"""Check ``notes-beside-table`` (error): a note typed beside a workbook's table, past an empty column (« NB : tarifs
2024, hors caution » two columns to the right of the last one); fix ``drop-notes-beside-table``: kept in the side file of
removed columns.

The note is found when the sheet is read (:func:`..quality.workbook.notes_beside`: three text cells at most past the
last wholly empty column, below the header, each opening like a note or a sentence) and cut away from the table:
the check reads the table without it. Published as the workbook is, it would be a column without a title holding
one cell; its place is the dataset's description. The clean file never holds it; the fix says so, and the side file
keeps it with its row and column.

A note typed in the column just right of the table (no empty column between) is read with the table, as a column
without a title: when that column is the table's last, its header cell is blank and it holds one to three cells
below the header, each opening as a note does (« * chiffres provisoires », « NB : … », « Source : … »), it is the
same note (:class:`NotesBesideTableCheck` finds it on the way; a sentence alone is not enough there: a column of
remarks whose title was forgotten holds sentences too). Said instead of that column's ``blank-label``; the fix drops
the column, its cells kept in the side file of removed columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.note_marks import MARKER
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


ADJACENT_MESSAGE = Msg("Ligne {row} : une note est écrite juste à droite du tableau, dans la colonne n° {number} "
                       "({letter}) sans titre (« {cell} ») : elle n'est pas une donnée.",
                       "Row {row}: a note is written just right of the table, in column {number} ({letter}) without a "
                       "title ('{cell}'): it is no data.")
ADJACENT_TIP = Msg("Mettez cette note dans la description ou les métadonnées du jeu de données et supprimez-la de la "
                   "feuille : publiée telle quelle, elle ferait une colonne sans titre. « odwb-assist fix » écrit le "
                   "tableau sans cette colonne et garde la note dans le fichier des colonnes retirées.",
                   "Put this note in the dataset's description or metadata and delete it from the sheet: published "
                   "as it is, it would make a column without a title. 'odwb-assist fix' writes the table without that "
                   "column and keeps the note in the file of removed columns.")
NOTE_CELLS = 3  # cells of the column, at most (a column of values is data, titled or not)


def _notes(detected: Any) -> list[tuple[int, int, str]]:
    return list(getattr(detected, "notes_beside", None) or [])


def untitled_at_end(fields: list[str], detected: Any) -> list[str]:
    """The table's last columns whose header cells are all blank (none when the header is unknown, or when every
    column is untitled)."""
    cells = getattr(detected, "header_cells", None) or []
    if not cells:
        return []
    found: list[str] = []
    for position in range(len(fields) - 1, 0, -1):
        if any(position < len(row) and str(row[position] or "").strip() for row in cells):
            break
        found.append(fields[position])
    return found[::-1] if len(found) < len(fields) - 1 else []


class NotesBesideTableCheck(BaseTableCheck):
    name = "notes-beside-table"
    types = ("notes-beside-table",)
    blocking = ("notes-beside-table",)

    def start(self, context: CheckContext) -> None:
        detected = context.options.get("detected")
        self.header_row = context.header_row or 1
        # the untitled columns at the table's end: their filled cells (row, text), the first ones
        self.untitled: dict[str, list[tuple[int, str]]] = {name: [] for name in untitled_at_end(list(context.fields),
                                                                                                  detected)}
        self.filled: dict[str, int] = dict.fromkeys(self.untitled, 0)
        self.rows = 0

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        cells = self.untitled.get(column.name)
        if cells is None:
            return ()
        if column.name == next(iter(self.untitled)):  # the rows, counted once (an empty chunk of it too)
            self.rows += len(column.codes)
        if not len(column):
            return ()
        import numpy as np

        at = np.flatnonzero(column.codes >= 0)
        self.filled[column.name] += len(at)
        if len(cells) <= NOTE_CELLS:
            at = at[:NOTE_CELLS + 1 - len(cells)]
            codes = column.codes[at]
            texts = ([column.texts[int(code)] for code in codes] if len(column.codes) <= column.SMALL
                     else column.values.iloc[codes].tolist())
            cells.extend((int(row), str(text)) for row, text in zip(column.rows[at].tolist(), texts, strict=True))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for row, column, text in _notes(context.options.get("detected")):
            letter = column_letter(column)
            yield Finding("notes-beside-table", Severity.ERROR, MESSAGE.format(row=row, letter=letter, cell=text), TIP,
                          row_number=row, cell=text, extra={"column": letter, "columnNumber": column})
        for name, cells in self.untitled.items():
            # a few cells beside most rows (a note is no column of values: « note » in every row is data), each
            # below the header and a note's opening followed by its words (« * chiffres provisoires »)
            if not 0 < self.filled[name] <= NOTE_CELLS or self.filled[name] * 2 > self.rows or not all(
                    row > self.header_row and MARKER.match(text) and len(text.split()) >= 2 for row, text in cells):
                continue
            number = list(context.fields).index(name) + 1
            letter = column_letter(number)
            for row, text in cells:
                note = text.strip()
                yield Finding("notes-beside-table", Severity.ERROR,
                              ADJACENT_MESSAGE.format(row=row, number=number, letter=letter, cell=note), ADJACENT_TIP,
                              row_number=row, field_name=name, field_number=number, cell=note,
                              extra={"column": letter, "columnNumber": number, "adjacent": True})


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
        cut = [Change(self.name, row, None, text, "") for row, _, text in _notes(detected)]
        return cut + [Change(self.name, finding.row_number, None, finding.cell or "", "")
                      for finding in _adjacent(context)]

    def plan(self, context: FixContext) -> FixPlan | None:
        changes = self._changes(context)
        columns = list(dict.fromkeys(str(f.field_name) for f in _adjacent(context)))
        return FixPlan(columns=columns, changes=changes) if changes else None

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        columns = [name for name in dict.fromkeys(str(f.field_name) for f in _adjacent(context)) if name in table.columns]
        return (table.drop(columns=columns) if columns else table), self._changes(context)


def _adjacent(context: FixContext) -> list[Finding]:
    """The findings of notes typed in an untitled column just right of the table (the fix drops that column)."""
    report = getattr(context, "report", None)
    return [f for f in getattr(report, "findings", ()) if f.type == "notes-beside-table" and f.extra.get("adjacent")
            and f.field_name]


@hookimpl
def odwb_checks(context: CheckContext) -> list[NotesBesideTableCheck]:
    return [NotesBesideTableCheck()]


@hookimpl
def odwb_fixes() -> list[NotesBesideTableFix]:
    return [NotesBesideTableFix()]
