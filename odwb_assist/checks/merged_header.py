"""Check ``merged-header``: a header spread over two rows (merged cells above sub-labels, or a row of units under the
titles: :mod:`..quality.units_row`); fix: one label per column (« Population 2023 », « Population (hab.) »)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.units_row import is_unit, unit_title

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Lignes {rows} : l'en-tête est réparti sur deux lignes (cellules fusionnées) ; colonnes lues : {labels}.",
              "Rows {rows}: the header spreads over two rows (merged cells); columns read as: {labels}.")
UNITS_MESSAGE = Msg("Ligne {row} : les unités des colonnes ({units}) sont sur une ligne à part sous les titres, qui "
                    "serait lue comme une donnée ; colonnes lues : {labels}.",
                    "Row {row}: the columns' units ({units}) are on a row of their own under the titles, which would "
                    "be read as a record; columns read as: {labels}.")
UNITS_TIP = Msg("Écrivez l'unité dans le titre de la colonne (« Population (hab.) ») et supprimez la ligne des unités. "
                "« odwb-assist fix » le fait.",
                "Write the unit in the column's title ('Population (hab.)') and delete the row of units. "
                "'odwb-assist fix' does it.")
TIP = Msg("Défusionnez les cellules d'en-tête et écrivez un titre complet par colonne sur une seule ligne "
          "(par ex. « population_2023 », « population_2024 »), puis supprimez la seconde ligne d'en-tête.",
          "Unmerge the header cells and write one complete label per column on a single row (e.g. "
          "'population_2023', 'population_2024'), then delete the second header row.")


class MergedHeaderCheck(BaseTableCheck):
    name = "merged-header"
    types = ("merged-header",)
    blocking = ("merged-header",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        detected = context.options.get("detected")
        rows = list(getattr(detected, "header_rows", []))
        if len(rows) < 2:
            return
        cells = getattr(detected, "header_cells", [])
        units = _units(cells)
        if units:
            shown = units_labels(cells[0], cells[1])
            labels = ", ".join(shown[:8]) + ("…" if len(shown) > 8 else "")
            examples = ", ".join(f"« {unit} »" for unit in units[:3])
            yield Finding("merged-header", Severity.ERROR,
                          UNITS_MESSAGE.format(row=rows[1], units=examples, labels=labels), UNITS_TIP,
                          row_number=rows[1], extra={"headerRows": rows, "units": units})
            return
        merged = merged_labels(cells[0], cells[1]) if len(cells) == 2 else []
        written = len(merged) == len(context.fields) and len(set(merged)) == len(merged) and all(merged)
        shown = merged if written else [name.strip() for name in context.fields]  # as read (the fix leaves them)
        labels = ", ".join(shown[:8]) + ("…" if len(shown) > 8 else "")
        extra: dict[str, object] = {"headerRows": rows}
        if written:
            extra["labels"] = merged  # one per column, each unique: what the fix writes
        yield Finding("merged-header", Severity.ERROR,
                      MESSAGE.format(rows="-".join(map(str, rows)), labels=labels),
                      TIP, row_number=rows[0], extra=extra)


def _units(cells: list[list[str]]) -> list[str]:
    """The units of a header's second row when it is a row of units (:mod:`..quality.units_row`), else []."""
    if len(cells) != 2:
        return []
    titles, second = cells
    filled = [i for i, cell in enumerate(second) if cell.strip()]
    if not filled or not all(is_unit(second[i]) and i < len(titles) and titles[i].strip() for i in filled):
        return []  # each unit under a title (as .units_row reads it)
    return [second[i].strip() for i in filled]


def units_labels(top: list[str], bottom: list[str]) -> list[str]:
    """One label per column: the title with its unit (« Population (hab.) »)."""
    width = max(len(top), len(bottom))
    top = list(top) + [""] * (width - len(top))
    bottom = list(bottom) + [""] * (width - len(bottom))
    return [unit_title(title, unit) for title, unit in zip(top, bottom, strict=True)]


def merged_labels(top: list[str], bottom: list[str]) -> list[str]:
    """One label per column: the top label (carried right over a horizontal merge) then the sub-label; a label
    repeated under itself (a vertical merge exported in both cells) once."""
    width = max(len(top), len(bottom))
    top = [c.strip() for c in top] + [""] * (width - len(top))
    bottom = [c.strip() for c in bottom] + [""] * (width - len(bottom))
    labels, carried = [], ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            carried = upper if lower else ""
        elif lower and carried:
            upper = carried
        labels.append(upper if upper == lower else " ".join(part for part in (upper, lower) if part))
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
        labels = units_labels(cells[0], cells[1]) if _units(cells) else merged_labels(cells[0], cells[1])
        if len(labels) != len(table.columns) or len(set(labels)) != len(labels) or not all(labels):
            return table, []
        renamed = {old: new for old, new in zip(table.columns, labels, strict=True) if str(old) != new}
        rows = list(getattr(detected, "header_rows", [None]))
        first = rows[0]
        lower_row = rows[1] if len(rows) > 1 else first  # « Compte » under a merged « 2022 » is a cell of that row
        uppers = {old: str(upper or "").strip() for old, upper in zip(table.columns, cells[0], strict=False)}
        # shown before: the header's own cells (« Dépenses » under a merged « Exercice propre »), not the name the two
        # rows' joining made (« ␣Dépenses2 »); a label that only loses that joining's space is no change to show
        written = {old: " ".join(text for text in (str(upper or "").strip(), str(lower or "").strip()) if text)
                   for old, upper, lower in zip(table.columns, cells[0], cells[1], strict=False)}
        changes = [Change(self.name, first if uppers.get(old) else lower_row, new, written.get(old) or str(old).strip(),
                          new)
                   for old, new in renamed.items() if str(old).strip() != new]
        return table.rename(columns=renamed), changes


@hookimpl
def odwb_fixes() -> list[MergedHeaderFix]:
    return [MergedHeaderFix()]


@hookimpl
def odwb_checks(context: CheckContext) -> list[MergedHeaderCheck]:
    return [MergedHeaderCheck()]
