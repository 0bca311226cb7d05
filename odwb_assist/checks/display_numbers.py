"""Numbers written for display rather than for reading: « 1 234,56 € », « 45 % », « (1 500,00) », « −12,5 », « - € ».

A spreadsheet's number formats write them so when a sheet is saved as CSV: a currency or a unit after (or a
currency before) the number, an accounting negative in parentheses, the typographic minus sign U+2212 (text
copied from a PDF or a web page), and the accounting format's zero, a dash followed by the currency. What a
column of them means is certain once its unit is written in its title: « Budget 2024 (€) » holding ``-1 500,00``.

:func:`read_display` reads one cell (its number written the local way, sign first, and its unit spelt one way);
:data:`DISPLAY` is the pattern such cells match (RE2-safe: run by pyarrow on a column's distinct values before the
cells are read one by one); :func:`titled` is the column's title with its unit. The fix that uses them is
``number-display`` (:mod:`.number_display`), its plan decided from the counts of :mod:`.fix_stats`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .number_forms import VAT_MARKS, VAT_WORDS

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# The units a column of amounts or measures is written with, each spelling -> how the title writes it. Words that
# only count things (« 12 places ») are :mod:`.unit_in_cell`'s ``strip-count-words``; years, days, hours are left
# (« 2 ans » in a column of ages is read by people, not summed).
UNIT_SPELLINGS = {
    "€": "€", "eur": "€", "euro": "€", "euros": "€", "$": "$", "usd": "$",
    "%": "%", "‰": "‰",
    "m²": "m²", "m2": "m²", "km²": "km²", "km2": "km²", "m³": "m³", "m3": "m³", "ha": "ha",
    "km": "km", "m": "m", "cm": "cm", "mm": "mm",
    "kg": "kg", "t": "t", "tonne": "t", "tonnes": "t",
    "l": "l", "litre": "l", "litres": "l",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "kw": "kW", "mw": "MW", "°c": "°C",
}
CURRENCIES = ("€", "$")
# how a title may already name each unit (lower case, as a word): « Montant (EUR) », « montant_eur », « Taux % »
TITLE_SPELLINGS = {unit: {spelling for spelling, shown in UNIT_SPELLINGS.items() if shown == unit} for unit in
                   set(UNIT_SPELLINGS.values())}

_MINUS = "\u2212"
_SPACE = "[ \t\u00a0\u202f]*"
_NUMBER = ("[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:[.][0-9]+)?"
           "|[0-9]+(?:[.,][0-9]+)?")
_UNIT = "(?i:" + "|".join(sorted((re.escape(s) for s in UNIT_SPELLINGS if s not in CURRENCIES), key=len,
                                 reverse=True)) + ")"
# whether an amount includes VAT, after its currency (« 12.500,00 € HTVA », « 45.000 EUR TVAC »): the title then says
# both, « Montant (€ HTVA) »; amounts with and without VAT in one column are two units, not read as one
_VAT = "(?i:" + VAT_WORDS + ")"
_BODY = (f"(?P<sign>[+\\-{_MINUS}])?{_SPACE}(?:(?P<currency>€|(?i:eur)){_SPACE})?(?P<number>{_NUMBER})(?P<trail>-)?"
         f"(?:{_SPACE}(?P<unit>[€$]|{_UNIT}))?(?:{_SPACE}(?P<vat>{_VAT}))?")
# a cell written for display: a number with its unit (or « € » first), in parentheses, with the minus sign U+2212
# or with a minus after it (« 1.234,56- », as SAP and other accounting programs write a negative); or the accounting
# zero « - € »; spaces around. Plain numbers match too (they are told apart below).
DISPLAY = (f"{_SPACE}(?:(?P<open>\\(){_SPACE})?{_BODY}{_SPACE}(?P<close>\\))?{_SPACE}"
           f"|{_SPACE}-{_SPACE}(?P<zero>€){_SPACE}")
DISPLAY_FIRST = " \t(+-0123456789\xc2\xe2Ee"  # the first byte of a match (0xC2: of U+00A0; 0xE2: of « € », « − »,
# U+202F; « E »: of « EUR 1 234,56 », the currency's code first, as accounting programs write it)


@dataclass(frozen=True)
class Display:
    """A cell read as a number: ``number`` written the local way with its sign first (« -1 500,00 »), ``unit`` as the
    title writes it (None: the number had none)."""

    number: str
    unit: str | None


def read_display(cell: str) -> Display | None:
    """The number a cell written for display stands for; None when it is no such cell (text, a plain number, a
    unit and parentheses mismatched, two signs, « (2) »: a note's number as often as a negative)."""
    import pyarrow as pa

    numbers, units = read_displays(pa.array([cell], type=pa.string()))
    number = numbers[0].as_py()
    return None if number is None else Display(number, units[0].as_py())


# a title holding one of these already says the unit, whatever around it (« k€ », « Meuros », « taux_pct »)
TITLE_STEMS = {"€": ("€", "eur"), "$": ("$", "usd", "dollar"), "%": ("%", "pct", "pourc", "percent")}


def titled(label: str, unit: str) -> str:
    """``label`` with ``unit`` written after it (« Budget 2024 (€) »), or as it is when it already names the unit; a
    currency with its VAT mark (« € HTVA ») adds what the title does not say yet (« Montant HTVA (€) »)."""
    lower = label.lower()
    words = set(re.findall(r"[a-zà-ÿ0-9²³°]+|[%‰€$]", lower))
    if " " in unit:
        currency, mark = unit.split(" ", 1)
        named, marked = titled(label, currency) == label, mark.lower() in words
        if named and marked:
            return label
        return f"{label.rstrip()} ({currency})" if marked else f"{label.rstrip()} {mark}" if named else \
            f"{label.rstrip()} ({unit})"
    if words & TITLE_SPELLINGS.get(unit, {unit.lower()}) or any(stem in lower for stem in TITLE_STEMS.get(unit, ())):
        return label
    return f"{label.rstrip()} ({unit})"


def written_for_display(cells: pa.Array) -> np.ndarray:
    """Which cells may be written for display: they hold a letter (a unit), « % », « $ », a parenthesis or a
    non-ASCII character (« € », « − », « ² »), or end with « - » (read from their bytes: phone numbers, dates and
    identifiers leave before any pattern)."""
    from .number_bytes import displayed, ending_with_minus

    return displayed(cells) | ending_with_minus(cells)


def read_displays(cells: pa.Array) -> tuple[pa.Array, pa.Array]:
    """:func:`read_display` of every cell of an Arrow text array at once, in pyarrow's kernels: (the numbers, null
    where a cell is no such cell; their units as the title writes them, null where there is none)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if cells.type != pa.string():  # large_string, as pandas hands Arrow text over
        cells = cells.cast(pa.string())
    held = written_for_display(cells)
    if not held.all():  # the pattern on those cells only, their results put back in place
        nothing = pa.nulls(len(cells), pa.string())
        if not held.any():
            return nothing, nothing
        numbers, units = read_displays(cells.filter(pa.array(held)))
        mask = pa.array(held)
        return pc.replace_with_mask(nothing, mask, numbers), pc.replace_with_mask(nothing, mask, units)
    parts = pc.extract_regex(cells, f"^(?:{DISPLAY})$")
    found = pc.is_valid(parts)
    field = {name: pc.fill_null(pc.struct_field(parts, name), "") for name in
             ("open", "sign", "currency", "number", "trail", "unit", "vat", "close", "zero")}
    opened, closed = pc.not_equal(field["open"], ""), pc.not_equal(field["close"], "")
    sign, zero, trail = field["sign"], pc.not_equal(field["zero"], ""), pc.not_equal(field["trail"], "")
    written = pc.binary_join_element_wise(field["currency"], field["unit"], field["zero"], "")
    spelled = pc.utf8_lower(written)
    known = pa.array(list(UNIT_SPELLINGS), type=pa.string())
    units = pc.take(pa.array(list(UNIT_SPELLINGS.values()), type=pa.string()), pc.index_in(spelled, value_set=known))
    # a VAT mark after a currency joins its unit (« € HTVA »); after anything else the cell is no amount
    vat = pc.take(pa.array(list(VAT_MARKS.values()), type=pa.string()),
                  pc.index_in(pc.utf8_lower(field["vat"]), value_set=pa.array(list(VAT_MARKS), type=pa.string())))
    marked = pc.is_valid(vat)
    currency = pc.is_in(units, value_set=pa.array(list(CURRENCIES), type=pa.string()))
    units = pc.if_else(marked, pc.binary_join_element_wise(units, vat, " "), units)
    has_unit = pc.is_valid(units)
    # « (250,00) », « 1.500,00- »: an amount; « (2) », « 2- » are a note's number, a range, as often as a negative
    separated = pc.match_substring_regex(field["number"], "[ .,\u00a0\u202f'’]")
    # two ways of saying the sign (« (-5) », « -5- »): no number
    twice = pc.or_(pc.and_(opened, pc.or_(trail, pc.not_equal(sign, ""))), pc.and_(trail, pc.not_equal(sign, "")))
    valid = pc.and_(pc.equal(opened, closed), pc.invert(twice))
    valid = pc.and_(valid, pc.invert(pc.and_(pc.not_equal(field["currency"], ""), pc.not_equal(field["unit"], ""))))
    valid = pc.and_(valid, pc.or_(pc.invert(marked), pc.fill_null(currency, False)))
    shown = pc.or_(pc.or_(has_unit, pc.and_(pc.or_(opened, trail), separated)), pc.equal(sign, _MINUS))
    keep = pc.fill_null(pc.and_(found, pc.or_(zero, pc.and_(valid, shown))), False)
    negative = pc.or_(pc.or_(opened, trail), pc.is_in(sign, value_set=pa.array(["-", _MINUS])))
    prefix = pc.if_else(negative, "-", pc.if_else(pc.equal(sign, "+"), "+", ""))
    numbers = pc.if_else(zero, "0", pc.binary_join_element_wise(prefix, field["number"], ""))
    nothing = pa.nulls(len(cells), pa.string())
    return pc.if_else(keep, numbers, nothing), pc.if_else(keep, units, nothing)
