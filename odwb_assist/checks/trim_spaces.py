"""Fix ``trim-spaces``: spaces at the start or end of cells, and in labels, removed (no check of its own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.fixing import Change, FixContext, replace_cells

if TYPE_CHECKING:
    import pandas as pd


class TrimSpaces:
    name = "trim-spaces"
    label = Msg("Espaces en trop supprimés", "Extra spaces trimmed")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column]
            stripped = values.str.strip()
            changes.extend(replace_cells(table, column, stripped[stripped != values], self.name))
        renamed = {column: str(column).strip() for column in table.columns if str(column) != str(column).strip()}
        if renamed:
            table = table.rename(columns=renamed)
            changes.extend(Change(self.name, None, new, old, new) for old, new in renamed.items())
        return table, changes


@hookimpl
def odwb_fixes() -> list[TrimSpaces]:
    return [TrimSpaces()]
