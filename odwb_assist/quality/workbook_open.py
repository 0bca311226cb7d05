"""Opening a workbook: the library each format takes (python-calamine for XLSX and ODS, xlrd for XLS in the
workbook's own code page, openpyxl or ezodf for a file calamine refuses, lxml for an « Excel » export that is a web
page or an Excel 2003 XML workbook: :mod:`.markup_book`), once per run and, for ``check``, parsed
ahead in a thread; its sheet names, and the French error when it cannot be opened. :mod:`.workbook` reads its sheets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .sheet_marks import SheetMarks

FALLBACK_CODEPAGE = "cp1252"  # an old workbook without a CODEPAGE record: Windows Western, as in Belgium


class _Book:
    """A workbook opened once: its sheet names, each sheet's rows (with the extent the file stores)."""

    names: list[str]
    hidden: frozenset[str] = frozenset()  # the sheets hidden in the workbook (a list of choices, parameters…)
    codepage: str | None = None  # the code page an XLS workbook was decoded with (BIFF5/7: 8-bit text)
    dates: bool | None = None  # rows still to type with calamine_book.typed_rows(rows, dates); None: typed
    markup: str | None = None  # « html » or « xml »: an « Excel » export that is markup (:mod:`.markup_book`)

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        raise NotImplementedError

    def marks(self, name: str) -> SheetMarks:
        """A sheet's hidden columns and rows and formulas without result, once :meth:`rows` has read it
        (told for an XLSX or ODS read by calamine; other readers say none)."""
        return SheetMarks()

    def close(self) -> None:
        """Release the file."""


class _CalamineBook(_Book):
    """XLSX and ODS, read by python-calamine (see :mod:`.calamine_book`)."""

    def __init__(self, path: Path, fmt: str) -> None:
        from .calamine_book import CalamineBook

        self.book = CalamineBook(path, fmt)
        self.names = self.book.names
        self.hidden = frozenset(self.book.hidden)
        self.dates = fmt == "xlsx"

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        rows, stored_rows, stored_columns = self.book.rows(name)
        return rows, (stored_rows, stored_columns)

    def marks(self, name: str) -> SheetMarks:
        return self.book.marks.get(name, SheetMarks())

    def close(self) -> None:
        self.book.close()


class _OpenpyxlBook(_Book):
    """An XLSX that calamine refuses, read by openpyxl (slower, more lenient)."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.names = [str(name) for name in self.book.sheetnames]
        self.hidden = frozenset(str(sheet.title) for sheet in self.book.worksheets if sheet.sheet_state != "visible")

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        worksheet = self.book[name]
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet holds no cells
            return [], (0, 0)
        worksheet.reset_dimensions()  # read what is there, not the (often wrong) stored dimension
        return [list(row) for row in worksheet.iter_rows(values_only=True)], (0, 0)

    def close(self) -> None:
        self.book.close()


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return int(cell.value) if float(cell.value).is_integer() else cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        if cell.value < 0 and datemode == 0:  # a date before 1900, as LibreOffice writes it: days before its null date,
            # 1899-12-30 (xlrd counts them from 1899-12-31, a day late; Excel has none)
            with contextlib.suppress(OverflowError):
                return dt.datetime(1899, 12, 30) + dt.timedelta(days=cell.value)
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
    try:
        book = _xlrd_open(path)
    except (UnicodeError, LookupError):
        return _xlrd_open(path, FALLBACK_CODEPAGE)
    if book.biff_version < 80 and book.codepage is None:
        book.release_resources()
        return _xlrd_open(path, FALLBACK_CODEPAGE)
    return book


def _xlrd_open(path: Path, encoding: str | None = None) -> Any:
    """xlrd's book with its formatting (the ROW and COLINFO records say which rows and columns are hidden); a
    workbook whose formatting xlrd cannot read is opened without it (its hidden rows and columns are then unknown)."""
    import xlrd

    try:
        return xlrd.open_workbook(str(path), on_demand=True, logfile=_Silent(), encoding_override=encoding,
                                  formatting_info=True)
    except (UnicodeError, LookupError):
        raise
    except Exception:  # noqa: BLE001 - a formatting record xlrd cannot parse: the cells are still there
        return xlrd.open_workbook(str(path), on_demand=True, logfile=_Silent(), encoding_override=encoding)


class _XlsBook(_Book):
    """XLS of every BIFF version, read by xlrd in the workbook's own code page (calamine decodes an Excel 95
    workbook's text with a fixed code page)."""

    def __init__(self, path: Path) -> None:
        self.book = _open_xls(path)
        self.names = [str(name) for name in self.book.sheet_names()]
        visibility = getattr(self.book, "_sheet_visibility", [])  # BOUNDSHEET: 0 visible, 1 hidden, 2 very hidden
        self.hidden = frozenset(name for name, seen in zip(self.names, visibility, strict=False) if seen)
        self.codepage = str(self.book.encoding) if self.book.biff_version < 80 else None

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        worksheet = self.book.sheet_by_name(name)
        datemode = self.book.datemode
        return [[_xls_value(cell, datemode) for cell in worksheet.row(r)] for r in range(worksheet.nrows)], (0, 0)

    def marks(self, name: str) -> SheetMarks:
        """The hidden columns (COLINFO records) and rows (ROW records), 1-based, when the formatting was read; the
        web and e-mail links cells hide behind their text (HLINK records, xlrd's ``hyperlink_list``: a link over a
        range of cells is given at its first cell)."""
        worksheet = self.book.sheet_by_name(name)
        columns = sorted(colx + 1 for colx, info in getattr(worksheet, "colinfo_map", {}).items() if info.hidden)
        rows = sorted(rowx + 1 for rowx, info in getattr(worksheet, "rowinfo_map", {}).items() if info.hidden)
        links = tuple((link.frowx + 1, link.fcolx + 1, str(link.url_or_path).rstrip("\x00"))
                      for link in getattr(worksheet, "hyperlink_list", []) or []
                      if link.type == "url" and link.url_or_path)
        shown = self._formatted(worksheet)
        return SheetMarks(tuple((column, column) for column in columns), tuple(rows), links=links,
                          percent=tuple((row, column) for row, column, what in shown if what == "%"),
                          currency=tuple((row, column, what) for row, column, what in shown
                                         if isinstance(what, str) and what != "%"),
                          padded=tuple((row, column, what) for row, column, what in shown if isinstance(what, int)))

    def _formatted(self, worksheet: Any) -> list[tuple[int, int, str | int]]:
        """(row, column, what its format shows), 1-based, of the number cells whose format (XF record → FORMAT
        record) shows a percentage (« % »), an amount (its currency's symbol) or leading zeros (a width), in one pass
        over the cells."""
        from .xlsx_scan import padded_width, shown_currency, shows_percent

        def what(code: str) -> str | int | None:
            return "%" if shows_percent(code) else shown_currency(code) or padded_width(code)

        formats = getattr(self.book, "format_map", {}) or {}
        kinds = {key: found for key, format_record in formats.items()
                 if (found := what(str(getattr(format_record, "format_str", "")))) is not None}
        styles = {index: kinds[key] for index, xf in enumerate(getattr(self.book, "xf_list", []) or [])
                  if (key := getattr(xf, "format_key", None)) in kinds}
        indexes = getattr(worksheet, "_cell_xf_indexes", None)
        if not styles or not indexes:
            return []
        types = worksheet._cell_types
        return [(row + 1, column + 1, styles[xf]) for row, (cells, xfs) in enumerate(zip(types, indexes, strict=False))
                for column, (kind, xf) in enumerate(zip(cells, xfs, strict=False)) if kind == 2 and xf in styles]

    def close(self) -> None:
        self.book.release_resources()


class _EzodfBook(_Book):
    """An ODS that calamine refuses, read by ezodf."""

    def __init__(self, path: Path) -> None:
        import ezodf

        self.document = ezodf.opendoc(str(path))
        self.names = [str(s.name) for s in self.document.sheets]

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        return [[_ods_value(cell) for cell in row] for row in self.document.sheets[name].rows()], (0, 0)


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


class _MarkupBook(_Book):
    """An « Excel » export that is a web page's table or an Excel 2003 XML workbook saved as .xls (:mod:`.markup_book`)."""

    def __init__(self, path: Path) -> None:
        from .markup_book import MarkupBook

        self.book = MarkupBook(path)
        self.names = self.book.names
        self.hidden = self.book.hidden
        self.markup = self.book.kind

    def rows(self, name: str) -> tuple[list[list[Any]], tuple[int, int]]:
        return self.book.rows(name), (0, 0)

    def marks(self, name: str) -> SheetMarks:
        return self.book.marks(name)


def _open_book(path: Path, fmt: str) -> _Book:
    if fmt == "xls":
        from .markup_book import markup_kind

        with path.open("rb") as handle:
            head = handle.read(8192)
        return _MarkupBook(path) if markup_kind(head) else _XlsBook(path)
    try:
        return _CalamineBook(path, fmt)
    except Exception:  # a file calamine refuses: the other library may read it (else its error is the one told)
        return _OpenpyxlBook(path) if fmt == "xlsx" else _EzodfBook(path)


_BOOK: dict[tuple[str, str, int, int], _Book] = {}  # the last workbook opened (one per run)


class _Ahead(threading.Thread):
    """A workbook opened and one of its sheets parsed in a thread (:func:`prefetch`); :meth:`wait` for it."""

    def __init__(self, path: Path, fmt: str, sheet: str | None) -> None:
        super().__init__(name="odwb-workbook-ahead", daemon=True)
        self.path, self.fmt, self.sheet = path, fmt, sheet
        self.meanwhile: list[Callable[[], Any]] = []  # work for the thread that waits (:func:`while_waiting`)

    def run(self) -> None:
        with contextlib.suppress(Exception):  # the reading proper tells the errors
            book = _open_book_now(self.path, self.fmt)
            if isinstance(book, _CalamineBook) and book.names:
                book.book.parse(self.sheet if self.sheet is not None else book.names[0])

    def wait(self) -> None:
        """Run the work given to :func:`while_waiting`, then wait for the parse."""
        while self.meanwhile:
            with contextlib.suppress(Exception):  # a warm-up only: the work proper tells the errors
                self.meanwhile.pop(0)()
        self.join()


_AHEAD: list[_Ahead] = []  # a workbook being opened and parsed ahead (:func:`prefetch`)


def prefetch(source: str | Path, sheet: str | None = None) -> None:
    """Start opening an XLSX or ODS workbook and parsing its sheet (``sheet``, else the first) in a thread.

    calamine parses a sheet without holding the GIL, so the caller's start-up (imports, plugins, project) runs
    meanwhile on the other core; :func:`open_book` then waits for it. Does nothing for other files, nor for the
    sheet being parsed ahead already (the command line starts it before building itself); never fails.
    """
    try:
        path = Path(source).expanduser().resolve()
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".xlsm", ".ods") or not path.is_file():
            return
        if any(ahead.path == path and ahead.sheet == sheet for ahead in _AHEAD):
            return
        with path.open("rb") as handle:
            head = handle.read(200)
    except OSError:
        return
    if not head.startswith(b"PK\x03\x04"):
        return
    fmt = "ods" if b"mimetypeapplication/vnd.oasis.opendocument" in head or suffix == ".ods" else "xlsx"
    _wait_ahead()
    ahead = _Ahead(path, fmt, sheet)
    _AHEAD.append(ahead)
    ahead.start()


def while_waiting(task: Callable[[], Any]) -> None:
    """Have the thread that will wait for the workbook parsed ahead run ``task`` first (work it would do after
    the parse anyway: imports, set-up); nothing when no workbook is parsed ahead."""
    if _AHEAD:
        _AHEAD[-1].meanwhile.append(task)


def _wait_ahead() -> None:
    while _AHEAD:
        ahead = _AHEAD.pop()
        if ahead is not threading.current_thread():
            ahead.wait()


def open_book(path: Path, fmt: str) -> _Book:
    """The workbook at ``path``, opened once while it is unchanged (same size and modification time):
    detection, the sheet list, each sheet of ``--sheet all``, checking and fixing share it."""
    _wait_ahead()
    return _open_book_now(path, fmt)


def _open_book_now(path: Path, fmt: str) -> _Book:
    stat = path.stat()
    key = (str(path), fmt, stat.st_mtime_ns, stat.st_size)
    book = _BOOK.get(key)
    if book is None:
        for old in _BOOK.values():
            old.close()
        _BOOK.clear()
        book = _BOOK[key] = _open_book(path, fmt)
    return book


def sheet_names(path: Path, fmt: str) -> list[str]:
    """The names of the sheets of a workbook, in order (empty when they cannot be read)."""
    if fmt not in ("xlsx", "xls", "ods"):
        return []
    try:
        return list(open_book(path, fmt).names)
    except Exception:  # the names are informative only
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
