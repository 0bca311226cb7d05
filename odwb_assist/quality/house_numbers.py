"""House numbers: a column of an address whose values are text by nature (« 12 », « 12A », « 3 bte 2 », « 1/3 »).

Most house numbers are whole numbers, so a column of them reads as ``integer`` until « 12A » comes: typed so, the
portal would lose those values (a cell that is not an integer is left empty in an ``int`` field) and the check would
call each of them a type error, while they are right. A column is one when its label says a house number (« N° »,
« Numéro », « Num. police », « Huisnummer », « House number »…) and another column of the table is the street or
the address (« Rue », « Adresse », « Voie », « Straat »…): a « N° » of a list of files or of invoices is not.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..checks.people import label_words

# every word of a house number's label is one of these, and one of NUMBER_WORDS is among them
LABEL_WORDS = frozenset({"n", "no", "num", "numero", "nr", "nummer", "huisnummer", "housenumber", "house", "number",
                         "de", "du", "la", "maison", "police", "rue", "habitation", "voie", "adresse", "domicile"})
NUMBER_WORDS = frozenset({"n", "no", "num", "numero", "nr", "nummer", "huisnummer", "housenumber", "number"})
STREET_WORDS = frozenset({"rue", "adresse", "adresses", "voie", "voirie", "straat", "straatnaam", "street", "address",
                          "adres", "chaussee", "avenue", "route"})


def says_house_number(label: str) -> bool:
    words = label_words(label)
    return bool(words) and set(words) <= LABEL_WORDS and bool(NUMBER_WORDS & set(words))


def says_street(label: str) -> bool:
    return any(word in STREET_WORDS or word.startswith(("straat", "street")) for word in label_words(label))


def house_number_columns(labels: Iterable[str]) -> frozenset[str]:
    """The house-number columns of a table with these labels (none when no column is a street or an address)."""
    labels = [str(label) for label in labels]
    numbers = [label for label in labels if says_house_number(label)]
    if not numbers or not any(says_street(label) for label in labels if label not in numbers):
        return frozenset()
    return frozenset(numbers)
