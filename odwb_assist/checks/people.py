"""Evidence that data is about people: column labels (first name, birth date…) and common first names.

Labels are matched word by word (``rrn`` is a word of « numero_rrn », not of « street_number_rrn »):
a label is cut into words at every non-letter and at camelCase boundaries, accents dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.contract import CheckContext

# A word that, on its own, says the rows are natural persons (« nom » alone does not: a service, a
# street or an association has a name too).
PEOPLE_WORDS = frozenset({
    "prenom", "prenoms", "firstname", "givenname", "voornaam", "voornamen", "vorname", "vornamen",
    "naissance", "naiss", "birth", "birthdate", "birthday", "dob", "geboorte", "geboortedatum", "geburt",
    "geburtsdatum", "geburtsort", "geboorteplaats", "datenaissance", "datedenaissance", "lieunaissance",
    "surname", "lastname", "familyname", "nomdefamille", "achternaam", "familienaam", "familienname", "nachname",
    "sexe", "gender", "geslacht", "geschlecht", "nationalite", "nationality", "nationaliteit", "nationalitat",
    "rijksregisternummer", "insz", "niss",
})
# Phrases of several words with the same meaning.
PEOPLE_PHRASES = (
    ("nom", "de", "famille"), ("first", "name"), ("given", "name"), ("last", "name"), ("family", "name"),
    ("date", "of", "birth"), ("etat", "civil"), ("registre", "national"), ("numero", "national"),
)
# Short or ambiguous words that count only when every other word of the label is one of GENERIC:
# « rrn », « n° RRN du demandeur » describe people; « street_number_rrn » (a street code) does not.
AMBIGUOUS = frozenset({"rrn", "nn", "genre"})
GENERIC = frozenset({
    "n", "no", "num", "numero", "nr", "nummer", "number", "code", "id", "du", "de", "la", "le", "des", "d", "l",
    "of", "the", "van", "registre", "national", "nationale", "personne", "personnes", "demandeur", "beneficiaire",
    "titulaire", "habitant", "citoyen", "patient", "eleve", "enfant", "membre", "participant", "agent", "h", "f",
    "m", "x",
})


def label_words(label: str) -> list[str]:
    """The words of a column label: camelCase split, lower-case, accent-free, letters only."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(label))
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return [w for w in re.split(r"[^a-z]+", text) if w]


def _says_people(words: list[str]) -> bool:
    if any(w in PEOPLE_WORDS for w in words):
        return True
    joined = " " + " ".join(words) + " "
    if any(" " + " ".join(phrase) + " " in joined for phrase in PEOPLE_PHRASES):
        return True
    ambiguous = [w for w in words if w in AMBIGUOUS]
    return bool(ambiguous) and all(w in AMBIGUOUS or w in GENERIC for w in words)


# A survey tool's export (Google Forms, Microsoft Forms, LimeSurvey…): one row per respondent, with the time of the
# answer in one of its first columns and, often, the respondent's address. Its rows are people: their answers.
SURVEY_TIMES = frozenset({
    "horodateur", "horodatage", "timestamp", "tijdstempel", "zeitstempel", "heure de debut", "heure de fin",
    "start time", "completion time", "begintijd", "eindtijd", "date de soumission", "date soumission",
    "date submitted", "submitted at", "submission date", "date d envoi", "date de reponse", "date de la reponse",
})
# the label of a respondent's address: a word for e-mail, and only such words around it (« Votre adresse e-mail
# (facultatif) », « Email Address », « Adresse de messagerie »)
MAIL_WORDS = frozenset({"mail", "email", "courriel", "messagerie", "emailadres", "mailadres"})
CONTACT_WORDS = MAIL_WORDS | frozenset({
    "e", "adresse", "address", "adres", "votre", "vos", "your", "uw", "de", "du", "la", "le", "facultatif", "facultative",
    "optionnel", "optionnelle", "obligatoire", "optional", "required", "contact", "personnelle", "personal",
})
_SURVEY_FIRST = 2  # the time of the answer is the first column, or the second after an answer number


def is_survey_export(fields: Iterable[str]) -> bool:
    """Whether a table is a survey tool's export, each row one person's answers: the time of the answer
    (« Horodateur », « Heure de début »…) in one of its first columns, and a question among its labels (« …? »), the
    respondent's address right after that time (Google Forms) or the start and end times of Microsoft Forms."""
    labels = [str(field) for field in fields]
    phrases = [" ".join(label_words(label)) for label in labels]
    times = [at for at, phrase in enumerate(phrases[:_SURVEY_FIRST]) if phrase in SURVEY_TIMES]
    if not times:
        return False
    # Google Forms, collecting its respondents' addresses, puts « Adresse e-mail » right after « Horodateur »
    # (« Email Address » after « Timestamp »), whatever its questions look like (« Votre commune », « Note (1-5) »)
    after = phrases[times[0] + 1] if times[0] + 1 < len(phrases) else ""
    questions = sum(label.strip().endswith("?") for label in labels)
    return bool(questions) or _respondent_contact(after.split()) or {"heure de debut", "heure de fin"} <= set(phrases) \
        or {"start time", "completion time"} <= set(phrases)


def survey_contacts(fields: Iterable[str]) -> list[str]:
    """The respondent's e-mail columns of a survey export (empty when the table is not one: :func:`is_survey_export`)."""
    labels = [str(field) for field in fields]
    if not is_survey_export(labels):
        return []
    return [label for label in labels if _respondent_contact(" ".join(label_words(label)).split())]


def _respondent_contact(words: list[str]) -> bool:
    return bool(MAIL_WORDS & set(words)) and set(words) <= CONTACT_WORDS


def people_columns(fields: Iterable[str]) -> list[str]:
    """The labels that show the table describes people (empty when none does): a first name, a birth date…, or the
    respondent's address of a survey export (:func:`survey_contacts`)."""
    labels = [str(field) for field in fields]
    return [f for f in labels if _says_people(label_words(f))] + [f for f in survey_contacts(labels)
                                                                   if not _says_people(label_words(f))]


# words of a label that make a survey's rows organisations: associations answering a commune's form (« Nom de
# l'association », « Votre club »), not people answering for themselves
ORGANISATION_LABEL_WORDS = frozenset({"association", "associations", "asbl", "vzw", "club", "organisme", "organisation",
                                      "entreprise", "societe", "commerce", "commercant", "etablissement", "ecole",
                                      "comite", "federation", "cercle", "institution", "firme", "bedrijf", "vereniging",
                                      "company", "organization", "organisatie"})


# ``CheckContext.options`` key: the columns whose first values are the names of the people a register's rows are
# about (« DUPONT Marie » under « Bénéficiaire »), found by the engine before the first chunk
# (:func:`.person_names.register_subjects`)
PEOPLE_ROWS = "people_rows"


def rows_are_people(context: CheckContext) -> bool:
    """Whether a checked table's rows are people: its labels say so (:func:`describes_people`), or a column names the
    people a register is about (``context.options[PEOPLE_ROWS]``: a list of beneficiaries, of pupils, of members
    whose labels hold no first name or birth date)."""
    return describes_people(context.fields) or bool(context.options.get(PEOPLE_ROWS))


def describes_people(fields: Iterable[str]) -> bool:
    """Whether a table's rows are people: a label says so (:func:`people_columns`), or the table is a survey tool's
    export (:func:`is_survey_export`: each row one person's answers, with or without their address) whose labels do
    not ask for an organisation (« Nom de l'association »: then each row is an association's answers). Kept per list
    of labels: a field kind asks it again for every chunk."""
    return _describes_people(tuple(str(field) for field in fields))


@lru_cache(maxsize=64)
def _describes_people(labels: tuple[str, ...]) -> bool:
    if people_columns(labels):
        return True
    return is_survey_export(labels) and not any(word in ORGANISATION_LABEL_WORDS
                                                for label in labels for word in label_words(label))


@cache
def first_names() -> frozenset[str]:
    """Common Belgian and French first names (``data/first_names.txt``, provenance in its header)."""
    text = resources.files("odwb_assist").joinpath("data", "first_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_first_name(word: str) -> bool:
    """True for a common first name, compound ones included (« jean-pierre », « marie-helene »)."""
    if len(word) < 2:
        return False
    names = first_names()
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p in names for p in parts)
