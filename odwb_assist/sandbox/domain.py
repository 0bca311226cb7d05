"""What the sandbox domain offers: its licences, themes and metadata templates (with field types).

The ids look like the domain-specific ids of a real Opendatasoft domain (short hashes, this sandbox's
own); the labels are ODWB's, from the project's one vocabulary. Both lists can be replaced per sandbox (store setting
``licenses`` / ``themes``: a list of ``{"id", "label", "url"}`` / ``{"id", "label"}``).
"""

from __future__ import annotations

from typing import Any

from ..metadata.vocabularies import sandbox_licences, sandbox_themes

# The same labels as the project's one vocabulary (odwb_assist/metadata/vocabularies.py: ODWB's themes, the
# licences a Walloon publisher may choose), under ids of this sandbox's own (short hashes, as a real domain's).
DEFAULT_LICENSES: list[dict[str, str]] = sandbox_licences()
DEFAULT_THEMES: list[dict[str, str]] = sandbox_themes()

LANGUAGES = ["en", "fr", "nl", "pt", "it", "ar", "de", "es", "ca", "eu", "sv"]

# template name -> title, type, [(field name, field type, label, requirement level)]
TEMPLATES: dict[str, tuple[str, str, list[tuple[str, str, str, str]]]] = {
    "default": ("Standard", "basic", [
        ("title", "text", "Titre", "mandatory"),
        ("description", "html", "Description", "recommended"),
        ("keyword", "list", "Mots-clés", "recommended"),
        ("modified", "datetime", "Date de modification", "optional"),
        ("modified_updates_on_metadata_change", "boolean", "Mise à jour auto (métadonnées)", "optional"),
        ("modified_updates_on_data_change", "boolean", "Mise à jour auto (données)", "optional"),
        ("geographic_reference", "list", "Couverture géographique", "optional"),
        ("geographic_reference_auto", "boolean", "Couverture géographique automatique", "optional"),
        ("language", "enum", "Langue", "recommended"),
        ("timezone", "text", "Fuseau horaire", "optional"),
        ("publisher", "text", "Producteur", "recommended"),
        ("references", "text", "Références", "optional"),
        ("attributions", "list", "Attributions", "optional"),
    ]),
    "internal": ("Internal", "admin", [
        ("license_id", "enum", "Licence", "mandatory"),
        ("theme_id", "enumlist", "Thèmes", "recommended"),
        ("draft", "boolean", "Brouillon", "optional"),
    ]),
    "dcat": ("DCAT", "interop", [
        ("created", "datetime", "Date de création", "optional"),
        ("issued", "date", "Date de publication", "optional"),
        ("creator", "text", "Créateur", "optional"),
        ("contributor", "text", "Contributeur", "optional"),
        ("contact_name", "text", "Nom du contact", "recommended"),
        ("contact_email", "text", "E-mail du contact", "recommended"),
        ("accrualperiodicity", "text", "Fréquence de mise à jour", "recommended"),
        ("spatial", "text", "Couverture spatiale", "optional"),
        ("temporal", "text", "Couverture temporelle", "optional"),
        ("granularity", "text", "Granularité", "optional"),
        ("dataquality", "longstring", "Qualité des données", "optional"),
        ("relation", "text", "Relation", "optional"),
    ]),
}


def field_type(template: str, name: str) -> str | None:
    """The declared type of a template field, or None when the field is unknown."""
    for field_name, kind, _label, _level in TEMPLATES.get(template, ("", "", []))[2]:
        if field_name == name:
            return kind
    return None


def template_fields(template: str, licenses: list[dict[str, str]], themes: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The template's schema as the vendor's ``MetadataTemplateField`` objects (choices and labels for ids)."""
    fields = []
    for name, kind, label, level in TEMPLATES[template][2]:
        choices: list[str] | None = None
        labels: dict[str, dict[str, str]] | None = None
        if template == "internal" and name == "license_id":
            choices = [item["id"] for item in licenses]
            labels = {item["id"]: {"fr": item["label"], "en": item["label"]} for item in licenses}
        elif template == "internal" and name == "theme_id":
            choices = [item["id"] for item in themes]
            labels = {item["id"]: {"fr": item["label"], "en": item["label"]} for item in themes}
        elif template == "default" and name == "language":
            choices = list(LANGUAGES)
        fields.append({
            "name": name, "type": kind, "label": label, "help_text": None, "is_hidden": False,
            "self_suggest": False, "is_filter": name in ("keyword", "publisher", "theme_id", "license_id"),
            "i18n": False, "suggest_url": None, "choices": choices, "labels": labels, "requirement_level": level,
        })
    return fields


def template_object(template: str, licenses: list[dict[str, str]], themes: list[dict[str, str]]) -> dict[str, Any]:
    """The vendor's ``MetadataTemplate`` object for one of the sandbox templates."""
    title, kind, _fields = TEMPLATES[template]
    return {
        "name": template, "title": title, "type": kind, "is_active": True,
        "is_always_active": template in ("default", "internal"), "is_system": True,
        "schema": template_fields(template, licenses, themes),
        "created_at": "2021-01-01T00:00:00Z", "created_by": {"username": "odwb"},
        "updated_at": "2021-01-01T00:00:00Z", "updated_by": {"username": "odwb"},
    }


def _is_datetime(value: str, date_only: bool) -> bool:
    from datetime import date, datetime

    try:
        if date_only:
            date.fromisoformat(value[:10])
            return len(value) == 10
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def validate_value(template: str, name: str, value: Any, licenses: list[dict[str, str]],
                   themes: list[dict[str, str]]) -> str | None:
    """Why ``value`` cannot be stored in ``template.name`` (an English message, as the vendor's), or None."""
    kind = field_type(template, name)
    if kind is None:
        if template in TEMPLATES:
            return f"Unknown metadata '{name}' in template '{template}'."
        return None  # custom template: free values
    if value is None:
        return None
    if kind in ("text", "html", "longstring"):
        if not isinstance(value, str) or (name == "title" and not value.strip()):
            return "Not a valid string." if not isinstance(value, str) else "This field may not be blank."
    elif kind == "boolean":
        if not isinstance(value, bool):
            return "Must be a valid boolean."
    elif kind in ("list", "enumlist"):
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            return "Expected a list of non-empty strings."
        if name == "theme_id":
            known = {item["id"] for item in themes}
            unknown = [item for item in value if item not in known]
            if unknown:
                return f"Unknown theme id(s): {', '.join(unknown)}. Known ids: {', '.join(sorted(known))}."
    elif kind in ("datetime", "date"):
        if not isinstance(value, str) or not _is_datetime(value, kind == "date"):
            return "Date has wrong format. Use one of these formats instead: YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ."
    elif kind == "enum":
        choices = [item["id"] for item in licenses] if name == "license_id" else LANGUAGES
        if value not in choices:
            return f'"{value}" is not a valid choice. Valid choices: {", ".join(choices)}.'
    return None
