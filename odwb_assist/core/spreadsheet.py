"""User text written into spreadsheets so that it is never run as a formula.

Registers, reports and templates carry text typed by others (an administration's name from a form,
a cell of a checked file). Written as is, ``=HYPERLINK("http://…";"Namur")`` or ``=cmd|' /C calc'!A0``
becomes a live formula in Excel or LibreOffice. Following OWASP's « CSV Injection » advice:

- in XLSX, every string is written as a *string cell* (openpyxl otherwise turns a leading ``=`` into a
  formula), so the reader sees exactly the text;
- in CSV, where a cell has no type, a value starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return gets a leading apostrophe, which spreadsheets show as text. Numbers (ints, floats) are never
  touched, so a refund of -120.5 stays a number.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """``value`` ready for a CSV export: text that a spreadsheet would run gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def text_cell(sheet: Any, value: Any) -> Any:
    """A write-only openpyxl cell holding ``value``; a string is always a string cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def set_text(cell: Any, value: Any) -> None:
    """Assign ``value`` to an ordinary openpyxl cell; a string stays a string cell, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
