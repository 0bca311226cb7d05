"""Check ``unclosed-quote``: a quote opened in a CSV cell and never closed, which swallowed the next records.

A CSV reader (Frictionless's, pyarrow's, the portal's) reads a cell that starts with « " » up to the next
« " »: when that quote is a typing slip (« "Liège;13 »), everything up to the next quote of the file, often
to its very end, becomes one cell, and the rows it holds vanish from the table without a word (Frictionless
calls such a file valid). The sign left behind is a cell spanning several lines of the file whose lines read
as records of this table: as many cells as the header, split by the file's delimiter. A multi-line address or
remark has no such lines. In a table of two columns, a line of remark with one « ; » reads as a record too: there the
cell must also have run to the end of the file (the table's last row, ending with a line break, in a file whose last
character is not a closing quote) with every line of it a record, or have been closed by a quote that no delimiter
follows: a later cell's opening quote (« D;"15 »), which the readers take for the closing one and read on past it. A
remark's closing quote ends its cell (« mardi; 14h-17h" »). Nothing is fixed: where the cell should have stopped
cannot be known for certain.
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


def _ends_open(path: str) -> bool:
    """Whether the file's last character (line breaks and spaces aside) is not a quote, as when a quote opened in
    its last row was never closed (False when the file cannot be read: nothing is claimed)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, handle.seek(0, 2) - 64))
            tail = handle.read()
    except OSError:
        return False
    tail = tail.rstrip(b"\r\n \t\x00")  # (UTF-16: a character's zero byte)
    return bool(tail) and not tail.endswith(b'"') and not tail.endswith(b'"\x00')


class UnclosedQuoteCheck(BaseTableCheck):
    name = "unclosed-quote"
    types = ("unclosed-quote",)
    blocking = ("unclosed-quote",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.found: list[Finding] = []
        self.per_column: dict[str, int] = {}
        self.last_row = 0  # the table's last row read so far
        self.open_to_end: list[Finding] = []  # two columns: findings kept if their cell ran to the end of the file
        self.closed_late: list[tuple[Finding, str]] = []  # two columns: findings kept if a later quote closed their cell

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        width = len(context.fields)
        delimiter = context.delimiter
        if context.sheet is not None or not delimiter or len(delimiter) != 1 or width < 2:
            return ()  # a workbook's cell may hold lines
        if len(column.rows):
            self.last_row = max(self.last_row, int(column.rows[-1]))
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
        weak = width < 3  # two columns: every line of the cell a record, and the cell open to the end of the file or
        if weak and len(records) != lines:  # closed by a quote that no delimiter follows (see :meth:`end`)
            return
        last = text.rstrip("\r\n").splitlines()[-1] if weak else ""
        late = weak and not text.endswith(("\n", "\r"))
        import numpy as np

        mask = np.zeros(len(column), dtype=bool)
        mask[position] = True
        for row in column.rows_where(mask).tolist():
            self.per_column[column.name] = self.per_column.get(column.name, 0) + 1
            shown = records[0] if len(records[0]) <= SHOWN else records[0][: SHOWN - 1] + "…"
            finding = Finding(
                type="unclosed-quote", severity=Severity.ERROR,
                message=MESSAGE.format(row=row, field=column.name, lines=lines + 1, records=len(records), line=shown),
                tip=TIP, row_number=int(row), field_name=column.name, field_number=column.number, cell=text[:SHOWN],
                extra={"lines": lines + 1, "recordLines": len(records), "firstRecord": records[0]})
            if late:
                self.closed_late.append((finding, last))
            else:
                (self.open_to_end if weak else self.found).append(finding)

    def end(self, context: CheckContext) -> Iterator[Finding]:
        if self.open_to_end and _ends_open(context.source):
            self.found += [finding for finding in self.open_to_end if finding.row_number == self.last_row]
        if self.closed_late:
            closed = _closed_inside(context.source, context.encoding, context.delimiter or ",",
                                    {last for _, last in self.closed_late})
            self.found += [finding for finding, last in self.closed_late if last in closed]
        yield from sorted(self.found, key=lambda finding: (finding.row_number or 0, finding.field_number or 0))


def _closed_inside(path: str, encoding: str | None, delimiter: str, lasts: set[str]) -> set[str]:
    """Those of ``lasts`` (a cell's last line, as read) that are a line of the file with one quote taken out that no
    delimiter followed (« D;"15 » read « D;15 »): the quote the reader took for the cell's closing one opened another
    cell. Read only when a two-column table has such a cell (empty when the file cannot be read: nothing is claimed)."""
    found: set[str] = set()
    try:
        with open(path, encoding=encoding or "utf-8", errors="replace", newline="") as handle:
            for line in handle:
                at = line.find('"')
                if at < 0:
                    continue
                line = line.rstrip("\r\n")
                while at >= 0:
                    after = line[at + 1: at + 2]
                    if after and after not in (delimiter, '"') and line[:at] + line[at + 1:] in lasts:
                        found.add(line[:at] + line[at + 1:])
                    at = line.find('"', at + 1)
    except (OSError, LookupError):
        return set()
    return found


@hookimpl
def odwb_checks(context: CheckContext) -> list[UnclosedQuoteCheck]:
    return [UnclosedQuoteCheck()]
