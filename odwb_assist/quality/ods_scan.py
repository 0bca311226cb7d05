"""What calamine leaves out of an ODS sheet, read from ``content.xml``: hidden columns and rows (:mod:`.sheet_marks`).

OpenDocument 1.3 part 3, § 9.1.6 and § 9.1.3: ``<table:table-column table:visibility="collapse" | "filter"
table:number-columns-repeated>`` and ``<table:table-row table:visibility… table:number-rows-repeated>``, in document
order within ``<table:table table:name>`` (header rows and row groups included). The tags are found by their literal
start, and only when the file names a visibility at all: most files cost one search of their XML, read in blocks. A repeated block
of more than :data:`LONGEST_BLOCK` hidden rows or columns is the formatting LibreOffice writes to the sheet's end,
not data: left out.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from .sheet_marks import SheetMarks

LONGEST_BLOCK = 1000
BLOCK, OVERLAP = 1 << 20, 32  # bytes read at a time; kept from the last block (a visibility cut in two)
_HIDDEN = (b'table:visibility="collapse"', b'table:visibility="filter"')
_COLUMN = re.compile(rb"<table:table-column\b([^>]*)>")
_ROW = re.compile(rb"<table:table-row\b([^>]*)>")
_REPEATED = {b"column": re.compile(rb'table:number-columns-repeated="([0-9]+)"'),
             b"row": re.compile(rb'table:number-rows-repeated="([0-9]+)"')}


def scan_ods(path: Path, sheet: str) -> SheetMarks:
    """The hidden columns and rows of the sheet named ``sheet``; none when the file hides none or cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not _names_visibility(archive):
                return SheetMarks()
            xml = archive.read("content.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return SheetMarks()
    table = _table(xml, sheet)
    if table is None:
        return SheetMarks()
    columns = [(first, last) for first, last in _hidden(table, _COLUMN, b"column")]
    rows = tuple(row for first, last in _hidden(table, _ROW, b"row") for row in range(first, last + 1))
    return SheetMarks(hidden_columns=tuple(columns), hidden_rows=rows)


def _names_visibility(archive: zipfile.ZipFile) -> bool:
    """Whether ``content.xml`` names a hidden column or row anywhere, read in blocks (never whole in memory)."""
    tail = b""
    with archive.open("content.xml") as handle:
        while block := handle.read(BLOCK):
            data = tail + block
            if any(hidden in data for hidden in _HIDDEN):
                return True
            tail = data[-OVERLAP:]
    return False


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
