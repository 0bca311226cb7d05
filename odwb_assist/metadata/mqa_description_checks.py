"""The MQA's findability, reusability and contextuality checks: what the metadata says about the data (keywords,
theme, spatial and temporal coverage, licence, contact, publisher, references, size, dates). The points per indicator
are in :mod:`.rules_mqa`."""

from __future__ import annotations

from datetime import date

from .enrich_file_notes import SOURCE as FILE_NOTES_SOURCE
from .examples import local
from .rule_findings import EMAIL, finding, proposed
from .score import MetadataFinding, ScoreContext
from .vocabularies import find_licence, match_theme, project_themes, theme_vocabulary, unknown_value

# --- Findability ----------------------------------------------------------------------------------


def check_keywords(ctx: ScoreContext) -> list[MetadataFinding]:
    keywords = ctx.metadata.get("default.keyword") or []
    example = local(ctx).keywords
    if not keywords:
        return [finding("keyword-missing", "default.keyword", "Aucun mot-clé.", "No keyword.",
                        "Ajoutez 3 à 8 mots-clés que vos usagers taperaient dans la recherche (keyword = [\"…\"]).",
                        "Add 3 to 8 keywords your users would search for (keyword = [\"…\"]).", example=example)]
    if not ctx.confirmed("default.keyword"):
        return [proposed(ctx, "default.keyword", "keyword-unconfirmed", "Mots-clés proposés par l'outil, pas encore "
                         "confirmés", "Keywords proposed by the tool, not confirmed yet")]
    if len(keywords) < 3:
        return [finding("keyword-few", "default.keyword", f"Seulement {len(keywords)} mot(s)-clé(s).",
                        f"Only {len(keywords)} keyword(s).", "Ajoutez au moins 3 mots-clés.", "Add at least 3 keywords.",
                        lost=15, example=example)]
    return []


def check_theme(ctx: ScoreContext) -> list[MetadataFinding]:
    themes = ctx.metadata.get("default.theme") or []
    vocabulary = theme_vocabulary(project_themes(ctx.project))
    choices = " ; ".join(vocabulary[:12]) + (" ; …" if len(vocabulary) > 12 else "")
    if not themes:
        return [finding("theme-missing", "default.theme", "Aucun thème.", "No theme.",
                        f"Choisissez un thème de la liste du portail : {choices}",
                        f"Choose a theme from the portal's list: {choices}", example="Mobilité", severity="error")]
    if not ctx.confirmed("default.theme"):
        return [proposed(ctx, "default.theme", "theme-unconfirmed", "Thème proposé par l'outil, pas encore confirmé",
                         "Theme proposed by the tool, not confirmed yet", severity="error")]
    unknown = [t for t in themes if match_theme(str(t), vocabulary) is None]
    if unknown:
        message, advice, proposal = unknown_value("theme", str(unknown[0]), project_themes(ctx.project))
        return [MetadataFinding("theme-unknown", "default.theme", message, advice, 20, "error", proposal or "Mobilité")]
    return []


def check_spatial(ctx: ScoreContext) -> list[MetadataFinding]:
    given = [k for k in ("dcat.spatial", "default.geographic_reference") if ctx.metadata.get(k)]
    if any(ctx.confirmed(k) for k in given):
        return []
    if given:
        return [proposed(ctx, given[0], "spatial-unconfirmed", "Couverture géographique proposée par l'outil, pas "
                         "encore confirmée", "Spatial coverage proposed by the tool, not confirmed yet")]
    return [finding("spatial-missing", "dcat.spatial", "La couverture géographique n'est pas indiquée.",
                    "Spatial coverage is missing.", "Indiquez le territoire couvert (commune, section, province).",
                    "Give the territory covered (municipality, province).", example=local(ctx).spatial)]


def check_temporal(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("dcat.temporal"):
        if ctx.confirmed("dcat.temporal"):
            return []
        return [proposed(ctx, "dcat.temporal", "temporal-unconfirmed", "Période couverte calculée d'après les dates "
                         "des données, pas encore confirmée", "Temporal coverage computed from the data's dates, not "
                         "confirmed yet")]
    return [finding("temporal-missing", "dcat.temporal", "La période couverte n'est pas indiquée.",
                    "Temporal coverage is missing.",
                    "Indiquez la période couverte par les données (début/fin, format AAAA-MM-JJ/AAAA-MM-JJ).",
                    "Give the period covered by the data (start/end, YYYY-MM-DD/YYYY-MM-DD).",
                    example="2019-01-01/2024-12-31")]


# --- Reusability ----------------------------------------------------------------------------------

LICENCE_EXAMPLE = "CC0 1.0"


def check_licence(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.license"):
        if ctx.confirmed("default.license"):
            return []
        if ctx.metadata.sources.get("default.license") == FILE_NOTES_SOURCE:
            return [proposed(ctx, "default.license", "license-unconfirmed", "Licence lue dans le fichier (sa notice "
                             "ou ses notes), pas encore confirmée", "Licence read in the file (its notice or notes), "
                             "not confirmed yet", severity="error")]
        return [proposed(ctx, "default.license", "license-unconfirmed", "Licence proposée par défaut (politique "
                         "wallonne), pas encore confirmée", "Licence proposed by default (Walloon policy), not "
                         "confirmed yet", severity="error")]
    return [finding("license-missing", "default.license", "Aucune licence.", "No licence.",
                    "La Wallonie recommande CC0 (domaine public) ; CC BY 4.0 est accepté.",
                    "Wallonia recommends CC0 (public domain); CC BY 4.0 is accepted.", severity="error",
                    example=LICENCE_EXAMPLE)]


def check_licence_vocabulary(ctx: ScoreContext) -> list[MetadataFinding]:
    label = ctx.metadata.get("default.license")
    if not label:
        return [finding("license-missing", "default.license", "Licence absente : elle ne peut pas être vérifiée.",
                        "No licence to check.", "Indiquez license = \"CC0 1.0\".", "Set license = \"CC0 1.0\".",
                        severity="info", example=LICENCE_EXAMPLE)]
    portal = ctx.project.portal.licenses if ctx.project is not None else {}
    licence = find_licence(str(label))
    if licence is None and str(label) not in portal:
        return [finding("license-unknown", "default.license", f"Licence « {label} » hors de la liste des licences ouvertes.",
                        f"Licence '{label}' is not in the open licence list.",
                        "Choisissez CC0 1.0 (recommandé) ou CC BY 4.0.", "Choose CC0 1.0 (recommended) or CC BY 4.0.",
                        severity="error", example=LICENCE_EXAMPLE)]
    if licence is not None and licence.policy == "closed":
        return [finding("license-not-open", "default.license", f"« {label} » n'est pas une licence ouverte (NC/ND).",
                        f"'{label}' is not an open licence (NC/ND).",
                        "Des données ouvertes doivent permettre tout usage : passez à CC0 1.0 ou CC BY 4.0.",
                        "Open data must allow any use: switch to CC0 1.0 or CC BY 4.0.", severity="error",
                        example=LICENCE_EXAMPLE)]
    if licence is not None and licence.policy == "explain":
        return [finding("license-explain", "default.license",
                        f"« {label} » est ouverte mais n'est pas la licence wallonne par défaut.",
                        f"'{label}' is open but not the Walloon default.",
                        "Politique wallonne « comply or explain » : préférez CC0 1.0, sinon justifiez ce choix "
                        "dans la description.",
                        "Walloon 'comply or explain' policy: prefer CC0 1.0, or explain the choice in the description.",
                        lost=5, example=LICENCE_EXAMPLE)]
    if not ctx.confirmed("default.license"):  # said once, by the « license » rule; no point until confirmed
        return [finding("license-pending", "default.license", "Licence de la liste, à confirmer.",
                        "Licence from the list, to be confirmed.", "Voir « Licence indiquée » ci-dessus.",
                        "See 'Licence given' above.", severity="info")]
    return []


def check_access_rights(ctx: ScoreContext) -> list[MetadataFinding]:
    return []  # ODWB states for every dataset whether it is public or restricted (odwb.toml "restricted")


def check_contact(ctx: ScoreContext) -> list[MetadataFinding]:
    email = ctx.metadata.get("dcat.contact_email")
    if email is None:
        return [finding("contact-missing", "dcat.contact_email", "Aucune adresse de contact.", "No contact address.",
                        "Ajoutez contact_email dans [administration] de odwb.toml (l'adresse d'un service).",
                        "Add contact_email to [administration] in odwb.toml (a service address).",
                        severity="error", example=local(ctx).email())]
    if not EMAIL.match(str(email).strip()):
        return [finding("contact-malformed", "dcat.contact_email", f"Adresse de contact mal formée : « {email} ».",
                        f"Malformed contact address: '{email}'.", "Corrigez l'adresse (nom@domaine.be).",
                        "Fix the address (name@domain.be).", severity="error", example=local(ctx).email())]
    return []


def check_publisher(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.publisher"):
        return []
    return [finding("publisher-missing", "default.publisher", "L'éditeur n'est pas indiqué.", "No publisher.",
                    "Indiquez name (et publisher) dans [administration] de odwb.toml.",
                    "Set name (and publisher) in [administration] of odwb.toml.", example=local(ctx).name)]


# --- Contextuality --------------------------------------------------------------------------------


def check_rights(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.references") or ctx.metadata.get("default.attributions"):
        return []
    return [finding("references-missing", "default.references", "Aucune référence (lien vers la source) ni attribution.",
                    "No reference (link to the source) nor attribution.",
                    "Ajoutez website dans [administration] ou references = \"https://…\" pour ce jeu.",
                    "Add website to [administration] or references = \"https://…\" for this dataset.",
                    example=local(ctx).website)]


def check_size(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.resource.get("bytes"):
        return []
    return [finding("size-unknown", None, "La taille du fichier est inconnue (fichier absent ou vide).",
                    "File size unknown (missing or empty file).", "Vérifiez le fichier de données.",
                    "Check the data file.")]


def check_issued(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("dcat.issued"):
        return []
    return [finding("issued-missing", "dcat.issued", "La date de première publication n'est pas indiquée.",
                    "The date of first publication is missing.",
                    "Après la première publication, notez-la (\"dcat.issued\" = \"AAAA-MM-JJ\") ; l'inventaire la garde aussi.",
                    "After the first publication, record it (\"dcat.issued\" = \"YYYY-MM-DD\"); the inventory keeps it too.",
                    severity="info", example=date.today().isoformat())]


def check_modified(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.modified"):
        return []
    return [finding("modified-missing", "default.modified", "La date de dernière modification n'est pas indiquée.",
                    "The modification date is missing.", "Indiquez modified = \"AAAA-MM-JJ\".",
                    "Set modified = \"YYYY-MM-DD\".", example=date.today().isoformat())]

