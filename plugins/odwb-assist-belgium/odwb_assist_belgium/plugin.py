"""Hook implementations of the Belgian plugin."""

from __future__ import annotations

from odwb_assist.hookspecs import hookimpl

__all__ = ["odwb_field_kinds"]


@hookimpl
def odwb_field_kinds() -> list:
    return []
