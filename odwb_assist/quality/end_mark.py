"""The Ctrl-Z (0x1A) that old DOS and Windows programs write at the end of a text file, and the file read without it.

CP/M marked the end of a text file with the byte 0x1A, and MS-DOS tools kept the habit: some accounting and
population-register programs still end their CSV exports with it, alone on a last line or stuck to the last cell.
It is no data: read as such it becomes a row of one cell « \\x1a » (a short row, an invalid code in its first column)
or the end of the last value (« 201000\\x1a », a number no longer). :func:`find_end_mark` finds it at the end of a
file (followed by nothing but line ends, spaces or more of it); :func:`open_data` opens the file so that every
reader stops before it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

MARK = 0x1A
TAIL = 4096  # bytes read at the end of the file to find the mark
_AFTER = frozenset(b"\r\n \t\x1a")  # what may follow the mark


def find_end_mark(path: Path, encoding: str | None) -> int | None:
    """Where the end-of-file mark that closes ``path`` starts (its byte offset), or None. Never in UTF-16 (its
    0x1A bytes are halves of characters: the caller tells, by ``encoding`` or by not asking for a file with a
    UTF-16 byte order mark)."""
    if encoding and encoding.lower().replace("_", "-").startswith("utf-16"):
        return None
    with path.open("rb") as handle:
        size = handle.seek(0, io.SEEK_END)
        start = max(0, size - TAIL)
        handle.seek(start)
        tail = handle.read()
    end = len(tail)
    while end and tail[end - 1] in _AFTER:
        end -= 1
    mark = tail.find(bytes([MARK]), end)
    return None if mark < 0 else start + mark


class _Bounded(io.RawIOBase):
    """A binary file read up to ``end`` bytes (its name is the file's: Frictionless reopens a stream by its name)."""

    def __init__(self, handle: io.BufferedReader, end: int) -> None:
        super().__init__()
        self._handle = handle
        self._end = end
        self.name = handle.name

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._handle.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:
            return self._handle.seek(self._end + offset)
        return self._handle.seek(offset, whence)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        left = self._end - self._handle.tell()
        if left <= 0:
            return 0
        view = memoryview(buffer).cast("B")
        return self._handle.readinto(view[:min(len(view), left)]) or 0

    def close(self) -> None:
        self._handle.close()
        super().close()


def open_data(path: Path, end: int | None) -> IO[bytes]:
    """``path`` opened to read its bytes, up to ``end`` (the end-of-file mark found by :func:`find_end_mark`; None:
    the whole file)."""
    handle = path.open("rb")
    if end is None:
        return handle
    return io.BufferedReader(_Bounded(handle, end))
