"""Characters nobody can read in a cell: the control characters (but tab, line feed, carriage return) and « � »;
the format characters that show nothing (« Namur » followed by a zero-width space); and how to show a text holding
them without handing them to a terminal (« Na<U+000B>mur », « Namur<U+200B> »)."""

from __future__ import annotations

import re

# C0 controls but tab, line feed, carriage return; DEL; C1 controls; the replacement character
INVISIBLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufffd]")
LOST = "\ufffd"  # what a program writes in place of a letter it could not decode
# format characters that show nothing and mean nothing in a Latin text, brought by a copy out of a web page or a word
# processor: soft hyphen, zero-width space, direction marks and embeddings, word joiner, a byte-order mark inside a
# text. Not the zero-width joiners (U+200C, U+200D), part of some scripts and emoji.
FORMAT = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# … but for the direction marks in a text written right to left (Hebrew, Arabic), where they order its words
DIRECTION = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
SHOWN = re.compile(f"{INVISIBLE.pattern}|{FORMAT.pattern}")


def has_invisible(text: str) -> bool:
    return INVISIBLE.search(text) is not None


def format_characters(text: str) -> list[str]:
    """The :data:`FORMAT` characters of ``text`` that mean nothing there: not the direction marks of a text written
    right to left."""
    found = FORMAT.findall(text)
    if found and RIGHT_TO_LEFT.search(text):
        found = [character for character in found if not DIRECTION.match(character)]
    return found


def without_format(text: str) -> str:
    """``text`` without its :func:`format_characters` (what it shows, the same)."""
    if not RIGHT_TO_LEFT.search(text):
        return FORMAT.sub("", text)
    return FORMAT.sub(lambda found: found.group() if DIRECTION.match(found.group()) else "", text)


def shown(text: str) -> str:
    """``text`` with each control or format character written « <U+0081> » (« � » stays as it is): safe to print."""
    return SHOWN.sub(lambda found: found.group() if found.group() == LOST else f"<U+{ord(found.group()):04X}>", text)
