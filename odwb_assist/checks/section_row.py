"""Check ``section-row``: a row with one value and every other cell empty, heading the data rows below it.

Such rows split the table into sections (a year, a province, « Communes rurales »): the section is a
value that belongs in a column of every row it covers. A row holding one value may also be a sparse
record (an association with a name only), so a warning is given only on a pattern: the table has at
least three columns, and either the data starts with one and each is followed by two data rows or
more (the table is cut into sections), or at least two of them do not have the shape of their column
(a year in a column of names) and they are a fifth of the rows at most. Rows after the last data
row are left to ``notes-below-table``, total markers to ``total-row``. Fix (only for a table cut into
sections from its first data row): the section becomes the first column and its heading rows go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import free_label
from .cells import filled_mask
from .shapes import column_shape, filled_counts, out_of_shape, shape
from .total_markers import looks_like_total

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Ligne {row} : « {cell} » est seul sur sa ligne : c'est un intertitre de section, pas une donnée.",
              "Row {row}: '{cell}' stands alone on its row: it is a section heading, not a record.")
TIP = Msg("Ajoutez une colonne (par ex. « annee » ou « province ») qui porte cette valeur sur chaque ligne de la "
          "section, puis supprimez les lignes d'intertitre : chaque ligne doit se suffire à elle-même.",
          "Add a column (e.g. 'year' or 'province') that carries this value on every row of the section, then "
          "delete the heading rows: every row must stand on its own.")
MAX_SHARE = 0.2
MAX_KEPT = 5000
SAMPLE = 300


@dataclass
class _Single:
    row: int
    value: str
    position: int
    block: int = 0  # data rows that follow it before the next single row


class SectionRowCheck(BaseTableCheck):
    name = "section-row"
    types = ("section-row",)
    shared = True  # chunks are the check engine's (read-only, counted once for every check); False for a fix's table

    def start(self, context: CheckContext) -> None:
        self.singles: list[_Single] = []
        self.first: str | None = None  # "single" or "data": the first non-blank row
        self.rows = 0
        self.samples: dict[int, list[str]] = {}
        self.too_many = False

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        width = len(chunk.columns)
        if width < 3 or self.too_many or chunk.empty:
            return ()
        self.rows += len(chunk)
        counts = filled_counts(chunk, shared=self.shared).to_numpy()
        single_rows = chunk.index[counts == 1]
        singles = {}
        if len(single_rows):
            part = chunk.loc[single_rows]
            filled = filled_mask(part)
            for (row, cells), mask in zip(part.iterrows(), filled, strict=True):
                position = int(mask.argmax())
                singles[int(row)] = (str(cells.iloc[position]).strip(), position)
        data = counts >= 2
        for position in {p for _, p in singles.values()}:
            kept = self.samples.setdefault(position, [])
            if len(kept) < SAMPLE:
                kept += list(chunk.iloc[:, position][data][: SAMPLE - len(kept)])
        single_at = np.flatnonzero(counts == 1)
        data_at = np.flatnonzero(data)
        if self.first is None and (len(single_at) or len(data_at)):
            first_single = single_at[0] if len(single_at) else len(counts)
            first_data = data_at[0] if len(data_at) else len(counts)
            self.first = "single" if first_single < first_data else "data"
        owner = np.searchsorted(single_at, data_at, side="right") - 1  # the single row above each data row
        if self.singles:
            self.singles[-1].block += int((owner == -1).sum())
        blocks = np.bincount(owner[owner >= 0], minlength=len(single_at))
        for at, block in zip(single_at, blocks, strict=True):
            row = int(chunk.index[at])
            value, position = singles[row]
            self.singles.append(_Single(row, value, position, int(block)))
        if len(self.singles) > MAX_KEPT:
            self.too_many = True
        return ()

    def verdict(self) -> tuple[list[_Single], bool]:
        """(the section rows, whether the table is cut into sections from its first data row)."""
        import pandas as pd

        if self.too_many:
            return [], False
        while self.singles and self.singles[-1].block == 0:  # after the last data row: notes, not sections
            self.singles.pop()
        heads = [s for s in self.singles if s.block >= 1 and not looks_like_total(s.value)]
        if not heads:
            return [], False
        sectioned = self.first == "single" and len(heads) >= 2 and all(s.block >= 2 for s in heads)
        if sectioned:  # at most a third of the rows, by construction
            return heads, len(heads) == len(self.singles)
        if len(self.singles) > MAX_SHARE * self.rows:
            return [], False
        shapes = {p: column_shape(pd.Series(v, dtype="str")) for p, v in self.samples.items()}
        heads = [s for s in heads if out_of_shape(s.value, shapes.get(s.position, "empty"))]
        return (heads, False) if len(heads) >= 2 else ([], False)

    def end(self, context: CheckContext) -> Iterable[Finding]:
        heads, _ = self.verdict()
        for single in heads:
            yield Finding("section-row", Severity.WARNING, MESSAGE.format(row=single.row, cell=single.value), TIP,
                          row_number=single.row, cell=single.value, field_name=context.fields[single.position],
                          field_number=single.position + 1)


class SectionsToColumn:
    """A table cut into sections from its first row: the section becomes a first column, its heading rows go.

    Nothing is lost: each heading's value is carried on every row of its section. The column is named
    « annee » when every heading is a year, else « section ».
    """

    name = "sections-to-column"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("section-row",)  # needs the whole table, only when the check reports this
    label = Msg("Intertitres de section → une colonne", "Section headings → a column")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        check = SectionRowCheck()
        check.shared = False
        check.start(CheckContext(source="", fields=[str(c) for c in table.columns]))
        list(check.check_chunk(table, CheckContext(source="", fields=[str(c) for c in table.columns])))
        heads, clean = check.verdict()
        if not clean:
            return table, []
        years = all(shape(s.value) == "year" for s in heads)
        name = free_label(("annee" if context.lang == "fr" else "year") if years else "section", table.columns)
        values = table.index.to_series().map(lambda _: "")
        starts = [s.row for s in heads] + [None]
        for head, following in zip(heads, starts[1:], strict=True):
            inside = (table.index > head.row) if following is None else ((table.index > head.row) & (table.index < following))
            values[inside] = head.value
        new = table.drop(index=[s.row for s in heads])
        new.insert(0, name, values.drop(index=[s.row for s in heads]).astype(str))
        changes = [Change(self.name, s.row, name, s.value, None) for s in heads]
        return new, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[SectionRowCheck]:
    return [SectionRowCheck()]


@hookimpl
def odwb_fixes() -> list[SectionsToColumn]:
    return [SectionsToColumn()]
