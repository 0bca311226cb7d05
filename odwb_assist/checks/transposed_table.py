"""Check ``transposed-table`` (warning): a table written on its side, one column per record and one row per field —
a sheet of the commune's sports halls with « Adresse », « Code postal », « Téléphone », « Capacité » down its first
column and « Piscine communale », « Hall omnisports »… across its header.

Published so, each field becomes a record of the portal and each hall a column: no map, no filter, nothing to sort.
Told from the shapes of the cells (:func:`.shapes.shape`), as :mod:`.form_layout` tells a form: in a table, a
column holds one kind of value and a row mixes them; here each row holds one kind across its cells (the postal codes,
the phones, the capacities) while each column mixes numbers and words. Said when the sheet is short
(:data:`MAX_ROWS`), its first column holds distinct words (the fields' names), its header's other cells are words
(the records' names: not years or months, as a table with one column per year has), every other column mixes
words with numbers, dates, e-mails or addresses, and most rows hold one kind, three of them a kind other than
words. A warning: only the author knows the table; no fix (the user turns it with Paste special > Transpose).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .shapes import HeadSampleCheck, header_labels, shape

if TYPE_CHECKING:
    import pandas as pd

MESSAGE = Msg("Le tableau semble écrit sur le côté : chaque colonne est un élément ({records}) et chaque ligne une "
              "caractéristique ({fields}). Publié ainsi, chaque caractéristique deviendrait une ligne du portail, "
              "sans carte, filtre ni tri possibles.",
              "The table seems written on its side: each column is an item ({records}) and each row a field "
              "({fields}). Published so, each field would become a record of the portal, with no map, filter nor "
              "sort.")
TIP = Msg("Tournez le tableau : une ligne par élément et une colonne par caractéristique (dans Excel : sélectionnez "
          "le tableau, Copier, puis Collage spécial > Transposer, dans une nouvelle feuille).",
          "Turn the table: one row per item and one column per field (in Excel: select the table, Copy, then Paste "
          "special > Transpose, into a new sheet).")
MAX_ROWS = 60  # fields: a table on its side is short
SAME_KIND = 0.8  # share of the rows holding one kind of value across their cells
TYPED_ROWS = 3  # rows of numbers, dates, e-mails or addresses at least
SHOWN = 3


def _kind(text: str) -> str:
    found = shape(str(text))
    return "number" if found == "year" else found


def transposed(header: list[str], table: pd.DataFrame) -> tuple[list[str], list[str]] | None:
    """(the records' names, the fields' names) when ``table`` under ``header`` is written on its side, else None."""
    width = len(table.columns)
    if width < 3 or not 3 <= len(table) <= MAX_ROWS or len(header) < width:
        return None
    fields = [str(cell).strip() for cell in table.iloc[:, 0].tolist()]
    if any(_kind(name) != "text" for name in fields) or len(set(fields)) != len(fields):
        return None
    records = [str(cell).strip() for cell in header[1:width]]
    if sum(_kind(name) == "text" for name in records) < 0.8 * len(records):
        return None  # a table with one column per year, or per month: its rows are its records
    kinds = [[_kind(cell) for cell in row] for row in table.iloc[:, 1:].astype(str).itertuples(index=False)]
    by_row = [set(row) - {"empty"} for row in kinds]
    one_kind = [found for found in by_row if len(found) == 1]
    if len(one_kind) < SAME_KIND * len(by_row) or sum(found != {"text"} for found in one_kind) < TYPED_ROWS:
        return None
    for position in range(width - 1):
        column = Counter(row[position] for row in kinds) - Counter({"empty": len(kinds)})
        if "text" not in column or len(column) < 2:
            return None  # a column of one kind: the table's own records
    return records, fields


class TransposedTableCheck(HeadSampleCheck):
    name = "transposed-table"
    types = ("transposed-table",)
    sample_rows = MAX_ROWS + 1  # one more: a longer table is no table on its side

    def end(self, context: CheckContext) -> Iterable[Finding]:
        table = self.head()
        verdict = transposed(header_labels(context), table) if table is not None else None
        if verdict is None:
            return
        records, fields = verdict

        def listed(names: list[str]) -> str:
            return ", ".join(f"« {name} »" for name in names[:SHOWN]) + ("…" if len(names) > SHOWN else "")

        yield Finding("transposed-table", Severity.WARNING, MESSAGE.format(records=listed(records),
                                                                            fields=listed(fields)), TIP,
                      row_number=context.header_row, extra={"records": records, "fields": fields})


@hookimpl
def odwb_checks(context: CheckContext) -> list[TransposedTableCheck]:
    return [TransposedTableCheck()]
