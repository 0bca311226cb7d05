"""Check ``excel-error`` (error): a cell holding the error a spreadsheet formula gave instead of a value
(« #DIV/0! », « #N/A », « #REF! », « #VALEUR! »…); fix ``excel-errors``: empty them.

A table computed in Excel and exported keeps, where a formula failed (a division by a population of zero, a
look-up that found nothing, a deleted column), the error's text. Published, « #DIV/0! » shows on the portal as
if it were a value, and a column of numbers holding one is read as text (no sorting, no chart). It is certainly
not data: the fix empties the cell (the change log keeps it), in any column.

The error names are those of Excel in English, French and Dutch (Microsoft's « Vue d'ensemble des formules »
and the function translator list them) and LibreOffice's « Err:502 » codes. They are compared without spaces and
in capitals: LibreOffice in French writes « #NOM ? » with a space. In a column of numbers « #N/A » and
« #VALEUR! » are also missing values (:mod:`..quality.placeholders`): they are reported here, not as
``placeholder-value``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRewrite, CellRule, buffer
from .cells import byte_set

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

ERRORS: frozenset[str] = frozenset({
    # Excel, English
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    # Excel, French
    "#NUL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#PROPAGATION!", "#CHAMP!", "#BLOQUÉ!", "#CONNEXION!", "#OCCUPÉ!",
    "#INCONNU!", "#N/D",
    # Excel, Dutch
    "#LEEG!", "#DEEL/0!", "#WAARDE!", "#VERW!", "#NAAM?", "#GETAL!", "#N/B", "#OVERLOOP!", "#BEREKENING!",
    # LibreOffice: Err:501 … Err:539 (invalid character, argument, circular reference…)
    *(f"ERR:{code}" for code in range(501, 540)),
})
FIRST = ("#", "E", "e")  # the first character of every error (« Err:502 » in any case)
LETTERS = ("E", "e")  # then the fourth is « : »
LONGEST = max(map(len, ERRORS)) + 8  # characters, a few spaces included
LONGEST_BYTES = LONGEST + 2  # in UTF-8 (« É » is two bytes)
_SPACES = re.compile(r"\s+")

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) contiennent l'erreur d'une formule au lieu d'une valeur "
              "(ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} cell(s) hold a formula's error instead of a value (e.g. row {row}: '{cell}').")
TIP = Msg("Le tableur n'a pas pu calculer ces cellules (division par zéro, recherche sans résultat, référence "
          "supprimée…). Corrigez la formule dans le classeur, ou laissez « odwb-assist fix » vider ces cellules : "
          "une cellule vide dit que la valeur manque, « #DIV/0! » ne dit rien à qui lit les données.",
          "The spreadsheet could not compute these cells (division by zero, look-up without result, deleted "
          "reference…). Correct the formula in the workbook, or let 'odwb-assist fix' empty these cells: an empty "
          "cell says the value is missing, '#DIV/0!' says nothing to whoever reads the data.")


def is_error(text: str) -> bool:
    """Whether one cell's text is a spreadsheet's formula error."""
    return len(text) <= LONGEST and text.lstrip()[:1] in FIRST and _SPACES.sub("", text).upper() in ERRORS


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be errors, from their first byte and length (a « E » must have its « : » fourth, as
    « Err:502 »; a space may lead)."""
    import numpy as np

    from .cells import first_bytes

    first = first_bytes(cells)
    offsets, data = buffer(cells)
    mask = byte_set((*FIRST, " "))[first] & ((offsets[1:] - offsets[:-1]) <= LONGEST_BYTES)
    letter = np.flatnonzero(mask & byte_set(LETTERS)[first])
    if len(letter):
        fourth = offsets[letter] + 3
        mask[letter] = (fourth < offsets[letter + 1]) & (data.take(np.minimum(fourth, len(data) - 1)) == ord(":"))
    return mask


RULE = CellRule(is_error, _candidates, needs="".join((*FIRST, " ")))


error_mask = RULE.mask  # True where a cell of a text Series is a formula error


class ExcelErrorCheck(CellCheck):
    name = "excel-error"
    types = ("excel-error",)
    blocking = ("excel-error",)  # the types it may report as errors (see ``TableCheck.blocking``)
    rule = RULE
    severity = Severity.ERROR
    message = MESSAGE
    tip = TIP


class EmptyExcelErrors(CellRewrite):
    """Fix ``excel-errors``: a formula's error emptied, in the columns the check found them in."""

    name = "excel-errors"
    reads = ("excel-error",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Erreurs de formule (« #DIV/0! », « #N/A »…) vidées", "Formula errors ('#DIV/0!', '#N/A'…) emptied")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return ""


@hookimpl
def odwb_checks(context: CheckContext) -> list[ExcelErrorCheck]:
    return [ExcelErrorCheck()]


@hookimpl
def odwb_fixes() -> list[EmptyExcelErrors]:
    return [EmptyExcelErrors()]
