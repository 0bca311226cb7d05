"""Characters nobody can read in a cell: the control characters (but tab, line feed, carriage return) and « � »;
and how to show a text holding them without handing them to a terminal (« Na<U+000B>mur »)."""

from __future__ import annotations

import re

# C0 controls but tab, line feed, carriage return; DEL; C1 controls; the replacement character
INVISIBLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufffd]")
LOST = "\ufffd"  # what a program writes in place of a letter it could not decode


def has_invisible(text: str) -> bool:
    return INVISIBLE.search(text) is not None


def shown(text: str) -> str:
    """``text`` with each control character written « <U+0081> » (« � » stays as it is): safe to print."""
    return INVISIBLE.sub(lambda found: found.group() if found.group() == LOST else f"<U+{ord(found.group()):04X}>",
                         text)
