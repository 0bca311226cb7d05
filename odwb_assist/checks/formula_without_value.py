"""Check ``formula-without-value`` (error): cells of a workbook holding a formula stored without its result.

A spreadsheet stores each formula with its last result, computed by the program that saved the file. A file
written by a program that does not compute (a web application's « export Excel », a script) stores the formula
alone: every reader, the portal included, sees an empty cell where Excel shows a number. An error, one finding
per column: published so, the column is empty. No fix can compute them; the empty-column warning is not given
for such a column (its advice, delete the column, would lose it).

Told for an XLSX workbook (:mod:`..quality.sheet_marks`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .hidden_cells import column_letter, field_label

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) contiennent une formule dont le résultat n'a pas été "
              "enregistré (ex. ligne {first}) : elles sont lues vides, et le seraient sur le portail.",
              "Column '{field}': {count} cell(s) hold a formula whose result was not saved (e.g. row {first}): "
              "they read as empty, and would on the portal.")
TIP = Msg("Le fichier a été produit par un programme qui ne calcule pas les formules. Ouvrez-le dans Excel ou "
          "LibreOffice Calc et enregistrez-le : les résultats seront calculés et enregistrés avec le fichier. Ou "
          "remplacez les formules par leurs valeurs (Copier, puis Collage spécial > Valeurs).",
          "The file was made by a program that does not compute formulas. Open it in Excel or LibreOffice Calc and "
          "save it: the results will be computed and saved with the file. Or replace the formulas with their values "
          "(Copy, then Paste Special > Values).")


def unvalued_columns(detected: Any) -> set[int]:
    """The column numbers holding a formula without its result."""
    return {column for _, column in getattr(detected, "formulas_without_value", None) or []}


class FormulaWithoutValueCheck(BaseTableCheck):
    name = "formula-without-value"
    types = ("formula-without-value",)
    blocking = ("formula-without-value",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected: Any = context.options.get("detected")
        by_column: dict[int, list[int]] = defaultdict(list)
        for row, column in getattr(detected, "formulas_without_value", None) or []:
            by_column[column].append(row)
        for number in sorted(by_column):
            rows = sorted(by_column[number])
            label = field_label(context, number) or column_letter(number)
            yield Finding("formula-without-value", Severity.ERROR,
                          MESSAGE.format(field=label, count=len(rows), first=rows[0]), TIP,
                          row_number=rows[0], field_name=field_label(context, number), field_number=number,
                          count=len(rows), rows=tuple(rows), extra={"column": column_letter(number)})


@hookimpl
def odwb_checks(context: CheckContext) -> list[FormulaWithoutValueCheck]:
    return [FormulaWithoutValueCheck()]
