"""Placeholders: the texts people type in a cell instead of leaving it empty (``-``, ``n.d.``, ``N/A``…).

One shared predicate, so that the ``placeholder-value`` check, its fix and the type check agree on
what a placeholder is: a placeholder is a missing value, never also a ``type-error``.
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
    "null", "none", "nan", "nvt", "n.v.t.", "onbekend",
})
LONGEST = max(len(text) for text in PLACEHOLDERS)


def is_placeholder(text: object) -> bool:
    """Whether one cell's text is a placeholder for a missing value."""
    return isinstance(text, str) and text.strip().lower() in PLACEHOLDERS


def placeholder_mask(values: pd.Series) -> pd.Series:
    """True where a cell (raw text) is a placeholder; vectorised, cheap on long texts (length prefilter)."""
    short = values.str.len() <= LONGEST + 4  # a few surrounding spaces
    mask = short.copy()
    if short.any():
        mask[short] = values[short].str.strip().str.lower().isin(PLACEHOLDERS)
    return mask.astype(bool)
