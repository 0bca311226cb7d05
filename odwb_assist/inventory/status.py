"""Keep the inventory's status up to date, and count the funnel identified → published.

Sources, most trusted first: the local publication record ``.odwb/publications.jsonl`` (one JSON
line per publication made with odwb-assist) and, when a portal client is given, the portal
catalogue (is the dataset of this entry visible on the portal?). A status only moves forward,
and a value the user wrote (portal id, date) is never replaced.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import NotFoundError, PortalError
from ..core.i18n import Msg
from .model import STATUSES, Inventory, InventoryEntry

RECORD_FILE = "publications.jsonl"


@dataclass(frozen=True)
class StatusChange:
    identifier: str
    field: str
    old: str
    new: str
    source: str  # "record" or "portal"

    def to_dict(self) -> dict[str, str]:
        return {"identifier": self.identifier, "field": self.field, "old": self.old, "new": self.new,
                "source": self.source}


@dataclass
class SyncResult:
    """The updated entries (copies), what changed, and notes (portal unreachable, unknown dataset…)."""

    entries: list[InventoryEntry]
    changes: list[StatusChange] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<SyncResult : {len(self.entries)} ligne(s), {len(self.changes)} changement(s) de statut>"

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        return {"changes": [c.to_dict() for c in self.changes], "notes": [n(lang) for n in self.notes],
                "funnel": funnel(self.entries)}


def read_records(project: Any) -> list[dict[str, Any]]:
    """The publication record lines of the project (``.odwb/publications.jsonl``); bad lines skipped."""
    state_dir = getattr(project, "state_dir", None)
    if state_dir is None:
        return []
    path = Path(state_dir) / RECORD_FILE
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and data.get("dataset_id"):
            records.append(data)
    return records


def _stage(status: str) -> int:
    return STATUSES.index(status) if status in STATUSES else 0


def _set(entry: InventoryEntry, key: str, value: str, source: str, changes: list[StatusChange]) -> None:
    old = str(getattr(entry, key) or "")
    if key == "status":
        if _stage(value) <= _stage(old) and old in STATUSES:
            return
    elif old:
        return
    setattr(entry, key, value)
    changes.append(StatusChange(entry.identifier, key, old, value, source))


def _match(entries: list[InventoryEntry], dataset_id: str, links: dict[str, str]) -> InventoryEntry | None:
    wanted = dataset_id.lower()
    for entry in entries:
        if entry.dataset_id and entry.dataset_id.lower() == wanted:
            return entry
    inventory_id = links.get(dataset_id)
    for entry in entries:
        if (inventory_id and entry.identifier.lower() == inventory_id.lower()) or entry.identifier.lower() == wanted:
            return entry if not entry.dataset_id else None
    return None


def _portal_check(entries: list[InventoryEntry], client: Any, changes: list[StatusChange], notes: list[Msg]) -> None:
    for entry in entries:
        if not entry.dataset_id or entry.status == "publié":
            continue
        try:
            answer = client.explore.dataset(entry.dataset_id)
        except NotFoundError:
            answer = None
        except PortalError as exc:
            notes.append(Msg(f"Portail non joignable, catalogue non consulté : {exc.message('fr')}",
                             f"Portal unreachable, catalogue not consulted: {exc.message('en')}"))
            return
        if not isinstance(answer, dict) or not answer.get("dataset_id"):
            notes.append(Msg(f"{entry.identifier} : le jeu « {entry.dataset_id} » n'est pas (encore) visible sur le portail.",
                             f"{entry.identifier}: dataset '{entry.dataset_id}' is not (yet) visible on the portal."))
            continue
        _set(entry, "status", "publié", "portal", changes)
        modified = str(((answer.get("metas") or {}).get("default") or {}).get("modified") or "")[:10]
        if modified:
            _set(entry, "published_on", modified, "portal", changes)


def sync_status(inventory: Inventory | Iterable[InventoryEntry], project: Any, client: Any = None) -> SyncResult:
    """Update status, portal id and publication date from the publication record, then (when
    ``client`` is given, e.g. ``PortalClient.from_config(project)``) from the portal catalogue.

    The inventory given is not modified: the result holds updated copies.
    """
    source = inventory.entries if isinstance(inventory, Inventory) else inventory
    entries = [copy.deepcopy(e) for e in source]
    changes: list[StatusChange] = []
    notes: list[Msg] = []
    links = {d.id: d.inventory_id for d in getattr(project, "datasets", []) if getattr(d, "inventory_id", None)}
    portal_url = str(getattr(getattr(project, "portal", None), "url", "") or "").rstrip("/")
    for record in read_records(project):
        dataset_id = str(record["dataset_id"])
        record_portal = str(record.get("portal") or "").rstrip("/")
        if portal_url and record_portal and record_portal != portal_url:
            continue  # a publication on another portal (e.g. the sandbox) does not count here
        entry = _match(entries, dataset_id, links)
        if entry is None:
            notes.append(Msg(f"Publication « {dataset_id} » sans ligne correspondante dans l'inventaire : ajoutez "
                             "son identifiant ODWB à la bonne ligne.",
                             f"Publication '{dataset_id}' matches no inventory row: add its ODWB id to the right row."))
            continue
        _set(entry, "dataset_id", dataset_id, "record", changes)
        _set(entry, "status", "publié", "record", changes)
        when = str(record.get("when") or "")[:10]
        if when:
            _set(entry, "published_on", when, "record", changes)
    if client is not None:
        _portal_check(entries, client, changes, notes)
    return SyncResult(entries, changes, notes)


def funnel(inventory: Inventory | Iterable[InventoryEntry]) -> dict[str, int]:
    """How many entries reached each stage (cumulative): ``{"identifié": 12, …, "publié": 2}``."""
    entries = inventory.entries if isinstance(inventory, Inventory) else list(inventory)
    counts = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        for status in STATUSES[: _stage(entry.status) + 1]:
            counts[status] += 1
    return counts
