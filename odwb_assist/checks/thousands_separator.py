"""Check ``thousands-separator``: ``1 250`` or ``1.250.000``; fix: separators removed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .decimal_comma import convert_numbers, number_columns
from .tally import SMALL_CHUNK, ColumnTally

if TYPE_CHECKING:
    import pandas as pd

# Unambiguous: spaces or apostrophes between groups, several dot groups, or dot groups and a decimal comma.
SURE_RE2 = ("[ \t]*[+-]?[1-9][0-9]{0,2}(?:(?:[ \u00a0\u202f'][0-9]{3})+(?:,[0-9]+)?|(?:[.][0-9]{3}){2,}(?:,[0-9]+)?"
            "|(?:[.][0-9]{3})+,[0-9]+)[ \t]*")
# Ambiguous: 1.250 is 1250 only if no value of the column has another number of decimals or starts with
# « 0. » (a first group of thousands never starts with 0: 0.856 is a decimal number).
DOT3 = "[ \t]*[+-]?[1-9][0-9]{0,2}[.][0-9]{3}[ \t]*"
OTHER_DECIMALS = "[ \t]*[+-]?(?:[0-9]*[.](?:[0-9]{1,2}|[0-9]{4,})|0[.][0-9]+)[ \t]*"
FIX_PATTERN = "[ \t]*[+-]?[1-9][0-9]{0,2}(?:(?:[ \u00a0\u202f'.][0-9]{3})+)(?:,[0-9]+)?[ \t]*"

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) avec un séparateur de milliers (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} number(s) with a thousands separator (e.g. row {row}: '{cell}').")
TIP = Msg("Écrivez les nombres sans séparateur de milliers (1250, pas 1 250 ni 1.250) : Format de cellule > Nombre, "
          "décochez « séparateur de milliers », ou lancez « odwb-assist fix ».",
          "Write numbers without thousands separators (1250, not 1 250 or 1.250): Format cells > Number, untick "
          "'thousands separator', or run 'odwb-assist fix'.")


class ThousandsSeparatorCheck(BaseTableCheck):
    name = "thousands-separator"
    types = ("thousands-separator",)

    def start(self, context: CheckContext) -> None:
        self.sure = ColumnTally()
        self.dot3 = ColumnTally()
        self.other: Counter[str] = Counter()
        types = context.options.get("types", {})
        self.text = {name for name in context.fields if types.get(name, "string") in ("string", "any")}
        self.dotted = self.text | {name for name in context.fields if types.get(name) == "number"}

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        from .cells import fullmatch_mask, matching_cells, text_series

        python = len(chunk) <= SMALL_CHUNK  # all the columns at once (wide sheets), as :func:`.tally.matching`
        columns = list(chunk.columns)
        text = [p for p, column in enumerate(columns) if column in self.text]
        for position, cells in matching_cells(chunk, lambda v: fullmatch_mask(v, SURE_RE2, None, python), text):
            self.sure.add(str(columns[position]), position + 1, cells)
        dotted = [p for p, column in enumerate(columns) if column in self.dotted]
        if not dotted:
            return ()
        values = text_series(chunk, dotted)
        has_dot = values.str.contains(".", regex=False).to_numpy(dtype=bool)
        if not has_dot.any():
            return ()
        at = np.flatnonzero(has_dot)
        cells = values.iloc[at].reset_index(drop=True)
        dot3 = fullmatch_mask(cells, DOT3, None, python)
        other = cells.str.fullmatch(OTHER_DECIMALS).fillna(False).to_numpy(dtype=bool)
        height = len(chunk)
        index = chunk.index.to_numpy()
        owner = np.asarray(dotted)[at // height]
        for position in np.unique(owner):
            mine = owner == position
            column = str(columns[position])
            hits = mine & dot3
            self.dot3.add(column, int(position) + 1, cells[hits].set_axis(index[at[hits] % height]))
            self.other[column] += int((mine & other).sum())
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for column in list(self.dot3.counts):
            # 50.465 in a latitude column (a known kind) is a decimal number, never 50465.
            if self.other[column] or self.dot3.counts[column] < 2 or column in context.kinds:
                continue
            self.sure.counts[column] += self.dot3.counts[column]
            self.sure.numbers[column] = self.dot3.numbers[column]
            self.sure.rows.setdefault(column, []).extend(self.dot3.rows.get(column, []))
            examples = self.sure.examples.setdefault(column, [])
            examples.extend(self.dot3.examples[column])
            examples.sort()
        return self.sure.findings("thousands-separator", Severity.WARNING, MESSAGE, TIP)


class ThousandsSeparatorFix:
    name = "thousands-separator"
    label = Msg("Séparateurs de milliers supprimés", "Thousands separators removed")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        columns = number_columns(table, SURE_RE2)
        return convert_numbers(table, columns, FIX_PATTERN, self.name, ",")


@hookimpl
def odwb_checks(context: CheckContext) -> list[ThousandsSeparatorCheck]:
    return [ThousandsSeparatorCheck()]


@hookimpl
def odwb_fixes() -> list[ThousandsSeparatorFix]:
    return [ThousandsSeparatorFix()]
