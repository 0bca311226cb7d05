"""Automation API v1.0 subset: datasets, resources and files, publish/unpublish/status, metadata.

Paths, field names, status codes and error bodies follow the vendor's OpenAPI document
(``automation-v1.0.openapi.json``). Every call needs a key; a participant sees and edits only
their own datasets (403 on another's), a trainer (admin) key all of them.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from . import domain
from .metadata_values import check_metadata, wrap_metadata
from .replies import (
    deleted,
    error,
    int_arg,
    not_found,
    ok,
    paginated,
    require_user,
    store,
    validation_error,
)
from .store import now

bp = Blueprint("automation", __name__, url_prefix="/api/automation/v1.0")

DATASET_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,254}")  # used with fullmatch: « $ » would let « id\n » through
BUSY = ("queued", "processing")
DEFAULT_SECURITY = {"is_data_visible": True, "visible_fields": None, "filter_query": "", "api_calls_quota": None}


@bp.before_request
def _authenticate() -> None:
    require_user()


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if body is None and request.get_data():
        error(400, "bad_request", "Bad request: the body is not valid JSON.")
    if body is None:
        return {}
    if not isinstance(body, dict):
        validation_error({"non_field_errors": ["Expected a JSON object."]})
    return body


def owned_dataset(uid: str) -> dict[str, Any]:
    """The dataset if the caller may edit it: 404 when unknown, 403 when it belongs to someone else."""
    dataset = store().dataset(uid)
    if dataset is None:
        not_found(f"Dataset '{uid}' not found.")
    user = require_user()
    if not user.is_admin and dataset["owner"] != user.name:
        error(403, "permission_denied", f"You do not have permission to edit dataset '{dataset['dataset_id']}': "
                                        "it belongs to another user.")
    return dataset


def dataset_body(dataset: dict[str, Any]) -> dict[str, Any]:
    return {
        "uid": dataset["uid"], "dataset_id": dataset["dataset_id"], "is_published": dataset["is_published"],
        "is_restricted": dataset["is_restricted"], "created_at": dataset["created_at"],
        "updated_at": dataset["updated_at"], "metadata": wrap_metadata(dataset["metadata"]),
        "default_security": dict(DEFAULT_SECURITY),
    }


def _check_dataset_id(value: Any, current_uid: str | None = None) -> str:
    if not isinstance(value, str) or not DATASET_ID.fullmatch(value):
        validation_error({"dataset_id": ["Use only lowercase letters, digits, '-' and '_' (e.g. 'namur-arbres')."]})
    other = store().dataset_by_id(value)
    if other is not None and other["uid"] != current_uid:
        validation_error({"dataset_id": [f"A dataset with the identifier '{value}' already exists."]})
    return value


# -- datasets --------------------------------------------------------------------------------

@bp.get("/datasets/")
def list_datasets() -> Response:
    user = require_user()
    limit = int_arg("limit", 20, high=1000)
    offset = int_arg("offset", 0)
    total, rows = store().datasets(owner=None if user.is_admin else user.name,
                                   dataset_id=request.args.get("dataset_id") or None, limit=limit, offset=offset)
    return paginated([dataset_body(d) for d in rows], total, limit, offset)


@bp.post("/datasets/")
def create_dataset() -> tuple[Response, int]:
    user = require_user()
    body = json_body()
    if "dataset_id" not in body:
        validation_error({"dataset_id": ["This field is required."]})
    dataset_id = _check_dataset_id(body["dataset_id"])
    restricted = body.get("is_restricted", False)
    if not isinstance(restricted, bool):
        validation_error({"is_restricted": ["Must be a valid boolean."]})
    metadata = check_metadata(body.get("metadata") or {"default": {}})
    try:
        dataset = store().create_dataset(user.name, dataset_id, restricted, metadata)
    except KeyError:
        validation_error({"dataset_id": [f"A dataset with the identifier '{dataset_id}' already exists."]})
    return jsonify(dataset_body(dataset)), 201


@bp.get("/datasets/<uid>/")
def get_dataset(uid: str) -> Response:
    return jsonify(dataset_body(owned_dataset(uid)))


@bp.put("/datasets/<uid>/")
def update_dataset(uid: str) -> Response:
    dataset = owned_dataset(uid)
    body = json_body()
    changes: dict[str, Any] = {}
    if "dataset_id" in body and body["dataset_id"] != dataset["dataset_id"]:
        if dataset["is_published"]:
            validation_error({"dataset_id": ["The identifier of a published dataset cannot be changed: unpublish it first."]})
        changes["dataset_id"] = _check_dataset_id(body["dataset_id"], uid)
    if "is_restricted" in body:
        if not isinstance(body["is_restricted"], bool):
            validation_error({"is_restricted": ["Must be a valid boolean."]})
        changes["is_restricted"] = body["is_restricted"]
    if "metadata" in body:
        changes["metadata"] = check_metadata(body["metadata"])
    if changes:
        store().update_dataset(uid, **changes)
    return jsonify(dataset_body(store().dataset(uid) or dataset))


@bp.delete("/datasets/<uid>/")
def delete_dataset(uid: str) -> Response:
    owned_dataset(uid)
    store().delete_dataset(uid)
    return deleted()


# -- processing ------------------------------------------------------------------------------

def _invalid_status(dataset: dict[str, Any], allowed: tuple[str, ...]) -> None:
    error(400, "invalid_dataset_status", f"Invalid precondition, dataset status is '{dataset['status']}' but must be "
                                         f"one of '{', '.join(allowed)}'")


@bp.post("/datasets/<uid>/publish/")
def publish(uid: str) -> Response:
    dataset = owned_dataset(uid)
    allowed = ("idle", "error", "limit_reached")
    if (dataset["metadata"].get("internal") or {}).get("draft"):
        error(400, "invalid_dataset_status", "The dataset is a draft (internal.draft = true): it cannot be published.")
    if not store().set_status(uid, "queued", expect=allowed):
        _invalid_status(store().dataset(uid) or dataset, allowed)
    current_app.config["SANDBOX_WORKER"].wake()
    return ok()


@bp.post("/datasets/<uid>/publish_metadata/")
def publish_metadata(uid: str) -> Response:
    dataset = owned_dataset(uid)
    if dataset["status"] != "idle" or not dataset["is_published"]:
        error(400, "invalid_dataset_status", f"Invalid precondition, dataset status is '{dataset['status']}' "
                                             f"(published: {str(dataset['is_published']).lower()}) but must be 'idle' "
                                             "and published")
    stamp = now()
    store().update_dataset(uid, published_metadata=dataset["metadata"], metadata_processed=stamp)
    return ok()


@bp.post("/datasets/<uid>/unpublish/")
def unpublish(uid: str) -> Response:
    dataset = owned_dataset(uid)
    if dataset["status"] in BUSY:
        _invalid_status(dataset, ("idle", "error", "limit_reached"))
    store().update_dataset(uid, is_published=False)
    return ok()


@bp.post("/datasets/<uid>/abort/")
def abort_processing(uid: str) -> Response:
    dataset = owned_dataset(uid)
    if not store().set_status(uid, "idle", expect=BUSY):
        _invalid_status(dataset, BUSY)
    return ok()


@bp.get("/datasets/<uid>/status/")
def status(uid: str) -> Response:
    dataset = owned_dataset(uid)
    return jsonify({
        "status": dataset["status"], "since": dataset["status_since"], "is_published": dataset["is_published"],
        "previous": dataset["previous_status"], "next": "idle" if dataset["status"] in BUSY else None,
        "message": dataset["message"], "records_errors": dataset["records_errors"], "params": {},
    })


# -- metadata templates of the domain --------------------------------------------------------

def _choices() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    return (store().get_setting("licenses", domain.DEFAULT_LICENSES),
            store().get_setting("themes", domain.DEFAULT_THEMES))


def _template(name: str) -> dict[str, Any]:
    if name not in domain.TEMPLATES:
        not_found(f"Metadata template '{name}' not found.")
    return domain.template_object(name, *_choices())


@bp.get("/metadata/templates/")
def list_templates() -> Response:
    limit = int_arg("limit", 20, high=1000)
    offset = int_arg("offset", 0)
    kind = request.args.get("type")
    items = [_template(n) for n in domain.TEMPLATES]
    items = [t for t in items if kind is None or t["type"] == kind]
    return paginated(items[offset:offset + limit], len(items), limit, offset)


@bp.get("/metadata/templates/<name>/")
def get_template(name: str) -> Response:
    return jsonify(_template(name))


@bp.get("/metadata/templates/<name>/fields/")
def list_template_fields(name: str) -> Response:
    fields = _template(name)["schema"]
    limit = int_arg("limit", 20, high=1000)
    offset = int_arg("offset", 0)
    return paginated(fields[offset:offset + limit], len(fields), limit, offset)


@bp.get("/metadata/templates/<name>/fields/<field>/")
def get_template_field(name: str, field: str) -> Response:
    for item in _template(name)["schema"]:
        if item["name"] == field:
            return jsonify(item)
    not_found(f"Field '{field}' not found in template '{name}'.")


@bp.get("/metadata/templates/<name>/fields/<field>/suggest/")
def suggest(name: str, field: str) -> Response:
    query = request.args.get("query")
    if query is None:
        validation_error({"query": ["This field is required."]})
    item = next((f for f in _template(name)["schema"] if f["name"] == field), None)
    if item is None:
        not_found(f"Field '{field}' not found in template '{name}'.")
    labels = item.get("labels") or {}
    values = [labels.get(c, {}).get("fr", c) for c in item.get("choices") or []]
    hits = [v for v in values if v.lower().startswith(query.lower()) or query.lower() in v.lower()]
    count = int_arg("count", 10, high=1000)
    return jsonify({"hits": hits[:count], "nb_hits": len(hits), "page": 0, "hits_per_page": count,
                    "exhaustive_nb_hits": True, "query": query, "processing_time_ms": 0})

