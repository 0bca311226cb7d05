"""Check ``merged-label-cells``: a label merged down several rows leaves blanks under it once exported.

A leading column (one of the first three, not the last) is taken as a merged label column when its
blanks sit in rows that are otherwise filled, right under a filled label, on at least three rows and
three tenths of the data rows, after two labels at least, each label distinct and most of them
heading a group (a blank follows them), while its labels are text and the column
on its right holds text labels on those rows (the rows of a group), and the columns on its left stay the
same on those rows (the outer groups). Fix: fill each blank with the label above it (never across a blank row,
never from a total).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .chunk_values import KeepsValues
from .shapes import SHAPES, filled_counts, full_row_threshold
from .total_markers import total_like_mask

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("Colonne « {field} » : {count} cellules vides sous une étiquette (cellules fusionnées verticalement, "
              "par ex. ligne {row}).",
              "Column '{field}': {count} blank cells under a label (cells merged vertically, e.g. row {row}).")
TIP = Msg("Défusionnez les cellules de cette colonne et recopiez l'étiquette sur chaque ligne (Accueil > Fusionner > "
          "Annuler la fusion, puis remplir vers le bas) : chaque ligne doit porter toutes ses valeurs. "
          "« odwb-assist fix » recopie l'étiquette vers le bas.",
          "Unmerge the cells of this column and copy the label onto every row (Home > Merge > Unmerge, then fill "
          "down): every row must carry all its values. 'odwb-assist fix' fills the label down.")
LABEL_COLUMNS = 3
MIN_BLANKS = 3
MIN_SHARE = 0.3
MAX_LABELS = 20_000
SMALL_LABELS = 256  # distinct labels: fewer are all tested in Python (a pyarrow call costs more than that)


def chunk_stats(chunk: pd.DataFrame, position: int, counts: pd.Series | None = None,
                labels: _Labels | None = None) -> Counter[str]:
    """Counts for one candidate column of one chunk (summed over chunks by the check).

    ``counts`` are the chunk's filled cells per row when the caller has them already; ``labels`` the column's
    distinct cells. The patterns run on the distinct labels, and on the right-hand cells of blank rows only: a
    column of a million rows costs one pass, not three regular expressions per cell.
    """
    import numpy as np

    width = len(chunk.columns)
    labels = labels if labels is not None else _Labels(chunk, position, {})
    filled_mask = labels.filled
    others = (filled_counts(chunk) if counts is None else counts).to_numpy() - filled_mask.astype("int64")
    data = others >= full_row_threshold(width - 1)
    blank = ~filled_mask & data
    previous_filled = np.append(False, filled_mask[:-1])
    stats: Counter[str] = Counter()
    stats["data"] = int(data.sum())
    stats["blank"] = int(blank.sum())
    stats["runs"] = int((blank & previous_filled).sum())
    stats["filled"] = int(filled_mask.sum())
    stats["numbers"] = int(labels.numbers().sum())
    stats["right"] = stats["right_numbers"] = 0
    stats["left_varies"] = _left_varies(chunk, position, blank) if stats["blank"] and position else 0
    if stats["blank"]:  # the cells on the right of the blanks (none: nothing to read)
        right_text = chunk.iloc[:, position + 1][blank].str.strip()
        stats["right"] = int((right_text != "").sum())
        stats["right_numbers"] = int(right_text.str.fullmatch(SHAPES["number"].pattern).fillna(False).astype(bool).sum())
    return stats


def _left_varies(chunk: pd.DataFrame, position: int, blank: np.ndarray) -> int:
    """How many ``blank`` rows have a column on the left of ``position`` that changes from the row above (neither
    blank nor the same value). A merged label heads a group of rows, and the columns on its left are the outer
    groups, the same for the whole group (merged too, or repeated): in a directory whose first column names each
    row (« Les Amis du Rail », « Cercle horticole »…), the blanks of its third column are missing values, never a
    group to fill down."""
    import numpy as np

    at = np.flatnonzero(blank)
    at = at[at > 0]  # the first row of a chunk: no row above in it
    if not len(at):
        return 0
    varies = np.zeros(len(at), dtype=bool)
    for left in range(position):
        cells = chunk.iloc[:, left]
        here = cells.iloc[at].astype(str).str.strip().to_numpy()
        above = cells.iloc[at - 1].astype(str).str.strip().to_numpy()
        varies |= (here != "") & (here != above)
    return int(varies.sum())


class _Labels:
    """A label column of a chunk through its distinct cells (the engine's :class:`ColumnValues`, or encoded here),
    each stripped once: which rows are filled, the stripped labels, which rows hold a number (not a year)."""

    def __init__(self, chunk: pd.DataFrame, position: int, values: dict[int, ColumnValues],
                 known: dict[str, bool] | None = None) -> None:
        import numpy as np
        import pandas as pd

        from .cells import arrow_text, plain_ends
        from .chunk_values import encoded

        self.known = known  # stripped label -> whether it is a number (not a year), from the chunks before
        self.column = encoded(chunk, position, values)
        raw = self.column.values
        cells = arrow_text(raw) if len(raw) else None
        self.plain = False  # ``text`` is the column's own distinct values (their list: ``column.texts``, shared)
        if cells is not None and plain_ends(cells).all():  # nothing to strip (most code and name columns)
            self.text = raw
            self.plain = True
            self.kept = np.ones(len(raw), dtype=bool)
            self.filled = self.column.codes >= 0
            return
        self.text = raw.str.strip() if len(raw) else pd.Series([], dtype="str")
        self.kept = (self.text != "").to_numpy(dtype=bool)  # over the distinct cells: not blank once stripped
        self.filled = np.asarray(self.column.row_mask(self.kept), dtype=bool)

    def stripped(self) -> set[str]:
        """The stripped cells of the column (with ``""`` when one is blank)."""
        found = set(self.column.texts) if self.plain else {str(text) for text in self.text.tolist()}
        if not self.filled.all():
            found.add("")
        return found

    def numbers(self) -> np.ndarray:
        """Which filled rows hold a number that is not a year (once stripped)."""
        import numpy as np

        from .cells import fullmatch_mask

        verdict = np.zeros(len(self.kept), dtype=bool)
        at = np.flatnonzero(self.kept)
        if len(at) and self.known is not None:
            verdict[at] = self._known_numbers(at)
        elif len(at):
            text = self.text.iloc[at].reset_index(drop=True)
            verdict[at] = fullmatch_mask(text, SHAPES["number"].pattern) & ~fullmatch_mask(text, SHAPES["year"].pattern)
        return np.asarray(self.column.row_mask(verdict), dtype=bool)

    def _known_numbers(self, at: np.ndarray) -> np.ndarray:
        """:meth:`numbers`' verdicts on the stripped labels at ``at``, each label tested once in the whole table.

        The number pattern holds a ``\\u`` escape: pandas runs it with Python's ``re`` on every cell, and the year
        pattern (``\\d``) reads an ASCII cell as Python's ``re`` does. So Python's ``re`` here gives the same
        verdicts, and a label seen in an earlier chunk needs no test."""
        import numpy as np

        known = self.known
        assert known is not None
        number, year = SHAPES["number"].fullmatch, SHAPES["year"].fullmatch
        found = np.ones(len(at), dtype=bool)
        at, todo = self._to_test(at)  # plain numbers that cannot be years: no test
        if self.plain and len(at) == len(self.column):
            labels = self.column.texts  # every label (shared with the other checks)
        elif self.plain:  # a few: no Python string made for the others
            labels = self.column.values.iloc[at].tolist() if len(at) else []
        else:
            labels = (self.text if len(at) == len(self.text) else self.text.iloc[at]).tolist()
        verdicts = []
        for label in labels:
            verdict = known.get(label)
            if verdict is None:
                verdict = number(label) is not None and year(label) is None
                if len(known) < MAX_LABELS:
                    known[label] = verdict
            verdicts.append(verdict)
        found[todo] = verdicts
        return found

    def _to_test(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The labels at ``at`` left to test (their positions among the column's labels, and among ``at``): plain
        numbers (``-?[0-9]+(?:,[0-9]+)?``, read from the Arrow buffers) with a comma or of other than four bytes are
        numbers that are not years."""
        import numpy as np

        from .cells import arrow_text, byte_lengths
        from .number_bytes import plain_shapes

        cells = arrow_text(self.column.values if self.plain else self.text) if len(at) >= SMALL_LABELS else None
        if cells is None:
            return at, np.arange(len(at))
        import pyarrow as pa

        if len(at) != len(cells):
            cells = cells.take(pa.array(at))
        shapes = plain_shapes(cells)
        if shapes is None:
            return at, np.arange(len(at))
        plain, comma = shapes
        sure = plain & (comma | (byte_lengths(cells) != 4))
        todo = np.flatnonzero(~sure)
        return at[todo], todo


def is_merged(stats: Counter[str], first_filled: bool, distinct: int) -> bool:
    """The verdict for one column; ``distinct`` = how many different labels it holds."""
    if not first_filled or stats["blank"] < MIN_BLANKS or stats["runs"] < 2:
        return False
    if distinct < 0.9 * stats["filled"] or stats["runs"] < 0.6 * stats["filled"]:
        return False  # a label heads one group each, and most groups have more than one row
    if stats["blank"] < MIN_SHARE * stats["data"] or stats["blank"] > 0.95 * stats["data"]:
        return False
    if stats["numbers"] > 0.1 * stats["filled"] or stats["right"] < 0.9 * stats["blank"]:
        return False
    if stats["left_varies"] > 0.1 * stats["blank"]:
        return False  # the rows of a « group » differ on its left: not a group (see :func:`_left_varies`)
    return stats["right_numbers"] <= 0.2 * stats["blank"]  # the column on the right names the rows of a group


def candidate_positions(width: int, labels: list[str] | None = None, identifiers: frozenset[str] = frozenset()) -> list[int]:
    """The positions of the columns that may be merged labels: one of the first three, not the last, and not a column
    of identifiers (``FieldKind.identifier``: an enterprise number, an e-mail, a phone belong each to its row, and
    their blanks are missing values, never to fill with the number above)."""
    positions = range(min(LABEL_COLUMNS, width - 1)) if width >= 3 else range(0)
    return [p for p in positions if labels is None or str(labels[p]) not in identifiers]


def _first_data_filled(table: pd.DataFrame, position: int) -> bool:
    counts = filled_counts(table)
    rows = table.index[counts.to_numpy() >= full_row_threshold(len(table.columns))]
    return bool(len(rows)) and table.loc[rows[0]].iloc[position].strip() != ""


def fill_down(column: pd.Series, rows: pd.Series) -> pd.Series:
    """The new values of the cells to fill: the label above, within runs not crossed by a blank row or a total."""
    text = column.str.strip()
    blank_row = ~rows
    group = blank_row.cumsum()
    source = column.where(text != "")
    source = source.mask(total_like_mask(text), "\x00")
    source = source.mask(blank_row, "\x00")
    filled = source.groupby(group).ffill()
    target = (text == "") & rows & filled.notna() & (filled != "\x00")
    return filled[target].astype(str)


class MergedLabelCellsCheck(KeepsValues, BaseTableCheck):
    name = "merged-label-cells"
    types = ("merged-label-cells",)
    kept_columns = None  # every column: the labels, and the filled cells of each row (counted on distinct values)

    def start(self, context: CheckContext) -> None:
        self.labels: dict[int, set[str]] = {}
        self.stats: dict[int, Counter[str]] = {}
        self.first: dict[int, bool] = {}
        self.example: dict[int, int] = {}
        self.numbers: dict[int, dict[str, bool]] = {}  # per position: stripped label -> a number (not a year)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        values = self.chunk_values(chunk)
        if chunk.empty:
            return ()
        # once per chunk, shared by every candidate column (and check)
        counts = filled_counts(chunk, shared=True, values=values)
        identifiers = context.options.get("identifier_fields", frozenset())
        for position in candidate_positions(len(chunk.columns), list(chunk.columns), identifiers):
            if position not in self.first:
                data = chunk.index[counts.to_numpy() >= full_row_threshold(len(chunk.columns))]
                if not len(data):
                    continue
                self.first[position] = chunk.loc[data[0]].iloc[position].strip() != ""
            labels = _Labels(chunk, position, values, self.numbers.setdefault(position, {}))
            self.stats.setdefault(position, Counter()).update(chunk_stats(chunk, position, counts, labels))
            kept = self.labels.setdefault(position, set())
            if len(kept) < MAX_LABELS:
                kept.update(labels.stripped())
            if position not in self.example:
                blanks = chunk.index[~labels.filled & (counts >= 2).to_numpy()]
                if len(blanks):
                    self.example[position] = int(blanks[0])
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for position, stats in sorted(self.stats.items()):
            distinct = len(self.labels.get(position, set()) - {""})
            if is_merged(stats, self.first.get(position, False), distinct if distinct < MAX_LABELS else stats["filled"]):
                field = context.fields[position]
                yield Finding("merged-label-cells", Severity.WARNING,
                              MESSAGE.format(field=field, count=stats["blank"], row=self.example.get(position, "")),
                              TIP, row_number=self.example.get(position), field_name=field, field_number=position + 1,
                              extra={"blankCells": stats["blank"]})


class FillDownMergedLabels:
    """Fill the blanks of merged label columns with the label above (one Change per cell)."""

    name = "fill-down-merged-labels"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("merged-label-cells",)  # needs the whole table, only when the check reports this
    label = Msg("Recopier les étiquettes fusionnées vers le bas", "Fill merged labels down")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        if table.empty:
            return table, changes
        identifiers = context.options.get("identifier_fields", frozenset())
        for position in candidate_positions(len(table.columns), list(table.columns), identifiers):
            labels = table.iloc[:, position].str.strip()
            distinct = labels[labels != ""].nunique()
            if not is_merged(chunk_stats(table, position), _first_data_filled(table, position), distinct):
                continue
            column = str(table.columns[position])
            others = filled_counts(table) - (table[column].str.strip() != "").astype("int64")
            rows = others >= full_row_threshold(len(table.columns) - 1)
            table = table.copy() if not changes else table
            changes += replace_cells(table, column, fill_down(table[column], rows), self.name)
        return table, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[MergedLabelCellsCheck]:
    return [MergedLabelCellsCheck()]


@hookimpl
def odwb_fixes() -> list[FillDownMergedLabels]:
    return [FillDownMergedLabels()]
