"""Check ``lost-letters`` (warning): letters written « ? » (« Li?ge », « Biblioth?que », « Fran?ois »), as an export
writes them when its encoding has no such letter (an ASCII export, a conversion through the wrong code page): the
letters are lost in the file, the portal would publish « Li?ge ».

A question mark is never glued between two letters in a French, Dutch or German text (« Pourquoi ? », « Waarom? »),
so a cell is said when it holds one (« h?l?ne »), unless it is a web address or a query (« page.php?id=3 », a « / »,
« = » or « & » in the cell). A « ? » ending a word (« Andr? ») is not said: « Quoi? » is a question as well. A column
title holding one (« Num?ro ») is said once, at the header's row. Nothing is fixed: which letter was meant cannot be
known (« ? » is « è » in « Li?ge », « ç » in « Fran?ois »); the source still has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, buffer, cells_at, title_finding

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

GLUED = re.compile(r"[^\W\d_]\?+[^\W\d_]")
NOT_TEXT = re.compile(r"[/=&]")  # a web address, a query string: « ? » opens its parameters

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) où « ? » tient la place d'une lettre (ex. ligne {row} : "
              "« {cell} ») : l'export ne connaissait pas les lettres accentuées et les a perdues ; le portail "
              "publierait « ? ».",
              "Column '{field}': {count} cell(s) where '?' stands for a letter (e.g. row {row}: '{cell}'): the export "
              "did not know accented letters and lost them; the portal would publish '?'.")
LABEL = Msg("Le titre de la colonne n° {number} (« {label} ») a perdu une lettre accentuée, écrite « ? ».",
            "The title of column {number} ('{label}') lost an accented letter, written '?'.")
TIP = Msg("Les lettres sont perdues dans ce fichier : refaites l'export depuis le logiciel d'origine en choisissant "
          "l'encodage UTF-8 (ou « Unicode »), ou corrigez-les à la main (Rechercher « ? »). « odwb-assist fix » ne "
          "peut pas savoir quelle lettre était voulue (« è » dans « Li?ge », « ç » dans « Fran?ois »).",
          "The letters are lost in this file: export it again from the program it comes from choosing the UTF-8 "
          "encoding (or 'Unicode'), or correct them by hand (Find '?'). 'odwb-assist fix' cannot know which letter was "
          "meant ('è' in 'Li?ge', 'ç' in 'Fran?ois').")


def lost_letter(text: str) -> bool:
    """Whether a cell holds « ? » glued between two letters, and is no web address or query."""
    return GLUED.search(text) is not None and NOT_TEXT.search(text) is None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding a « ? » (numpy on the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    low = int(offsets[0])
    return cells_at(offsets, np.flatnonzero(data[low: int(offsets[-1])] == 0x3F) + low)


RULE = CellRule(lost_letter, _candidates, needs="?")


class LostLettersCheck(CellCheck):
    name = "lost-letters"
    types = ("lost-letters",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            if lost_letter(str(label)):
                yield title_finding(self.types[0], self.severity, LABEL.format(number=number, label=label), self.tip,
                                    context, number, str(label), {})
        yield from super().end(context)


@hookimpl
def odwb_checks(context: CheckContext) -> list[LostLettersCheck]:
    return [LostLettersCheck()]
