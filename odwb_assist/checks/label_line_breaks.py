"""Check ``label-line-break`` (warning): a column title written on several lines (« Montant↵(EUR) »); the fix
``trim-spaces`` writes it on one line (« Montant (EUR) »).

A long title in a spreadsheet is often broken with Alt+Enter to keep the column narrow. The break stays in the
title: in a CSV file the header then spans several lines of text (a tool that reads a file line by line, or a
person opening it in a text editor, sees a header cut in two), and the portal keeps it in the field's label and
in its exports. Only titles are checked: a break inside a data cell (an address, a remark) is a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

# a line break with the spaces around it: LF, CR, vertical tab and form feed (Excel 95 writes them), NEL, and
# Unicode's line and paragraph separators
BREAK = re.compile(r"[ \t]*[\n\r\x0b\x0c\x85\u2028\u2029]\s*")
EACH_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")

MESSAGE = Msg("Le titre de la colonne n° {number} s'écrit sur {lines} lignes : « {shown} ».",
              "The title of column {number} is written on {lines} lines: '{shown}'.")
TIP = Msg("Écrivez le titre sur une seule ligne : le saut de ligne reste dans le titre de la colonne sur le portail "
          "et coupe l'en-tête du fichier en deux pour les logiciels qui le lisent ligne par ligne. Dans Excel, "
          "Rechercher et remplacer (Ctrl+H) : tapez Ctrl+J dans « Rechercher » et une espace dans « Remplacer », ou "
          "lancez « odwb-assist fix ».",
          "Write the title on a single line: the line break stays in the column's title on the portal and cuts the "
          "file's header in two for software that reads it line by line. In Excel, Find and Replace (Ctrl+H): type "
          "Ctrl+J in 'Find what' and a space in 'Replace with', or run 'odwb-assist fix'.")


def one_line(label: str) -> str:
    """``label`` on one line: each line break (and the spaces around it) a single space, the ends trimmed."""
    return BREAK.sub(" ", label).strip()


def shown_on_one_line(text: str) -> str:
    """``text`` as a one-line display shows it (a report's column, the fix's preview): each line break « ↵ », each
    other control character « <U+0081> » (:func:`.invisible_characters.shown`: a terminal would act on it)."""
    from .unreadable import shown

    return shown(EACH_BREAK.sub(" ↵ ", text))


def has_break(label: str) -> bool:
    return BREAK.search(label) is not None


class LabelLineBreakCheck(BaseTableCheck):
    name = "label-line-break"
    types = ("label-line-break",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for number, label in enumerate(context.fields, start=1):
            if not has_break(label.strip()):  # a break at an end only is an extra space (``trim-spaces``)
                continue
            lines = len(BREAK.split(label.strip()))
            shown = shown_on_one_line(label.strip())
            yield Finding("label-line-break", Severity.WARNING,
                          MESSAGE.format(number=number, lines=lines, shown=shown), TIP,
                          row_number=context.header_row, field_name=label, field_number=number, cell=label,
                          extra={"label": one_line(label)})


@hookimpl
def odwb_checks(context: CheckContext) -> list[LabelLineBreakCheck]:
    return [LabelLineBreakCheck()]
