"""Reading XLSX and ODS sheets with python-calamine (Rust), typed as openpyxl and the ODS reader typed them.

calamine reads a sheet several times faster than openpyxl, but it differs in three ways that this module
makes up for, so that reports do not change with the reader:

- numbers are always ``float``: a whole number becomes ``int`` (as openpyxl reads ``1``), an XLSX date
  (``date`` from calamine) becomes a ``datetime`` at midnight (as openpyxl reads every date), and an empty
  cell is ``None``, not ``""``;
- an error cell (``#N/A``, ``#DIV/0!``) reads as empty: its text is taken from the sheet's XML, and only
  when that XML holds an error cell at all;
- hidden columns and rows, and formulas stored without their result, are not told: they are read from the
  sheet's XML too (:mod:`.xlsx_scan`; an ODS sheet's hidden columns and rows, :mod:`.ods_scan`; :mod:`.sheet_marks`);
- cells that hold only formatting are not read: the number of formatted-but-empty columns and rows, which
  the report states, comes from the extent the XLSX file stores (``<dimension ref="A1:IV39"/>``). An ODS
  file stores no such extent: none is stated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import threading
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from .ods_scan import scan_ods
from .sheet_marks import SheetMarks
from .xlsx_scan import NumberStyles, XlsxScan, number_styles, scan_sheet

_DATE = dt.date
_DATETIME = dt.datetime
# day 0 of a workbook's dates, for the days before 1900 LibreOffice writes (:func:`.xlsx_scan._early_dates`): its null
# date, and the 1904 system's first day
_EPOCH_1900, _EPOCH_1904 = dt.datetime(1899, 12, 30), dt.datetime(1904, 1, 1)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
class CalamineBook:
    """One workbook opened by calamine: its sheet names, and each sheet's rows on demand."""

    def __init__(self, path: Path, fmt: str) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

        self.path = path
        self.fmt = fmt
        self.book = CalamineWorkbook.from_path(str(path))
        self.names = [str(name) for name in self.book.sheet_names]
        self.cells = {str(meta.name) for meta in self.book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet}
        self.hidden = {str(meta.name) for meta in self.book.sheets_metadata
                       if meta.visible != SheetVisibleEnum.Visible}  # hidden, or « very hidden » by a macro
        self._parts: dict[str, str] | None = None
        self._1904 = False  # the workbook's days counted from 1904 (read with the parts: :meth:`_date1904`)
        self._styles: NumberStyles | None = None  # the cell styles showing a percentage… (:meth:`_number_styles`)
        self._parsed: dict[str, tuple[Any, _Scan | None]] = {}  # sheets parsed ahead (:meth:`parse`), not read yet
        self.marks: dict[str, SheetMarks] = {}  # an XLSX sheet's hidden columns and rows… once read (:meth:`rows`)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already closed
            self.book.close()

    def rows(self, name: str) -> tuple[list[list[Any]], int, int]:
        """(rows from A1 as calamine types them, error cells' text put in (type them with :func:`typed_rows`);
        the stored extent's row and column counts, 0 when unknown)."""
        if name not in self.cells:  # a chart sheet (or a macro or dialog sheet) holds no cells
            return [], 0, 0
        sheet, scan = self._parsed.pop(name) if name in self._parsed else self._parse(name)
        rows = sheet.to_python(skip_empty_area=False)
        if scan is None:
            return rows, 0, 0
        scan.join()
        self.marks[name] = scan.result.marks
        for row, column, text in scan.result.errors:
            if row < len(rows) and column < len(rows[row]) and rows[row][column] in ("", None):
                rows[row][column] = text
        if scan.result.early_dates:
            epoch = _EPOCH_1904 if self._date1904() else _EPOCH_1900
            for row, column, serial in scan.result.early_dates:  # calamine read them as a time of day
                if row < len(rows) and column < len(rows[row]) and rows[row][column].__class__ is dt.time:
                    with contextlib.suppress(OverflowError):
                        rows[row][column] = epoch + dt.timedelta(days=serial)
        return rows, *scan.result.extent

    def parse(self, name: str) -> None:
        """Parse a sheet now, for a later :meth:`rows` (calamine parses without holding the GIL: a thread can
        parse the sheet while the program goes on importing and setting up)."""
        if name in self.cells and name not in self._parsed:
            self._parsed[name] = self._parse(name)

    def _parse(self, name: str) -> tuple[Any, _Scan | None]:
        """The parsed sheet, and for an XLSX or ODS the scan of its XML (decompressed in C, off the lock, on another
        core)."""
        scan = None
        if self.fmt in ("xlsx", "ods"):
            scan = _Scan(self, name)
            scan.start()
        return self.book.get_sheet_by_name(name), scan

    # --- what calamine leaves out of an XLSX sheet, from its XML ---------------------------------------

    def xlsx_scan(self, name: str) -> XlsxScan:
        """The scan of an XLSX sheet's XML (:mod:`.xlsx_scan`); an empty one when the package cannot be read."""
        try:
            part = self._sheet_parts().get(name)
            if part is None:
                return XlsxScan()
            with zipfile.ZipFile(self.path) as archive:
                with archive.open(part) as handle:
                    scan = scan_sheet(handle, self._number_styles(archive))
                if scan.hyperlinks:
                    scan.marks = replace(scan.marks, links=_addresses(archive, part, scan.hyperlinks))
                return scan
        except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
            return XlsxScan()

    def _number_styles(self, archive: zipfile.ZipFile) -> NumberStyles:
        """The workbook's cell styles that show a number otherwise than as it is (read once)."""
        if self._styles is None:
            try:
                self._styles = number_styles(archive.read("xl/styles.xml"))
            except KeyError:
                self._styles = NumberStyles()
        return self._styles

    def _date1904(self) -> bool:
        """Whether the workbook counts its days from 1904 (``<workbookPr date1904="1"/>``, ECMA-376 § 18.2.28: a
        workbook made on an old Mac), not from 1900."""
        try:
            self._sheet_parts()
        except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
            return False
        return self._1904

    def _sheet_parts(self) -> dict[str, str]:
        """Sheet name -> its XML part in the package (``xl/worksheets/sheet1.xml``)."""
        if self._parts is None:
            with zipfile.ZipFile(self.path) as archive:
                workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
                rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            properties = workbook.find(f"{_MAIN}workbookPr")
            self._1904 = properties is not None and properties.get("date1904", "") in ("1", "true")
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")}
            parts = {}
            for sheet in workbook.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(f"{_DOC_RELS}id"), "")
                if target:
                    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    parts[str(sheet.get("name"))] = path
            self._parts = parts
        return self._parts


def _addresses(archive: zipfile.ZipFile, part: str, hyperlinks: list[tuple[int, int, str]]) -> tuple[
        tuple[int, int, str], ...]:
    """(row, column, address) of the hyperlinks whose relationship, in the sheet's ``_rels`` part, is an external
    target (a web or mail address)."""
    folder, name = posixpath.split(part)
    try:
        rels = ElementTree.fromstring(archive.read(posixpath.join(folder, "_rels", name + ".rels")))
    except KeyError:
        return ()
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")
               if rel.get("TargetMode") == "External"}
    return tuple((row, column, targets[rid]) for row, column, rid in hyperlinks if targets.get(rid))


def typed_rows(rows: Any, dates: bool) -> list[list[Any]]:
    """calamine's cells typed as openpyxl (``dates``: XLSX) or the ODS reader types them (see the module's text)."""
    if dates:
        return [[(v or None) if (c := v.__class__) is str else (int(v) if v.is_integer() else v) if c is float
                 else _DATETIME(v.year, v.month, v.day) if c is _DATE else v for v in row] for row in rows]
    return [[(v or None) if (c := v.__class__) is str else (int(v) if v.is_integer() else v) if c is float
             else v for v in row] for row in rows]


def typed_cell(v: Any, dates: bool) -> Any:
    """One cell of :func:`typed_rows`."""
    c = v.__class__
    if c is str:
        return v or None
    if c is float:
        return int(v) if v.is_integer() else v
    return _DATETIME(v.year, v.month, v.day) if dates and c is _DATE else v


class _Scan(threading.Thread):
    """:meth:`CalamineBook.xlsx_scan` (an ODS: :func:`.ods_scan.scan_ods`) in a thread."""

    def __init__(self, book: CalamineBook, name: str) -> None:
        super().__init__(name="odwb-workbook-scan", daemon=True)  # (``name`` is the thread's, not the sheet's)
        self.book, self.sheet = book, name
        self.result = XlsxScan()

    def run(self) -> None:
        with contextlib.suppress(Exception):  # never a traceback from the thread: the sheet is read all the same
            if self.book.fmt == "ods":
                self.result = XlsxScan(marks=scan_ods(self.book.path, self.sheet))
            else:
                self.result = self.book.xlsx_scan(self.sheet)
