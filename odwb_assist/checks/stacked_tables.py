"""Check ``stacked-tables`` (error): a second table under the first, with other columns (« Commune ; Population »,
a blank row, then « Commune ; Naissances ; Décès »), as a report sheet puts one table after another.

Read as one table, the second one's values fall under the first one's labels: Namur's births become its
population, and nothing says so. A row is the header of a second table when it holds two labels or more and no
number, repeats one label of the header at its place in one of the first two columns (the key column,
« Commune ») and names another column otherwise, and when the row after it holds a number where it names that
other column. A blank row between the tables is not needed: ``fix`` drops blank rows, and the clean file must not
hide them. Only the rows whose first or second cell is the header's label there are looked at (on the columns'
distinct values, in pyarrow). No fix: which table to publish, and how, is the user's choice; each table goes in a
file (or a sheet) of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .chunk_values import KeepsValues
from .repeated_header import header_rows_text, technical

if TYPE_CHECKING:
    import numpy as np
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


KEYS = 2  # the columns where the key label of a second table is looked for


def _holding_label(column: ColumnValues, label: str) -> np.ndarray:
    """Which rows of a chunk's column hold ``label`` (case and outer spaces aside), tested once per distinct value."""
    import numpy as np
    import pyarrow.compute as pc

    from .plain import text_cells

    cells = text_cells(column)
    same = pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(cells)), label).to_numpy(zero_copy_only=False)
    verdicts = np.append(np.asarray(same, dtype=bool), False)  # code -1 (an empty cell) reads the final False
    return verdicts[column.codes]


def second_header(cells: list[str], header: list[str], below: list[str]) -> tuple[str, str] | None:
    """(a label of ``cells``, the header's label at its place) when ``cells`` is a second table's header (see the
    module docstring) and ``below`` the row under it; None otherwise."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < 2 or any(_number(cell) for cell in filled):
        return None
    labels = [label.strip().casefold() for label in header]
    same = [at for at, cell in enumerate(cells) if at < len(labels) and cell.strip() and cell.strip().casefold() == labels[at]]
    # another label, not the header's written as a technical name (« code_postal »: a repeated header's)
    other = [at for at, cell in enumerate(cells) if at < len(labels) and cell.strip() and labels[at]
             and technical(cell) != technical(labels[at])]
    if not same or not other:
        return None
    for at in other:
        if at < len(below) and _number(below[at]):
            return cells[at].strip(), header[at].strip()
    return None


class StackedTablesCheck(KeepsValues, BaseTableCheck):
    name = "stacked-tables"
    types = ("stacked-tables",)
    blocking = ("stacked-tables",)  # the types it may report as errors (see ``TableCheck.blocking``)
    kept_columns = KEYS  # the distinct values of the first columns, where a key label is looked for

    def start(self, context: CheckContext) -> None:
        headers = header_rows_text(context.options.get("detected"), list(context.fields))
        self.header = [str(label) for label in headers[-1]] if headers else []
        self.keys = [(at, label.strip().casefold()) for at, label in enumerate(self.header[:KEYS]) if label.strip()]
        self.waiting: tuple[int, list[str]] | None = None  # a candidate at the end of a chunk, and its row

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        from .chunk_values import encoded

        values = self.chunk_values(chunk)
        if len(self.header) < 2 or chunk.empty or not self.keys:
            return
        if self.waiting is not None:
            row, cells = self.waiting
            self.waiting = None
            yield from self._judge(row, cells, [str(v) for v in chunk.iloc[0].tolist()])
        candidates = np.zeros(len(chunk), dtype=bool)
        for at, label in self.keys:
            if at < len(chunk.columns):
                candidates |= _holding_label(encoded(chunk, at, values), label)
        for position in np.flatnonzero(candidates).tolist():
            cells = [str(value) for value in chunk.iloc[position].tolist()]
            if position + 1 >= len(chunk):
                self.waiting = (int(chunk.index[position]), cells)
                continue
            yield from self._judge(int(chunk.index[position]), cells, [str(v) for v in chunk.iloc[position + 1].tolist()])

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
