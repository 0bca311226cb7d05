"""Trainer tools: prepare a workshop room (one folder and one sandbox key per participant) and follow its progress;
the demo, the browser checks of HTML outputs and the challenge documents.

>>> from odwb_assist.workshop import prepare, summarise          # doctest: +SKIP
>>> prepare("salle", 12, portal_url="http://192.168.1.10:8765", sandbox_data=".odwb/sandbox")
>>> summarise("salle").counts()

The names are imported lazily (on first use), so that importing one module of the package (the
challenge documents for ``challenge --help``) does not import the sandbox (Flask). Note: ``prepare``
is the function (its module is ``.prepare``).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ..core.lazy import lazy_exports

_EXPORTS = {
    "DEFAULT_PORTAL": "prepare", "DEFAULT_SANDBOX_DATA": "prepare", "PrepareResult": "prepare", "prepare": "prepare",
    "read_names": "prepare",
    "ROOM_FILE": "room", "Participant": "room", "Room": "room", "load_room": "room",
    "Progress": "summary", "RoomSummary": "summary", "online_datasets": "summary", "progress_of": "summary",
    "summarise": "summary",
}
# The function ``prepare`` shadows its module's name on purpose.
_SHADOWED = ("prepare",)

__all__ = ["DEFAULT_PORTAL", "DEFAULT_SANDBOX_DATA", "ROOM_FILE", "Participant", "PrepareResult", "Progress", "Room",
           "RoomSummary", "load_room", "online_datasets", "prepare", "progress_of", "read_names", "summarise"]

if TYPE_CHECKING:
    from .prepare import DEFAULT_PORTAL, DEFAULT_SANDBOX_DATA, PrepareResult, read_names
    from .prepare import prepare as prepare
    from .room import ROOM_FILE, Participant, Room, load_room
    from .summary import Progress, RoomSummary, online_datasets, progress_of, summarise






__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)


class _Package(types.ModuleType):
    """Keeps ``prepare`` bound to the function when its submodule gets imported (the import system then sets
    the package attribute to the submodule)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType) and hasattr(value, name):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
