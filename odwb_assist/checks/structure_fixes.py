"""Fixes for the structure errors that Frictionless reports: blank rows, empty columns without a header.

Both only remove what holds no value at all (the side file of ``fix`` still records them, with their
original row or column numbers). A column with a header, even empty, is kept: its label may be
meant for values still to come.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import Change, FixContext, FixPlan
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .side_by_side_tables import kept_separators

if TYPE_CHECKING:
    import pandas as pd

GENERATED = re.compile(r"field[0-9]+")  # the name Frictionless gives a column without a header


class DropBlankRows:
    name = "drop-blank-rows"
    reads = ("blank-row",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Supprimer les lignes vides", "Drop blank rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        if table.empty or not len(table.columns):
            return table, []
        blank = (table == "").all(axis=1)  # as Frictionless's blank-row: every cell empty
        rows = [int(row) for row in table.index[blank.to_numpy()]]
        return table.drop(index=rows), [Change(self.name, row, None, "", None) for row in rows]

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import rows_of

        rows = rows_of(context, ["blank-row"])
        return FixPlan(rows={row: "" for row in rows}) if rows else None


def unnamed(table: pd.DataFrame, context: FixContext) -> list[bool]:
    """Per column: whether its header cells are all blank."""
    header_cells = getattr(context.options.get("detected"), "header_cells", None) or []
    flags = []
    for position, label in enumerate(table.columns):
        if header_cells:
            cells = [row[position] if position < len(row) else "" for row in header_cells]
            flags.append(all(not str(cell).strip() for cell in cells))
        else:
            flags.append(bool(GENERATED.fullmatch(str(label))))
    return flags


class DropEmptyUnnamedColumns:
    name = "drop-empty-columns"
    # the finding types its plan reads (see ``Fix.reads``); a column with neither title nor value is said by its
    # ``blank-label`` marked ``empty`` (see ``Report._fold_untitled_empty_columns``)
    reads = ("empty-column", "blank-label", "side-by-side-tables")
    resolves = ("empty-column",)  # a column without a title that holds values keeps its blank-label error
    label = Msg("Supprimer les colonnes vides sans titre", "Drop empty columns without a header")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        if not len(table.columns):
            return table, []
        empty = (table == "").all(axis=0).to_numpy() if len(table) else [True] * len(table.columns)
        kept = kept_separators(context)
        drop = [column for column, is_empty, no_label in zip(table.columns, empty, unnamed(table, context), strict=True)
                if is_empty and no_label and str(column) not in kept]
        if len(drop) == len(table.columns):
            return table, []
        return table.drop(columns=drop), [Change(self.name, None, str(column), "", None) for column in drop]

    def plan(self, context: FixContext) -> FixPlan | None:
        import pandas as pd

        from ..quality.fix_plans import columns_of, fields, findings

        labels = fields(context)
        empty = set(columns_of(context, ["empty-column"]))
        empty |= {f.field_name for f in findings(context, ["blank-label"]) if f.extra.get("empty") and f.field_name}
        frame = pd.DataFrame(columns=labels)
        kept = kept_separators(context)
        drop = [label for label, no_label in zip(labels, unnamed(frame, context), strict=True)
                if label in empty and no_label and label not in kept]
        if not drop or len(drop) == len(labels):
            return None
        return FixPlan(columns=drop, changes=[Change(self.name, None, label, "", None) for label in drop])


@hookimpl
def odwb_fixes() -> list[object]:
    return [DropBlankRows(), DropEmptyUnnamedColumns()]
