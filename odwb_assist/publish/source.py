"""The file actually uploaded: a clean UTF-8, comma-separated CSV, with its checksum and row count.

A CSV that already is UTF-8 (no BOM) with commas and line feeds is uploaded as it is. Anything else (XLSX/ODS, a
CSV in another encoding or with semicolons, a BOM, lines ending with a carriage return alone) is converted to a new
file under ``.odwb/upload/``; the user's file is never changed. A workbook's table is written as the quality check
read it (the same reader): what is uploaded is what was checked. The checksum is the SHA-256 of the bytes sent.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.config_model import DatasetConfig
from ..core.errors import InputError
from ..quality.line_ends import cr_only

SNIFF_BYTES = 1 << 16
DELIMITERS = ",;\t|"
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".xml")  # .xml: an Excel 2003 XML workbook (quality/markup_book)


@dataclass(frozen=True)
class UploadFile:
    """The CSV to send: ``path`` (the original or a converted copy), ``checksum`` (``sha256:…``), ``rows``."""

    path: Path
    checksum: str
    rows: int
    converted: bool
    original: Path

    @property
    def short(self) -> str:
        """16 hex digits of the checksum, used in the uploaded file name to recognise it later."""
        return self.checksum.split(":", 1)[1][:16]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def _unreadable(path: Path, why_fr: str, why_en: str) -> InputError:
    return InputError(f"Le fichier {path} ne peut pas être lu : {why_fr}.", f"File {path} cannot be read: {why_en}.")


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _legacy_encoding(head: bytes) -> str:
    """The encoding of a CSV that is not UTF-8 throughout, as ``check`` reads it: UTF-16, UTF-8 with stray
    Windows-1252 bytes further down, or the code page whose reading French text makes (Mac OS Roman for Excel for
    Mac's CSV, 850 for its « CSV (MS-DOS) »): read as Windows-1252, « Liège » in Mac OS Roman was uploaded
    « Li\ufffdge »."""
    from ..quality.detect import detect_encoding
    from ..quality.stray_bytes import MIXED

    encoding = detect_encoding(head)[0]
    return MIXED if encoding.startswith("utf-8") else encoding


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(DELIMITERS, key=first.count) if first else ","


def _count_rows(path: Path, encoding: str, delimiter: str) -> int:
    with path.open(encoding=encoding, newline="") as handle:
        return max(0, sum(1 for row in csv.reader(handle, delimiter=delimiter) if row) - 1)


def _convert_csv(source: Path, target: Path, encoding: str, delimiter: str) -> int:
    rows = 0
    errors = "replace" if encoding in ("cp1252", "latin-1") else "strict"
    with source.open(encoding=encoding, errors=errors, newline="") as src, \
            target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for row in csv.reader(src, delimiter=delimiter):
            if row and not rows:  # a byte order mark that the codec kept (UTF-8 with stray bytes)
                row[0] = row[0].removeprefix("\ufeff")
            if row:
                writer.writerow(row)
                rows += 1
    return max(0, rows - 1)


def _convert_spreadsheet(source: Path, target: Path, sheet: str | None) -> int:
    """The workbook's table written as the quality check read it (:func:`..quality.reader.read_table`): the header
    it found, Excel's dates as days (« 2023-03-16 »), date-times as ISO 8601, « true »/« false », whole numbers
    without « .0 », the formatted but empty columns and rows left out. The portal receives what was checked; a
    pandas reading of the workbook wrote « 2023-03-16 00:00:00 » for a date: a date and a time, where the check had
    read a date, and which the vendor's documents do not say how the portal types."""
    from ..quality.reader import read_table

    try:
        table = read_table(source, sheet=sheet)
    except InputError:
        raise
    except Exception as exc:  # openpyxl, xlrd, calamine and odf raise many kinds of errors on bad files
        raise _unreadable(source, "classeur illisible : abîmé, protégé par un mot de passe ou d'un autre format",
                          f"unreadable workbook ({type(exc).__name__})") from exc
    table.frame.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    return len(table.frame)


def prepare_upload(dataset: DatasetConfig, work_dir: Path) -> UploadFile:
    """The clean CSV for ``dataset`` (converted into ``work_dir`` when needed)."""
    source = dataset.file
    if not source.is_file():
        raise _unreadable(source, "il n'existe pas (vérifiez « file » dans odwb.toml)",
                          "it does not exist (check 'file' in odwb.toml)")
    target = work_dir / f"{dataset.id}.csv"
    if source.suffix.lower() in SPREADSHEETS:
        work_dir.mkdir(parents=True, exist_ok=True)
        rows = _convert_spreadsheet(source, target, dataset.sheet)
        return UploadFile(target, sha256(target), rows, True, source)
    with source.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        raise _unreadable(source, "il est vide", "it is empty")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        raise _unreadable(source, "c'est un fichier binaire, pas un CSV", "it is a binary file, not a CSV")
    bom = head.startswith(codecs.BOM_UTF8)
    utf8 = not utf16 and _is_utf8(source)
    encoding = ("utf-8-sig" if bom else "utf-8") if utf8 else _legacy_encoding(head)
    sample = head.decode(encoding, errors="replace")
    delimiter = _delimiter(io.StringIO(sample).read())
    if utf8 and not bom and delimiter == "," and not cr_only(sample):
        return UploadFile(source, sha256(source), _count_rows(source, "utf-8", ","), False, source)
    work_dir.mkdir(parents=True, exist_ok=True)
    rows = _convert_csv(source, target, encoding, delimiter)
    return UploadFile(target, sha256(target), rows, True, source)


def read_header(path: Path) -> list[str]:
    """The column headers of the clean CSV to upload (UTF-8, comma)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell.strip() for cell in next(csv.reader(handle), [])]


def allow_long_cells() -> None:
    """Let the csv module read a cell of any length: a commune's outline takes more than its 128 kB by default."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def with_added_column(upload: UploadFile, work_dir: Path, suffix: str, column: str,
                      cell: Callable[[list[str]], str]) -> UploadFile:
    """A copy of the upload (``<original>-<suffix>.csv`` in ``work_dir``) with one more column, ``column``, each row's
    cell made by ``cell(row)`` (blank lines left out): the map's columns (:mod:`.geo`, :mod:`.shapes`)."""
    allow_long_cells()
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / f"{upload.original.stem}-{suffix}.csv"
    with upload.path.open(encoding="utf-8", newline="") as src, target.open("w", encoding="utf-8", newline="") as out:
        reader = csv.reader(src)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*next(reader, []), column])
        writer.writerows([*row, cell(row)] for row in reader if row)
    return UploadFile(target, sha256(target), upload.rows, True, upload.original)
