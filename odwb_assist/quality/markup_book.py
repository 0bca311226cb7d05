"""« Excel » exports that are markup, not workbooks: a web page holding a table, or an « XML Spreadsheet 2003 », saved
with the extension .xls so that Excel opens them.

Web applications (registers, booking and accounting software) offer an « Export Excel » that writes an HTML table
(often with Excel's own attributes: ``x:num`` holds a number's value beside its shown text) or an Excel 2003 XML
workbook (``urn:schemas-microsoft-com:office:spreadsheet``), under the name ``export.xls``. Excel opens both,
with a warning; xlrd and calamine refuse them. :class:`MarkupBook` reads them as a workbook whose sheets are the
page's tables (the XML workbook's worksheets), each row a list of cells as the other readers give them (text, whole
numbers as ``int``, dates as ``datetime``, ``None`` for an empty cell, a merged cell's value at its first cell).

Both are parsed with lxml, entities never expanded nor fetched (a file from anywhere is read). Sources: Microsoft's
« XML Spreadsheet Reference » (Office 2002/2003, the ``ss:`` elements and attributes read here) and « Microsoft Office
HTML and XML Reference » (Office 2000: ``x:num``, ``x:str``, ``mso-number-format``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..core.errors import EmptyTableError, InputError
from ..core.i18n import Msg
from .sheet_marks import SheetMarks

SS = "urn:schemas-microsoft-com:office:spreadsheet"
EXCEL = "urn:schemas-microsoft-com:office:excel"
LARGEST = 64 * 1024 * 1024  # bytes: a bigger markup export is refused (read whole into memory, a DOM of it)
SPAN_LIMIT = 1000  # a colspan or rowspan beyond this is a page's layout, not a table's merged cells
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")  # not the no-break space: « 1 250 » keeps what the page shows
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
# a cell shown as a date whose x:num is Excel's day number (« 12/03/2024 » holding 45363): 1900 date system
_SHOWN_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?"
                         r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def markup_kind(head: bytes) -> str | None:
    """« html » for a web page holding a table, « xml » for an Excel 2003 XML workbook, else None."""
    start = _text_head(head).lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml") or start.startswith("<workbook"):
        return "xml" if SS in start or "<?mso-application progid=\"excel.sheet\"?>" in start else None
    if start.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")) and "<table" in start:
        return "html"
    if start.startswith(("<!doctype html", "<html")) and "urn:schemas-microsoft-com:office:excel" in start:
        return "html"  # Excel's own web page: its table comes after a long <head>
    return None


def is_xml_workbook(path: Path) -> bool:
    """Whether ``path`` is an Excel 2003 XML workbook (read from its first bytes; False when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return markup_kind(handle.read(8192)) == "xml"
    except OSError:
        return False


def _text_head(head: bytes) -> str:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:8192].decode(codec, errors="ignore")
    return head[:8192].decode("latin-1")  # tags and attribute names are ASCII


class MarkupBook:
    """An HTML table or Excel 2003 XML export, as a workbook (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        if path.stat().st_size > LARGEST:
            raise InputError(f"{path.name} est une page web de plus de {LARGEST >> 20} Mo enregistrée en .xls : "
                             "ouvrez-la dans votre tableur et enregistrez-la en CSV UTF-8 ou en XLSX, puis relancez.",
                             f"{path.name} is a web page of more than {LARGEST >> 20} MB saved as .xls: open it in "
                             "your spreadsheet and save it as CSV UTF-8 or XLSX, then run again.")
        data = path.read_bytes()
        self.kind = markup_kind(data[:8192])
        sheets = _xml_sheets(path.name, data) if self.kind == "xml" else _html_sheets(data)
        if not sheets:  # the page's tables (the workbook's worksheets) hold no value
            what = Msg("une page web dont aucun tableau ne contient de valeur",
                       "a web page whose tables hold no value") if self.kind == "html" else \
                Msg("un classeur Excel 2003 XML dont aucune feuille ne contient de valeur",
                    "an Excel 2003 XML workbook whose worksheets hold no value")
            raise EmptyTableError(f"{path.name} est {what.fr} : exportez à nouveau les données depuis l'application.",
                                  f"{path.name} is {what.en}: export the data again from the application.")
        self.names = [name for name, _, _ in sheets]
        self.hidden = frozenset(name for name, _, marks in sheets if marks is None)
        self._sheets = {name: (rows, marks or SheetMarks()) for name, rows, marks in sheets}

    def rows(self, name: str) -> list[list[Any]]:
        return self._sheets[name][0]

    def marks(self, name: str) -> SheetMarks:
        return self._sheets[name][1]


# --- a web page -----------------------------------------------------------------------------------


def _decoded(data: bytes) -> str:
    """The page's text: its byte order mark, else the charset its <meta> declares when its bytes are that charset's,
    else UTF-8, else Windows-1252 (a page declared UTF-8 but written in Windows-1252 keeps its « è »: decoding it as
    declared made « � » of it, which the checks then blamed on the source); Latin-1 when a byte is none of
    Windows-1252's: nothing is ever replaced."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    declared = _META_CHARSET.search(data[:16384])
    for codec in ([declared.group(1).decode("ascii")] if declared is not None else []) + ["utf-8"]:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined: every byte a character
        return data.decode("latin-1")


def _html_sheets(data: bytes) -> list[tuple[str, list[list[Any]], SheetMarks | None]]:
    """Each table of the page that holds no other table (a page's layout table holds the data's), in order (the
    tables of one row last); named by its caption, else « Tableau N » (N: its place in the page)."""
    import lxml.html

    document = lxml.html.document_fromstring(_decoded(data))
    sheets: list[tuple[str, list[list[Any]], SheetMarks | None]] = []
    for table in document.iter("table"):
        if any(True for _ in table.iterdescendants("table")):
            continue
        rows, marks = _html_rows(table)
        if not any(any(cell is not None for cell in row) for row in rows):
            continue
        caption = table.find("caption")
        name = _SPACES.sub(" ", caption.text_content()).strip() if caption is not None else ""
        name = name or f"Tableau {len(sheets) + 1}"
        while name in {taken for taken, _, _ in sheets}:
            name += " (bis)"
        sheets.append((name, rows, marks))
    # a page's banner (« Export du 03/12/2026 | Utilisateur : … ») is a table of one row: the tables of a header
    # and data come first, so that the table read by default is the data's
    return sorted(sheets, key=lambda sheet: sum(1 for row in sheet[1] if any(cell is not None for cell in row)) < 2)


def _html_rows(table: Any) -> tuple[list[list[Any]], SheetMarks]:
    rows: list[list[Any]] = []
    covered: dict[int, int] = {}  # column (0-based) -> the last row a rowspan from above covers
    hidden_rows: list[int] = []
    links: list[tuple[int, int, str]] = []
    percent: list[tuple[int, int]] = []
    currency: list[tuple[int, int, str]] = []
    padded: list[tuple[int, int, int]] = []
    for number, tr in enumerate(_shown_rows(table), start=1):
        if _HIDDEN_STYLE.search(tr.get("style") or ""):
            hidden_rows.append(number)
        row: list[Any] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while covered.get(len(row), 0) >= number:  # a cell merged down from a row above: empty here
                row.append(None)
            column = len(row) + 1
            value, shown = _html_value(cell)
            across = min(_span(cell.get("colspan")), SPAN_LIMIT)
            down = min(_span(cell.get("rowspan")), SPAN_LIMIT)
            row.extend([value, *([None] * (across - 1))])
            if down > 1:
                for offset in range(across):
                    covered[column - 1 + offset] = number + down - 1
            href = next((a.get("href") for a in cell.iter("a") if a.get("href")), None)
            if href and href.lower().startswith(("http://", "https://", "mailto:")):
                links.append((number, column, href))
            if isinstance(value, (int, float)) and shown:
                if shown.endswith("%"):
                    percent.append((number, column))
                elif symbol := _currency(shown):
                    currency.append((number, column, symbol))
                elif isinstance(value, int) and re.fullmatch(r"0\d+", shown):
                    padded.append((number, column, len(shown)))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows, SheetMarks(hidden_columns=_hidden_columns(table), hidden_rows=tuple(hidden_rows), links=tuple(links),
                            percent=tuple(percent), currency=tuple(currency), padded=tuple(padded))


def _shown_rows(table: Any) -> list[Any]:
    """The table's rows in the order a browser shows them: its <thead>, its body, then its <tfoot> (which HTML 4 wrote
    before the body: a footer's « Total » read first would be a total above its data)."""
    head: list[Any] = []
    body: list[Any] = []
    foot: list[Any] = []
    for tr in table.iter("tr"):
        section = next((parent.tag for parent in tr.iterancestors() if parent.tag in ("thead", "tbody", "tfoot", "table")),
                       "table")
        (head if section == "thead" else foot if section == "tfoot" else body).append(tr)
    return [*head, *body, *foot]


def _hidden_columns(table: Any) -> tuple[tuple[int, int], ...]:
    """The (first, last) 1-based columns a table's <col> elements hide (« display:none », as Excel writes a hidden
    column in a web page), each <col> spanning ``span`` columns."""
    hidden: list[tuple[int, int]] = []
    position = 0
    for col in table.iter("col"):
        span = min(_span(col.get("span")), SPAN_LIMIT)
        if _HIDDEN_STYLE.search(col.get("style") or ""):
            hidden.append((position + 1, position + span))
        position += span
    return tuple(hidden)


def _span(text: str | None) -> int:
    try:
        return max(1, int(str(text).strip()))
    except ValueError:
        return 1


def _currency(shown: str) -> str | None:
    for symbol in ("€", "$", "£", "EUR"):
        if symbol in shown:
            return "€" if symbol == "EUR" else symbol
    return None


def _html_value(cell: Any) -> tuple[Any, str]:
    """A cell's value and the text the page shows: Excel's ``x:num`` when it gives the number (« 1 250,50 € »
    shown, 1250.5 held), else the text, each line's spaces collapsed (a <br> starts a line); None when empty."""
    for br in cell.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [_SPACES.sub(" ", line).strip(" ") for line in cell.text_content().split("\n")]
    shown = "\n".join(line for line in lines if line).strip()
    if shown.replace("\xa0", "").strip() == "":
        shown = ""
    number = cell.get("x:num")
    if number is not None and cell.get("x:str") is None:
        try:
            value = float(number.strip() or shown)
        except ValueError:
            return (shown or None), shown
        if number.strip() and _SHOWN_DATE.fullmatch(shown) and 0 < value < 2_958_466:  # a date: Excel's day number
            return EXCEL_EPOCH + dt.timedelta(days=value), shown
        return (int(value) if value.is_integer() and "." not in number and "e" not in number.lower() else value), shown
    return (shown or None), shown


# --- an Excel 2003 XML workbook -------------------------------------------------------------------


def _xml_sheets(name: str, data: bytes) -> list[tuple[str, list[list[Any]], SheetMarks | None]]:
    """Each worksheet: its name, rows and marks (None: a hidden worksheet, its marks left out)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:  # cut short (an interrupted download) or not well formed
        line = getattr(exc, "lineno", None) or "?"
        raise InputError(f"{name} est un classeur Excel 2003 XML incomplet ou mal formé (erreur de structure à la ligne "
                         f"{line} du fichier) : exportez-le à nouveau, ou ouvrez-le dans Excel et enregistrez-le en XLSX, "
                         "puis relancez.",
                         f"{name} is an Excel 2003 XML workbook cut short or not well formed (a structure error on line "
                         f"{line} of the file): export it again, or open it in Excel and save it as XLSX, then run "
                         "again.") from exc
    sheets: list[tuple[str, list[list[Any]], SheetMarks | None]] = []
    for number, worksheet in enumerate(root.iter(f"{{{SS}}}Worksheet"), start=1):
        name = worksheet.get(f"{{{SS}}}Name") or f"Feuille{number}"
        table = worksheet.find(f"{{{SS}}}Table")
        rows, marks = _xml_rows(table) if table is not None else ([], SheetMarks())
        visible = worksheet.find(f"{{{EXCEL}}}WorksheetOptions/{{{EXCEL}}}Visible")
        hidden = visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
        sheets.append((name, rows, None if hidden else marks))
    return sheets


def _xml_rows(table: Any) -> tuple[list[list[Any]], SheetMarks]:
    rows: list[list[Any]] = []
    covered: dict[int, int] = {}  # column (0-based) -> the last row a MergeDown from above covers
    hidden_columns: list[tuple[int, int]] = []
    hidden_rows: list[int] = []
    links: list[tuple[int, int, str]] = []
    position = 0
    for column in table.iterfind(f"{{{SS}}}Column"):
        position = _index(column, position)
        span = 1 + _whole(column.get(f"{{{SS}}}Span"))
        if column.get(f"{{{SS}}}Hidden") == "1":
            hidden_columns.append((position, position + span - 1))
        position += span - 1
    for element in table.iterfind(f"{{{SS}}}Row"):
        number = _index(element, len(rows))
        while len(rows) < number - 1:  # rows the file leaves out (ss:Index jumps over them) are empty
            rows.append([])
        if element.get(f"{{{SS}}}Hidden") == "1":
            hidden_rows.append(number)
        row: list[Any] = []
        for cell in element.iterfind(f"{{{SS}}}Cell"):
            column = _whole(cell.get(f"{{{SS}}}Index"))
            if column <= len(row):  # no (usable) ss:Index: the next position a merge from above leaves free
                column = len(row) + 1
                while covered.get(column - 1, 0) >= number:
                    column += 1
            row.extend([None] * (column - 1 - len(row)))
            data = cell.find(f"{{{SS}}}Data")
            across = min(_whole(cell.get(f"{{{SS}}}MergeAcross")), SPAN_LIMIT)
            row.extend([_xml_value(data) if data is not None else None, *([None] * across)])
            down = min(_whole(cell.get(f"{{{SS}}}MergeDown")), SPAN_LIMIT)
            if down:
                for offset in range(across + 1):
                    covered[column - 1 + offset] = number + down
            href = cell.get(f"{{{SS}}}HRef")
            if href and href.lower().startswith(("http://", "https://", "mailto:")):
                links.append((number, column, href))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows, SheetMarks(hidden_columns=tuple(hidden_columns), hidden_rows=tuple(hidden_rows), links=tuple(links))


def _index(element: Any, before: int) -> int:
    """The 1-based position of a Row, Column or Cell: its ss:Index, else the one after ``before``."""
    given = _whole(element.get(f"{{{SS}}}Index"))
    return given if given > before else before + 1


def _whole(text: str | None) -> int:
    try:
        return max(0, int(str(text).strip()))
    except ValueError:
        return 0


def _xml_value(data: Any) -> Any:
    """A Data element's value by its ss:Type (its text may hold rich-text markup: every piece of it is read)."""
    kind = data.get(f"{{{SS}}}Type") or "String"
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            value = float(text)
        except ValueError:
            return text or None
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if kind == "DateTime":
        try:
            stamp = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
        except ValueError:
            return text or None
        return stamp
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text if text != "" else None
