"""What a file is: format, encoding, delimiter, sheet and header row, guessed from its first rows.

Detection reads a sample only (never the whole file). It also notes what is odd about the file's
shape — title rows above the header, a header spread over two rows, a non-UTF-8 encoding — so that
the checks of the same names can report it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import EmptyTableError, InputError, os_reason
from .code_pages import code_page
from .documents import not_a_table, not_a_text_table
from .end_mark import find_end_mark
from .fixed_width import is_fixed_width
from .line_ends import cr_only, lf_copy
from .stray_bytes import settled
from .units_row import units_row

SAMPLE_BYTES = 256 * 1024
SAMPLE_ROWS = 40
DELIMITERS = (";", ",", "\t", "|")
SPREADSHEET_FORMATS = ("xlsx", "xls", "ods")
EXTENSIONS = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods",
}


@dataclass
class Detected:
    """What was detected about a table file; stated in every report (``detected`` in JSON)."""

    format: str
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1
    header_rows: list[int] = field(default_factory=lambda: [1])
    sheet: str | None = None
    decimal: str | None = None
    title_rows: list[tuple[int, str]] = field(default_factory=list)  # (row number, text)
    bom: bool = False
    header_cells: list[list[str]] = field(default_factory=list, repr=False)  # the header rows' raw text
    sheets: list[str] = field(default_factory=list)  # every sheet of a workbook, in order
    hidden_sheets: list[str] = field(default_factory=list)  # those hidden in the workbook
    notice_sheets: list[str] = field(default_factory=list)  # sheets of text passed over to read the table
    notice_lines: list[str] = field(default_factory=list, repr=False)  # their lines (what metadata drafting reads)
    codepage: str | None = None  # the code page an Excel 95 (BIFF5/7) workbook was decoded with
    markup: str | None = None  # « html », « xml »: an « Excel » export (.xls) that is a web page or an XML workbook
    trimmed_columns: int = 0  # formatted but empty columns cut on the right of the sheet
    trimmed_rows: int = 0  # formatted but empty rows cut at the bottom of the sheet
    sheet_given: bool = field(default=False, repr=False)  # the sheet was named by the caller (--sheet)
    end_mark: int | None = None  # a CSV's data ends at this byte: a Ctrl-Z end-of-file mark follows (.end_mark)
    # the user's file, when its lines end with a carriage return alone: it is read through a copy (.line_ends)
    copy_of: str | None = None
    # a sheet's columns (1-based) and rows hidden in the workbook that hold a value, and its cells (row, column)
    # holding a formula stored without its result (.sheet_marks)
    hidden_columns: list[int] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # a sheet's cells holding a hyperlink (row, column, address)
    percent_cells: list[tuple[int, int]] = field(default_factory=list, repr=False)  # numbers shown as a percentage
    currency_cells: list[tuple[int, int, str]] = field(default_factory=list, repr=False)  # … as an amount (symbol)
    padded_cells: list[tuple[int, int, int]] = field(default_factory=list, repr=False)  # … with leading zeros (width)
    notes_beside: list[tuple[int, int, str]] = field(default_factory=list)  # notes cut from beside a sheet's table

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import replace

        # asdict would copy every cell of such columns
        data = asdict(replace(self, percent_cells=[], currency_cells=[], padded_cells=[]))
        data.pop("header_cells")
        data.pop("sheet_given")
        data["headerRow"] = data.pop("header_row")
        data["headerRows"] = data.pop("header_rows")
        data["titleRows"] = [{"rowNumber": row, "text": text} for row, text in self.title_rows]
        data.pop("title_rows")
        data["trimmedColumns"] = data.pop("trimmed_columns")
        data["notesBeside"] = [{"rowNumber": row, "fieldNumber": column, "text": text}
                               for row, column, text in data.pop("notes_beside")]
        data["trimmedRows"] = data.pop("trimmed_rows")
        data["endMark"] = data.pop("end_mark")
        data["lineEnds"] = "cr" if data.pop("copy_of") else None
        data["hiddenSheets"] = data.pop("hidden_sheets")
        data["noticeSheets"] = data.pop("notice_sheets")
        data.pop("notice_lines")
        data["hiddenColumns"] = data.pop("hidden_columns")
        data["hiddenRows"] = data.pop("hidden_rows")
        data["formulasWithoutValue"] = [{"rowNumber": row, "fieldNumber": column}
                                        for row, column in data.pop("formulas_without_value")]
        data["links"] = [{"rowNumber": row, "fieldNumber": column, "url": url} for row, column, url in data.pop("links")]
        data.pop("percent_cells")
        shown: dict[int, int] = {}
        for _, column in self.percent_cells:
            shown[column] = shown.get(column, 0) + 1
        data["percentCells"] = [{"fieldNumber": column, "count": count} for column, count in sorted(shown.items())]
        data.pop("currency_cells")
        amounts: dict[tuple[int, str], int] = {}
        for _, column, symbol in self.currency_cells:
            amounts[column, symbol] = amounts.get((column, symbol), 0) + 1
        data["currencyCells"] = [{"fieldNumber": column, "symbol": symbol, "count": count}
                                 for (column, symbol), count in sorted(amounts.items())]
        data.pop("padded_cells")
        padded: dict[tuple[int, int], int] = {}
        for _, column, width in self.padded_cells:
            padded[column, width] = padded.get((column, width), 0) + 1
        data["paddedCells"] = [{"fieldNumber": column, "width": width, "count": count}
                               for (column, width), count in sorted(padded.items())]
        return data


def resolve_source(source: str | Path) -> Path:
    """The absolute path of an existing, non-empty file, or an :class:`InputError` saying what to do."""
    path = Path(source).expanduser()
    try:
        path = path.resolve()
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(f"Chemin illisible : {source} ({reason.fr}).", f"Unreadable path: {source} ({reason.en}).") from exc
    if not path.exists():
        raise InputError(
            f"Le fichier {source} n'existe pas. Vérifiez le chemin (relatif au dossier courant ou absolu).",
            f"File {source} does not exist. Check the path (relative to the current folder, or absolute).",
        )
    if path.is_dir():
        raise InputError(
            f"{source} est un dossier, pas un fichier. Donnez le chemin d'un fichier CSV, XLSX, XLS ou ODS.",
            f"{source} is a folder, not a file. Give the path of a CSV, XLSX, XLS or ODS file.",
        )
    if path.stat().st_size == 0:
        raise InputError(
            f"Le fichier {path.name} est vide (0 octet). Exportez à nouveau le tableau depuis votre tableur.",
            f"File {path.name} is empty (0 bytes). Export the table again from your spreadsheet.",
        )
    return path


WORKBOOK_NAMES = {"xlsx": "un classeur Excel (XLSX)", "xls": "un classeur Excel ancien (XLS)",
                  "ods": "un classeur OpenDocument (ODS)"}
WORKBOOK_NAMES_EN = {"xlsx": "an Excel workbook (XLSX)", "xls": "an old Excel workbook (XLS)",
                     "ods": "an OpenDocument workbook (ODS)"}
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")


def sniff_format(path: Path, head: bytes) -> str:
    """The table format from the file's first bytes; a workbook and a text file are never taken for each other."""
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
            return "ods"
        return "xlsx" if EXTENSIONS.get(path.suffix.lower()) != "ods" else "ods"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if path.suffix.lower() in (".xls", ".xml"):  # a web application's « Excel » export: a web page or an XML
        from .markup_book import markup_kind  # workbook (« XML Spreadsheet 2003 », saved as .xml by Excel)

        kind = markup_kind(head)
        if kind == "xml" or (kind == "html" and path.suffix.lower() == ".xls"):
            return "xls"
    return "csv"


def _text_kind(head: bytes) -> tuple[str, str]:
    """What a text file named like a workbook really is (French, English)."""
    start = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return "une page web (HTML)", "a web page (HTML)"
    if start.startswith(b"<?xml"):
        return "un fichier XML", "an XML file"
    return "du texte (probablement un CSV)", "text (probably a CSV)"


def check_extension(path: Path, fmt: str, head: bytes) -> None:
    """Refuse a document, a picture or an archive (:mod:`.documents`), and a file whose extension names a workbook
    but whose bytes are text, or the reverse."""
    refused = not_a_table(path, head)
    if refused is not None:
        raise refused
    suffix = path.suffix.lower()
    named = EXTENSIONS.get(suffix)
    if named in SPREADSHEET_FORMATS and fmt == "csv" and not _binary(head):
        kind_fr, kind_en = _text_kind(head)
        raise InputError(
            f"{path.name} porte l'extension {suffix} ({WORKBOOK_NAMES[named]}) mais son contenu est {kind_fr}, "
            "pas un classeur. Ouvrez-le dans votre tableur et enregistrez-le en XLSX, ou renommez-le en .csv "
            "si c'est bien un CSV, puis relancez la vérification.",
            f"{path.name} has the extension {suffix} ({WORKBOOK_NAMES_EN[named]}) but its content is {kind_en}, "
            "not a workbook. Open it in your spreadsheet and save it as XLSX, or rename it to .csv if it is a CSV, "
            "then run the check again.",
        )
    if fmt == "csv" and named not in SPREADSHEET_FORMATS and (text := not_a_text_table(path, head)) is not None:
        raise text
    if suffix in TEXT_EXTENSIONS and fmt in SPREADSHEET_FORMATS:
        raise InputError(
            f"{path.name} porte l'extension {suffix} (un fichier texte, CSV) mais son contenu est {WORKBOOK_NAMES[fmt]}. "
            f"Renommez-le en .{fmt}, ou ouvrez-le dans votre tableur et enregistrez-le en CSV UTF-8, puis relancez "
            "la vérification.",
            f"{path.name} has the extension {suffix} (a text file, CSV) but its content is {WORKBOOK_NAMES_EN[fmt]}. "
            f"Rename it to .{fmt}, or open it in your spreadsheet and save it as CSV UTF-8, then run the check again.",
        )


def _binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return controls > max(2, len(head) // 50)


def detect_encoding(sample: bytes) -> tuple[str, bool]:
    """(encoding, has BOM): UTF-8 (with or without BOM), UTF-16 with BOM, UTF-8 with stray Windows-1252 bytes, else
    the legacy code page whose reading French text makes (:func:`.code_pages.code_page`)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", True
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8", False
    except UnicodeDecodeError:
        pass
    from .stray_bytes import sample_encoding

    if mixed := sample_encoding(sample):  # UTF-8 with a few Windows-1252 bytes: not a Windows-1252 file
        return mixed, False
    return code_page(sample), False  # Windows-1252, Mac OS Roman or DOS 850, judged by the accents they read


def _split_lines(text: str, delimiter: str) -> list[list[str]]:
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(row)
            if len(rows) >= SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter whose rows have the most consistent number of fields (ties: the widest)."""
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = [row for row in _split_lines(text, delimiter) if any(cell.strip() for cell in row)]
        if not rows:
            continue
        widths = Counter(len(row) for row in rows)
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (round(count / len(rows), 2), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell.strip())


def _numeric(cell: str) -> bool:
    text = cell.strip().replace(" ", "").replace(",", ".").replace("\u00a0", "")
    try:
        float(text)
        return True
    except ValueError:
        return False


def detect_header(rows: list[list[str]], joiner: str = " ") -> tuple[list[int], list[tuple[int, str]]]:
    """(header row numbers, title rows) from the first rows of a table (1-based row numbers).

    Title rows are leading rows with few filled cells (a title, a source, a date); the header is the
    first row filled over at least half of the table's width, unless that row is data longer than the others
    (:func:`_long_data_row`). A second header row is added when the first one has gaps that the next row fills (a
    header merged over two rows).
    """
    widths = [_filled(row) for row in rows]
    if not widths or max(widths) == 0:
        return [1], []
    width = max(widths)
    header = 0
    titles: list[tuple[int, str]] = []
    if width >= 2:
        for index, filled in enumerate(widths):
            if filled * 2 > width or (filled >= 2 and index + 1 < len(widths) and widths[index + 1] <= filled):
                header = index
                break
            if filled:
                titles.append((index + 1, joiner.join(rows[index]).strip(joiner + " ")))
            elif titles or index == 0:
                titles.append((index + 1, ""))
        else:
            header = 0
            titles = []
    if header and _long_data_row(rows, widths, header):
        header -= 1
    titles = [(row, text) for row, text in titles if row <= header]
    if header and _group_row(rows[header - 1], rows[header]):
        return [header, header + 1], [(row, text) for row, text in titles if text and row < header]
    header_rows = [header + 1]
    if _second_header_row(rows, header, width):
        header_rows.append(header + 2)
    return header_rows, [(row, text) for row, text in titles if text]


def _long_data_row(rows: list[list[str]], widths: list[int], header: int) -> bool:
    """Whether the row taken for the header is a row of data longer than the others (a note typed past the last
    column: « Patro;5590;voir convention;signée en 2019 »), the real header right above it, too narrow beside it to
    be read as one. Sure signs only: the row is the one widest; the row above has two labels or more, no number
    among them; the row holds a number (not a year) under one of those labels, as no header does; and the rows
    below (two at least) fill, four in five, only the columns those labels head."""
    above, row, below = rows[header - 1], rows[header], rows[header + 1:]
    labels = [index for index, cell in enumerate(above) if cell.strip()]
    if len(labels) < 2 or len(below) < 2 or any(_numeric(above[index]) for index in labels):
        return False
    if widths.count(widths[header]) > 1 or widths[header] <= len(labels):
        return False
    if not any(index < len(row) and _numeric(row[index]) and not _year(row[index]) for index in labels):
        return False
    headed = set(labels)
    inside = sum(1 for cells in below if {index for index, cell in enumerate(cells) if cell.strip()} <= headed)
    return inside >= 0.8 * len(below)


def _year(cell: str) -> bool:
    text = cell.strip()
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def _group_row(top: list[str], header: list[str]) -> bool:
    """Whether ``top``, right above the header, labels groups of its columns (« Exercice propre » over « Recettes |
    Dépenses », « 2023 » over « Hommes | Femmes »): the first row of a header merged over two rows, where a title row
    would be cut away with what tells two columns apart. Sure signs only: two group labels or more, none over the
    first column (a title starts there), each over two columns or more whose labels are all written, no number but a
    year, and labels of the header repeated under different groups (without the groups, two columns would share a
    name)."""
    size = len(header)
    cells = [cell.strip() for cell in top]
    if any(cells[size:]):
        return False
    filled = [index for index, cell in enumerate(cells[:size]) if cell]
    if len(filled) < 2 or filled[0] == 0:
        return False
    if any(_numeric(cells[index]) and not (cells[index].isdigit() and len(cells[index]) == 4) for index in filled):
        return False
    labels = [cell.strip() for cell in header]
    ends = [*filled[1:], size]
    if any(end - start < 2 for start, end in zip(filled, ends, strict=True)):
        return False
    if not all(labels[filled[0]:]):
        return False
    grouped = [(cells[start], label) for start, end in zip(filled, ends, strict=True) for label in labels[start:end]]
    under = [label for _, label in grouped]
    return len(set(under)) < len(under) and len(set(grouped)) == len(grouped)


def _second_header_row(rows: list[list[str]], header: int, width: int) -> bool:
    if header + 2 >= len(rows):
        return False
    first, second, data = rows[header], rows[header + 1], rows[header + 2 : header + 7]
    if units_row(first, second, data, _numeric):  # « (hab.) », « (km²) » under the titles (.units_row)
        return True
    size = max(len(first), len(second))
    first = first + [""] * (size - len(first))
    second = second + [""] * (size - len(second))
    gaps = [i for i in range(min(size, width)) if not first[i].strip()]
    if not gaps or not all(second[i].strip() for i in gaps):
        return False
    if any(_numeric(cell) and not (cell.strip().isdigit() and len(cell.strip()) == 4) for cell in second if cell.strip()):
        return False
    # A vertical merge (a label only in the first row) or labels where the data has numbers.
    vertical = any(first[i].strip() and not second[i].strip() for i in range(size))
    data_numeric = any(
        _numeric(row[i]) for row in data for i in gaps if i < len(row) and row[i].strip()
    )
    return vertical or data_numeric


def sheet_names(path: Path, fmt: str) -> list[str]:
    """The names of the sheets of a workbook, in order (empty when they cannot be read)."""
    from .workbook_open import sheet_names as names

    return names(path, fmt)


def _check_sheet(path: Path, fmt: str, sheet: str | None) -> None:
    """A --sheet that the workbook does not have: say which sheets it has."""
    names = sheet_names(path, fmt) if sheet else []
    if sheet and sheet.strip().casefold() in ("all", "toutes") and sheet not in names:
        names_fr = ", ".join(f"« {name} »" for name in names)
        raise InputError(
            f"--sheet {sheet} vaut pour « odwb-assist check » et « odwb-assist fix » (en Python : check_sheets() pour "
            f"vérifier chaque feuille, fix_sheets() pour corriger les feuilles d'un même tableau). Ici, nommez une "
            f"feuille de {path.name} avec --sheet : {names_fr}.",
            f"--sheet {sheet} works with 'odwb-assist check' and 'odwb-assist fix' (in Python: check_sheets() to check "
            f"each sheet, fix_sheets() to fix the sheets of one table). Here, name one sheet of {path.name} with "
            f"--sheet: {', '.join(names)}.",
        )
    if sheet and names and sheet not in names:
        listed = ", ".join(f"« {name} »" for name in names)
        raise InputError(
            f"{path.name} n'a pas de feuille « {sheet} ». Feuilles du classeur : {listed}. "
            "Corrigez le nom avec --sheet (ou « sheet » dans odwb.toml), en respectant majuscules et espaces.",
            f"{path.name} has no sheet '{sheet}'. Sheets of the workbook: {listed}. "
            "Fix the name with --sheet (or 'sheet' in odwb.toml), with the same capitals and spaces.",
        )


def detect(source: str | Path, *, sheet: str | None = None) -> tuple[Path, Detected]:
    """Resolve ``source`` and detect how to read it; :class:`InputError` when it is not a table."""
    path = resolve_source(source)
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    fmt = sniff_format(path, head)
    check_extension(path, fmt, head)
    if fmt in SPREADSHEET_FORMATS:
        _check_sheet(path, fmt, sheet)
        try:
            from .workbook import read_sheet

            read = read_sheet(path, fmt, sheet)
        except InputError:
            raise
        except Exception as exc:  # any failure of the spreadsheet libraries on a damaged file
            from .workbook_open import damaged

            raise damaged(path, fmt, exc) from exc
        from .cell_text import cell_text

        rows = [[cell_text(cell) for cell in row] for row in read.head(SAMPLE_ROWS)]
        detected = Detected(format=fmt, sheet=read.name, sheets=list(read.names), hidden_sheets=list(read.hidden),
                            notice_sheets=list(read.notices), notice_lines=list(read.notice_lines),
                            codepage=read.codepage, markup=read.markup,
                            trimmed_columns=read.trimmed_columns, trimmed_rows=read.trimmed_rows,
                            sheet_given=sheet is not None, hidden_columns=read.marks.hidden_columns,
                            hidden_rows=read.marks.hidden_rows, formulas_without_value=read.marks.unvalued,
                            links=read.marks.links, percent_cells=read.marks.percent,
                            currency_cells=read.marks.currency, padded_cells=read.marks.padded,
                            notes_beside=list(read.beside))
    else:
        # a Ctrl-Z end-of-file mark closes the data (a short file's sample ends before it, and is no binary file)
        end_mark = None if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else find_end_mark(path, None)
        if end_mark is not None:
            head = head[:end_mark]
        if _binary(head):
            raise InputError(
                f"{path.name} n'est pas un tableau : c'est un fichier binaire (image, PDF, archive…). "
                "Donnez un fichier CSV, XLSX, XLS ou ODS, ou exportez le tableau depuis son logiciel.",
                f"{path.name} is not a table: it is a binary file (image, PDF, archive…). "
                "Give a CSV, XLSX, XLS or ODS file, or export the table from its software.",
            )
        encoding, bom = detect_encoding(head)
        encoding = settled(path, encoding)  # bytes of another encoding found further down by an earlier reading
        text = head.decode(encoding, errors="replace")
        copy_of = None
        if cr_only(text):  # Excel for Mac's CSV: read through a copy whose lines end with a line feed
            if encoding.startswith("utf-16"):
                raise InputError(
                    f"{path.name} sépare ses lignes à l'ancienne manière des Mac (retour chariot seul), en UTF-16 : "
                    "odwb-assist ne le lit pas. Ouvrez-le dans votre tableur et enregistrez-le à nouveau en "
                    "« CSV UTF-8 », puis relancez.",
                    f"{path.name} ends its lines the old Mac way (carriage return only), in UTF-16: odwb-assist does "
                    "not read it. Open it in your spreadsheet and save it again as 'CSV UTF-8', then run again.",
                )
            copy_of, path = str(path), lf_copy(path)
            text = text.replace("\r", "\n")  # as the copy reads
        if len(head) == SAMPLE_BYTES and "\n" in text:
            text = text[: text.rfind("\n") + 1]
        delimiter = detect_delimiter(text)
        if is_fixed_width(text, delimiter):
            raise InputError(
                f"{path.name} est un listing dont les colonnes sont alignées par des espaces (largeur fixe), pas un "
                "tableau CSV : aucun séparateur ne marque où finit chaque valeur. Ouvrez-le dans Excel (Données > "
                "À partir d'un fichier texte, type « Largeur fixe ») ou LibreOffice Calc (options de séparateur : "
                "« Largeur fixe »), vérifiez les limites des colonnes, enregistrez-le en « CSV UTF-8 » ou en XLSX, "
                "puis relancez. Mieux : demandez au logiciel qui l'a produit un export CSV.",
                f"{path.name} is a listing whose columns are aligned by spaces (fixed width), not a CSV table: no "
                "delimiter marks where each value ends. Open it in Excel (Data > From Text, type 'Fixed width') or "
                "LibreOffice Calc (separator options: 'Fixed width'), check the column limits, save it as 'CSV "
                "UTF-8' or XLSX, then run again. Better: ask the software that made it for a CSV export.",
            )
        rows = _split_lines(text, delimiter)
        detected = Detected(format="csv", encoding=encoding, delimiter=delimiter, bom=bom, end_mark=end_mark,
                            copy_of=copy_of)
    if not any(any(str(cell).strip() for cell in row) for row in rows):
        where = f" (feuille « {detected.sheet} »)" if detected.sheet else ""
        where_en = f" (sheet '{detected.sheet}')" if detected.sheet else ""
        formulas = len(detected.formulas_without_value)
        if formulas:  # a program that does not compute wrote only formulas (.sheet_marks)
            raise EmptyTableError(
                f"{path.name}{where} ne contient aucune valeur : ses {formulas} formule(s) n'ont pas de résultat "
                "enregistré (fichier produit par un programme qui ne calcule pas les formules). Ouvrez-le dans Excel "
                "ou LibreOffice Calc et enregistrez-le, puis relancez.",
                f"{path.name}{where_en} holds no value: its {formulas} formula(s) have no saved result (a file made "
                "by a program that does not compute formulas). Open it in Excel or LibreOffice Calc and save it, then "
                "run again.",
            )
        raise EmptyTableError(
            f"{path.name}{where} ne contient aucune donnée (seulement des lignes vides).",
            f"{path.name}{where_en} holds no data (only blank rows).",
        )
    header_rows, titles = detect_header(rows, detected.delimiter or " ")
    detected.header_rows = header_rows
    detected.header_row = header_rows[-1]
    detected.title_rows = titles
    detected.header_cells = [[str(cell) for cell in rows[number - 1]] for number in header_rows if number <= len(rows)]
    body = rows[detected.header_row :]
    commas = sum(1 for row in body for cell in row if "," in cell and _numeric(cell) and "." not in cell)
    detected.decimal = "," if commas else "."
    return path, detected
