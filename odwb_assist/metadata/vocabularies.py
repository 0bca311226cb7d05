"""The ONE vocabulary of ODWB metadata: themes, licences, update frequencies, languages, geographic references.

Everything that offers or checks one of these values reads it here: the inventory template's
drop-down lists and ``inventory check``, the metadata draft, score and ``document``, the
publication, and the sandbox (whose domain offers exactly these themes and licences, under ids of
its own). A value outside the vocabulary is reported where it is typed, with the closest valid
value (:func:`closest`, :func:`unknown_value`).

Sources (see the project reference notes): themes from data.gov.be's ODWB harvester mapping
(domain.md §4.1; the live list is read from the portal and can be given in ``[portal.themes]`` of
``odwb.toml``, which then replaces this list); licences and the Walloon policy « CC0 par défaut,
CC BY accepté, comply or explain » (domain.md §1.5); frequencies from the EU « frequency »
authority table (publications.europa.eu/resource/authority/frequency); languages from the
``default.language`` enum of the Opendatasoft Automation API (ods-api.md §4.1); geographic
references in the vendor's ``{country}_{admin_level}_{id}`` form (ods-api.md §4.1, e.g. ``world_be``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..core.i18n import Msg


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text used to compare labels."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_]+", " ", plain).strip()


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


# --- Themes ---------------------------------------------------------------------------------------

# ODWB theme label -> EU data theme. The labels are the values of the Opendatasoft ``theme`` field seen on
# www.odwb.be, as data.gov.be's ODWB harvester maps them (Fedict/dcattools @ 7525cf8b:
# scrapers/src/main/resources/be/gov/data/scrapers/wallonie/data-theme.ttl and sparql-fix-theme.qry, harvester
# URL https://www.odwb.be in …/wallonie/scraper.properties), restated in the shared notes (reference/domain.md
# §4.1). « Statistiques » and « Actualités » are ODWB themes the harvester drops (no EU theme). The list mixes
# older and newer labels; the live list is GET https://www.odwb.be/api/explore/v2.1/catalog/facets?facet=theme
# (reference/ods-api.md), which ``[portal.themes]`` or the portal's vocabulary cache replaces this list with.
# « Urbanisme », « Éducation », « Culture, sport et loisirs » (a 2020 CPAS news item) are NOT ODWB labels:
# they are kept as aliases (THEME_ALIASES) so that an inventory using them is mapped, never sent as they are.
ODWB_THEMES: dict[str, str] = {
    "Actualités": "",
    "Administration et Services publics": "GOVE",
    "Administration, Gouvernement, Finances publiques, Citoyenneté": "GOVE",
    "Agriculture, Environnement": "AGRI",
    "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement": "REGI",
    "Culture, Patrimoine": "EDUC",
    "Économie": "ECON",
    "Économie, Business, PME, Développement économique, Emploi": "ECON",
    "Éducation, Enseignement": "EDUC",
    "Éducation, Formation, Recherche, Enseignement": "EDUC",
    "Energie": "ENER",
    "Environnement": "ENVI",
    "Hébergement, Restauration": "ECON",
    "Loisirs": "EDUC",
    "Mobilité": "TRAN",
    "Qualité de Vie": "SOCI",
    "Santé": "HEAL",
    "Services, Social": "SOCI",
    "Smart City": "TECH",
    "Sport, Loisirs": "EDUC",
    "Statistiques": "",
    "Tourisme": "REGI",
    "Tourisme, Culture, Loisirs": "EDUC",
    "Tourisme, Culture, Sport et Loisirs": "EDUC",
    "Transports, Déplacements": "TRAN",
    "Urbanisme, Patrimoine": "GOVE",
}

# Words that suggest a theme (folded), used when the inventory gives a free-text theme or nothing.
THEME_HINTS: dict[str, tuple[str, ...]] = {
    "Mobilité": ("mobilite", "velo", "parking", "stationnement", "transport", "bus", "voirie", "trafic", "borne"),
    "Environnement": ("environnement", "dechet", "arbre", "eau", "air", "bruit", "conteneur", "collecte", "nature"),
    "Energie": ("energie", "electricite", "chauffage", "photovoltaique", "consommation"),
    "Culture, Patrimoine": ("culture", "patrimoine", "musee", "bibliotheque", "monument"),
    "Sport, Loisirs": ("sport", "loisir", "piscine", "salle", "plaine de jeux", "aire de jeux", "club", "football",
                       "tennis", "judo", "natation", "basket", "volley", "athletisme", "gymnastique", "omnisport",
                       "stade", "cyclisme", "hockey", "karate", "danse"),
    "Tourisme": ("tourisme", "hebergement", "balade", "promenade"),
    "Santé": ("sante", "defibrillateur", "dea", "pharmacie", "hopital", "medecin"),
    "Services, Social": ("social", "cpas", "aide", "creche", "senior", "logement social"),
    "Éducation, Enseignement": ("ecole", "enseignement", "education", "formation"),
    "Administration et Services publics": ("administration", "budget", "conseil", "election", "population", "service public",
                                           "subside", "subvention", "finances", "taxe", "redevance", "marches publics",
                                           "marche public", "deliberation", "mandataire", "adjudicataire", "elu",
                                           "echevin", "bourgmestre"),
    "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement": ("urbanisme", "permis", "batiment", "logement"),
    "Économie": ("economie", "commerce", "entreprise", "marche", "emploi"),
}


# Other wordings of the themes (the inventory template's list, older portal labels) -> ODWB label.
THEME_ALIASES: dict[str, str] = {
    "Administration": "Administration et Services publics",
    "Urbanisme et aménagement du territoire": "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement",
    "Urbanisme": "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement",
    "Culture, sport et loisirs": "Tourisme, Culture, Sport et Loisirs",
    "Culture": "Culture, Patrimoine",
    "Sport": "Sport, Loisirs",
    "Économie et emploi": "Économie, Business, PME, Développement économique, Emploi",
    "Emploi": "Économie, Business, PME, Développement économique, Emploi",
    "Éducation et formation": "Éducation, Formation, Recherche, Enseignement",
    "Éducation": "Éducation, Enseignement",
    "Social": "Services, Social",
    "Agriculture": "Agriculture, Environnement",
    "Transports": "Transports, Déplacements",
}


def project_themes(project: Any) -> dict[str, str] | None:
    """The portal's themes (label -> id) known to the project: ``[portal.themes]`` of odwb.toml, plus the
    labels cached by the portal client in ``.odwb/vocabulary-<host>.json``; None when nothing is known."""
    if project is None:
        return None
    themes = dict(getattr(project.portal, "themes", {}) or {})
    if getattr(project, "path", None) is not None:
        host = re.sub(r"[^A-Za-z0-9.-]+", "_", urlsplit(project.portal.url).netloc or "portal")
        cache = project.state_dir / f"vocabulary-{host}.json"
        try:
            cached = json.loads(cache.read_text(encoding="utf-8")).get("theme_id", {}) if cache.is_file() else {}
            for ident, label in dict(cached).items():
                themes.setdefault(str(label), str(ident))
        except (ValueError, OSError, AttributeError, TypeError):
            pass
    return themes or None


def theme_vocabulary(portal_themes: dict[str, str] | None = None) -> list[str]:
    """The theme labels accepted: ``[portal.themes]`` of odwb.toml when given, else ODWB's known list."""
    return sorted(portal_themes or ODWB_THEMES, key=fold)


def match_theme(label: str, vocabulary: list[str]) -> str | None:
    """The label of ``vocabulary`` equal to ``label`` (or to its alias) ignoring case, accents and spacing."""
    wanted = _compact(label)
    for candidate in vocabulary:
        if _compact(candidate) == wanted:
            return candidate
    for alias, target in THEME_ALIASES.items():
        if _compact(alias) == wanted and _compact(target) != wanted:
            return match_theme(target, vocabulary)
    return None


def suggest_themes(text: str, vocabulary: list[str]) -> list[str]:
    """Themes of ``vocabulary`` whose hint words occur in ``text`` (best first)."""
    return ranked_themes([(text, 1)], vocabulary)


def ranked_themes(parts: list[tuple[str, int]], vocabulary: list[str]) -> list[str]:
    """Themes of ``vocabulary`` whose hint words occur in the texts of ``parts`` (text, weight), best first: each
    hint word found in a part counts its weight (a title's words weigh more than a column's values)."""
    scores: dict[str, int] = {}
    for text, weight in parts:
        for label, hits in theme_hits(text, vocabulary).items():
            scores[label] = scores.get(label, 0) + hits * weight
    ordered = list(scores)  # ties keep the order the hints are listed in
    return sorted(ordered, key=lambda label: (-scores[label], ordered.index(label)))


def theme_hits(text: str, vocabulary: list[str]) -> dict[str, int]:
    """Theme label -> how many of its hint words ``text`` holds (a vocabulary label written out counts 5)."""
    folded = fold(text)
    hits: dict[str, int] = {}
    for theme, words in THEME_HINTS.items():
        found = sum(1 for w in words if _hint(w).search(folded))
        label = match_theme(theme, vocabulary)
        if found and label:
            hits[label] = hits.get(label, 0) + found
    for label in vocabulary:  # a vocabulary label written out in the text
        if fold(label) in folded and label not in hits:
            hits[label] = 5
    return hits


def _hint(word: str) -> re.Pattern[str]:
    """A hint word found at the start of a word (« arbre » in « arbres », « dechet » in « dechets »); a hint of
    three letters only as a whole word, with its plural (« eau », « eaux » but not « bureau »; « air » but not
    « horaire »; « dea » but not « deambulation »)."""
    if len(word) <= 3:
        return re.compile(rf"\b{re.escape(word)}[sx]?\b")
    return re.compile(rf"\b{re.escape(word)}")


# --- Licences -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """A licence: the label sent to the portal, its SPDX-like id, its URL and how open it is.

    ``policy`` is ``recommended`` (CC0, the Walloon default), ``accepted`` (CC BY 4.0),
    ``explain`` (open, but « comply or explain ») or ``closed`` (not open data: NC, ND).
    """

    label: str
    id: str
    url: str
    policy: str
    aliases: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.policy != "closed"


LICENCES: tuple[Licence, ...] = (
    Licence("CC0 1.0", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "recommended",
            ("cc0", "cc zero", "cczero", "cc-0", "domaine public", "public domain", "cc0-1.0", "cc0 1.0 universal",
             "creative commons zero", "cc0 1.0 universel")),
    Licence("CC BY 4.0", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "accepted",
            ("cc by", "cc-by", "ccby", "cc-by-4.0", "attribution", "cc by 4", "creative commons attribution 4.0",
             "creative commons attribution 4.0 international", "cc by 4.0 international",
             "creative commons attribution 4.0 international (cc by 4.0)")),
    Licence("CC BY-SA 4.0", "CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "explain",
            ("cc by-sa", "cc-by-sa", "ccbysa", "cc-by-sa-4.0", "creative commons attribution-sharealike 4.0",
             "creative commons attribution-sharealike 4.0 international")),
    Licence("ODbL", "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "explain",
            ("odbl", "open database license", "odbl-1.0", "open data commons open database license",
             "open data commons open database license (odbl)")),
    Licence("ODC-BY", "ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/", "explain", ("odc by", "odc-by-1.0")),
    Licence("PDDL", "PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/", "explain", ("odc-pddl", "pddl-1.0")),
    Licence("Licence Ouverte / Open Licence", "etalab-2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            "explain", ("licence ouverte", "open licence", "etalab", "lov2", "licence ouverte 2.0",
                        "licence ouverte / open licence 2.0", "etalab 2.0", "licence ouverte v2.0")),
    Licence("CC BY-NC 4.0", "CC-BY-NC-4.0", "https://creativecommons.org/licenses/by-nc/4.0/", "closed",
            ("cc by-nc", "cc-by-nc", "ccbync", "creative commons attribution-noncommercial 4.0",
             "creative commons attribution-noncommercial 4.0 international")),
    Licence("CC BY-ND 4.0", "CC-BY-ND-4.0", "https://creativecommons.org/licenses/by-nd/4.0/", "closed",
            ("cc by-nd", "cc-by-nd", "ccbynd", "creative commons attribution-noderivatives 4.0",
             "creative commons attribution-noderivatives 4.0 international")),
    Licence("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/", "closed",
            ("cc by-nc-sa", "ccbyncsa", "creative commons attribution-noncommercial-sharealike 4.0",
             "creative commons attribution-noncommercial-sharealike 4.0 international")),
    Licence("CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/", "closed",
            ("cc by-nc-nd", "ccbyncnd", "creative commons attribution-noncommercial-noderivatives 4.0",
             "creative commons attribution-noncommercial-noderivatives 4.0 international")),
)
DEFAULT_LICENCE = LICENCES[0]


def find_licence(label: str | None) -> Licence | None:
    """The known licence named by ``label`` (its label, id or a usual alias), else None."""
    if not label:
        return None
    wanted = _compact(label)
    for licence in LICENCES:
        names = (licence.label, licence.id, *licence.aliases)
        if any(_compact(n) == wanted for n in names):
            return licence
    if "nc" in re.findall(r"[a-z]+", fold(label)) or "nd" in re.findall(r"[a-z]+", fold(label)):
        return Licence(str(label), str(label), "", "closed")
    return None


# --- Update frequencies (EU authority table) ------------------------------------------------------

FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/"

# code -> (French label, English label, folded hint words)
FREQUENCIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "UPDATE_CONT": ("En continu", "Continuously updated", ("continu", "temps reel", "real time", "continuous")),
    # the hints of a more frequent rhythm first: « 2 fois par an » is no « par an », « tous les 6 mois » no « mois »
    "DAILY": ("Quotidienne", "Daily", ("quotidien", "journalier", "chaque jour", "tous les jours", "daily")),
    "WEEKLY": ("Hebdomadaire", "Weekly", ("hebdo", "chaque semaine", "toutes les semaines", "weekly")),
    "MONTHLY": ("Mensuelle", "Monthly", ("mensuel", "chaque mois", "tous les mois", "monthly")),
    "QUARTERLY": ("Trimestrielle", "Quarterly", ("trimestr", "tous les 3 mois", "tous les trois mois", "4 fois par an",
                                                 "quatre fois par an", "quarterly")),
    "BIANNUAL": ("Semestrielle", "Semi-annual", ("semestr", "tous les 6 mois", "tous les six mois", "2 fois par an",
                                                 "deux fois par an", "semi-annual", "twice a year")),
    "ANNUAL": ("Annuelle", "Annual", ("annuel", "chaque annee", "tous les ans", "annual", "yearly", "par an")),
    "BIENNIAL": ("Tous les deux ans", "Biennial", ("deux ans", "2 ans", "biennal", "biennial")),
    "IRREG": ("Irrégulière", "Irregular", ("irregul", "ponctuel", "a la demande", "irregular", "ad hoc")),
    "NEVER": ("Jamais (données figées)", "Never", ("jamais", "fige", "historique", "never")),
    "UNKNOWN": ("Inconnue", "Unknown", ("inconnu", "unknown")),
}


def find_frequency(value: str | None) -> str | None:
    """The EU frequency code of a label, code, URI or French/English wording, else None."""
    if not value:
        return None
    text = str(value).strip()
    code = text.rsplit("/", 1)[-1].upper()
    if code in FREQUENCIES:
        return code
    folded = fold(text)
    for code, (fr, en, _hints) in FREQUENCIES.items():
        if folded in (fold(fr), fold(en)):
            return code
    for code, (_fr, _en, hints) in FREQUENCIES.items():
        if any(h in folded for h in hints):
            return code
    return None


def frequency_label(code: str, lang: str = "fr") -> str:
    fr, en, _ = FREQUENCIES[code]
    return en if lang == "en" else fr


# --- Languages ------------------------------------------------------------------------------------

LANGUAGES: tuple[str, ...] = ("fr", "en", "nl", "de", "pt", "it", "ar", "es", "ca", "eu", "sv")
LANGUAGE_NAMES: dict[str, str] = {"francais": "fr", "french": "fr", "anglais": "en", "english": "en", "neerlandais": "nl",
                                  "dutch": "nl", "allemand": "de", "german": "de"}


# --- Geographic references (Opendatasoft ``default.geographic_reference``) ------------------------

# ``world``, ``world_<country>`` or ``<country>_<admin level>_<id>`` (the vendor's form, e.g. ``world_be``,
# ``ch_40_12``; ods-api.md §4.1). Belgian level numbers are UNCONFIRMED: only the form is checked.
GEOGRAPHIC_REFERENCE = re.compile(r"^(world(_[a-z]{2})?|[a-z]{2}_\d{2}_[0-9a-z]+)$")
BELGIUM = "world_be"


def find_geographic_reference(value: str | None) -> str | None:
    """The code itself when it has the portal's form (case ignored), else None."""
    code = str(value or "").strip().lower()
    return code if GEOGRAPHIC_REFERENCE.match(code) else None


# --- One entry point: is a value in the vocabulary, and what is the closest one? ------------------

# kind -> (French noun with its article, French indefinite form, English noun)
KINDS: dict[str, tuple[str, str, str]] = {
    "theme": ("le thème", "un thème", "theme"),
    "licence": ("la licence", "une licence", "licence"),
    "frequency": ("la fréquence de mise à jour", "une fréquence de mise à jour", "update frequency"),
    "language": ("la langue", "une langue", "language"),
    "geographic_reference": ("la référence géographique", "une référence géographique", "geographic reference"),
}


def choices(kind: str, portal_themes: dict[str, str] | None = None) -> list[str]:
    """The valid values of ``kind`` as a person writes them (labels; codes for languages and places)."""
    if kind == "theme":
        return theme_vocabulary(portal_themes)
    if kind == "licence":
        return [lic.label for lic in LICENCES]
    if kind == "frequency":
        return [fr for fr, _en, _hints in FREQUENCIES.values()]
    if kind == "language":
        return list(LANGUAGES)
    if kind == "geographic_reference":
        return [BELGIUM]
    raise ValueError(f"unknown vocabulary kind: {kind}")


def canonical(kind: str, value: str | None, portal_themes: dict[str, str] | None = None) -> str | None:
    """The vocabulary's own wording of ``value`` (case, accents, aliases ignored), else None."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if kind == "theme":
        return match_theme(text, theme_vocabulary(portal_themes))
    if kind == "licence":
        licence = find_licence(text)
        return licence.label if licence is not None and licence in LICENCES else None
    if kind == "frequency":
        code = find_frequency(text)
        return FREQUENCIES[code][0] if code else None
    if kind == "language":
        return text.lower() if text.lower() in LANGUAGES else LANGUAGE_NAMES.get(fold(text))
    if kind == "geographic_reference":
        return find_geographic_reference(text)
    raise ValueError(f"unknown vocabulary kind: {kind}")


def closest(kind: str, value: str, portal_themes: dict[str, str] | None = None) -> str | None:
    """The valid value nearest to ``value``: itself when valid, a theme its words suggest, else the most
    similar spelling (difflib on folded text); None when nothing is close."""
    exact = canonical(kind, value, portal_themes)
    if exact is not None:
        return exact
    valid = choices(kind, portal_themes)
    if kind == "theme":
        hinted = suggest_themes(str(value), valid)
        if hinted:
            return hinted[0]
    if kind == "licence":
        names = {fold(n): lic.label for lic in LICENCES for n in (lic.label, lic.id, *lic.aliases)}
    else:
        names = {fold(v): v for v in valid}
    folded = fold(str(value))
    match = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.7)
    if match:
        return names[match[0]]
    contained = [label for key, label in names.items() if folded and (folded in key or key in folded)]
    return contained[0] if len(contained) == 1 else None


def unknown_value(kind: str, value: str, portal_themes: dict[str, str] | None = None) -> tuple[Msg, Msg, str | None]:
    """(message, advice, proposal) for a value outside the vocabulary, in correct French and in English."""
    the_fr, a_fr, noun_en = KINDS[kind]
    proposal = closest(kind, value, portal_themes)
    valid = choices(kind, portal_themes)
    listed = " ; ".join(valid[:12]) + (" ; …" if len(valid) > 12 else "")
    message = Msg(f"« {value} » n'est pas {a_fr} de la liste d'ODWB.", f"'{value}' is not an ODWB {noun_en}.")
    if proposal:
        advice = Msg(f"Vouliez-vous dire « {proposal} » ? Sinon, choisissez {the_fr} dans la liste : {listed}",
                     f"Did you mean '{proposal}'? Otherwise choose the {noun_en} from the list: {listed}")
    else:
        advice = Msg(f"Choisissez {the_fr} dans la liste : {listed}", f"Choose the {noun_en} from the list: {listed}")
    return message, advice, proposal


# --- The sandbox's domain: the same labels under ids of its own ---------------------------------


def sandbox_id(kind: str, label: str) -> str:
    """A short, stable id like an Opendatasoft domain's (7 hex digits), derived from the label: the
    sandbox's own, never one copied from another portal."""
    return hashlib.sha256(f"odwb-assist-sandbox/{kind}/{label}".encode()).hexdigest()[:7]


def sandbox_themes() -> list[dict[str, str]]:
    """The sandbox domain's themes: ODWB's labels (:data:`ODWB_THEMES`), each with its sandbox id."""
    return [{"id": sandbox_id("theme", label), "label": label} for label in ODWB_THEMES]


def sandbox_licences() -> list[dict[str, str]]:
    """The sandbox domain's licences: :data:`LICENCES` (labels and URLs), each with its sandbox id."""
    return [{"id": sandbox_id("licence", lic.label), "label": lic.label, "url": lic.url} for lic in LICENCES]
