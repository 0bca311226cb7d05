"""Check ``summary-row``: a row of averages, minima or maxima under the data (« Moyenne », « Maximum »); fix: drop it
(to the side file).

Only the rows after the last data row are judged (a summary closes a table; a « Moyenne » among the rows is a
category of the data). Such a row is *certainly* a summary, an error the fix removes, when its label is a whole
statistic word (« Moyenne », « Moyenne générale », « Minimum », « Max. », « Gemiddelde », « Average ») in a leading
column with nothing to its left, and each of its numbers equals, to its rounding, that statistic of the numbers above
(at least :data:`DATA_ROWS` data rows). Anything else that reads as a summary (« Moyenne wallonne », « Médiane »,
« Variation 2023-2024 », « Écart-type », numbers that do not match, text among them) is a ``possible-summary``
warning and is kept. The statistics are read from each column's distinct values (their parse is shared with the other
checks), the few rows of the tail kept as they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .chunk_values import KeepsValues, encoded
from .total_markers import MAXIMUM, MEAN, MINIMUM, OTHER, STATISTICS, marker, normalise

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..core.contract import ColumnValues

# labels of a summary that is not recomputed here: a median, a spread, a change over a period; and a statistic with a
# qualifier (« Moyenne wallonne » may be the region's, not the rows'). A change of something (« Variation des stocks »,
# an accounting line) is data.
OTHERS = re.compile(r"(?:moyennes?|mediane|median|mediaan|ecart[- ]?type|variance|average|gemiddelde)(?: .*)?"
                    r"|(?:variations?|evolutions?|taux (?:de variation|d'evolution))"
                    r"(?: (?:annuelles?|en %|%|\(%\)|[0-9]{4}.*|sur .*|par rapport .*))?")
PREFILTER = re.compile(r"(?i)moy|m[eé]d|min|max|var|[eé]vol|[eé]cart|taux|average|mean|gemidd|durchschn|mittelw")
DATA_ROWS = 3  # data rows above a summary, at least
TAIL_ROWS = 60  # rows after the last data row, at most: a longer tail is sparse data, not a summary

WHAT = {MEAN: Msg("la moyenne", "the average"), MINIMUM: Msg("le minimum", "the minimum"),
        MAXIMUM: Msg("le maximum", "the maximum")}
MESSAGE = Msg("Ligne {row} : « {cell} » (colonne « {field} ») est une ligne de synthèse, pas une donnée : ses nombres "
              "sont {what} des lignes au-dessus.",
              "Row {row}: '{cell}' (column '{field}') is a summary row, not a record: its numbers are {what_en} of "
              "the rows above.")
TIP = Msg("Supprimez les lignes de moyenne, de minimum ou de maximum sous le tableau : les utilisateurs du portail "
          "calculent eux-mêmes ces valeurs, et une moyenne comptée comme une donnée fausse les calculs. « odwb-assist "
          "fix » les retire et les garde dans un fichier à part.",
          "Delete the average, minimum or maximum rows under the table: portal users compute these values "
          "themselves, and an average counted as a record skews every calculation. 'odwb-assist fix' removes them "
          "and keeps them in a side file.")
REASONS = {
    "mismatch": Msg("ses nombres ne sont pas {what} des lignes au-dessus", "its numbers are not {what_en} of the rows "
                    "above"),
    "text": Msg("elle contient aussi du texte", "it also holds text"),
    "other": Msg("une médiane, une variation ou une moyenne d'ailleurs ne se recalcule pas ici",
                 "a median, a change or an average from elsewhere is not recomputed here"),
}
POSSIBLE_MESSAGE = Msg("Ligne {row} : « {cell} » (colonne « {field} »), sous les données, ressemble à une ligne de "
                       "synthèse, mais ce n'est pas certain ({reason}) : elle est gardée.",
                       "Row {row}: '{cell}' (column '{field}'), under the data, looks like a summary row, but it is not "
                       "certain ({reason}): it is kept.")
POSSIBLE_TIP = Msg("Si c'est une ligne de synthèse (moyenne, médiane, variation…), supprimez-la : les utilisateurs du "
                   "portail calculent ces valeurs eux-mêmes, et comptée comme une donnée elle fausse les calculs. Si "
                   "c'est une donnée, gardez-la et ignorez cet avertissement.",
                   "If it is a summary row (average, median, change…), delete it: portal users compute these values "
                   "themselves, and counted as a record it skews every calculation. If it is a record, keep it and "
                   "ignore this warning.")


def statistic(label: str) -> str | None:
    """What a summary label says: :data:`MEAN`, :data:`MINIMUM`, :data:`MAXIMUM` (a whole statistic word),
    :data:`OTHER` (a summary not recomputed here), None (not a summary label)."""
    if not PREFILTER.search(label):
        return None
    text = normalise(label)
    if text in STATISTICS:
        return STATISTICS[text]
    return OTHER if OTHERS.fullmatch(text) else None


@dataclass(frozen=True)
class TailRow:
    """A row after the last data row seen so far: its cells, numbers and text flags (one per column)."""

    row: int
    cells: list[str]
    numbers: np.ndarray
    text: np.ndarray


@dataclass(frozen=True)
class Verdict:
    row: int
    position: int  # 0-based column of the label
    column: str
    cell: str
    kind: str
    certain: bool
    reason: str  # "match" when certain, else a key of :data:`REASONS`


class Statistics:
    """Per column: the sum, the count, the smallest and largest of the numbers, over the data rows."""

    def __init__(self, width: int) -> None:
        import numpy as np

        self.total = np.zeros(width)
        self.count = np.zeros(width, dtype=np.int64)
        self.low = np.full(width, np.inf)
        self.high = np.full(width, -np.inf)

    def add_values(self, position: int, numbers: np.ndarray, counts: np.ndarray) -> None:
        """Add a column's distinct numbers (NaN: not a number), each ``counts`` times."""
        import numpy as np

        valued = ~np.isnan(numbers)
        valued &= counts > 0
        if not valued.all():  # as a rule every value is a number and on a row: no copy then
            if not valued.any():
                return
            numbers, counts = numbers[valued], counts[valued]
        # elementwise, not a dot product: numpy's BLAS would start threads that spin on the other core
        self.total[position] += float((numbers * counts).sum())
        self.count[position] += int(counts.sum())
        self.low[position] = min(self.low[position], float(numbers.min()))
        self.high[position] = max(self.high[position], float(numbers.max()))

    def add_rows(self, block: np.ndarray) -> None:
        """Add rows of numbers (rows x columns, NaN: not a number)."""
        import numpy as np

        if not len(block):
            return
        valued = ~np.isnan(block)
        self.total += np.where(valued, block, 0.0).sum(axis=0)
        self.count += valued.sum(axis=0)
        self.low = np.fmin(self.low, np.fmin.reduce(block, axis=0))  # fmin: a column without numbers stays as it was
        self.high = np.fmax(self.high, np.fmax.reduce(block, axis=0))

    def value(self, kind: str, position: int) -> float | None:
        if not self.count[position]:
            return None
        if kind == MEAN:
            return float(self.total[position] / self.count[position])
        return float(self.low[position] if kind == MINIMUM else self.high[position])


class SummaryScanner:
    """Reads the chunks of one table in order; :meth:`verdicts` judges the summary rows of its tail."""

    def __init__(self) -> None:
        self.width = -1
        self.tail: list[TailRow] = []
        self.data_rows = 0
        self.overflow = False  # the tail grew beyond TAIL_ROWS: sparse data, nothing is judged (for good: the rows
        # set aside then are missing from the statistics)

    def feed(self, chunk: pd.DataFrame, values: dict[int, ColumnValues] | None = None) -> None:
        """``values``: the distinct values of the chunk's columns by position, when the check engine encoded them."""
        import numpy as np

        from .cells import STACK_ROWS
        from .numbers import PARSED_NUMBERS, parse_frame
        from .shapes import filled_counts

        if self.width < 0:
            self.width = len(chunk.columns)
            self.stats = Statistics(self.width)
        if self.width < 2 or chunk.empty:
            return
        shared = values is not None  # a chunk of the check engine, which other checks read too
        values = values if values is not None else {}
        if len(chunk) < STACK_ROWS:  # a short chunk is parsed at once, shared with placeholder-value (a wide sheet)
            grid = parse_frame(chunk, shared=shared)
            columns: list[ColumnValues] = []
            parsed: list[tuple[np.ndarray, np.ndarray]] = []
        else:  # a long one from each column's distinct values, their parse shared with the number checks
            grid = None
            columns = [encoded(chunk, position, values) for position in range(self.width)]
            parsed = [PARSED_NUMBERS(column) for column in columns]
        full = np.flatnonzero(filled_counts(chunk, shared=shared, values=values).to_numpy() >= 2)
        last = self._last_data_row(chunk, full)
        if last is not None:  # the tail kept so far was data after all
            self.stats.add_rows(np.array([kept.numbers for kept in self.tail]).reshape(-1, self.width))
            self.data_rows += sum(1 for kept in self.tail if sum(1 for cell in kept.cells if cell.strip()) >= 2)
            self.tail = []
            self.data_rows += int(np.count_nonzero(full <= last))
            if grid is not None:
                self.stats.add_rows(grid[0][: last + 1])
            else:
                self._add_distinct(columns, parsed, last, last == len(chunk) - 1)
        start = 0 if last is None else last + 1
        if len(self.tail) + len(chunk) - start > TAIL_ROWS:
            self.overflow = True
            self.tail = []
            return
        for at in range(start, len(chunk)):
            if grid is not None:
                cells = [cell if isinstance(cell, str) else "" for cell in chunk.iloc[at].tolist()]
                self.tail.append(TailRow(int(chunk.index[at]), cells, grid[0][at].copy(), grid[1][at].copy()))
                continue
            row_codes = [int(column.codes[at]) for column in columns]
            cells = [str(column.values.iat[code]) if code >= 0 else "" for column, code in zip(columns, row_codes,
                                                                                              strict=True)]
            row_numbers = np.array([parsed_numbers[code] if code >= 0 else np.nan
                                    for (parsed_numbers, _), code in zip(parsed, row_codes, strict=True)])
            text = np.array([bool(words[code]) if code >= 0 else False
                             for (_, words), code in zip(parsed, row_codes, strict=True)])
            self.tail.append(TailRow(int(chunk.index[at]), cells, row_numbers, text))

    def _add_distinct(self, columns: list[ColumnValues], parsed: list[tuple[np.ndarray, np.ndarray]], last: int,
                      whole: bool) -> None:
        """Add the numbers of the rows up to ``last`` from each column's distinct values (``whole``: every row of the
        chunk, counted by the engine already)."""
        import numpy as np

        for position, (column, (numbers, words)) in enumerate(zip(columns, parsed, strict=True)):
            if words.all():  # text alone: no number to add
                continue
            if whole:
                counts = column.counts
            else:
                codes = column.codes[: last + 1]
                counts = np.bincount(codes[codes >= 0], minlength=len(numbers))
            self.stats.add_values(position, numbers, counts)

    def _last_data_row(self, chunk: pd.DataFrame, full: np.ndarray) -> int | None:
        """The position of the chunk's last data row: a row of two filled cells or more whose label is no summary or
        total word (None: none in the chunk); at most TAIL_ROWS labelled rows are read back."""
        for read, position in enumerate(full[: -TAIL_ROWS - 2: -1].tolist()):
            if read >= TAIL_ROWS:
                return int(position)
            found = _label(chunk.iloc[position].tolist(), self.width)
            if found is None or (statistic(found[1]) is None and marker(found[1]) is None):
                return int(position)
        return None

    def verdicts(self, names: list[str]) -> list[Verdict]:
        if self.overflow or self.data_rows < DATA_ROWS:
            return []
        found = []
        for kept in self.tail:
            label = _label(kept.cells, self.width)
            kind = statistic(label[1]) if label is not None else None
            if label is None or kind is None:
                continue
            position, cell = label
            right = range(position + 1, self.width)
            valued = [j for j in right if not math.isnan(kept.numbers[j])]
            worded = [j for j in right if kept.text[j]]
            if not valued and not worded:
                continue
            if kind == OTHER:
                reason = "other"
            elif worded:
                reason = "text"
            else:
                reason = "match" if all(self._matches(kind, j, kept) for j in valued) else "mismatch"
            found.append(Verdict(kept.row, position, str(names[position]), cell, kind, reason == "match", reason))
        return found

    def _matches(self, kind: str, position: int, kept: TailRow) -> bool:
        from .total_sums import tolerance

        expected = self.stats.value(kind, position)
        if expected is None:
            return False
        slack = 1e-9 * max(1.0, abs(expected))
        return abs(float(kept.numbers[position]) - expected) <= tolerance(kept.cells[position], 0) + slack


def _label(cells: Sequence[object], width: int) -> tuple[int, str] | None:
    """The first filled cell among the leading columns, and its position (None: they are all empty)."""
    from .total_labels import SEARCH_COLUMNS  # numpy: imported when a check runs

    for position in range(min(width, SEARCH_COLUMNS)):
        text = str(cells[position]).strip()
        if text and text != "nan":
            return position, text
    return None


def finding(verdict: Verdict) -> Finding:
    what = WHAT.get(verdict.kind, WHAT[MEAN])
    said = {"row": verdict.row, "cell": verdict.cell, "field": verdict.column}
    if verdict.certain:
        return Finding("summary-row", Severity.ERROR, MESSAGE.format(**said, what=what.fr, what_en=what.en), TIP,
                       row_number=verdict.row, field_name=verdict.column, field_number=verdict.position + 1,
                       cell=verdict.cell, extra={"statistic": verdict.kind})
    reason = REASONS[verdict.reason]
    message = Msg(POSSIBLE_MESSAGE.fr.format(**said, reason=reason.fr.format(what=what.fr)),
                  POSSIBLE_MESSAGE.en.format(**said, reason=reason.en.format(what_en=what.en)))
    return Finding("possible-summary", Severity.WARNING, message, POSSIBLE_TIP, row_number=verdict.row,
                   field_name=verdict.column, field_number=verdict.position + 1, cell=verdict.cell,
                   extra={"statistic": verdict.kind, "reason": verdict.reason})


class SummaryRowCheck(KeepsValues, BaseTableCheck):
    name = "summary-row"
    types = ("summary-row", "possible-summary")
    blocking = ("summary-row",)  # the types it may report as errors (see ``TableCheck.blocking``)
    kept_columns = None  # every column: its numbers are read from its distinct values

    def start(self, context: CheckContext) -> None:
        from .numbers import PARSED_NUMBERS  # numpy: imported when a check runs

        self.scanner = SummaryScanner()
        self.preparations = (PARSED_NUMBERS,)  # shared with the other number checks, ahead on the reader's thread

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.scanner.feed(chunk, self.chunk_values(chunk))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return [finding(verdict) for verdict in self.scanner.verdicts(list(context.fields))]


class DropSummaryRows:
    name = "drop-summary-rows"
    reads = ("summary-row",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Supprimer les lignes de moyenne, de minimum ou de maximum", "Drop average, minimum or maximum rows")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        scanner = SummaryScanner()
        scanner.feed(table)
        certain = [verdict for verdict in scanner.verdicts([str(name) for name in table.columns]) if verdict.certain]
        changes = [Change(self.name, verdict.row, None, verdict.cell, None) for verdict in certain]
        return table.drop(index=[verdict.row for verdict in certain]), changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import findings

        certain = findings(context, ["summary-row"], Severity.ERROR)
        rows: dict[int, str | None] = {row: finding.cell or "" for finding in certain for row in finding.all_rows}
        return FixPlan(rows=rows) if rows else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[SummaryRowCheck]:
    return [SummaryRowCheck()]


@hookimpl
def odwb_fixes() -> list[DropSummaryRows]:
    return [DropSummaryRows()]
