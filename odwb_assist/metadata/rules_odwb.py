"""Built-in plugin: ODWB's own needs (dimension ``odwb``): a real title, a useful French description,
an update frequency, a service contact address, the language, and a described data dictionary."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable

from ..checks.personal_email import is_persons_address
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .enrich_inventory import TODO
from .examples import local
from .model import FIELD_TYPES
from .rule_findings import EMAIL, finding
from .score import MetadataFinding, MetadataRule, ScoreContext
from .vocabularies import find_frequency, fold

MIN_DESCRIPTION = 200  # characters of text (udata asks 100; a useful French description needs more)
DANGEROUS_HTML = re.compile(r"<\s*(script|iframe|object|embed|style|form)\b|\bon\w+\s*=|javascript:", re.I)
FRENCH_WORDS = {"le", "la", "les", "des", "de", "du", "et", "un", "une", "est", "sont", "pour", "dans", "par"}
ENGLISH_WORDS = {"the", "and", "of", "to", "is", "are", "for", "with", "this", "from", "by", "in", "on", "each"}
FALLBACK_TITLE_SOURCE = "metadata.enrich_fallback"


def plain_text(description: str) -> str:
    text = re.sub(r"<[^>]+>", " ", description)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def check_title(ctx: ScoreContext) -> list[MetadataFinding]:
    title = ctx.metadata.get("default.title")
    example = local(ctx).title if ctx.confirmed("default.title") else f"… de {local(ctx).place}"
    if not title:
        return [finding("title-missing", "default.title", "Aucun titre.", "No title.",
                        "Donnez un titre clair : quoi, où (title = \"…\").", "Give a clear title: what, where.",
                        severity="error", example=example)]
    found = []
    if ctx.metadata.sources.get("default.title") == FALLBACK_TITLE_SOURCE:
        found.append(finding("title-from-file", "default.title", f"Le titre « {title} » est déduit du nom du fichier.",
                             f"Title '{title}' was derived from the file name.",
                             "Écrivez un titre qui dit quoi et où, dans [datasets.metadata] (title = \"…\").",
                             "Write a title saying what and where, in [datasets.metadata] (title = \"…\").",
                             severity="error", example=example))
    text = str(title)
    if len(text) < 10:
        found.append(finding("title-short", "default.title", f"Titre très court : « {text} ».", f"Very short title: '{text}'.",
                             "Précisez le contenu et le territoire.", "Say what and where.", lost=5, example=example))
    elif len(text) > 120:
        found.append(finding("title-long", "default.title", f"Titre trop long ({len(text)} caractères).",
                             f"Title too long ({len(text)} characters).",
                             "Gardez moins de 120 caractères ; le détail va dans la description.",
                             "Keep it under 120 characters; details go in the description.", lost=5, example=example))
    if text.isupper() and len(text) > 5:
        found.append(finding("title-uppercase", "default.title", "Titre tout en majuscules.", "Title in capitals.",
                             "Écrivez-le en minuscules avec une majuscule initiale.", "Write it in sentence case.", lost=3,
                             example=example))
    return found


def check_description(ctx: ScoreContext) -> list[MetadataFinding]:
    description = ctx.metadata.get("default.description")
    example = local(ctx).description
    if not description:
        return [finding("description-missing", "default.description", "Aucune description.", "No description.",
                        "Décrivez en français : contenu, source, méthode de collecte, fréquence de mise à jour, limites.",
                        "Describe in French: content, source, collection method, update frequency, known limits.",
                        severity="error", example=example)]
    raw = str(description)
    if DANGEROUS_HTML.search(raw):
        return [finding("description-unsafe-html", "default.description",
                        "La description contient du HTML actif (script, iframe, attribut on…) : le portail le refusera.",
                        "The description holds active HTML (script, iframe, on… attribute): the portal will refuse it.",
                        "Retirez ces balises ; gardez du texte, des paragraphes <p> et des listes.",
                        "Remove those tags; keep text, <p> paragraphs and lists.", severity="error")]
    found = []
    text = plain_text(raw)
    todo = raw.count(TODO)
    if todo:
        found.append(finding("description-todo", "default.description", f"La description a encore {todo} partie(s) « {TODO} ».",
                             f"The description still has {todo} part(s) marked '{TODO}'.",
                             "Complétez ces parties (elles ne seront pas publiées telles quelles).",
                             "Fill in those parts (they are not published as they are).", lost=min(10, 3 * todo)))
        text = plain_text(re.sub(rf"<p>[^<]*(<strong>[^<]*</strong>)?[^<]*{TODO}[^<]*</p>", "", raw))
    if len(text) < MIN_DESCRIPTION:
        found.append(finding("description-short", "default.description",
                             f"Description courte ({len(text)} caractères utiles, {MIN_DESCRIPTION} attendus).",
                             f"Short description ({len(text)} useful characters, {MIN_DESCRIPTION} expected).",
                             "Ajoutez la source, la méthode de collecte et les limites connues.",
                             "Add the source, the collection method and the known limits.", lost=10, example=example))
    words = set(re.findall(r"[a-z]+", fold(text)))
    french, english = len(words & FRENCH_WORDS), len(words & ENGLISH_WORDS)
    # English words outnumber French ones, or a long text has almost none: a few lines « Source : Service
    # Environnement. Mise à jour : 12/03/2025. » hold no article and are French all the same
    if len(text) >= 40 and french < 2 and (english > french or len(text) >= MIN_DESCRIPTION):
        found.append(finding("description-not-french", "default.description", "La description ne semble pas en français.",
                             "The description does not look French.", "ODWB s'adresse d'abord à un public francophone.",
                             "ODWB's audience is French-speaking first.", lost=5))
    return found


def check_frequency(ctx: ScoreContext) -> list[MetadataFinding]:
    frequency = ctx.metadata.get("dcat.accrualperiodicity")
    if frequency is None:
        return [finding("frequency-missing", "dcat.accrualperiodicity", "La fréquence de mise à jour n'est pas indiquée.",
                        "The update frequency is missing.",
                        "Ajoutez \"dcat.accrualperiodicity\" = \"…\" dans [datasets.metadata] de odwb.toml (Quotidienne, "
                        "Mensuelle, Annuelle, Irrégulière…), ou la fréquence dans l'inventaire.",
                        "Add \"dcat.accrualperiodicity\" = \"…\" in [datasets.metadata] of odwb.toml (Daily, Monthly, Annual, "
                        "Irregular…), or the frequency in the inventory.",
                        example="\"dcat.accrualperiodicity\" = \"Annuelle\"")]
    if find_frequency(str(frequency)) is None:
        return [finding("frequency-unknown", "dcat.accrualperiodicity", f"Fréquence non reconnue : « {frequency} ».",
                        f"Unrecognised frequency: '{frequency}'.", "Choisissez une fréquence de la liste européenne.",
                        "Choose a frequency of the EU list.", lost=5, example="Annuelle")]
    return []


def check_service_contact(ctx: ScoreContext) -> list[MetadataFinding]:
    email = ctx.metadata.get("dcat.contact_email")
    if email is None or not EMAIL.match(str(email).strip()):
        return [finding("contact-service-missing", "dcat.contact_email", "Pas d'adresse de service valide.",
                        "No valid service address.", "Utilisez l'adresse d'un service, qui survit aux départs.",
                        "Use a service address, which outlives staff changes.", example=local(ctx).email())]
    if is_persons_address(str(email)):  # as the personal-email check reads it: etat.civil@… is a service
        return [finding("contact-personal", "dcat.contact_email", f"« {email} » ressemble à une adresse personnelle.",
                        f"'{email}' looks like a personal address.",
                        "Publiez l'adresse d'un service (mobilite@…, accueil@…) : une adresse nominative est personnelle.",
                        "Publish a service address: a named address is personal data.", example=local(ctx).email("service"))]
    return []


def check_language(ctx: ScoreContext) -> list[MetadataFinding]:
    if ctx.metadata.get("default.language"):
        return []
    return [finding("language-missing", "default.language", "La langue n'est pas indiquée.", "No language.",
                    "Indiquez language = \"fr\".", "Set language = \"fr\".", example="fr")]


def check_dictionary(ctx: ScoreContext) -> list[MetadataFinding]:
    fields = ctx.metadata.fields
    if not fields:
        return [finding("dictionary-empty", None, "Aucune colonne décrite (fichier illisible ?).",
                        "No column described (unreadable file?).", "Vérifiez le fichier de données.", "Check the data file.")]
    missing = [f.name for f in fields if not f.description]
    if not missing:
        return []
    share = len(missing) / len(fields)
    names = ", ".join(missing[:6]) + ("…" if len(missing) > 6 else "")
    return [finding("columns-undescribed", "fields", f"{len(missing)} colonne(s) sur {len(fields)} sans description : {names}.",
                    f"{len(missing)} of {len(fields)} column(s) without description: {names}.",
                    "Décrivez chaque colonne dans [datasets.fields] de odwb.toml "
                    "(colonne = { description = \"…\", unit = \"…\" }).",
                    "Describe each column in [datasets.fields] of odwb.toml (column = { description = \"…\", unit = \"…\" }).",
                    lost=round(20 * share), example=f"\"{missing[0]}\" = {{ description = \"…\" }}")]


def check_known_fields(ctx: ScoreContext) -> list[MetadataFinding]:
    """Fields the portal does not know are kept in odwb.toml but not sent: say so, with the likely name."""
    found = []
    for template, values in ctx.metadata.templates.items():
        known = FIELD_TYPES.get(template)
        if known is None:
            continue
        for name in values:
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1)
                hint_fr = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
                hint_en = f"Did you mean '{close[0]}'? " if close else ""
                found.append(finding("field-unknown", f"{template}.{name}",
                                     f"Champ « {name} » inconnu du modèle {template} : il ne sera pas envoyé.",
                                     f"Field '{name}' is unknown to template {template}: it will not be sent.",
                                     f"{hint_fr}Corrigez le nom dans odwb.toml. Champs possibles : {', '.join(known)}.",
                                     f"{hint_en}Fix the name in odwb.toml. Possible fields: {', '.join(known)}.",
                                     lost=0, severity="warning", example=close[0] if close else None))
    return found


def _rule(code: str, points: int, fr: str, en: str, check: Callable[[ScoreContext], list[MetadataFinding]]) -> MetadataRule:
    return MetadataRule(code, "odwb", points, Msg(fr, en), check)


RULES: list[MetadataRule] = [
    _rule("title", 15, "Titre parlant", "Meaningful title", check_title),
    _rule("description", 25, "Description en français, utile", "Useful French description", check_description),
    _rule("frequency", 15, "Fréquence de mise à jour", "Update frequency", check_frequency),
    _rule("service-contact", 10, "Adresse e-mail d'un service", "Service e-mail address", check_service_contact),
    _rule("language", 5, "Langue", "Language", check_language),
    _rule("dictionary", 20, "Colonnes décrites", "Columns described", check_dictionary),
    _rule("known-fields", 0, "Noms de champs connus du portail", "Field names known to the portal", check_known_fields),
]


@hookimpl
def odwb_metadata_rules() -> list[MetadataRule]:
    return list(RULES)
