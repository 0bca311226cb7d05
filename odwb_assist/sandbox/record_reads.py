"""Reads of a dataset's published records that decode only what a request needs.

A plain page (no filter, no sort) is one SQL ``LIMIT/OFFSET`` on the records' primary key; a
filtered or aggregated query streams the records in chunks of :data:`CHUNK`, so that memory holds
the matches (or the groups), never every decoded record at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .store import Store

CHUNK = 2000


def page(store: Store, uid: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Records ``offset`` to ``offset + limit`` in publication order (``limit < 0``: all from ``offset``)."""
    rows = store.query("SELECT data FROM records WHERE dataset_uid = ? ORDER BY position LIMIT ? OFFSET ?",
                       (uid, limit, offset))
    return [json.loads(r["data"]) for r in rows]


def stream(store: Store, uid: str) -> Iterator[dict[str, Any]]:
    """Every record, decoded chunk by chunk."""
    return (data for _record_id, data in stream_pairs(store, uid))


def stream_pairs(store: Store, uid: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(record id, record)``, decoded chunk by chunk."""
    position = 0
    while True:
        rows = store.query("SELECT position, record_id, data FROM records WHERE dataset_uid = ? AND position >= ?"
                           " ORDER BY position LIMIT ?", (uid, position, CHUNK))
        for row in rows:
            yield row["record_id"], json.loads(row["data"])
        if len(rows) < CHUNK:
            return
        position = rows[-1]["position"] + 1


def record(store: Store, uid: str, record_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT data FROM records WHERE dataset_uid = ? AND record_id = ?", (uid, record_id))
    return json.loads(rows[0]["data"]) if rows else None
