"""Built-in plugin: the project journal ``.odwb/journal.jsonl`` (who checked, fixed, documented, published).

When an event is announced with a ``project_dir`` (the folder of ``odwb.toml``), one JSON line is
appended to ``<project_dir>/.odwb/journal.jsonl``::

    {"type": "dataset-checked", "timestamp": "2026-…", "administration": "…", "payload": {…}}

The payload is summarised: only short scalar values are kept (text cut at 300 characters, lists
and tables dropped) and any key that looks like a secret (``api_key``, ``token``, ``password``…) is
left out, so that the journal never holds a key. Events without ``project_dir`` are not recorded;
the journal is never created in a folder that does not exist. Block it with ``--block journal``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .events import Event
from .hookspecs import hookimpl

JOURNAL_FILE = "journal.jsonl"
MAX_TEXT = 300
SECRET_NAMES = re.compile(r"(api_?key|apikey|token|secret|password|passwd|mot_de_passe|authorization)", re.I)


def journal_path(project_dir: str | os.PathLike[str]) -> Path:
    """``<project_dir>/.odwb/journal.jsonl``."""
    return Path(project_dir) / ".odwb" / JOURNAL_FILE


def summarise(payload: dict[str, Any]) -> dict[str, Any]:
    """The short, secret-free part of an event payload that the journal keeps."""
    kept: dict[str, Any] = {}
    for key, value in payload.items():
        if SECRET_NAMES.search(str(key)):
            continue
        if value is None or isinstance(value, (bool, int, float)):
            kept[str(key)] = value
        elif isinstance(value, (str, os.PathLike)):
            kept[str(key)] = str(value)[:MAX_TEXT]
    return kept


def entry(event: Event) -> dict[str, Any]:
    """The journal line of one event."""
    return {"type": event.type, "timestamp": event.timestamp, "administration": event.administration,
            "nis_code": event.nis_code, "payload": summarise(dict(event.payload or {}))}


def append(event: Event) -> Path | None:
    """Write the event to its project's journal; ``None`` when it has no (existing) project folder."""
    if not event.project_dir:
        return None
    root = Path(event.project_dir)
    if not root.is_dir():
        return None
    path = journal_path(root)
    line = json.dumps(entry(event), ensure_ascii=False, default=str)
    try:
        path.parent.mkdir(exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    except OSError:  # a read-only project folder: the journal is a convenience, never a reason to fail
        return None
    return path


def read_journal(project_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every journal entry of a project, oldest first (unreadable lines are skipped)."""
    path = journal_path(project_dir)
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            entries.append(item)
    return entries


@hookimpl
def odwb_track_event(event: Event) -> None:
    append(event)
