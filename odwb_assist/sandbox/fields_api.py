"""Automation API v1.0: a dataset's field configurations (``/fields/``) and processors (``/processors/``).

Both are stacks applied in order at the next processing (``POST /publish/``). The bodies follow the
vendor's ``DatasetFieldConfiguration`` schemas (rename, type, annotate, description, order, delete)
and ``DatasetProcessor`` (``type`` and ``label`` plus free keys); ``GET /processors/`` lists the
processor types of the domain (the sandbox offers the one the vendor's document shows, ``string_replace``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from .automation import json_body, owned_dataset
from .replies import deleted, int_arg, not_found, paginated, require_user, store, validation_error

bp = Blueprint("automation_fields", __name__, url_prefix="/api/automation/v1.0")

FIELD_TYPES = ("text", "int", "double", "geo_point_2d", "geo_shape", "date", "datetime", "file")
ANNOTATIONS = ("id", "timeserie_precision", "unit", "decimals", "sortable", "multivalued", "hierarchical")
# configuration type -> required keys (automation-v1.0.openapi.json, components.schemas.*DatasetFieldConfiguration)
REQUIRED = {
    "rename": ("from_name", "to_name", "field_label"), "type": ("field", "type_param"), "annotate": ("field", "annotation"),
    "description": ("field", "description"), "order": ("args",), "delete": ("field",),
}
DOMAIN_PROCESSORS = [
    {"type": "string_replace", "label": "Replace text", "field": "", "old": "", "new": ""},
]
KINDS = {"fields": "field", "processors": "processor"}


@bp.before_request
def _authenticate() -> None:
    require_user()


def check_field_config(body: dict[str, Any]) -> dict[str, Any]:
    """The configuration if it fits the vendor's schema, else a 400 ``validation_error`` naming the key."""
    kind = body.get("type")
    if kind not in REQUIRED:
        validation_error({"type": [f'"{kind}" is not a valid choice. Valid choices: {", ".join(REQUIRED)}.']})
    if not isinstance(body.get("label"), str) or not body["label"].strip():
        validation_error({"label": ["This field is required."]})
    for key in REQUIRED[kind]:
        if key not in body:
            validation_error({key: ["This field is required."]})
    if kind == "type" and body["type_param"] not in FIELD_TYPES:
        validation_error({"type_param": [f'"{body["type_param"]}" is not a valid choice.']})
    if kind == "annotate" and body["annotation"] not in ANNOTATIONS:
        validation_error({"annotation": [f'"{body["annotation"]}" is not a valid choice.']})
    if "args" in body and not isinstance(body["args"], list):
        validation_error({"args": ["Expected a list of items."]})
    return {k: v for k, v in body.items() if k != "uid"}


def check_processor(body: dict[str, Any]) -> dict[str, Any]:
    known = [p["type"] for p in DOMAIN_PROCESSORS]
    if body.get("type") not in known:
        validation_error({"type": [f'"{body.get("type")}" is not a processor of this domain ({", ".join(known)}).']})
    if not isinstance(body.get("label"), str) or not body["label"].strip():
        validation_error({"label": ["This field is required."]})
    return {k: v for k, v in body.items() if k != "uid"}


def _kind(stack: str) -> str:
    if stack not in KINDS:
        not_found()
    return KINDS[stack]


def _checked(kind: str) -> dict[str, Any]:
    body = json_body()
    return check_field_config(body) if kind == "field" else check_processor(body)


@bp.get("/processors/")
def domain_processors() -> Response:
    return jsonify(DOMAIN_PROCESSORS)


@bp.get("/datasets/<uid>/<any(fields, processors):stack>/")
def list_stack(uid: str, stack: str) -> Response:
    kind = _kind(stack)
    owned_dataset(uid)
    items = store().configs(uid, kind)
    limit = int_arg("limit", 20, high=1000)
    offset = int_arg("offset", 0)
    return paginated(items[offset:offset + limit], len(items), limit, offset)


@bp.post("/datasets/<uid>/<any(fields, processors):stack>/")
def append(uid: str, stack: str) -> tuple[Response, int]:
    kind = _kind(stack)
    owned_dataset(uid)
    return jsonify(store().save_config(uid, kind, _checked(kind))), 201


def _one(uid: str, kind: str, item_uid: str) -> dict[str, Any]:
    owned_dataset(uid)
    for item in store().configs(uid, kind):
        if item.get("uid") == item_uid:
            return item
    not_found(f"Configuration '{item_uid}' not found in this dataset.")


@bp.get("/datasets/<uid>/<any(fields, processors):stack>/<item_uid>/")
def get_one(uid: str, stack: str, item_uid: str) -> Response:
    return jsonify(_one(uid, _kind(stack), item_uid))


@bp.put("/datasets/<uid>/<any(fields, processors):stack>/<item_uid>/")
def replace(uid: str, stack: str, item_uid: str) -> Response:
    kind = _kind(stack)
    _one(uid, kind, item_uid)
    return jsonify(store().save_config(uid, kind, _checked(kind), uid=item_uid))


@bp.delete("/datasets/<uid>/<any(fields, processors):stack>/<item_uid>/")
def delete(uid: str, stack: str, item_uid: str) -> Response:
    _one(uid, _kind(stack), item_uid)
    store().delete_config(uid, item_uid)
    return deleted()
