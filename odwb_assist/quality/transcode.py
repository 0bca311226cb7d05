"""Single-byte encodings (cp1252, cp1252+latin-1, latin-1) and UTF-16 to UTF-8, block by block, exactly as Python's codecs.

pyarrow's own transcoding (``ReadOptions(encoding=...)``) goes through Python's incremental codecs on its
reading thread: a cp1252 decode builds a two-byte-per-character string as soon as a block holds a ``€`` or
a ``’``, then encodes it again, holding the GIL some 0.4 s per 140 MB while the checks wait for it on the
main thread. Here a block that is pure ASCII passes through untouched; otherwise the latin-1 decode (a
copy: byte ``b`` is U+00bb) and its UTF-8 encode do the work, and only the bytes 0x80-0x9F, where cp1252
differs from latin-1 and which are rare in real text, are looked up one by one (found by numpy, which does
not hold the GIL). The result is byte for byte ``data.decode(encoding).encode("utf-8")``; a byte cp1252
leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) raises the same :class:`UnicodeDecodeError` as the codec.
Single-byte encodings have no state: blocks can be cut anywhere. UTF-16 (Excel's « Texte Unicode » export)
goes through Python's incremental codec, which keeps a code unit cut between two blocks (:class:`Utf16`); a UTF-8
file with stray Windows-1252 bytes through the codec that reads it (:class:`StrayBytes`).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

import numpy as np

from .stray_bytes import ERRORS, MIXED  # (importing it registers the codec utf-8+cp1252)
from .undefined_bytes import CHARACTERS, KEPT

C1 = -96  # as int8, the bytes 0x80-0x9F are those below -96


def _cp1252_chars() -> dict[int, bytes]:
    """UTF-8 of each byte 0x80-0x9F that cp1252 defines."""
    chars = {}
    for byte in range(0x80, 0xA0):
        try:
            chars[byte] = bytes([byte]).decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:
            continue
    return chars


CP1252_C1 = _cp1252_chars()
KEPT_C1 = {byte: CHARACTERS[byte].encode("utf-8") for byte in range(0x80, 0xA0)}  # the undefined ones kept (U+0081…)


def _latin1(data: bytes) -> bytes:
    return data if data.isascii() else data.decode("latin-1").encode("utf-8")


def _cp1252(data: bytes, c1: dict[int, bytes] = CP1252_C1) -> bytes:
    if data.isascii():
        return data
    where = np.flatnonzero(np.frombuffer(data, dtype=np.int8) < C1)
    if not len(where):
        return data.decode("latin-1").encode("utf-8")
    parts = []
    start = 0
    for at in where.tolist():
        char = c1.get(data[at])
        if char is None:
            raise UnicodeDecodeError("charmap", data, at, at + 1, "character maps to <undefined>")
        parts.append(data[start:at].decode("latin-1").encode("utf-8"))
        parts.append(char)
        start = at + 1
    parts.append(data[start:].decode("latin-1").encode("utf-8"))
    return b"".join(parts)


def _cp1252_kept(data: bytes) -> bytes:
    """Windows-1252 with its undefined bytes kept (:mod:`.undefined_bytes`): never raises."""
    return _cp1252(data, KEPT_C1)


class Utf16:
    """UTF-16 in one byte order (no BOM) to UTF-8, slice after slice: a code unit or a surrogate pair cut between
    two slices waits for the next one; :meth:`finish`, at the end of the file, raises the codec's
    :class:`UnicodeDecodeError` for a cut left over (as Python's text reading does)."""

    def __init__(self, codec: str) -> None:
        self.decoder = codecs.getincrementaldecoder(codec)()

    def __call__(self, data: bytes) -> bytes:
        return self.decoder.decode(data).encode("utf-8")

    def finish(self) -> bytes:
        return self.decoder.decode(b"", final=True).encode("utf-8")


class StrayBytes:
    """UTF-8 with a few bytes of Windows-1252 (the codec ``utf-8+cp1252`` of :mod:`.stray_bytes`) to UTF-8, slice
    after slice, as that codec reads the file: a slice that is whole UTF-8 passes as it is (most of them); the
    others go through the codec's decoding, a character cut between two slices waiting for the next one."""

    def __init__(self) -> None:
        self.pending = b""

    def __call__(self, data: bytes) -> bytes:
        if not self.pending:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return data
        data = self.pending + data
        text, used = codecs.utf_8_decode(data, ERRORS, False)
        self.pending = data[used:]
        return text.encode("utf-8")

    def finish(self) -> bytes:
        text, _ = codecs.utf_8_decode(self.pending, ERRORS, True)
        self.pending = b""
        return text.encode("utf-8")


def to_utf8(encoding: str) -> Callable[[bytes], bytes] | None:
    """The block transcoder from ``encoding`` to UTF-8 (a fresh one for each reading: UTF-16's keeps a state);
    None when it is not an encoding handled here."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name == "cp1252":
        return _cp1252
    if name == KEPT:
        return _cp1252_kept
    if name == "iso8859-1":
        return _latin1
    if name in ("utf-16-le", "utf-16-be"):  # pyarrow's own transcoding stalls at our read-ahead gate
        return Utf16(name)
    if name == MIXED:
        return StrayBytes()
    return None
