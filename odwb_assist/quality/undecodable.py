"""Where the first byte lies that a file's encoding does not define: its line, so that the user can find it.

A reading stops at such a byte (Frictionless reads the text in blocks: it stops at the block that holds it, some
rows above the byte); the messages that say so name the byte's line in the file, found here by decoding the file
from its start, block by block, up to the byte. Only called once a reading has failed that way.
"""

from __future__ import annotations

import codecs
from pathlib import Path

BLOCK = 1 << 20  # bytes decoded at a time


def first_undecodable(path: Path, encoding: str | None) -> tuple[int, int] | None:
    """(offset of the byte in the file, its line, from 1) of the first byte ``encoding`` does not define in ``path``;
    None when there is none, when the encoding is unknown, or when the file cannot be read."""
    try:
        decoder = codecs.getincrementaldecoder(encoding or "utf-8")(errors="strict")
    except LookupError:
        return None
    line, offset = 1, 0
    try:
        with open(path, "rb") as handle:
            while True:
                data = handle.read(BLOCK)
                pending = len(decoder.getstate()[0])  # bytes of a character cut between two blocks
                try:
                    text = decoder.decode(data, final=not data)
                except UnicodeDecodeError as exc:  # exc.object: the pending bytes, then this block
                    before = bytes(exc.object[:exc.start]).decode(encoding or "utf-8", errors="replace")
                    return offset - pending + exc.start, line + before.count("\n")
                line += text.count("\n")
                if not data:
                    return None
                offset += len(data)
    except OSError:
        return None
