"""What a totals label looks like: the marker words and phrases, and the place names that only look like one.

A label is a *strong* marker when the whole cell is a total word or a known phrase (« Total »,
« TOTAL : », « Total général », « Sous-total Namur », « Somme », « Totaal », « Sum »), a total of a whole named by
its kind (« Total commune », :data:`WHOLES`), or a pivot-table
label « Total X » / « X Total » whose X is the group label of the same column. A longer label that
merely starts or ends with a total word (« Total ayant donné un avis ») is *loose*: at most a
possible total. « Total » and a place (« Total Ciney ») is a total when its numbers add up, and nothing otherwise
(a brand's filling station). A known place name (« Somme-Leuze ») is never a marker. A whole statistic word (« Moyenne »,
« Max. », :data:`STATISTICS`) labels a summary row (:mod:`.summary_rows`): no total, but no record either (a total
under it sums the rows above without it), so it is a candidate too (:func:`could_be_marker`).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

EXACT = frozenset({
    "total", "totaux", "totals", "total general", "totaux generaux", "total global",
    "grand total", "grand-total", "total des totaux", "totaal", "totaal generaal", "algemeen totaal", "eindtotaal",
    "grand totaal", "totalen", "somme", "somme totale", "sommes", "sum", "sum total", "summe", "gesamt", "insgesamt",
    "gesamtsumme", "sous-total", "sous-totaux", "sous total", "sous totaux", "subtotal", "sub-total", "sub total",
    "subtotaal", "sub-totaal", "zwischensumme", "total partiel", "totaux partiels",
})
# Known phrases that may be followed by anything (« Sous-total Hainaut », « Subtotaal Namen »).
# Not « Totale » (an adjective: « fermeture totale »), which is only a loose marker.
PHRASES = re.compile(r"(?:sous[- ]?totale?s?|sous[- ]?totaux|sub[- ]?totale?s?|sub[- ]?totaal|zwischensumme)\b")
# Pivot tables: « Total Namur » (French Excel), « Namur Total » / « Namur Totaal » (English, Dutch Excel).
PIVOT = re.compile(r"(?:(?:total|totaal|somme|sum)\s+(?P<after>.+)|(?P<before>.+?)\s+(?:total|totaal))")
WORD = r"(?:sous[- ]?totale?s?|sous[- ]?totaux|sub[- ]?totale?s?|totale?s?|totaux|totaal|totalen|somme|sommes|sum|summe|gesamt)"
LOOSE = re.compile(rf"(?:{WORD}(?![a-z0-9]).*|.*(?<![a-z0-9]){WORD})")
# « Total commune », « Total de la ville », « Total Wallonie »: a total of the whole the table divides (an election's
# bureaus, a census's sections), named by the kind of whole rather than by a group of the table
WHOLES = re.compile(r"(?:(?:de la|du|de l'|des|pour la|pour le|pour l')\s*)?"
                    r"(?:commune|communes|ville|entite|cpas|province|region|wallonie|bruxelles|belgique|royaume|pays|"
                    r"arrondissement|canton|general|generale|generaux|generales|global|globale|annuel|annuelle|"
                    r"exercice|ensemble|tous|toutes)")
MEAN, MINIMUM, MAXIMUM, OTHER = "mean", "minimum", "maximum", "other"
# whole labels (as :func:`normalise` writes them) of a summary row whose numbers can be recomputed from the rows above
STATISTICS = {
    **dict.fromkeys(("moyenne", "moyennes", "moyenne generale", "moyenne globale", "moyenne arithmetique", "moy",
                     "average", "mean", "gemiddelde", "gemiddeld", "durchschnitt", "mittelwert"), MEAN),
    **dict.fromkeys(("minimum", "min", "valeur minimale", "minimum general", "minimaal"), MINIMUM),
    **dict.fromkeys(("maximum", "max", "valeur maximale", "maximum general", "maximaal"), MAXIMUM),
}
# a cheap test before any of the above: a normalised marker holds one of these words, a statistic starts with one
PREFILTER = r"(?i)tot|som|sum|gesamt|^\W*(?:moy|min|max|average|mean|gemidd|durchschn|mittelw|valeur m)"


class Marker(StrEnum):
    EXACT = "exact"
    PHRASE = "phrase"
    PIVOT = "pivot"
    PLACE = "place"  # « Total Ciney »: certain when its numbers add up, else a record (a brand's station)
    LOOSE = "loose"


def normalise(label: str) -> str:
    """Lower case, no accents, single spaces, no surrounding punctuation (« TOTAL : » -> « total »)."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = " ".join(text.split())
    return text.strip(" :.*-–—=()[]")


@cache
def _place_names() -> frozenset[str]:
    text = (resources.files("odwb_assist") / "data" / "places" / "belgian_place_names.txt").read_text(encoding="utf-8")
    return frozenset(normalise(line) for line in text.splitlines() if line.strip())


@cache
def _places_with_marker() -> tuple[str, ...]:
    return tuple(sorted(name for name in _place_names() if LOOSE.fullmatch(name) or name in EXACT))


def is_place(label: str) -> bool:
    """Whether ``label`` is (or begins or ends with) a known Belgian place name that contains a total word; not when
    what stands beside the name is a total word (« Total Somme-Leuze », a pivot table's total of that commune)."""
    text = normalise(label)
    if text in _place_names():
        return True
    for name in _places_with_marker():
        if text.startswith(name) and not text[len(name):len(name) + 1].isalnum():
            return not _total_word(text[len(name):])
        if text.endswith(name) and not text[: len(text) - len(name)][-1:].isalnum():
            return not _total_word(text[: len(text) - len(name)])
    return False


def _total_word(rest: str) -> bool:
    """Whether the words beside a place name are a total word alone (« total », « sous-total », « totaal »)."""
    return re.fullmatch(WORD, normalise(rest)) is not None


def marker(label: str, group: str | None = None) -> Marker | None:
    """How surely ``label`` says « total »; ``group`` is the column's current group label (pivot tables)."""
    text = normalise(label)
    found = _marker(text, group) if text else None
    # a place name (« Somme-Leuze ») is never a marker; the place names are read only for a label that would be one
    return None if found is None or is_place(label) else found


def _marker(text: str, group: str | None) -> Marker | None:
    """:func:`marker` of a normalised, non-empty label, place names aside."""
    if text in EXACT:
        return Marker.EXACT
    if PHRASES.match(text):
        return Marker.PHRASE
    pivot = PIVOT.fullmatch(text)
    if pivot:
        named = pivot.group("after") or pivot.group("before")
        if group and named == normalise(group):
            return Marker.PIVOT
        if WHOLES.fullmatch(named):  # « Total commune »
            return Marker.PHRASE
        if named in _place_names():  # « Total Ciney »: a total when it adds up, else a brand's station
            return Marker.PLACE
    if LOOSE.fullmatch(text):
        return Marker.LOOSE
    return None


@lru_cache(maxsize=65536)
def could_be_marker(label: str) -> bool:
    """Whether :func:`marker` may say anything but None for ``label``, whatever the group, or ``label`` is a statistic
    word: a place name (« Somme-Leuze ») or a word that merely holds « som » never can, so its rows need not be judged
    one by one."""
    text = normalise(label)
    if text in STATISTICS:
        return True
    if not text or not (text in EXACT or PHRASES.match(text) or PIVOT.fullmatch(text) or LOOSE.fullmatch(text)):
        return False
    return not is_place(label)


def looks_like_total(label: str) -> bool:
    """Whether ``label`` says « total » at all, surely or loosely (never a place name such as Somme-Leuze)."""
    return marker(label) is not None


def total_like_mask(values: pd.Series) -> pd.Series:
    """:func:`looks_like_total` over a column, judged once per distinct value after a cheap substring test."""
    candidates = values[values.str.contains(PREFILTER, regex=True, na=False)]
    verdicts = {value: looks_like_total(value) for value in candidates.unique()}
    return values.map(lambda value: verdicts.get(value, False)).astype(bool)
