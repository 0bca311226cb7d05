"""The numbers of a column that a workbook marks, and the others: what ``percent-cells`` and ``currency-cells`` count.

A workbook shows some of its number cells as a percentage (« 80,5 % ») or as an amount (« 1 250,00 € »); the
reader finds them in the workbook's own XML (:mod:`..quality.sheet_marks`) and hands their positions to the checks
in ``Detected``. A check then needs, per column, which of its numbers are marked and which are not, chunk by chunk:
:class:`MarkedNumbers` tallies both (their rows, their count, the first of each), on the text cells the engine reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# a number as a workbook's value is written (« 0.805 », « 1250 », « -3.5E-05 »)
NUMBER = re.compile(r"[ \t]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t]*")


def rows_by_column(cells: list[tuple[int, int]], fields: list[str]) -> dict[str, np.ndarray]:
    """(physical row, column number) of marked cells → label -> their rows, sorted (columns beyond ``fields`` out)."""
    import numpy as np

    found: dict[str, list[int]] = {}
    for row, column in cells:
        if 0 < column <= len(fields):
            found.setdefault(fields[column - 1], []).append(row)
    return {label: np.unique(np.asarray(rows, dtype=np.int64)) for label, rows in found.items()}


Tag = TypeVar("Tag")


def tagged_rows(cells: list[tuple[int, int, Tag]], fields: list[str]) -> dict[str, tuple[Tag | None, np.ndarray]]:
    """(physical row, column number, what the workbook shows: a currency, a width) of marked cells → label ->
    (what they show, None when the column's cells show several things; their rows, sorted)."""
    tags: dict[str, set[Tag]] = {}
    for _, column, tag in cells:
        if 0 < column <= len(fields):
            tags.setdefault(fields[column - 1], set()).add(tag)
    rows = rows_by_column([(row, column) for row, column, _ in cells], fields)
    return {label: (next(iter(tags[label])) if len(tags[label]) == 1 else None, found) for label, found in rows.items()}


def each_number(values: pd.Series, write: Callable[[str], str | None]) -> pd.Series:
    """A column with each cell ``write`` rewrites rewritten (None: a cell it leaves, not a number), the others as
    they are: the fixes that write the numbers as the workbook shows them."""
    texts = values.tolist()
    written = [write(text) if isinstance(text, str) else None for text in texts]
    if not any(new is not None and new != old for new, old in zip(written, texts, strict=True)):
        return values
    result = values.copy()
    result[:] = [new if new is not None else old for new, old in zip(written, texts, strict=True)]
    return result


TELLING = 1000  # numbers looked at for an example that is not zero


def _zero(text: str) -> bool:
    return float(text) == 0


def _first_telling(at: np.ndarray, texts: pd.Series) -> tuple[int, str]:
    """The first (row, cell) whose number is not zero, else the first: « 0 » shows « 0 % » or « 0,00 € » alike, an
    example that says nothing of what the workbook shows."""
    for row, text in zip(at[:TELLING].tolist(), texts.iloc[:TELLING].tolist(), strict=False):
        if not _zero(str(text)):
            return int(row), str(text).strip()
    return int(at[0]), str(texts.iloc[0]).strip()


@dataclass
class Tally:
    """One column's numbers: the rows of the marked ones (chunk by chunk), how many others, the first of each."""

    marked: list[np.ndarray] = field(default_factory=list)
    others: int = 0
    example: tuple[int, str] | None = None
    other_example: tuple[int, str] | None = None


class MarkedNumbers:
    """For each column with marked cells (label -> their rows), its numbers marked and not, over the chunks;
    ``alike(label, texts)``: which numbers show the same marked or not (counted neither way: « 104 » with a format
    « 000 »)."""

    def __init__(self, marked: dict[str, np.ndarray],
                 alike: Callable[[str, pd.Series], np.ndarray] | None = None) -> None:
        self.marked = marked
        self.alike = alike
        self.tallies: dict[str, Tally] = {}

    def add(self, chunk: pd.DataFrame) -> None:
        import numpy as np

        from .cells import fullmatch_mask

        for label, rows in self.marked.items():
            if label not in chunk.columns:
                continue
            cells = chunk[label]
            numbers = fullmatch_mask(cells if cells.dtype == "str" else cells.astype("str"), NUMBER.pattern)
            at = chunk.index.to_numpy(dtype=np.int64)[numbers]
            if not len(at):
                continue
            tally = self.tallies.setdefault(label, Tally())
            shown = np.isin(at, rows)
            texts = cells[numbers]
            if self.alike is not None:
                same = np.asarray(self.alike(label, texts), dtype=bool)
                if same.any():
                    at, shown, texts = at[~same], shown[~same], texts[~same]
            if not shown.all():
                tally.others += int((~shown).sum())
                if tally.other_example is None:
                    tally.other_example = (int(at[~shown][0]), str(texts[~shown].iloc[0]).strip())
            if shown.any():
                tally.marked.append(at[shown])
                if tally.example is None or _zero(tally.example[1]):
                    found = _first_telling(at[shown], texts[shown])
                    if tally.example is None or not _zero(found[1]):
                        tally.example = found

    def columns(self, fields: list[str]) -> list[tuple[str, np.ndarray, Tally]]:
        """The columns with marked numbers, in the table's order: (label, their rows, the tally)."""
        import numpy as np

        return [(label, np.concatenate(self.tallies[label].marked), self.tallies[label]) for label in fields
                if label in self.tallies and self.tallies[label].marked]
