"""Check ``zero-date`` (warning): a database's « zero date », « 0000-00-00 » (« 0000-00-00 00:00:00 »,
« 00/00/0000 »), where a date is missing; fix ``zero-dates``: empty them.

MySQL stores « 0000-00-00 » for a date it was not given (its Reference Manual calls it the type's « zero »
value), and an export of the database writes it as it is: a list of associations with their dissolution date, a
register with its closing dates, most of them « 0000-00-00 ». Published, the portal shows « 0000-00-00 » as if it
were a date, and a column of dates holding one is read as text (no date filter, sort nor timeline). No calendar has
a month 0 nor a day 0: the cell is certainly no data, only a missing date, and the fix empties it (the change log
keeps it), in any column. The type check counts it as an empty cell (:mod:`..quality.placeholders`), so the
column's type is that of its real dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext, ColumnValues, ValuesPreparation
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.placeholders import LONGEST, ZERO_DATES, is_zero_date
from .cell_rules import BYTES_SEEN, CellCheck, CellRewrite, CellRule, buffer
from .cells import byte_set

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

LONGEST_BYTES = LONGEST + 8  # a few spaces around (a zero date is ASCII)
SHORTEST = min(map(len, ZERO_DATES))  # « 0000-00-00 », « 00/00/0000 »

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) « {cell} » (ex. ligne {row}) : c'est la « date zéro » d'une "
              "base de données (MySQL…), qui veut dire « pas de date ».",
              "Column '{field}': {count} cell(s) '{cell}' (e.g. row {row}): a database's 'zero date' (MySQL…), "
              "which means 'no date'.")
TIP = Msg("Laissez vides les dates inconnues : sur le portail, « 0000-00-00 » s'affiche comme une date, et une colonne "
          "de dates qui en contient est lue comme du texte (ni filtre ni tri par date). « odwb-assist fix » vide ces "
          "cellules.",
          "Leave unknown dates empty: on the portal '0000-00-00' shows as if it were a date, and a column of dates "
          "holding one is read as text (no date filter nor sort). 'odwb-assist fix' empties these cells.")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be a zero date, from their bytes: 10 to ``LONGEST_BYTES`` long, beginning with « 00 » (a
    phone number « 081… », a date « 05/04/2024 » begins with one zero only) or with a space."""
    import numpy as np

    from .cells import first_bytes

    offsets, data = buffer(cells)
    size = offsets[1:] - offsets[:-1]
    first = first_bytes(cells)
    fits = (size >= SHORTEST) & (size <= LONGEST_BYTES)
    mask = fits & byte_set(" \t")[first]
    zero = np.flatnonzero(fits & (first == ord("0")))
    if len(zero):
        mask[zero[data.take(offsets[zero] + 1) == ord("0")]] = True
    return mask


RULE = CellRule(is_zero_date, _candidates, needs=" \t0")
# which distinct values of a chunk column are zero dates (shared with ``date-format``, which leaves them out, and
# with the type check, which counts them as empty cells)
ZERO_VALUES = ValuesPreparation("zero-dates", RULE.values_mask)


class ZeroDateCheck(CellCheck):
    name = "zero-date"
    types = ("zero-date",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP
    preparations = (BYTES_SEEN, ZERO_VALUES)  # its rule reads the bytes seen first

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.tally.add_values(column, ZERO_VALUES(column))
        return ()


class EmptyZeroDates(CellRewrite):
    """Fix ``zero-dates``: a zero date emptied, in the columns the check found them in."""

    name = "zero-dates"
    reads = ("zero-date",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Dates zéro (« 0000-00-00 ») vidées", "Zero dates ('0000-00-00') emptied")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return ""


@hookimpl
def odwb_checks(context: CheckContext) -> list[ZeroDateCheck]:
    return [ZeroDateCheck()]


@hookimpl
def odwb_fixes() -> list[EmptyZeroDates]:
    return [EmptyZeroDates()]
