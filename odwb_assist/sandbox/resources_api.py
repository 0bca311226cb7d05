"""Automation API v1.0: uploaded files and resources of a dataset (CSV files only in the sandbox)."""

from __future__ import annotations

import codecs
from typing import Any

from flask import Blueprint, Response, jsonify

from . import uploads
from .automation import json_body, owned_dataset
from .limits import MAX_UPLOAD_BYTES
from .replies import deleted, int_arg, not_found, paginated, require_user, store, validation_error

bp = Blueprint("automation_resources", __name__, url_prefix="/api/automation/v1.0/datasets/<uid>/resources")

EXTRACTORS = {"csvfile": "CSV File"}


@bp.before_request
def _authenticate() -> None:
    require_user()


# -- files -----------------------------------------------------------------------------------

@bp.post("/files/")
def upload_file(uid: str) -> tuple[Response, int]:
    from flask import request

    owned_dataset(uid)
    upload = request.files.get("file")
    if upload is None:
        validation_error({"file": ["No file was submitted: send a multipart request with a 'file' part."]})
    size = uploads.size_of(upload.stream)
    if not size:
        validation_error({"file": ["The submitted file is empty."]})
    if size > MAX_UPLOAD_BYTES:
        validation_error({"file": [f"A file is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB at most."]})
    return jsonify(uploads.save(store(), uid, upload, size)), 201  # streamed, never whole in memory


@bp.get("/files/<file_uid>/")
def get_file(uid: str, file_uid: str) -> Response:
    owned_dataset(uid)
    info = store().file(uid, file_uid)
    if info is None:
        not_found(f"File '{file_uid}' not found in this dataset.")
    return jsonify(info)


@bp.get("/files/<file_uid>/download/")
def download_file(uid: str, file_uid: str) -> Response:
    owned_dataset(uid)
    info = store().file(uid, file_uid)
    if info is None:
        not_found(f"File '{file_uid}' not found in this dataset.")
    return Response(uploads.chunks(store(), uid, file_uid), mimetype="application/octet-stream",
                    headers={"Content-Disposition": uploads.content_disposition(info["filename"])})


# -- resources -------------------------------------------------------------------------------

def check_resource(uid: str, body: dict[str, Any]) -> dict[str, Any]:
    """A resource body checked against the sandbox's abilities, with its read-only parts computed."""
    errors: dict[str, list[str]] = {}
    kind = body.get("type")
    if not kind:
        errors["type"] = ["This field is required."]
    elif not isinstance(kind, str) or kind not in EXTRACTORS:
        errors["type"] = [f"The sandbox supports only these extractors: {', '.join(EXTRACTORS)} (got '{kind}')."]
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        errors["title"] = ["This field is required."]
    params = body.get("params") or {}
    if not isinstance(params, dict):
        errors["params"] = ["Expected an object."]
        params = {}
    separator = params.get("separator")
    if separator is not None and (not isinstance(separator, str) or len(separator) != 1):
        errors["params.separator"] = ["The separator must be one character, e.g. ';' or ','."]
    encoding = params.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(str(encoding))
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            errors["params.encoding"] = [f"Unknown encoding '{encoding}' (e.g. 'utf-8', 'windows-1252')."]
    for flag in ("headers_first_row", "doublequote"):
        if flag in params and not isinstance(params[flag], bool):
            errors[f"params.{flag}"] = ["Must be a valid boolean."]
    datasource = body.get("datasource")
    filename = ""
    if not isinstance(datasource, dict) or "type" not in datasource:
        errors["datasource"] = ["This field is required: {\"type\": \"uploaded_file\", \"file\": {\"uid\": ...}}."]
    elif datasource["type"] != "uploaded_file" or not isinstance(datasource.get("file", {}), dict):
        errors["datasource.type"] = ["The sandbox accepts only uploaded files (type 'uploaded_file')."]
    else:
        file_uid = (datasource.get("file") or {}).get("uid") if isinstance(datasource.get("file"), dict) else None
        info = store().file(uid, str(file_uid)) if file_uid else None
        if info is None:
            errors["datasource.file"] = [f"Unknown uploaded file '{file_uid}': upload it first to /resources/files/."]
        else:
            filename = info["filename"]
    if errors:
        validation_error(errors)
    return {
        "type": kind, "title": title, "display_name": filename or title,
        "extraction_infos": {"label": EXTRACTORS[str(kind)], "type": kind},
        "origin": {"label": "Uploaded file", "type": "uploaded_file"},
        "params": params, "datasource": {"type": "uploaded_file", "file": {"uid": datasource["file"]["uid"]}},  # type: ignore[index]
    }


@bp.get("/")
def list_resources(uid: str) -> Response:
    owned_dataset(uid)
    limit = int_arg("limit", 20, high=1000)
    offset = int_arg("offset", 0)
    items = store().resources(uid)
    return paginated(items[offset:offset + limit], len(items), limit, offset)


@bp.post("/")
def create_resource(uid: str) -> tuple[Response, int]:
    owned_dataset(uid)
    return jsonify(store().save_resource(uid, check_resource(uid, json_body()))), 201


def _existing(uid: str, resource_uid: str) -> dict[str, Any]:
    owned_dataset(uid)
    resource = store().resource(uid, resource_uid)
    if resource is None:
        not_found(f"Resource '{resource_uid}' not found in this dataset.")
    return resource


@bp.get("/<resource_uid>/")
def get_resource(uid: str, resource_uid: str) -> Response:
    return jsonify(_existing(uid, resource_uid))


@bp.put("/<resource_uid>/")
def update_resource(uid: str, resource_uid: str) -> Response:
    current = _existing(uid, resource_uid)
    body = {**{k: current.get(k) for k in ("type", "title", "params", "datasource")}, **json_body()}
    saved = store().save_resource(uid, check_resource(uid, body), resource_uid)
    uploads.forget_unused(store(), uid, uploads.file_uid_of(current))  # the replaced upload, if now unused
    return jsonify(saved)


@bp.delete("/<resource_uid>/")
def delete_resource(uid: str, resource_uid: str) -> Response:
    current = _existing(uid, resource_uid)
    store().delete_resource(uid, resource_uid)
    uploads.forget_unused(store(), uid, uploads.file_uid_of(current))
    return deleted()
