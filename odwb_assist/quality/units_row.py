"""A row of units under the column titles (« (hab.) », « (km²) », « € »), as statistical tables put them: part of the
header, not a data row.

Read as data, it makes a row « (hab.) » among the populations and every column of numbers a column of text. It is
taken as the header's second row when each of its filled cells is a unit (a short text in parentheses or brackets,
or a unit written alone: « € », « % », « km² », « hab. »…), each under a title, and a column it gives a unit to holds
numbers below it. The check ``merged-header`` then says so in its own words, and its fix writes each unit into its
column's title (« Population (hab.) »).
"""

from __future__ import annotations

import re
from collections.abc import Callable

BRACKETED = re.compile(r"[(\[][^()\[\]]{1,24}[)\]]")
UNITS = frozenset({
    "€", "eur", "euro", "euros", "k€", "m€", "keur", "meur", "€/hab.", "€/hab", "€ htva", "€ tvac", "%", "‰", "pts",
    "km", "km²", "km2", "m", "m²", "m2", "m³", "m3", "cm", "mm", "ha", "hab.", "hab", "habitants", "pers.",
    "personnes", "ménages", "kwh", "mwh", "gwh", "kw", "mw", "t", "tonnes", "kg", "l", "litres", "hl", "nombre",
    "nb", "nb.", "n", "n.", "h", "heures", "min", "minutes", "jours", "ans", "années", "°c", "µg/m³", "mg/l", "db",
    "unités", "unité", "aantal", "inwoners",
})


def is_unit(cell: str) -> bool:
    """Whether a header cell is a unit (see the module's text)."""
    text = " ".join(cell.split())
    return bool(text) and (BRACKETED.fullmatch(text) is not None or text.lower() in UNITS)


def units_row(titles: list[str], second: list[str], data: list[list[str]], numeric: Callable[[str], bool]) -> bool:
    """Whether ``second`` (the row under the ``titles``) is a row of units over the ``data`` rows below it
    (``numeric``: the test of a number cell)."""
    filled = [i for i, cell in enumerate(second) if cell.strip()]
    if not filled or not all(is_unit(second[i]) for i in filled):
        return False
    if any(i >= len(titles) or not titles[i].strip() for i in filled):
        return False
    return any(i < len(row) and row[i].strip() and numeric(row[i]) for row in data for i in filled)


def unit_title(title: str, unit: str) -> str:
    """A title with its unit: « Population » and « (hab.) » → « Population (hab.) »; a bare unit is put in parentheses."""
    unit = " ".join(unit.split())
    if not unit:
        return title.strip()
    shown = unit if BRACKETED.fullmatch(unit) else f"({unit})"
    return f"{title.strip()} {shown}"
