"""Check ``total-row``: totals or subtotals rows inside the data; fix: drop them (to the side file).

Only rows that are *certainly* totals (:mod:`.total_scan`) are errors and dropped by the fix; a row
that only may be one is a ``possible-total`` warning and is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .chunk_values import KeepsValues

if TYPE_CHECKING:
    import pandas as pd

    from .total_scan import Verdict

MESSAGE = Msg("Ligne {row} : « {cell} » (colonne « {field} ») est une ligne de total, pas une donnée.",
              "Row {row}: '{cell}' (column '{field}') is a totals row, not a record.")
TIP = Msg("Supprimez les lignes de total et de sous-total : les utilisateurs du portail calculent eux-mêmes les sommes "
          "(et un total compté comme une donnée fausse les calculs). « odwb-assist fix » les retire et les garde "
          "dans un fichier à part.",
          "Delete totals and subtotals rows: portal users compute sums themselves (and a total counted as a "
          "record skews every calculation). 'odwb-assist fix' removes them and keeps them in a side file.")
REASONS = {
    "sum-mismatch": Msg("ses nombres ne sont pas la somme des lignes au-dessus",
                        "its numbers are not the sum of the rows above"),
    "no-rows": Msg("aucune ligne de données ne la précède", "no data row comes before it"),
    "text": Msg("elle contient aussi du texte", "it also holds text"),
    "partial-sum": Msg("ses nombres sont la somme des lignes au-dessus, mais son libellé n'est pas seulement « Total »",
                       "its numbers are the sum of the rows above, but its label is not just 'Total'"),
}
POSSIBLE_MESSAGE = Msg("Ligne {row} : « {cell} » (colonne « {field} ») ressemble à une ligne de total, mais ce n'est "
                       "pas certain ({reason}) : elle est gardée.",
                       "Row {row}: '{cell}' (column '{field}') looks like a totals row, but it is not certain "
                       "({reason}): it is kept.")
POSSIBLE_TIP = Msg("Si c'est un total ou un sous-total, supprimez la ligne ; si c'est une donnée (par ex. le nombre de "
                   "répondants d'une enquête), gardez-la et ignorez cet avertissement.",
                   "If it is a total or a subtotal, delete the row; if it is a record (e.g. the number of "
                   "respondents of a survey), keep it and ignore this warning.")


def finding(verdict: Verdict) -> Finding:
    field_number = verdict.position + 1
    if verdict.certain:
        return Finding("total-row", Severity.ERROR,
                       MESSAGE.format(row=verdict.row, cell=verdict.cell, field=verdict.column), TIP,
                       row_number=verdict.row, field_name=verdict.column, field_number=field_number, cell=verdict.cell)
    reason = REASONS[verdict.reason]
    return Finding("possible-total", Severity.WARNING,
                   Msg(POSSIBLE_MESSAGE.fr.format(row=verdict.row, cell=verdict.cell, field=verdict.column,
                                                  reason=reason.fr),
                       POSSIBLE_MESSAGE.en.format(row=verdict.row, cell=verdict.cell, field=verdict.column,
                                                  reason=reason.en)),
                   POSSIBLE_TIP, row_number=verdict.row, field_name=verdict.column, field_number=field_number,
                   cell=verdict.cell, extra={"reason": verdict.reason})


# The same label with text to its right on this many rows is a value of its column (a brand « Total » in a list of
# filling stations, each row with its address), not totals: none of them is reported.
WORDED_REPEATS = 3


class TotalRowCheck(KeepsValues, BaseTableCheck):
    name = "total-row"
    types = ("total-row", "possible-total")
    blocking = ("total-row",)  # the types it may report as errors (see ``TableCheck.blocking``)
    kept_columns = None  # every column: labels tested once per distinct value, filled cells read from the codes

    def start(self, context: CheckContext) -> None:
        from .total_labels import LABEL_MARKS, MARKER_CELLS  # numpy: imported when a check runs
        from .total_scan import TotalScanner

        self.scanner = TotalScanner(shared=True)
        self.preparations = (LABEL_MARKS, MARKER_CELLS)  # label cells' marker tests, ahead on the reader's thread
        self.worded: dict[tuple[str, str], list[Verdict]] = {}  # possible totals with text to their right, held
        self.worded_rows: Counter[tuple[str, str]] = Counter()  # … and how many rows hold each label so

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        found = []
        for verdict in self.scanner.feed(chunk, self.chunk_values(chunk)):
            if verdict.certain or verdict.reason != "text":
                found.append(finding(verdict))
                continue
            key = (verdict.column, verdict.cell)  # said at the end, once it is known how often the label comes
            self.worded_rows[key] += 1
            if self.worded_rows[key] < WORDED_REPEATS:
                self.worded.setdefault(key, []).append(verdict)
        return found

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return [finding(verdict) for key, verdicts in self.worded.items() if self.worded_rows[key] < WORDED_REPEATS
                for verdict in verdicts]


def total_verdicts(table: pd.DataFrame) -> list[Verdict]:
    """The verdicts on a whole table (the fix reads it in one piece)."""
    from .total_scan import TotalScanner

    return TotalScanner().feed(table)


class DropTotalRows:
    name = "drop-total-rows"
    reads = ("total-row",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Supprimer les lignes de total", "Drop totals rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        certain = [verdict for verdict in total_verdicts(table) if verdict.certain]
        changes = [Change(self.name, verdict.row, None, verdict.cell, None) for verdict in certain]
        return table.drop(index=[verdict.row for verdict in certain]), changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import findings

        certain = findings(context, ["total-row"], Severity.ERROR)
        rows: dict[int, str | None] = {row: finding.cell or "" for finding in certain for row in finding.all_rows}
        return FixPlan(rows=rows) if rows else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[TotalRowCheck]:
    return [TotalRowCheck()]


@hookimpl
def odwb_fixes() -> list[DropTotalRows]:
    return [DropTotalRows()]
