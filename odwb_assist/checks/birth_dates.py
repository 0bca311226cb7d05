"""Checks ``birth-dates`` (error) and ``birth-years`` (warning): a column of people's birth dates.

A table whose rows are people (a survey's respondents, an association's members, the beneficiaries of an aid) may
hold their date of birth. Published, it is personal data: with a postal code or a sex beside it, a date of birth is
often enough to tell who someone is. A full date (the day known: « 15/03/1987 », « 1987-03-15 ») is an error; a year
alone (« 1987 » under « Année de naissance ») identifies less but still narrows a small commune down: a warning. The
usual way to publish it is an age class (« 35-44 ans »), which the author chooses: no fix.

Said from the column's title (« Date de naissance », « Né(e) le », « geboortedatum », « date_of_birth », « DOB »;
not « Lieu de naissance ») and its cells (most of them dates, or years). Not for people of the past: a table with a
date of death (a street's namesakes, a list of mayors since 1830), or whose births are mostly before 1900, describes
people whom the GDPR does not protect; nor for animals or trees (a title says « Race », « Chien », « Puce »,
« Essence »: a register of dogs, of remarkable trees).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .people import label_words
from .tally import ColumnTally, value_mask
from .two_digit_years import full_year

if TYPE_CHECKING:
    pass

BIRTH_WORDS = frozenset({"naissance", "naiss", "birth", "birthdate", "birthday", "dob", "geboorte", "geboortedatum",
                         "geburt", "geburtsdatum", "datenaissance", "datedenaissance", "datnaiss", "dtnaiss"})
BIRTH_PHRASES = (("ne", "le"), ("nee", "le"), ("ne", "e", "le"), ("date", "of", "birth"), ("born", "on"))
PLACE_WORDS = frozenset({"lieu", "place", "plaats", "ort", "commune", "ville", "pays", "country", "land", "localite"})
# what makes the births an animal's or a tree's: a register of dogs, horses, trees (« Race », « Puce », « Essence »)
NOT_PEOPLE_WORDS = frozenset({"chien", "chiens", "chat", "chats", "animal", "animaux", "cheval", "chevaux", "race",
                              "puce", "tatouage", "bovin", "bovins", "arbre", "arbres", "essence", "hond", "honden",
                              "dog", "dogs", "cat", "cats", "breed", "horse", "tree", "trees", "pet"})
DEATH_WORDS = frozenset({"deces", "death", "overlijden", "overleden", "sterfdatum", "tod", "todesdatum", "mort",
                         "decede", "dod"})
# a date with its day: day first (« 15/03/1987 », « 15.03.87 ») or year first (« 1987-03-15 », a time after it allowed)
FULL_DATE = (r"[ \t]*(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
             r"(?:[T ][0-9:.]+Z?)?|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2})[ \t]*")
YEAR = r"[ \t]*(?:1[89]|20)[0-9]{2}[ \t]*"
_YEAR_IN = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")
SHARE = 0.8  # of a column's filled cells that must be dates (or years)
PAST = 1900  # births mostly before this year: people of the past

MESSAGE = Msg("Colonne « {field} » : {count} date(s) de naissance de personnes (ex. ligne {row} : « {cell} ») : une "
              "donnée personnelle ; avec un code postal ou le sexe à côté, une date de naissance suffit souvent à dire "
              "de qui il s'agit.",
              "Column '{field}': {count} date(s) of birth of people (e.g. row {row}: '{cell}'): personal data; with a "
              "postal code or a sex beside it, a date of birth is often enough to tell who someone is.")
TIP = Msg("Ne publiez pas les dates de naissance : remplacez la colonne par l'âge en classes (« 35-44 ans ») ou "
          "supprimez-la avant de publier. Le RGPD interdit de publier des données personnelles sans base légale.",
          "Do not publish dates of birth: replace the column with age classes ('35-44 years') or delete it before "
          "publishing. The GDPR forbids publishing personal data without a legal basis.")
YEARS_MESSAGE = Msg("Colonne « {field} » : {count} année(s) de naissance de personnes (ex. ligne {row} : « {cell} ») : "
                    "avec un code postal ou le sexe à côté, l'année de naissance peut suffire, dans une petite commune, à "
                    "dire de qui il s'agit.",
                    "Column '{field}': {count} year(s) of birth of people (e.g. row {row}: '{cell}'): with a postal code "
                    "or a sex beside it, the year of birth may be enough, in a small municipality, to tell who someone "
                    "is.")
YEARS_TIP = Msg("Publiez plutôt l'âge en classes (« 35-44 ans ») ; si les années restent, vérifiez qu'aucune "
                "combinaison de colonnes ne désigne une seule personne.",
                "Publish age classes ('35-44 years') instead; if the years stay, check that no combination of columns "
                "points to a single person.")


def names_birth(label: str) -> bool:
    """Whether a column's title says it holds dates or years of birth (not a place of birth)."""
    words = label_words(label)
    if not words or any(word in PLACE_WORDS for word in words) or "geburtsort" in words or "geboorteplaats" in words:
        return False
    if any(word in BIRTH_WORDS for word in words):
        return True
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(phrase) + " " in joined for phrase in BIRTH_PHRASES)


_TWO_DIGIT_YEAR = re.compile(r"[/.-]([0-9]{2})[ \t]*$")


def birth_year(text: str) -> int | None:
    """The year of a date or a year (« 15/03/1987 », « 1987-03-15 », « 15/03/87 »: two digits as Excel reads them)."""
    found = _YEAR_IN.findall(text)
    if found:
        return int(found[0]) if re.match(r"[ \t]*[0-9]{4}", text) else int(found[-1])
    short = _TWO_DIGIT_YEAR.search(text)
    return full_year(int(short.group(1))) if short else None


def names_death(label: str) -> bool:
    return any(word in DEATH_WORDS for word in label_words(label))


class BirthDatesCheck(BaseTableCheck):
    name = "birth-dates"
    types = ("birth-dates", "birth-years")
    blocking = ("birth-dates",)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        past = any(names_death(label) for label in context.fields)  # people of the past: not protected
        animals = any(word in NOT_PEOPLE_WORDS for label in context.fields for word in label_words(label))
        self.columns = set() if past or animals else {label for label in context.fields if names_birth(label)}
        self.dates, self.years = ColumnTally(), ColumnTally()
        self.filled: dict[str, int] = {}
        self.births: dict[str, list[int]] = {}  # each column's years of birth, a count per year

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name not in self.columns or not len(column):
            return ()
        import numpy as np

        dates = value_mask(column, FULL_DATE)
        years = value_mask(column, YEAR) & ~dates
        self.dates.add_values(column, dates)
        self.years.add_values(column, years)
        counts = column.counts
        self.filled[column.name] = self.filled.get(column.name, 0) + int(counts.sum())
        born = self.births.setdefault(column.name, [0, 0])  # births [before PAST, from PAST on], in cells
        for at in np.flatnonzero(dates | years).tolist():
            year = birth_year(column.texts[at])
            if year is not None:
                born[0 if year < PAST else 1] += int(counts[at])
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for tally, kind, severity, message, tip in ((self.dates, "birth-dates", Severity.ERROR, MESSAGE, TIP),
                                                    (self.years, "birth-years", Severity.WARNING, YEARS_MESSAGE,
                                                     YEARS_TIP)):
            for finding in tally.findings(kind, severity, message, tip):
                name = str(finding.field_name)
                before, after = self.births.get(name, [0, 0])
                if (finding.count or 0) < SHARE * self.filled.get(name, 0) or before > after:
                    continue  # not a column of dates of birth, or people of the past
                yield finding


@hookimpl
def odwb_checks(context: CheckContext) -> list[BirthDatesCheck]:
    return [BirthDatesCheck()]
