"""Does a table describe people? Column labels such as first name or birth date say so."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# A label that, on its own, says the rows are natural persons (« nom » alone does not: a service,
# a street or an association has a name too).
PEOPLE_PATTERNS = (
    r"pr[eé]nom", r"first.?name", r"given.?name", r"voornaam", r"vorname",
    r"naissance", r"birth", r"geboorte", r"geburt", r"nom.?de.?famille", r"family.?name", r"surname",
    r"achternaam", r"(^|[^a-z])(sexe|genre|gender|geslacht)([^a-z]|$)", r"etat.?civil", r"nationalite",
    r"registre.?national", r"(^|[^a-z])(niss|rrn|insz)([^a-z]|$)",
)
_PEOPLE = re.compile("|".join(PEOPLE_PATTERNS))


def _plain(label: str) -> str:
    text = unicodedata.normalize("NFKD", str(label).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def people_columns(fields: Iterable[str]) -> list[str]:
    """The labels that show the table describes people (empty when none does)."""
    return [f for f in fields if _PEOPLE.search(_plain(f))]


def describes_people(fields: Iterable[str]) -> bool:
    return bool(people_columns(fields))
