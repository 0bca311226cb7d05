"""The columns as the portal shows them: the field configurations and facets a publication sends.

Sources: the data dictionary (drafted, then ``[datasets.fields]`` of odwb.toml) gives each column's
label, description, unit and facet; ``[datasets.fields]`` may also give ``type`` (an ODS type),
``decimals``, ``sortable``, ``multivalued`` (the separator), ``facetsort`` and ``position`` (column order).

They are sent the way the vendor documents it (automation-v1.0.openapi.json, tag "Dataset fields",
``POST /datasets/{uid}/fields/`` examples; docs: /work/shared/reference/ods-api.md §2.6):

* label → ``{"type": "rename", "from_name": n, "to_name": n, "field_label": label}`` (same technical name);
* description → ``{"type": "description", "field", "description"}``;
* type → ``{"type": "type", "field", "type_param"}`` — only when declared (or the map column): the
  portal's own typing keeps codes with leading zeros as text, a guessed ``int`` would not;
* unit, decimals, sortable, multivalued → ``{"type": "annotate", "field", "annotation", "args"}``;
* order → one ``{"type": "order", "args": [names…]}``;
* facets → the metadata ``asset_content_configuration.facets`` (``field_name``, ``facetsort``,
  ``disjunctive``, ``timerange_filter``: DatasetMetadataAssetContentConfiguration), sent as metadata.

Each configuration we send carries :data:`MARK` in its label: a rerun updates or deletes only ours,
never one written by hand in the back office, and sends nothing when the portal already holds them
(:mod:`odwb_assist.publish.fields` diffs them). The documentation's ``payload.json`` shows the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .field_names import technical_name

MARK = "[odwb-assist]"
ODS_TYPES = ("text", "int", "double", "geo_point_2d", "geo_shape", "date", "datetime", "file")
NUMBER_TYPES = ("int", "double", "integer", "number")


@dataclass
class Column:
    """What we want the portal to show for one column of the uploaded file."""

    name: str  # technical name on the portal
    header: str
    label: str | None = None
    description: str | None = None
    type: str | None = None  # an ODS type, sent only when set
    data_type: str | None = None  # the dictionary's type (Table Schema), to know where a unit applies
    unit: str | None = None
    decimals: int | None = None
    sortable: bool = False
    multivalued: str | None = None
    facet: bool = False
    facetsort: str | None = None
    position: int | None = None


def columns(header: list[str], dictionary: Iterable[Any], settings: dict[str, Any]) -> list[Column]:
    """One :class:`Column` per header of the uploaded file, from the data dictionary and ``[datasets.fields]``.

    ``dictionary`` holds :class:`~odwb_assist.metadata.model.FieldInfo`-like objects (``name``, ``label``,
    ``description``, ``unit``, ``facet``, ``type``); a column is found by its header or its technical name.
    """
    taken: set[str] = set()
    names = [technical_name(h, taken, i) for i, h in enumerate(header)]
    by_key: dict[str, Any] = {}
    for info in dictionary:
        by_key.setdefault(str(info.name), info)
        by_key.setdefault(technical_name(str(info.name)), info)
    result = []
    for name, head in zip(names, header, strict=True):
        info = by_key.get(head) or by_key.get(name)
        raw = settings.get(head, settings.get(name))
        extra = raw if isinstance(raw, dict) else {}
        column = Column(name=name, header=head)
        if info is not None:
            column.label = getattr(info, "label", None) or None
            column.description = getattr(info, "description", None) or None
            column.unit = getattr(info, "unit", None) or None
            column.facet = bool(getattr(info, "facet", False))
            column.data_type = getattr(info, "type", None)
            column.multivalued = getattr(info, "multivalued", None) or None
        if isinstance(raw, str):
            column.description = raw
        for key in ("label", "description", "unit", "multivalued", "facetsort"):
            if isinstance(extra.get(key), str) and extra[key].strip():
                setattr(column, key, extra[key].strip())
        if extra.get("multivalued") == "":  # the cells are single values, whatever the draft found
            column.multivalued = None
        if isinstance(extra.get("type"), str) and extra["type"] in ODS_TYPES:
            column.type = extra["type"]
        if isinstance(extra.get("decimals"), int) and not isinstance(extra["decimals"], bool):
            column.decimals = extra["decimals"]
        if isinstance(extra.get("position"), int) and not isinstance(extra["position"], bool):
            column.position = extra["position"]
        if isinstance(extra.get("sortable"), bool):
            column.sortable = extra["sortable"]
        if isinstance(extra.get("facet"), bool):
            column.facet = extra["facet"]
        result.append(column)
    return result


def _annotate(name: str, annotation: str, args: list[Any], what: str) -> dict[str, Any]:
    return {"type": "annotate", "label": f"{what} de {name} {MARK}", "field": name, "annotation": annotation,
            "args": args}


def configurations(cols: list[Column]) -> list[dict[str, Any]]:
    """The field configurations wanted, in the order they are appended (types first, then the rest)."""
    configs: list[dict[str, Any]] = []
    for c in cols:
        if c.type and c.type != "text":
            configs.append({"type": "type", "label": f"Type de {c.name} {MARK}", "field": c.name, "type_param": c.type})
    for c in cols:
        if c.label and c.label != c.header:
            configs.append({"type": "rename", "label": f"Libellé de {c.name} {MARK}", "from_name": c.name,
                            "to_name": c.name, "field_label": c.label})
        if c.description:
            configs.append({"type": "description", "label": f"Description de {c.name} {MARK}", "field": c.name,
                            "description": c.description})
        numeric = (c.type or "") in NUMBER_TYPES or (c.type is None and (c.data_type or "") in NUMBER_TYPES)
        if c.unit and numeric:
            configs.append(_annotate(c.name, "unit", [c.unit], "Unité"))
        if c.decimals is not None and numeric:
            configs.append(_annotate(c.name, "decimals", [c.decimals], "Décimales"))
        if c.sortable:
            configs.append(_annotate(c.name, "sortable", [], "Tri"))
        if c.multivalued:
            configs.append(_annotate(c.name, "multivalued", [c.multivalued], "Valeurs multiples"))
    placed = [c for c in cols if c.position is not None]
    if placed:
        first = sorted(placed, key=lambda c: c.position or 0)
        order = [c.name for c in first] + [c.name for c in cols if c.position is None]
        if order != [c.name for c in cols]:
            configs.append({"type": "order", "label": f"Ordre des colonnes {MARK}", "args": order})
    return configs


def facets(cols: list[Column]) -> list[dict[str, Any]]:
    """``asset_content_configuration.facets``: the columns that make good filters."""
    out = []
    for c in cols:
        if not c.facet:
            continue
        dated = (c.type or c.data_type or "") in ("date", "datetime", "year")
        item: dict[str, Any] = {"field_name": c.name, "facetsort": c.facetsort or ("-alphanum" if dated else "-count")}
        if dated:
            item["timerange_filter"] = True
        else:
            item["disjunctive"] = True
        out.append(item)
    return out
