"""The MQA's accessibility and interoperability checks: can the portal read and serve the data file, is it in an
open, machine-readable format, and are the DCAT fields (contact address, dates, frequency, language, places) well
formed. The points per indicator are in :mod:`.rules_mqa`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..core.i18n import sentence
from .examples import local
from .rule_findings import EMAIL, finding
from .score import MetadataFinding, ScoreContext
from .vocabularies import BELGIUM, LANGUAGES, find_frequency, find_geographic_reference, unknown_value

FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "xls": "application/vnd.ms-excel", "ods": "application/vnd.oasis.opendocument.spreadsheet",
           "json": "application/json", "geojson": "application/geo+json", "xml": "application/xml"}


# --- Accessibility --------------------------------------------------------------------------------


def check_readable(ctx: ScoreContext) -> list[MetadataFinding]:
    resource = ctx.metadata.resource
    if resource.get("readable"):
        return []
    problem = resource.get("problem") or "?"
    problem_en = resource.get("problem_en") or problem
    return [finding("data-unreadable", None, f"Le fichier de données n'a pas pu être lu : {sentence(problem)}",
                    f"The data file could not be read: {sentence(problem_en)}",
                    "Lancez « odwb-assist check » sur le fichier : il dit pourquoi et comment le corriger (si le fichier "
                    "est nommé dans odwb.toml, vérifiez aussi son chemin « file »).",
                    "Run 'odwb-assist check' on the file: it says why and how to fix it (if odwb.toml names the file, "
                    "check its 'file' path too).", severity="error")]


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
    if fmt in ("xlsx", "xls") and not ctx.metadata.resource.get("readable"):  # no copy to send: said by data-unreadable
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
        # the reason is given once, by ``data-unreadable`` (accessibility); here only what it costs
        return [finding("data-unchecked", None, "Données non vérifiées : le fichier n'a pas pu être lu (voir plus haut).",
                        "Data not checked: the file could not be read (see above).",
                        "Une fois le fichier lisible, « odwb-assist check » vérifie ses données.",
                        "Once the file is readable, 'odwb-assist check' checks its data.", severity="error")]
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
