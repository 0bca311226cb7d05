"""Check ``names-in-answers`` (warning): a person named inside the free text of a table whose rows are people — a
survey's answers, a register's remarks: « Mon voisin (M. Lambert, rue du Centre 12) brûle ses déchets ».

The survey's own columns are read by the personal-data checks (its respondents' e-mail, their names); a third person
named in an answer escapes them, and an export whose e-mail column was deleted would pass with them. A text (five
words at least: a cell that is a name alone is a names column's, :mod:`.person_names`) names someone when it holds
a civility title before a capitalised word (« M. Lambert », « Madame Dupont »; not « Monsieur le Bourgmestre »,
an office) or a common first name before a capitalised word (« Jean Dupont »; not after a street's, a school's or a
shop's word: « rue Jean Jaurès », « école Marie Curie », « Saint-Jean Baptiste »). Only where the rows are people
(:func:`.people.rows_are_people`): a list of council decisions names its officials by law. A warning, not an error:
an answer may thank a named official, and only its reader can tell. No fix: the user rereads the answers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.contract import CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellCheck, CellRule, buffer
from .people import is_first_name, rows_are_people
from .person_names import BUSINESS_WORDS, plain

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np
    import pyarrow as pa

MESSAGE = Msg("Colonne « {field} » : {count} texte(s) libre(s) nomment une personne, dans un tableau dont les lignes "
              "sont des personnes (ex. ligne {row} : « {cell} ») : donnée personnelle.",
              "Column '{field}': {count} free text(s) name a person, in a table whose rows are people (e.g. row "
              "{row}: '{cell}'): personal data.")
TIP = Msg("Relisez ces réponses avant de publier : retirez-en les noms, adresses et numéros de personnes (ou la "
          "colonne). Une personne citée dans une réponse est protégée par le RGPD comme celle qui répond.",
          "Reread these answers before publishing: take out the names, addresses and numbers of people (or the "
          "column). A person named in an answer is protected by the GDPR as the one answering is.")

SHORTEST = 5  # words: shorter, a cell is a name (or a label), the names checks' business
_CIVILITY = re.compile(r"(?<![\w.])(?:M\.|Mr\.?|Mme\.?|Mlle\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur)"
                       r"\s+([^\W\d_][\w'’-]*)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# what follows a civility title and names an office, not a person (« Monsieur le Bourgmestre », « Madame l'Échevine »)
OFFICES = frozenset({"le", "la", "les", "l", "bourgmestre", "echevin", "echevine", "president", "presidente",
                     "directeur", "directrice", "cure", "abbe", "ministre", "gouverneur", "conseiller", "conseillere",
                     "secretaire", "depute", "deputee", "senateur", "senatrice", "maire", "juge", "commissaire",
                     "agent", "inspecteur", "inspectrice", "professeur", "docteur", "doyen", "recteur"})
# words before a first name that make it a street's, a building's or a saint's (« rue Jean Jaurès »)
NAMED_AFTER = BUSINESS_WORDS | frozenset({"saint", "sainte", "st", "ste", "ecole", "athenee", "college", "lycee",
                                          "institut", "salle", "centre", "parc", "stade", "hall", "piscine", "eglise",
                                          "chapelle", "prix", "pont", "dreve", "cite", "home", "clinique",
                                          "hopital", "bibliotheque", "academie", "complexe", "foyer"})

# words that follow a first name as an adjective, not a surname (« pierre bleue », the Walloon building stone)
NOT_SURNAMES = frozenset({"bleue", "bleu", "blanche", "blanc", "noire", "noir", "rouge", "verte", "vert", "grise",
                          "gris", "doree", "royal", "royale", "grand", "grande", "petit", "petite", "nord", "sud",
                          "est", "ouest"})


def names_someone(text: str) -> bool:
    """Whether the free text ``text`` names a person (see the module's text)."""
    if len(text.split()) < SHORTEST:
        return False
    for found in _CIVILITY.finditer(text):
        word = found.group(1)
        if word[0].isupper() and plain(word) not in OFFICES:
            return True
    words = list(_WORD.finditer(text))
    for at, match in enumerate(words[:-1]):
        first, last = match.group(), words[at + 1].group()
        if not (first[0].isupper() and last[0].isupper() and len(last) > 1):
            continue
        head = plain(first).split("-")[0]  # « Jean-Marc Dupont »; « Saint-Jean Baptiste » is a place's
        if not is_first_name(head) or head in NAMED_AFTER:
            continue
        if plain(last) in NAMED_AFTER or plain(last) in NOT_SURNAMES or is_first_name(plain(last)):
            continue
        if at and _named_after(text, words[at - 1]):
            continue
        return True
    return False


def _named_after(text: str, before: re.Match[str]) -> bool:
    """Whether the word ``before`` a first name makes it part of a place's or a thing's name: a street's, a school's
    word (« l'école Marie Curie »), or a capitalised word inside a sentence (« le Kiosque Louis Dewez »)."""
    word = plain(before.group()).split("'")[-1]
    if word in NAMED_AFTER:
        return True
    start = text[:before.start()].rstrip()
    return before.group()[0].isupper() and bool(start) and start[-1] not in ".!?:;(«\"-–"


def _texts(cells: pa.Array) -> np.ndarray:
    """The cells long enough to hold five words (twelve bytes at least), told from the Arrow offsets."""
    import numpy as np

    offsets, _ = buffer(cells)
    return np.diff(offsets) >= 12


RULE = CellRule(names_someone, _texts)


class NamesInAnswersCheck(CellCheck):
    name = "names-in-answers"
    types = ("names-in-answers",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    def start(self, context: CheckContext) -> None:
        super().start(context)
        self.people = rows_are_people(context)

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if not self.people:
            return ()
        return super().check_values(column, context)


@hookimpl
def odwb_checks(context: CheckContext) -> list[NamesInAnswersCheck]:
    return [NamesInAnswersCheck()]
