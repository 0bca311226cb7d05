"""Structure errors found from raw rows, exactly as Frictionless's row processing reports them.

Used on the fast paths (a CSV with an inferred schema whose types :mod:`.typecheck` checks): the
engine then never asks Frictionless to process rows, and finds ``blank-row``, ``extra-cell`` and
``missing-cell`` here with Frictionless's rules (a blank row reports only ``blank-row``); the pyarrow reader
hands over the rows of another width with their cells (:mod:`.ragged`), found with :func:`cell_count_errors`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..core.findings import Finding
from .messages import RawError, from_frictionless

WIDE = 64  # columns: from this width on, blank rows are found from the raw cells (a pandas call per column is slow)


def structure_errors(rows: list[list[Any]], numbers: list[int], names: list[str], frame: pd.DataFrame) -> Iterator[Finding]:
    """Findings for blank rows and rows shorter or longer than the header (one chunk)."""
    width = len(names)
    if not rows:
        return
    blank = ~np.fromiter((any(cell not in ("", None) for cell in row[:width]) for row in rows), dtype=bool, count=len(rows)) \
        if width > WIDE else (frame == "").all(axis=1).to_numpy()
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    for index in np.flatnonzero((lengths != width) | blank):
        row = numbers[index]
        if blank[index]:
            yield from_frictionless(RawError("blank-row", row))
            continue
        yield from cell_count_errors(row, rows[index], names)


def cell_count_errors(row: int, cells: list[Any], names: list[str]) -> Iterator[Finding]:
    """A row longer than the header (one ``extra-cell`` per cell beyond it) or shorter (one ``missing-cell`` per
    cell it lacks), as Frictionless reports them; nothing for a row of the header's width."""
    width = len(names)
    if len(cells) > width:
        for number, cell in enumerate(cells[width:], start=width + 1):
            yield from_frictionless(RawError("extra-cell", row, "", number, str(cell)))
    else:
        for number in range(len(cells) + 1, width + 1):
            yield from_frictionless(RawError("missing-cell", row, names[number - 1], number, ""))
