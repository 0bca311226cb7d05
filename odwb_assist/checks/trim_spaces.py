"""Fix ``trim-spaces``: spaces at the start or end of cells and labels removed, and a label's line breaks made
spaces (« Montant↵(EUR) » → « Montant (EUR) », check ``label-line-break``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import Change, FixContext, FixPlan
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import label_renames, rename_columns, replace_cells
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
        table, renamed = rename_columns(table, label_renames([str(c) for c in table.columns], one_line), self.name)
        changes.extend(renamed)
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        labels = fields(context)
        rename = label_renames(labels, one_line)
        return FixPlan(rewrites={label: _strip for label in labels}, rename=rename,
                       changes=[Change(self.name, None, new, old, new) for old, new in rename.items()])


def _strip(values: pd.Series) -> pd.Series:
    """The cells without their spaces at either end; ``values`` itself when no cell can have any (most columns of
    a block: told from the bytes at their ends, without a copy)."""
    from .cells import arrow_text, byte_lengths, plain_ends

    cells = arrow_text(values)
    if cells is not None and not cells.null_count and (plain_ends(cells) | (byte_lengths(cells) == 0)).all():
        return values
    return values.str.strip()


@hookimpl
def odwb_fixes() -> list[TrimSpaces]:
    return [TrimSpaces()]
