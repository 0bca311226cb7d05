"""What calamine leaves out of an ODS sheet, read from ``content.xml``: hidden columns and rows, the links cells
hide behind their text, and the numbers shown as a percentage (:mod:`.sheet_marks`).

OpenDocument 1.3 part 3, § 9.1.6 and § 9.1.3: ``<table:table-column table:visibility="collapse" | "filter"
table:number-columns-repeated>`` and ``<table:table-row table:visibility… table:number-rows-repeated>``, in document
order within ``<table:table table:name>`` (header rows and row groups included). The tags are found by their literal
start, and only when the file names a visibility at all: most files cost one search of their XML, read in blocks. A repeated block
of more than :data:`LONGEST_BLOCK` hidden rows or columns is the formatting LibreOffice writes to the sheet's end,
not data: left out.

A cell's link is ``<text:a xlink:href="…">Voir le site</text:a>`` inside its ``<table:table-cell>`` (§ 6.1.8 of part 3;
the address in ``xlink:href``): its position counts the rows and cells before it, repeats and covered cells (a merge)
included, and is read only when the file holds a ``<text:a`` at all.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .sheet_marks import SheetMarks

LONGEST_BLOCK = 1000
BLOCK, OVERLAP = 1 << 20, 32  # bytes read at a time; kept from the last block (a visibility cut in two)
_HIDDEN = (b'table:visibility="collapse"', b'table:visibility="filter"')
_LINK = b"<text:a "
# what places a link: rows and cells (opened, self-closed, closed; covered cells of a merge count as cells) and links
_PLACES = re.compile(rb"<(/?)(table:table-row|table:table-cell|table:covered-table-cell|text:a)\b([^>]*?)(/?)>")
_HREF = re.compile(rb'xlink:href="([^"]*)"')
_PERCENT = b'office:value-type="percentage"'
_CURRENCY = b'office:value-type="currency"'
_CURRENCY_CODE = re.compile(rb'office:currency="([^"]*)"')
_FLOAT = b'office:value-type="float"'
_ZERO_TEXT = b"<text:p>0"
_WHOLE = re.compile(rb'office:value="([0-9]+)"')
_SHOWN_ZEROS = re.compile(rb"\s*<text:p>(0[0-9]+)</text:p>")  # the text a cell shows, leading zeros and all
PERCENT_KEPT = 1_000_000  # numbers shown as a percentage read at most in a sheet
LINKS_KEPT = 100_000  # links of a sheet read at most (a link repeated over a block of cells counts once)
_COLUMN = re.compile(rb"<table:table-column\b([^>]*)>")
_ROW = re.compile(rb"<table:table-row\b([^>]*)>")
_REPEATED = {b"column": re.compile(rb'table:number-columns-repeated="([0-9]+)"'),
             b"row": re.compile(rb'table:number-rows-repeated="([0-9]+)"')}


def scan_ods(path: Path, sheet: str) -> SheetMarks:
    """The hidden columns and rows, the links, the numbers shown as a percentage, as an amount and with leading zeros
    of the sheet named ``sheet``; none when the file has none or cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            hides, links, percent, currency, zeros = _names(archive)
            if not (hides or links or percent or currency or zeros):
                return SheetMarks()
            xml = archive.read("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return SheetMarks()
    table = _table(xml, sheet)
    if table is None:
        return SheetMarks()
    columns = [(first, last) for first, last in _hidden(table, _COLUMN, b"column")] if hides else []
    rows = tuple(row for first, last in _hidden(table, _ROW, b"row") for row in range(first, last + 1)) if hides else ()
    return SheetMarks(hidden_columns=tuple(columns), hidden_rows=rows, links=tuple(_links(table)) if links else (),
                      percent=tuple(_percent_cells(table)) if percent else (),
                      currency=tuple(_currency_cells(table)) if currency else (),
                      padded=tuple(_padded_cells(table)) if zeros else ())


def _names_visibility(archive: zipfile.ZipFile) -> bool:
    """Whether ``content.xml`` names a hidden column or row anywhere, read in blocks (never whole in memory)."""
    return _names(archive)[0]


def _names(archive: zipfile.ZipFile) -> tuple[bool, bool, bool, bool, bool]:
    """Whether ``content.xml`` names a hidden column or row, whether it holds a link (``<text:a``), a number shown
    as a percentage, one shown as an amount and a text beginning with « 0 » (a number shown with leading zeros, or
    a text), in one read by blocks that stops once all five are found."""
    tail, hides, links, percent, currency, zeros = b"", False, False, False, False, False
    with archive.open("content.xml") as handle:
        while block := handle.read(BLOCK):
            data = tail + block
            hides = hides or any(hidden in data for hidden in _HIDDEN)
            links = links or _LINK in data
            percent = percent or _PERCENT in data
            currency = currency or _CURRENCY in data
            zeros = zeros or _ZERO_TEXT in data
            if hides and links and percent and currency and zeros:
                break
            tail = data[-OVERLAP:]
    return hides, links, percent, currency, zeros


@dataclass(frozen=True)
class _Place:
    """A cell's start (``link`` False: its attributes, how many columns and rows it stands for) or a link in the
    cell open (``link`` True: the link's attributes), at its 1-based row and column."""

    row: int
    column: int
    attributes: bytes
    link: bool = False
    columns: int = 1
    rows: int = 1
    end: int = 0  # where the cell's start ends in the table's XML (its content follows)


def _places(table: bytes) -> Iterator[_Place]:
    """The cells of ``table`` and the links in them, in document order, with their positions: rows and cells
    counted with their repeats (``table:number-rows-repeated``, ``table:number-columns-repeated``) and the covered
    cells of a merge."""
    row, rows_repeated, column, cell = 0, 1, 1, None  # ``cell``: the column of the cell open, None outside one
    repeated_cells = 1
    for place in _PLACES.finditer(table):
        closing, tag, attributes, self_closed = place.groups()
        if tag == b"table:table-row":
            if closing:
                row += rows_repeated - 1
            elif not self_closed:
                row, column = row + 1, 1
                count = _REPEATED[b"row"].search(attributes)
                rows_repeated = int(count.group(1)) if count else 1
            else:
                row += int(count.group(1)) if (count := _REPEATED[b"row"].search(attributes)) else 1
        elif tag == b"text:a":
            if cell is not None and not closing:
                yield _Place(row, cell, attributes, link=True)
        elif closing:  # a cell closed: the columns it spans are passed
            column += repeated_cells
            cell = None
        else:
            count = _REPEATED[b"column"].search(attributes)
            repeated_cells = int(count.group(1)) if count else 1
            yield _Place(row, column, attributes, columns=repeated_cells, rows=rows_repeated, end=place.end())
            if self_closed:
                column += repeated_cells
            else:
                cell = column


def _percent_cells(table: bytes) -> list[tuple[int, int]]:
    """(row, column) of each cell of ``table`` whose value type is a percentage (OpenDocument part 3, § 19.387:
    ``office:value-type="percentage"``, its value the fraction), 1-based, repeated rows and cells counted."""
    found: list[tuple[int, int]] = []
    for place in _places(table):
        if not place.link and _PERCENT in place.attributes and place.rows * place.columns <= LONGEST_BLOCK:
            found += [(place.row + extra, place.column + offset) for extra in range(place.rows)
                      for offset in range(place.columns)]
            if len(found) >= PERCENT_KEPT:
                break
    return found


def _currency_cells(table: bytes) -> list[tuple[int, int, str]]:
    """(row, column, symbol) of each cell of ``table`` whose value type is a currency (OpenDocument part 3, § 19.387:
    ``office:value-type="currency"``, its currency in ``office:currency``, « EUR » → « € »), repeats counted."""
    from .xlsx_scan import CURRENCIES

    found: list[tuple[int, int, str]] = []
    for place in _places(table):
        if not place.link and _CURRENCY in place.attributes and place.rows * place.columns <= LONGEST_BLOCK:
            code = _CURRENCY_CODE.search(place.attributes)
            name = code.group(1).decode("ascii", "replace") if code else ""
            symbol = CURRENCIES.get(name, name) or "€"
            found += [(place.row + extra, place.column + offset, symbol) for extra in range(place.rows)
                      for offset in range(place.columns)]
            if len(found) >= PERCENT_KEPT:
                break
    return found


def _padded_cells(table: bytes) -> list[tuple[int, int, int]]:
    """(row, column, width) of each cell of ``table`` holding a whole number it shows with leading zeros (a format
    « 000 »: ``office:value="40"``, ``<text:p>040</text:p>``), repeats counted."""
    found: list[tuple[int, int, int]] = []
    for place in _places(table):
        if place.link or _FLOAT not in place.attributes or place.rows * place.columns > LONGEST_BLOCK:
            continue
        value = _WHOLE.search(place.attributes)
        shown = _SHOWN_ZEROS.match(table, place.end) if value else None
        if value and shown and shown.group(1).lstrip(b"0") == value.group(1).lstrip(b"0"):
            width = len(shown.group(1))
            found += [(place.row + extra, place.column + offset, width) for extra in range(place.rows)
                      for offset in range(place.columns)]
            if len(found) >= PERCENT_KEPT:
                break
    return found


def _links(table: bytes) -> list[tuple[int, int, str]]:
    """(row, column, address) of each cell of ``table`` whose text holds a link (1-based, repeats counted); the first
    link of a cell, once for a cell repeated over a block."""
    found: list[tuple[int, int, str]] = []
    for place in _places(table):
        href = _HREF.search(place.attributes) if place.link else None
        if href and (not found or found[-1][:2] != (place.row, place.column)):
            found.append((place.row, place.column, html.unescape(href.group(1).decode("utf-8", "replace"))))
            if len(found) >= LINKS_KEPT:
                break
    return found


def _table(xml: bytes, sheet: str) -> bytes | None:
    """The XML of the table named ``sheet`` (its name written as XML escapes it)."""
    name = html.escape(sheet, quote=True).encode("utf-8")
    start = xml.find(b'<table:table table:name="' + name + b'"')
    if start < 0:
        return None
    end = xml.find(b"</table:table>", start)
    return xml[start: end if end >= 0 else len(xml)]


def _hidden(table: bytes, tag: re.Pattern[bytes], kind: bytes) -> list[tuple[int, int]]:
    """The (first, last) 1-based positions of the hidden columns or rows, counting repeats."""
    found = []
    position = 1
    for element in tag.finditer(table):
        attributes = element.group(1)
        repeated = _REPEATED[kind].search(attributes)
        count = int(repeated.group(1)) if repeated else 1
        if any(hidden in attributes for hidden in _HIDDEN) and count <= LONGEST_BLOCK:
            found.append((position, position + count - 1))
        position += count
    return found
