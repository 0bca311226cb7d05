"""Per-participant quota: how many datasets, and how many bytes of uploaded files and attachments.

Checked before ``POST /datasets/`` and before an upload (with the request's ``Content-Length``), so
that a full quota never costs the upload. Trainer (admin) keys are not limited. The values come from
:class:`~odwb_assist.sandbox.limits.Limits` (``sandbox serve --max-datasets / --max-mb``).
"""

from __future__ import annotations

import re
import sqlite3

from flask import Response, request

from .store import Store

_CREATE = re.compile(r"^/api/automation/v1\.0/datasets/?$")
_UPLOAD = re.compile(r"^/api/automation/v1\.0/datasets/[^/]+/(resources/files|attachments)/?$")


def used_bytes(store: Store, owner: str) -> int:
    """Bytes of the uploaded files and attachments of ``owner``'s datasets."""
    total = 0
    for table in ("files", "attachments"):
        try:
            rows = store.query(f"SELECT coalesce(sum(length(t.content)), 0) AS n FROM {table} t "
                               "JOIN datasets d ON d.uid = t.dataset_uid WHERE d.owner = ?", (owner,))
        except sqlite3.OperationalError:  # the attachments table is created on first use
            continue
        total += int(rows[0]["n"])
    return total


def check_quota() -> Response | None:
    """A 403 ``quota_exceeded`` when the caller's request would go over their quota, else None."""
    if request.method != "POST":
        return None
    creating = bool(_CREATE.match(request.path))
    uploading = bool(_UPLOAD.match(request.path))
    if not (creating or uploading):
        return None
    from .limits import current, refuse
    from .replies import caller, store

    user = caller()
    if user is None or user.is_admin:
        return None
    limits = current()
    if creating and limits.max_datasets:
        count = store().query("SELECT count(*) AS n FROM datasets WHERE owner = ?", (user.name,))[0]["n"]
        if count >= limits.max_datasets:
            return refuse(403, f"Quota reached: {limits.max_datasets} datasets per user. Delete one first, or ask the "
                               "trainer to raise the quota.", code="quota_exceeded")
    if uploading and limits.max_bytes:
        incoming = request.content_length or 0
        if used_bytes(store(), user.name) + incoming > limits.max_bytes:
            return refuse(403, f"Quota reached: {limits.max_bytes // (1024 * 1024)} MB of files per user. Delete a "
                               "dataset first, or ask the trainer to raise the quota.", code="quota_exceeded")
    return None
