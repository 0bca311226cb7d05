"""Check ``checkbox-column`` (warning): a column of ticks, « X » or empty, as a sheet used as a form of check boxes
has it (« Accessible PMR », « Parking », « Wi-Fi »).

On the portal an empty cell reads as no value, not as « non »: a filter on the column offers « X » and nothing else,
and a count of « non » is impossible. Said when the column's only value is one tick mark (:data:`TICKS`: « X »,
« x », « ✓ », « ✔ », « ☑ », « ☒ »), written at least :data:`MINIMUM` times, and it has empty cells. No fix: only the
author knows whether an empty cell means « non » or « not known ».
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg

TICKS = frozenset({"x", "✓", "✔", "☑", "☒"})
MINIMUM = 3

MESSAGE = Msg("Colonne « {field} » : des cases à cocher, « {tick} » ({ticks} fois) ou vides ({empty} fois) : sur le "
              "portail, une cellule vide se lit « pas de valeur », pas « non », et un filtre ne propose que « {tick} ».",
              "Column '{field}': check boxes, '{tick}' ({ticks} times) or empty ({empty} times): on the portal an empty "
              "cell reads as no value, not as 'no', and a filter offers only '{tick}'.")
TIP = Msg("Écrivez « Oui » et « Non » dans chaque cellule (Rechercher et remplacer : « {tick} » → « Oui », puis les cellules "
          "vides → « Non »), si une case vide veut bien dire non ; sinon, dites dans la description ce qu'elle veut dire.",
          "Write 'Yes' and 'No' in every cell (Find and replace: '{tick}' → 'Yes', then the empty cells → 'No'), if an "
          "empty box does mean no; otherwise, say in the description what it means.")


class CheckboxColumnCheck(BaseTableCheck):
    name = "checkbox-column"
    types = ("checkbox-column",)

    def start(self, context: CheckContext) -> None:
        self.other: set[str] = set()  # columns with another value: never said
        self.tick: dict[str, str] = {}  # the tick as the column writes it (its first one)
        self.ticks: Counter[str] = Counter()
        self.empty: Counter[str] = Counter()
        self.first: dict[str, tuple[int, int]] = {}  # the first tick's row, the column's number

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        name = column.name
        if name in self.other:
            return ()
        if len(column) > 2:
            self.other.add(name)
            return ()
        texts = [text.strip() for text in column.texts]
        if any(text.casefold() not in TICKS for text in texts) or len({text.casefold() for text in texts}) > 1 \
                or (name in self.tick and texts and texts[0].casefold() != self.tick[name].casefold()):
            self.other.add(name)
            return ()
        empty = column.codes < 0
        self.empty[name] += int(empty.sum())
        if texts:
            self.tick.setdefault(name, texts[0])
            self.ticks[name] += int((~empty).sum())
            if name not in self.first:
                self.first[name] = (int(column.rows[int(np.flatnonzero(~empty)[0])]), column.number)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for name, tick in self.tick.items():
            if name in self.other or self.ticks[name] < MINIMUM or not self.empty[name]:
                continue
            row, number = self.first[name]
            yield Finding("checkbox-column", Severity.WARNING,
                          MESSAGE.format(field=name, tick=tick, ticks=self.ticks[name], empty=self.empty[name]),
                          TIP.format(tick=tick), row_number=row, field_name=name, field_number=number, cell=tick,
                          extra={"ticks": self.ticks[name], "empty": self.empty[name]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[CheckboxColumnCheck]:
    return [CheckboxColumnCheck()]
