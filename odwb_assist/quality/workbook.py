"""Reading one sheet of a workbook (XLSX, XLS of every BIFF version, ODS) as rows of typed cells.

Why not Frictionless's own spreadsheet parsers: they decode an Excel 95 (BIFF5/7) workbook with the
detected *text* encoding instead of the workbook's code page (a raw codec error), and they keep every
cell that carries formatting, so a sheet formatted down to column IV reads as 256 columns. Here each
sheet is read with its own library (openpyxl, xlrd, ezodf), cells are typed as Frictionless types them
(whole numbers as ``int``, dates as ``date``/``datetime``), and the sheet is cut to the rectangle of
the cells that hold a value. The engine hands these rows to Frictionless as inline data.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FALLBACK_CODEPAGE = "cp1252"  # an old workbook without a CODEPAGE record: Windows Western, as in Belgium


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, its position (1-based) among ``names``, its rows cut to the cells with values."""

    name: str
    index: int
    names: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    codepage: str | None = None  # the code page an XLS workbook was decoded with (BIFF5/7: 8-bit text)
    trimmed_columns: int = 0  # formatted but empty columns cut on the right
    trimmed_rows: int = 0  # formatted but empty rows cut at the bottom


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cut(rows: list[list[Any]]) -> tuple[tuple[tuple[Any, ...], ...], int, int]:
    """The rows cut to the last row and the last column holding a value, padded to that width."""
    last_row = 0
    width = 0
    raw_width = 0
    for number, row in enumerate(rows, start=1):
        raw_width = max(raw_width, len(row))
        filled = [i for i, value in enumerate(row, start=1) if _filled(value)]
        if filled:
            last_row = number
            width = max(width, filled[-1])
    kept = rows[:last_row]
    cut = tuple(tuple(row[:width]) + (None,) * (width - min(len(row), width)) for row in kept)
    return cut, max(0, raw_width - width), len(rows) - last_row


def _xlsx(path: Path, sheet: str | None) -> tuple[list[str], str, list[list[Any]], str | None]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        names = [str(name) for name in book.sheetnames]

        def load(name: str) -> list[list[Any]]:
            worksheet = book[name]
            if not hasattr(worksheet, "iter_rows"):  # a chart sheet holds no cells
                return []
            worksheet.reset_dimensions()  # read what is there, not the (often wrong) stored dimension
            return [list(row) for row in worksheet.iter_rows(values_only=True)]

        name, rows = _choose(names, sheet, load)
        return names, name, rows, None
    finally:
        book.close()


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return int(cell.value) if float(cell.value).is_integer() else cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
        return value
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERREUR")
    return cell.value


def _open_xls(path: Path) -> Any:
    """The xlrd book, decoded with its own code page (CODEPAGE record); cp1252 when it has none or a bad one."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True, logfile=_Silent())
    except (UnicodeError, LookupError):
        return xlrd.open_workbook(str(path), on_demand=True, logfile=_Silent(), encoding_override=FALLBACK_CODEPAGE)
    if book.biff_version < 80 and book.codepage is None:
        book.release_resources()
        return xlrd.open_workbook(str(path), on_demand=True, logfile=_Silent(), encoding_override=FALLBACK_CODEPAGE)
    return book


def _xls(path: Path, sheet: str | None) -> tuple[list[str], str, list[list[Any]], str | None]:
    book = _open_xls(path)
    try:
        names = [str(name) for name in book.sheet_names()]

        def load(name: str) -> list[list[Any]]:
            worksheet = book.sheet_by_name(name)
            return [[_xls_value(cell, book.datemode) for cell in worksheet.row(r)] for r in range(worksheet.nrows)]

        name, rows = _choose(names, sheet, load)
        encoding = str(book.encoding) if book.biff_version < 80 else None
        return names, name, rows, encoding
    finally:
        book.release_resources()


def _ods_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if cell.value_type == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _ods(path: Path, sheet: str | None) -> tuple[list[str], str, list[list[Any]], str | None]:
    import ezodf

    document = ezodf.opendoc(str(path))
    names = [str(s.name) for s in document.sheets]

    def load(name: str) -> list[list[Any]]:
        return [[_ods_value(cell) for cell in row] for row in document.sheets[name].rows()]

    name, rows = _choose(names, sheet, load)
    return names, name, rows, None


def _choose(names: list[str], sheet: str | None, load: Any) -> tuple[str, list[list[Any]]]:
    """The sheet asked for, else the first sheet holding a value (else the first sheet)."""
    if sheet is not None:
        return sheet, load(sheet)
    first: list[list[Any]] | None = None
    for name in names:
        rows = load(name)
        if any(_filled(value) for row in rows for value in row):
            return name, rows
        first = rows if first is None else first
    return (names[0] if names else ""), first or []


READERS = {"xlsx": _xlsx, "xls": _xls, "ods": _ods}


def _read(path: Path, fmt: str, sheet: str | None) -> Sheet:
    names, name, rows, codepage = READERS[fmt](path, sheet)
    cut, columns, bottom = _cut(rows)
    index = names.index(name) + 1 if name in names else 1
    return Sheet(name=name, index=index, names=tuple(names), rows=cut, codepage=codepage,
                 trimmed_columns=columns, trimmed_rows=bottom)


_LAST: dict[tuple[str, str, int, int, str | None], Sheet] = {}  # the last sheet read, under its name and None


def read_sheet(path: Path, fmt: str, sheet: str | None = None) -> Sheet:
    """One sheet of the workbook at ``path``; the last one read is kept, so detecting, checking and fixing
    read a workbook once (``sheet=None`` and the name of the sheet it chose share the entry)."""
    stat = path.stat()
    key = (str(path), fmt, stat.st_mtime_ns, stat.st_size, sheet)
    if key in _LAST:
        return _LAST[key]
    read = _read(path, fmt, sheet)
    _LAST.clear()
    _LAST[key] = read
    _LAST[(*key[:4], read.name)] = read
    return read


def sheet_names(path: Path, fmt: str) -> list[str]:
    """The names of the sheets of a workbook, in order (empty when they cannot be read)."""
    try:
        if fmt == "xlsx":
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True)
            try:
                return [str(name) for name in book.sheetnames]
            finally:
                book.close()
        if fmt == "xls":
            book = _open_xls(path)
            try:
                return [str(name) for name in book.sheet_names()]
            finally:
                book.release_resources()
        if fmt == "ods":
            import ezodf

            return [str(sheet.name) for sheet in ezodf.opendoc(str(path)).sheets]
    except Exception:  # the names are informative only
        return []
    return []


def damaged(path: Path, fmt: str, exc: BaseException) -> Any:
    """The French error for a workbook its library cannot open (never the library's English words)."""
    from ..core.errors import InputError

    text = f"{type(exc).__name__} {exc}".lower()
    if fmt == "xls" and _encrypted_package(path):  # a password-protected XLSX is an OLE2 file, like an XLS
        text += " encrypted"
    kind = {"xlsx": "XLSX", "xls": "XLS", "ods": "ODS"}.get(fmt, fmt.upper())
    if "encrypt" in text or "password" in text:
        why_fr, why_en = "il est protégé par un mot de passe", "it is protected by a password"
        todo_fr = "Ouvrez-le dans votre tableur, retirez le mot de passe (Fichier > Informations > Protéger), enregistrez-le"
        todo_en = "Open it in your spreadsheet, remove the password (File > Info > Protect), save it"
    else:
        why_fr, why_en = "le fichier est endommagé ou incomplet", "the file is damaged or incomplete"
        todo_fr = "Ouvrez-le dans votre tableur (qui proposera peut-être de le réparer) et enregistrez-le à nouveau"
        todo_en = "Open it in your spreadsheet (which may offer to repair it) and save it again"
    return InputError(
        f"{path.name} ne peut pas être lu comme un classeur {kind} : {why_fr}. {todo_fr} en XLSX ou en CSV UTF-8, "
        "puis relancez la vérification.",
        f"{path.name} cannot be read as an {kind} workbook: {why_en}. {todo_en} as XLSX or CSV UTF-8, then run "
        "the check again.",
    )


def _encrypted_package(path: Path) -> bool:
    """An OLE2 file holding an « EncryptedPackage » stream: an Office document protected by a password."""
    try:
        if path.stat().st_size > 64 * 1024 * 1024:
            return False
        return "EncryptedPackage".encode("utf-16-le") in path.read_bytes()
    except OSError:
        return False


class _Silent:
    """xlrd writes warnings to a log file; a check must not print them."""

    def write(self, text: str) -> int:
        return len(text)
