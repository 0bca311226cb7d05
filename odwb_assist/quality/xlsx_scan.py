"""What calamine leaves out of an XLSX sheet, read from the sheet's XML in one pass of row-aligned blocks (never
whole in memory): the extent the file stores, the error cells' text, hidden columns and rows, formulas stored
without their result, the cells' hyperlinks (:mod:`.sheet_marks`).

The XML is the Office Open XML of ECMA-376 part 1, § 18.3.1: ``<col min max hidden>`` (18.3.1.13), ``<row r
hidden>`` (18.3.1.73), a cell ``<c r t>`` with its formula ``<f>`` and its last result ``<v>`` (18.3.1.4,
18.3.1.40, 18.3.1.96). A formula whose result is an empty string is stored ``t="str"`` with an empty ``<v>``;
a formula without ``<v>``, or with an empty ``<v>`` and no ``t="str"``, was never computed (openpyxl and
other writers that do not calculate store them so).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import IO

from .sheet_marks import SheetMarks

HEAD, BLOCK = 4096, 1 << 20  # the head holds the extent; then blocks, each cut after its last row
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
# An error cell with its content (never a self-closing one: its match would run into the next cell).
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_ERROR_CELL_T_FIRST = re.compile(rb'<(?:\w+:)?c\s[^>]*?\bt="e"[^>]*?\br="([A-Z]+)(\d+)"[^>]*(?<!/)>(.*?)</(?:\w+:)?c>',
                                 re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_COLUMN = re.compile(rb"<(?:\w+:)?col\s([^>]*)>")
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s([^>]*\bhidden="(?:1|true)"[^>]*)>')
# A cell holding a formula (``<f>…</f>`` or a shared formula's ``<f …/>``) and then an empty or no result.
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?<!/)>\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*"
                           rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_REFERENCE = re.compile(rb'\br="([A-Z]+)(\d+)"')
# ``<hyperlink ref="C2" r:id="rId1"/>`` (18.3.1.47), after the sheet's data: the link's target is in the sheet's
# relationships (an external address), or its ``location`` a place in the workbook
_HYPERLINK = re.compile(rb"<(?:\w+:)?hyperlink\s([^>]*?)/?>")
_CELL_RANGE = re.compile(rb"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")
_RELATIONSHIP_ID = re.compile(rb'\b\w+:id="([^"]*)"')
_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


@dataclass
class XlsxScan:
    """The scan of one sheet: its stored extent (rows, columns), error cells (row, column, text; 0-based), marks."""

    extent: tuple[int, int] = (0, 0)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    marks: SheetMarks = field(default_factory=SheetMarks)
    hyperlinks: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, relationship id), 1-based
    early_dates: list[tuple[int, int, float]] = field(default_factory=list)  # (row, column, serial): a date before
    # 1900 (:func:`_early_dates`), 0-based


_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
PERCENT_KEPT = 1_000_000  # numbers shown as a percentage (or as an amount) read at most in a sheet


@dataclass(frozen=True)
class NumberStyles:
    """The workbook's cell styles whose number format changes what a number shows (:func:`number_styles`)."""

    percent: frozenset[int] = frozenset()  # as a percentage
    currency: dict[str, frozenset[int]] = field(default_factory=dict)  # as an amount, by currency symbol
    padded: dict[int, frozenset[int]] = field(default_factory=dict)  # with leading zeros, by width (« 000 »)
    dates: frozenset[int] = frozenset()  # as a date or a time (:func:`date_styles`)


def scan_sheet(handle: IO[bytes], styles: NumberStyles | None = None) -> XlsxScan:
    """Scan a sheet's XML from ``handle`` (the part opened in its package); ``styles``: the workbook's cell styles
    that show a number otherwise than as it is (:func:`number_styles`)."""
    styles = styles or NumberStyles()
    head = handle.read(HEAD)
    scan = XlsxScan(extent=_extent(head))
    root = _ROOT.search(head)
    prefix = (root.group(1) or b"") if root else b""  # « x: » when the XML names its elements so
    hidden_columns: list[tuple[int, int]] = []
    hidden_rows: list[int] = []
    unvalued: list[tuple[int, int]] = []
    percent: list[tuple[int, int]] = []
    currency: list[tuple[int, int, str]] = []
    padded: list[tuple[int, int, int]] = []
    carry = head
    # ECMA-376 orders a worksheet's elements (CT_Worksheet, § 18.3.1.99): <cols> before <sheetData>, <hyperlinks>
    # after it. So the columns are looked for until the rows begin, the links only in a part that does not end
    # with a row (the sheet's tail); the other searches run on every part (each costs a pass over the block).
    before_data = True
    while True:
        block = handle.read(BLOCK)
        data = carry + block
        end = data.rfind(b"row>") + 4 if block else len(data)  # the blocks end after a row (or a row's start)
        if end < 4:  # no row yet: a long head, read on
            end = len(data) if len(data) > 64 * BLOCK else 0
        part, carry = data[:end], data[end:]
        if part:
            if before_data and b"col " in part:
                hidden_columns += _hidden_columns(part)
            before_data = before_data and b"sheetData" not in part
            if b'hidden="' in part:
                hidden_rows += [int(found.group(1)) for row in _HIDDEN_ROW.finditer(part)
                                if (found := _ROW_NUMBER.search(row.group(1)))]
            if b't="e"' in part:
                scan.errors += _errors(part)
            if b"<" + prefix + b"f" in part:  # a formula without its result is a cell with an <f> element
                unvalued += _unvalued(part, prefix)
            if not part.endswith(b"row>") and b"hyperlink" in part:
                scan.hyperlinks += _hyperlinks(part)
            if styles.percent and len(percent) < PERCENT_KEPT:
                percent += _styled_numbers(part, styles.percent)
            for symbol, styled in styles.currency.items():
                if len(currency) < PERCENT_KEPT:
                    currency += [(row, column, symbol) for row, column in _styled_numbers(part, styled)]
            for width, styled in styles.padded.items():
                if len(padded) < PERCENT_KEPT:
                    padded += [(row, column, width) for row, column in _styled_numbers(part, styled)]
            if styles.dates and b"<" + prefix + b"v>-" in part:
                scan.early_dates += _early_dates(part, styles.dates)
        if not block:
            break
    scan.marks = SheetMarks(tuple(hidden_columns), tuple(hidden_rows), tuple(unvalued), percent=tuple(percent),
                            currency=tuple(currency), padded=tuple(padded))
    return scan


@lru_cache(maxsize=8)
def _styled_cells(styles: frozenset[int]) -> tuple[re.Pattern[bytes], re.Pattern[bytes], tuple[bytes, ...]]:
    """Cells whose style (``s``, an index into the workbook's ``cellXfs``) is one of ``styles`` (18.3.1.4): with their
    attributes in Excel's, LibreOffice's and openpyxl's order, ``<c r s t>`` (reference, style, type, and a « / »
    when the cell is empty), found in one C pass from a literal start; in any order and with a namespace prefix,
    with their attributes; and the style attributes themselves, counted to tell whether the first pass found all."""
    numbers = b"|".join(str(style).encode() for style in sorted(styles))
    ordered = re.compile(rb'<c r="([A-Z]+)([0-9]+)" s="(?:' + numbers + rb')"(?: t="(\w+)")?\s*(/?)>')
    anywhere = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bs="(?:' + numbers + rb')"[^>]*)>')
    return ordered, anywhere, tuple(b' s="%d"' % style for style in sorted(styles))


def _styled_numbers(xml: bytes, styles: frozenset[int]) -> list[tuple[int, int]]:
    """(row, column) of the number cells whose style is one of ``styles`` (a number has no ``t``, or ``t="n"``, and a
    value: a self-closed cell is empty)."""
    ordered, anywhere, attributes_written = _styled_cells(styles)
    cells = ordered.findall(xml)
    if len(cells) == sum(xml.count(written) for written in attributes_written):  # nothing else has these styles
        columns: dict[bytes, int] = {}
        return [(int(row), columns.get(letters) or columns.setdefault(letters, column_number(letters)))
                for letters, row, kind, empty in cells if kind in (b"", b"n") and not empty]
    found = []
    for cell in anywhere.finditer(xml):
        attributes = cell.group(1)
        kind = _CELL_TYPE.search(attributes)
        reference = _REFERENCE.search(attributes)
        if reference and (kind is None or kind.group(1) == b"n") and not attributes.endswith(b"/"):
            found.append((int(reference.group(2)), column_number(reference.group(1))))
    return found


# Number formats 9 (« 0% ») and 10 (« 0.00% ») are built in (ECMA-376 part 1, § 18.8.30); a workbook's own formats are
# its ``<numFmt numFmtId formatCode>`` (§ 18.8.30-31)
BUILT_IN_PERCENT = frozenset({9, 10})
_NUMBER_FORMAT = re.compile(rb'<(?:\w+:)?numFmt\s[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELL_FORMATS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_FORMAT = re.compile(rb"<(?:\w+:)?xf\s([^>]*)")
_FORMAT_ID = re.compile(rb'\bnumFmtId="(\d+)"')


def shows_percent(code: str) -> bool:
    """Whether a spreadsheet number format (« 0.0% », « 0,00\\ % ») shows a percentage: a « % » outside its quoted
    texts and escaped characters (« "%"0 » writes a « % » before the number, it shows no percentage). The same format
    codes in XLSX (ECMA-376 § 18.8.31) and XLS (the FORMAT record)."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


# a currency in a format code: a locale block « [$€-80C] », « [$EUR] » (« [$-80C] » names a language, no currency),
# or the symbol itself, quoted (« "€" »), escaped (« \\€ ») or as it is
_LOCALE_BLOCK = re.compile(r"\[\$([^\]\-]*)(?:-[0-9A-Za-z-]+)?\]")
CURRENCIES = {"€": "€", "EUR": "€", "$": "$", "USD": "$", "£": "£", "GBP": "£", "CHF": "CHF"}
_SYMBOL = re.compile("|".join(re.escape(symbol) for symbol in sorted(CURRENCIES, key=len, reverse=True)))


def shown_currency(code: str) -> str | None:
    """The currency a spreadsheet number format (« #,##0.00 "€" », « [$€-80C] # ##0,00 », « #,##0.00\\ € ») shows
    its number in (« € », « $ », « £ », « CHF »), None for another format. The same codes in XLSX and XLS."""
    for block in _LOCALE_BLOCK.finditer(code):
        symbol = block.group(1).strip()
        if symbol:
            return CURRENCIES.get(symbol, symbol)
    found = _SYMBOL.search(_LOCALE_BLOCK.sub("", code))
    return CURRENCIES[found.group(0)] if found else None


def _number_formats(styles_xml: bytes) -> tuple[dict[int, str], list[int]]:
    """The workbook's own number format codes (id -> code), and each cell style's number format id, in order (the
    styles without one get -1)."""
    import html

    codes = {int(found.group(1)): html.unescape(found.group(2).decode("utf-8", "replace"))
             for found in _NUMBER_FORMAT.finditer(styles_xml)}
    cell_formats = _CELL_FORMATS.search(styles_xml)
    if cell_formats is None:
        return codes, []
    ids = []
    for xf in _FORMAT.finditer(cell_formats.group(1)):
        number_format = _FORMAT_ID.search(xf.group(1))
        ids.append(int(number_format.group(1)) if number_format else -1)
    return codes, ids


def percent_styles(styles_xml: bytes) -> frozenset[int]:
    """The cell styles (indexes into ``cellXfs``, as a cell's ``s`` names them) whose number format shows a
    percentage: a built-in one, or a format code with « % » outside its quoted texts (« 0.0% », « 0,00 % »)."""
    codes, ids = _number_formats(styles_xml)
    formats = set(BUILT_IN_PERCENT) | {number for number, code in codes.items() if shows_percent(code)}
    return frozenset(index for index, number in enumerate(ids) if number in formats)


_ZEROS = re.compile(r"0{2,}")
_SECTION_BLOCK = re.compile(r"\[[^\]]*\]")  # a colour or a condition: « [Red] », « [>=0] »


def padded_width(code: str) -> int | None:
    """How many digits a number format shows a whole number with, leading zeros added (« 000 » → 3, « 00000 » → 5:
    40 shows « 040 »); None for another format. Each section (« 000;-000 ») must be the same zeros."""
    sections = {_SECTION_BLOCK.sub("", section).strip().removeprefix("\\").removeprefix("-")
                for section in code.split(";") if section.strip()}  # a negative section: « -000 », « \\-000 »
    if len(sections) != 1:
        return None
    (section,) = sections
    return len(section) if _ZEROS.fullmatch(section) else None


def padded_styles(styles_xml: bytes) -> dict[int, frozenset[int]]:
    """The cell styles whose number format shows a whole number with leading zeros, by width (« 000 »: a budget's
    function codes « 040 », a file number « 00123 », typed as numbers and shown as codes)."""
    codes, ids = _number_formats(styles_xml)
    widths = {number: width for number, code in codes.items() if (width := padded_width(code)) is not None}
    found: dict[int, set[int]] = {}
    for index, number in enumerate(ids):
        if number in widths:
            found.setdefault(widths[number], set()).add(index)
    return {width: frozenset(styles) for width, styles in found.items()}


def number_styles(styles_xml: bytes) -> NumberStyles:
    """Every style of :class:`NumberStyles`, from the workbook's ``styles.xml``."""
    return NumberStyles(percent_styles(styles_xml), currency_styles(styles_xml), padded_styles(styles_xml),
                        date_styles(styles_xml))


# the built-in number formats that show a date or a time (ECMA-376 part 1, § 18.8.30: 14-22, 45-47; and those
# Excel keeps for East Asian locales, 27-36, 50-58, 71-81), as readers of the format take them (SheetJS's table of
# implicit formats; calamine's test of a built-in date format)
BUILT_IN_DATES = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)])
_DATE_TOKEN = re.compile(r"[dmyhs]", re.IGNORECASE)


def shows_date(code: str) -> bool:
    """Whether a format code (« DD/MM/YYYY », « [$-80C]d mmmm yyyy », « h:mm ») shows a date or a time: a day, month,
    year, hour or second outside its quoted texts, escaped characters and bracketed blocks (« "m²" », « \\m »,
    « [Red] » are none)."""
    return bool(_DATE_TOKEN.search(re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)))


def date_styles(styles_xml: bytes) -> frozenset[int]:
    """The cell styles whose number format shows a date or a time: a built-in one, or a code of the workbook's own."""
    codes, ids = _number_formats(styles_xml)
    formats = set(BUILT_IN_DATES) | {number for number, code in codes.items() if shows_date(code)}
    return frozenset(index for index, number in enumerate(ids) if number in formats)


def _early_dates(xml: bytes, styles: frozenset[int]) -> list[tuple[int, int, float]]:
    """(row, column, serial), 0-based, of the date cells holding a negative day number: a date before 1900, which
    LibreOffice Calc writes so in XLSX (its null date, 1899-12-30, and the days before it; Excel shows « #### »: ONLYOFFICE
    DesktopEditors issue 370, PhpSpreadsheet issue 424). A number cell (no ``t``, or ``t="n"``) of one of ``styles``,
    its value ``<v>`` after the formula that computed it, if any."""
    _, anywhere, _ = _styled_cells(styles)
    found = []
    for cell in anywhere.finditer(xml):
        attributes = cell.group(1)
        kind = _CELL_TYPE.search(attributes)
        reference = _REFERENCE.search(attributes)
        if reference is None or (kind is not None and kind.group(1) != b"n") or attributes.endswith(b"/"):
            continue
        value = _EARLY_VALUE.match(xml, cell.end())
        if value is not None:
            with contextlib.suppress(ValueError):
                found.append((int(reference.group(2)) - 1, column_number(reference.group(1)) - 1,
                              float(value.group(1))))
    return found


# what follows a cell's start: its formula, if any, then a negative value
_EARLY_VALUE = re.compile(rb"\s*(?:<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*)?<(?:\w+:)?v>(-[0-9.Ee+-]+)</")


def currency_styles(styles_xml: bytes) -> dict[str, frozenset[int]]:
    """The cell styles whose number format shows an amount in a currency, by its symbol (a workbook's own formats:
    Excel writes a currency format so, in any language; the built-in ones of ECMA-376 § 18.8.30 show none)."""
    codes, ids = _number_formats(styles_xml)
    symbols = {number: symbol for number, code in codes.items()
               if not shows_percent(code) and (symbol := shown_currency(code)) is not None}
    found: dict[str, set[int]] = {}
    for index, number in enumerate(ids):
        if number in symbols:
            found.setdefault(symbols[number], set()).add(index)
    return {symbol: frozenset(styles) for symbol, styles in found.items()}


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _extent(head: bytes) -> tuple[int, int]:
    """(last row, last column) of ``<dimension ref="A1:IV39"/>``; (0, 0) when the sheet does not store it."""
    found = _DIMENSION.search(head)
    if not found:
        return 0, 0
    letters, digits = (found.group(3), found.group(4)) if found.group(3) else (found.group(1), found.group(2))
    if not letters or not digits:
        return 0, 0
    return int(digits), column_number(letters)


def _attribute(attributes: bytes, name: bytes) -> bytes | None:
    found = re.search(rb"\b" + name + rb'="([^"]*)"', attributes)
    return found.group(1) if found else None


def _hidden_columns(xml: bytes) -> list[tuple[int, int]]:
    """The (min, max) of each ``<col hidden="1">``."""
    ranges = []
    for column in _COLUMN.finditer(xml):
        attributes = column.group(1)
        if _attribute(attributes, b"hidden") in (b"1", b"true"):
            first, last = _attribute(attributes, b"min"), _attribute(attributes, b"max")
            if first and last and first.isdigit() and last.isdigit():
                ranges.append((int(first), int(last)))
    return ranges


def _errors(xml: bytes) -> list[tuple[int, int, str]]:
    """The error cells (``#N/A``…) of a sheet's XML: (row, column, text), 0-based."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_ERROR_CELL, _ERROR_CELL_T_FIRST):
        for cell in pattern.finditer(xml):
            value = _VALUE.search(cell.group(3))
            if value is not None:
                found.append((int(cell.group(2)) - 1, column_number(cell.group(1)) - 1,
                              value.group(1).decode("utf-8", "replace")))
    return found


def _hyperlinks(xml: bytes) -> list[tuple[int, int, str]]:
    """(row, column, relationship id), 1-based, of each cell a ``<hyperlink r:id>`` covers (a link to a place of the
    workbook, ``location`` alone, is no address: left out). A range (« C2:C5 ») gives each of its cells."""
    found = []
    for link in _HYPERLINK.finditer(xml):
        attributes = link.group(1)
        reference, relationship = _attribute(attributes, b"ref"), _RELATIONSHIP_ID.search(attributes)
        cells = _CELL_RANGE.fullmatch(reference or b"")
        if relationship is None or cells is None:
            continue
        first_column, first_row = column_number(cells.group(1)), int(cells.group(2))
        last_column = column_number(cells.group(3)) if cells.group(3) else first_column
        last_row = int(cells.group(4)) if cells.group(4) else first_row
        if (last_row - first_row + 1) * (last_column - first_column + 1) > 100_000:  # a whole column: not a cell's
            continue
        rid = relationship.group(1).decode("utf-8", "replace")
        found += [(row, column, rid) for row in range(first_row, last_row + 1)
                  for column in range(first_column, last_column + 1)]
    return found


def _unvalued(xml: bytes, prefix: bytes) -> list[tuple[int, int]]:
    """(row, column), 1-based, of the cells holding a formula without its result. Only the ends such a cell can
    have are searched (``</f></c>``, ``…/></c>``, ``<v></v>``), each then read from its cell's start: a sheet of
    computed formulas (``</f><v>12</v></c>``) costs three searches of each block, not a pattern tried at every tag."""
    starts: set[int] = set()
    opening = b"<" + prefix + b"c "
    for end in (b"f></" + prefix + b"c>", b"/></" + prefix + b"c>", b"v></" + prefix + b"v>"):
        at = xml.find(end)
        while at >= 0:
            start = xml.rfind(opening, 0, at)
            if start >= 0:
                starts.add(start)
            at = xml.find(end, at + len(end))
    found = []
    for start in sorted(starts):
        cell = _FORMULA_CELL.match(xml, start)
        if cell is None:
            continue
        attributes = cell.group(1)
        if b't="str"' in attributes and b"<v" in cell.group(0):  # a computed empty string
            continue
        reference = _REFERENCE.search(attributes)
        if reference is not None:
            found.append((int(reference.group(2)), column_number(reference.group(1))))
    return found
