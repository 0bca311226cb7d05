"""The text of a spreadsheet cell as its user reads it: the one rule every reader shares.

Below both :mod:`.detect` (which samples the first rows) and :mod:`.reader` (which reads the table), so
that neither imports the other back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def cell_text(cell: Any) -> str:
    """The text of a cell as a spreadsheet user would read it (``""`` for an empty cell)."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f") if cell == cell.to_integral_value() else str(cell)
    if isinstance(cell, dt.datetime):
        if (cell.hour, cell.minute, cell.second, cell.microsecond) == (0, 0, 0, 0):
            return cell.date().isoformat()
        return cell.isoformat()
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)
