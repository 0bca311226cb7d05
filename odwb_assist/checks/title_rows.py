"""Check ``title-rows``: text rows above the real header (a title, a source, a date); fix: drop them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Ligne {row} : « {cell} » est une ligne de titre au-dessus de l'en-tête (ligne {header}).",
              "Row {row}: '{cell}' is a title row above the header (row {header}).")
TIP = Msg("Supprimez les lignes au-dessus des titres de colonnes, ou lancez « odwb-assist fix », qui les garde à côté : "
          "la première ligne du fichier doit être l'en-tête. Le titre et la source vont dans les métadonnées : "
          "« odwb-assist document » les y propose.",
          "Delete the rows above the column labels, or run 'odwb-assist fix', which keeps them aside: the first row "
          "of the file must be the header. The title and the source belong in the dataset's metadata: 'odwb-assist "
          "document' proposes them there.")

# Excel's « sep=; » first line (written by exports meant for Excel, read by Excel only): the delimiter is cut off
# the text of the row, as any cell boundary
EXCEL_SEP = re.compile(r"(?i)sep=\S?")
SEP_MESSAGE = Msg("Ligne {row} : « sep={delimiter} » est une consigne de séparateur pour Excel, pas un titre ni une "
                  "donnée : le portail et les autres logiciels la liraient comme l'en-tête du tableau.",
                  "Row {row}: 'sep={delimiter}' is a delimiter hint for Excel, neither a title nor data: the portal "
                  "and other software would read it as the table's header.")
SEP_TIP = Msg("Supprimez cette ligne, ou lancez « odwb-assist fix » : la première ligne du fichier doit être l'en-tête.",
              "Delete this row, or run 'odwb-assist fix': the first row of the file must be the header.")


def _first_header_row(context: CheckContext) -> int:
    rows = getattr(context.options.get("detected"), "header_rows", None) or [context.header_row]
    return int(rows[0])


class TitleRowsCheck(BaseTableCheck):
    name = "title-rows"
    types = ("title-rows",)
    blocking = ("title-rows",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected = context.options.get("detected")
        for row, text in getattr(detected, "title_rows", []):
            if row == 1 and EXCEL_SEP.fullmatch(text.strip()):
                delimiter = "\\t" if context.delimiter == "\t" else context.delimiter or ","
                yield Finding("title-rows", Severity.ERROR, SEP_MESSAGE.format(row=row, delimiter=delimiter), SEP_TIP,
                              row_number=row, cell=text)
                continue
            yield Finding("title-rows", Severity.ERROR, MESSAGE.format(row=row, cell=text, header=_first_header_row(context)),
                          TIP, row_number=row, cell=text)


class DropTitleRows:
    """The table is read below the detected header: this fix records the title rows left out."""

    name = "drop-title-rows"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    resolves = ("title-rows",)  # the error types it takes out of the clean file (see ``Fix.resolves``)
    label = Msg("Supprimer les lignes de titre", "Drop title rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        detected = context.options.get("detected")
        changes = [Change(self.name, row, None, text, None) for row, text in getattr(detected, "title_rows", [])]
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        changes = self.apply(None, context)[1]  # the table is not read
        return FixPlan(changes=changes) if changes else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[TitleRowsCheck]:
    return [TitleRowsCheck()]


@hookimpl
def odwb_fixes() -> list[DropTitleRows]:
    return [DropTitleRows()]
