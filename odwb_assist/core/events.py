"""Lifecycle events, announced to plugins through ``odwb_track_event``.

Events are small frozen values; listeners must not raise (an exception in a listener is reported
as a warning and never stops the workflow that announced the event).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DATASET_CHECKED = "dataset-checked"
DATASET_FIXED = "dataset-fixed"
METADATA_SCORED = "metadata-scored"
DATASET_PUBLISHED = "dataset-published"
INVENTORY_CHECKED = "inventory-checked"
CHALLENGE_DOCUMENT = "challenge-document-produced"
PUBLICATION_FAILED = "publication-failed"

CORE_EVENT_TYPES: dict[str, str] = {
    DATASET_CHECKED: "A data file was checked (payload: source, valid, error counts).",
    DATASET_FIXED: "A clean copy of a data file was written (payload: source, output, changes).",
    METADATA_SCORED: "Metadata was scored (payload: dataset_id, score, max, band).",
    DATASET_PUBLISHED: "A dataset was published (payload: dataset_id, uid, portal, records, title).",
    INVENTORY_CHECKED: "An inventory was read and checked (payload: path, entries, errors).",
    CHALLENGE_DOCUMENT: "A challenge document was produced (payload: kind, path).",
    PUBLICATION_FAILED: "A publication (or its dry run) failed (payload: dataset_id, reason, message, status).",
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Event:
    """Something that happened in the lifecycle.

    ``administration`` is the name from ``odwb.toml`` (when known) so that listeners such as the
    programme register can attach the event to the right administration; ``project_dir`` is the
    folder of that ``odwb.toml``.
    """

    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    administration: str | None = None
    nis_code: str | None = None
    project_dir: str | None = None
    timestamp: str = field(default_factory=_now)
