"""Metadata: the ODS templates model, drafting, scoring and exports.

Public API: :class:`Metadata`, :func:`draft`, :func:`score` (-> :class:`MetadataReport`),
:func:`publication_payload`, the exports in :mod:`.export`, and :class:`MetadataRule` for plugins.
Note: ``draft`` and ``score`` are the functions (their modules are ``.draft`` and ``.score``).

The names are imported lazily (on first use), so that reading ``BUILTIN_PLUGINS`` or registering
the built-in plugins does not import pandas, Frictionless or Jinja.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ..core.lazy import lazy_exports

# Registered by odwb_assist.core.plugins, in this order; plugin name = path without "odwb_assist.".
BUILTIN_PLUGINS: tuple[str, ...] = (
    "odwb_assist.metadata.enrich_inventory",
    "odwb_assist.metadata.enrich_file_notes",
    "odwb_assist.metadata.enrich_project",
    "odwb_assist.metadata.enrich_data",
    "odwb_assist.metadata.enrich_fallback",
    "odwb_assist.metadata.rules_mqa",
    "odwb_assist.metadata.rules_odwb",
)

_EXPORTS = {
    "DraftContext": "draft",
    "draft": "draft",
    "datapackage_descriptor": "export",
    "render_dictionary_html": "export",
    "render_dictionary_markdown": "export",
    "write_datapackage": "export",
    "write_documentation": "export",
    "FieldInfo": "model",
    "Metadata": "model",
    "publication_payload": "payload",
    "publication_parts": "payload",
    "MetadataFinding": "score",
    "MetadataReport": "score",
    "MetadataRule": "score",
    "ScoreContext": "score",
    "score": "score",
}
# The functions ``draft`` and ``score`` shadow their modules' names on purpose.
_SHADOWED = ("draft", "score")

__all__ = [
    "BUILTIN_PLUGINS", "DraftContext", "FieldInfo", "Metadata", "MetadataFinding", "MetadataReport", "MetadataRule",
    "ScoreContext", "datapackage_descriptor", "draft", "publication_parts", "publication_payload", "vocabularies",
    "render_dictionary_html",
    "render_dictionary_markdown", "score", "write_datapackage", "write_documentation",
]

if TYPE_CHECKING:
    from .draft import DraftContext
    from .draft import draft as draft
    from .export import (
        datapackage_descriptor,
        render_dictionary_html,
        render_dictionary_markdown,
        write_datapackage,
        write_documentation,
    )
    from .model import FieldInfo, Metadata
    from .payload import publication_parts, publication_payload
    from .score import MetadataFinding, MetadataReport, MetadataRule, ScoreContext
    from .score import score as score






__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)


class _Package(types.ModuleType):
    """Keeps ``draft`` and ``score`` bound to the functions when their submodules get imported (the import
    system then sets the package attribute to the submodule)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType) and hasattr(value, name):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
