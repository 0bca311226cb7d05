"""Check ``end-mark``: the file ends with Ctrl-Z (0x1A), the end-of-file mark of old DOS programs (not read as data:
see :mod:`odwb_assist.quality.end_mark`); the fixed copy is written without it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

MESSAGE = Msg("Le fichier se termine par le caractère Ctrl-Z (0x1A), la marque de fin de fichier des anciens logiciels "
              "DOS : ce n'est pas une donnée, la vérification s'arrête avant.",
              "The file ends with the Ctrl-Z character (0x1A), the end-of-file mark of old DOS programs: it is no "
              "data, the check stops before it.")
TIP = Msg("Le portail en ferait une ligne de plus, vide ou fausse. Lancez « odwb-assist fix » : la copie propre n'a "
          "plus ce caractère.",
          "The portal would make one more row of it, empty or wrong. Run 'odwb-assist fix': the clean copy no longer "
          "has this character.")


class EndMarkCheck(BaseTableCheck):
    name = "end-mark"
    types = ("end-mark",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected = context.options.get("detected")
        offset = getattr(detected, "end_mark", None)
        if offset is not None:
            yield Finding("end-mark", Severity.WARNING, MESSAGE, TIP, extra={"offset": offset})


@hookimpl
def odwb_checks(context: CheckContext) -> list[EndMarkCheck]:
    return [EndMarkCheck()]
