"""Check ``null-markers``: the mark a database writes for a missing value (« NULL », « (null) », « \\N »), or a
program (« nan », « None », « NaT »: Python and pandas writing an empty value as text), left in the cells, in any
column; fix: empty cells.

An export from a database or a business application writes the word NULL where a field has no value: on the portal
each such cell would read « NULL », a value that does not exist, a column of numbers or dates would be read as text,
and a column of NULL alone, an empty column, would look filled. The people's placeholders (« - », « n.d. ») in a
column of numbers or dates are ``placeholder-value`` (:mod:`.placeholder_value`), which leaves these to this check.
Only the markers themselves count, whole cells: « Null » as a name, « NULL » inside a sentence are text.

A script that writes a table cell by cell with ``str()`` (or pandas' ``astype(str)`` before ``to_csv``) turns each
missing value into the word Python gives it: « nan » (a missing number, « NaN » in some tools), « None » (a missing
object), « NaT » (a missing date), « <NA> » (pandas' own missing value). None is a word of French, nor a value a
person types, so a whole cell of one is said, in its exact case (« Nan », « none » are left as text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cells import one_array
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DATABASE_MARKERS = frozenset({"NULL", "null", "(null)", "(NULL)", "<NULL>", "<null>", "\\N"})
PROGRAM_MARKERS = frozenset({"nan", "NaN", "None", "NaT", "<NA>"})
MARKERS = DATABASE_MARKERS | PROGRAM_MARKERS
SHORT = 16  # bytes: a longer cell is no marker, even with spaces around it
FIRST = " \tNn(<\\"  # the first byte of a marker, or of the spaces before it
SHOWN = 3  # markers named in a message

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) {cells}, la marque d'une valeur absente dans la base de "
              "données d'où vient le fichier (ex. ligne {row}) : le portail publierait le mot tel quel.",
              "Column '{field}': {count} cell(s) {cells_en}, the mark of a missing value in the database the file comes "
              "from (e.g. row {row}): the portal would publish the word as it is.")
PROGRAM_MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) {cells}, ce qu'écrit un programme (Python, "
                      "pandas) pour une valeur absente (ex. ligne {row}) : le portail publierait le mot tel quel.",
                      "Column '{field}': {count} cell(s) {cells_en}, what a program (Python, pandas) writes for a "
                      "missing value (e.g. row {row}): the portal would publish the word as it is.")
TIP = Msg("Laissez ces cellules vides : une cellule vide dit qu'il n'y a pas de valeur. « odwb-assist fix » les vide ; "
          "une colonne qui ne tenait que ces marques est alors vide, et peut être retirée.",
          "Leave these cells empty: an empty cell says there is no value. 'odwb-assist fix' empties them; a column "
          "that held only these marks is then empty, and may be removed.")


def marker_mask(column: ColumnValues) -> np.ndarray:
    """Which distinct values of ``column`` are one of the :data:`MARKERS` (spaces around it allowed): the short values
    that begin as one does (read from their bytes), then compared with the markers."""
    import numpy as np

    from .cell_rules import may_hold_letters

    if not may_hold_letters(column):  # every marker holds an ASCII letter
        return np.zeros(len(column), dtype=bool)
    cells = column.arrow
    if cells is None:  # a short column, in plain Python
        return np.fromiter((text.strip() in MARKERS for text in column.texts), dtype=bool, count=len(column))
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import byte_lengths, byte_set, first_bytes

    cells = one_array(cells)
    mask = np.zeros(len(cells), dtype=bool)
    short = byte_lengths(cells) <= SHORT
    if not short.any():
        return mask
    at = np.flatnonzero(short & byte_set(FIRST)[first_bytes(cells)])
    if len(at):
        picked = pc.utf8_trim_whitespace(cells.take(pa.array(at)))
        found = pc.fill_null(pc.is_in(picked, value_set=pa.array(sorted(MARKERS), type=picked.type)), False)
        mask[at] = np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
    return mask


class NullMarkersCheck(BaseTableCheck):
    name = "null-markers"
    types = ("null-markers",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()  # a database's markers
        self.program = ColumnTally()  # a program's
        self.marks: dict[str, Counter[str]] = {}  # each column's markers, by the cells holding each

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if len(column):
            mask = marker_mask(column)
            if mask.any():
                import numpy as np

                at = np.flatnonzero(mask)
                marks = [str(text).strip() for text in column.values.iloc[at].tolist()]
                program = np.zeros(len(mask), dtype=bool)
                program[at] = [mark in PROGRAM_MARKERS for mark in marks]
                self.tally.add_values(column, mask & ~program)
                self.program.add_values(column, program)
                seen = self.marks.setdefault(column.name, Counter())
                for mark, count in zip(marks, column.counts[at].tolist(), strict=True):
                    seen[mark] += int(count)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        yield from self.tally.findings("null-markers", Severity.WARNING, MESSAGE, TIP, fill=self._named(DATABASE_MARKERS))
        yield from self.program.findings("null-markers", Severity.WARNING, PROGRAM_MESSAGE, TIP,
                                         fill=self._named(PROGRAM_MARKERS))

    def _named(self, markers: frozenset[str]) -> Callable[[str, str], dict[str, object]]:
        """The message's {cells}: the column's markers of one kind, the most frequent first (three at most)."""
        def fill(column: str, cell: str) -> dict[str, object]:
            seen = Counter({mark: count for mark, count in self.marks.get(column, Counter()).items() if mark in markers})
            named = [mark for mark, _ in seen.most_common(SHOWN)] or [cell.strip()]
            more = " (…)" if len(seen) > SHOWN else ""
            return {"cells": " ou ".join(f"« {mark} »" for mark in named) + more,
                    "cells_en": " or ".join(f"'{mark}'" for mark in named) + more}
        return fill


def _emptied(values: pd.Series) -> pd.Series:
    """The markers of a column emptied."""
    marked = values.str.strip().isin(list(MARKERS)).to_numpy(dtype=bool, na_value=False)
    return values.where(~marked, "") if marked.any() else values


class EmptyNullMarkers:
    name = "null-markers"
    reads = ("null-markers",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Cellules « NULL », « nan »… vidées", "'NULL', 'nan'… cells emptied")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        from ..quality.fix_plans import columns_of
        from ..quality.fixing import replace_cells

        changes: list[Change] = []
        table = table.copy()
        named = set(columns_of(context, ["null-markers"])) if context.report is not None else None
        for column in table.columns:
            if named is not None and str(column) not in named:
                continue
            values = table[column].astype(str)
            emptied = _emptied(values)
            changed = emptied != values
            if changed.any():
                changes.extend(replace_cells(table, str(column), emptied[changed], self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of

        columns = columns_of(context, ["null-markers"])
        return FixPlan(rewrites=dict.fromkeys(columns, _emptied)) if columns else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[NullMarkersCheck]:
    return [NullMarkersCheck()]


@hookimpl
def odwb_fixes() -> list[EmptyNullMarkers]:
    return [EmptyNullMarkers()]
