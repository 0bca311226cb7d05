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

from ..core.errors import PublicationError, os_reason

RECORD_FILE = "publications.jsonl"


class PublicationRecordError(PublicationError):
    """The portal holds the publication, but the local record could not be written."""


def record_path(project_dir: str | os.PathLike[str]) -> Path:
    return Path(project_dir) / ".odwb" / RECORD_FILE


def read_all(project_dir: str | os.PathLike[str]) -> tuple[list[dict[str, Any]], list[int]]:
    """Every readable publication, oldest first, and the numbers of the damaged lines (skipped).

    The file is read line by line as bytes: one bad byte or a torn line (a run cut while writing)
    spoils that line only, never the whole record nor the line after it.
    """
    path = record_path(project_dir)
    if not path.is_file():
        return [], []
    records: list[dict[str, Any]] = []
    damaged: list[int] = []
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw.decode("utf-8"))
            except ValueError:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
                damaged.append(number)
                continue
            if isinstance(item, dict):
                records.append(item)
            else:
                damaged.append(number)
    return records, damaged


def read_records(project_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every publication recorded for this project, oldest first (damaged lines are skipped)."""
    return read_all(project_dir)[0]


def damaged_lines(project_dir: str | os.PathLike[str]) -> list[int]:
    """Line numbers of ``publications.jsonl`` that could not be read (to tell the user)."""
    return read_all(project_dir)[1]


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
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab+") as out:
            out.seek(0, os.SEEK_END)
            if out.tell() > 0:
                out.seek(-1, os.SEEK_END)
                if out.read(1) != b"\n":  # a torn last line: end it, so it does not swallow this record
                    line = b"\n" + line
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise PublicationRecordError(
            f"Le jeu de données « {dataset_id} » est publié sur le portail, mais le registre local {path} n'a pas pu "
            f"être écrit ({os_reason(exc).fr}). Libérez de la place ou corrigez les droits du dossier, puis relancez "
            "la même commande : elle complétera le registre sans renvoyer le fichier.",
            f"Dataset '{dataset_id}' is published on the portal, but the local record {path} could not be written "
            f"({os_reason(exc).en}). Free some space or fix the folder's permissions, then run the same command "
            "again: it completes the record without uploading the file again.",
            exit_code=1,
        ) from exc
    return record
