"""Dataset attachments (a PDF of the data dictionary, a methodology note…), as both APIs show them.

Automation v1.0: ``GET/POST /datasets/{uid}/attachments/`` (multipart part ``file``),
``GET/DELETE /datasets/{uid}/attachments/{attachment_uid}/`` and ``…/download/``, answering the
vendor's ``DatasetAttachment`` (``uid``, ``filename``, ``mimetype``, ``created_at``). Explore v2.1
lists them in the dataset object (``{mimetype, url: "odsfile://…", id, title}``) and under
``/catalog/datasets/{id}/attachments``. Their table lives here (created on first use) so that the
shared store stays as it is.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from flask import Blueprint, Response, jsonify, request

from .store import Store, new_uid, now

MAX_BYTES = 20 * 1024 * 1024
TABLE = """CREATE TABLE IF NOT EXISTS attachments (
    uid TEXT PRIMARY KEY, dataset_uid TEXT NOT NULL, filename TEXT NOT NULL, mimetype TEXT, created_at TEXT NOT NULL,
    content BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS attachments_dataset ON attachments (dataset_uid);"""
_COLUMNS = "uid, filename, mimetype, created_at"

bp = Blueprint("automation_attachments", __name__, url_prefix="/api/automation/v1.0/datasets/<uid>/attachments")


def _ready(store: Store) -> Store:
    if not getattr(store, "_attachments_ready", False):
        for statement in TABLE.split(";"):
            if statement.strip():
                store.query(statement)  # DDL in autocommit mode, idempotent
        store._attachments_ready = True  # type: ignore[attr-defined]
    return store


def listing(store: Store, dataset_uid: str) -> list[dict[str, Any]]:
    rows = _ready(store).query(f"SELECT {_COLUMNS} FROM attachments WHERE dataset_uid = ? ORDER BY created_at, rowid",
                               (dataset_uid,))
    return [dict(r) for r in rows]


def by_dataset(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every dataset's attachments, in one query (for the catalogue)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in _ready(store).query(f"SELECT dataset_uid, {_COLUMNS} FROM attachments ORDER BY created_at, rowid"):
        data = dict(row)
        found.setdefault(data.pop("dataset_uid"), []).append(data)
    return found


def explore_id(filename: str) -> str:
    """The Explore id of an attachment: its file name with every other character than letters and digits as ``_``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", filename).strip("_").lower() or "attachment"


def explore_items(attachments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"mimetype": a["mimetype"] or "application/octet-stream", "url": f"odsfile://{a['filename']}",
             "id": explore_id(a["filename"]), "title": a["filename"]} for a in attachments]


def content(store: Store, dataset_uid: str, explore_or_uid: str) -> dict[str, Any] | None:
    """An attachment with its bytes, by Automation uid or Explore id."""
    rows = _ready(store).query(f"SELECT {_COLUMNS}, content FROM attachments WHERE dataset_uid = ?", (dataset_uid,))
    for row in rows:
        if explore_or_uid in (row["uid"], explore_id(row["filename"])):
            return dict(row)
    return None


def file_response(found: dict[str, Any]) -> Response:
    name = found["filename"].replace('"', "")
    ascii_name = name.encode("ascii", "replace").decode("ascii")
    return Response(bytes(found["content"]), content_type=found["mimetype"] or "application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{ascii_name}"'})


# -- Automation API --------------------------------------------------------------------------

@bp.before_request
def _authenticate() -> None:
    from .replies import require_user

    require_user()


@bp.get("/")
def list_attachments(uid: str) -> Response:
    from .automation import owned_dataset
    from .replies import int_arg, paginated, store

    owned_dataset(uid)
    limit, offset = int_arg("limit", 20, high=1000), int_arg("offset", 0)
    items = listing(store(), uid)
    return paginated(items[offset:offset + limit], len(items), limit, offset)


@bp.post("/")
def add_attachment(uid: str) -> tuple[Response, int]:
    from .automation import owned_dataset
    from .replies import store, validation_error

    owned_dataset(uid)
    upload = request.files.get("file")
    if upload is None:
        validation_error({"file": ["No file was submitted: send a multipart request with a 'file' part."]})
    data = upload.read(MAX_BYTES + 1)
    if not data or len(data) > MAX_BYTES:
        validation_error({"file": ["The file is empty." if not data else "An attachment is 20 MB at most."]})
    filename = (upload.filename or "attachment").replace("/", "_").replace("\\", "_")[:200]
    mimetype = upload.mimetype if upload.mimetype and upload.mimetype != "application/octet-stream" else None
    item = {"uid": new_uid("at_"), "filename": filename, "mimetype": mimetype or mimetypes.guess_type(filename)[0],
            "created_at": now()}
    with _ready(store()).tx() as conn:
        conn.execute("INSERT INTO attachments VALUES (?, ?, ?, ?, ?, ?)",
                     (item["uid"], uid, filename, item["mimetype"], item["created_at"], data))
    return jsonify(item), 201


def _one(uid: str, attachment_uid: str) -> dict[str, Any]:
    from .automation import owned_dataset
    from .replies import not_found, store

    owned_dataset(uid)
    found = next((a for a in listing(store(), uid) if a["uid"] == attachment_uid), None)
    if found is None:
        not_found(f"Attachment '{attachment_uid}' not found in this dataset.")
    return found


@bp.get("/<attachment_uid>/")
def get_attachment(uid: str, attachment_uid: str) -> Response:
    return jsonify(_one(uid, attachment_uid))


@bp.get("/<attachment_uid>/download/")
def download_attachment(uid: str, attachment_uid: str) -> Response:
    from .replies import store

    _one(uid, attachment_uid)
    found = content(store(), uid, attachment_uid)
    assert found is not None
    return file_response(found)


@bp.delete("/<attachment_uid>/")
def delete_attachment(uid: str, attachment_uid: str) -> Response:
    from .replies import deleted, store

    _one(uid, attachment_uid)
    with store().tx() as conn:
        conn.execute("DELETE FROM attachments WHERE dataset_uid = ? AND uid = ?", (uid, attachment_uid))
    return deleted()
