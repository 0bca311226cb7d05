"""Check ``negative-display`` (warning): negative numbers written for display in a column of numbers.

A sheet saved as text writes a negative as its number format shows it: « (1 500,00) » (Excel's « Comptabilité »
format), « 1.500,00- » (SAP and other accounting programs), « −12,5 » (the minus sign U+2212 of a PDF or a web
page). The portal reads such a cell as text, and the column with it. The fix that writes them « -1500.00 » is
``number-display`` (:mod:`.number_display`), which reads them with :func:`.display_numbers.read_displays`; this
check reads them the same way, so that what the check says is what the fix does. As the fix, it says a column
only when its numbers (these negatives among them, as the shared number parse reads them) are nearly all of its
filled cells (:data:`.decimal_comma.NUMBER_SHARE`, counted from the first chunk holding one). Without this finding a
column of dot decimals got ``read-as-text``, whose advice (« videz ces cellules ») would have lost the amounts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .number_share import OddNumbersCheck

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

FIRST = " \t(\xe2"  # the first byte of « (1 500,00) », of « −12,5 » (U+2212 is E2 88 92 in UTF-8), or a space
LAST = "-) \t"  # the last byte of « 1.500,00- » and « (1 500,00) », or a space (Excel pads its accounting format)
LONGEST = 40  # bytes: an amount, its unit and its spaces; a longer cell is a sentence

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) négatif(s) écrit(s) pour l'affichage (ex. ligne {row} : "
              "« {cell} ») : le portail les lit comme du texte, et toute la colonne avec eux.",
              "Column '{field}': {count} negative number(s) written for display (e.g. row {row}: '{cell}'): the "
              "portal reads them as text, and the whole column with them.")
TIP = Msg("Écrivez le signe moins devant le nombre (-1500,00), sans parenthèses ni signe après : dans Excel, Format de "
          "cellule > Nombre, négatifs « -1234,10 », puis exportez à nouveau. « odwb-assist fix » le fait.",
          "Write the minus sign before the number (-1500.00), with no parentheses nor sign after: in Excel, Format "
          "Cells > Number, negatives '-1234.10', then export again. 'odwb-assist fix' does it.")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be such negatives: « ( » or U+2212's first byte first, or « - » or « ) » last, or a space
    at either end (read from the buffers: amounts, phones, dates and words leave here)."""
    import numpy as np

    from .cell_rules import buffer
    from .cells import byte_set, first_bytes

    offsets, data = buffer(cells)
    ends, lengths = offsets[1:], offsets[1:] - offsets[:-1]
    last = byte_set(LAST)[data.take(np.maximum(ends - 1, 0))]
    return (byte_set(FIRST)[first_bytes(cells)] | last) & (lengths >= 2) & (lengths <= LONGEST)


def negative_displays(cells: pa.Array) -> np.ndarray:
    """Which cells of an Arrow text array are negative numbers written for display: read as numbers by
    :func:`.display_numbers.read_displays` (as the fix reads them) with a sign it wrote itself."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import holding
    from .display_numbers import read_displays

    found = np.zeros(len(cells), dtype=bool)
    if not len(cells) or cells.null_count or cells.buffers()[2] is None:
        return found
    at = np.flatnonzero(_candidates(cells))
    if not len(at):
        return found
    picked = cells.take(pa.array(at))
    digits = holding(picked, "0123456789")  # « Celles (Tournai) » leaves before the pattern (some ms a call)
    if not digits.any():
        return found
    at, picked = at[digits], picked.filter(pa.array(digits))
    numbers, _ = read_displays(picked)
    # the sign written for display (parentheses, after the number, U+2212), not « -12 € » (a unit in the cell)
    signed = pc.starts_with(pc.utf8_ltrim_whitespace(picked), "-")
    negative = pc.fill_null(pc.and_(pc.starts_with(numbers, "-"), pc.invert(signed)), False)
    found[at] = np.asarray(negative.to_numpy(zero_copy_only=False), dtype=bool)
    return found


class NegativeDisplayCheck(OddNumbersCheck):
    name = "negative-display"
    types = ("negative-display",)
    message, tip = MESSAGE, TIP

    def odd(self, cells: pa.Array, plain: np.ndarray | None) -> np.ndarray:
        return negative_displays(cells)


@hookimpl
def odwb_checks(context: CheckContext) -> list[NegativeDisplayCheck]:
    return [NegativeDisplayCheck()]
