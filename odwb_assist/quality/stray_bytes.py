"""A UTF-8 file with a few bytes of another encoding (a row typed or pasted later in Windows-1252): read it whole.

Detection judges the encoding on the first 256 KB; a Windows-1252 « è » (byte 0xE8) further down used to stop the
reading there (the rows after it were never checked) and made ``fix`` refuse the file without saying where. A
stray byte inside the first 256 KB was worse: the whole file was taken for Windows-1252, and every UTF-8 accent
came out as « Ã© », silently.

The choice: such a file is read with the codec ``utf-8+cp1252`` registered here — UTF-8 wherever the bytes are
UTF-8, and each byte that is not, read as Windows-1252 (the encoding of the Windows tools of Walloon
administrations, where such a byte nearly always comes from; its five unassigned bytes as the Latin-1 control
character of the same number, so that no byte is ever lost). Nothing is dropped and every row is checked. It
is not silent: the check reports each cell concerned (``mixed-encoding``: row, column, the byte, and the cell as
read), an error when the rest of the file really is UTF-8 (no single encoding reads such a file: it must be
fixed before publication), and ``fix`` lists every such cell in its changes (what it writes, in UTF-8). Keeping
the byte and refusing was the other option; it blocks the user on a file whose meaning is plain, when a
reviewable change does the work.

The full-file scan costs about a third of a second per 100 MB, so it runs only when the fast reader could not
read the file as UTF-8 (:func:`settle`); its verdict is remembered for the file (size and date), so that every
later :func:`~odwb_assist.quality.detect.detect` of the same file in the process reads it the same way.
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .undefined_bytes import CHARACTERS, UNDEFINED

MIXED = "utf-8+cp1252"
_SEARCH_NAME = "utf_8_cp1252"  # how codecs.lookup hands the name to a search function
ERRORS = "odwb-cp1252"  # the codec error handler that reads a stray byte as Windows-1252
BLOCK = 4 << 20
UTF8 = ("utf-8", "utf-8-sig")
_SETTLED: dict[tuple[str, int, int], str] = {}  # (path, size, mtime) -> the encoding the whole file needs


_TABLE = CHARACTERS  # Windows-1252, its five undefined bytes as the control character of the same number


def _read_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: the bytes UTF-8 could not read, one character each."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_TABLE[byte] for byte in bad), error.end


def _decode(data: bytes, errors: str = "strict", final: bool = True) -> tuple[str, int]:
    text, used = codecs.utf_8_decode(data, ERRORS, final)
    return text, used


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    """UTF-8 with the stray bytes read as Windows-1252; a leading byte-order mark is dropped (as ``utf-8-sig``)."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.first = True

    def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
        if self.first:
            if len(data) < 3 and codecs.BOM_UTF8.startswith(data) and not final:
                return "", 0
            self.first = False
            if data[:3] == codecs.BOM_UTF8:
                text, used = _decode(data[3:], errors, final)
                return text, used + 3
        return _decode(data, errors, final)

    def reset(self) -> None:
        super().reset()
        self.first = True


class _StreamReader(codecs.StreamReader):
    def decode(self, data: Any, errors: str = "strict") -> tuple[str, int]:
        return _decode(bytes(data), errors, False)


def _whole(data: Any, errors: str = "strict") -> tuple[str, int]:
    raw = bytes(data)
    text, _ = _decode(raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw)
    return text, len(raw)


def _search(name: str) -> codecs.CodecInfo | None:
    if name != _SEARCH_NAME:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(name=MIXED, encode=utf8.encode, decode=_whole, incrementalencoder=utf8.incrementalencoder,
                            incrementaldecoder=_IncrementalDecoder, streamreader=_StreamReader,
                            streamwriter=utf8.streamwriter)


codecs.register_error(ERRORS, _read_as_cp1252)
codecs.register(_search)


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def sample_encoding(sample: bytes) -> str | None:
    """For a first block that is not UTF-8: ``utf-8+cp1252`` when it is mostly UTF-8 with a few stray bytes
    (more well-formed UTF-8 accents than stray bytes, or as many when every stray byte is one Windows-1252 does not
    define: then no Windows-1252 file either), else None (a Windows-1252 file)."""
    if b"\n" in sample:
        sample = sample[: sample.rfind(b"\n") + 1]  # no character cut in two at the end
    positions = _positions()
    stray = len(sample) - len(sample.decode("utf-8", _NOTE).encode("utf-8"))  # approximately: the bytes dropped
    high = len(sample) - len(sample.translate(None, _HIGH))
    accents = (high - max(stray, len(positions))) // 2  # well-formed sequences: two bytes or more each
    if accents > len(positions):
        return MIXED
    undefined = bool(positions) and all(sample[at] in UNDEFINED for at in positions)
    return MIXED if accents and accents == len(positions) and undefined else None


_HIGH = bytes(range(128, 256))


def settled(path: Path, encoding: str) -> str:
    """The encoding the whole file needs, when :func:`settle` found out; ``encoding`` otherwise."""
    if encoding not in UTF8 or not _SETTLED:
        return encoding
    try:
        return _SETTLED.get(_key(path), encoding)
    except OSError:
        return encoding


def settle(path: Path, detected: Any) -> bool:
    """When a file detected as UTF-8 has bytes further down that are not UTF-8: read it as ``utf-8+cp1252``
    from now on (``detected`` is updated and the verdict remembered). True when it changed."""
    if detected.format != "csv" or (detected.encoding or "").lower() not in UTF8:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        _SETTLED[_key(path)] = MIXED
        detected.encoding = MIXED
        return True
    except OSError:
        return False
    return False


@dataclass(frozen=True)
class Stray:
    """A cell holding bytes that are not UTF-8: where, which bytes, and the cell as read."""

    row: int  # physical row, as the reports number them (one per CSV record)
    column: int  # 1-based
    raw: bytes  # the bytes that are not UTF-8
    cell: str  # the cell as read (the stray bytes as Windows-1252)
    shown: str  # the cell with each stray byte written [0xE8]


REMEMBERED = 10_000  # stray cells remembered for a file at most (see :func:`locate`)
_LOCATED: dict[tuple[tuple[str, int, int], str], list[Stray]] = {}  # (file, delimiter) -> its stray cells
_LINES: dict[tuple[str, int, int], tuple[list[int], bool]] = {}  # file -> what stray_lines found


def locate(path: Path, delimiter: str) -> list[Stray]:
    """Every cell of the CSV holding bytes that are not UTF-8, in order (records read as Python's csv module
    reads them, as Frictionless does). Costly (the whole file through the csv module): for mixed files only.

    Remembered for the file (size and date), as :func:`settle`'s verdict: ``fix`` asks after its check did, and
    the file is read once (a file of more than :data:`REMEMBERED` such cells is read again)."""
    try:
        key = (_key(path), delimiter)
    except OSError:
        return list(_locate(path, delimiter))
    found = _LOCATED.get(key)
    if found is None:
        found = list(_locate(path, delimiter))
        if len(found) <= REMEMBERED:
            _LOCATED.clear()  # one file at a time
            _LOCATED[key] = found
    return list(found)


def _locate(path: Path, delimiter: str) -> Iterator[Stray]:
    lines, _ = stray_lines(path)
    if not lines:
        return
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, "utf-8", errors="surrogateescape", newline="")
        reader = csv.reader(text, delimiter=delimiter or ",")
        pending = iter(lines)
        target = next(pending, None)
        for number, cells in enumerate(reader, start=1):
            if target is None:
                return
            if reader.line_num < target:  # the record ends before the next line holding a stray byte
                continue
            while target is not None and target <= reader.line_num:
                target = next(pending, None)
            for column, cell in enumerate(cells, start=1):
                if any("\udc80" <= char <= "\udcff" for char in cell):
                    yield _stray(number, column, cell)


def _stray(row: int, column: int, cell: str) -> Stray:
    raw = bytes(ord(char) - 0xDC00 for char in cell if "\udc80" <= char <= "\udcff")
    read = "".join(_TABLE[ord(char) - 0xDC00] if "\udc80" <= char <= "\udcff" else char for char in cell)
    shown = "".join(f"[0x{ord(char) - 0xDC00:02X}]" if "\udc80" <= char <= "\udcff" else char for char in cell)
    return Stray(row, column, raw, read, shown)


def stray_lines(path: Path) -> tuple[list[int], bool]:
    """The physical lines (1-based) holding a byte that is not UTF-8, and whether the rest of the file has
    well-formed UTF-8 accents (then no single encoding reads it). Block by block, one decoding a block;
    remembered for the file (size and date) when it has at most :data:`REMEMBERED` such lines."""
    try:
        key = _key(path)
    except OSError:
        return _stray_lines(path)
    found = _LINES.get(key)
    if found is None:
        found = _stray_lines(path)
        if len(found[0]) <= REMEMBERED:
            _LINES.clear()  # one file at a time
            _LINES[key] = found
    return list(found[0]), found[1]


def _stray_lines(path: Path) -> tuple[list[int], bool]:
    lines: list[int] = []
    before = 0  # newlines in the blocks already read
    accents = 0  # bytes of well-formed UTF-8 characters beyond ASCII
    carry = b""
    with path.open("rb") as handle:
        while True:
            block = handle.read(BLOCK)
            data = carry + block
            cut = data.rfind(b"\n") + 1 if block else len(data)  # whole lines only: no character cut in two
            data, carry = data[:cut], data[cut:]
            positions = _positions()
            dropped = len(data) - len(data.decode("utf-8", _NOTE).encode("utf-8"))  # the stray bytes (all >= 0x80)
            accents += len(data) - len(data.translate(None, _HIGH)) - dropped
            previous = 0
            for at in positions:
                before += data.count(b"\n", previous, at)
                previous = at
                if not lines or lines[-1] != before + 1:
                    lines.append(before + 1)
            before += data.count(b"\n", previous)
            if not block:
                return lines, accents > 0


_LOCAL = threading.local()  # the positions the error handler notes, per thread


def _positions() -> list[int]:
    """A fresh list for the error handler to fill (the handler is registered once, by name, for every thread)."""
    positions: list[int] = []
    _LOCAL.positions = positions
    return positions
_NOTE = "odwb-note-position"


def _note_position(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _LOCAL.positions.append(error.start)
    return "", error.end


codecs.register_error(_NOTE, _note_position)
