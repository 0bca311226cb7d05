"""Which metadata values the publisher wrote or confirmed, and which are only the tool's proposals.

The score counts a proposal only once confirmed, and the publication refuses a licence the
publisher never chose. Written: ``odwb.toml`` / ``metadata.json`` / answers of ``document``
(:attr:`Metadata.user_fields`), the inventory's cells, and the ``[administration]`` section of
``odwb.toml`` (publisher, contact, language, website). Proposed: everything the tool guesses
(a title from the file name, themes and keywords from words, coverage from the administration's
territory or the data, the Walloon default licence).
"""

from __future__ import annotations

from typing import Any

from .model import Metadata

WRITTEN_SOURCES = frozenset({"user", "odwb.toml", "metadata.json", "metadata.enrich_inventory"})
# [administration] of odwb.toml, copied by metadata.enrich_project: written by the publisher (but the licence
# it proposes is the Walloon policy's default, and the timezone a technical default).
ADMINISTRATION_SOURCE = "metadata.enrich_project"
ADMINISTRATION_PROPOSALS = frozenset({"default.license", "default.timezone"})


def is_confirmed(metadata: Metadata, key: str) -> bool:
    """True when the value of ``key`` (``template.name``) was written or confirmed by the publisher.

    A value with no recorded source was set directly (a Metadata built in Python): it is the user's.
    """
    if key in metadata.user_fields:
        return True
    source = metadata.sources.get(key)
    if source is None or source in WRITTEN_SOURCES:
        return True
    return source == ADMINISTRATION_SOURCE and key not in ADMINISTRATION_PROPOSALS


def unconfirmed_keys(metadata: Metadata) -> frozenset[str]:
    """Every filled field whose value is only a proposal."""
    return frozenset(f"{template}.{name}" for template, values in metadata.templates.items() for name in values
                     if metadata.has(f"{template}.{name}") and not is_confirmed(metadata, f"{template}.{name}"))


class DraftedTemplate(dict[str, Any]):
    """A template of the publication payload that remembers which of its fields are proposals (``unconfirmed``),
    so that the publication blockers can tell a chosen licence from the default one. Sent as a plain dict."""

    unconfirmed: frozenset[str] = frozenset()


def toml_line(key: str, value: Any) -> str:
    """How to write ``key`` in ``[datasets.metadata]`` of odwb.toml (``theme = ["Mobilité"]``)."""
    import json

    template, _, name = key.partition(".")
    shown = json.dumps(value, ensure_ascii=False) if value is not None else '"…"'
    return f"{name} = {shown}" if template == "default" else f"\"{key}\" = {shown}"
