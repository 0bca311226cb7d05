"""Uploaded files streamed into and out of the store, 1 MB at a time (SQLite incremental blob I/O).

The multipart parser spools an upload to a temporary file; :func:`save` reserves a blob of its size
(``zeroblob``) and copies it in chunks, so that a 100 MB upload never sits in memory whole. A file no
resource uses any more, once replaced or its resource deleted, is deleted (:func:`forget_unused`).
"""

from __future__ import annotations

import mimetypes
import unicodedata
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import quote

from werkzeug.datastructures import FileStorage

from .store import Store, new_uid, now

CHUNK = 1024 * 1024


def clean_filename(name: str | None, default: str = "upload.csv") -> str:
    """A file name without folders or control characters, 200 characters at most."""
    name = (name or "").replace("/", "_").replace("\\", "_")
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:200] or default


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the exact name as RFC 6266 ``filename*`` (any script)."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def size_of(stream: IO[bytes]) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def save(store: Store, dataset_uid: str, upload: FileStorage, size: int) -> dict[str, Any]:
    """Store ``upload`` (``size`` bytes) as a file of the dataset; returns the vendor's file object."""
    uid = new_uid("fi_")
    stamp = now()
    filename = clean_filename(upload.filename)
    mimetype = upload.mimetype if upload.mimetype and upload.mimetype != "application/octet-stream" else None
    mimetype = mimetype or mimetypes.guess_type(filename)[0]
    with store.tx() as conn:
        cursor = conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, zeroblob(?))",
                              (uid, dataset_uid, filename, mimetype, stamp, size))
        with conn.blobopen("files", "content", int(cursor.lastrowid or 0)) as blob:
            upload.stream.seek(0)
            written = 0
            while written < size:
                chunk = upload.stream.read(min(CHUNK, size - written))
                if not chunk:
                    break
                blob.write(chunk)
                written += len(chunk)
    return {"uid": uid, "filename": filename, "mimetype": mimetype, "created_at": stamp}


def chunks(store: Store, dataset_uid: str, file_uid: str) -> Iterator[bytes]:
    """The bytes of a stored file, chunk by chunk (for a download)."""
    rows = store.query("SELECT rowid FROM files WHERE dataset_uid = ? AND uid = ?", (dataset_uid, file_uid))
    if not rows:
        return
    with store._conn().blobopen("files", "content", int(rows[0]["rowid"]), readonly=True) as blob:
        while chunk := blob.read(CHUNK):
            yield chunk


def file_uid_of(resource: dict[str, Any] | None) -> str | None:
    datasource = (resource or {}).get("datasource") or {}
    found = (datasource.get("file") or {}).get("uid") if isinstance(datasource.get("file"), dict) else None
    return str(found) if found else None


def forget_unused(store: Store, dataset_uid: str, file_uid: str | None) -> bool:
    """Delete the file ``file_uid`` if no resource of the dataset uses it any more; True if deleted."""
    if not file_uid or any(file_uid_of(r) == file_uid for r in store.resources(dataset_uid)):
        return False
    with store.tx() as conn:
        cursor = conn.execute("DELETE FROM files WHERE dataset_uid = ? AND uid = ?", (dataset_uid, file_uid))
    return cursor.rowcount > 0
