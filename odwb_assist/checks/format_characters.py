"""Check ``format-characters`` (warning): cells holding a format character that shows nothing, brought by a copy out of a
web page or a word processor (« Namur » followed by a zero-width space, « Li­ège » with a soft hyphen, a direction
mark, a word joiner, a byte-order mark inside a text: :data:`.unreadable.FORMAT`), and column titles holding one
(« Numéro » + U+200B, a second byte-order mark before the first title); fix ``drop-format-characters``.

On screen the cell reads as the text without it; for a filter, a sort, a search or a join with another dataset it is
another value (« Namur » and « Namur » + U+200B are two communes; a category column splits in two, which
``inconsistent-category`` then leaves to this check). These characters carry nothing a reader sees, so the fix takes
them out, each cell in the change log. In a title, the character splits it from the title a program or a reuse looks
for (``df["Numéro"]``, a join on the column): the fix takes it out of the title too. The zero-width joiners (U+200C,
U+200D) are left: some scripts and emoji need them; so are the direction marks of a text written right to left (an
association's name in Arabic or Hebrew), where they order the words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, TitledCellRewrite, buffer, cells_at, title_finding
from .unreadable import format_characters, shown, without_format

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

NAMES = {"\u00ad": Msg("trait d'union conditionnel", "soft hyphen"),
         "\u200b": Msg("espace sans largeur", "zero-width space"),
         "\u2060": Msg("gluon de mots", "word joiner"),
         "\ufeff": Msg("indicateur d'ordre des octets (BOM)", "byte-order mark (BOM)")}
DIRECTION = Msg("marque de sens d'écriture", "direction mark")  # U+200E, U+200F, U+202A-U+202E, U+2066-U+2069

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) contiennent un caractère invisible : {names} (ex. ligne {row} : "
              "« {cell} ») : à l'écran rien ne change, mais pour un filtre, un tri ou une recherche, ce n'est pas la "
              "même valeur que le texte sans lui.",
              "Column '{field}': {count} cell(s) hold an invisible character: {names_en} (e.g. row {row}: '{cell}'): "
              "on screen nothing changes, but for a filter, a sort or a search it is not the same value as the text "
              "without it.")
LABEL = Msg("Le titre de la colonne n° {number} contient un caractère invisible : {names} (« {shown} ») : à l'écran rien "
            "ne change, mais un programme ou une réutilisation qui cherche la colonne par son titre ne la trouve pas.",
            "The title of column {number} holds an invisible character: {names_en} ('{shown}'): on screen nothing "
            "changes, but a program or a reuse looking for the column by its title does not find it.")
TIP = Msg("Ces caractères viennent d'un copier-coller depuis une page web ou un traitement de texte. « odwb-assist fix » "
          "les retire : ils n'affichent rien, le texte ne change pas à l'écran.",
          "These characters come from a copy-paste out of a web page or a word processor. 'odwb-assist fix' takes them "
          "out: they show nothing, the text does not change on screen.")


def has_format(text: str) -> bool:
    return bool(format_characters(text))


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells holding the UTF-8 bytes of a format character (numpy on the data buffer): C2 AD; E2 80 8B, 8E, 8F,
    AA-AE; E2 81 A0, A6-A9; EF BB BF."""
    import numpy as np

    offsets, data = buffer(cells)
    low, high = int(offsets[0]), int(offsets[-1])
    part = data[low:high]
    lead = np.flatnonzero(part >= 0xC2)  # few: the first bytes of letters and signs beyond ASCII
    byte = part[lead]
    lead = lead[(byte == 0xC2) | (byte == 0xE2) | (byte == 0xEF)]
    if not len(lead):
        return np.zeros(len(offsets) - 1, dtype=bool)
    padded = np.concatenate([part, np.zeros(2, dtype=np.uint8)])  # a lead byte's next two, read past the end as 0
    first, second, third = padded[lead], padded[lead + 1], padded[lead + 2]
    e2 = first == 0xE2
    found = ((first == 0xC2) & (second == 0xAD)) \
        | (e2 & (second == 0x80) & (((third >= 0x8B) & (third != 0x8C) & (third != 0x8D) & (third <= 0x8F))
                                    | ((third >= 0xAA) & (third <= 0xAE)))) \
        | (e2 & (second == 0x81) & ((third == 0xA0) | ((third >= 0xA6) & (third <= 0xA9)))) \
        | ((first == 0xEF) & (second == 0xBB) & (third == 0xBF))
    return cells_at(offsets, lead[found] + low)


RULE = CellRule(has_format, _candidates, needs="\xc2\xe2\xef")


class FormatCharactersCheck(CellCheck):
    name = "format-characters"
    types = ("format-characters",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            found = sorted(set(format_characters(label)))
            if found:
                yield title_finding(self.types[0], self.severity,
                                    LABEL.format(number=number, shown=shown(label), **_named(found)), self.tip,
                                    context, number, label,
                                    {"label": without_format(label), "characters": [f"U+{ord(c):04X}" for c in found]})
        for finding in self.tally.findings(self.types[0], self.severity, self.message, self.tip, show=shown,
                                           fill=self._names):
            found = self._found(str(finding.field_name))
            yield dataclasses.replace(finding, extra={**finding.extra,
                                                      "characters": [f"U+{ord(c):04X}" for c in found]})

    def _found(self, column: str) -> list[str]:
        """The format characters of a column's example cells, in code order."""
        return sorted({c for _, cell in self.tally.examples.get(column, []) for c in format_characters(cell)})

    def _names(self, column: str, cell: str) -> dict[str, object]:
        return _named(self._found(column))


def _named(characters: list[str]) -> dict[str, object]:
    """The messages' {names}: what each of ``characters`` is, in words, once each."""
    names = list(dict.fromkeys(NAMES.get(c, DIRECTION) for c in characters))
    return {"names": ", ".join(name.fr for name in names), "names_en": ", ".join(name.en for name in names)}


class DropFormatCharacters(TitledCellRewrite):
    """Fix ``drop-format-characters``: the format characters that show nothing taken out of the cells and titles."""

    name = "drop-format-characters"
    reads = ("format-characters",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Caractères invisibles retirés (espace sans largeur…)", "Invisible characters taken out (zero-width "
                                                                          "space…)")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return without_format(text)

    def title(self, label: str) -> str | None:
        """The title without them, and without the spaces they leave at its ends (« Montant <U+200B> »)."""
        return without_format(label).strip() if has_format(label) else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[FormatCharactersCheck]:
    return [FormatCharactersCheck()]


@hookimpl
def odwb_fixes() -> list[DropFormatCharacters]:
    return [DropFormatCharacters()]
