"""Check ``belgium.outside-wallonia``: NIS codes, postal codes and coordinates elsewhere in Belgium.

In a Walloon column (most values in Wallonia) each value elsewhere in Belgium is a warning on its
row: probably a typo. In a column that is mostly outside Wallonia (a national, Flemish or Brussels
file) they are no mistake: the column gets one summary finding (severity info) with the count and
the first rows, not one finding per row. The majority is judged on the values seen so far, chunk
after chunk, so the check streams; values outside Belgium or invalid ones are the kinds' own
findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from . import nis, postal
from .coordinates import TERRITORIES
from .distinct import StashedColumns, emit_values, filled, stripped
from .findings import SOURCE, field_number
from .messages import MESSAGES, errors
from .titles import EXTRA

Territory = Callable[[ColumnValues, CheckContext], tuple[pd.Series, pd.Series]]


def _codes(territory: Callable[[pd.Series, CheckContext], tuple[pd.Series, pd.Series]]) -> Territory:
    return lambda column, context: territory(stripped(column), context)


KINDS: dict[str, tuple[Territory, str, str]] = {  # kind → (territory over distinct values, per-row type, summary type)
    "be-nis-code": (_codes(nis.territory), "be-nis-outside-wallonia", "be-nis-mostly-outside-wallonia"),
    "be-postal-code": (_codes(postal.territory), "be-postal-outside-wallonia", "be-postal-mostly-outside-wallonia"),
    **{kind: (territory, "coordinates-outside-wallonia", "coordinates-mostly-outside-wallonia")
       for kind, territory in TERRITORIES.items()},
}
EXAMPLES = 20


@dataclass
class _Column:
    walloon: int = 0
    elsewhere: int = 0
    summarised: int = 0
    examples: list[tuple[int, str]] = field(default_factory=list)


class OutsideWalloniaCheck(StashedColumns, BaseTableCheck):
    name = "belgium.outside-wallonia"
    types = tuple(sorted({t for _, row, column in KINDS.values() for t in (row, column)}))
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.columns = {name: kind for name, kind in context.kinds.items() if kind in KINDS and name in context.fields}
        self.state = {name: _Column() for name in self.columns}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        for name, kind in self.columns.items():
            if name in chunk.columns:
                yield from self._column(self.column(chunk, name), kind, context)
        self.forget()

    def _column(self, column: ColumnValues, kind: str, context: CheckContext) -> Iterable[Finding]:
        keep = filled(column)
        if not keep.any():
            return
        territory, row_type, _ = KINDS[kind]
        in_wallonia, in_belgium = territory(column, context)
        walloon = keep & np.asarray(in_wallonia, dtype=bool)
        elsewhere = keep & np.asarray(in_belgium, dtype=bool)
        state = self.state[column.name]
        state.walloon += int(column.counts[walloon].sum())
        state.elsewhere += int(column.counts[elsewhere].sum())
        if not elsewhere.any():
            return
        if state.elsewhere <= state.walloon:
            extra = (lambda cell: nis.classify(cell.strip())[1]) if row_type == "be-nis-outside-wallonia" else None
            yield from emit_values(row_type, column, elsewhere, context, extra)
            return
        state.summarised += int(column.counts[elsewhere].sum())
        room = EXAMPLES - len(state.examples)
        if room > 0:
            hits = column.row_mask(elsewhere)
            rows, codes = column.rows[hits][:room], column.codes[hits][:room]
            cells = stripped(column).to_numpy(dtype=object)[codes]
            state.examples.extend((int(row), str(cell)) for row, cell in zip(rows, cells, strict=True))

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for name, state in self.state.items():
            if not state.summarised:
                continue
            _, _, summary_type = KINDS[self.columns[name]]
            entry = MESSAGES[summary_type]
            shown = ", ".join(cell for _, cell in state.examples[:3])
            values = {"field": name, "count": state.summarised, "total": state.walloon + state.elsewhere,
                      "examples": shown, "cell": state.examples[0][1]}
            yield Finding(
                type=summary_type, severity=entry.severity, message=entry.message.format(**values),
                tip=entry.tip.format(**values), row_number=state.examples[0][0], field_name=name,
                field_number=field_number(context, name), cell=state.examples[0][1], source=SOURCE,
                extra={"count": state.summarised, "examples": [{"rowNumber": r, "cell": c} for r, c in state.examples],
                       "title": EXTRA[summary_type]},
            )
