"""A remark in brackets after a contact (« 0486 23 45 67 (après 18h) », « info@club.be [secrétariat] »), as a directory
adds one: the contact is right, the remark is no part of it. The kinds say it as a warning (``be-phone-remark``,
``email-remark``), not as an invalid value; what counts as a right contact is each kind's own test.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# the remark: words in round or square brackets at the end of the cell (a letter at least: « (203) » is no remark)
REMARK = re.compile(r"(?P<value>.*?\S)\s*[(\[](?P<note>[^()\[\]]*[^\W\d_][^()\[\]]*)[)\]]\s*")


def split_remark(text: str, valid: Callable[[str], bool]) -> tuple[str, str] | None:
    """(the contact, the remark) when ``text`` is a contact that ``valid`` accepts followed by a remark in brackets;
    None for anything else."""
    found = REMARK.fullmatch(text.strip())
    if found is None or not valid(found.group("value")):
        return None
    return found.group("value").strip(), found.group("note").strip()
