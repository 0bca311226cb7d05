"""The inventory of an administration's data (« cartographie des données »): columns, codes, entries.

One inventory row describes one dataset the administration holds, whether or not it is opened yet.
The columns follow the French catalogue schema (``schema-catalogue-donnees``) where it fits, plus
what the « Ouvrir ma ville » programme needs to choose what to open: value for re-users and
effort (1–5), personal data, legal constraints, the EU high-value category and the status in the
funnel identified → published.

:data:`COLUMNS` is the single description of the columns; the Table Schema
(:func:`table_schema`), the workbook template, the reader and the checks are all built from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from ..core.findings import Finding
from ..core.i18n import Msg
from ..metadata import vocabularies

# Themes, update frequencies and licences come from the project's one vocabulary (metadata/vocabularies.py):
# the drop-down lists offer exactly what the metadata score and the portal accept.
THEMES: tuple[str, ...] = tuple(vocabularies.theme_vocabulary())
PERSONAL_DATA: tuple[str, ...] = ("non", "partiellement", "oui")
STATUSES: tuple[str, ...] = ("identifié", "collecté", "nettoyé", "documenté", "publié")
FREQUENCIES: tuple[str, ...] = tuple(vocabularies.choices("frequency"))
FORMATS: tuple[str, ...] = (
    "CSV", "Excel", "ODS", "JSON", "GeoJSON", "Shapefile", "XML", "PDF", "Word", "Base de données",
    "Logiciel métier", "Papier", "Autre",
)
NOT_YET_CHOSEN: tuple[str, ...] = ("Autre", "À déterminer")  # planning states of the inventory, not licences
LICENCES: tuple[str, ...] = (*vocabularies.choices("licence"), *NOT_YET_CHOSEN)
HVD_CATEGORIES: tuple[str, ...] = (
    "Géospatiales", "Observation de la Terre et environnement", "Météorologiques", "Statistiques",
    "Entreprises et propriété d'entreprises", "Mobilité",
)
SCORES: tuple[str, ...] = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class Column:
    """One inventory column: the attribute, its French header, its help, its type and its codes."""

    key: str
    label: str
    label_en: str
    help: Msg
    type: str = "string"  # Table Schema type
    codes: tuple[str, ...] = ()
    required: bool = False
    width: int = 18


COLUMNS: tuple[Column, ...] = (
    Column("identifier", "Identifiant", "Identifier", Msg(
        "Code court et unique de la ligne, sans espace (ex. INV-001).",
        "Short unique code of the row, no spaces (e.g. INV-001)."), required=True, width=12),
    Column("title", "Titre", "Title", Msg(
        "Nom clair du jeu de données, compréhensible par un citoyen (ex. Parkings vélos).",
        "Clear name of the dataset a citizen understands (e.g. Bicycle parkings)."), required=True, width=30),
    Column("description", "Description", "Description", Msg(
        "Ce que contient le jeu de données, en une ou deux phrases.",
        "What the dataset contains, in one or two sentences."), width=40),
    Column("service", "Service producteur", "Producing service", Msg(
        "Service de l'administration qui produit ou tient les données.",
        "Department of the administration that produces or keeps the data."), width=22),
    Column("contact", "Contact", "Contact", Msg(
        "Personne ou adresse e-mail de service à qui poser les questions.",
        "Person or service e-mail address to ask questions."), width=24),
    Column("source_system", "Système source", "Source system", Msg(
        "Logiciel métier ou outil où vivent les données (ex. tableur, logiciel de gestion, SIG).",
        "Business software or tool that holds the data (e.g. spreadsheet, management software, GIS)."), width=22),
    Column("format", "Format actuel", "Current format", Msg(
        "Forme sous laquelle les données existent aujourd'hui (liste déroulante).",
        "Form in which the data exists today (drop-down list)."), codes=FORMATS, width=16),
    Column("update_frequency", "Fréquence de mise à jour", "Update frequency", Msg(
        "À quel rythme les données changent (liste déroulante).",
        "How often the data changes (drop-down list)."), codes=FREQUENCIES, width=18),
    Column("volume", "Volume", "Volume", Msg(
        "Ordre de grandeur : nombre de lignes, de fichiers ou taille (ex. 250 lignes).",
        "Order of magnitude: rows, files or size (e.g. 250 rows)."), width=16),
    Column("coverage", "Couverture géographique", "Geographic coverage", Msg(
        "Territoire couvert (ex. commune entière, centre-ville, province).",
        "Territory covered (e.g. whole commune, town centre, province)."), width=20),
    Column("theme", "Thème ODWB", "ODWB theme", Msg(
        "Thème du portail ODWB sous lequel le jeu sera classé (liste déroulante).",
        "ODWB portal theme the dataset belongs to (drop-down list)."), codes=THEMES, width=24),
    Column("personal_data", "Données personnelles", "Personal data", Msg(
        "Le jeu contient-il des données sur des personnes identifiables ? oui, non ou partiellement.",
        "Does the dataset hold data about identifiable people? oui, non or partiellement."),
        codes=PERSONAL_DATA, width=14),
    Column("legal_constraints", "Contraintes légales", "Legal constraints", Msg(
        "Secret, droit d'auteur, RGPD, convention avec un tiers… Laissez vide s'il n'y en a pas.",
        "Secrecy, copyright, GDPR, agreement with a third party… Leave empty when there is none."), width=24),
    Column("licence", "Licence envisagée", "Intended licence", Msg(
        "Licence de publication prévue ; CC0 1.0 par défaut en Wallonie, CC BY 4.0 sinon.",
        "Intended licence; CC0 1.0 by default in Wallonia, else CC BY 4.0."), codes=LICENCES, width=14),
    Column("value", "Valeur (1-5)", "Value (1-5)", Msg(
        "Intérêt pour les réutilisateurs : 1 = faible, 5 = très fort.",
        "Interest for re-users: 1 = low, 5 = very high."), type="integer", codes=SCORES, width=10),
    Column("effort", "Effort (1-5)", "Effort (1-5)", Msg(
        "Travail pour ouvrir les données : 1 = très facile, 5 = très lourd.",
        "Work needed to open the data: 1 = very easy, 5 = very heavy."), type="integer", codes=SCORES, width=10),
    Column("hvd_category", "Catégorie haute valeur (UE)", "EU high-value category", Msg(
        "Catégorie de données de forte valeur de la directive européenne 2019/1024, s'il y en a une.",
        "High-value dataset category of EU directive 2019/1024, if any."), codes=HVD_CATEGORIES, width=22),
    Column("status", "Statut", "Status", Msg(
        "Où en est le jeu : identifié, collecté, nettoyé, documenté, publié.",
        "Where the dataset stands: identifié, collecté, nettoyé, documenté, publié."), codes=STATUSES, width=12),
    Column("dataset_id", "Identifiant ODWB", "ODWB dataset id", Msg(
        "Identifiant technique du jeu sur le portail ODWB, une fois publié (ex. ciney-parkings-velos).",
        "Technical id of the dataset on the ODWB portal, once published (e.g. ciney-parkings-velos)."), width=22),
    Column("published_on", "Date de publication", "Publication date", Msg(
        "Date de publication sur ODWB, au format AAAA-MM-JJ ou JJ/MM/AAAA.",
        "Publication date on ODWB, as YYYY-MM-DD or DD/MM/YYYY."), type="date", width=14),
    Column("remarks", "Remarques", "Remarks", Msg("Tout ce qui est utile à savoir.", "Anything worth knowing."), width=30),
)
COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
EXAMPLE_IDENTIFIER = "EXEMPLE"
EXAMPLE_ROW: dict[str, str] = {
    "identifier": EXAMPLE_IDENTIFIER, "title": "Parkings vélos", "description": "Emplacements des parkings vélos "
    "publics avec leur nombre de places.", "service": "Service mobilité", "contact": "mobilite@commune.be",
    "source_system": "Tableur", "format": "Excel", "update_frequency": "Annuelle", "volume": "120 lignes",
    "coverage": "Commune entière", "theme": "Mobilité", "personal_data": "non", "legal_constraints": "",
    "licence": "CC0 1.0", "value": "4", "effort": "2", "hvd_category": "Mobilité", "status": "identifié",
    "dataset_id": "", "published_on": "", "remarks": "Ligne d'exemple : elle est ignorée à la lecture.",
}


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text, to compare headers and coded values."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[\s_\-]+", " ", plain).strip()


def header_aliases() -> dict[str, str]:
    """Folded header text -> column key: the French label, the English label and the attribute name."""
    aliases: dict[str, str] = {}
    for col in COLUMNS:
        for name in (col.label, col.label_en, col.key, col.label.split(" (")[0], col.label_en.split(" (")[0]):
            aliases[fold(name)] = col.key
    aliases.update({fold("Valeur"): "value", fold("Effort"): "effort", fold("Thème"): "theme",
                    fold("Licence"): "licence", fold("Format"): "format", fold("Service"): "service"})
    return aliases


VOCABULARY_KINDS = {"theme": "theme", "update_frequency": "frequency", "licence": "licence"}


def canonical_code(column: Column, value: str) -> str | None:
    """The code of the list matching ``value`` (case and accents ignored; for themes, frequencies and licences
    also the vocabulary's other wordings, e.g. « temps réel » → « En continu »), or None when none matches."""
    folded = fold(value)
    for code in column.codes:
        if fold(code) == folded:
            return code
    kind = VOCABULARY_KINDS.get(column.key)
    if kind == "theme":
        return vocabularies.match_theme(value, list(column.codes))
    if kind is not None:
        found = vocabularies.canonical(kind, value)
        return found if found in column.codes else None
    return None


@dataclass
class InventoryEntry:
    """One dataset of the inventory. Every attribute is text ('' when empty) except ``value`` and
    ``effort`` (1–5 or None); ``row_number`` is the spreadsheet row it was read from."""

    identifier: str = ""
    title: str = ""
    description: str = ""
    service: str = ""
    contact: str = ""
    source_system: str = ""
    format: str = ""
    update_frequency: str = ""
    volume: str = ""
    coverage: str = ""
    theme: str = ""
    personal_data: str = ""
    legal_constraints: str = ""
    licence: str = ""
    value: int | None = None
    effort: int | None = None
    hvd_category: str = ""
    status: str = ""
    dataset_id: str = ""
    published_on: str = ""
    remarks: str = ""
    row_number: int | None = field(default=None, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def cells(self) -> dict[str, str]:
        """The entry as column key -> text, in column order (for writing a workbook or CSV)."""
        out: dict[str, str] = {}
        for col in COLUMNS:
            value = getattr(self, col.key)
            out[col.key] = "" if value is None else str(value)
        return out

    def is_empty(self, key: str) -> bool:
        value = getattr(self, key)
        return value is None or str(value).strip() == ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        if self.extra:
            data["extra"] = self.extra
        return data


@dataclass
class Inventory:
    """An inventory read from a workbook or CSV: its entries and the problems found in it."""

    entries: list[InventoryEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    path: str | None = None

    def find(self, identifier_or_dataset_id: str) -> InventoryEntry | None:
        """The entry with this inventory identifier or this portal dataset id (case ignored)."""
        wanted = identifier_or_dataset_id.strip().lower()
        for entry in self.entries:
            if entry.identifier.lower() == wanted or (entry.dataset_id and entry.dataset_id.lower() == wanted):
                return entry
        return None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity.value == "error"]

    def __repr__(self) -> str:
        return f"<Inventory {self.path or ''} : {len(self.entries)} ligne(s), {len(self.errors)} erreur(s)>"

    def to_frame(self) -> Any:
        """The entries as a pandas DataFrame, one row per line; ``published_on`` as dates (``NaT`` when empty)."""
        import pandas as pd

        frame = pd.DataFrame([e.cells() for e in self.entries], columns=[c.key for c in COLUMNS])
        frame["published_on"] = pd.to_datetime(frame["published_on"].replace("", None), errors="coerce")
        for key in ("value", "effort"):
            frame[key] = pd.to_numeric(frame[key].replace("", None), errors="coerce").astype("Int64")
        return frame

    @property
    def valid(self) -> bool:
        return not self.errors


def table_schema(labels: dict[str, str] | None = None, *, constraints: bool = True) -> dict[str, Any]:
    """The Table Schema of the inventory.

    ``labels`` maps column keys to the headers actually found in a file (so that the schema matches
    a CSV written with English headers); columns not in ``labels`` are left out when it is given.
    ``constraints=False`` leaves out the lists of codes and the ranges (the inventory checks report
    those with better advice than generic constraint errors).
    """
    schema_fields = []
    for col in COLUMNS:
        if labels is not None and col.key not in labels:
            continue
        spec: dict[str, Any] = {
            "name": labels[col.key] if labels is not None else col.label,
            "title": col.label, "description": col.help.fr, "type": "string" if col.type == "date" else col.type,
        }
        spec["odwb:key"] = col.key
        if constraints:
            cons: dict[str, Any] = {}
            if col.required:
                cons["required"] = True
            if col.type == "integer":
                cons.update(minimum=1, maximum=5)
            elif col.codes:
                cons["enum"] = list(col.codes)
            if col.key == "identifier":
                cons["unique"] = True
            if col.type == "date":
                spec["type"] = "date"
            if cons:
                spec["constraints"] = cons
        schema_fields.append(spec)
    return {"fields": schema_fields, "missingValues": [""]}
