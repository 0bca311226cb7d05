"""What a spreadsheet says about its cells besides their values: hidden columns and rows, formulas whose result
was never stored. None of it changes what is read and published; it tells the user what they may not see.

- A hidden column or row is published like any other: a « remarque interne » column hidden in Excel, rows a
  filter hides, are on the portal for everyone (checks ``hidden-columns``, ``hidden-rows``).
- A formula cell holds its last result, which the program that saved the file computed. A file written by a
  program that does not compute (a web application's export, a script) stores the formula without a result:
  every reader, the portal's included, sees an empty cell (check ``formula-without-value``).
- A cell may show a text and hold a link (« Voir le site » to https://…): every reader of its value, the portal's
  included, gets the text; the address is lost (check ``hyperlink-cells``).
- A number may be shown as a percentage (« 80,5 % »): its value is the fraction, 0.805, and that is what every
  reader and the portal get (check ``percent-cells``).
- A number may be shown as an amount in a currency (« 1 250,00 € »): its value is the number, and the currency is
  lost unless the column's title says it (check ``currency-cells``).
- A whole number may be shown with leading zeros (« 040 », a format « 000 »): its value, 40, loses them (check
  ``padded-numbers``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SheetMarks:
    """Hidden columns and rows and cells holding a formula without its result, as the file stores them.

    ``hidden_columns`` are (first, last) ranges of 1-based column numbers (Excel may hide every column to the
    right of a table: A range up to 16384); ``hidden_rows`` and ``unvalued`` use 1-based physical rows and
    columns, as a spreadsheet shows them.
    """

    hidden_columns: tuple[tuple[int, int], ...] = ()
    hidden_rows: tuple[int, ...] = ()
    unvalued: tuple[tuple[int, int], ...] = ()  # (row, column) of formulas stored without a result
    links: tuple[tuple[int, int, str], ...] = ()  # (row, column, address) of the cells holding a hyperlink
    percent: tuple[tuple[int, int], ...] = ()  # (row, column) of the numbers shown as a percentage
    currency: tuple[tuple[int, int, str], ...] = ()  # (row, column, symbol) of the numbers shown as an amount
    padded: tuple[tuple[int, int, int], ...] = ()  # (row, column, width) of the numbers shown with leading zeros

    def __bool__(self) -> bool:
        return bool(self.hidden_columns or self.hidden_rows or self.unvalued or self.links or self.percent
                    or self.currency or self.padded)


@dataclass(frozen=True)
class TableMarks:
    """The marks that concern a sheet's table: hidden columns and rows that hold a value, and every formula
    without its result (even beyond the last value: a column of them reads as nothing at all)."""

    hidden_columns: list[int] = field(default_factory=list)  # 1-based column numbers
    hidden_rows: list[int] = field(default_factory=list)  # physical rows
    unvalued: list[tuple[int, int]] = field(default_factory=list)  # (physical row, column number)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (physical row, column number, address)
    percent: list[tuple[int, int]] = field(default_factory=list)  # (physical row, column number) shown as a percentage
    currency: list[tuple[int, int, str]] = field(default_factory=list)  # (physical row, column number, symbol)
    padded: list[tuple[int, int, int]] = field(default_factory=list)  # (physical row, column number, width)


def table_marks(marks: SheetMarks, rows: Sequence[Sequence[Any]], filled: Callable[[Any], bool]) -> TableMarks:
    """``marks`` cut to the table ``rows`` (the sheet's rows from A1, cut to its last row and column holding a
    value): a hidden column or row counts when it holds a value."""
    if not marks:
        return TableMarks()
    width = max(map(len, rows), default=0)
    columns = sorted({column for first, last in marks.hidden_columns
                      for column in range(first, min(last, width) + 1)
                      if any(column <= len(row) and filled(row[column - 1]) for row in rows)})
    hidden_rows = [row for row in marks.hidden_rows
                   if row <= len(rows) and any(filled(value) for value in rows[row - 1])]
    links = [(row, column, address) for row, column, address in sorted(marks.links)
             if row <= len(rows) and column <= width]
    percent = [(row, column) for row, column in marks.percent if row <= len(rows) and column <= width]  # row order
    currency = [(row, column, symbol) for row, column, symbol in marks.currency if row <= len(rows) and column <= width]
    padded = [(row, column, digits) for row, column, digits in marks.padded if row <= len(rows) and column <= width]
    return TableMarks(columns, hidden_rows, sorted(marks.unvalued), links, percent, currency, padded)
