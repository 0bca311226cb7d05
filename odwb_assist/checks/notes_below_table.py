"""Check ``notes-below-table``: a legend, a source or notes written under the data.

The tail of the table is the rows after the last data row (a row filled over at least half of the
columns). It is reported when those rows hold a few cells only and one of them reads as a note: it
starts like « Source », « Note », « * », « (1) »…, or it is a sentence under a blank row. A marker
makes it an error, and ``fix`` then drops the tail (the rows go to the fix's record of removed rows);
a sentence alone is a warning and is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.note_marks import MARKER
from .shapes import filled_counts, full_row_threshold
from .total_markers import Marker, marker

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Lignes {first} à {last} : des notes ou une légende suivent les données (« {cell} »).",
              "Rows {first} to {last}: notes or a legend follow the data ('{cell}').")
MESSAGE_ONE = Msg("Ligne {row} : une note ou une légende suit les données (« {cell} »).",
                  "Row {row}: a note or a legend follows the data ('{cell}').")
TIP = Msg("Supprimez les lignes sous le tableau (source, notes, légende, renvois *) et mettez leur contenu dans la "
          "description ou les métadonnées du jeu de données (« odwb-assist document » les y propose) : sous le "
          "tableau, le portail les prendrait pour des lignes de données.",
          "Delete the rows under the table (source, notes, legend, * references) and put their content in the "
          "dataset's description or metadata ('odwb-assist document' proposes them there): under the table, the "
          "portal would take them for data rows.")
TAIL_ROWS = 60


@dataclass
class Notes:
    """The verdict: the note rows (blank rows of the tail included), the severity and the note shown."""

    rows: list[int]
    severity: Severity
    shown: str
    first: int
    last: int
    filled: list[int]  # the note rows that hold a cell


class Tail:
    """The rows after the last data row seen so far, fed chunk by chunk."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, str, str]] = []  # (row, filled cells, joined text, first filled cell)
        self.data_rows = 0

    def feed(self, chunk: pd.DataFrame, shared: bool = False) -> None:
        width = len(chunk.columns)
        if width < 2 or chunk.empty:
            return
        import numpy as np

        counts = filled_counts(chunk, shared=shared)
        full = counts.to_numpy() >= full_row_threshold(width)
        self.data_rows += int(full.sum())
        index = chunk.index.to_numpy()
        if full.any():
            self.rows = []
            after = np.flatnonzero(index > index[full].max())  # positions: only the few rows kept are copied
        else:
            after = np.arange(len(chunk))
        room = TAIL_ROWS + 1 - len(self.rows)  # one more than the limit: a longer tail is sparse data, not notes
        after = after[: max(room, 0)]
        if not len(after):
            return
        for row, cells in chunk.iloc[after].iterrows():
            filled = [str(v).strip() for v in cells if str(v).strip()]
            self.rows.append((int(row), len(filled), " ".join(filled), filled[0] if filled else ""))

    def verdict(self, width: int) -> Notes | None:
        if len(self.rows) > TAIL_ROWS:
            return None
        tail = self.rows
        while tail and tail[0][1] and marker(tail[0][3]) in (Marker.EXACT, Marker.PHRASE):
            tail = tail[1:]  # a « Total » row closing the data is a total (``total-row``), not a note
        rows = [item for item in tail if item[1]]
        if self.data_rows < 1 or not rows:
            return None
        if any(filled > max(1, width // 3) for _, filled, _, _ in rows):
            return None
        blank_above = tail[0][1] == 0
        marked = [text for _, _, text, _ in rows if MARKER.match(text)]
        sentence = [text for _, _, text, _ in rows if len(text) >= 25 and " " in text]
        if not marked and not (blank_above and sentence):
            return None
        shown = (marked or sentence)[0]
        shown = shown if len(shown) <= 80 else shown[:77] + "…"
        severity = Severity.ERROR if marked else Severity.WARNING
        return Notes([row for row, *_ in tail], severity, shown, rows[0][0], rows[-1][0], [row for row, *_ in rows])


class NotesBelowTableCheck(BaseTableCheck):
    name = "notes-below-table"
    types = ("notes-below-table",)
    blocking = ("notes-below-table",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.tail = Tail()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.tail.feed(chunk, shared=True)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        notes = self.tail.verdict(len(context.fields))
        if notes is None:
            return
        note_rows = notes.filled
        message = (MESSAGE_ONE.format(row=notes.first, cell=notes.shown) if notes.first == notes.last
                   else MESSAGE.format(first=notes.first, last=notes.last, cell=notes.shown))
        yield Finding("notes-below-table", notes.severity, message, TIP,
                      row_number=notes.first, cell=notes.shown, extra={"rows": note_rows})


class DropNotesBelowTable:
    """Drop the notes under the data when a row reads as a note for certain (« Source : », « * », « (1) »…)."""

    name = "drop-notes-below-table"
    reads = ("notes-below-table", "blank-row")  # the finding types its plan reads (see ``Fix.reads``)
    resolves = ("notes-below-table",)  # the error types it takes out (blank rows inside the data stay)
    label = Msg("Retirer les notes sous le tableau", "Drop the notes under the table")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        tail = Tail()
        tail.feed(table)
        notes = tail.verdict(len(table.columns))
        if notes is None or notes.severity != Severity.ERROR:
            return table, []
        changes = [Change(self.name, row, None, " | ".join(v for v in table.loc[row].tolist() if str(v).strip()), None)
                   for row in notes.rows]
        return table.drop(index=notes.rows), changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import findings, rows_of

        notes = [int(row) for finding in findings(context, ["notes-below-table"], Severity.ERROR)
                 for row in finding.extra.get("rows") or finding.all_rows]
        if not notes:
            return None
        # the tail also holds the blank rows among and after the notes, and those just above them (as ``apply``)
        blank = set(rows_of(context, ["blank-row"]))
        start = min(notes)
        while start - 1 in blank:
            start -= 1
        rows = sorted(set(notes) | {row for row in blank if row >= start})
        return FixPlan(rows=dict.fromkeys(rows), describe=_filled_text)


def _filled_text(cells: list[str]) -> str:
    return " | ".join(cell for cell in cells if str(cell).strip())


@hookimpl
def odwb_checks(context: CheckContext) -> list[NotesBelowTableCheck]:
    return [NotesBelowTableCheck()]


@hookimpl
def odwb_fixes() -> list[DropNotesBelowTable]:
    return [DropNotesBelowTable()]
