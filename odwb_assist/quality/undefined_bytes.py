"""Windows-1252 with the five bytes it leaves undefined kept as latin-1 reads them: the codec ``cp1252+latin-1``.

Windows-1252 defines every byte but 0x81, 0x8D, 0x8F, 0x90 and 0x9D. A Windows-1252 file holding one of them (a
byte spoilt on its way, a character pasted from elsewhere) could not be read as Windows-1252, and was read as
latin-1 instead: its « € », « ’ », « œ » and « … » (0x80-0x9F, where the two differ) then became invisible control
characters, written so by the fix under a green tick. Read with this codec, every byte Windows-1252 defines is its
character, and each undefined one the latin-1 control character of the same number (U+0081…), which no text holds:
nothing is lost, and the check shows each cell holding one (``invisible-characters``).
"""

from __future__ import annotations

import codecs
from typing import Any

KEPT = "cp1252+latin-1"
_SEARCH_NAME = "cp1252_latin_1"  # how codecs.lookup hands the name to a search function
UNDEFINED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])


def _character(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: the control character of the same number
        return chr(byte)


CHARACTERS = [_character(byte) for byte in range(256)]  # each byte's character
_DECODING = "".join(CHARACTERS)
_ENCODING = codecs.charmap_build(_DECODING)


def _decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(bytes(data), errors, _DECODING)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, _ENCODING)


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, data: Any, final: bool = False) -> str:  # one byte, one character: no state
        return codecs.charmap_decode(bytes(data), self.errors, _DECODING)[0]


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return codecs.charmap_encode(text, self.errors, _ENCODING)[0]


class _StreamReader(codecs.StreamReader):
    def decode(self, data: Any, errors: str = "strict") -> tuple[str, int]:
        return _decode(data, errors)


class _StreamWriter(codecs.StreamWriter):
    def encode(self, text: str, errors: str = "strict") -> tuple[bytes, int]:
        return _encode(text, errors)


def _search(name: str) -> codecs.CodecInfo | None:
    if name != _SEARCH_NAME:
        return None
    return codecs.CodecInfo(name=KEPT, encode=_encode, decode=_decode, incrementalencoder=_IncrementalEncoder,
                            incrementaldecoder=_IncrementalDecoder, streamreader=_StreamReader,
                            streamwriter=_StreamWriter)


codecs.register(_search)
