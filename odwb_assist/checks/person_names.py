"""Check ``person-names`` (warning): a column of people's names (« Jean Dupont », « DUPONT Marie »), as a survey's or
a register's export holds them: personal data, whatever the column is called.

A value reads as a person's name when it is two to four words of letters, with a common first name
(:func:`.people.is_first_name`) first and the others capitalised, or a surname in capitals first and a first
name last (any capitalised surname first, « Dupont Marie », under a label naming people by their role); particles
(« de », « van », « le »…) may come between; or a civility title then one to three
capitalised words (« M. Pierre Collard », « Mme Dubois », « Dr Lambert »). Streets, schools and halls named after
someone (« Rue Jean Jaurès », « Athénée Jean Absil ») start with another word; an association or a company name
holds a word no name holds. The column is reported when at least three fifths of its distinct values (the first
ones met, up to :data:`SAMPLE`) read so, or three tenths under a label naming people by their role (« Personne de
contact », « Responsable », « Président »: a contact column holds services too, « Secrétariat », « Accueil »; a
subsidy's « Bénéficiaire » is mostly associations, and a few people).
People named over two columns, « Nom » and « Prénom » (a staff list), are said once, when most values of the
« Prénom » column are common first names; not for a list of public offices. A warning, not an error: a council's
list of its members names them by law. No fix: the user decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .birth_dates import names_death
from .people import is_first_name, label_words

SAMPLE = 400  # distinct values per column
SHARE = 0.6
PEOPLE_SHARE = 0.3  # under a label naming people by their role (:data:`ROLES`)
MINIMUM = 2  # names
PARTICLES = frozenset({"de", "del", "della", "der", "den", "des", "di", "du", "d", "la", "le", "van", "von", "ter",
                       "ten", "vander", "vanden", "mac", "mc", "el", "al", "ben", "bin"})
# a label naming something else than people: its values are names of things
THINGS = frozenset({"association", "asbl", "club", "ecole", "etablissement", "entreprise", "societe", "rue", "lieu",
                    "salle", "commune", "service", "organisme", "institution", "batiment", "site", "projet",
                    "evenement", "activite", "titre", "produit", "espece", "variete", "race", "monument", "oeuvre",
                    "film", "livre", "spectacle", "equipe", "nomdelarue", "street", "school", "company"})
# a label naming people by their role: its values are people's names, or services where there is no one
ROLES = frozenset({"contact", "contacts", "personne", "personnes", "responsable", "responsables", "president",
                    "presidente", "secretaire", "tresorier", "tresoriere", "gestionnaire", "referent", "referente",
                    "coordinateur", "coordinatrice", "demandeur", "demandeuse", "titulaire", "proprietaire",
                    "benevole", "benevoles", "participant", "participante", "participants", "inscrit", "inscrits",
                    "prenom", "prenoms", "agent", "interlocuteur", "mandataire", "contactpersoon", "verantwoordelijke",
                    # who receives or holds something from the administration: associations, firms and people alike
                    # (a list of subsidies granted, of prizes, of tenants of social housing, of cemetery concessions)
                    "beneficiaire", "beneficiaires", "laureat", "laureate", "laureats", "laureates", "locataire",
                    "locataires", "concessionnaire", "concessionnaires", "begunstigde", "beneficiary", "recipient"})
# first words of businesses and places named after someone (« Café Victor », « Chez Martine », « Villa Louise »)
BUSINESS_WORDS = frozenset({"cafe", "chez", "friterie", "pizzeria", "restaurant", "taverne", "brasserie", "bistro",
                            "snack", "bar", "boulangerie", "boucherie", "librairie", "pharmacie", "garage", "salon",
                            "institut", "atelier", "maison", "villa", "residence", "domaine", "ferme", "chateau",
                            "hotel", "gite", "camping", "studio", "espace", "fondation", "avenue", "rue", "place",
                            "boulevard", "chemin", "clos", "square", "quai", "route", "allee", "impasse", "sentier",
                            "fleuriste", "fleurs", "coiffure", "coiffeur", "coiffeuse", "patisserie", "chocolaterie",
                            "fromagerie", "bijouterie", "optique", "opticien", "epicerie", "traiteur", "boutique",
                            "beaute", "esthetique", "onglerie", "toilettage", "cave", "glacier", "sandwicherie"})
# civility titles (« M. », « Mme », « Dr »…): what follows is a person, a first name known or not
CIVILITIES = frozenset({"m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "docteur", "me",
                        "maitre", "pr", "professeur", "dhr", "mevr", "mevrouw", "meneer"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

MESSAGE = Msg("Colonne « {field} » : des noms de personnes ({names} valeur(s) sur {seen} examinées, ex. {examples}) : "
              "donnée personnelle.",
              "Column '{field}': names of people ({names} value(s) of {seen} looked at, e.g. {examples_en}): "
              "personal data.")
# names beside a date of death (a cemetery's concessions, a list of graves): the GDPR protects the living only
# (as :mod:`.birth_dates` leaves people of the past aside), but a recent death touches the family's privacy
DECEASED = Msg("Colonne « {field} » : des noms de personnes ({names} valeur(s) sur {seen} examinées, ex. {examples}), "
               "dans un tableau qui donne une date de décès : le RGPD ne protège pas les personnes décédées, mais un "
               "décès récent touche à la vie privée des proches.",
               "Column '{field}': names of people ({names} value(s) of {seen} looked at, e.g. {examples_en}), in a "
               "table giving a date of death: the GDPR does not protect the dead, but a recent death touches the "
               "privacy of the family.")
DECEASED_TIP = Msg("Publiez ces noms si un règlement le prévoit (le registre des concessions d'un cimetière, des "
                   "sépultures d'intérêt historique) ; pour des décès récents, demandez-vous si les familles "
                   "l'accepteraient, sinon retirez la colonne.",
                   "Publish these names when a regulation provides for it (a cemetery's register of concessions, graves "
                   "of historical interest); for recent deaths, ask yourself whether the families would accept it, "
                   "otherwise remove the column.")
SPLIT_MESSAGE = Msg("Colonnes « {last} » et « {first} » : des noms et prénoms de personnes (ex. {examples}) : donnée "
                    "personnelle.",
                    "Columns '{last}' and '{first}': people's names and first names (e.g. {examples}): personal data.")
# labels of a first-name column, and of the surname column beside it (the label's words, folded: « Prénom du
# président » beside « Nom », an association's, is no pair)
FIRST_NAME_LABELS = frozenset({"prenom", "prenoms", "first name", "firstname", "voornaam", "vorname"})
SURNAME_LABELS = frozenset({"nom", "noms", "nom de famille", "naam", "achternaam", "familienaam", "last name",
                            "lastname", "surname", "family name", "nachname"})
TIP = Msg("Ne publiez le nom d'une personne que si la loi le prévoit (un mandataire public dans sa fonction) ou avec "
          "son accord : sinon, supprimez la colonne ou remplacez les noms par une fonction ou un service. Le RGPD "
          "protège un nom comme toute donnée personnelle.",
          "Publish a person's name only when the law provides for it (a public official in office) or with their "
          "consent: otherwise delete the column or replace the names by a role or a service. The GDPR protects a "
          "name as any personal data.")


def plain(word: str) -> str:
    """``word`` in lower case, without accents (« Élodie » → « elodie »)."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode("ascii").replace("’", "'")


def is_person_name(text: str, surname_first: bool = False) -> bool:
    """Whether ``text`` reads as a person's name (see the module's text); ``surname_first``: also a surname then a
    common first name, both capitalised (« Dupont Marie », as registers sort people), read so only under a label
    naming people by their role (« Demandeur », « Nom et prénom »): elsewhere « Avenue Louise » reads so too."""
    words = text.split()
    if len(words) >= 2 and plain(words[0].rstrip(".")) in CIVILITIES and words[0][0].isupper():
        return _titled(words[1:])
    if not 2 <= len(words) <= 4 or any(_WORD.fullmatch(word) is None for word in words):
        return False
    core = [w for w in words if plain(w) not in PARTICLES]
    if len(core) < 2 or any(not w[0].isupper() for w in core):
        return False
    first, last = plain(core[0]), plain(core[-1])
    if is_first_name(first):
        return True
    if not is_first_name(last) or core[-1].isupper() or len(core[0]) < 2:
        return False
    if core[0].isupper():
        return True
    # a surname then a first name: two words, particles only before the surname (« Van den Berghe Luc »), and no
    # shop's or place's word first (a permit holder « Café Victor », « Friterie Chez Martine » is a business)
    return (surname_first and len(core) == 2 and words[-2] == core[0]
            and plain(core[0]) not in BUSINESS_WORDS)


# labels naming the people a register is about (« Bénéficiaire », « Demandeur », « Élève », « Membre »): when such a
# column holds people's names, each row is one of them (a contact person's label is another thing: :data:`ROLES`)
SUBJECTS = frozenset({"beneficiaire", "beneficiaires", "demandeur", "demandeuse", "demandeurs", "requerant",
                      "requerante", "titulaire", "titulaires", "locataire", "locataires", "patient", "patiente",
                      "patients", "eleve", "eleves", "etudiant", "etudiante", "etudiants", "enfant", "enfants",
                      "habitant", "habitante", "habitants", "citoyen", "citoyenne", "citoyens", "inscrit", "inscrite",
                      "inscrits", "participant", "participante", "participants", "membre", "membres", "usager",
                      "usagers", "allocataire", "allocataires", "resident", "residente", "residents", "stagiaire",
                      "stagiaires", "adherent", "adherente", "adherents", "affilie", "affiliee", "affilies",
                      "identite", "begunstigde", "aanvrager", "leerling", "deelnemer", "lid", "leden", "bewoner",
                      "huurder", "beneficiary", "applicant", "pupil", "member", "tenant"})
# words of a label about public offices (« Membre du conseil communal », « Groupe politique »): a council's list of its
# members is published by law, their offices' contacts are said by the checks of public offices
PUBLIC_OFFICES = frozenset({"conseil", "conseiller", "conseillere", "conseillers", "conseilleres", "elu", "elue", "elus",
                            "elues", "mandataire", "mandataires", "mandat", "parti", "politique", "bourgmestre",
                            "echevin", "echevine", "echevins", "college", "fonction", "candidat", "candidate",
                            "candidats"})
# words of a contact's label (« Personne de contact du bénéficiaire », « Responsable du membre »): not the subject
CONTACT_ROLES = frozenset({"contact", "contacts", "responsable", "responsables", "referent", "referente",
                           "interlocuteur", "gestionnaire", "coordinateur", "coordinatrice", "president", "presidente",
                           "secretaire", "tresorier", "tresoriere", "tuteur", "tutrice", "parent",
                           "parents", "contactpersoon", "verantwoordelijke"})


def register_subjects(labels: list[str], samples: list[list[str]]) -> list[str]:
    """The columns whose label names the people a register is about (:data:`SUBJECTS`) and whose first values
    (``samples``, one list per column) are people's names, three tenths of them at least (a register of grants lists
    associations too): each row of the table is then a person, whatever else its labels say. Empty when a label names
    an organisation (« Association », « Club », « Entreprise »: the rows are organisations, the names their contacts)
    or a public office (« Membre du conseil communal », « Fonction »: published by law, said by the offices' rules)."""
    from .people import ORGANISATION_LABEL_WORDS

    words_of_table = {word for label in labels for word in label_words(label)}
    if words_of_table & (ORGANISATION_LABEL_WORDS | PUBLIC_OFFICES):
        return []
    found = []
    for label, values in zip(labels, samples, strict=False):
        words = label_words(label)
        if not any(word in SUBJECTS for word in words) or any(word in CONTACT_ROLES for word in words):
            continue
        distinct = list(dict.fromkeys(value.strip() for value in values[:SAMPLE] if value.strip()))
        names = sum(is_person_name(value, surname_first=True) for value in distinct)
        if names >= MINIMUM and names >= PEOPLE_SHARE * len(distinct):
            found.append(label)
    return found


def _titled(words: list[str]) -> bool:
    """Whether the words after a civility title are one to three capitalised words of letters (particles between)."""
    if len(words) > 4 or any(_WORD.fullmatch(word) is None for word in words):
        return False
    core = [w for w in words if plain(w) not in PARTICLES]
    return 1 <= len(core) <= 3 and all(w[0].isupper() for w in core)


def names_people_by_role(label: str) -> bool:
    """Whether a column label names people by their role (« Personne de contact », « Responsable », « Président »):
    its values are people's names, or services where there is no one."""
    return any(w in ROLES for w in label_words(label))


def _about_things(label: str) -> bool:
    words = label_words(label)
    return any(w in THINGS for w in words) or "".join(words) in THINGS


class PersonNamesCheck(BaseTableCheck):
    name = "person-names"
    types = ("person-names",)

    def start(self, context: CheckContext) -> None:
        self.seen: dict[str, list[str]] = {}
        self.numbers: dict[str, int] = {}
        self.skipped = {label for label in context.fields if _about_things(label)}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        name = column.name
        if name in self.skipped or not len(column):
            return ()
        kept = self.seen.setdefault(name, [])
        need = SAMPLE - len(kept)
        if need > 0:
            self.numbers[name] = column.number
            texts = column.texts if len(column) <= need else column.values.iloc[:need].tolist()
            known = set(kept)
            kept.extend(text for text in texts[:need] if text not in known)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        said: set[str] = set()
        deceased = any(names_death(str(label)) for label in context.fields)  # a register of graves, of the dead
        message, tip = (DECEASED, DECEASED_TIP) if deceased else (MESSAGE, TIP)
        for name, values in self.seen.items():
            values = [value.strip() for value in values if value.strip()]
            if not values:
                continue
            people = names_people_by_role(name)
            names = [value for value in values if is_person_name(value, surname_first=people)]
            share = PEOPLE_SHARE if people else SHARE
            if len(names) < MINIMUM or len(names) < share * len(values):
                continue
            shown = names[:3]
            yield Finding("person-names", Severity.WARNING,
                          Msg(message.fr.format(field=name, names=len(names), seen=len(values),
                                                examples=", ".join(f"« {n} »" for n in shown)),
                              message.en.format(field=name, names=len(names), seen=len(values),
                                                examples_en=", ".join(f"'{n}'" for n in shown))),
                          tip, row_number=context.header_row, field_name=name, field_number=self.numbers.get(name),
                          extra={"examples": shown, "names": len(names), "seen": len(values), "deceased": deceased})
            said.add(name)
        yield from self._split_names(context, said)

    def _split_names(self, context: CheckContext, said: set[str]) -> Iterable[Finding]:
        """People named over two columns, « Nom » and « Prénom » (a staff list, a register), said once: most values of
        the first-name column are common first names and those of the other are words of letters. Not for a list of
        public offices (« Bourgmestre », « Échevine… » in its « Fonction » column: published by law)."""
        first = next((name for name in self.seen if " ".join(label_words(name)) in FIRST_NAME_LABELS), None)
        last = next((name for name in self.seen if " ".join(label_words(name)) in SURNAME_LABELS), None)
        if first is None or last is None or said & {first, last} or self._public_offices(context):
            return
        firsts = [value.strip() for value in self.seen[first] if value.strip()]
        lasts = [value.strip() for value in self.seen[last] if value.strip()]
        known = [value for value in firsts if value.split() and is_first_name(plain(value.split()[0].split("-")[0]))]
        worded = [value for value in lasts if 1 <= len(value.split()) <= 4
                  and all(_WORD.fullmatch(word) for word in value.split())]
        if len(known) < MINIMUM or len(known) < SHARE * len(firsts) or len(worded) < SHARE * len(lasts):
            return
        shown = [*worded[:3], *known[:3]]  # each column's own values (the samples are distinct values, not rows)
        fr = f"{', '.join(f'« {n} »' for n in worded[:3])} ; {', '.join(f'« {n} »' for n in known[:3])}"
        en = f"{', '.join(repr(n) for n in worded[:3])}; {', '.join(repr(n) for n in known[:3])}"
        yield Finding("person-names", Severity.WARNING,
                      Msg(SPLIT_MESSAGE.fr.format(last=last, first=first, examples=fr),
                          SPLIT_MESSAGE.en.format(last=last, first=first, examples=en)),
                      TIP, row_number=context.header_row, field_name=last, field_number=self.numbers.get(last),
                      extra={"examples": shown, "columns": [last, first], "names": len(known), "seen": len(firsts)})

    def _public_offices(self, context: CheckContext) -> bool:
        """Whether most rows sampled name a public office in a function column (a council's, a college's list)."""
        from .public_offices import function_columns, names_public_office

        for column in function_columns(list(context.fields)):
            values = [value.strip() for value in self.seen.get(column, []) if value.strip()]
            if values and sum(map(names_public_office, values)) >= 0.5 * len(values):
                return True
        return False


@hookimpl
def odwb_checks(context: CheckContext) -> list[PersonNamesCheck]:
    return [PersonNamesCheck()]
