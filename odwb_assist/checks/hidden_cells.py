"""Checks ``hidden-columns`` and ``hidden-rows`` (warnings): columns and rows of a workbook hidden in the
spreadsheet (by hand, by a filter, by a collapsed group) that hold values. Whoever reads the file on the portal
sees them: a « remarque interne » column hidden before a meeting is published with the rest.

No fix: whether a hidden column may be published is the user's decision (rule 1: when in doubt, report and keep).
Told for an XLSX or ODS workbook (:mod:`..quality.sheet_marks`); an XLS workbook's would need xlrd's formatting
pass, a second opening of the file: not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

COLUMN = Msg("La colonne « {field} » ({letter}) est masquée dans le classeur, mais elle sera publiée comme les "
             "autres.",
             "Column '{field}' ({letter}) is hidden in the workbook, but it will be published like the others.")
COLUMN_TIP = Msg("Vérifiez qu'elle peut être publiée (pas de remarque interne ni de donnée personnelle) ; sinon, "
                 "supprimez-la du fichier. Pour la voir dans Excel : sélectionnez les colonnes qui l'entourent, "
                 "clic droit > Afficher.",
                 "Check that it may be published (no internal remark, no personal data); otherwise delete it from "
                 "the file. To see it in Excel: select the columns around it, right-click > Unhide.")
ROWS = Msg("{count} ligne(s) masquée(s) dans le classeur (à la main, par un filtre ou un groupe replié) seront "
           "publiées comme les autres (ex. ligne {first}).",
           "{count} row(s) hidden in the workbook (by hand, by a filter or a collapsed group) will be published "
           "like the others (e.g. row {first}).")
ROWS_TIP = Msg("Vérifiez qu'elles peuvent être publiées ; sinon, supprimez-les du fichier. Pour les voir dans "
               "Excel : Données > Effacer (le filtre), ou sélectionnez toute la feuille, clic droit sur un numéro de "
               "ligne > Afficher.",
               "Check that they may be published; otherwise delete them from the file. To see them in Excel: "
               "Data > Clear (the filter), or select the whole sheet, right-click a row number > Unhide.")


def column_letter(number: int) -> str:
    """The spreadsheet letters of a 1-based column number (1 → A, 27 → AA): openpyxl's, imported when needed."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(number))


def field_label(context: CheckContext, number: int) -> str | None:
    """The label of the table's column ``number`` (1-based), None beyond the table."""
    return context.fields[number - 1] if 0 < number <= len(context.fields) else None


class HiddenCellsCheck(BaseTableCheck):
    name = "hidden-cells"
    types = ("hidden-columns", "hidden-rows")

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected: Any = context.options.get("detected")
        header = context.header_row
        for number in getattr(detected, "hidden_columns", None) or []:
            label = field_label(context, number)
            if label is None:
                continue
            yield Finding("hidden-columns", Severity.WARNING,
                          COLUMN.format(field=label, letter=column_letter(number)), COLUMN_TIP,
                          row_number=header, field_name=label, field_number=number,
                          extra={"column": column_letter(number)})
        rows = [row for row in getattr(detected, "hidden_rows", None) or [] if row > header]
        if rows:
            yield Finding("hidden-rows", Severity.WARNING, ROWS.format(count=len(rows), first=rows[0]), ROWS_TIP,
                          row_number=rows[0], count=len(rows), rows=tuple(rows))


@hookimpl
def odwb_checks(context: CheckContext) -> list[HiddenCellsCheck]:
    return [HiddenCellsCheck()]
