"""Check ``belgium.phones-in-text``: a Belgian mobile number written inside a text (a remark, a survey's answer:
« Contactez-moi au 0475 12 34 56 »).

A phone column is read by the ``be-phone`` kind and the contact checks; a number typed into a free text escapes them,
and a survey export whose e-mail column was deleted would then pass with its respondents' numbers in the comments. A
mobile number is most often a person's own (an association's or a service's number is rarely one): said as a warning
(``be-phone-in-text``: the person may have asked for it to be published, an organiser's number in an agenda), and as
an error in a table whose rows are people (``be-phone-in-text-personal``: a first-name or birth-date column, or a
survey tool's export, a register's people: the core's ``rows_are_people``), which blocks publication as the other
personal data do. Only numbers inside a text: a cell that is a number alone is a phone column's, judged there; the
numbers on a row about a public office are the office's (``official_values``). Valid mobile numbers only (the
numbering plan of ``phonenumbers``: 04xx, +32 4xx), each distinct cell read once; the candidates are the cells with
nine digits at least, told from the Arrow buffers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding, official_values

from .contact_phones import is_mobile_number
from .distinct import emit_values
from .findings import text_cache
from .messages import errors
from .national_number_scan import FEW_DIGITS, column_digits

if TYPE_CHECKING:
    pass

WARNING, PERSONAL = "be-phone-in-text", "be-phone-in-text-personal"
# a mobile number as people type it: 0475 12 34 56, 0475/12.34.56, 0475123456, +32 475 12 34 56, +32 (0)475…, 0032…;
# never the decimals of a number: in a GIS export's WKT outlines (degrees with eight decimals), « 5.04537546 50.37 »
# reads as 0453 75 46 50, a valid number (208 of 50,000 parcels held such a point, each a false personal datum)
_NUMBER = re.compile(r"(?<![\d+])(?<!\d[.,])(?:(?:\+|00)32[\s./-]*(?:\(0\)[\s./-]*)?|0)4(?:[\s./-]?[0-9]){8}"
                     r"(?![0-9])")
_LETTERS = re.compile(r"[^\W\d_]{2}")  # a word of the text around it: two letters in a row
# a database's identifiers, read as blanks: a UUID (« 8b1c8329-0483-4963-83ea-… » holds 0483 49 63 83: one UUID in
# 6,000 holds a valid number) or a long hexadecimal key (a hash, a token)
_IDENTIFIER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                         r"|(?<![0-9a-z])[0-9a-f]{16,}(?![0-9a-z])", re.IGNORECASE)
IDENTIFIER_AROUND = 48  # characters read on each side of a number for an identifier holding it (a UUID has 36)
# the columns left to their own checks: phones, and the identifiers that hold long digit runs
SKIPPED_KINDS = ("be-phone", "be-national-number", "be-iban", "be-enterprise-number", "be-establishment-unit",
                 "wgs84-latitude", "wgs84-longitude", "lambert72-x", "lambert72-y")


# what says that ten digits are an enterprise number or a bank account, not a phone: « BE » just before (an IBAN's
# « BE04 7123… », « BE 0475.123.456 »), or a word of the company register shortly before
_REGISTER = re.compile(r"(?:\bBE\s?|\b(?:TVA|BTW|BCE|KBO|entreprise|ondernemings\w*|soci[ée]t[ée])\b[^0-9]{0,20})$",
                       re.IGNORECASE)
_ENTERPRISE_FORM = re.compile(r"0[0-9]{3}\.[0-9]{3}\.[0-9]{3}")  # how the register writes its numbers


@text_cache
def mobile_in_text(cell: str) -> str | None:
    """The first Belgian mobile number written inside the text ``cell`` (None: none, or the cell is a number
    alone). Not a number the text gives as an enterprise's (« TVA BE 0475.123.456 », « 0475.123.456 » with the
    register's check digits) or as a bank account's (« BE04 7123 4567 8901 »)."""
    for found in _NUMBER.finditer(cell):
        if _in_identifier(cell, found.start(), found.end()):
            continue
        rest = cell[:found.start()] + " " + cell[found.end():]
        if not _LETTERS.search(rest) or not is_mobile_number(found.group()):
            continue
        if _REGISTER.search(cell[max(0, found.start() - 40):found.start()]) or _enterprise(found.group()):
            continue
        return found.group()
    return None


def _in_identifier(cell: str, start: int, end: int) -> bool:
    """Whether ``cell[start:end]`` lies in an identifier, read in the text around it only (a GIS export's shapes
    are 1.4 kB a cell: the whole cell read again for each cell made its check twice as long)."""
    return any(key.start() < end and key.end() > start  # finditer's positions are the cell's, not the window's
               for key in _IDENTIFIER.finditer(cell, max(0, start - IDENTIFIER_AROUND), end + IDENTIFIER_AROUND))


def _enterprise(number: str) -> bool:
    """Whether ``number`` is written as the company register writes its numbers (« 0475.123.456 ») and its last two
    digits are the register's check digits (97 minus the first eight modulo 97)."""
    if not _ENTERPRISE_FORM.fullmatch(number):
        return False
    digits = number.replace(".", "")
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


class PhonesInTextCheck(BaseTableCheck):
    name = "belgium.phones-in-text"
    types = (WARNING, PERSONAL)
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        from odwb_assist.plugin import rows_are_people

        types = context.options.get("types", {})
        self.text = {name for name in context.fields if types.get(name, "string") in ("string", "any")
                     and context.kinds.get(name) not in SKIPPED_KINDS}
        self.kind = PERSONAL if rows_are_people(context) else WARNING

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
        if column.name in self.text:
            yield from emit_found_in_text(self.kind, column, FEW_DIGITS, mobile_in_text, context, official=True)


def emit_found_in_text(kind: str, column: ColumnValues, least_digits: int, find: Callable[[str], str | None],
                       context: CheckContext, official: bool = False) -> Iterator[Finding]:
    """One ``kind`` finding per row whose text holds what ``find`` finds in it (a number, given as ``{number}``),
    each distinct value read once, only those with ``least_digits`` digits at least (the column's shared digit
    counts); ``official``: not on the rows about a public office (their numbers are the office's)."""
    import numpy as np

    if not len(column):
        return
    digits = column_digits(column)  # counted once for every check of numbers in texts and the national numbers' scan
    if digits is None:
        digits = np.fromiter((sum(c.isdigit() for c in text) for text in column.texts), dtype=np.int64,
                             count=len(column))
    positions = np.flatnonzero(digits >= least_digits)
    if not len(positions):
        return
    texts = column.values.iloc[positions].tolist()
    found = {int(at): number for at, number in
             zip(positions.tolist(), (find(str(text)) for text in texts), strict=True) if number}
    if not found:
        return
    mask = np.zeros(len(column), dtype=bool)
    mask[list(found)] = True
    if official:
        mask &= ~official_values(column, context)
    by_cell = {str(column.values.iat[at]): number for at, number in found.items()}
    yield from emit_values(kind, column, mask, context, lambda cell: {"number": by_cell[cell]})

