"""Check ``unclosed-quote``: a quote opened in a CSV cell and never closed, which swallowed the next records.

A CSV reader (Frictionless's, pyarrow's, the portal's) reads a cell that starts with « " » up to the next
« " »: when that quote is a typing slip (« "Liège;13 »), everything up to the next quote of the file, often
to its very end, becomes one cell, and the rows it holds vanish from the table without a word (Frictionless
calls such a file valid). The sign left behind is a cell spanning several lines of the file whose lines read
as records of this table: as many cells as the header, split by the file's delimiter. A multi-line address or
remark has no such lines. Nothing is fixed: where the cell should have stopped cannot be known for certain.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cells import holding

MESSAGE = Msg("Ligne {row}, colonne « {field} » : la cellule s'étend sur {lines} lignes du fichier, dont {records} "
              "ressemblent à des lignes de données (« {line} ») : un guillemet « \" » ouvert et jamais refermé les a "
              "sans doute fusionnées en une seule cellule, et ces lignes ne seraient pas publiées.",
              "Row {row}, column '{field}': the cell spans {lines} lines of the file, {records} of which look like data "
              "rows ('{line}'): a '\"' opened and never closed has probably merged them into one cell, and those rows "
              "would not be published.")
TIP = Msg("Ouvrez le fichier dans un éditeur de texte (Bloc-notes), cherchez le guillemet « \" » isolé au début de cette "
          "cellule, supprimez-le ou refermez-le, puis vérifiez à nouveau. La correction automatique ne touche pas ces "
          "lignes : elle ne peut pas savoir où la cellule devait s'arrêter.",
          "Open the file in a text editor (Notepad), find the lone '\"' at the start of this cell, delete or close it, "
          "then check again. The automatic fix leaves these rows alone: it cannot know where the cell should have "
          "ended.")
SHOWN = 80  # characters of the swallowed record shown in the message
MOST_CELLS = 20  # findings per column (a file cut this way has one or two such cells)


def record_lines(cell: str, delimiter: str, width: int) -> tuple[int, list[str]]:
    """(non-blank lines of ``cell`` after its first, those of them read as records of ``width`` cells split by
    ``delimiter``)."""
    lines = cell.splitlines()[1:]
    lines = [line for line in lines if line.strip()]
    records = [line for line in lines if len(next(csv.reader([line], delimiter=delimiter), [])) == width]
    return len(lines), records


class UnclosedQuoteCheck(BaseTableCheck):
    name = "unclosed-quote"
    types = ("unclosed-quote",)
    blocking = ("unclosed-quote",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.found: list[Finding] = []
        self.per_column: dict[str, int] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        width = len(context.fields)
        delimiter = context.delimiter
        if context.sheet is not None or not delimiter or len(delimiter) != 1 or width < 3:
            return ()  # a workbook's cell may hold lines; two columns give too weak a sign
        cells = column.arrow
        if cells is not None:
            import numpy as np

            flagged = np.flatnonzero(holding(cells, "\n\r"))
            if not len(flagged):
                return ()
            import pyarrow as pa

            texts = cells.take(pa.array(flagged)).to_pylist()
            positions = flagged.tolist()
        else:
            positions = [at for at, text in enumerate(column.texts) if "\n" in text or "\r" in text]
            texts = [column.texts[at] for at in positions]
        for position, text in zip(positions, texts, strict=True):
            self._judge(column, position, text, delimiter, width)
        return ()

    def _judge(self, column: ColumnValues, position: int, text: str, delimiter: str, width: int) -> None:
        lines, records = record_lines(text, delimiter, width)
        if not records or 2 * len(records) < lines or self.per_column.get(column.name, 0) >= MOST_CELLS:
            return  # a multi-line remark with one line that splits like a record is not enough
        import numpy as np

        mask = np.zeros(len(column), dtype=bool)
        mask[position] = True
        for row in column.rows_where(mask).tolist():
            self.per_column[column.name] = self.per_column.get(column.name, 0) + 1
            shown = records[0] if len(records[0]) <= SHOWN else records[0][: SHOWN - 1] + "…"
            self.found.append(Finding(
                type="unclosed-quote", severity=Severity.ERROR,
                message=MESSAGE.format(row=row, field=column.name, lines=lines + 1, records=len(records), line=shown),
                tip=TIP, row_number=int(row), field_name=column.name, field_number=column.number, cell=text[:SHOWN],
                extra={"lines": lines + 1, "recordLines": len(records), "firstRecord": records[0]}))

    def end(self, context: CheckContext) -> Iterator[Finding]:
        yield from sorted(self.found, key=lambda finding: (finding.row_number or 0, finding.field_number or 0))


@hookimpl
def odwb_checks(context: CheckContext) -> list[UnclosedQuoteCheck]:
    return [UnclosedQuoteCheck()]
