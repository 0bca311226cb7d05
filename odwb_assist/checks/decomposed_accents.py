"""Check ``decomposed-accents`` (warning): accents written as two characters, the letter then a combining accent
(« e » + U+0300 for « è »); fix ``compose-accents``.

Unicode writes « è » two ways that look the same: one character (what a keyboard types, Unicode's form NFC), or the
letter followed by a combining accent (form NFD: what macOS writes for file names, and what a copy out of some PDFs,
web forms or Mac applications brings along). On screen nothing tells them apart, but a program comparing values does:
« Liège » typed and « Liège » pasted are two values for a filter, a sort, a count or a join with another dataset, and
a category column then splits in two (``inconsistent-category`` would say « Liège » is also written « Liège »: these
are said here instead, with what is different). The repair is Unicode's own composition (NFC), which changes how a
letter is stored, never which letter it is: the fix applies it to the cells holding such an accent, each in the
change log. A combining accent that composes with nothing (« q̀ ») is left as it is, and not said. A column title
written so (« Numéro » out of a Mac) is not the title a program or a reuse types to find the column: said once per
title, and composed by the fix too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, TitledCellRewrite, buffer, cells_at, title_finding

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) écrivent un accent en deux caractères, la lettre puis "
              "l'accent (ex. ligne {row} : « {cell} », {pair}) : à l'écran rien ne change, mais pour un filtre, un tri "
              "ou un comptage, ce n'est pas la même valeur que la même lettre tapée au clavier.",
              "Column '{field}': {count} cell(s) write an accent as two characters, the letter then the accent "
              "(e.g. row {row}: '{cell}', {pair_en}): on screen nothing changes, but for a filter, a sort or a count it is "
              "not the same value as the same letter typed on a keyboard.")
LABEL = Msg("Le titre de la colonne n° {number} écrit un accent en deux caractères, la lettre puis l'accent ({pair}) : "
            "à l'écran rien ne change, mais un programme ou une réutilisation qui cherche la colonne par son titre tapé "
            "au clavier ne la trouve pas.",
            "The title of column {number} writes an accent as two characters, the letter then the accent ({pair_en}): "
            "on screen nothing changes, but a program or a reuse looking for the column by its title typed on a "
            "keyboard does not find it.")
PAIR = Msg("« {letter} » écrit « {base} » + U+{mark:04X}", "'{letter}' written '{base}' + U+{mark:04X}")
TIP = Msg("Ces accents viennent souvent d'un Mac ou d'un copier-coller (PDF, formulaire web). « odwb-assist fix » les "
          "écrit en un seul caractère, comme le clavier (la forme NFC d'Unicode) : les lettres ne changent pas.",
          "Such accents often come from a Mac or a copy-paste (a PDF, a web form). 'odwb-assist fix' writes them as "
          "one character, as a keyboard does (Unicode's NFC form): the letters do not change.")


def decomposed(text: str) -> bool:
    """Whether ``text`` holds a combining accent that composes with the letter before it."""
    return not unicodedata.is_normalized("NFC", text) and any("\u0300" <= c <= "\u036f" for c in text)


def composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_pair(text: str) -> tuple[str, str, int] | None:
    """(the letter composed, the letter alone, the accent's code point) of the first accent of ``text`` that composes."""
    for at in range(1, len(text)):
        mark = text[at]
        if "\u0300" <= mark <= "\u036f":
            letter = composed(text[at - 1] + mark)
            if len(letter) == 1:
                return letter, text[at - 1], ord(mark)
    return None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding the first byte of a combining accent in UTF-8 (U+0300-U+036F: 0xCC, 0xCD; numpy on the data
    buffer: these bytes are no part of any other character)."""
    import numpy as np

    offsets, data = buffer(cells)
    low = int(offsets[0])
    part = data[low: int(offsets[-1])]
    high = np.flatnonzero(part >= 0xCC)  # few: the first bytes of characters beyond U+02FF
    return cells_at(offsets, high[part[high] <= 0xCD] + low)


RULE = CellRule(decomposed, _candidates, needs="\xcc\xcd")


class DecomposedAccentsCheck(CellCheck):
    name = "decomposed-accents"
    types = ("decomposed-accents",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            if decomposed(label):
                yield title_finding(self.types[0], self.severity, LABEL.format(number=number, **_pair(label, label)),
                                    self.tip, context, number, label, {"label": composed(label)})
        yield from self.tally.findings(self.types[0], self.severity, self.message, self.tip, fill=_pair)


def _pair(column: str, cell: str) -> dict[str, object]:
    """The message's {pair}: the first accent of the example cell, the letter and what it is written with."""
    letter, base, mark = first_pair(cell) or ("?", "?", 0x300)
    pair = PAIR.format(letter=letter, base=base, mark=mark)
    return {"pair": pair.fr, "pair_en": pair.en}


class ComposeAccents(TitledCellRewrite):
    """Fix ``compose-accents``: each accent written as two characters written as one (Unicode's NFC), in the cells
    and the titles."""

    name = "compose-accents"
    reads = ("decomposed-accents",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Accents écrits en deux caractères réunis en un", "Accents written as two characters joined into one")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return composed(text)


@hookimpl
def odwb_checks(context: CheckContext) -> list[DecomposedAccentsCheck]:
    return [DecomposedAccentsCheck()]


@hookimpl
def odwb_fixes() -> list[ComposeAccents]:
    return [ComposeAccents()]
