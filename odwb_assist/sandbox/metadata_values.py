"""Metadata values: the API's wrapped form ``{"value": …}`` to and from the store's plain values, checked."""

from __future__ import annotations

from typing import Any

from . import domain
from .replies import not_found, store, validation_error

TEMPLATE_NAMES = (*domain.TEMPLATES, "visualization", "asset_content_configuration", "custom")


def wrap_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    wrapped = {template: {name: {"value": value} for name, value in fields.items()}
               for template, fields in metadata.items()}
    wrapped.setdefault("default", {})
    return wrapped


def known_template(template: str) -> None:
    if template not in TEMPLATE_NAMES:
        not_found(f"Metadata template '{template}' not found (known: {', '.join(TEMPLATE_NAMES)}).")


def check_value(template: str, name: str, value: Any) -> Any:
    """The value if it fits the field, else a 400 ``validation_error`` naming the field."""
    licenses = store().get_setting("licenses", domain.DEFAULT_LICENSES)
    themes = store().get_setting("themes", domain.DEFAULT_THEMES)
    problem = domain.validate_value(template, name, value, licenses, themes)
    if problem:
        validation_error({f"{template}.{name}": [problem]}, f"Invalid value for metadata '{template}.{name}'")
    return value


def unwrap_field(template: str, name: str, wrapped: Any) -> Any:
    if not isinstance(wrapped, dict) or "value" not in wrapped:
        validation_error({f"{template}.{name}": ['Expected an object {"value": ...}.']})
    return check_value(template, name, wrapped["value"])


def check_template(template: str, payload: Any) -> dict[str, Any]:
    known_template(template)
    if not isinstance(payload, dict):
        validation_error({template: ["Expected an object of metadata, each as {\"value\": ...}."]})
    return {name: unwrap_field(template, name, wrapped) for name, wrapped in payload.items()}


def check_metadata(payload: Any) -> dict[str, Any]:
    """Plain ``{template: {field: value}}`` from an API payload; 400 on any bad template, field or value."""
    if not isinstance(payload, dict):
        validation_error({"metadata": ["Expected an object keyed by template name."]})
    for template in payload:
        if template not in TEMPLATE_NAMES:
            validation_error({"metadata": [f"Unknown metadata template '{template}'."]})
    metadata = {template: check_template(template, fields) for template, fields in payload.items()}
    metadata.setdefault("default", {})
    return metadata
