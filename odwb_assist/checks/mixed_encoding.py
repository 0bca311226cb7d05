"""Check ``mixed-encoding``: cells whose bytes are not UTF-8 in a file otherwise read as UTF-8 (see
:mod:`odwb_assist.quality.stray_bytes`: the file is read whole, those bytes as Windows-1252), and the fix that
writes them in UTF-8 listing every cell it changes.

One finding per column, with every row concerned. An error when the rest of the file has UTF-8 accents (no
single encoding reads the file: a row was added or pasted from another program); a warning when the rest is
plain ASCII (the file is simply Windows-1252, its first accent far down).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, RowNumbers, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .unreadable import shown

if TYPE_CHECKING:
    import pandas as pd

    from ..quality.stray_bytes import Stray

TYPE = "mixed-encoding"
EXAMPLES = 20
WHY = {True: Msg("alors que le reste du fichier est en UTF-8 : une ligne a sans doute été ajoutée ou collée depuis "
                 "un autre logiciel, en Windows-1252",
                 "while the rest of the file is UTF-8: a row was probably added or pasted from another program, "
                 "in Windows-1252"),
       False: Msg("et les lignes au-dessus n'ont aucun caractère accentué : le fichier est sans doute tout entier en "
                  "Windows-1252", "and the rows above hold no accented character: the whole file is probably in "
                  "Windows-1252")}
ONE = Msg("Ligne {row}, colonne « {field} » : {bytes} n'est pas un caractère UTF-8, {why}. Lue en Windows-1252, la "
          "cellule se lit « {cell} ».",
          "Row {row}, column '{field}': {bytes} is not a UTF-8 character, {why}. Read as Windows-1252, the cell "
          "reads '{cell}'.")
MANY = Msg("Colonne « {field} » : {count} cellules ont des octets qui ne sont pas des caractères UTF-8 (lignes {rows}), "
           "{why}. Lues en Windows-1252, elles se lisent par ex. ligne {row} : « {cell} ».",
           "Column '{field}': {count} cells hold bytes that are not UTF-8 characters (rows {rows}), {why}. Read as "
           "Windows-1252, they read e.g. row {row}: '{cell}'.")
TIP = Msg("Vérifiez ces cellules : « odwb-assist fix » les écrit en UTF-8 telles qu'elles se lisent ici et liste "
          "chaque cellule changée. Ou corrigez-les dans votre tableur, puis enregistrez le fichier en « CSV UTF-8 ».",
          "Check these cells: 'odwb-assist fix' writes them in UTF-8 as they read here and lists every cell it "
          "changes. Or correct them in your spreadsheet, then save the file as 'CSV UTF-8'.")


def _bytes_words(raw: bytes) -> Msg:
    codes = ", ".join(f"0x{byte:02X}" for byte in raw[:5]) + (", …" if len(raw) > 5 else "")
    return (Msg(f"l'octet {codes}", f"byte {codes}") if len(raw) == 1
            else Msg(f"les octets {codes}", f"bytes {codes}"))


@dataclass
class _Column:
    rows: list[int] = field(default_factory=list)
    examples: list[Stray] = field(default_factory=list)


def _label(fields: list[str], number: int) -> str:
    return fields[number - 1] if 0 < number <= len(fields) else f"colonne n° {number}"


class MixedEncodingCheck(BaseTableCheck):
    name = TYPE
    types = (TYPE,)
    blocking = (TYPE,)  # the types it may report as errors (see ``TableCheck.blocking``)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        from ..quality.aggregate import number_text, rows_text
        from ..quality.stray_bytes import MIXED, locate, stray_lines

        if (context.encoding or "").lower() != MIXED or not context.source:
            return
        path = Path(context.source)
        _, utf8 = stray_lines(path)
        columns: dict[int, _Column] = {}
        for stray in locate(path, context.delimiter or ","):
            column = columns.setdefault(stray.column, _Column())
            column.rows.append(stray.row)
            if len(column.examples) < EXAMPLES:
                column.examples.append(stray)
        severity = Severity.ERROR if utf8 else Severity.WARNING
        for number, column in sorted(columns.items()):
            first = column.examples[0]
            label = _label(context.fields, number)
            why, raw = WHY[utf8], _bytes_words(first.raw)
            cell = shown(first.cell)  # a byte Windows-1252 does not define reads as a control character: « <U+0081> »
            if len(column.rows) == 1:
                message = Msg(ONE.fr.format(row=first.row, field=label, bytes=raw.fr, why=why.fr, cell=cell),
                              ONE.en.format(row=first.row, field=label, bytes=raw.en, why=why.en, cell=cell))
            else:
                where, count = rows_text(column.rows), number_text(len(column.rows))
                message = Msg(MANY.fr.format(field=label, count=count, rows=where.fr, why=why.fr, row=first.row,
                                             cell=cell),
                              MANY.en.format(field=label, count=count, rows=where.en, why=why.en, row=first.row,
                                             cell=cell))
            yield Finding(TYPE, severity, message, TIP, row_number=first.row,
                          field_name=label if number <= len(context.fields) else None, field_number=number,
                          cell=first.cell, count=len(column.rows), rows=RowNumbers(column.rows),
                          extra={"count": len(column.rows), "bytes": [f"0x{b:02X}" for b in first.raw],
                                 "examples": [{"rowNumber": s.row, "cell": s.cell, "raw": s.shown}
                                              for s in column.examples]})


class MixedEncodingFix:
    """Not a change of the cells as read (the reading already decodes the stray bytes as Windows-1252): the list of
    the cells whose bytes the clean UTF-8 file writes differently, so that none changes silently."""

    name = "mixed-encoding"
    reads = (TYPE,)  # the finding types its plan reads (see ``Fix.reads``)
    always = True  # the clean file is UTF-8: these cells are written so whichever fixes are chosen (never silently)
    label = Msg("Octets Windows-1252 d'un fichier UTF-8 écrits en UTF-8", "Windows-1252 bytes of a UTF-8 file written "
                                                                            "as UTF-8")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        return table, self._changes(context)

    def plan(self, context: FixContext) -> FixPlan | None:
        changes = self._changes(context)
        return FixPlan(changes=changes) if changes else None

    def _changes(self, context: FixContext) -> list[Change]:
        from ..quality.line_ends import read_path
        from ..quality.stray_bytes import MIXED, locate

        report = context.report
        detected = context.options.get("detected") or getattr(report, "detected", None)
        if report is None or not report.stats.get(TYPE) or detected is None or detected.encoding != MIXED:
            return []
        fields = list(context.options.get("fields") or report.fields)
        header = max(getattr(detected, "header_rows", None) or [1])
        return [Change(self.name, stray.row, _label(fields, stray.column) if stray.row > header else None,
                       stray.shown, stray.cell)
                for stray in locate(read_path(report.source, detected), detected.delimiter or ",")]


@hookimpl
def odwb_checks(context: CheckContext) -> list[MixedEncodingCheck]:
    return [MixedEncodingCheck()]


@hookimpl
def odwb_fixes() -> list[MixedEncodingFix]:
    return [MixedEncodingFix()]
