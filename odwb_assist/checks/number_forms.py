"""The written forms of a number in a raw cell, as a spreadsheet user types them: « 1 234,5 », « 1.234,5 », « 12,5 % ».

The patterns (:data:`LOCAL` and its parts, RE2-safe), the characters a number or a float cast can start with, the
spellings of a placeholder that stands for « no value », and :func:`parse_number` of one cell in Python. A module of
their own because both column parses read them: the Arrow one (:mod:`.number_arrow`) and the pandas one
(:mod:`.numbers`).
"""

from __future__ import annotations

import re

from ..quality.placeholders import PLACEHOLDERS

# Whole cells that stand for « no value » (one list, shared with the type check), in the spellings met.
_PLACEHOLDER_FORMS = frozenset(form for p in PLACEHOLDERS for form in (p, p.upper(), p.capitalize(), f" {p} ", f"{p} ",
                                                                         f" {p}"))
_FORMS_DIGITS = any("0" <= c <= "9" for form in _PLACEHOLDER_FORMS for c in form)  # then each cell is looked up
_SPACES = "[ \t\u00a0\u202f'’]"
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?"
                    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?)")


def parse_number(cell: str) -> tuple[float, int] | None:
    """(value, decimals shown) of one cell, or None when it is not a number."""
    text = cell.strip()
    if not re.fullmatch(LOCAL, text):
        return None
    text = re.sub("[ \t\u00a0]*" + UNIT + "$", "", text)
    if not text or not _PLAIN.fullmatch(text):
        return None
    text = re.sub(_SPACES, "", text)
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    decimals = len(text) - text.index(".") - 1 if "." in text else 0
    try:
        return float(text), decimals
    except ValueError:
        return None


PLAIN = r"[+-]?[0-9]+(?:\.[0-9]+)?"
COMMA = "[+-]?[0-9]+,[0-9]+"  # a plain decimal comma: one of LOCAL's forms, which normalises to the comma made a point
# Literal no-break spaces, not \u escapes: pyarrow's regular expressions (RE2) then run them in C.
# A unit after a number: « % », « € », « EUR », « places », « m2 », « km² » (lower case: « 5590 Ciney » is not one).
# An amount may say after its currency whether it includes VAT (« 12.500,00 € HTVA »): each mark, lower case -> as a
# title writes it; WITHOUT_VAT are those of an amount without it.
VAT_MARKS = {"htva": "HTVA", "tvac": "TVAC", "ht": "HT", "ttc": "TTC", "tvai": "TVAC"}
WITHOUT_VAT = frozenset({"htva", "ht"})
VAT_WORDS = "|".join(sorted(VAT_MARKS, key=len, reverse=True))  # the longest first: « htva » before « ht »
UNIT = "(?:(?:[€$£]|EUR)[ \t\u00a0]*(?i:" + VAT_WORDS + ")|[%€$£°]|EUR|[a-zà-ÿ][a-zà-ÿ0-9²³/.]{0,11})"
LOCAL = ("[ \t]*[+-]?(?:[0-9]{1,3}(?:[ \u00a0\u202f'’.][0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+"
         "|[0-9]{1,3}(?:,[0-9]{3})+(?:[.][0-9]+)?|[0-9]+(?:[.][0-9]+)?)(?:[ \t\u00a0]*" + UNIT + ")?[ \t]*")
UNITS = "[ \t\u00a0]*" + UNIT + "[ \t]*$|[ \t\u00a0\u202f'’]"

_FIRST = "0123456789+-. \t\u00a0"
_CASTABLE_FIRST = _FIRST + "nNiI"  # the first characters of a text a float cast can read (nan, inf…)
