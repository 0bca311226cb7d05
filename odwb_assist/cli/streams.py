"""Standard streams that can always write what the command line prints.

On Windows, when the output goes to a file or a pipe (``odwb-assist check f.csv > rapport.txt``), Python
writes in the ANSI code page (cp1252), which has no « ✓ », « ✗ » nor « → »: printing the verdict ended the
command with an internal error. A stream whose encoding cannot write those signs writes them in words or
ASCII instead (``OK``, ``X``, ``->``…); one that cannot even write French accents (``ascii``, as with
``LANG=C``) is switched to UTF-8.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from typing import Any

HANDLER = "odwb-signs"
# the signs the command line prints, and what replaces them where the encoding lacks them
SIGNS = {"✓": "OK", "✗": "X", "→": "->", "←": "<-", "…": "...", "─": "-", "–": "-", "—": "-", "«": '"', "»": '"',
         "\u202f": " ", "\u00a0": " ", "’": "'", "≥": ">=", "≤": "<=", "×": "x", "·": "."}
FRENCH = "éèàçêôûùëïÉÀ"


def _in_ascii(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: each sign the encoding lacks in words or ASCII, anything else as « ? »."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(SIGNS.get(char, "?") for char in text), error.end


def _writes(encoding: str, text: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def safe_output(streams: tuple[Any, ...] | None = None) -> None:
    """Make stdout and stderr (or ``streams``) able to write every message of the command line (see module doc)."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _in_ascii)
    _reconfigure(streams)


def _reconfigure(streams: tuple[Any, ...] | None) -> None:
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: nothing to write to
            if not _writes(encoding, FRENCH):
                stream.reconfigure(encoding="utf-8", errors=HANDLER)
            elif not _writes(encoding, "".join(SIGNS)):
                stream.reconfigure(errors=HANDLER)
