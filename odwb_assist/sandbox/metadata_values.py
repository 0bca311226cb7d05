"""Metadata values: the API's wrapped form ``{"value": …}`` to and from the store's plain values, checked.

Reading a dataset's metadata returns every active template with each of its fields, set or not
(``{"value": null}``, ``false`` for flags), as the portal does: clients read
``metadata["internal"]["license_id"]["value"]`` without checking that the key exists.

Where the licence and themes can be written is a per-sandbox setting (``licence_path``, set by
``sandbox serve --licence-path``), so that both behaviours seen on real domains can be tested:

* ``internal`` (the vendor's OpenAPI document): ``internal.license_id`` / ``internal.theme_id`` are
  written; ``default.license_id`` / ``default.theme_id`` are unknown fields (400);
* ``default`` (what data.bs.ch's maintainers describe in huwise-utils-py: "the platform stores the
  licence in internal.license_id as read-only"): a write to ``internal.*`` is accepted and silently
  ignored, ``default.license_id`` / ``default.theme_id`` are written and propagated to ``internal``.
"""

from __future__ import annotations

from typing import Any

from . import domain
from .replies import not_found, store, validation_error

TEMPLATE_NAMES = (*domain.TEMPLATES, "visualization", "asset_content_configuration", "custom")
LICENCE_PATHS = ("internal", "default")
MIRRORED = ("license_id", "theme_id")  # the fields whose writable path depends on the licence path
# Active templates beyond the sandbox's domain templates, with the fields a client may read
# (automation-v1.0.openapi.json, DatasetMetadataVisualization / DatasetMetadataAssetContentConfiguration).
EXTRA_TEMPLATES: dict[str, dict[str, Any]] = {
    "visualization": {"analyze_disabled": False, "table_fields": [], "map_disabled": False, "map_tooltip_fields": [],
                      "images_disabled": False, "calendar_enabled": False, "custom_view_enabled": False},
    "asset_content_configuration": {"facets": [], "fields_displayed_in_specific_languages": {},
                                    "records_search_boosts": {}},
}
# The value of an unset field, per kind; a text or date field has none (the schema wants a non-empty string): left out.
UNSET: dict[str, Any] = {"boolean": False, "list": [], "enumlist": []}
DOMAIN_DEFAULTS = {("default", "language"): "fr", ("default", "timezone"): "Europe/Brussels"}


def licence_path() -> str:
    value = store().get_setting("licence_path", "internal")
    return value if value in LICENCE_PATHS else "internal"


def template_defaults() -> dict[str, dict[str, Any]]:
    """Every active template with each field's unset value."""
    defaults: dict[str, dict[str, Any]] = {}
    for template, (_title, _kind, fields) in domain.TEMPLATES.items():
        values = defaults[template] = {}
        for name, kind, *_rest in fields:
            if (template, name) in DOMAIN_DEFAULTS or kind in UNSET:
                values[name] = DOMAIN_DEFAULTS.get((template, name), UNSET.get(kind))
    if licence_path() == "default":
        defaults["default"]["theme_id"] = []
    defaults.update({template: dict(values) for template, values in EXTRA_TEMPLATES.items()})
    return defaults


def wrap_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    full = template_defaults()
    for template, fields in metadata.items():
        full.setdefault(template, {}).update(fields)
    return {template: {name: {"value": value} for name, value in fields.items()} for template, fields in full.items()}


def known_template(template: str) -> None:
    if template not in TEMPLATE_NAMES:
        not_found(f"Metadata template '{template}' not found (known: {', '.join(TEMPLATE_NAMES)}).")


def check_value(template: str, name: str, value: Any) -> Any:
    """The value if it fits the field, else a 400 ``validation_error`` naming the field."""
    licenses = store().get_setting("licenses", domain.DEFAULT_LICENSES)
    themes = store().get_setting("themes", domain.DEFAULT_THEMES)
    checked_as = ("internal", name) if template == "default" and name in MIRRORED and licence_path() == "default" \
        else (template, name)
    problem = domain.validate_value(*checked_as, value, licenses, themes)
    if problem:
        validation_error({f"{template}.{name}": [problem]}, f"Invalid value for metadata '{template}.{name}'")
    return value


def unwrap_field(template: str, name: str, wrapped: Any) -> Any:
    if not isinstance(wrapped, dict) or "value" not in wrapped:
        validation_error({f"{template}.{name}": ['Expected an object {"value": ...}.']})
    return check_value(template, name, wrapped["value"])


def store_field(metadata: dict[str, Any], template: str, name: str, value: Any) -> None:
    """Write one checked value into the plain metadata, following the sandbox's licence path."""
    if name in MIRRORED and licence_path() == "default":
        if template == "internal":
            return  # read-only on such a domain: accepted, not stored
        if template == "default":
            metadata.setdefault("internal", {})[name] = value
    metadata.setdefault(template, {})[name] = value


def check_template(template: str, payload: Any) -> dict[str, Any]:
    """The template's plain values (unset ones, ``{"value": null}`` or empty, left out; ``false`` is kept)."""
    known_template(template)
    if not isinstance(payload, dict):
        validation_error({template: ["Expected an object of metadata, each as {\"value\": ...}."]})
    values = {name: unwrap_field(template, name, wrapped) for name, wrapped in payload.items()}
    return {name: value for name, value in values.items() if value is not None and value != "" and value != []}


def check_metadata(payload: Any, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """Plain ``{template: {field: value}}`` from an API payload; 400 on any bad template, field or value.

    ``current`` (the stored metadata) keeps a read-only licence or theme that the payload omits or changes.
    """
    if not isinstance(payload, dict):
        validation_error({"metadata": ["Expected an object keyed by template name."]})
    for template in payload:
        if template not in TEMPLATE_NAMES:
            validation_error({"metadata": [f"Unknown metadata template '{template}'."]})
    metadata: dict[str, Any] = {"default": {}}
    for template, fields in payload.items():
        for name, value in check_template(template, fields).items():
            store_field(metadata, template, name, value)
    if licence_path() == "default":
        kept = (current or {}).get("internal") or {}
        internal = metadata.setdefault("internal", {})
        for name in MIRRORED:
            if name in kept and name not in (metadata.get("default") or {}):
                internal[name] = kept[name]
    return {template: values for template, values in metadata.items() if values or template == "default"}
