"""A CSV whose lines end with a carriage return alone, read through a copy whose lines end with a line feed.

Excel for Mac saves « Valeurs séparées par des virgules (.csv) » in Mac OS Roman with a carriage return (CR) alone
at the end of each line, the line end of the Macs before OS X (Mike Schaeffer and Steven Holland describe Excel's
text formats and their line ends; and :mod:`.code_pages` for their code page). The readers of this package split lines on
line feeds in many places (pyarrow's blocks, byte offsets, the side files), and Frictionless reopens a file by its
name: rather than teach each of them, the file is read through a copy where every CR byte becomes a line feed.
The copy has the same length, every byte at its place: row numbers and byte offsets are the original's. A CR inside
a quoted cell is a line break there too, and stays one; a CR followed by a line feed further down is left as it is.
Never for UTF-16, whose CR bytes may be halves of other characters (« č » is 0x0D 0x01). The user's file is never
changed; the copies live in one temporary folder, removed at exit.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

COPY_BLOCK = 1 << 20
LONE_CR = re.compile(rb"\r(?!\n)")  # a CR then LF further down the file stays a Windows line end
_COPIES: dict[tuple[str, int, int], Path] = {}  # (file, size, modification time) -> its copy
_FOLDER: list[Path] = []


def cr_only(text: str) -> bool:
    """Whether the lines of ``text`` (a sample) end with a carriage return alone."""
    return "\r" in text and "\n" not in text


def lf_copy(path: Path) -> Path:
    """A copy of ``path`` whose carriage returns are line feeds (made once per file and version, in one run)."""
    status = path.stat()
    key = (str(path), status.st_size, status.st_mtime_ns)
    if key in _COPIES and _COPIES[key].is_file():
        return _COPIES[key]
    if not _FOLDER:
        _FOLDER.append(Path(tempfile.mkdtemp(prefix="odwb-assist-")))
        atexit.register(shutil.rmtree, _FOLDER[0], True)
    folder = Path(tempfile.mkdtemp(dir=_FOLDER[0]))  # one folder per copy: the copy keeps the file's name
    copy = folder / path.name
    with path.open("rb") as source, copy.open("wb") as target:
        held = b""  # a CR that ends a block: the next block tells whether a line feed follows it
        for block in iter(lambda: source.read(COPY_BLOCK), b""):
            block = held + block
            held = block[-1:] if block.endswith(b"\r") else b""
            target.write(LONE_CR.sub(b"\n", block[: len(block) - len(held)]))
        target.write(b"\n" if held else b"")
    _COPIES[key] = copy
    return copy


def read_path(source: str, detected: Any) -> Path:
    """The file to read for the user's file ``source``: its copy when its lines end with a carriage return alone."""
    return lf_copy(Path(source)) if getattr(detected, "copy_of", None) else Path(source)
