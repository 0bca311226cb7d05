"""Check ``non-utf-encoding``: the file is not UTF-8 (cp1252, cp1252 with bytes it does not define, Mac OS Roman, DOS
850, UTF-16); the fixed copy is UTF-8."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

MESSAGE = Msg("Le fichier est encodé en {encoding}, pas en UTF-8 : les accents risquent d'être mal affichés sur le portail.",
              "The file is encoded in {encoding}, not UTF-8: accented letters may show garbled on the portal.")
TIP = Msg("Dans Excel : Fichier > Enregistrer sous > « CSV UTF-8 (délimité par des virgules) » ; dans LibreOffice : "
          "cochez « Éditer les paramètres du filtre » et choisissez Unicode (UTF-8). Ou lancez « odwb-assist fix ».",
          "In Excel: File > Save as > 'CSV UTF-8 (Comma delimited)'; in LibreOffice: tick 'Edit filter settings' and "
          "choose Unicode (UTF-8). Or run 'odwb-assist fix'.")
UNDEFINED_MESSAGE = Msg("Le fichier est encodé en cp1252 (Windows-1252), pas en UTF-8, et contient des octets que ce "
                        "codage ne définit pas, gardés comme caractères de contrôle (voir « Caractères illisibles ») : "
                        "les accents risquent d'être mal affichés sur le portail.",
                        "The file is encoded in cp1252 (Windows-1252), not UTF-8, and holds bytes that encoding does not "
                        "define, kept as control characters (see 'Unreadable characters'): accented letters may show "
                        "garbled on the portal.")
UTF8 = ("utf-8", "utf-8-sig", "utf8", "ascii", None, "utf-8+cp1252")  # the last one: mixed-encoding tells, by cell


class NonUtfEncodingCheck(BaseTableCheck):
    name = "non-utf-encoding"
    types = ("non-utf-encoding",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        from ..quality.undefined_bytes import KEPT

        if context.encoding and context.encoding.lower() not in UTF8:
            message = UNDEFINED_MESSAGE if context.encoding.lower() == KEPT else MESSAGE.format(encoding=context.encoding)
            yield Finding("non-utf-encoding", Severity.WARNING, message, TIP, extra={"encoding": context.encoding})


@hookimpl
def odwb_checks(context: CheckContext) -> list[NonUtfEncodingCheck]:
    return [NonUtfEncodingCheck()]
