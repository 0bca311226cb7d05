"""Check ``small-counts`` (warning): counts of people of 1 to 4, crossed by street (or statistical sector, district)
and by a personal trait (nationality, age, sex, civil status, income, health…), or counting the beneficiaries of an
aid by street.

« 2 Syriens de 30 à 39 ans rue des Tilleuls », « 1 bénéficiaire du RIS place du Marché »: at that fineness a
neighbour knows who is meant, and what the table says of them is personal data (GDPR, art. 4.1: a person
identifiable « indirectly »). Statistical publications usually group the categories or mask such small
counts (« <5 », which ``masked-values`` then reads). Said, as a warning, of each column of whole numbers whose
title counts people (« Nombre », « Effectif », « Habitants », « Bénéficiaires »…) when the table has a column of
streets, statistical sectors or districts and a column of a personal trait (an age or a « genre » only beside a
count whose title names people; or the count is of beneficiaries of an aid), and at least :data:`MINIMUM` of its
cells, and a twentieth of them, are 1 to 4 (0 tells nothing of a person). Not in a table whose rows are people (a
survey's answers, a register): its numbers are each person's own, and the personal-data checks speak of it. No fix:
grouping or masking is the author's choice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..core.contract import CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .parsed_numbers import NumbersCheck
from .people import PEOPLE_ROWS, is_survey_export, label_words, people_columns
from .tally import ColumnTally

# a fine area: where a handful of people live (« secteur » alone is also an economic sector: with « statistique »)
AREA_WORDS = frozenset({"rue", "rues", "voirie", "voiries", "street", "straat", "quartier", "quartiers", "ilot",
                        "ilots", "wijk", "statsec"})
AREA_PHRASES = (("secteur", "statistique"), ("secteurs", "statistiques"), ("statistical", "sector"),
                ("statistische", "sector"))
# a personal trait a count is crossed by (trees have an age too, books a « genre »: those count only beside a count
# whose title names people, see :data:`PEOPLE_COUNT_WORDS`)
TRAIT_WORDS = frozenset({"nationalite", "nationalites", "nationaliteit", "nationality", "sexe", "gender",
                         "geslacht", "revenu", "revenus", "handicap", "sante", "maladie", "religion", "diplome",
                         "scolarite"})
TRAIT_PHRASES = (("etat", "civil"), ("pays", "de", "naissance"))
AMBIGUOUS_TRAITS = frozenset({"age", "ages", "leeftijd", "genre"})
# a count of people: its title names them, or only a count (« Nombre ») beside a personal trait
PEOPLE_COUNT_WORDS = frozenset({"habitants", "population", "personnes", "hommes", "femmes", "enfants", "eleves",
                                "menages", "residents", "inwoners", "beneficiaires", "allocataires", "demandeurs",
                                "chomeurs", "patients"})
COUNT_WORDS = PEOPLE_COUNT_WORDS | {"nombre", "nb", "nbre", "effectif", "effectifs", "aantal", "count"}
# a count of people who receive an aid: personal at street level whatever the other columns
AID_WORDS = frozenset({"beneficiaires", "allocataires", "ris", "chomeurs", "demandeurs", "patients", "refugies",
                       "handicapes", "bim", "cpas"})
NUMBERS = ("integer", "number", "any")
SMALL = (1, 4)  # the counts said small
MINIMUM = 3  # small cells in a column, at least
SHARE = 0.05  # of its filled cells

MESSAGE = Msg("Colonne « {field} » : {count} effectif(s) de 1 à 4 personnes (ex. ligne {row} : « {cell} ») par "
              "{area}{trait} : à cette finesse, un voisin sait de qui il s'agit, et ce que le tableau en dit devient une "
              "donnée personnelle (RGPD).",
              "Column '{field}': {count} count(s) of 1 to 4 people (e.g. row {row}: '{cell}') by {area}{trait}: at "
              "that fineness a neighbour knows who is meant, and what the table says of them becomes personal data "
              "(GDPR).")
TIP = Msg("Regroupez (les rues en quartiers ou en sections, les nationalités en groupes de pays, les âges en tranches "
          "plus larges) jusqu'à ce que chaque case compte au moins 5 personnes, ou remplacez les effectifs de 1 à 4 "
          "par « <5 » et dites-le dans la description du jeu de données (secret statistique).",
          "Group (streets into districts or sections, nationalities into groups of countries, ages into wider "
          "classes) until each cell counts at least 5 people, or replace the counts of 1 to 4 by '<5' and say so in "
          "the dataset's description (statistical confidentiality).")


def _has(words: list[str], single: frozenset[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    joined = " " + " ".join(words) + " "
    return bool(single.intersection(words)) or any(" " + " ".join(phrase) + " " in joined for phrase in phrases)


class SmallCountsCheck(NumbersCheck):
    name = "small-counts"
    types = ("small-counts",)

    def start(self, context: CheckContext) -> None:
        labels = [str(label) for label in context.fields]
        types = context.options.get("types", {})
        words = {label: label_words(label) for label in labels}
        self.areas = [label for label in labels if _has(words[label], AREA_WORDS, AREA_PHRASES)]
        self.traits = [label for label in labels if label not in self.areas
                       and _has(words[label], TRAIT_WORDS, TRAIT_PHRASES)]
        ambiguous = [label for label in labels if label not in self.areas and label not in self.traits
                     and AMBIGUOUS_TRAITS.intersection(words[label])]
        counts = [label for label in labels if label not in self.areas and label not in self.traits + ambiguous
                  and types.get(label, "any") in NUMBERS and COUNT_WORDS.intersection(words[label])]
        if any(PEOPLE_COUNT_WORDS.intersection(words[label]) for label in counts):
            self.traits = [label for label in labels if label in self.traits or label in ambiguous]
        aid = any(AID_WORDS.intersection(words[label]) for label in counts)
        self.counted = set(counts) if self.areas and (self.traits or aid) else set()
        # a table whose rows are people (a survey's answers, a register with « Prénom » or « Date de naissance »)
        # holds no counts by area: its numbers are each person's own (« Nombre de personnes dans votre ménage »)
        persons = [label for label in people_columns(labels) if label not in self.traits]
        if persons or is_survey_export(labels) or context.options.get(PEOPLE_ROWS):
            self.counted = set()
        self.tally = ColumnTally()
        self.filled: Counter[str] = Counter()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.counted and len(column):
            import numpy as np

            numbers = self.parsed(column)
            self.filled[column.name] += int(column.counts.sum())
            with np.errstate(invalid="ignore"):
                small = (numbers >= SMALL[0]) & (numbers <= SMALL[1]) & (numbers == np.floor(numbers))
            self.tally.add_values(column, small)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if not self.tally.counts:
            return
        for finding in self.tally.findings(self.types[0], Severity.WARNING, self._message(), TIP):
            name = str(finding.field_name)
            if finding.count >= MINIMUM and finding.count >= SHARE * self.filled[name]:
                finding.extra.update({"area": self.areas[0], "traits": list(self.traits)})
                yield finding

    def _message(self) -> Msg:
        """:data:`MESSAGE` naming the columns the counts are crossed by (« par « Rue » et par « Nationalité » »)."""
        def quoted(label: str, fr: bool) -> str:
            text = label.replace("{", "{{").replace("}", "}}")  # the tally formats the message afterwards
            return f"« {text} »" if fr else f"'{text}'"

        said = []
        for fr, template in ((True, MESSAGE.fr), (False, MESSAGE.en)):
            traits = (" et par " if fr else " and by ") + ", ".join(quoted(t, fr) for t in self.traits) \
                if self.traits else ""
            said.append(template.replace("{area}", quoted(self.areas[0], fr)).replace("{trait}", traits))
        return Msg(said[0], said[1])


@hookimpl
def odwb_checks(context: CheckContext) -> list[SmallCountsCheck]:
    return [SmallCountsCheck()]
