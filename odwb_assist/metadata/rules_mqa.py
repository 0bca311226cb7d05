"""Built-in plugin: the rules derived from data.europa.eu's MQA, mapped to the portal's fields.

Points per indicator are the MQA's; indicators that can only be measured after publication
(URLs answering) are replaced by what predicts them before publication (see docs/metadata-score.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime

from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .confirmation import toml_line
from .examples import local
from .score import MetadataFinding, MetadataRule, ScoreContext
from .vocabularies import (
    BELGIUM,
    LANGUAGES,
    find_frequency,
    find_geographic_reference,
    find_licence,
    match_theme,
    project_themes,
    theme_vocabulary,
    unknown_value,
)

EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}$", re.I)
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "xls": "application/vnd.ms-excel", "ods": "application/vnd.oasis.opendocument.spreadsheet",
           "json": "application/json", "geojson": "application/geo+json", "xml": "application/xml"}


def finding(code: str, field: str | None, fr: str, en: str, advice_fr: str, advice_en: str, *,
            lost: int | None = None, severity: str = "warning", example: str | None = None) -> MetadataFinding:
    return MetadataFinding(code, field, Msg(fr, en), Msg(advice_fr, advice_en), lost, severity, example)


def proposed(ctx: ScoreContext, key: str, code: str, what_fr: str, what_en: str, *,
             severity: str = "warning") -> MetadataFinding:
    """A value the tool proposed and nobody confirmed: it earns no point until written in odwb.toml.

    ``what_fr`` says what was proposed, agreed in gender (« Thème proposé par l'outil, pas encore confirmé »).
    """
    value = ctx.metadata.get(key)
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    line = toml_line(key, value)
    return finding(code, key, f"{what_fr} : « {shown} ».", f"{what_en}: '{shown}'.",
                   f"Si la proposition convient, confirmez-la en l'écrivant dans [datasets.metadata] de odwb.toml "
                   f"({line}), ou répondez aux questions de « odwb-assist document --interactive ». Une proposition "
                   "ne compte qu'une fois confirmée.",
                   f"If the proposal is right, confirm it by writing it in [datasets.metadata] of odwb.toml ({line}), "
                   "or answer the questions of 'odwb-assist document --interactive'. A proposal counts only once "
                   "confirmed.", severity=severity)


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


# --- Accessibility --------------------------------------------------------------------------------


def check_readable(ctx: ScoreContext) -> list[MetadataFinding]:
    resource = ctx.metadata.resource
    if resource.get("readable"):
        return []
    problem = resource.get("problem") or "?"
    problem_en = resource.get("problem_en") or problem
    return [finding("data-unreadable", None, f"Le fichier de données n'a pas pu être lu ({problem}).",
                    f"The data file could not be read ({problem_en}).",
                    "Vérifiez le chemin « file » dans odwb.toml et lancez « odwb-assist check » sur le fichier.",
                    "Check the 'file' path in odwb.toml and run 'odwb-assist check' on the file.", severity="error")]


def check_public(ctx: ScoreContext) -> list[MetadataFinding]:
    if not ctx.metadata.resource.get("restricted"):
        return []
    return [finding("restricted", None, "Le jeu de données sera restreint : le public ne pourra pas le télécharger.",
                    "The dataset will be restricted: the public cannot download it.",
                    "Si les données peuvent être ouvertes, retirez « restricted = true » dans odwb.toml.",
                    "If the data can be open, remove 'restricted = true' from odwb.toml.", severity="info")]


def check_download(ctx: ScoreContext) -> list[MetadataFinding]:
    fmt = str(ctx.metadata.resource.get("format") or "").lower()
    if fmt in FORMATS:
        return []
    return [finding("format-not-tabular", None, f"Le format « {fmt or '?'} » ne peut pas être chargé sur le portail.",
                    f"Format '{fmt or '?'}' cannot be loaded on the portal.",
                    "Enregistrez les données en CSV (UTF-8) ou en XLSX.", "Save the data as CSV (UTF-8) or XLSX.")]


# --- Interoperability -----------------------------------------------------------------------------


def check_format(ctx: ScoreContext) -> list[MetadataFinding]:
    return [] if ctx.metadata.resource.get("format") else check_download(ctx)


def check_media_type(ctx: ScoreContext) -> list[MetadataFinding]:
    return [] if str(ctx.metadata.resource.get("format") or "").lower() in FORMATS else check_download(ctx)


def check_open_format(ctx: ScoreContext) -> list[MetadataFinding]:
    fmt = str(ctx.metadata.resource.get("format") or "").lower()
    if fmt in ("csv", "ods", "json", "geojson", "xml"):
        return []
    if fmt in ("xlsx", "xls"):
        return [finding("proprietary-format", None, "Le fichier source est un classeur Excel.",
                        "The source is an Excel workbook.",
                        "La publication enverra une copie CSV (UTF-8) : rien à faire, mais gardez le CSV comme référence.",
                        "Publication sends a clean CSV copy: nothing to do, but keep the CSV as reference.",
                        lost=0, severity="info")]
    return check_download(ctx)


def check_machine_readable(ctx: ScoreContext) -> list[MetadataFinding]:
    report = ctx.report
    if report is None:
        if ctx.metadata.resource.get("readable"):
            return []
        return check_readable(ctx)
    # ``report.errors`` holds the error-severity findings only (a plain list from an older report is filtered too).
    errors = [f for f in getattr(report, "errors", []) or []
              if getattr(getattr(f, "severity", None), "value", "error") == "error"]
    if getattr(report, "valid", True) and not errors:
        return []
    return [finding("data-invalid", None, f"Le contrôle qualité signale {len(errors)} erreur(s) dans les données.",
                    f"The quality check reports {len(errors)} error(s) in the data.",
                    "Corrigez-les (« odwb-assist check » puis « odwb-assist fix ») avant de publier.",
                    "Fix them ('odwb-assist check' then 'odwb-assist fix') before publishing.", severity="error")]


def parse_date(value: object) -> date | None:
    text = str(value).strip()
    try:
        if "T" in text or " " in text:
            stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return (stamp.astimezone(UTC) if stamp.tzinfo else stamp).date()
        return date.fromisoformat(text[:10]) if len(text) == 10 else None
    except ValueError:
        return None


def check_dcat_ap(ctx: ScoreContext) -> list[MetadataFinding]:
    md, found = ctx.metadata, []
    email = md.get("dcat.contact_email")
    if email and not EMAIL.match(str(email).strip()):
        found.append(finding("email-malformed", "dcat.contact_email", f"Adresse e-mail mal formée : « {email} ».",
                             f"Malformed e-mail address: '{email}'.", "Écrivez une adresse complète, sans espace.",
                             "Write a full address, without spaces.", lost=10, severity="error",
                             example=local(ctx).email()))
    for key in ("default.modified", "dcat.issued", "dcat.created"):
        value = md.get(key)
        if value is None:
            continue
        parsed = parse_date(value)
        if parsed is None:
            found.append(finding("date-malformed", key, f"Date illisible : « {value} ».", f"Unreadable date: '{value}'.",
                                 "Écrivez la date au format AAAA-MM-JJ.", "Write the date as YYYY-MM-DD.", lost=5,
                                 severity="error", example="2025-03-31"))
        elif parsed > date.today():
            found.append(finding("date-future", key, f"Date dans le futur : {value}.", f"Date in the future: {value}.",
                                 "Une date de création, de publication ou de modification ne peut pas être future.",
                                 "A creation, publication or modification date cannot be in the future.", lost=5,
                                 severity="error", example=date.today().isoformat()))
    frequency = md.get("dcat.accrualperiodicity")
    if frequency and find_frequency(str(frequency)) is None:
        message, advice, proposal = unknown_value("frequency", str(frequency))
        found.append(MetadataFinding("frequency-unknown", "dcat.accrualperiodicity", message, advice, 5, "warning",
                                     proposal or "Annuelle"))
    language = md.get("default.language")
    if language and str(language) not in LANGUAGES:
        message, advice, proposal = unknown_value("language", str(language))
        found.append(MetadataFinding("language-unknown", "default.language", message, advice, 5, "warning",
                                     proposal or "fr"))
    for place in md.get("default.geographic_reference") or []:
        if find_geographic_reference(str(place)) is None:
            message, advice, proposal = unknown_value("geographic_reference", str(place))
            found.append(MetadataFinding("geographic-reference-unknown", "default.geographic_reference", message,
                                         advice, 5, "error", proposal or BELGIUM))
    return found


# --- Reusability ----------------------------------------------------------------------------------

LICENCE_EXAMPLE = "CC0 1.0"


def check_licence(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.license"):
        if ctx.confirmed("default.license"):
            return []
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


def _rule(code: str, dimension: str, points: int, fr: str, en: str,
          check: Callable[[ScoreContext], list[MetadataFinding]]) -> MetadataRule:
    return MetadataRule(code, dimension, points, Msg(fr, en), check)


RULES: list[MetadataRule] = [
    _rule("keywords", "findability", 30, "Mots-clés", "Keywords", check_keywords),
    _rule("theme", "findability", 30, "Thème de la liste du portail", "Theme from the portal's list", check_theme),
    _rule("spatial", "findability", 20, "Couverture géographique", "Spatial coverage", check_spatial),
    _rule("temporal", "findability", 20, "Période couverte", "Temporal coverage", check_temporal),
    _rule("data-readable", "accessibility", 50, "Fichier lisible par le portail", "Data file readable", check_readable),
    _rule("download", "accessibility", 20, "Téléchargeable (exports du portail)", "Downloadable (portal exports)",
          check_download),
    _rule("public-access", "accessibility", 30, "Accès public", "Public access", check_public),
    _rule("format", "interoperability", 20, "Format indiqué", "Format given", check_format),
    _rule("media-type", "interoperability", 10, "Type de média", "Media type", check_media_type),
    _rule("format-vocabulary", "interoperability", 10, "Format d'une liste contrôlée", "Format from vocabulary",
          check_media_type),
    _rule("open-format", "interoperability", 20, "Format non propriétaire", "Non-proprietary format", check_open_format),
    _rule("machine-readable", "interoperability", 20, "Lisible par une machine", "Machine-readable",
          check_machine_readable),
    _rule("dcat-ap", "interoperability", 30, "Champs DCAT bien formés", "Well-formed DCAT fields", check_dcat_ap),
    _rule("license", "reusability", 20, "Licence indiquée", "Licence given", check_licence),
    _rule("license-vocabulary", "reusability", 10, "Licence ouverte de la liste", "Open licence from the list",
          check_licence_vocabulary),
    _rule("access-rights", "reusability", 15, "Droits d'accès", "Access rights", check_access_rights),
    _rule("contact", "reusability", 20, "Point de contact", "Contact point", check_contact),
    _rule("publisher", "reusability", 10, "Éditeur", "Publisher", check_publisher),
    _rule("rights", "contextuality", 5, "Références et attributions", "References and attributions", check_rights),
    _rule("byte-size", "contextuality", 5, "Taille du fichier", "File size", check_size),
    _rule("issued", "contextuality", 5, "Date de publication", "Date of issue", check_issued),
    _rule("modified", "contextuality", 5, "Date de modification", "Modification date", check_modified),
]


@hookimpl
def odwb_metadata_rules() -> list[MetadataRule]:
    return list(RULES)
