"""Metadata: the ODS templates model, drafting, scoring and exports.

Public API: :class:`Metadata`, :func:`draft`, :func:`score` (-> :class:`MetadataReport`),
:func:`publication_payload`, the exports in :mod:`.export`, and :class:`MetadataRule` for plugins.
Note: ``draft`` and ``score`` are the functions (their modules are ``.draft`` and ``.score``).
"""

from __future__ import annotations

# Registered by odwb_assist.plugins, in this order; plugin name = path without "odwb_assist.".
BUILTIN_PLUGINS: tuple[str, ...] = (
    "odwb_assist.metadata.enrich_inventory",
    "odwb_assist.metadata.enrich_project",
    "odwb_assist.metadata.enrich_data",
    "odwb_assist.metadata.enrich_fallback",
    "odwb_assist.metadata.rules_mqa",
    "odwb_assist.metadata.rules_odwb",
)

from .draft import DraftContext  # noqa: E402
from .draft import draft as draft  # noqa: E402
from .export import (  # noqa: E402
    datapackage_descriptor,
    render_dictionary_html,
    render_dictionary_markdown,
    write_datapackage,
    write_documentation,
)
from .model import FieldInfo, Metadata  # noqa: E402
from .payload import publication_payload  # noqa: E402
from .score import MetadataFinding, MetadataReport, MetadataRule, ScoreContext  # noqa: E402
from .score import score as score  # noqa: E402  (the function shadows the module name on purpose)

__all__ = [
    "BUILTIN_PLUGINS", "DraftContext", "FieldInfo", "Metadata", "MetadataFinding", "MetadataReport", "MetadataRule",
    "ScoreContext", "datapackage_descriptor", "draft", "publication_payload", "render_dictionary_html",
    "render_dictionary_markdown", "score", "write_datapackage", "write_documentation",
]
