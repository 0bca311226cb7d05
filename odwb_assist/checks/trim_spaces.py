"""Fix ``trim-spaces``: spaces at the start or end of cells, and in labels, removed (no check of its own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.fixing import Change, FixContext

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
            changed = stripped != values
            if changed.any():
                table[column] = stripped
                changes.extend(Change(self.name, int(row), str(column), str(values[row]), str(stripped[row]))
                               for row in values.index[changed])
        renamed = {column: str(column).strip() for column in table.columns if str(column) != str(column).strip()}
        if renamed:
            table = table.rename(columns=renamed)
            changes.extend(Change(self.name, None, new, old, new) for old, new in renamed.items())
        return table, changes


@hookimpl
def odwb_fixes() -> list[TrimSpaces]:
    return [TrimSpaces()]
