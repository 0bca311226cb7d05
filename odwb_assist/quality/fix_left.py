"""What ``fix`` leaves as it is although the check said « lancez odwb-assist fix », and why (nothing silent).

The number fixes convert a column only when nearly all of its values are numbers
(:data:`..checks.decimal_comma.NUMBER_SHARE`): a column of amounts where a third of the cells are written
« (1 234,56) » or « 12,5 € » keeps its decimal commas and thousands separators, since converting only some of
its cells would leave a column of text all the same. The check still reports its decimal commas, and its tip
points to ``fix``: the preview then says which columns were left, how many of their values are numbers, and
the first cell that is not one, so that the user knows what to correct by hand. Units written in the cells
(« 1 200 € », « 12 places ») are taken out by ``number-display`` and ``strip-count-words`` only from a column of
numbers nearly all written with the same unit; a column the check reports for them (``unit-in-cell``, whose tip
points to ``fix``) and that they leave is said too: several units, values that are no number, or too few numbers
with the unit.

What a workbook hides is not fixed either, and said in the preview too: formulas stored without their result
(the clean file has empty cells where Excel shows numbers) and hidden columns and rows (published with the rest).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..checks.decimal_comma import NUMBER_SHARE
from ..checks.fix_stats import ColumnStats, LeftAsIs
from ..checks.formula_without_value import FormulaWithoutValueCheck
from ..checks.hidden_cells import HiddenCellsCheck
from ..core.contract import CheckContext
from ..core.findings import Finding
from ..core.i18n import Msg
from .aggregate import number_text

if TYPE_CHECKING:
    from .change_log import ChangeLog
    from .report import QualityReport

NUMBER_FIXES = ("thousands-separator", "decimal-comma")  # each is also the type of the finding that points to it
# the fixes that take a unit out of a cell (« 1 200 € » read under « Budget (€) », « 12 places » → 12), which the
# ``unit-in-cell`` warning points to; what it reports is what :func:`left_as_is` reads then (:func:`left_reads`)
UNIT_FIXES = ("number-display", "strip-count-words")
UNIT_TYPES = frozenset({"unit-in-cell"})


def left_reads(chosen: Iterable[str]) -> frozenset[str]:
    """The finding types :func:`left_as_is` reads of the check behind ``fix`` (which looks for them too)."""
    return UNIT_TYPES if any(name in UNIT_FIXES for name in chosen) else frozenset()


def left_as_is(report: QualityReport, stats: ColumnStats, chosen: Iterable[str], log: ChangeLog) -> list[LeftAsIs]:
    """The columns holding decimal commas or thousands separators (as the check reports them) that no number fix
    changed although one was chosen, their values being too seldom numbers, and those holding units written in the
    cells that no unit fix took out: in the table's order."""
    chosen = list(chosen)
    found = _numbers_left(report, stats, chosen, log)
    found += _units_left(report, stats, chosen, log, {left.column for left in found})
    found += _serials_left(report, chosen)
    order = {label: position for position, label in enumerate(report.fields)}
    return sorted(found, key=lambda left: order.get(left.column, len(order)))


def _numbers_left(report: QualityReport, stats: ColumnStats, chosen: list[str], log: ChangeLog) -> list[LeftAsIs]:
    if not any(name in NUMBER_FIXES for name in chosen):
        return []
    typed = {f.field_name for f in report.findings if f.type == "placeholder-value" and f.field_name}
    found = []
    for name in report.fields:
        if any(log.by_column[(fix, name)] for fix in NUMBER_FIXES):
            continue
        left = stats.left_as_is(name, name in typed)
        if left is not None:
            found.append(left)
    said = {left.column for left in found}
    for finding in report.findings:  # a thousands separator the check could only guess (« 3.658 »): read two ways
        column = finding.field_name
        if finding.type == "thousands-separator" and column and column not in said and \
                not any(log.by_column[(fix, column)] for fix in NUMBER_FIXES):
            example = (finding.row_number, finding.cell) if finding.row_number and finding.cell else None
            found.append(LeftAsIs(column, finding.count, finding.count, example, reason="ambiguous"))
            said.add(column)
    return found


def _serials_left(report: QualityReport, chosen: list[str]) -> list[LeftAsIs]:
    """The columns of dates where some cells are Excel serial numbers (« 45363 » beside « 12/03/2024 »: a cell that
    lost its date format), which ``date-format`` converts only in a column of serial numbers alone."""
    if "date-format" not in chosen:
        return []
    return [LeftAsIs(str(finding.field_name), finding.count, finding.count,
                     (finding.row_number, finding.cell) if finding.row_number and finding.cell else None,
                     reason="serial")
            for finding in report.findings
            if finding.type == "date-format" and finding.field_name and finding.extra.get("serial")
            and not finding.extra.get("converted")]


def _units_left(report: QualityReport, stats: ColumnStats, chosen: list[str], log: ChangeLog,
                said: set[str]) -> list[LeftAsIs]:
    """The columns the check reports for units written in their cells (« 1 200 € », « 12 places ») that no unit fix
    changed although one was chosen: several units (``"units"``), values that are no number among them
    (``"unit-text"``, with the first of them when it is known), or too few numbers with the unit (``"unit"``)."""
    from ..checks.display_numbers import read_display

    if not any(name in UNIT_FIXES for name in chosen):
        return []
    found = []
    for finding in report.findings:
        column = finding.field_name
        if finding.type not in UNIT_TYPES or not column or column in said or \
                any(log.by_column[(fix, column)] for fix in UNIT_FIXES):
            continue
        said.add(column)
        first = (finding.row_number, finding.cell) if finding.row_number and finding.cell else None
        counts = stats.columns.get(column)
        if first is not None and _kept_unit(first[1]):  # « 36 mois », « 2 h »: a unit no fix takes out
            found.append(LeftAsIs(column, finding.count, finding.count, first, reason="unit-kept"))
            continue
        if counts is None:
            found.append(LeftAsIs(column, finding.count, finding.count, first, reason="unit"))
            continue
        units = tuple(sorted((unit for unit in counts.units if unit), key=lambda unit: -counts.units[unit]))
        # the cells that are neither a number (written any way, with or without a unit) nor a placeholder
        texts = counts.filled - counts.loose - counts.placeholders - counts.counted - counts.display
        filled = max(counts.filled, finding.count)
        if len(units) > 1:
            found.append(LeftAsIs(column, finding.count, filled, first, reason="units", units=units))
        elif texts > 0:
            other = counts.other_example
            example = other if other is not None and read_display(other[1]) is None else None
            found.append(LeftAsIs(column, finding.count, filled, example, reason="unit-text", units=units))
        else:
            found.append(LeftAsIs(column, finding.count, filled, first, reason="unit", units=units))
    return found


def _kept_unit(cell: str) -> bool:
    """Whether ``cell`` is a number with a unit that neither ``number-display`` (amounts, measures) nor
    ``strip-count-words`` (« 12 places ») takes out: a duration, an age, an hour (« 36 mois », « 2 ans », « 3 h »)."""
    from ..checks.display_numbers import read_display
    from ..checks.unit_in_cell import COUNTED

    return read_display(cell) is None and re.fullmatch(COUNTED, cell) is None


def left_lines(columns: list[LeftAsIs], fr: bool) -> list[str]:
    """The preview's lines for the columns left as they are: a column mostly of numbers names its first cell that
    is not one (what to correct for the column to become numeric); a column mostly of text is only said to be text."""
    if not columns:
        return []
    share = round(NUMBER_SHARE * 100)
    lines = ["  Laissé tel quel :" if fr else "  Left as is:"]
    for column in columns:
        if column.reason == "ambiguous":
            lines.append(_ambiguous_line(column, fr))
            continue
        if column.reason in UNIT_REASONS:
            lines.append(_unit_line(column, fr))
            continue
        if column.reason == "serial":
            lines.append(_serial_line(column, fr))
            continue
        numbers, filled = number_text(column.numbers), number_text(column.filled)
        mostly = column.numbers * 2 >= column.filled
        one = column.numbers == 1
        if fr and mostly:
            are = "valeur sur {} est un nombre" if one else "valeurs sur {} sont des nombres"
            line = (f"    Colonne « {column.column} » : {numbers} {are.format(filled)} ; fix ne "
                    f"convertit une colonne que si {share} % au moins en sont. Corrigez les autres valeurs")
            line += f" (ex. ligne {column.example[0]} : « {column.example[1]} »)" if column.example else ""
            line += " pour qu'elle devienne numérique."
        elif fr:
            line = (f"    Colonne « {column.column} » : colonne de texte ({numbers} nombre{'' if one else 's'} sur "
                    f"{filled} valeurs) : ses nombres restent écrits tels quels.")
        elif mostly:
            are = "values is a number" if one else "values are numbers"
            line = (f"    Column '{column.column}': {numbers} of {filled} {are}; fix converts a column "
                    f"only when at least {share} % are. Correct the other values")
            line += f" (e.g. row {column.example[0]}: '{column.example[1]}')" if column.example else ""
            line += " for it to become numeric."
        else:
            line = (f"    Column '{column.column}': a text column ({numbers} number{'' if one else 's'} among {filled} "
                    "values): its numbers stay written as they are.")
        lines.append(line)
    return lines


UNIT_LINES = {  # by reason (:func:`_units_left`); {example}: « (ex. ligne 3 : « pas d'avis ») » when known
    "units": Msg("    Colonne « {column} » : des nombres écrits avec des unités différentes ({units}) ; fix ne convertit "
                 "pas de l'une à l'autre et les laisse tels quels. Écrivez-les tous dans la même unité, nommée dans le "
                 "titre de la colonne.",
                 "    Column '{column}': numbers written with different units ({units}); fix does not convert between "
                 "them and leaves them as they are. Write them all in one unit, named in the column title."),
    "unit-text": Msg("    Colonne « {column} » : {count} valeur(s) avec une unité dans la cellule, mais d'autres ne sont "
                     "pas des nombres{example} ; fix ne retire l'unité que d'une colonne de nombres. Corrigez ces "
                     "valeurs, ou retirez l'unité à la main et nommez-la dans le titre de la colonne.",
                     "    Column '{column}': {count} value(s) with a unit inside the cell, but others are not "
                     "numbers{example}; fix takes the unit out of a column of numbers only. Correct those values, or "
                     "take the unit out by hand and name it in the column title."),
    "unit-kept": Msg("    Colonne « {column} » : {count} valeur(s) avec une unité dans la cellule{example}, que fix ne "
                     "retire pas : une durée, un âge ou une heure se lit ainsi, mais le portail ne peut ni la trier ni "
                     "l'additionner. Écrivez le nombre seul, dans une seule unité nommée dans le titre de la colonne "
                     "(« Durée (mois) »).",
                     "    Column '{column}': {count} value(s) with a unit inside the cell{example}, which fix does not "
                     "take out: a duration, an age or an hour reads so, but the portal can neither sort nor add it up. "
                     "Write the number alone, in one unit named in the column title ('Duration (months)')."),
    "unit": Msg("    Colonne « {column} » : {count} valeur(s) sur {filled} avec une unité dans la cellule{example} ; fix "
                "ne retire l'unité que si presque tous les nombres de la colonne l'ont. Retirez-la à la main et "
                "nommez-la dans le titre de la colonne.",
                "    Column '{column}': {count} of {filled} value(s) with a unit inside the cell{example}; fix takes the "
                "unit out only when nearly every number of the column has it. Take it out by hand and name it in the "
                "column title."),
}
UNIT_REASONS = tuple(UNIT_LINES)


def _unit_line(column: LeftAsIs, fr: bool) -> str:
    """A column of values with a unit written in their cells, which no fix took out (:func:`_units_left`)."""
    example = "" if not column.example else f" (ex. ligne {column.example[0]} : « {column.example[1]} »)" if fr \
        else f" (e.g. row {column.example[0]}: '{column.example[1]}')"
    units = ", ".join(f"« {unit} »" if fr else f"'{unit}'" for unit in column.units)
    return UNIT_LINES[column.reason].format(column=column.column, count=number_text(column.numbers),
                                            filled=number_text(column.filled), example=example,
                                            units=units)("fr" if fr else "en")


def _serial_line(column: LeftAsIs, fr: bool) -> str:
    """A column of dates holding Excel serial numbers among its other dates (:func:`_serials_left`)."""
    example = "" if not column.example else f" (ex. ligne {column.example[0]} : « {column.example[1]} »)" if fr \
        else f" (e.g. row {column.example[0]}: '{column.example[1]}')"
    return SERIAL_LINE.format(column=column.column, count=number_text(column.numbers),
                              example=example)("fr" if fr else "en")


SERIAL_LINE = Msg("    Colonne « {column} » : {count} date(s) écrites comme numéro de série Excel{example}, parmi des dates "
                  "écrites autrement ; fix ne les convertit que dans une colonne de numéros de série seuls (ailleurs, "
                  "un nombre peut être autre chose qu'une date). Mettez ces cellules au format Date dans le tableur "
                  "et exportez à nouveau.",
                  "    Column '{column}': {count} date(s) written as Excel serial numbers{example}, among dates written "
                  "otherwise; fix converts them only in a column of serial numbers alone (elsewhere, a number may be "
                  "something else than a date). Format those cells as dates in the spreadsheet and export again.")


def _ambiguous_line(column: LeftAsIs, fr: bool) -> str:
    """A column of numbers whose point may separate thousands (« 3.658 »: 3658) or decimals (3.658)."""
    cell = column.example[1] if column.example else "3.658"
    row = f" (ligne {column.example[0]})" if fr and column.example else f" (row {column.example[0]})" \
        if column.example else ""
    count = number_text(column.numbers)
    if fr:
        return (f"    Colonne « {column.column} » : {count} nombre(s) comme « {cell} »{row} se lisent avec un point "
                "séparateur de milliers (à la belge) ou un point décimal (à l'anglaise) ; fix ne tranche pas et les "
                "laisse tels quels. Écrivez-les sans séparateur de milliers, ou avec une virgule décimale.")
    return (f"    Column '{column.column}': {count} number(s) like '{cell}'{row} read with a point separating thousands "
            "(the Belgian way) or a decimal point (the English way); fix does not decide and leaves them as they are. "
            "Write them without a thousands separator, or with a decimal comma.")


def left_dicts(columns: list[LeftAsIs]) -> list[dict[str, Any]]:
    """The columns left as they are, for ``FixResult.to_dict()`` (``leftAsIs``)."""
    return [{"fieldName": column.column, "numbers": column.numbers, "filled": column.filled, "reason": column.reason,
             "example": None if column.example is None else {"rowNumber": column.example[0],
                                                             "cell": column.example[1]},
             **({"units": list(column.units)} if column.reason in UNIT_REASONS else {})}
            for column in columns]


def workbook_left(report: QualityReport, removed_rows: Iterable[int], removed_columns: Iterable[int]) -> list[Finding]:
    """The findings about what the workbook hides (formulas without result, hidden columns and rows) in what the
    clean file keeps (not in the rows and columns ``fix`` removed, by their original numbers), made from what was
    detected (``fix`` runs only the checks its fixes read)."""
    detected = report.detected
    if detected is None or detected.format == "csv":
        return []
    rows, columns = set(removed_rows), set(removed_columns)
    kept = replace(detected, hidden_columns=[c for c in detected.hidden_columns if c not in columns],
                   hidden_rows=[r for r in detected.hidden_rows if r not in rows],
                   formulas_without_value=[(r, c) for r, c in detected.formulas_without_value
                                           if r not in rows and c not in columns])
    context = CheckContext(source=report.source, fields=list(report.fields), header_row=detected.header_row,
                           options={"detected": kept})
    return [*FormulaWithoutValueCheck().end(context), *HiddenCellsCheck().end(context)]


def workbook_lines(findings: list[Finding], lang: str) -> list[str]:
    """The preview's lines for :func:`workbook_left`."""
    if not findings:
        return []
    head = "  Non corrigé, à voir dans le classeur :" if lang == "fr" else "  Not fixed, to see to in the workbook:"
    return [head, *(f"    {finding.message(lang)}" for finding in findings)]
