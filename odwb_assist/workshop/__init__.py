"""Trainer tools: prepare a workshop room (one folder and one sandbox key per participant) and follow its progress.

>>> from odwb_assist.workshop import prepare, summarise          # doctest: +SKIP
>>> prepare("salle", 12, portal_url="http://192.168.1.10:8765", sandbox_data=".odwb/sandbox")
>>> summarise("salle").counts()
"""

from __future__ import annotations

from .prepare import DEFAULT_PORTAL, DEFAULT_SANDBOX_DATA, PrepareResult, prepare, read_names
from .room import ROOM_FILE, Participant, Room, load_room
from .summary import Progress, RoomSummary, online_datasets, progress_of, summarise

__all__ = ["DEFAULT_PORTAL", "DEFAULT_SANDBOX_DATA", "ROOM_FILE", "Participant", "PrepareResult", "Progress", "Room",
           "RoomSummary", "load_room", "online_datasets", "prepare", "progress_of", "read_names", "summarise"]
