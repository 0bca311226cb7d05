"""Automation API v1.0: a dataset's metadata, whole, per template, and per field (GET/PUT/DELETE).

``PUT /metadata/`` and ``PUT /metadata/{template}/`` replace everything they cover (omitted fields
are deleted), as the vendor documents; ``PUT /metadata/{template}/{field}/`` changes one field.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from .automation import json_body, owned_dataset
from .metadata_values import (
    MIRRORED,
    check_metadata,
    check_template,
    known_template,
    licence_path,
    store_field,
    unwrap_field,
    wrap_metadata,
)
from .replies import deleted, not_found, require_user, store

bp = Blueprint("automation_metadata", __name__, url_prefix="/api/automation/v1.0/datasets/<uid>/metadata")


@bp.before_request
def _authenticate() -> None:
    require_user()


def _save(uid: str, metadata: dict[str, Any]) -> None:
    store().update_dataset(uid, metadata=metadata)


@bp.get("/")
def get_all(uid: str) -> Response:
    return jsonify(wrap_metadata(owned_dataset(uid)["metadata"]))


@bp.put("/")
def put_all(uid: str) -> Response:
    metadata = check_metadata(json_body(), owned_dataset(uid)["metadata"])
    _save(uid, metadata)
    return jsonify(wrap_metadata(metadata))


@bp.get("/<template>/")
def get_template(uid: str, template: str) -> Response:
    metadata = owned_dataset(uid)["metadata"]
    known_template(template)
    return jsonify(wrap_metadata(metadata).get(template, {}))


@bp.put("/<template>/")
def put_template(uid: str, template: str) -> Response:
    owned_dataset(uid)
    values = check_template(template, json_body())

    def replace(metadata: dict[str, Any]) -> None:
        kept = {n: v for n, v in (metadata.get(template) or {}).items()
                if template == "internal" and n in MIRRORED and licence_path() == "default"}
        metadata[template] = kept
        for name, value in values.items():
            store_field(metadata, template, name, value)

    saved = store().edit_metadata(uid, replace)
    return jsonify(wrap_metadata(saved)[template])


def _metadata_with_field(uid: str, template: str, field: str) -> dict[str, Any]:
    """The dataset's metadata, once the template is known and the field set (404 otherwise)."""
    metadata: dict[str, Any] = owned_dataset(uid)["metadata"]
    known_template(template)
    if field not in metadata.get(template, {}):
        not_found(f"Metadata '{template}.{field}' is not set on this dataset.")
    return metadata


@bp.get("/<template>/<field>/")
def get_field(uid: str, template: str, field: str) -> Response:
    metadata = _metadata_with_field(uid, template, field)
    return jsonify({"value": metadata[template][field]})


@bp.put("/<template>/<field>/")
def put_field(uid: str, template: str, field: str) -> Response:
    owned_dataset(uid)
    known_template(template)
    value = unwrap_field(template, field, json_body())
    store().edit_metadata(uid, lambda metadata: store_field(metadata, template, field, value))
    return jsonify({"value": value})


@bp.delete("/<template>/<field>/")
def delete_field(uid: str, template: str, field: str) -> Response:
    _metadata_with_field(uid, template, field)
    store().edit_metadata(uid, lambda current: current.get(template, {}).pop(field, None))
    return deleted()
