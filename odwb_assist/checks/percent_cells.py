"""Check ``percent-cells`` (warning): numbers a workbook shows as a percentage (« 80,5 % ») whose value, the one every
reader and the portal get, is the fraction (0.805); fix ``percent-as-shown``: the numbers as the workbook shows
them, « 80.5 », and « (%) » in the column's title. Check ``percent-mixed`` (warning): a column where some numbers
are shown so and others not (« 80,5 % » above a rate typed « 75 », or a count): the published column mixes
fractions and other numbers; no fix, since which of them are rates only its author knows.

A participation rate, an occupancy rate, a budget's execution formatted « 0,0 % » in Excel or LibreOffice is
published as 0.805 under a title that says nothing of it (or says « % »): read as 0.805 %, or as 0.805 of something.
The cells are known from the workbook itself (:mod:`..quality.sheet_marks`: an XLSX cell's style, an ODS cell's
``office:value-type="percentage"``, an XLS cell's format). Only a column whose every number is shown so is said, so
that the fix multiplies every number of it by 100, exactly (decimal arithmetic: 0.805 → 80.5, never 80.50000000001).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, FixContext, FixPlan
from ..core.findings import Finding, RowNumbers, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import current_titles, rename_columns, replace_cells
from .marked_numbers import NUMBER, MarkedNumbers, each_number, rows_by_column

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) affiché(s) en pourcentage dans le classeur (ex. ligne {row} : "
              "{cell}, affiché {shown_fr} %) : le fichier publié contient la fraction, {cell}, pas {shown}.",
              "Column '{field}': {count} number(s) shown as a percentage in the workbook (e.g. row {row}: {cell}, "
              "shown {shown} %): the published file holds the fraction, {cell}, not {shown}.")
MIXED_MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) affiché(s) en pourcentage dans le classeur (ex. ligne {row} : "
                    "{cell}, affiché {shown_fr} %), et {others} autre(s) non (ex. ligne {other_row} : {other}) : le "
                    "fichier publié mélange des fractions et d'autres nombres.",
                    "Column '{field}': {count} number(s) shown as a percentage in the workbook (e.g. row {row}: {cell}, "
                    "shown {shown} %), and {others} other(s) not (e.g. row {other_row}: {other}): the published file "
                    "mixes fractions and other numbers.")
MIXED_TIP = Msg("Dans le classeur, écrivez les taux de la même façon (tous au format pourcentage, ou tous comme nombres "
                "de 0 à 100 avec « (%) » dans le titre), et mettez un nombre d'une autre sorte (un total, un effectif) "
                "dans une colonne à part. « odwb-assist fix » ne change pas cette colonne : lui ne sait pas lesquels sont "
                "des taux.",
                "In the workbook, write the rates the same way (all in percentage format, or all as numbers from 0 to "
                "100 with '(%)' in the title), and put a number of another kind (a total, a head count) in a column of "
                "its own. 'odwb-assist fix' leaves this column as it is: it cannot tell which numbers are rates.")
TIP = Msg("Multipliez ces nombres par 100 et ajoutez « (%) » au titre de la colonne, ou lancez « odwb-assist fix », "
          "qui le fait.",
          "Multiply these numbers by 100 and add '(%)' to the column's title, or run 'odwb-assist fix', which does.")


def as_shown(text: str) -> str | None:
    """« 0.805 » → « 80.5 » (the number × 100, exactly); None for a cell that is no number."""
    if NUMBER.fullmatch(text) is None:
        return None
    try:
        value = Decimal(text.strip()) * 100
    except InvalidOperation:
        return None
    written = format(value.normalize(), "f")
    return "0" if written in ("-0", "+0") else written


def percent_rows(detected: Any, fields: list[str]) -> dict[str, np.ndarray]:
    """The table's columns holding numbers shown as a percentage: label -> their physical rows (sorted)."""
    return rows_by_column(getattr(detected, "percent_cells", None) or [], fields)


class PercentCellsCheck(BaseTableCheck):
    name = "percent-cells"
    types = ("percent-cells", "percent-mixed")

    def start(self, context: CheckContext) -> None:
        self.numbers = MarkedNumbers(percent_rows(context.options.get("detected"), list(context.fields)))

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        self.numbers.add(chunk)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        fields = list(context.fields)
        for label, marked, tally in self.numbers.columns(fields):
            rows = RowNumbers(marked)
            assert tally.example is not None
            row, cell = tally.example
            shown = as_shown(cell) or cell
            number = fields.index(label) + 1
            if tally.others:  # numbers not shown as a percentage: the column is ``percent-mixed``
                assert tally.other_example is not None
                other_row, other = tally.other_example
                yield Finding("percent-mixed", Severity.WARNING,
                              MIXED_MESSAGE.format(field=label, count=len(rows), row=row, cell=cell, shown=shown,
                                                   shown_fr=shown.replace(".", ","), others=tally.others,
                                                   other_row=other_row, other=other), MIXED_TIP,
                              row_number=row, field_name=label, field_number=number, cell=cell, count=len(rows),
                              rows=rows, extra={"shown": shown, "others": tally.others,
                                                "otherExample": {"rowNumber": other_row, "cell": other}})
                continue
            yield Finding("percent-cells", Severity.WARNING,
                          MESSAGE.format(field=label, count=len(rows), row=row, cell=cell, shown=shown,
                                         shown_fr=shown.replace(".", ",")), TIP,
                          row_number=row, field_name=label, field_number=number,
                          cell=cell, count=len(rows), rows=rows, extra={"shown": shown})


class PercentAsShown:
    name = "percent-as-shown"
    reads = ("percent-cells",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Pourcentages écrits comme le classeur les montre (0.805 → 80.5, titre « (%) »)",
                "Percentages written as the workbook shows them (0.805 → 80.5, title '(%)')")

    def plan(self, context: FixContext) -> FixPlan | None:
        labels = _reported(context)
        if not labels:
            return None
        now = current_titles(context)  # the titles the fixes before leave
        rename = {now.get(label, label): titled(now.get(label, label)) for label in labels
                  if titled(now.get(label, label)) != now.get(label, label)}
        return FixPlan(rewrites=dict.fromkeys(labels, _multiplied), rename=rename,
                       changes=[Change(self.name, None, new, old, new) for old, new in rename.items()])

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        labels = [label for label in _reported(context) if label in table.columns]
        for label in labels:
            values = table[label].astype(str)
            written = _multiplied(values)
            changes.extend(replace_cells(table, label, written[written != values], self.name))
        table, renamed = rename_columns(table, {label: titled(label) for label in labels if titled(label) != label},
                                        self.name)
        return table, changes + renamed


def _reported(context: FixContext) -> list[str]:
    from ..quality.fix_plans import columns_of

    return columns_of(context, ["percent-cells"])


def titled(label: str) -> str:
    """« Participation » → « Participation (%) »; a title that says « % » already stays."""
    return label if "%" in label else f"{label.rstrip()} (%)"


def _multiplied(values: pd.Series) -> pd.Series:
    """Each number of a column × 100, exactly (the column's other cells as they are)."""
    return each_number(values, as_shown)


@hookimpl
def odwb_checks(context: CheckContext) -> list[PercentCellsCheck]:
    return [PercentCellsCheck()]


@hookimpl
def odwb_fixes() -> list[PercentAsShown]:
    return [PercentAsShown()]
