"""The sandbox's state: one SQLite file (WAL mode) under the data directory, safe for many threads.

Each thread has its own connection; every write is one ``BEGIN IMMEDIATE`` transaction, so that
concurrent uploads never lose a row and a killed server restarts from a consistent file.
Metadata are stored unwrapped (``{template: {field: value}}``) and wrapped (``{"value": …}``) by
the API layer. API keys are stored as SHA-256 digests only (keys are 256-bit random tokens).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..core.errors import SandboxError, os_reason

DB_NAME = "sandbox.sqlite3"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, is_admin INTEGER NOT NULL DEFAULT 0, key_hash TEXT UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS datasets (
    uid TEXT PRIMARY KEY, dataset_id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL,
    is_restricted INTEGER NOT NULL DEFAULT 0, is_published INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}', published_metadata TEXT NOT NULL DEFAULT '{}',
    fields TEXT NOT NULL DEFAULT '[]', records_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'idle', status_since TEXT NOT NULL, previous_status TEXT,
    message TEXT, records_errors TEXT NOT NULL DEFAULT '[]',
    data_processed TEXT, metadata_processed TEXT);
CREATE TABLE IF NOT EXISTS files (
    uid TEXT PRIMARY KEY, dataset_uid TEXT NOT NULL, filename TEXT NOT NULL, mimetype TEXT,
    created_at TEXT NOT NULL, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS resources (
    uid TEXT PRIMARY KEY, dataset_uid TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    dataset_uid TEXT NOT NULL, position INTEGER NOT NULL, record_id TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (dataset_uid, position));
CREATE TABLE IF NOT EXISTS configs (
    uid TEXT PRIMARY KEY, dataset_uid TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS datasets_status ON datasets (status);
CREATE INDEX IF NOT EXISTS configs_dataset ON configs (dataset_uid, kind);
CREATE INDEX IF NOT EXISTS files_dataset ON files (dataset_uid);
CREATE INDEX IF NOT EXISTS resources_dataset ON resources (dataset_uid);
"""

_JSON_COLUMNS = ("metadata", "published_metadata", "fields", "records_errors")
_ALPHABET = string.ascii_lowercase + string.digits


SANDBOX_KEY_PREFIX = "sbx_"  # same as odwb_assist.portal.target.SANDBOX_KEY_PREFIX

def now() -> str:
    """The current UTC time as the vendor writes it (``2026-02-06T15:13:13Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_uid(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class User:
    name: str
    is_admin: bool

    def __repr__(self) -> str:
        return f"User(name={self.name!r}, is_admin={self.is_admin})"


class Store:
    """All the sandbox's state; ``data_dir`` is created if needed."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: keys' digests, uploads
        except OSError as exc:
            raise SandboxError(f"Impossible de créer le dossier de données {self.data_dir} : {os_reason(exc).fr}. "
                               "Choisissez un autre dossier avec --data.",
                               f"Cannot create the data directory {self.data_dir}: {os_reason(exc).en}. "
                               "Choose another one with --data.") from exc
        self.path = self.data_dir / DB_NAME
        self._local = threading.local()
        try:
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))  # SQLite gives its -wal/-shm the same mode
            conn = self._conn()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            conn.execute("INSERT OR IGNORE INTO settings VALUES ('schema_version', ?)", (json.dumps(SCHEMA_VERSION),))
        except (sqlite3.DatabaseError, OSError) as exc:
            reason = os_reason(exc).fr if isinstance(exc, OSError) else "fichier SQLite illisible"
            raise SandboxError(f"Le fichier {self.path} n'est pas une base du bac à sable ({reason}). "
                               "Videz-la avec « odwb-assist sandbox reset » ou choisissez un autre --data.",
                               f"{self.path} is not a sandbox database ({exc}). "
                               "Empty it with 'odwb-assist sandbox reset' or choose another --data.") from exc

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=60000")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so that writers queue instead of failing)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self._conn().execute(sql, params).fetchall()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- settings ----------------------------------------------------------------------------

    def get_setting(self, name: str, default: Any = None) -> Any:
        rows = self.query("SELECT value FROM settings WHERE name = ?", (name,))
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, name: str, value: Any) -> None:
        with self.tx() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (name, json.dumps(value)))

    # -- users -------------------------------------------------------------------------------

    def add_user(self, name: str, admin: bool = False) -> str:
        """Create (or re-key) a user; return the new API key, which is stored only as a digest."""
        key = SANDBOX_KEY_PREFIX + secrets.token_hex(24)  # recognisable: refused by a real portal client-side
        with self.tx() as conn:
            conn.execute(
                "INSERT INTO users (name, is_admin, key_hash, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET is_admin = excluded.is_admin, key_hash = excluded.key_hash",
                (name, int(admin), hash_key(key), now()),
            )
        return key

    def user_for_key(self, key: str) -> User | None:
        rows = self.query("SELECT name, is_admin FROM users WHERE key_hash = ?", (hash_key(key),))
        return User(rows[0]["name"], bool(rows[0]["is_admin"])) if rows else None

    def users(self) -> list[User]:
        return [User(r["name"], bool(r["is_admin"])) for r in self.query("SELECT name, is_admin FROM users ORDER BY name")]

    # -- datasets ----------------------------------------------------------------------------

    @staticmethod
    def _dataset(row: sqlite3.Row) -> dict[str, Any]:
        data = dict(row)
        for column in _JSON_COLUMNS:
            data[column] = json.loads(data[column])
        data["is_restricted"] = bool(data["is_restricted"])
        data["is_published"] = bool(data["is_published"])
        return data

    def create_dataset(self, owner: str, dataset_id: str, is_restricted: bool, metadata: dict[str, Any]) -> dict[str, Any]:
        """A new unpublished dataset; raises ``KeyError`` when ``dataset_id`` is already taken."""
        stamp = now()
        for _attempt in range(5):
            uid = new_uid("da_")
            try:
                with self.tx() as conn:
                    if conn.execute("SELECT 1 FROM datasets WHERE dataset_id = ?", (dataset_id,)).fetchone():
                        raise KeyError(dataset_id)
                    conn.execute(
                        "INSERT INTO datasets (uid, dataset_id, owner, is_restricted, created_at, updated_at, metadata,"
                        " status_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (uid, dataset_id, owner, int(is_restricted), stamp, stamp, json.dumps(metadata), stamp),
                    )
                return self.dataset(uid) or {}
            except sqlite3.IntegrityError:
                continue
        raise SandboxError("Impossible de créer un identifiant unique.", "Could not create a unique uid.")

    def dataset(self, uid: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM datasets WHERE uid = ?", (uid,))
        return self._dataset(rows[0]) if rows else None

    def dataset_by_id(self, dataset_id: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM datasets WHERE dataset_id = ?", (dataset_id,))
        return self._dataset(rows[0]) if rows else None

    def datasets(self, *, owner: str | None = None, dataset_id: str | None = None, published_only: bool = False,
                 limit: int | None = None, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(total count, one page) of datasets, oldest first, filtered by owner / dataset_id / publication."""
        where, params = [], []
        if owner is not None:
            where.append("owner = ?")
            params.append(owner)
        if dataset_id is not None:
            where.append("dataset_id = ?")
            params.append(dataset_id)
        if published_only:
            where.append("is_published = 1")
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.query(f"SELECT count(*) AS n FROM datasets{clause}", tuple(params))[0]["n"]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self.query(f"SELECT * FROM datasets{clause} ORDER BY created_at, rowid{page}", tuple(params))
        return total, [self._dataset(r) for r in rows]

    def update_dataset(self, uid: str, **values: Any) -> None:
        """Set columns of a dataset (JSON columns given as Python values); bumps ``updated_at`` unless given."""
        values.setdefault("updated_at", now())
        columns = ", ".join(f"{name} = ?" for name in values)
        params = [json.dumps(v) if k in _JSON_COLUMNS else (int(v) if isinstance(v, bool) else v) for k, v in values.items()]
        with self.tx() as conn:
            conn.execute(f"UPDATE datasets SET {columns} WHERE uid = ?", (*params, uid))

    def edit_metadata(self, uid: str, mutate: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Read, change and write a dataset's draft metadata in one transaction (no lost update)."""
        with self.tx() as conn:
            row = conn.execute("SELECT metadata FROM datasets WHERE uid = ?", (uid,)).fetchone()
            metadata: dict[str, Any] = json.loads(row["metadata"]) if row else {}
            mutate(metadata)
            conn.execute("UPDATE datasets SET metadata = ?, updated_at = ? WHERE uid = ?", (json.dumps(metadata), now(), uid))
        return metadata

    def delete_dataset(self, uid: str) -> None:
        with self.tx() as conn:
            for table in ("records", "resources", "files", "configs"):
                conn.execute(f"DELETE FROM {table} WHERE dataset_uid = ?", (uid,))
            conn.execute("DELETE FROM datasets WHERE uid = ?", (uid,))

    # -- processing status -------------------------------------------------------------------

    def set_status(self, uid: str, status: str, *, expect: tuple[str, ...] | None = None, message: str | None = None,
                   records_errors: list[dict[str, Any]] | None = None) -> bool:
        """Move a dataset to ``status``; with ``expect``, only from one of those states (returns False otherwise)."""
        with self.tx() as conn:
            row = conn.execute("SELECT status FROM datasets WHERE uid = ?", (uid,)).fetchone()
            if row is None or (expect is not None and row["status"] not in expect):
                return False
            conn.execute(
                "UPDATE datasets SET status = ?, previous_status = ?, status_since = ?, message = ?, records_errors = ?"
                " WHERE uid = ?",
                (status, row["status"], now(), message, json.dumps(records_errors or []), uid),
            )
        return True

    def claim_queued(self) -> str | None:
        """Take the oldest queued dataset and mark it ``processing`` (one worker wins)."""
        with self.tx() as conn:
            row = conn.execute("SELECT uid, status FROM datasets WHERE status = 'queued' ORDER BY status_since, rowid"
                               " LIMIT 1").fetchone()
            if row is None:
                return None
            conn.execute("UPDATE datasets SET status = 'processing', previous_status = 'queued', status_since = ?"
                         " WHERE uid = ?", (now(), row["uid"]))
        return str(row["uid"])

    def requeue_interrupted(self) -> int:
        """After a crash: datasets left ``processing`` go back to ``queued``."""
        with self.tx() as conn:
            cursor = conn.execute("UPDATE datasets SET status = 'queued', previous_status = 'processing', status_since = ?"
                                  " WHERE status = 'processing'", (now(),))
        return cursor.rowcount

    def finish_processing(self, uid: str, fields: list[dict[str, Any]], records: list[tuple[str, dict[str, Any]]],
                          metadata: dict[str, Any]) -> None:
        """Replace the published records and metadata of a dataset and mark it idle and published."""
        stamp = now()
        with self.tx() as conn:
            conn.execute("DELETE FROM records WHERE dataset_uid = ?", (uid,))
            conn.executemany(
                "INSERT INTO records (dataset_uid, position, record_id, data) VALUES (?, ?, ?, ?)",
                [(uid, i, rid, json.dumps(data, ensure_ascii=False)) for i, (rid, data) in enumerate(records)],
            )
            conn.execute(
                "UPDATE datasets SET fields = ?, records_count = ?, published_metadata = ?, is_published = 1,"
                " data_processed = ?, metadata_processed = ?, status = 'idle', previous_status = status,"
                " status_since = ?, message = NULL, records_errors = '[]' WHERE uid = ?",
                (json.dumps(fields), len(records), json.dumps(metadata), stamp, stamp, stamp, uid),
            )

    def records(self, uid: str) -> list[tuple[str, dict[str, Any]]]:
        rows = self.query("SELECT record_id, data FROM records WHERE dataset_uid = ? ORDER BY position", (uid,))
        return [(r["record_id"], json.loads(r["data"])) for r in rows]

    # -- files and resources -----------------------------------------------------------------

    def add_file(self, dataset_uid: str, filename: str, mimetype: str | None, content: bytes) -> dict[str, Any]:
        uid = new_uid("fi_")
        stamp = now()
        with self.tx() as conn:
            conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", (uid, dataset_uid, filename, mimetype, stamp, content))
        return {"uid": uid, "filename": filename, "mimetype": mimetype, "created_at": stamp}

    def file(self, dataset_uid: str, file_uid: str, *, content: bool = False) -> dict[str, Any] | None:
        columns = "uid, filename, mimetype, created_at" + (", content" if content else "")
        rows = self.query(f"SELECT {columns} FROM files WHERE dataset_uid = ? AND uid = ?", (dataset_uid, file_uid))
        return dict(rows[0]) if rows else None

    def save_resource(self, dataset_uid: str, body: dict[str, Any], uid: str | None = None) -> dict[str, Any]:
        """Create (no ``uid``) or replace a resource; returns the stored body with ``uid`` and ``updated_at``."""
        stamp = now()
        with self.tx() as conn:
            if uid is None:
                uid = new_uid("re_")
                position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM resources WHERE dataset_uid = ?",
                                        (dataset_uid,)).fetchone()[0]
                body = {**body, "uid": uid, "updated_at": stamp}
                conn.execute("INSERT INTO resources VALUES (?, ?, ?, ?, ?)",
                             (uid, dataset_uid, position, json.dumps(body), stamp))
            else:
                body = {**body, "uid": uid, "updated_at": stamp}
                conn.execute("UPDATE resources SET body = ?, updated_at = ? WHERE uid = ? AND dataset_uid = ?",
                             (json.dumps(body), stamp, uid, dataset_uid))
            conn.execute("UPDATE datasets SET updated_at = ? WHERE uid = ?", (stamp, dataset_uid))
        return body

    def resources(self, dataset_uid: str) -> list[dict[str, Any]]:
        rows = self.query("SELECT body FROM resources WHERE dataset_uid = ? ORDER BY position", (dataset_uid,))
        return [json.loads(r["body"]) for r in rows]

    def resource(self, dataset_uid: str, resource_uid: str) -> dict[str, Any] | None:
        rows = self.query("SELECT body FROM resources WHERE dataset_uid = ? AND uid = ?", (dataset_uid, resource_uid))
        return json.loads(rows[0]["body"]) if rows else None

    def delete_resource(self, dataset_uid: str, resource_uid: str) -> None:
        with self.tx() as conn:
            conn.execute("DELETE FROM resources WHERE dataset_uid = ? AND uid = ?", (dataset_uid, resource_uid))
            conn.execute("UPDATE datasets SET updated_at = ? WHERE uid = ?", (now(), dataset_uid))

    # -- field configurations and processors (``kind`` "field" / "processor"), a stack per dataset ----------

    def configs(self, dataset_uid: str, kind: str) -> list[dict[str, Any]]:
        rows = self.query("SELECT body FROM configs WHERE dataset_uid = ? AND kind = ? ORDER BY position, rowid",
                          (dataset_uid, kind))
        return [json.loads(r["body"]) for r in rows]

    def save_config(self, dataset_uid: str, kind: str, body: dict[str, Any], uid: str | None = None) -> dict[str, Any]:
        """Append (no ``uid``) or replace one configuration; the stored body, with its ``uid``."""
        with self.tx() as conn:
            if uid is None:
                uid = new_uid("pr_")
                position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM configs WHERE dataset_uid = ?",
                                        (dataset_uid,)).fetchone()[0]
                body = {"uid": uid, **body}
                conn.execute("INSERT INTO configs VALUES (?, ?, ?, ?, ?)", (uid, dataset_uid, kind, position, json.dumps(body)))
            else:
                body = {"uid": uid, **body}
                conn.execute("UPDATE configs SET body = ? WHERE uid = ? AND dataset_uid = ?",
                             (json.dumps(body), uid, dataset_uid))
            conn.execute("UPDATE datasets SET updated_at = ? WHERE uid = ?", (now(), dataset_uid))
        return body

    def delete_config(self, dataset_uid: str, uid: str) -> None:
        with self.tx() as conn:
            conn.execute("DELETE FROM configs WHERE dataset_uid = ? AND uid = ?", (dataset_uid, uid))
            conn.execute("UPDATE datasets SET updated_at = ? WHERE uid = ?", (now(), dataset_uid))


def reset(data_dir: str | Path) -> bool:
    """Delete the sandbox database of ``data_dir`` (and its WAL files); True if there was one."""
    base = Path(data_dir) / DB_NAME
    found = False
    for suffix in ("", "-wal", "-shm"):
        path = base.with_name(base.name + suffix)
        if path.exists():
            path.unlink()
            found = True
    return found
