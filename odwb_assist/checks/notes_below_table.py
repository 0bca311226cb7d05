"""Check ``notes-below-table``: a legend, a source or notes written under the data.

The tail of the table is the rows after the last data row (a row filled over at least half of the
columns). It is reported when those rows hold a few cells only and one of them reads as a note: it
starts like « Source », « Note », « * », « (1) »…, or it is a sentence under a blank row. A marker
makes it an error; a sentence alone, a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..hookspecs import hookimpl
from ..i18n import Msg
from ..quality.model import Finding, Severity
from .base import BaseTableCheck, CheckContext
from .shapes import filled_counts, full_row_threshold

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Lignes {first} à {last} : des notes ou une légende suivent les données (« {cell} »).",
              "Rows {first} to {last}: notes or a legend follow the data ('{cell}').")
TIP = Msg("Supprimez les lignes sous le tableau (source, notes, légende, renvois *) et mettez leur contenu dans la "
          "description ou les métadonnées du jeu de données : sous le tableau, le portail les prendrait pour des "
          "lignes de données.",
          "Delete the rows under the table (source, notes, legend, * references) and put their content in the "
          "dataset's description or metadata: under the table, the portal would take them for data rows.")
MARKER = re.compile(
    r"(?i)\s*(?:\*|\(\d+\)|\[\d+\]|\d+\)\s|source|sources|note|notes|nb\b|n\.b\.|remarques?|l[ée]gende|lecture\s*:|"
    r"champ\s*:|m[ée]thodologie|d[ée]finitions?|avertissement|mise à jour|mis à jour|donn[ée]es provisoires|"
    r"chiffres provisoires|©|copyright|bron\s*:|opmerking)"
)
TAIL_ROWS = 60


class NotesBelowTableCheck(BaseTableCheck):
    name = "notes-below-table"
    types = ("notes-below-table",)

    def start(self, context: CheckContext) -> None:
        self.tail: list[tuple[int, int, str]] = []  # (row, filled cells, joined text) after the last data row
        self.data_rows = 0

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        width = len(chunk.columns)
        if width < 2 or chunk.empty:
            return ()
        counts = filled_counts(chunk)
        full = counts.index[counts.to_numpy() >= full_row_threshold(width)]
        self.data_rows += len(full)
        if len(full):
            self.tail = []
            after = chunk.loc[chunk.index > full.max()]
        else:
            after = chunk
        room = TAIL_ROWS + 1 - len(self.tail)  # one more than the limit: a longer tail is sparse data, not notes
        for row, cells in after.iloc[: max(room, 0)].iterrows():
            filled = [str(v).strip() for v in cells if str(v).strip()]
            self.tail.append((int(row), len(filled), " ".join(filled)))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        width = len(context.fields)
        rows = [item for item in self.tail if item[1]]
        if self.data_rows < 1 or not rows or len(self.tail) > TAIL_ROWS:
            return
        if any(filled > max(1, width // 3) for _, filled, _ in rows):
            return
        blank_above = self.tail[0][1] == 0
        marked = [text for _, _, text in rows if MARKER.match(text)]
        sentence = [text for _, _, text in rows if len(text) >= 25 and " " in text]
        if not marked and not (blank_above and sentence):
            return
        shown = (marked or sentence)[0]
        shown = shown if len(shown) <= 80 else shown[:77] + "…"
        severity = Severity.ERROR if marked else Severity.WARNING
        first, last = rows[0][0], rows[-1][0]
        yield Finding("notes-below-table", severity, MESSAGE.format(first=first, last=last, cell=shown), TIP,
                      row_number=first, cell=shown, extra={"rows": [row for row, _, _ in rows]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[NotesBelowTableCheck]:
    return [NotesBelowTableCheck()]
