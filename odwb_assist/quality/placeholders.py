"""Placeholders: the texts people type in a cell instead of leaving it empty (``-``, ``n.d.``, ``N/A``…).

One shared predicate, so that the ``placeholder-value`` check, its fix and the type check agree on
what a placeholder is: a placeholder is a missing value, never also a ``type-error``. A database's zero date
(« 0000-00-00 ») is a missing value too, for the type check; it is reported by ``zero-date``
(:mod:`..checks.zero_dates`), not as ``placeholder-value``, whose words stand for a missing number or date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# Compared after strip() and lower(). Only texts that say « no value » in French, Dutch or English
# administrative exports; not « x » (a confidential figure in Statbel tables) nor « 0 ».
PLACEHOLDERS: frozenset[str] = frozenset({
    "-", "--", "---", "–", "—", "/", "//", "?", "??", "???", ".", "..", "...", "…",
    "n.d.", "n.d", "nd", "n/d", "n.c.", "n.c", "nc", "n/c",
    "n/a", "n.a.", "n.a", "na", "#n/a", "#n/d", "s.o.", "s/o", ":",
    "néant", "neant", "inconnu", "non disponible", "non communiqué", "non communique",
    "null", "none", "nan", "nvt", "n.v.t.", "onbekend", "#value!", "#valeur!",
})
# A database's « zero date »: MySQL stores « 0000-00-00 » (« 0000-00-00 00:00:00 ») for a date it was not given
# (MySQL 8.0 Reference Manual, 13.2 « Date and Time Data Types »: the « zero » value of each type); other software
# prints « 00/00/0000 ». No calendar has a month 0 nor a day 0: it is no date, only a missing one. A two-digit year
# (« 00/00/00 ») is left out: it may be something else. Compared after strip() and lower().
ZERO_DATES: frozenset[str] = frozenset({
    "0000-00-00", "0000-00-00 00:00:00", "0000-00-00 00:00", "0000-00-00t00:00:00", "0000-00-00t00:00:00z",
    "0000/00/00", "00/00/0000", "00-00-0000", "00.00.0000", "00/00/0000 00:00:00", "00/00/0000 00:00",
})
MISSING = PLACEHOLDERS | ZERO_DATES
LONGEST = max(len(text) for text in MISSING)


def is_placeholder(text: object) -> bool:
    """Whether one cell's text is a placeholder for a missing value (a zero date included)."""
    return isinstance(text, str) and text.strip().lower() in MISSING


def is_zero_date(text: str) -> bool:
    """Whether one cell's text is a database's zero date (« 0000-00-00 »)."""
    return len(text) <= LONGEST + 8 and text.strip().lower() in ZERO_DATES


def placeholder_mask(values: pd.Series) -> pd.Series:
    """True where a cell (raw text) is a placeholder; vectorised, cheap on long texts (length prefilter)."""
    short = values.str.len() <= LONGEST + 4  # a few surrounding spaces
    mask = short.copy()
    if short.any():
        mask[short] = values[short].str.strip().str.lower().isin(MISSING)
    return mask.astype(bool)
