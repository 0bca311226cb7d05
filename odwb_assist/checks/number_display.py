"""Fix ``number-display``: the numbers of a column written for display (:mod:`.display_numbers`) read as numbers,
the column's unit moved into its title. The check that points to it is ``unit-in-cell`` (:mod:`.unit_in_cell`); the
shared number parse reads the same forms (:func:`.number_arrow.display_numbers`), so that a column of them holds
numbers for the other checks (placeholders, totals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import Change, FixContext, FixPlan
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .cells import fullmatch_mask

if TYPE_CHECKING:
    import pandas as pd


class NumberDisplay:
    """Fix ``number-display``: numbers written for display (:mod:`.display_numbers`) read as numbers, in a column
    nearly all numbers (:data:`.decimal_comma.NUMBER_SHARE`) with one unit at most: « 1 234,56 € » → 1 234,56 and
    the title « Budget (€) », « (250,00) », « 250,00- » and « −250,00 » → -250,00, the accounting zero « - € » → 0. The thousands
    and decimal fixes, which come next, then write them as plain numbers. Nothing is lost: the unit is in the
    title. A column of several units (« 12 m », « 3 km ») is left as it is."""

    name = "number-display"
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Nombres écrits pour l'affichage lus (unité dans le titre ; négatifs « (12,50) », « 12,50- », "
                "« −12,50 »)",
                "Numbers written for display read (unit into the title; negatives '(12.50)', '12.50-', '−12.50')")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import numpy as np
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        from .display_numbers import read_displays
        from .fix_stats import LOOSE, display_read

        changes: list[Change] = []
        table = table.copy()
        renamed: dict[object, str] = {}
        for column in table.columns:
            values = table[column].astype(str)
            cells = pa.array(values.tolist(), type=pa.string())
            filled = np.asarray(pc.not_equal(pc.utf8_trim_whitespace(cells), "").to_numpy(zero_copy_only=False), bool)
            numbers, units = read_displays(cells)
            read = np.asarray(numbers.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
            if not read.any() or not filled.any():
                continue
            found = units.filter(pa.array(read))
            shown = {unit for unit in pc.unique(found).to_pylist() if unit}
            loose = fullmatch_mask(values, LOOSE) & ~read
            if not display_read(int(read.sum()), len(found) - found.null_count, len(shown), int(loose.sum()),
                                int(filled.sum())):
                continue
            new = pd.Series(numbers.filter(pa.array(read)).to_pylist(), index=table.index[read], dtype=object)
            changes.extend(replace_cells(table, column, new, self.name))
            if shown:
                renamed.update(_titles([str(c) for c in table.columns], {str(column): shown.pop()}, renamed))
        if renamed:
            table = table.rename(columns=renamed)
            changes.extend(Change(self.name, None, new, str(old), new) for old, new in renamed.items())
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        """The columns :meth:`apply` reads, from the counts of the check (:class:`.fix_stats.ColumnStats`)."""
        from ..quality.fix_plans import display_columns
        from ..quality.fixing import current_titles

        columns = display_columns(context)
        if not columns:
            return None
        now = current_titles(context)  # the titles the fixes before leave (« Montant  » trimmed…)
        rename = _titles(list(now.values()), {now.get(label, label): unit for label, unit in columns.items() if unit},
                         {})
        return FixPlan(rewrites=dict.fromkeys(columns, _read_displays), rename=rename,
                       changes=[Change(self.name, None, new, old, new) for old, new in rename.items()])


def _titles(labels: list[str], units: dict[str, str], taken: dict[object, str]) -> dict[str, str]:
    """Each column of ``units`` with its title naming the unit (:func:`.display_numbers.titled`), unless the title
    already names it or is another column's."""
    from .display_numbers import titled

    used = set(labels) | set(taken.values())
    titles = {}
    for label, unit in units.items():
        title = titled(label.strip(), unit)
        if title != label.strip() and title not in used:
            titles[label] = title
            used.add(title)
    return titles


def _read_displays(values: pd.Series) -> pd.Series:
    """The cells written for display as their numbers (the others as they are)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import arrow_text
    from .display_numbers import read_displays

    cells = arrow_text(values)
    if cells is None or cells.null_count:
        cells = pa.array(values.astype(str).tolist(), type=pa.string())
    numbers, _ = read_displays(cells)
    if not numbers.null_count < len(numbers):
        return values
    result = pc.if_else(numbers.is_valid(), numbers.cast(cells.type), cells)
    if arrow_text(values) is not None:
        return pd.Series(result, index=values.index, dtype=values.dtype)
    return pd.Series(result.to_pylist(), index=values.index, dtype=values.dtype)


@hookimpl
def odwb_fixes() -> list[NumberDisplay]:
    return [NumberDisplay()]
