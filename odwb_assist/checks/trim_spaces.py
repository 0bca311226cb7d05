"""Fix ``trim-spaces``: spaces at the start or end of cells and labels removed, and a label's line breaks made
spaces (« Montant↵(EUR) » → « Montant (EUR) », check ``label-line-break``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import Change, FixContext, FixPlan
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .label_line_breaks import one_line

if TYPE_CHECKING:
    import pandas as pd


class TrimSpaces:
    name = "trim-spaces"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Espaces en trop supprimés", "Extra spaces trimmed")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column]
            stripped = values.str.strip()
            changes.extend(replace_cells(table, column, stripped[stripped != values], self.name))
        # A label is trimmed only when the trimmed label is not another column's: « 2021 : » and « 2021 » stay
        # two columns (a duplicate label would merge them for every later step).
        taken = {str(column) for column in table.columns}
        renamed = {}
        for column in table.columns:
            label = one_line(str(column))
            if label != str(column) and label not in taken:
                renamed[column] = label
                taken.add(label)
        if renamed:
            table = table.rename(columns=renamed)
            changes.extend(Change(self.name, None, new, old, new) for old, new in renamed.items())
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        labels = fields(context)
        taken = set(labels)
        rename = {}
        for column in labels:
            label = one_line(column)
            if label != column and label not in taken:
                rename[column] = label
                taken.add(label)
        return FixPlan(rewrites={label: _strip for label in labels}, rename=rename,
                       changes=[Change(self.name, None, new, old, new) for old, new in rename.items()])


def _strip(values: pd.Series) -> pd.Series:
    return values.str.strip()


@hookimpl
def odwb_fixes() -> list[TrimSpaces]:
    return [TrimSpaces()]
