"""Column tallies shared by the built-in checks: count matching cells chunk by chunk, report once per column.

A problem that affects a whole column (decimal commas, dd/mm/yyyy dates, units) is reported as one
finding per column — on the first row where it occurs, with the number of cells and a few more
example rows in ``extra`` — rather than one finding per cell, so that a million-row file gives a
readable report and a bounded memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..core.findings import Finding, RowNumbers, Severity
from ..core.i18n import Msg
from .cells import compiled

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..core.contract import ColumnValues

EXAMPLES = 20


def number_text(count: int) -> str:
    return f"{count:,}".replace(",", " ")


class ColumnTally:
    """Matching cells per column: how many, and the first few (row number, cell)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[tuple[int, str]]] = {}
        self.numbers: dict[str, int] = {}
        # every matching row (the finding's ``rows``), per chunk: an array, or its runs of consecutive rows (a column
        # flagged whole costs a few bytes per chunk, not 8 a row: the memory of a run must not grow with the rows)
        self.rows: dict[str, list[np.ndarray | Runs]] = {}

    def add(self, column: str, number: int, values: pd.Series) -> None:
        """Count the cells of ``values`` (already filtered to the matching ones; index = row numbers)."""
        if values.empty:
            return
        self.counts[column] += len(values)
        self.numbers[column] = number
        import numpy as np

        self.rows.setdefault(column, []).append(_compact(values.index.to_numpy(dtype=np.int64)))
        kept = self.examples.setdefault(column, [])
        if len(kept) < EXAMPLES:
            for row, cell in values.head(EXAMPLES - len(kept)).items():
                kept.append((int(row), str(cell)))

    def add_values(self, column: ColumnValues, mask: np.ndarray) -> None:
        """Count the cells of ``column`` whose distinct value ``mask`` flags (what :meth:`add` counts of
        ``column.cells(mask)``, without turning every flagged cell into text: only the examples are)."""
        import numpy as np

        if not mask.any():
            return
        selected = column.row_mask(mask)
        rows = column.rows[selected]
        if not len(rows):
            return
        name = column.name
        self.counts[name] += len(rows)
        self.numbers[name] = column.number
        self.rows.setdefault(name, []).append(_compact(rows.astype(np.int64, copy=False)))
        kept = self.examples.setdefault(name, [])
        need = EXAMPLES - len(kept)
        if need > 0:
            codes = column.codes[selected][:need]
            if len(column.codes) <= column.SMALL:  # a short chunk: its few values as a list, no pandas call
                texts = column.texts
                picked = [texts[int(code)] for code in codes]
            else:
                picked = column.values.iloc[codes].tolist()
            kept.extend((int(row), str(cell)) for row, cell in zip(rows[:need].tolist(), picked, strict=True))

    def merge(self, other: ColumnTally) -> None:
        """Add the cells ``other`` counted to these (its examples among these, by row); the columns then go in the
        table's order."""
        if not other.counts:
            return
        for column, count in other.counts.items():
            self.counts[column] += count
            self.numbers.setdefault(column, other.numbers[column])
            self.rows.setdefault(column, []).extend(other.rows.get(column, []))
            self.examples[column] = sorted(self.examples.get(column, []) + other.examples.get(column, []))[:EXAMPLES]
        self.counts = Counter(dict(sorted(self.counts.items(), key=lambda item: self.numbers.get(item[0], 0))))

    def findings(self, type_: str, severity: Severity, message: Msg, tip: Msg,
                 show: Callable[[str], str] | None = None,
                 fill: Callable[[str, str], dict[str, object]] | None = None) -> Iterator[Finding]:
        """One finding per column; ``message`` may use {field}, {count}, {cell}, {row}, and the values ``fill`` gives
        for a column and its first example cell; ``show``: how the example cells are written (as they are by
        default)."""
        for column, count in self.counts.items():
            examples = self.examples.get(column, [])
            if show is not None:
                examples = [(r, show(c)) for r, c in examples]
            row, cell = examples[0] if examples else (None, None)
            yield Finding(
                type=type_, severity=severity,
                message=message.format(field=column, count=number_text(count), cell=clipped(cell), row=row,
                                       **(fill(column, str(cell)) if fill is not None else {})),
                tip=tip, row_number=row, field_name=column, field_number=self.numbers.get(column),
                cell=cell, extra={"count": count, "examples": [{"rowNumber": r, "cell": c} for r, c in examples]},
                count=count, rows=_sorted_rows(self.rows.get(column, [])),
            )


MESSAGE_WIDTH = 80  # characters of an example cell a message quotes (the finding's ``cell`` keeps it whole)


def clipped(cell: str | None) -> str | None:
    """An example cell as a message quotes it: whole up to :data:`MESSAGE_WIDTH` characters, else that many around
    the first character shown « <U+…> » (what the finding is about), or from its start, « … » where it is cut."""
    if cell is None or len(cell) <= MESSAGE_WIDTH:
        return cell
    start = max(0, min(cell.find("<U+") - MESSAGE_WIDTH // 2, len(cell) - MESSAGE_WIDTH))
    return ("…" if start else "") + cell[start:start + MESSAGE_WIDTH] + ("…" if start + MESSAGE_WIDTH < len(cell) else "")


class Runs(NamedTuple):
    """Rows as runs of consecutive numbers: the first row of each run and its length."""

    starts: np.ndarray
    lengths: np.ndarray


def _compact(rows: np.ndarray) -> np.ndarray | Runs:
    """``rows`` as :class:`Runs` when that takes less than half their memory, else as they are."""
    import numpy as np

    if len(rows) < 64:
        return rows
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    if (len(breaks) + 1) * 4 > len(rows):
        return rows
    bounds = np.concatenate([[0], breaks, [len(rows)]])
    return Runs(rows[bounds[:-1]], np.diff(bounds))


def _sorted_rows(parts: list[np.ndarray | Runs]) -> RowNumbers:
    import numpy as np

    if not parts:
        return RowNumbers(())
    runs = [part if isinstance(part, Runs) else None for part in parts]
    if all(run is not None for run in runs):  # kept as runs when in order: no array of every row
        starts = np.concatenate([run.starts for run in runs if run is not None])
        lengths = np.concatenate([run.lengths for run in runs if run is not None])
        if len(starts) < 2 or bool((starts[1:] >= starts[:-1] + lengths[:-1]).all()):
            return RowNumbers.from_runs(starts, lengths)
    rows = np.empty(sum(len(p) if not isinstance(p, Runs) else int(p.lengths.sum()) for p in parts), dtype=np.int64)
    at = 0
    for part in parts:  # written in place: no list of expanded copies, no concatenation
        if isinstance(part, Runs):
            size = int(part.lengths.sum())
            rows[at:at + size] = np.arange(size) + np.repeat(part.starts - (np.cumsum(part.lengths) - part.lengths),
                                                             part.lengths)
        else:
            size = len(part)
            rows[at:at + size] = part
        at += size
    if len(rows) > 1 and (rows[1:] < rows[:-1]).any():
        rows.sort()
    return RowNumbers(rows)


def field_number(chunk: pd.DataFrame, column: object) -> int:
    return int(chunk.columns.get_loc(column)) + 1


SMALL_CHUNK = 1000  # rows: below this, plain Python beats a pandas string call (wide sheets, few rows)



def matching(column: pd.Series, pattern: str, prefilter: str | None = None) -> pd.Series:
    """The cells of ``column`` that fully match ``pattern`` (after a cheap substring prefilter)."""
    if len(column) <= SMALL_CHUNK:
        fullmatch = compiled(pattern).fullmatch
        keep = [i for i, v in enumerate(column.tolist())
                if isinstance(v, str) and (prefilter is None or prefilter in v) and fullmatch(v)]
        return column.iloc[keep]
    series = column
    if prefilter is not None:
        mask = series.str.contains(prefilter, regex=False)
        if not mask.any():
            return series.iloc[0:0]
        series = series[mask]
    found = series.str.fullmatch(pattern).fillna(False).astype(bool)
    return series[found]


SMALL_VALUES = 200  # distinct values: below this, Python's re beats a pandas string call


def values_where(column: ColumnValues, mask: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """Which of the distinct values of ``column`` that ``mask`` flags (a few: a pattern's matches) pass ``test``, a
    Python function of one value's text."""
    import numpy as np

    kept = np.zeros(len(mask), dtype=bool)
    at = np.flatnonzero(mask)
    if len(at):
        kept[at] = [test(str(text)) for text in column.values.iloc[at].tolist()]
    return kept


def value_mask(column: ColumnValues, pattern: str, prefilter: str | None = None) -> np.ndarray:
    """Which distinct values of ``column`` fully match ``pattern`` (after a cheap substring prefilter): a mask
    over ``column.values``, for :meth:`.ColumnValues.cells` or :meth:`.ColumnValues.rows_where`."""
    import numpy as np

    from .cells import fullmatch_mask

    if len(column) > SMALL_VALUES:
        return fullmatch_mask(column.values, pattern, prefilter)
    fullmatch = compiled(pattern).fullmatch
    return np.fromiter(((prefilter is None or prefilter in v) and fullmatch(v) is not None for v in column.texts),
                       dtype=bool, count=len(column))
