"""Check ``total-column`` (warning): a column of row totals (« Total général » of a pivot table, « Total » after
« Hommes » and « Femmes »), each of its numbers the sum of the numbers on its left.

A derived column: whoever sums a row counts it twice, and a pivot's « Total général » turned into rows (one per year,
as ``year-columns`` advises) becomes a year that is none. It is often wanted, though (the total births of a commune):
a warning, and no fix; the advice is to say it in the field's description, or to leave it to the portal's users.
Said only when certain: the label says « total » and nothing else (« Total », « Total général », « Totaal »,
« Somme », a unit in brackets after it; « Total2 », the second of two, too), and on every row where it has a number
that number is the sum (to a cent per number summed) of the two columns or more just on its left, read as numbers
whatever their writing (« 1.234,5 »); an empty cell counts as 0, a word leaves the row unproven, and so the column.
The run summed is the longest one that adds up on every row (a code column further left, « Code INS », is no part of
it). A column « Population totale », or one whose numbers do not add up, is not said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .tally import number_text
from .total_markers import Marker, marker

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MESSAGE = Msg("La colonne « {field} » est, sur chacune de ses {count} lignes, la somme des colonnes {summed} : une "
              "colonne de total, calculée à partir des autres.",
              "Column '{field}' is, on each of its {count} rows, the sum of the columns {summed_en}: a column of "
              "totals, computed from the others.")
TIP = Msg("Gardez-la si elle est utile, et dites dans sa description de quoi elle est la somme (« Total = Hommes + "
          "Femmes ») : qui additionne une ligne ne la comptera pas deux fois. Sinon supprimez-la : les utilisateurs du "
          "portail calculent eux-mêmes les totaux.",
          "Keep it if it is useful, and say in its description what it adds up ('Total = Men + Women'): whoever sums "
          "a row will not count it twice. Otherwise delete it: the portal's users compute totals themselves.")
UNIT = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")  # « Total (€) »
MINIMUM_ROWS = 2
SLACK = 0.01  # per number summed: amounts rounded to the cent


def total_label(label: str) -> bool:
    """Whether a column's label says « total » and nothing else (a unit in brackets aside)."""
    return marker(UNIT.sub("", label)) == Marker.EXACT


@dataclass
class Candidate:
    """A column labelled as a total: for each width of the run on its left (2, 3…), whether every row adds up."""

    position: int
    run: list[int]  # the number columns just on its left, nearest first
    holds: list[bool] = field(default_factory=list)  # index k: the k + 2 nearest columns add up on every row so far
    rows: int = 0  # rows where it has a number


class RowTotalsCheck(BaseTableCheck):
    name = "total-column"
    types = ("total-column",)

    def start(self, context: CheckContext) -> None:
        self.candidates: list[Candidate] = []
        fields = [str(label) for label in context.fields]
        for position, label in enumerate(fields):
            base = label.rstrip("0123456789")  # « Total2 »: the reader's name for a second « Total »
            if position >= 2 and total_label(base if base != label and base in fields[:position] else label):
                self.candidates.append(Candidate(position, list(range(position - 1, -1, -1))))
        self.started = False

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if not self.candidates or chunk.empty:
            return ()
        import numpy as np

        from .numbers import parse_frame

        numbers, text = parse_frame(chunk, shared=True)
        for candidate in self.candidates:
            if not self.started:  # the run: the columns just on its left that hold numbers and no word
                run = []
                for position in candidate.run:
                    if text[:, position].any() or np.isnan(numbers[:, position]).all():
                        break
                    run.append(position)
                candidate.run = run
                candidate.holds = [True] * max(0, len(run) - 1)
            _add(candidate, numbers, text)
        self.started = True
        self.candidates = [candidate for candidate in self.candidates if any(candidate.holds)]
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        fields = list(context.fields)
        for candidate in self.candidates:
            widths = [k + 2 for k, holds in enumerate(candidate.holds) if holds]
            if not widths or candidate.rows < MINIMUM_ROWS:
                continue
            summed = sorted(candidate.run[:max(widths)])
            label = fields[candidate.position]
            first, last = fields[summed[0]], fields[summed[-1]]
            yield Finding("total-column", Severity.WARNING,
                          MESSAGE.format(field=label, count=number_text(candidate.rows),
                                         summed=f"« {first} » {'et' if len(summed) == 2 else 'à'} « {last} »",
                                         summed_en=f"'{first}' {'and' if len(summed) == 2 else 'to'} '{last}'"),
                          TIP, row_number=context.header_row, field_name=label, field_number=candidate.position + 1,
                          extra={"summed": [fields[p] for p in summed], "rows": candidate.rows})


def _add(candidate: Candidate, numbers: np.ndarray, text: np.ndarray) -> None:
    """Whether each run width still adds up, on the rows of a chunk where the candidate has a number."""
    import numpy as np

    total = numbers[:, candidate.position]
    has = ~np.isnan(total)
    if not has.any():
        return
    candidate.rows += int(has.sum())
    if text[has, candidate.position].any():
        candidate.holds = [False] * len(candidate.holds)
        return
    summed = np.zeros(int(has.sum()))
    seen = np.zeros(int(has.sum()), dtype=bool)
    for width, position in enumerate(candidate.run, start=1):
        if text[has, position].any():  # a word among the numbers: no run this wide or wider adds up
            for k in range(max(0, width - 2), len(candidate.holds)):
                candidate.holds[k] = False
            return
        column = numbers[has, position]
        seen |= ~np.isnan(column)
        summed += np.nan_to_num(column)
        if width >= 2 and candidate.holds[width - 2]:
            candidate.holds[width - 2] = bool((seen & (np.abs(total[has] - summed) <= SLACK * width)).all())


@hookimpl
def odwb_checks(context: CheckContext) -> list[RowTotalsCheck]:
    return [RowTotalsCheck()]
