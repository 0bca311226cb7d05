"""Check ``single-column-table``: a whole table typed into one column as ``;``-, tab- or ``,``-separated text.

Found when the table has one column (others, if any, have neither label nor value), its label splits
into at least two labels on a separator (three on a comma: « Nom, prénom » is one label), and nine
rows in ten split on it into as many parts or fewer. Fix: split the column into one column per label
(only when no row has more parts than labels).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import Change, CheckContext, FixContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.messages import delimiter_words
from .shapes import HeadSampleCheck

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Tout le tableau est dans une seule colonne : chaque cellule contient des valeurs séparées par "
              "« {separator} » ({count} colonnes : {labels}).",
              "The whole table sits in one column: each cell holds values separated by '{separator}' "
              "({count} columns: {labels}).")
TIP = Msg("Séparez la colonne : dans Excel, Données > Convertir (délimité, séparateur « {separator} ») ; dans "
          "LibreOffice, Données > Texte en colonnes. Ou ouvrez le fichier d'origine en précisant le séparateur. "
          "« odwb-assist fix » sépare la colonne.",
          "Split the column: in Excel, Data > Text to Columns (delimited, separator '{separator}'); in LibreOffice, "
          "Data > Text to Columns. Or open the original file with the right separator. 'odwb-assist fix' splits it.")
SEPARATORS = (";", "\t", ",", "|")
SAMPLE = 500


def split(text: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=separator))
    except (csv.Error, StopIteration):
        return text.split(separator)


def value_column(table: pd.DataFrame) -> str | None:
    """The one column holding values (the others unlabelled and empty), else None."""
    from .cells import filled_mask

    holds: Any = filled_mask(table).any(axis=0)
    filled = [str(c) for position, c in enumerate(table.columns) if holds[position]]
    if len(table.columns) == 1:
        return str(table.columns[0])
    if len(filled) == 1 and filled[0] == str(table.columns[0]):
        return filled[0]
    return None


def separator_for(label: str, values: pd.Series) -> str | None:
    """The separator the label and nine values in ten split on (no more parts than the label), else None."""
    values = values[values.str.strip() != ""]
    if values.empty:
        return None
    for separator in SEPARATORS:
        labels = split(label, separator)
        if len(labels) < (3 if separator == "," else 2) or not all(part.strip() for part in labels):
            continue
        parts = values.map(lambda v, s=separator: len(split(v, s)))
        fitting = ((parts >= 2) & (parts <= len(labels))).mean()
        if fitting >= 0.9:
            return separator
    return None


class SingleColumnTableCheck(HeadSampleCheck):
    name = "single-column-table"
    types = ("single-column-table",)
    blocking = ("single-column-table",)  # the types it may report as errors (see ``TableCheck.blocking``)
    sample_rows = SAMPLE

    def end(self, context: CheckContext) -> Iterable[Finding]:
        table = self.head()
        if table is None:
            return
        column = value_column(table)
        if column is None:
            return
        label = _raw_label(context, column)
        separator = separator_for(label, table[column])
        if separator is None:
            return
        labels = [part.strip() for part in split(label, separator)]
        shown = ", ".join(labels[:6]) + ("…" if len(labels) > 6 else "")
        named = delimiter_words(separator)
        yield Finding("single-column-table", Severity.ERROR,
                      Msg(MESSAGE.fr.format(separator=named.fr, count=len(labels), labels=shown),
                          MESSAGE.en.format(separator=named.en, count=len(labels), labels=shown)),
                      Msg(TIP.fr.format(separator=named.fr), TIP.en.format(separator=named.en)),
                      row_number=context.header_row, field_name=column, field_number=1,
                      extra={"separator": separator, "labels": labels})


def _raw_label(context: CheckContext | FixContext, column: str) -> str:
    detected: Any = context.options.get("detected")
    cells = getattr(detected, "header_cells", None) or []
    if cells and cells[-1] and str(cells[-1][0]).strip():
        return str(cells[-1][0])
    return column


class SplitSingleColumn:
    """Split a one-column table on its separator into one column per label."""

    name = "split-single-column"
    reads = ()  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("single-column-table",)  # needs the whole table, only when the check reports this
    label = Msg("Séparer le tableau écrit dans une seule colonne", "Split a table typed into one column")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        import pandas as pd

        column = value_column(table)
        if column is None or table.empty:
            return table, []
        label = _raw_label(context, column)
        separator = separator_for(label, table[column])
        if separator is None:
            return table, []
        labels = [part.strip() for part in split(label, separator)]
        if len(set(labels)) != len(labels):
            return table, []
        rows = [split(value, separator) if value.strip() else [] for value in table[column]]
        if any(len(parts) > len(labels) for parts in rows):
            return table, []  # a row with more values than labels: splitting would guess, leave it to the user
        data = [[part for part in parts] + [""] * (len(labels) - len(parts)) for parts in rows]
        new = pd.DataFrame(data, columns=labels, index=table.index, dtype="str")
        first = getattr(context.options.get("detected"), "header_row", None)
        changes = [Change(self.name, first, column, label, " | ".join(labels))]
        changes += [Change(self.name, int(row), column, str(value), " | ".join(parts))
                    for row, value, parts in zip(table.index, table[column], rows, strict=True) if len(parts) > 1]
        return new, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[SingleColumnTableCheck]:
    return [SingleColumnTableCheck()]


@hookimpl
def odwb_fixes() -> list[SplitSingleColumn]:
    return [SplitSingleColumn()]
