"""Built-in plugin: the core lifecycle event types."""

from __future__ import annotations

from .events import CORE_EVENT_TYPES
from .hookspecs import hookimpl


@hookimpl
def odwb_event_types() -> dict[str, str]:
    return dict(CORE_EVENT_TYPES)
