"""The side files of ``fix``: every row and column the fixes remove, with its original cells.

Nothing is lost: the clean file plus ``<name>.lignes-retirees.csv`` (removed rows, with their
original row numbers and every cell) plus ``<name>.colonnes-retirees.csv`` (removed columns, one
line per non-empty cell) hold every cell of the original. The log is generic: it compares the table
before and after each fix, so any fix (built-in or plugin) that drops rows or columns is recorded.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.i18n import Msg
from .end_mark import open_data
from .notes import headerless_name
from .output_files import write_atomically

if TYPE_CHECKING:
    import pandas as pd

    from .detect import Detected

ROWS_SUFFIX = Msg(".lignes-retirees.csv", ".removed-rows.csv")
COLUMNS_SUFFIX = Msg(".colonnes-retirees.csv", ".removed-columns.csv")
ROW_HEADER = Msg("ligne_origine,motif", "original_row,reason")
COLUMN_HEADER = Msg("colonne_origine,titre,motif,ligne_origine,valeur", "original_column,label,reason,original_row,value")
ABOVE_BLANK = Msg("Ligne vide au-dessus de l'en-tête", "Blank row above the header")
BEYOND = Msg("Valeur au-delà de la dernière colonne (ligne plus longue que l'en-tête)",
             "Value beyond the last column (row longer than the header)")
NOTE_BESIDE = Msg("Note à côté du tableau (au-delà d'une colonne vide)", "Note beside the table (past an empty column)")
ABOVE_HEADER = Msg("En-tête d'origine (remplacé par un en-tête sur une ligne)",
                   "Original header (replaced by a one-row header)")


@dataclass
class RemovedRow:
    row_number: int
    reason: Msg
    cells: list[str]


@dataclass
class RemovedColumn:
    number: int  # 1-based position in the original table
    label: str
    reason: Msg
    cells: list[tuple[int, str]]  # (row number, cell) of its non-empty cells


@dataclass
class RemovalLog:
    """What the fixes removed from ``original`` (the table as read, before any fix)."""

    original: pd.DataFrame
    rows: list[RemovedRow] = field(default_factory=list)
    columns: list[RemovedColumn] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.labels = [str(label) for label in self.original.columns]
        # each original column's label as the clean file writes it: a header over two rows read « 2022 » and « Compte »
        # as « Compte2 », which the single-line header fix renames « 2022 Compte » (the removed rows' file says that)
        self.shown = list(self.labels)
        self.positions: list[int | None] = list(range(len(self.labels)))  # current column -> original position
        self.renamed: set[str] = set()  # labels a fix renamed in place (the header row that held them is no loss)

    def observe(self, reason: Msg, before: pd.DataFrame, after: pd.DataFrame, moved: set[str] | None = None) -> None:
        """Record the rows and columns of ``before`` that ``after`` no longer has (``moved``: labels of columns whose
        cells the fix moved under another label, not removed)."""
        if not before.index.equals(after.index):
            gone = before.index.difference(after.index)
            for row in gone[gone.isin(self.original.index)]:
                cells = self.original.loc[row]
                self.rows.append(RemovedRow(int(row), reason, [str(cell) for cell in cells.tolist()]))
        old = [str(label) for label in before.columns]
        new = [str(label) for label in after.columns]
        if old == new:
            return
        where = dict(zip(old, self.positions, strict=False))
        if len(new) == len(old) and not set(new) <= set(old):  # renamed in place
            self.renamed.update(set(old) - set(new))
            for label, position in zip(new, self.positions, strict=False):
                if position is not None:
                    self.shown[position] = label
            return
        self.renamed.update((moved or set()) & (set(old) - set(new)))
        for label in old:
            position = where.get(label)
            if label not in new and position is not None and label not in (moved or set()):
                values = self.original.iloc[:, position]
                values = values[values.index.isin(before.index)]
                values = values[values != ""]
                self.columns.append(RemovedColumn(position + 1, self.labels[position], reason,
                                                  [(int(row), str(cell)) for row, cell in values.items()]))
        self.positions = [where.get(label) for label in new]

    def add_above(self, rows: list[RemovedRow]) -> None:
        self.rows.extend(rows)

    def add_beyond(self, cells: dict[int, list[tuple[int, str]]], reason: Msg = BEYOND) -> None:
        """Cells beyond the header's last column (position -> (row number, cell)): the reader leaves them out."""
        for position, values in sorted(cells.items()):
            self.columns.append(RemovedColumn(position + 1, "", reason, values))

    def rows_file(self, output: Path, lang: str) -> Path:
        return output.with_name(output.stem + ROWS_SUFFIX(lang))

    def columns_file(self, output: Path, lang: str) -> Path:
        return output.with_name(output.stem + COLUMNS_SUFFIX(lang))

    def write(self, output: Path, lang: str) -> tuple[Path | None, Path | None]:
        """Write the side files next to ``output`` (a stale one from an earlier run is removed)."""
        rows_path, columns_path = self.rows_file(output, lang), self.columns_file(output, lang)
        written_rows = written_columns = None
        if self.rows:
            width = max([len(self.labels)] + [len(row.cells) for row in self.rows])
            labels = header_labels(self.shown, width)
            lines = sorted(self.rows, key=lambda row: row.row_number)

            def write_rows(path: str) -> None:
                with open(path, "w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(ROW_HEADER(lang).split(",") + labels)
                    for row in lines:
                        writer.writerow([row.row_number, row.reason(lang)] + row.cells + [""] * (width - len(row.cells)))

            write_atomically(rows_path, write_rows)
            written_rows = rows_path
        else:
            rows_path.unlink(missing_ok=True)
        if self.columns:
            columns = self.columns
            write_atomically(columns_path, lambda path: _write_columns(path, columns, lang))
            written_columns = columns_path
        else:
            columns_path.unlink(missing_ok=True)
        return written_rows, written_columns


@dataclass(frozen=True)
class Beyond:
    """The cells beyond the header's last column a fix took out: how many, on how many rows, in which columns (a
    few long rows are no removed column, and the preview says so)."""

    cells: int = 0
    rows: int = 0
    columns: frozenset[int] = frozenset()  # their original column numbers

    @classmethod
    def of(cls, columns: list[RemovedColumn]) -> Beyond:
        beyond = [column for column in columns if column.reason is BEYOND]
        return cls(sum(len(column.cells) for column in beyond),
                   len({row for column in beyond for row, _ in column.cells}),
                   frozenset(column.number for column in beyond))


def written_by_tool(path: Path) -> bool:
    """Whether odwb-assist wrote ``path``: the rows and columns ``fix`` removed (kept beside the clean file, in French
    or English), or what ``document`` writes into its output folder (documentation/<dataset>/, where its
    ``metadata.json`` and ``payload.json`` are: the dictionary, the score, the CSV copy of a workbook). A folder of
    exports checked, fixed or inventoried again leaves them out: they are no tables of the administration's."""
    name = path.name.lower()
    if name.endswith(tuple(suffix(lang) for suffix in (ROWS_SUFFIX, COLUMNS_SUFFIX) for lang in ("fr", "en"))):
        return True
    return (path.parent / "payload.json").is_file() and (path.parent / "metadata.json").is_file()


def rows_above(path: Path, detected: Detected) -> list[list[str]]:
    """The raw cells of the rows down to the header row (titles, blank rows, header rows), as read by detection."""
    rows: list[list[str]] = []
    for cells in _raw_rows(path, detected):
        if len(rows) >= detected.header_row:
            break
        rows.append(cells)
    return rows


def _raw_rows(path: Path, detected: Detected) -> Iterator[list[str]]:
    """Every row of the table as raw text, as detection numbers them (from row 1)."""
    if detected.format == "csv":
        with io.TextIOWrapper(open_data(path, detected.end_mark), detected.encoding or "utf-8", errors="replace",
                              newline="") as handle:
            yield from csv.reader(handle, delimiter=detected.delimiter or ",")
        return
    from .reader import cell_text
    from .workbook import read_sheet

    for cells in read_sheet(path, detected.format, detected.sheet).rows:  # the sheet read once for the run
        yield [cell_text(cell) for cell in cells]


@dataclass
class CellsBeyond:
    """:func:`cells_beyond` gathered while the rows are read, from the rows of another width the pyarrow reader
    put back (:attr:`.stream.Chunk.ragged`): ``complete`` once that reader saw every row (else, read again)."""

    width: int
    found: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    complete: bool = False

    def add(self, ragged: list[tuple[int, list[str]]]) -> None:
        for row, cells in ragged:
            for position in range(self.width, len(cells)):
                if cells[position].strip():
                    self.found.setdefault(position, []).append((row, cells[position]))

    def cells(self, path: Path, detected: Detected) -> dict[int, list[tuple[int, str]]]:
        """The cells beyond the header: those gathered, or the file read again for them."""
        return self.found if self.complete else cells_beyond(path, detected, self.width)


def cells_beyond(path: Path, detected: Detected, width: int) -> dict[int, list[tuple[int, str]]]:
    """The non-empty cells of data rows that lie beyond the header's ``width`` columns (position -> cells)."""
    found: dict[int, list[tuple[int, str]]] = {}
    try:
        for number, cells in enumerate(_raw_rows(path, detected), start=1):
            if number > detected.header_row and len(cells) > width:
                for position in range(width, len(cells)):
                    if cells[position].strip():
                        found.setdefault(position, []).append((number, cells[position]))
    except (csv.Error, OSError, UnicodeError, ValueError):
        return found
    return found


def notes_beside(detected: Detected) -> dict[int, list[tuple[int, str]]]:
    """The notes the sheet's reading cut from beside its table (:func:`.workbook.notes_beside`): position -> cells."""
    found: dict[int, list[tuple[int, str]]] = {}
    for row, column, text in getattr(detected, "notes_beside", None) or []:
        found.setdefault(column - 1, []).append((row, text))
    return found


def removed_above(rows: list[list[str]], detected: Detected, labels: list[str], title: Msg) -> list[RemovedRow]:
    """The rows above the data that the clean file does not hold as they were: titles, blank rows, header rows
    whose cells are not all ``labels`` (the clean file's, and those a fix renamed: the change log has them), as
    a header merged over two rows."""
    titles = {row for row, _ in detected.title_rows}
    headers = list(detected.header_rows)
    clean = {label.strip() for label in labels}
    removed: list[RemovedRow] = []
    for number, cells in enumerate(rows, start=1):
        if number in headers:
            if all(not cell.strip() or cell.strip() in clean for cell in cells):
                continue
            reason = ABOVE_HEADER
        elif number in titles or any(cell.strip() for cell in cells):
            reason = title
        else:
            reason = ABOVE_BLANK
        removed.append(RemovedRow(number, reason, [str(cell) for cell in cells]))
    return removed


class SideFiles:
    """The side files written while ``fix`` streams: removed rows as they come (after the rows above the header),
    removed columns at the end (an empty unnamed column, cells beyond the header: few cells).

    Written under temporary names next to the output and moved in place by :meth:`finish`; a stale side file
    from an earlier run is removed. With ``write`` False (a dry run) nothing is written, only counted.
    """

    def __init__(self, output: Path, labels: list[str], lang: str, *, write: bool, above: list[RemovedRow]) -> None:
        self.output, self.lang, self.write = output, lang, write
        self.labels = list(labels)
        self.removed_rows: list[tuple[int, str]] = []  # (original row number, reason), for the preview
        self.columns: dict[str, RemovedColumn] = {}
        self.beyond: list[RemovedColumn] = []
        self.width = max([len(self.labels)] + [len(row.cells) for row in above])
        self._above = sorted(above, key=lambda row: row.row_number)
        self._handle: Any = None
        self._writer: Any = None
        self._temporary: str | None = None
        for row in self._above:
            self.add_row(row.row_number, row.reason, row.cells)

    def rows_file(self) -> Path:
        return self.output.with_name(self.output.stem + ROWS_SUFFIX(self.lang))

    def columns_file(self) -> Path:
        return self.output.with_name(self.output.stem + COLUMNS_SUFFIX(self.lang))

    def add_row(self, number: int, reason: Msg, cells: list[str]) -> None:
        self.removed_rows.append((number, reason(self.lang)))
        if not self.write:
            return
        if self._writer is None:
            handle, self._temporary = tempfile.mkstemp(prefix=".odwb-", suffix=".csv", dir=self.output.parent)
            self._handle = os.fdopen(handle, "w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._handle, lineterminator="\n")
            labels = header_labels(self.labels, self.width)
            self._writer.writerow(ROW_HEADER(self.lang).split(",") + labels)
        self._writer.writerow([number, reason(self.lang)] + cells + [""] * (self.width - len(cells)))

    def add_column_cells(self, label: str, reason: Msg, cells: list[tuple[int, str]]) -> None:
        column = self.columns.get(label)
        if column is None:
            column = self.columns[label] = RemovedColumn(self.labels.index(label) + 1, label, reason, [])
        column.cells.extend(cells)

    def add_beyond(self, cells: dict[int, list[tuple[int, str]]], reason: Msg = BEYOND) -> None:
        for position, values in sorted(cells.items()):
            self.beyond.append(RemovedColumn(position + 1, "", reason, values))

    @property
    def removed_columns(self) -> list[tuple[int, str]]:
        return [(column.number, column.label) for column in sorted(self._all_columns(), key=lambda c: c.number)]

    def _all_columns(self) -> list[RemovedColumn]:
        return list(self.columns.values()) + self.beyond

    @property
    def cells_beyond(self) -> Beyond:
        return Beyond.of(self.beyond)

    def finish(self, keep: bool) -> None:
        """Close and move the files in place (``keep``), or remove the temporary ones (a failed run)."""
        temporary = self._temporary
        if self._handle is not None:
            self._handle.close()
            self._handle = self._writer = None
        if not keep:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            return
        if not self.write:
            return
        if temporary:
            write_atomically(self.rows_file(), lambda target: os.replace(temporary, target))
        else:
            self.rows_file().unlink(missing_ok=True)
        columns = self._all_columns()
        if columns:
            write_atomically(self.columns_file(), lambda target: _write_columns(target, columns, self.lang))
        else:
            self.columns_file().unlink(missing_ok=True)


def _write_columns(path: str, columns: list[RemovedColumn], lang: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMN_HEADER(lang).split(","))
        for column in sorted(columns, key=lambda c: c.number):
            for row, cell in column.cells or [(None, "")]:  # type: ignore[list-item]
                label = "" if headerless_name(column.label, column.number) else column.label  # a blank header cell
                writer.writerow([column.number, label, column.reason(lang), "" if row is None else row, cell])


def header_labels(labels: list[str], width: int) -> list[str]:
    """The header of the removed rows' file: the table's labels, ``colonne_N`` for a column without one (a blank
    header cell, which the reader named ``fieldN``, or a cell beyond the last column)."""
    named = [f"colonne_{number}" if headerless_name(label, number) else label
             for number, label in enumerate(labels, start=1)]
    return named + [f"colonne_{n}" for n in range(len(labels) + 1, width + 1)]
