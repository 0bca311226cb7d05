"""Check ``mac-line-ends``: the lines of the CSV end with a carriage return alone, as Excel for Mac's « CSV
(Macintosh) » writes them (read through a copy: see :mod:`odwb_assist.quality.line_ends`); the fixed copy, and the
file ``publish`` uploads, end their lines with a line feed."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

MESSAGE = Msg("Les lignes du fichier se terminent par un retour chariot seul, à l'ancienne manière des Mac (le « CSV "
              "(Macintosh) » d'Excel pour Mac) : bien des programmes lisent alors tout le fichier comme une seule "
              "ligne.",
              "The lines of the file end with a carriage return alone, the old Mac way (Excel for Mac's 'CSV "
              "(Macintosh)'): many programs then read the whole file as a single line.")
TIP = Msg("Dans Excel pour Mac, enregistrez en « CSV UTF-8 (délimité par des virgules) », ou lancez « odwb-assist "
          "fix » : la copie propre termine ses lignes comme les autres fichiers.",
          "In Excel for Mac, save as 'CSV UTF-8 (Comma delimited)', or run 'odwb-assist fix': the clean copy ends its "
          "lines as other files do.")


class MacLineEndsCheck(BaseTableCheck):
    name = "mac-line-ends"
    types = ("mac-line-ends",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if getattr(context.options.get("detected"), "copy_of", None):
            yield Finding("mac-line-ends", Severity.WARNING, MESSAGE, TIP)


@hookimpl
def odwb_checks(context: CheckContext) -> list[MacLineEndsCheck]:
    return [MacLineEndsCheck()]
