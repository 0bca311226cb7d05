"""Check ``invisible-characters`` (warning): cells holding a character nobody can read, a control character
(« \\x0b », « \\x07 », U+0080-U+009F) or « � » (U+FFFD), the mark of a letter lost in an earlier conversion.

A control character comes with a copy-paste out of another program (a form, a PDF; FileMaker writes a cell's line
breaks as U+000B) or from a byte the file's encoding does not define (0x81 in a Windows-1252 file, read as U+0081);
« � » is what a program writes in place of a letter it could not decode (« Li�ge »): the letter is lost, only the
source still has it. The portal would publish them as they are, invisible or as « � », in searches and exports.
Tabs, line breaks and carriage returns are text (a cell on several lines); a form feed or a DOS end-of-file mark
closing the file is said by other checks. Nothing is fixed, as which character was meant cannot be known, but for
those that are also white space (U+000B, U+000C, U+001C-U+001F, U+0085) at either end of a cell, which ``trim-spaces``
takes out with the spaces around a cell. A column title holding one (« Code<U+0001>postal », « Localit� ») is said
once, at the header's row; the line breaks of a title (U+000B, U+000C, U+0085: Excel 95's Alt+Enter) are
``label-line-break``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, buffer, cells_at, title_finding
from .label_line_breaks import BREAK
from .unreadable import INVISIBLE, has_invisible, shown

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) contiennent un caractère illisible (ex. ligne {row} : "
              "« {cell} ») : le portail le publierait tel quel.",
              "Column '{field}': {count} cell(s) hold an unreadable character (e.g. row {row}: '{cell}'): the "
              "portal would publish it as it is.")
LABEL = Msg("Le titre de la colonne n° {number} contient un caractère illisible (« {shown} ») : le portail le publierait "
            "tel quel, et un programme qui cherche la colonne par son titre ne la trouve pas.",
            "The title of column {number} holds an unreadable character ('{shown}'): the portal would publish it as "
            "it is, and a program looking for the column by its title does not find it.")
TIP = Msg("« � » remplace une lettre perdue lors d'une conversion d'encodage : retapez-la à la source (« Li�ge » → "
          "« Liège »). Un caractère de contrôle (montré ici <U+…>) vient d'un copier-coller ou d'un octet que "
          "l'encodage du fichier ne définit pas : supprimez-le, ou enregistrez le fichier en « CSV UTF-8 » depuis son "
          "logiciel. « odwb-assist fix » ne les change pas (il ne peut pas savoir quel caractère était voulu), sauf une "
          "tabulation verticale ou un saut de page au début ou à la fin d'une cellule, retirés avec les espaces en trop.",
          "'�' stands for a letter lost in an encoding conversion: type it again at the source ('Li�ge' → "
          "'Liège'). A control character (shown here as <U+…>) comes from a copy-paste or from a byte the file's "
          "encoding does not define: delete it, or save the file as 'CSV UTF-8' from its program. 'odwb-assist fix' "
          "leaves them (it cannot know which character was meant), but for a vertical tab or a form feed at either end "
          "of a cell, taken out with the spaces around it.")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding a byte below 0x20 other than tab, line feed and carriage return, 0x7F, or the first byte of
    U+0080-U+00BF (0xC2) or of U+FFFD (0xEF) (numpy on the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    low = int(offsets[0])
    part = data[low: int(offsets[-1])]
    odd = np.flatnonzero((part < 0x20) | (part >= 0x7F))  # few: line breaks, the bytes of accented letters
    if len(odd):
        byte = part[odd]
        control = (byte < 0x20) & (byte != 0x09) & (byte != 0x0A) & (byte != 0x0D)
        odd = odd[control | (byte == 0x7F) | (byte == 0xC2) | (byte == 0xEF)]
    return cells_at(offsets, odd + low)


# the bytes one of which a candidate holds: controls but tab and line ends, DEL, 0xC2 and 0xEF
INVISIBLE_BYTES = "".join(chr(b) for b in (*range(0x20), 0x7F, 0xC2, 0xEF) if b not in (0x09, 0x0A, 0x0D))
RULE = CellRule(has_invisible, _candidates, needs=INVISIBLE_BYTES)


class InvisibleCharactersCheck(CellCheck):
    name = "invisible-characters"
    types = ("invisible-characters",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            found = sorted(set(INVISIBLE.findall(BREAK.sub(" ", label))))  # a line break is label-line-break's
            if found:
                yield title_finding(self.types[0], self.severity, LABEL.format(number=number, shown=shown(label)),
                                    self.tip, context, number, label,
                                    {"characters": [f"U+{ord(c):04X}" for c in found]})
        for finding in self.tally.findings(self.types[0], self.severity, self.message, self.tip, show=shown):
            examples = self.tally.examples.get(str(finding.field_name), [])  # as read: the characters themselves
            found = sorted({character for _, cell in examples for character in INVISIBLE.findall(cell)})
            yield dataclasses.replace(finding, extra={**finding.extra,
                                                      "characters": [f"U+{ord(c):04X}" for c in found]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[InvisibleCharactersCheck]:
    return [InvisibleCharactersCheck()]
