"""Applying a dataset's processors at processing time, before the field configurations.

The portal runs the processing stack on the extracted text values, in the order of
``GET /datasets/{uid}/processors/`` ("it reads in the order in which processors are applied",
automation-v1.0.openapi.json, list-dataset-processors), then types the fields and applies the
field configurations. The sandbox offers the one processor the vendor's document shows:
``{"type": "string_replace", "field": ..., "old": ..., "new": ...}`` (create-dataset-processor
example), which replaces every occurrence of ``old`` by ``new`` in the named field. A processor
naming a field the file does not have, or with an empty ``old``, changes nothing.
"""

from __future__ import annotations

from typing import Any


def apply(names: list[str], rows: list[list[str]], processors: list[dict[str, Any]]) -> list[list[str]]:
    """``rows`` (text cells, in the order of ``names``) once every processor of the stack has run."""
    for processor in processors:
        if processor.get("type") != "string_replace":
            continue
        field, old, new = processor.get("field"), str(processor.get("old") or ""), str(processor.get("new") or "")
        if field not in names or not old:
            continue
        at = names.index(field)
        rows = [row[:at] + [row[at].replace(old, new)] + row[at + 1:] if old in row[at] else row for row in rows]
    return rows
