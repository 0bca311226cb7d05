"""Count once: the same problem on many rows of a column, or on many cells of a row, is one finding.

Frictionless reports one error per cell (a row 536 cells short gives 536 ``missing-cell``). The
collector hands such per-cell findings here; at the end of the run each group becomes one finding
with a ``count`` and every row in ``rows`` (the reports show the first few, JSON keeps them all):

* ``type-error``, ``constraint-error``, ``unique-error``: one finding per column (and constraint);
* ``missing-cell``, ``extra-cell``: the cells of a row together, and rows short (or long) by the
  same columns together;
* ``blank-row``: one finding for all blank rows.

:func:`cells` expands a finding back into ``(type, row, field)`` triples, as Frictionless lists them.
"""

from __future__ import annotations

from array import array
from bisect import insort
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.findings import Finding, RowNumbers, Severity
from ..core.i18n import Msg
from .messages import TRANSLATIONS, column_words, detail, structured_note
from .notes import type_name

BY_COLUMN = frozenset({"type-error", "constraint-error", "unique-error"})
BY_ROW = frozenset({"missing-cell", "extra-cell"})
ROWS_ONLY = frozenset({"blank-row"})
AGGREGATED = BY_COLUMN | BY_ROW | ROWS_ONLY
EXAMPLES = 20  # {rowNumber, cell} examples kept in ``extra`` (rows are all kept)
SHOWN = 5  # rows named in a message


def number_text(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")


def rows_text(rows: Iterable[int], shown: int = SHOWN) -> Msg:
    """« 4, 7, 9, 12, 15 et 20 autres » (the first rows, then how many more)."""
    listed = rows if isinstance(rows, Sequence) else list(rows)
    head = ", ".join(map(str, listed[:shown]))
    rest = len(listed) - shown
    if rest <= 0:
        return Msg(head, head)
    return Msg(f"{head} et {number_text(rest)} autre(s)", f"{head} and {number_text(rest)} more")


def columns_text(numbers: list[int], names: list[str]) -> Msg:
    """« colonne « b » », « colonnes n° 2 à 537 » or « colonnes « b », « c » »."""
    if len(numbers) == 1:
        return column_words(names[0] or None, numbers[0])
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))) and len(numbers) > 3:
        return Msg(f"colonnes n° {numbers[0]} à {numbers[-1]}", f"columns {numbers[0]} to {numbers[-1]}")
    words = [column_words(name or None, number) for name, number in zip(names, numbers, strict=True)][:SHOWN]
    fr = ", ".join(w.fr.removeprefix("colonne ") for w in words)
    en = ", ".join(w.en.removeprefix("column ") for w in words)
    more = len(numbers) - SHOWN
    if more > 0:
        fr, en = f"{fr} et {more} autre(s)", f"{en} and {more} more"
    return Msg(f"colonnes {fr}", f"columns {en}")


def type_error_message(column: Msg, field_type: str, fmt: str, rows: Sequence[int], first: str) -> Msg:
    """The message of a (possibly aggregated) type-error of one column."""
    expected = type_name(field_type)
    if fmt and fmt not in ("default", "any"):
        expected = expected + Msg(f" au format « {fmt} »", f" in the format '{fmt}'")
    if len(rows) == 1:
        return Msg(f"Ligne {rows[0]}, {column.fr} : « {first} » n'est pas {expected.fr}.",
                   f"Row {rows[0]}, {column.en}: '{first}' is not {expected.en}.")
    where = rows_text(rows)
    count = number_text(len(rows))
    return Msg(f"{column.fr[0].upper()}{column.fr[1:]} : {count} valeurs ne sont pas {expected.fr}, comme le reste "
               f"de la colonne (lignes {where.fr} ; ex. ligne {rows[0]} : « {first} »).",
               f"{column.en[0].upper()}{column.en[1:]}: {count} values are not {expected.en}, like the rest of the "
               f"column (rows {where.en}; e.g. row {rows[0]}: '{first}').")


@dataclass
class _Cells:
    """The cells of one column group: all rows, the first few cells."""

    first: Finding
    note: str
    rows: list[int] = field(default_factory=list)
    examples: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: int, cell: str | None) -> None:
        self.rows.append(row)
        if len(self.examples) < EXAMPLES:
            self.examples.append((row, "" if cell is None else cell))


@dataclass
class _Rows:
    """Rows short (or long) by the same columns: every row number (8 bytes each), the cells of the first rows."""

    rows: Any = field(default_factory=lambda: array("q"))
    examples: list[tuple[int, list[str]]] = field(default_factory=list)  # the EXAMPLES lowest rows, in order

    def add(self, row: int, cells: list[str]) -> None:
        self.rows.append(row)
        if len(self.examples) < EXAMPLES or row < self.examples[-1][0]:
            insort(self.examples, (row, cells))
            del self.examples[EXAMPLES:]

    def add_many(self, rows: Any, cells: Callable[[int], list[str]]) -> None:
        """Rows in increasing order (an int64 array); ``cells(i)``: the cells of the i-th (asked for the first
        few only)."""
        self.rows.frombytes(rows.astype("int64").tobytes())
        for index in range(min(EXAMPLES, len(rows))):
            row = int(rows[index])
            if len(self.examples) >= EXAMPLES and row >= self.examples[-1][0]:
                break
            insort(self.examples, (row, cells(index)))
            del self.examples[EXAMPLES:]


class Aggregator:
    """Per-cell findings in, one finding per group out (memory: row numbers and a few cells).

    The cells of a row short or long (``missing-cell``, ``extra-cell``) come one after the other, row after
    row: the open row's are gathered, then the row joins the rows short (or long) by the same columns; a
    header with a stray delimiter makes a million such rows, which cost 8 bytes each, not a list of cells."""

    def __init__(self) -> None:
        self.columns: dict[tuple[str, str | None, int | None, str], _Cells] = {}
        self.row_groups: dict[tuple[str, tuple[tuple[str, int | None], ...]], _Rows] = {}
        self.open_row: tuple[str, int] | None = None  # (type, row) of the cells being gathered
        self.open_cells: list[tuple[str, int | None, str]] = []
        self.blank: list[int] = []

    @staticmethod
    def accepts(finding: Finding) -> bool:
        return finding.type in AGGREGATED and finding.count == 1 and finding.row_number is not None

    def add(self, finding: Finding) -> None:
        row = int(finding.row_number or 0)
        if finding.type in ROWS_ONLY:
            self.blank.append(row)
        elif finding.type in BY_ROW:
            if self.open_row != (finding.type, row):
                self._close_row()
                self.open_row = (finding.type, row)
            self.open_cells.append((finding.field_name or "", finding.field_number, finding.cell or ""))
        else:
            note = _note_of(finding)
            key = (finding.type, finding.field_name, finding.field_number, note)
            group = self.columns.get(key)
            if group is None:
                group = self.columns[key] = _Cells(finding, note)
            group.add(row, finding.cell)

    def add_rows(self, type_: str, columns: list[tuple[str, int]], rows: Any, cells: Callable[[int], list[str]]) -> None:
        """Rows (increasing) short or long by the same ``columns``, at once: what one ``missing-cell`` or
        ``extra-cell`` per cell of each would give (the pyarrow reader's rows read at another width)."""
        self._close_row()
        if len(rows):
            self.row_groups.setdefault((type_, tuple(columns)), _Rows()).add_many(rows, cells)

    def _close_row(self) -> None:
        if self.open_row is None:
            return
        type_, row = self.open_row
        key = (type_, tuple((name, number) for name, number, _ in self.open_cells))
        self.row_groups.setdefault(key, _Rows()).add(row, [cell for _, _, cell in self.open_cells])
        self.open_row, self.open_cells = None, []

    def findings(self, explained: Mapping[str, Sequence[Sequence[int]]] | None = None) -> Iterator[Finding]:
        """The grouped findings; ``explained``: column -> rows whose cell another finding explains (a local date in
        a workbook's column of dates, a decimal comma…), left out of that column's ``type-error`` (the Frictionless
        reader's, cell by cell: the engine's own tally leaves them out as it counts, :mod:`.typecheck`)."""
        import numpy as np

        if self.blank:
            yield blank_rows(sorted(self.blank))
        self._close_row()
        for (type_, columns), rows in self.row_groups.items():
            numbers = np.unique(np.frombuffer(rows.rows, dtype=np.int64))  # a row met twice counts once
            yield row_block(type_, list(columns), RowNumbers(numbers), rows.examples)
        for (type_, name, _, _), group in self.columns.items():
            left: _Cells | None = group
            if type_ == "type-error" and explained and explained.get(name or ""):
                left = _unexplained(group, explained[name or ""])
            if left is not None:
                yield column_group(type_, left)


def _unexplained(group: _Cells, explained: Sequence[Sequence[int]]) -> _Cells | None:
    """``group`` without the rows in ``explained`` (None: none left); kept whole when none of its first cells is
    left to show (the message needs an example)."""
    gone = {int(row) for rows in explained for row in rows}
    rows = [row for row in group.rows if row not in gone]
    if not rows:
        return None
    if len(rows) == len(group.rows):
        return group
    examples = [(row, cell) for row, cell in group.examples if row not in gone]
    if not examples:
        return group
    return _Cells(group.first, group.note, rows, examples)  # its message is made from the rows left


def _note_of(finding: Finding) -> str:
    """The Frictionless note back from the structured ``extra`` (groups differ by constraint)."""
    extra = finding.extra
    if "expectedType" in extra:
        return f'type is "{extra["expectedType"]}/{extra.get("expectedFormat", "default")}"'
    if "constraint" in extra:
        return f'constraint "{extra["constraint"]}" is "{extra.get("constraintValue", "")}"'
    return ""


def blank_rows(rows: list[int]) -> Finding:
    message, tip = TRANSLATIONS["blank-row"]
    if len(rows) == 1:
        text = message.format(row=rows[0])
    else:
        where = rows_text(rows)
        text = Msg(f"{number_text(len(rows))} lignes sont entièrement vides (lignes {where.fr}).",
                   f"{number_text(len(rows))} rows are completely empty (rows {where.en}).")
    return Finding("blank-row", Severity.ERROR, text, tip, row_number=rows[0], source="frictionless",
                   count=len(rows), rows=tuple(rows))


def row_block(type_: str, columns: list[tuple[str, int | None]], row_numbers: RowNumbers,
              examples: list[tuple[int, list[str]]]) -> Finding:
    """Rows short (``missing-cell``) or long (``extra-cell``) by the same columns (every row, in order; the cells
    of the first ones): one finding."""
    names = [name for name, _ in columns]
    numbers = [int(number or 0) for _, number in columns]
    rows = row_numbers
    first_cells = examples[0][1]
    count = len(rows) * len(columns)
    cols = columns_text(numbers, names) if type_ == "missing-cell" else Msg(
        f"colonne(s) n° {numbers[0]}" + (f" à {numbers[-1]}" if len(numbers) > 1 else ""),
        f"column(s) {numbers[0]}" + (f" to {numbers[-1]}" if len(numbers) > 1 else ""))
    where = rows_text(row_numbers)
    n = number_text(len(columns))
    if type_ == "missing-cell":
        if len(rows) == 1:
            text = Msg(f"Ligne {row_numbers[0]} : la ligne est trop courte, il manque {n} cellule(s) ({cols.fr}).",
                       f"Row {row_numbers[0]}: the row is too short, {n} cell(s) missing ({cols.en}).")
        else:
            text = Msg(f"{number_text(len(rows))} lignes sont trop courtes : il leur manque {n} cellule(s) ({cols.fr}) "
                       f"— lignes {where.fr}.",
                       f"{number_text(len(rows))} rows are too short: {n} cell(s) missing ({cols.en}) — rows {where.en}.")
    else:
        value = first_cells[0] if first_cells else ""
        if len(rows) == 1:
            text = Msg(f"Ligne {row_numbers[0]} : {n} valeur(s) au-delà de la dernière colonne ({cols.fr}, "
                       f"ex. « {value} »).",
                       f"Row {row_numbers[0]}: {n} value(s) beyond the last column ({cols.en}, e.g. '{value}').")
        else:
            text = Msg(f"{number_text(len(rows))} lignes ont des valeurs au-delà de la dernière colonne ({cols.fr}) "
                       f"— lignes {where.fr} ; ex. ligne {row_numbers[0]} : « {value} ».",
                       f"{number_text(len(rows))} rows have values beyond the last column ({cols.en}) — rows "
                       f"{where.en}; e.g. row {row_numbers[0]}: '{value}'.")
    extra: dict[str, Any] = {"fieldNames": names, "fieldNumbers": numbers}
    if type_ == "extra-cell":
        extra["examples"] = [{"rowNumber": row, "cells": cells} for row, cells in examples[:EXAMPLES]]
    return Finding(type_, Severity.ERROR, text, TRANSLATIONS[type_][1], row_number=row_numbers[0],
                   field_name=names[0], field_number=numbers[0], cell=first_cells[0] if first_cells else "",
                   source="frictionless", extra=extra, count=count,
                   rows=row_numbers if len(row_numbers) > 1 else tuple(row_numbers))


def column_group(type_: str, group: _Cells) -> Finding:
    """One finding for the cells of one column with the same problem."""
    if len(group.rows) == 1 and group.first.row_number == group.rows[0]:
        return group.first
    name, number = group.first.field_name, group.first.field_number
    column = column_words(name, number)
    first_row, first = group.examples[0]
    structured = structured_note(type_, group.note)
    if type_ == "type-error":
        text = type_error_message(column, str(structured.get("expectedType", "any")),
                                  str(structured.get("expectedFormat", "default")), group.rows, first)
    else:
        where = rows_text(group.rows)
        what = detail(type_, group.note) if type_ == "constraint-error" else Msg(
            "chaque valeur doit être unique", "every value must be unique")
        count = number_text(len(group.rows))
        text = Msg(f"{column.fr[0].upper()}{column.fr[1:]} : {count} valeurs ne respectent pas le schéma ({what.fr}) — "
                   f"lignes {where.fr} ; ex. ligne {first_row} : « {first} ».",
                   f"{column.en[0].upper()}{column.en[1:]}: {count} values break the schema ({what.en}) — rows "
                   f"{where.en}; e.g. row {first_row}: '{first}'.")
    extra: dict[str, Any] = dict(structured)
    extra["examples"] = [{"rowNumber": row, "cell": cell} for row, cell in group.examples]
    return Finding(type_, Severity.ERROR, text, group.first.tip, row_number=first_row,
                   field_name=name, field_number=number, cell=first, source=group.first.source,
                   extra=extra, count=len(group.rows), rows=tuple(group.rows))


def cells(finding: Finding) -> Iterator[tuple[str, int | None, str | None, str | None]]:
    """``(type, row, field, cell)`` for every cell a finding stands for, as Frictionless lists them.

    The cell's text is known for the examples kept in ``extra`` (``None`` beyond them; ``""`` for a
    missing cell)."""
    if finding.count <= 1 and len(finding.all_rows) <= 1:
        yield finding.type, finding.row_number, finding.field_name, finding.cell
        return
    names = finding.extra.get("fieldNames")
    examples = {int(e["rowNumber"]): e.get("cells", e.get("cell")) for e in finding.extra.get("examples", ())}
    for row in finding.all_rows:
        known = examples.get(row)
        if names:
            for index, name in enumerate(names):
                cell = "" if finding.type == "missing-cell" else (known[index] if known is not None else None)
                yield finding.type, row, name, cell
        else:
            yield finding.type, row, finding.field_name, known
