"""Several contacts in one cell: « info@x.be / secretariat@x.be », « 081 22 33 44 - 0475 12 34 56 », as a
directory lists a service's two addresses or an office and a mobile number.

Each part is right, so the cell is no error: it is said as a warning (``email-several``, ``be-phone-several``), since
the portal reads the cell as one value (no link, no filter by number). The parts are split on what people write
between two contacts: « ; », « , », « / », « | », a line break, « - » between spaces, « ou », « et », « or », « and ».
"""

from __future__ import annotations

import re
from collections.abc import Callable

# « / » and « - » only between spaces for a phone (« 081/22.33.44 », « 081-22-33-44 » are one number)
SPLIT = re.compile(r"\s*(?:[;,|\n]|\s/\s|\s-\s|\s(?:ou|et|or|and|en|of)\s)\s*", re.IGNORECASE)
SPLIT_ADDRESSES = re.compile(r"\s*(?:[;,|/\n]|\s-\s|\s(?:ou|et|or|and|en|of)\s|\s)\s*", re.IGNORECASE)
MOST = 5  # contacts in one cell at most: beyond, the cell is a list to review by hand


def several(cell: str, valid: Callable[[str], bool], split: re.Pattern[str] = SPLIT) -> int:
    """How many contacts the cell holds when it holds two or more and each is valid (``valid``), else 0."""
    parts = [part for part in split.split(cell.strip()) if part]
    if not 2 <= len(parts) <= MOST:
        return 0
    return len(parts) if all(valid(part) for part in parts) else 0
