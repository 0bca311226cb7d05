"""Check ``merged-header``: a header spread over two rows (merged cells above sub-labels)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Lignes {rows} : l'en-tête est réparti sur deux lignes (cellules fusionnées) ; colonnes lues : {labels}.",
              "Rows {rows}: the header spreads over two rows (merged cells); columns read as: {labels}.")
TIP = Msg("Défusionnez les cellules d'en-tête et écrivez un titre complet par colonne sur une seule ligne "
          "(par ex. « population_2023 », « population_2024 »), puis supprimez la seconde ligne d'en-tête.",
          "Unmerge the header cells and write one complete label per column on a single row (e.g. "
          "'population_2023', 'population_2024'), then delete the second header row.")


class MergedHeaderCheck(BaseTableCheck):
    name = "merged-header"
    types = ("merged-header",)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected = context.options.get("detected")
        rows = list(getattr(detected, "header_rows", []))
        if len(rows) < 2:
            return
        labels = ", ".join(context.fields[:8]) + ("…" if len(context.fields) > 8 else "")
        yield Finding("merged-header", Severity.ERROR,
                      MESSAGE.format(rows="-".join(map(str, rows)), labels=labels),
                      TIP, row_number=rows[0], extra={"headerRows": rows})


def merged_labels(top: list[str], bottom: list[str]) -> list[str]:
    """One label per column: the top label (carried right over a horizontal merge) then the sub-label."""
    width = max(len(top), len(bottom))
    top = [c.strip() for c in top] + [""] * (width - len(top))
    bottom = [c.strip() for c in bottom] + [""] * (width - len(bottom))
    labels, carried = [], ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            carried = upper if lower else ""
        elif lower and carried:
            upper = carried
        labels.append(" ".join(part for part in (upper, lower) if part))
    return labels


class MergedHeaderFix:
    """Rename the columns read from a two-row header to complete single-row labels."""

    name = "merged-header"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("merged-header",)  # needs the whole table, only when the check reports this
    label = Msg("En-tête sur une seule ligne", "Header on a single row")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        detected = context.options.get("detected")
        cells = getattr(detected, "header_cells", [])
        if len(cells) != 2:
            return table, []
        labels = merged_labels(cells[0], cells[1])
        if len(labels) != len(table.columns) or len(set(labels)) != len(labels) or not all(labels):
            return table, []
        renamed = {old: new for old, new in zip(table.columns, labels, strict=True) if str(old) != new}
        first = getattr(detected, "header_rows", [None])[0]
        changes = [Change(self.name, first, new, str(old), new) for old, new in renamed.items()]
        return table.rename(columns=renamed), changes


@hookimpl
def odwb_fixes() -> list[MergedHeaderFix]:
    return [MergedHeaderFix()]


@hookimpl
def odwb_checks(context: CheckContext) -> list[MergedHeaderCheck]:
    return [MergedHeaderCheck()]
