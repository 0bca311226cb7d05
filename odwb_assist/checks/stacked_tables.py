"""Check ``stacked-tables`` (error): a second table under the first, with other columns (« Commune ; Population »,
a blank row, then « Commune ; Naissances ; Décès »), as a report sheet puts one table after another.

Read as one table, the second one's values fall under the first one's labels: Namur's births become its
population, and nothing says so. A row is the header of a second table when it follows a blank row, holds two
labels or more and no number, repeats one label of the header at its place (the key column, « Commune ») and
names another column otherwise, and when the row after it holds a number where it names that other column.
No fix: which table to publish, and how, is the user's choice; each table goes in a file (or a sheet) of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .repeated_header import header_rows_text

if TYPE_CHECKING:
    import pandas as pd

NUMBER = re.compile(r"\s*[+-]?[0-9][0-9 .,'\u00a0\u202f]*(?:\s*[%€])?\s*")

MESSAGE = Msg("Ligne {row} : un second tableau commence (« {cells} »), avec d'autres colonnes que le premier : lu comme "
              "un seul tableau, ses valeurs passent sous les titres du premier (« {other} » sous « {label} »).",
              "Row {row}: a second table begins ('{cells}'), with other columns than the first one: read as one "
              "table, its values fall under the first one's labels ('{other}' under '{label}').")
TIP = Msg("Mettez chaque tableau dans son propre fichier ou sa propre feuille, avec une seule ligne de titres, puis "
          "vérifiez chacun.",
          "Put each table in a file or a sheet of its own, with a single row of labels, then check each of them.")


def _number(text: str) -> bool:
    return bool(NUMBER.fullmatch(text)) and any(character.isdigit() for character in text)


def second_header(cells: list[str], header: list[str], below: list[str]) -> tuple[str, str] | None:
    """(a label of ``cells``, the header's label at its place) when ``cells`` is a second table's header (see the
    module docstring) and ``below`` the row under it; None otherwise."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < 2 or any(_number(cell) for cell in filled):
        return None
    labels = [label.strip().casefold() for label in header]
    same = [at for at, cell in enumerate(cells) if at < len(labels) and cell.strip() and cell.strip().casefold() == labels[at]]
    other = [at for at, cell in enumerate(cells) if at < len(labels) and cell.strip() and labels[at]
             and cell.strip().casefold() != labels[at]]
    if not same or not other:
        return None
    for at in other:
        if at < len(below) and _number(below[at]):
            return cells[at].strip(), header[at].strip()
    return None


class StackedTablesCheck(BaseTableCheck):
    name = "stacked-tables"
    types = ("stacked-tables",)
    shared = True  # chunks are the check engine's (their filled counts are shared, see :func:`.shapes.filled_counts`)

    def start(self, context: CheckContext) -> None:
        headers = header_rows_text(context.options.get("detected"), list(context.fields))
        self.header = [str(label) for label in headers[-1]] if headers else []
        self.blank_before = False  # the last row of the previous chunk was blank
        self.waiting: tuple[int, list[str]] | None = None  # a candidate at the end of a chunk, and its row

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        from .shapes import filled_counts

        if len(self.header) < 2 or chunk.empty:
            return
        counts = filled_counts(chunk, shared=self.shared).to_numpy()
        blank = counts == 0
        if self.waiting is not None:
            row, cells = self.waiting
            self.waiting = None
            yield from self._judge(row, cells, [str(v) for v in chunk.iloc[0].tolist()])
        after_blank = np.concatenate([[self.blank_before], blank[:-1]]) & (counts >= 2)
        for position in np.flatnonzero(after_blank).tolist():
            cells = [str(value) for value in chunk.iloc[position].tolist()]
            if position + 1 >= len(chunk):
                self.waiting = (int(chunk.index[position]), cells)
                continue
            yield from self._judge(int(chunk.index[position]), cells, [str(v) for v in chunk.iloc[position + 1].tolist()])
        self.blank_before = bool(blank[-1])

    def _judge(self, row: int, cells: list[str], below: list[str]) -> Iterable[Finding]:
        found = second_header(cells, self.header, below)
        if found is None:
            return
        other, label = found
        shown = " | ".join(cell.strip() for cell in cells if cell.strip())
        yield Finding("stacked-tables", Severity.ERROR, MESSAGE.format(row=row, cells=shown, other=other, label=label),
                      TIP, row_number=row, cell=shown, extra={"labels": [cell.strip() for cell in cells]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[StackedTablesCheck]:
    return [StackedTablesCheck()]
