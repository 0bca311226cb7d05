"""Checks and fixes that judge each cell alone: a rule on one cell's text, with a prefilter on its bytes.

Most cells of most columns cannot match (a formula's error starts with « # », a spoilt accent holds the byte
0xC3…): a rule reads what it needs from the Arrow buffers of a column's distinct values in one numpy pass, and
tests only the few cells left with its Python function. A :class:`CellRule` holds both; :class:`CellCheck` reports
the cells it flags, one finding per column (:class:`.tally.ColumnTally`); :class:`CellRewrite` rewrites them in the
columns the check reported, :class:`TitledCellRewrite` the column titles too (:func:`title_finding` is what such a
check says of a title). Used by ``excel-error``, ``double-encoding``, ``html-in-cells``,
``scientific-notation`` and ``number-notes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan, ValuesPreparation
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from ..quality.fixing import current_titles, label_renames, rename_columns, replace_cells
from .cells import one_array
from .tally import SMALL_VALUES, ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa


def _bytes_seen(column: ColumnValues) -> np.ndarray | None:
    """Which of the 256 byte values occur in the column's distinct values (None: not Arrow text)."""
    import numpy as np

    cells = column.arrow
    if cells is None:
        return None
    cells = one_array(cells)
    seen = np.zeros(256, dtype=bool)
    if len(cells) and cells.buffers()[2] is not None:
        offsets, data = buffer(cells)
        seen[data[int(offsets[0]): int(offsets[-1])]] = True
    return seen


# the bytes of each chunk column, read once (ahead, on the CSV reader's thread) for every rule with ``needs``: on a
# table of figures, a rule whose cells must hold « # », « < » or an accent's byte is done with a column in one lookup
BYTES_SEEN = ValuesPreparation("bytes-seen", _bytes_seen)


def may_hold_letters(column: ColumnValues, *, beyond_ascii: bool = False) -> bool:
    """Whether the column's values may hold an ASCII letter (or, with ``beyond_ascii``, any byte beyond ASCII: an
    accented letter); True when unknown. A column of figures holds none: a check for words is done with it."""
    seen = BYTES_SEEN(column)
    if seen is None:
        return True
    return bool(seen[0x41:0x5B].any() or seen[0x61:0x7B].any() or (beyond_ascii and seen[0x80:].any()))


@dataclass(frozen=True)
class CellRule:
    """``test`` says whether one cell's text matches; ``candidates`` which cells of an Arrow text array may (a
    mask: the cells it leaves out never match); ``needs``, when given, the bytes (ASCII characters, or byte values
    written as ``chr(byte)``: « \\xc3 ») one of which every candidate holds: a column holding none of them is left
    at once (``tests/unit/quality/test_rule_bytes.py`` holds each rule to it)."""

    test: Callable[[str], bool]
    candidates: Callable[[pa.Array], np.ndarray]
    needs: str = ""

    def mask(self, values: pd.Series) -> np.ndarray:
        """True where a cell of ``values`` matches (the prefilter first on Arrow text, then the test)."""
        import numpy as np

        from .cells import arrow_text

        cells = arrow_text(values)
        if cells is None:
            texts = values.tolist()
            return np.fromiter((isinstance(t, str) and self.test(t) for t in texts), dtype=bool, count=len(texts))
        return self.arrow_mask(cells)

    def arrow_mask(self, cells: pa.Array | pa.ChunkedArray) -> np.ndarray:
        import numpy as np
        import pyarrow as pa

        cells = one_array(cells)
        data = cells.buffers()[2] if len(cells) else None
        if data is None or not data.size:  # no cell holds a byte (all empty or null): the prefilters read none
            return np.zeros(len(cells), dtype=bool)
        mask = np.asarray(self.candidates(cells), dtype=bool).copy()
        if mask.any():
            at = np.flatnonzero(mask)
            mask[at] = [text is not None and self.test(text) for text in cells.take(pa.array(at)).to_pylist()]
        return mask

    def values_mask(self, column: ColumnValues) -> np.ndarray:
        """:meth:`mask` over a column's distinct values (a few of them: in plain Python)."""
        import numpy as np

        if len(column) > SMALL_VALUES:
            if self.needs and not self.may_hold(column):
                return np.zeros(len(column), dtype=bool)
            return self.mask(column.values)
        return np.fromiter((self.test(text) for text in column.texts), dtype=bool, count=len(column))


    def may_hold(self, column: ColumnValues) -> bool:
        """Whether the column's values hold one of the bytes a candidate needs (True when unknown)."""
        from .cells import byte_set

        seen = BYTES_SEEN(column)
        return seen is None or bool((seen & byte_set(self.needs)).any())


def buffer(cells: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(the byte offsets of an Arrow text array's cells, ``len + 1`` of them; its data buffer as bytes)."""
    import numpy as np

    from .cells import byte_offsets

    return byte_offsets(cells), np.frombuffer(cells.buffers()[2], dtype=np.uint8)


def cells_at(offsets: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """A mask over the cells holding the bytes at ``positions`` (positions in the data buffer)."""
    import numpy as np

    mask = np.zeros(len(offsets) - 1, dtype=bool)
    if len(positions):
        owners = np.searchsorted(offsets, positions, side="right") - 1
        mask[owners[(owners >= 0) & (owners < len(mask))]] = True
    return mask


class CellCheck(BaseTableCheck):
    """A check of each cell against :attr:`rule`, one finding per column (``message`` may use {field}, {count},
    {cell}, {row})."""

    rule: CellRule
    severity: Severity
    message: Msg
    tip: Msg

    @property
    def preparations(self) -> tuple[ValuesPreparation, ...]:
        """The bytes of each column, read ahead on the CSV reader's thread (:attr:`CellRule.needs`)."""
        return (BYTES_SEEN,)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        self.tally.add_values(column, self.rule.values_mask(column))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return self.tally.findings(self.types[0], self.severity, self.message, self.tip)


class CellRewrite:
    """A fix writing ``rewrite(cell)`` in place of each cell :attr:`rule` flags, in the columns where the check
    reported one of the finding types ``reads`` (its plan). On the whole table (:meth:`apply`) it rewrites every column,
    or, with :attr:`reported_only`, those same columns: when a cell alone does not tell (« 5000.0 » in a column of
    measures, « 03/2024 » in a column of file numbers), the check's verdict on the column does."""

    name: str
    reads: tuple[str, ...]
    label: Msg
    rule: CellRule
    reported_only = False

    def rewrite(self, text: str) -> str:
        raise NotImplementedError

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        from ..quality.fix_plans import columns_of

        changes: list[Change] = []
        table = table.copy()
        columns = [column for column in columns_of(context, list(self.reads)) if column in table.columns] \
            if self.reported_only else list(table.columns)
        for column in columns:
            values = table[column].astype(str)
            found = values[self.rule.mask(values)]
            changes.extend(replace_cells(table, column, found.map(self.rewrite), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of

        columns = columns_of(context, list(self.reads))
        return FixPlan(rewrites=dict.fromkeys(columns, self.rewritten)) if columns else None

    def rewritten(self, values: pd.Series) -> Any:
        """The column with its flagged cells rewritten (a plan's rewrite: a function of each cell alone)."""
        mask = self.rule.mask(values)
        if not mask.any():
            return values
        written = values.copy()
        written[mask] = [self.rewrite(text) for text in values[mask].tolist()]
        return written


class TitledCellRewrite(CellRewrite):
    """A :class:`CellRewrite` that writes the column titles as it writes the cells (never onto another column's
    title): a title holding what the rule flags is as spoilt as a cell."""

    def title(self, label: str) -> str | None:
        """The new title of a column (None: kept)."""
        return self.rewrite(label) if self.rule.test(label) else None

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        table, changes = super().apply(table, context)
        table, renamed = rename_columns(table, label_renames([str(c) for c in table.columns], self.title), self.name)
        return table, changes + renamed

    def plan(self, context: FixContext) -> FixPlan | None:
        plan = super().plan(context)  # a title the check reported names its column: the plan exists
        if plan is None:
            return None
        plan.rename = label_renames(list(current_titles(context).values()), self.title)
        plan.changes = [Change(self.name, None, new, old, new) for old, new in plan.rename.items()]
        return plan


def title_finding(kind: str, severity: Severity, message: Msg, tip: Msg, context: CheckContext, number: int,
                  title: str, extra: dict[str, Any]) -> Finding:
    """A check's finding about the title of column ``number`` (the header's row)."""
    return Finding(kind, severity, message, tip, row_number=context.header_row, field_name=title, field_number=number,
                   cell=title, extra=extra)
