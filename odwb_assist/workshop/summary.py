"""``summary``: the room's progress — who checked, fixed, documented, published — from the participants'
records (``.odwb/journal.jsonl``, ``.odwb/publications.jsonl``, ``documentation/``) and the portal.

The portal is asked once for the whole room (``dataset_id IN (…)`` on the public catalogue, one
request per hundred datasets), anonymously: « online » means visible to the public.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core import journal
from ..core.errors import OdwbError
from ..core.events import DATASET_CHECKED, DATASET_FIXED, METADATA_SCORED, PUBLICATION_FAILED
from ..core.i18n import Msg
from ..publish import record as publication_record
from .room import Participant, Room, load_room, now

BATCH = 100


@dataclass
class Progress:
    """What one participant has done; ``*_at`` are ISO timestamps, ``online`` is ``None`` when unknown."""

    number: int
    name: str
    folder: str
    dataset_id: str
    checked_at: str | None = None
    valid: bool | None = None
    errors: int | None = None
    fixed_at: str | None = None
    clean_file: str | None = None
    documented_at: str | None = None
    score: str | None = None
    published_at: str | None = None
    published_records: int | None = None
    online: bool | None = None
    online_records: int | None = None
    problem: str | None = None
    failed_at: str | None = None  # the last failed publication (or dry run) after the last success
    failure: str | None = None  # its reason, in French (« refusée par un blocage (personal-data) »)
    failure_code: str | None = None  # blocked, bad-request, unavailable, key, quota, offline, taken, other

    @property
    def checked(self) -> bool:
        return self.checked_at is not None

    @property
    def fixed(self) -> bool:
        return self.fixed_at is not None

    @property
    def documented(self) -> bool:
        return self.documented_at is not None

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def last_step(self) -> str:
        """The furthest step reached: online, published, documented, fixed, checked, or none."""
        for name, done in (("online", bool(self.online)), ("published", self.published), ("documented", self.documented),
                           ("fixed", self.fixed), ("checked", self.checked)):
            if done:
                return name
        return "none"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(checked=self.checked, fixed=self.fixed, documented=self.documented, published=self.published,
                    last_step=self.last_step)
        return data


@dataclass
class RoomSummary:
    """The whole room; ``portal_error`` says why the portal could not confirm publications."""

    room: str
    directory: str
    portal: str
    participants: list[Progress] = field(default_factory=list)
    portal_error: Msg | None = None
    generated: str = field(default_factory=now)

    def counts(self) -> dict[str, int]:
        people = self.participants
        return {"participants": len(people), "checked": sum(p.checked for p in people),
                "fixed": sum(p.fixed for p in people), "documented": sum(p.documented for p in people),
                "published": sum(p.published for p in people), "online": sum(bool(p.online) for p in people)}

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"room": self.room, "directory": self.directory, "portal": self.portal, "generated": self.generated,
                "counts": self.counts(), "portal_error": self.portal_error(lang) if self.portal_error else None,
                "participants": [p.to_dict() for p in self.participants]}

    def to_json(self, lang: str = "fr") -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2)


def _last(entries: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    for item in reversed(entries):
        if item.get("type") == kind:
            return item
    return None


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")


def progress_of(room: Room, participant: Participant) -> Progress:
    """One participant's progress from the files in their folder (no network)."""
    folder = room.folder(participant)
    row = Progress(participant.number, participant.name, participant.folder, participant.dataset_id)
    if not folder.is_dir():
        row.problem = "missing-folder"
        return row
    entries = journal.read_journal(folder)
    checked = _last(entries, DATASET_CHECKED)
    if checked:
        payload = checked.get("payload") or {}
        row.checked_at, row.valid, row.errors = checked.get("timestamp"), payload.get("valid"), payload.get("errors")
    for item in reversed(entries):
        output = (item.get("payload") or {}).get("output") if item.get("type") == DATASET_FIXED else None
        if output and Path(output).is_file():  # a clean file that is still there
            row.fixed_at, row.clean_file = item.get("timestamp"), Path(output).name
            break
    documents = sorted(folder.glob("documentation/*/metadata.json"), key=lambda p: p.stat().st_mtime)
    if documents:
        row.documented_at = _mtime(documents[-1])
    scored = _last(entries, METADATA_SCORED)
    if scored:
        payload = scored.get("payload") or {}
        if payload.get("score") is not None:
            row.score = f"{payload.get('score')}/{payload.get('max')}"
        row.documented_at = row.documented_at or scored.get("timestamp")
    records = publication_record.read_records(folder)
    mine = [r for r in records if r.get("dataset_id") == participant.dataset_id] or records
    if mine:
        last = mine[-1]
        row.published_at, row.published_records = last.get("when"), last.get("records")
        row.dataset_id = str(last.get("dataset_id") or participant.dataset_id)
    failed = _last(entries, PUBLICATION_FAILED)
    if failed and str(failed.get("timestamp") or "") >= str(row.published_at or ""):
        payload = failed.get("payload") or {}
        row.failed_at, row.failure_code = failed.get("timestamp"), payload.get("reason")
        row.failure = str(payload.get("message") or "") + (" (simulation)" if payload.get("dry_run") else "")
    return row


def online_datasets(portal_url: str, dataset_ids: list[str], *, timeout: float = 10.0) -> dict[str, int | None]:
    """``{dataset_id: records_count}`` of those datasets the public catalogue shows (one request per 100)."""
    from ..portal import PortalClient

    client = PortalClient(portal_url, "", timeout=timeout, max_retries=1, backoff=0.2)  # anonymous: public view
    found: dict[str, int | None] = {}
    unique = sorted(set(dataset_ids))
    for start in range(0, len(unique), BATCH):
        batch = unique[start:start + BATCH]
        where = "dataset_id IN (" + ", ".join(json.dumps(i) for i in batch) + ")"
        page = client.explore.catalog_datasets(where=where, limit=BATCH)
        for item in page.get("results") or []:
            default = (item.get("metas") or {}).get("default") or {}
            count = default.get("records_count")
            found[str(item.get("dataset_id"))] = int(count) if isinstance(count, int) else None
    return found


def summarise(directory: str | os.PathLike[str] = ".", *, portal_url: str | None = None,
              check_portal: bool = True) -> RoomSummary:
    """The progress of every participant of the room in ``directory``; ``portal_url`` overrides ``salle.json``."""
    room = load_room(directory)
    portal = (portal_url or room.portal).rstrip("/")
    summary = RoomSummary(room.room, str(room.directory), portal, [progress_of(room, p) for p in room.participants])
    if not check_portal or not summary.participants:
        return summary
    try:
        online = online_datasets(portal, [p.dataset_id for p in summary.participants])
    except OdwbError as exc:
        summary.portal_error = exc.text
        return summary
    for row in summary.participants:
        row.online = row.dataset_id in online
        row.online_records = online.get(row.dataset_id)
    return summary
