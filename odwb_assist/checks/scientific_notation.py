"""Check ``scientific-notation`` (error): long numbers exported as a spreadsheet displayed them, in scientific
notation, their last digits lost (« 4,12346E+09 » for the enterprise number 0412.345.678, « 8,1223E+10 » for a
phone number).

Excel shows a number too long for its column in scientific notation (« Standard » format), and its CSV export
writes what it shows: the file holds six significant digits of a ten-digit number, the others are gone. Reported
when a cell is a number of six digits or more in scientific notation whose exponent reaches past its mantissa's
digits (the integer it stands for has digits the cell does not give): identifiers, phone numbers, amounts. A small
number (« 1,5E+03 ») may be a measure written so on purpose, as « 2,5E-06 » is: both are left alone. No fix: the
lost digits are not in the file; the user exports again with the column as text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, buffer
from .cells import byte_set

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# the exponent in two digits, as spreadsheets (and Python, R) write it
NUMBER = re.compile(r"[+-]?([0-9])(?:[.,]([0-9]+))?[Ee]\+?([0-9]{2})")
LONGEST = 22  # bytes: « -1,23456789012345E+15 »
SHORTEST = 4  # « 4E09 »
SMALLEST = 5  # exponent: a number of six digits or more (a smaller one may be a measure written so on purpose)

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) écrits en notation scientifique, leurs derniers chiffres perdus "
              "(ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} number(s) written in scientific notation, their last digits lost "
              "(e.g. row {row}: '{cell}').")
TIP = Msg("Le tableur affichait ces nombres trop longs en notation scientifique et l'export a écrit ce qu'il affichait : "
          "les chiffres perdus ne sont plus dans ce fichier. Dans le classeur, mettez la colonne au format Texte (un "
          "numéro d'entreprise, de téléphone ou de compte est un texte) ou Nombre sans décimale, puis exportez à "
          "nouveau.",
          "The spreadsheet showed these long numbers in scientific notation and the export wrote what it showed: the "
          "lost digits are no longer in this file. In the workbook, set the column to the Text format (an "
          "enterprise, phone or account number is text) or Number without decimals, then export again.")


def lost_digits(text: str) -> bool:
    """Whether ``text`` is a number in scientific notation standing for an integer with digits it does not give."""
    found = NUMBER.fullmatch(text.strip())
    if found is None:
        return False
    exponent = int(found.group(3))
    return exponent >= SMALLEST and exponent > len(found.group(2) or "")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be such numbers: an « E » or « e » four bytes before the end (« E+09 »), a length a
    number can have (one gather over the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    ends = offsets[1:]
    lengths = ends - offsets[:-1]
    return byte_set("Ee")[data.take(np.maximum(ends - 4, 0))] & (lengths >= SHORTEST) & (lengths <= LONGEST)


RULE = CellRule(lost_digits, _candidates, needs="Ee")


lost_mask = RULE.mask  # True where a cell of a text Series lost digits so


class ScientificNotationCheck(CellCheck):
    name = "scientific-notation"
    types = ("scientific-notation",)
    blocking = ("scientific-notation",)  # the types it may report as errors (see ``TableCheck.blocking``)
    rule = RULE
    severity = Severity.ERROR
    message = MESSAGE
    tip = TIP


@hookimpl
def odwb_checks(context: CheckContext) -> list[ScientificNotationCheck]:
    return [ScientificNotationCheck()]
