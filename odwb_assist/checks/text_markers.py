"""Check ``text-markers`` (warning): cells that carry a spreadsheet's way of keeping a number as text, which the
published file would keep: « ="0470123456" » (a formula that only returns a quoted text, written by exports and by
hand to keep a leading zero in Excel) and « '0470123456 » (the apostrophe Excel types before a number kept as text,
written into the file by some exports). Fix ``strip-text-markers``: « 0470123456 ».

On the portal the value would be « ="0470123456" » or « '0470123456 »: no phone number, no postal code, and the
Belgian checks cannot recognise them. The formula is no injection (its result is the text between the quotes: the
``formula-injection`` check leaves it), and it is unwrapped only when that text does not start a formula itself. An
apostrophe is taken off only before a number or a code (digits, spaces, « . », « / », « - »): « 's-Gravenbrakel »
keeps its apostrophe, and so does a cell the formula fix neutralised (« '=SUM(…) »).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRewrite, CellRule

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# a formula returning a quoted text (quotes doubled inside), the text not starting a formula; an apostrophe before a
# number or a code
QUOTED = re.compile(r'[ \t]*="((?:[^"]|"")*)"[ \t]*')
APOSTROPHE = re.compile(r"[ \t]*'([0-9][0-9 ./-]*)[ \t]*")
STARTS_FORMULA = ("=", "+", "-", "@", "\t", "\r")
FIRST = " \t='"  # the first byte of a marked cell

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) gardent la marque d'un tableur pour écrire un nombre comme du "
              "texte (ex. ligne {row} : « {cell} ») : le portail publierait la marque avec la valeur.",
              "Column '{field}': {count} cell(s) keep a spreadsheet's mark for writing a number as text (e.g. row "
              "{row}: '{cell}'): the portal would publish the mark with the value.")
TIP = Msg("Écrivez la valeur seule (0470123456, sans « =\"…\" » ni apostrophe) : dans un fichier CSV, un zéro en tête "
          "est gardé tel quel. « odwb-assist fix » retire ces marques.",
          "Write the value alone (0470123456, without '=\"…\"' or an apostrophe): in a CSV file, a leading zero is "
          "kept as it is. 'odwb-assist fix' removes these marks.")


def unmarked(cell: str) -> str | None:
    """The value a marked cell stands for (« ="0470" » → « 0470 », « '5000 » → « 5000 »); None when unmarked."""
    found = QUOTED.fullmatch(cell)
    if found is not None:
        text = found.group(1).replace('""', '"')
        return None if text.startswith(STARTS_FORMULA) else text
    found = APOSTROPHE.fullmatch(cell)
    return found.group(1) if found is not None else None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be marked: their first byte read from the buffers (most columns stop there: no cell opens
    with a space, « = » or an apostrophe), then an « = » and a quote or an apostrophe and a digit first, after
    spaces, read by RE2."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import byte_set, first_bytes

    mask = byte_set(FIRST)[first_bytes(cells)]
    if mask.any():
        at = np.flatnonzero(mask)
        marked = pc.match_substring_regex(cells.take(pa.array(at)), "^[ \\t]*(?:=\"|'[0-9])")
        mask[at] = marked.fill_null(False).to_numpy(zero_copy_only=False)
    return mask


RULE = CellRule(lambda text: unmarked(text) is not None, _candidates, needs=FIRST)


class TextMarkersCheck(CellCheck):
    name = "text-markers"
    types = ("text-markers",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP


class StripTextMarkers(CellRewrite):
    name = "strip-text-markers"
    reads = ("text-markers",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Marques de texte d'un tableur retirées (« =\"0470…\" », « '5000 »)",
                "Spreadsheet text marks removed ('=\"0470…\"', \"'5000\")")
    rule = RULE

    def rewrite(self, text: str) -> str:
        value = unmarked(text)
        return text if value is None else value


@hookimpl
def odwb_checks(context: CheckContext) -> list[TextMarkersCheck]:
    return [TextMarkersCheck()]


@hookimpl
def odwb_fixes() -> list[StripTextMarkers]:
    return [StripTextMarkers()]
