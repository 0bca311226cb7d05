"""Check ``padded-numbers`` (warning): whole numbers a workbook shows with leading zeros (a format « 000 »: 40 shows
« 040 ») whose value, the one every reader and the portal get, has lost them; fix ``pad-as-shown``: the numbers as
the workbook shows them, « 040 ».

A budget's function codes (« 000 », « 040 », « 104 »), a file number « 00123 »: typed as numbers in Excel, they
keep their zeros on screen only through the cells' format, and the published file holds 0, 40, 123, no longer the
codes the administration uses. The cells are known from the workbook itself (:mod:`..quality.sheet_marks`: an XLSX
or XLS cell's format made of zeros only, an ODS cell whose text shows the zeros). Only a column whose every number
is shown so, with the same number of digits, is said; the fix writes each of them with its zeros, nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, RowNumbers, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .marked_numbers import MarkedNumbers, each_number, tagged_rows

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

WHOLE = re.compile(r"[ \t]*([0-9]+)[ \t]*")  # a whole number as its value is written (« 40 »)

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) affiché(s) avec des zéros en tête dans le classeur (ex. ligne "
              "{row} : {cell}, affiché {shown}) : le fichier publié perd ces zéros, {cell} au lieu de {shown}.",
              "Column '{field}': {count} number(s) shown with leading zeros in the workbook (e.g. row {row}: {cell}, "
              "shown {shown}): the published file loses those zeros, {cell} instead of {shown}.")
TIP = Msg("Ce sont des codes, pas des quantités : mettez la colonne au format Texte et retapez-les avec leurs zéros, "
          "ou lancez « odwb-assist fix », qui les écrit comme le classeur les montre.",
          "These are codes, not quantities: format the column as Text and type them again with their zeros, or run "
          "'odwb-assist fix', which writes them as the workbook shows them.")


def as_shown(text: str, width: int) -> str | None:
    """« 40 » → « 040 » (``width`` 3); None for a cell that is no whole number."""
    found = WHOLE.fullmatch(text)
    return found.group(1).zfill(width) if found else None


def padded_rows(detected: Any, fields: list[str]) -> dict[str, tuple[int | None, np.ndarray]]:
    """The table's columns holding numbers shown with leading zeros: label -> (their width, None when several;
    their physical rows, sorted)."""
    return tagged_rows(getattr(detected, "padded_cells", None) or [], fields)


class PaddedNumbersCheck(BaseTableCheck):
    name = "padded-numbers"
    types = ("padded-numbers",)

    def start(self, context: CheckContext) -> None:
        padded = padded_rows(context.options.get("detected"), list(context.fields))
        self.widths = {label: width for label, (width, _) in padded.items() if width is not None}
        self.numbers = MarkedNumbers({label: rows for label, (_, rows) in padded.items() if label in self.widths},
                                     self._alike)

    def _alike(self, label: str, texts: pd.Series) -> np.ndarray:
        """The whole numbers as long as the width or longer: the format shows them as they are, and an ODS cell
        tells its format only by the zeros it shows. Only the numbers that lose zeros are counted and shown."""
        import numpy as np

        width = self.widths[label]
        return np.fromiter((as_shown(text, width) == text.strip() for text in texts.tolist()), dtype=bool,
                           count=len(texts))

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.numbers.add(chunk)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        fields = list(context.fields)
        for label, marked, tally in self.numbers.columns(fields):
            if tally.others or tally.example is None:  # a number shown otherwise: not said
                continue
            row, cell = tally.example
            width = self.widths[label]
            shown = as_shown(cell, width)
            if shown is None:
                continue
            rows = RowNumbers(marked)
            yield Finding("padded-numbers", Severity.WARNING,
                          MESSAGE.format(field=label, count=len(rows), row=row, cell=cell, shown=shown), TIP,
                          row_number=row, field_name=label, field_number=fields.index(label) + 1, cell=cell,
                          count=len(rows), rows=rows, extra={"width": width, "shown": shown})


class PadAsShown:
    name = "pad-as-shown"
    reads = ("padded-numbers",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Codes écrits avec leurs zéros, comme le classeur les montre (40 → 040)",
                "Codes written with their zeros, as the workbook shows them (40 → 040)")

    def plan(self, context: FixContext) -> FixPlan | None:
        widths = _widths(context)
        return FixPlan(rewrites={label: partial(_padded, width=width) for label, width in widths.items()}) \
            if widths else None

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for label, width in _widths(context).items():
            if label in table.columns:
                values = table[label].astype(str)
                written = _padded(values, width)
                changes.extend(replace_cells(table, label, written[written != values], self.name))
        return table, changes


def _widths(context: FixContext) -> dict[str, int]:
    from ..quality.fix_plans import findings

    return {str(f.field_name): int(f.extra["width"]) for f in findings(context, ["padded-numbers"])
            if f.field_name and f.extra.get("width")}


def _padded(values: pd.Series, width: int) -> pd.Series:
    """Each whole number of a column written with ``width`` digits (the column's other cells as they are)."""
    return each_number(values, partial(as_shown, width=width))


@hookimpl
def odwb_checks(context: CheckContext) -> list[PaddedNumbersCheck]:
    return [PaddedNumbersCheck()]


@hookimpl
def odwb_fixes() -> list[PadAsShown]:
    return [PadAsShown()]
