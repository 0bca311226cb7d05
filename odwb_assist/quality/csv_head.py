"""The head of a CSV for the streaming reader: its header and first records, read with Python's csv module exactly
as Frictionless reads them (same text stream, same sniffed dialect).

:func:`read_head` gives the labels, the sample Frictionless infers types from, the dialect, the codec pyarrow reads
the rest in, and the byte offset where the data starts (below the title and header rows), which
:class:`.stream.Blocks` streams from. Whatever pyarrow could not read as the csv module does ends in
:class:`Fallback`: the caller then reads the file with Frictionless.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .detect import Detected
from .end_mark import open_data
from .inference import SAMPLE_RECORDS, join_labels
from .stray_bytes import MIXED
from .undefined_bytes import KEPT

ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252", "latin-1": "latin-1", "mac_roman": "mac_roman",
             "utf-16": "utf-16",  # the data below the header: UTF-16 in the byte order of its BOM (see _data_codec)
             MIXED: MIXED,  # UTF-8 with stray Windows-1252 bytes (.stray_bytes), the header and first records UTF-8
             KEPT: KEPT}  # Windows-1252 with bytes it does not define (.undefined_bytes)


class Fallback(Exception):
    """The file cannot be read faithfully by pyarrow: read it with Frictionless instead."""


@dataclass
class Head:
    """The first records of a CSV: labels, the sample of data records, where the data starts."""

    labels: list[str]
    fragment: list[list[str]]  # the data records among the first SAMPLE_RECORDS records
    offset: int  # bytes before the first data record
    first_row: int  # row number of the first data record
    width: int  # cells per record (the labels')
    bytes_per_record: float = 100.0
    data: bool = True  # some bytes follow the header
    dialect: Any = field(default=None, repr=False)
    encoding: str = "utf-8"  # the codec of the bytes from ``offset`` on (pyarrow reads them in it)
    data_width: int = 0  # cells per record pyarrow reads (0: the header's ``width``; see _data_width)

    @property
    def read_width(self) -> int:
        return self.data_width or self.width


class _Lines:
    """The lines of a text stream, counting the bytes of those handed out (csv.reader reads line by line)."""

    def __init__(self, lines: list[str], stream: Any, encoding: str, bom: int) -> None:
        self.lines = iter(lines)
        self.stream = stream
        self.encoding = encoding
        self.consumed = bom
        self.handed = 0  # lines handed out

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines, None)
        if line is None:
            line = self.stream.readline()
            if not line:
                raise StopIteration
        self.consumed += len(line.encode(self.encoding))
        self.handed += 1
        return line


def sniffed_dialect(lines: list[str], delimiter: str) -> Any:
    """The dialect Frictionless's CSV parser reads with: csv.Sniffer on the first lines, given the delimiter."""
    try:
        config: Any = csv.Sniffer().sniff("".join(lines), delimiter)
    except csv.Error:
        config = csv.excel()
    dialect = csv.excel()
    dialect.delimiter = delimiter
    dialect.quotechar = '"' if config.quotechar == "'" else config.quotechar
    dialect.escapechar = config.escapechar or None
    dialect.doublequote = config.doublequote if dialect.escapechar else True
    dialect.skipinitialspace = config.skipinitialspace
    return dialect


def read_head(path: Path, detected: Detected) -> Head:
    """The header and the first data records of a CSV, as Frictionless reads them (or :class:`Fallback`)."""
    encoding = ENCODINGS.get((detected.encoding or "utf-8").lower())
    if encoding is None or not detected.delimiter:
        raise Fallback(f"encoding {detected.encoding}")
    header_rows = list(detected.header_rows)
    last_header = header_rows[-1]
    bom = len(codecs.BOM_UTF8) if detected.encoding == "utf-8-sig" else 0
    if encoding == MIXED and _starts_with(path, codecs.BOM_UTF8):  # the codec drops a BOM, as utf-8-sig does
        bom = len(codecs.BOM_UTF8)
    if encoding == "utf-16":  # Excel's « Texte Unicode »: a BOM, then no BOM in the text read from the offset on
        encoding, bom = _data_codec(path), len(codecs.BOM_UTF16_LE)
    total = path.stat().st_size if detected.end_mark is None else detected.end_mark
    try:
        with open_data(path, detected.end_mark) as raw:  # up to a Ctrl-Z end-of-file mark
            text = io.TextIOWrapper(raw, detected.encoding or "utf-8", newline="")
            lines = []
            for _ in range(SAMPLE_RECORDS):  # Frictionless sniffs the dialect on the first 100 lines
                line = text.readline()
                if not line:
                    break
                lines.append(line)
            dialect = sniffed_dialect(lines, detected.delimiter)
            if dialect.escapechar or dialect.quotechar != '"':  # skipinitialspace: see .stream._leading_space
                raise Fallback("dialect")
            counted = _Lines(lines, text, encoding, bom)
            header: list[list[str]] = []
            fragment: list[list[str]] = []
            offset = header_lines = 0
            for number, cells in enumerate(csv.reader(counted, dialect), start=1):
                if number in header_rows:
                    header.append(cells)
                if number == last_header:
                    offset, header_lines = counted.consumed, counted.handed
                elif number > last_header:
                    fragment.append(cells)
                if number >= SAMPLE_RECORDS:
                    break
            sampled = counted.consumed
    except (UnicodeError, csv.Error, OSError) as exc:
        raise Fallback(str(exc)) from exc
    if not offset:
        raise Fallback("no header")
    if encoding == MIXED:  # the UTF-8 of the text read is longer than a stray byte: the file's own bytes are counted
        offset, sampled = _raw_ends(path, bom, (header_lines, counted.handed), sampled - bom)
    labels = join_labels(header)
    width = len(labels)
    if not width:
        raise Fallback("no labels")
    per_record = (sampled - offset) / len(fragment) if fragment else 100.0
    return Head(labels, fragment, offset, last_header + 1, width, max(per_record, 1.0), offset < total, dialect,
                encoding, _data_width(fragment, width))


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as raw:
        return raw.read(len(prefix)) == prefix


def _raw_ends(path: Path, bom: int, counts: tuple[int, int], size: int) -> tuple[int, int]:
    """Where the first ``count`` lines of a file end, in bytes from its start, for each count (a BOM of ``bom`` bytes
    before them; ``size``: at least their length, the UTF-8 of their text, since a stray byte is longer in UTF-8).
    A line ends at a line feed, a carriage return or both, as the text stream split them (``newline=""``); a stray
    Windows-1252 byte is neither, so line ``i`` of the bytes is line ``i`` of the text, however it was decoded."""
    with path.open("rb") as raw:
        raw.seek(bom)
        data = raw.read(size + 1)  # one more byte: a carriage return then a line feed stay one line end
    ends = [bom]
    for line in data.splitlines(keepends=True):
        ends.append(ends[-1] + len(line))
    return ends[min(counts[0], len(ends) - 1)], ends[min(counts[1], len(ends) - 1)]


def _data_width(fragment: list[list[str]], width: int) -> int:
    """The width pyarrow reads the records at: the header's, or the width of most sample records when most of
    them have another one (a header with a stray delimiter at its end, or data rows that all end with one).

    Records of another width are put back one by one from their text (:mod:`.ragged`): right for a few of them,
    not when most records are so (pyarrow would hand over next to nothing while they pile up)."""
    from collections import Counter

    filled = [len(cells) for cells in fragment if cells]  # []: a blank line
    if 2 * sum(1 for size in filled if size != width) <= len(fragment):
        return width
    common, count = Counter(filled).most_common(1)[0]
    if 2 * count <= len(fragment):
        raise Fallback("ragged sample")
    return common


def _data_codec(path: Path) -> str:
    """The UTF-16 codec of a file's text after its BOM (the BOM says the byte order)."""
    with path.open("rb") as raw:
        return "utf-16-be" if raw.read(2) == codecs.BOM_UTF16_BE else "utf-16-le"
