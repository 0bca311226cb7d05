"""The field configurations and facets of :mod:`odwb_assist.metadata.field_configs`, diffed against the portal's.

Ours carry :data:`MARK` in their label: a rerun updates or deletes only ours, never one written by hand in the back
office, and sends nothing when the portal already holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..metadata.field_configs import MARK, NUMBER_TYPES, ODS_TYPES, Column, columns, configurations, facets
from ..metadata.field_names import technical_name  # (also ``fields.technical_name`` for geo and planning)

__all__ = ["MARK", "NUMBER_TYPES", "ODS_TYPES", "Column", "FieldChange", "changes", "columns", "configurations",
           "content", "facets", "identity", "technical_name"]


def identity(config: dict[str, Any]) -> tuple[str, str, str]:
    """What a configuration is about: (type, field, annotation); two configurations with one identity compete."""
    kind = str(config.get("type") or "")
    target = config.get("from_name") if kind == "rename" else config.get("field")
    return kind, str(target or ""), str(config.get("annotation") or "")


def content(config: dict[str, Any]) -> dict[str, Any]:
    """The configuration without its uid and label (what the portal applies)."""
    return {k: v for k, v in config.items() if k not in ("uid", "label")}


@dataclass
class FieldChange:
    """One call to make on ``/fields/``: ``create`` (POST), ``update`` (PUT ``uid``) or ``delete`` (DELETE ``uid``)."""

    action: str
    config: dict[str, Any]
    uid: str | None = None


def changes(current: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> list[FieldChange]:
    """The calls that bring the portal's configurations to ``wanted`` (none when it already holds them)."""
    ours = {identity(c): c for c in current if MARK in str(c.get("label") or "")}
    foreign = [content(c) for c in current if MARK not in str(c.get("label") or "")]
    out: list[FieldChange] = []
    kept: set[tuple[str, str, str]] = set()
    for config in wanted:
        key = identity(config)
        held = ours.get(key)
        if held is not None:
            kept.add(key)
            if content(held) != content(config):
                out.append(FieldChange("update", config, str(held.get("uid") or "")))
        elif content(config) not in foreign:
            out.append(FieldChange("create", config))
    out.extend(FieldChange("delete", held, str(held.get("uid") or "")) for key, held in ours.items() if key not in kept)
    return out
