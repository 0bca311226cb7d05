"""The inventory of an administration's data: template, reading and checks, discovery, priorities,
status and replicability.

Public API::

    write_template(path)                      the Excel template (drop-downs, help, example, guide)
    read(path) -> Inventory                   XLSX or CSV; .entries, .find(id), .findings
    check(path, lang) -> InventoryReport      read + findings by row and column + event
    discover(folder) -> list[InventoryEntry]  rows proposed from a folder of data files
    merge(existing, proposed)                 add proposals without overwriting what the user wrote
    prioritise(inventory) -> list[Ranked]     score and reasons; draw_matrix(ranked, out_dir)
    sync_status(inventory, project, client)   status and portal id from publications and the catalogue
    funnel(inventory) -> dict                 identified → published counts
    similar(...), schema_from_portal(...)     replicability: what other administrations published

The names are imported lazily (on first use): the chart needs matplotlib, the template openpyxl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports

_EXPORTS = {
    "draw_matrix": "chart",
    "discover": "discovery",
    "merge": "discovery",
    "merge_preview": "discovery",
    "COLUMNS": "model",
    "Inventory": "model",
    "InventoryEntry": "model",
    "table_schema": "model",
    "Ranked": "ranking",
    "prioritise": "ranking",
    "read": "reader",
    "SimilarDataset": "replicate",
    "schema_from_portal": "replicate",
    "similar": "replicate",
    "InventoryReport": "report",
    "check": "report",
    "SyncResult": "status",
    "funnel": "status",
    "sync_status": "status",
    "write_inventory": "template",
    "write_template": "template",
}

__all__ = [
    "COLUMNS", "Inventory", "InventoryEntry", "InventoryReport", "Ranked", "SimilarDataset", "SyncResult",
    "check", "discover", "draw_matrix", "funnel", "merge", "merge_preview", "prioritise", "read", "schema_from_portal",
    "similar", "sync_status", "table_schema", "write_inventory", "write_template",
]

if TYPE_CHECKING:
    from .chart import draw_matrix
    from .discovery import discover, merge, merge_preview
    from .model import COLUMNS, Inventory, InventoryEntry, table_schema
    from .ranking import Ranked, prioritise
    from .reader import read
    from .replicate import SimilarDataset, schema_from_portal, similar
    from .report import InventoryReport, check
    from .status import SyncResult, funnel, sync_status
    from .template import write_inventory, write_template


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
