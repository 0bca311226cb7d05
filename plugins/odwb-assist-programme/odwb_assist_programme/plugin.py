"""Hook implementations of the programme plugin."""

from __future__ import annotations

from odwb_assist.hookspecs import hookimpl

__all__ = ["odwb_event_types"]


@hookimpl
def odwb_event_types() -> dict[str, str]:
    return {}
