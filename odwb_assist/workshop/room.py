"""The room file ``salle.json``: the workshop's participants and their folders (never their keys).

::

    {"room": "atelier-namur", "created": "…", "portal": "http://192.168.1.10:8765",
     "sandbox_data": "/…/.odwb/sandbox",
     "participants": [{"number": 1, "name": "Participant 01", "folder": "participant-01",
                       "user": "atelier-namur-participant-01", "dataset_id": "…", "created": "…"}]}
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..core.errors import InputError, data_reason

ROOM_FILE = "salle.json"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Participant:
    """One participant: their display name, their folder (relative to the room), sandbox user and dataset id."""

    number: int
    name: str
    folder: str
    user: str
    dataset_id: str
    created: str = field(default_factory=now)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Room:
    """A prepared room: ``directory`` holds ``salle.json`` and one folder per participant."""

    directory: Path
    room: str
    portal: str
    sandbox_data: str | None = None
    created: str = field(default_factory=now)
    participants: list[Participant] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.directory / ROOM_FILE

    def folder(self, participant: Participant) -> Path:
        return self.directory / participant.folder

    def to_dict(self) -> dict[str, Any]:
        return {"room": self.room, "created": self.created, "portal": self.portal, "sandbox_data": self.sandbox_data,
                "participants": [p.to_dict() for p in self.participants]}

    def save(self) -> Path:
        """Write ``salle.json`` atomically."""
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(ROOM_FILE + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        return self.path


def load_room(directory: str | os.PathLike[str]) -> Room:
    """Read ``<directory>/salle.json``; an :class:`InputError` says how to prepare the room when it is missing."""
    folder = Path(directory).expanduser().resolve()
    path = folder / ROOM_FILE
    if not path.is_file():
        raise InputError(
            f"Pas de fichier {ROOM_FILE} dans {folder} : ce dossier n'a pas été préparé. Préparez la salle avec "
            f"« odwb-assist workshop prepare {folder} --participants N », ou donnez le bon dossier.",
            f"No {ROOM_FILE} in {folder}: this folder was not prepared. Prepare the room with "
            f"'odwb-assist workshop prepare {folder} --participants N', or give the right folder.",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        participants = [Participant(int(p["number"]), str(p["name"]), str(p["folder"]), str(p["user"]),
                                    str(p["dataset_id"]), str(p.get("created") or "")) for p in data["participants"]]
        return Room(folder, str(data["room"]), str(data["portal"]), data.get("sandbox_data"),
                    str(data.get("created") or ""), participants)
    except (ValueError, KeyError, TypeError) as exc:
        reason = data_reason(exc)
        raise InputError(
            f"{path} est illisible ou incomplet ({reason.fr}). Il a peut-être été modifié à la main : "
            "restaurez-le, ou préparez une nouvelle salle dans un autre dossier.",
            f"{path} is unreadable or incomplete ({reason.en}). It may have been edited by hand: "
            "restore it, or prepare a new room in another folder.",
        ) from exc
