"""Check ``other-sheets`` (info): the workbook has other sheets than the one read; say which and how to check them.

Said only when no sheet was named (``--sheet``): a named sheet is a choice, not an oversight. A sheet hidden in
the workbook is named « (masquée) »: it is read only when no visible sheet holds a value (:func:`..quality.workbook._choose`);
a sheet of text passed over for the table that follows it (a « Notice ») « (du texte, pas un tableau) ».
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

MESSAGE = Msg("Le classeur a {count} feuilles ; seule la feuille « {sheet} » (n° {index}) a été lue. Autres feuilles : "
              "{others}.",
              "The workbook has {count} sheets; only sheet '{sheet}' (no. {index}) was read. Other sheets: {others}.")
TIP = Msg("Pour vérifier une autre feuille : --sheet « nom » ; pour les vérifier toutes : --sheet all. Si les feuilles "
          "sont un même tableau réparti (une feuille par année, par mois…), publiez-les en un seul jeu de données : "
          "« odwb-assist fix --sheet all » les met l'une sous l'autre, avec une colonne pour le nom de la feuille. "
          "Sinon, publiez chaque tableau comme un jeu de données distinct.",
          "To check another sheet: --sheet 'name'; to check them all: --sheet all. If the sheets are one table split "
          "up (a sheet per year, per month…), publish them as one dataset: 'odwb-assist fix --sheet all' stacks them, "
          "with a column for the sheet's name. Otherwise, publish each table as a separate dataset.")


class OtherSheetsCheck(BaseTableCheck):
    name = "other-sheets"
    types = ("other-sheets",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected: Any = context.options.get("detected")
        names = list(getattr(detected, "sheets", None) or [])
        sheet = getattr(detected, "sheet", None)
        if len(names) < 2 or sheet not in names or getattr(detected, "sheet_given", False):
            return
        others = [name for name in names if name != sheet]
        hidden = set(getattr(detected, "hidden_sheets", None) or [])
        notices = set(getattr(detected, "notice_sheets", None) or [])

        def said(name: str, fr: bool) -> str:
            shown = f"« {name} »" if fr else f"'{name}'"
            if name in notices:
                return shown + (" (du texte, pas un tableau)" if fr else " (text, not a table)")
            return shown + ((" (masquée)" if fr else " (hidden)") if name in hidden else "")

        shown_fr = ", ".join(said(name, True) for name in others[:10]) + ("…" if len(others) > 10 else "")
        shown_en = ", ".join(said(name, False) for name in others[:10]) + ("…" if len(others) > 10 else "")
        values = {"count": len(names), "sheet": sheet, "index": names.index(sheet) + 1}
        yield Finding("other-sheets", Severity.INFO,
                      Msg(MESSAGE.fr.format(others=shown_fr, **values), MESSAGE.en.format(others=shown_en, **values)),
                      TIP, extra={"sheets": names, "sheet": sheet, "hidden": [n for n in names if n in hidden]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[OtherSheetsCheck]:
    return [OtherSheetsCheck()]
