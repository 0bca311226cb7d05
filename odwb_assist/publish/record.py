"""The local publication record: ``.odwb/publications.jsonl`` beside ``odwb.toml``.

One JSON object per line, appended after each successful publication::

    {"when", "dataset_id", "uid", "portal", "records", "checksum": "sha256:…", "title",
     "administration", "nis_code", "restricted", "overrides": [{"code", "justification"}],
     "file_uid", "resource_uid", "metadata_checksum"}

The last three keys let the next run know what the portal already holds (no new upload, no new
publication when nothing changed).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RECORD_FILE = "publications.jsonl"


def record_path(project_dir: str | os.PathLike[str]) -> Path:
    return Path(project_dir) / ".odwb" / RECORD_FILE


def read_records(project_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every publication recorded for this project, oldest first (unreadable lines are skipped)."""
    path = record_path(project_dir)
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            records.append(item)
    return records


def last_record(project_dir: str | os.PathLike[str], portal: str, dataset_id: str) -> dict[str, Any] | None:
    """The latest publication of ``dataset_id`` on ``portal``, or ``None``."""
    for item in reversed(read_records(project_dir)):
        if item.get("dataset_id") == dataset_id and str(item.get("portal", "")).rstrip("/") == portal.rstrip("/"):
            return item
    return None


def append(project_dir: str | os.PathLike[str], *, dataset_id: str, uid: str, portal: str, records: int | None,
           checksum: str, title: str | None = None, administration: str | None = None, nis_code: str | None = None,
           restricted: bool = False, overrides: list[dict[str, str]] | None = None, when: str | None = None,
           **extra: Any) -> dict[str, Any]:
    """Append one publication and return it (the file and its folder are created when needed)."""
    record: dict[str, Any] = {
        "when": when or datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset_id": dataset_id, "uid": uid, "portal": portal, "records": records, "checksum": checksum,
        "title": title, "administration": administration, "nis_code": nis_code, "restricted": restricted,
        "overrides": list(overrides or []), **extra,
    }
    path = record_path(project_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record
