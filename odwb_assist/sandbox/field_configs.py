"""Applying a dataset's field configurations at processing time, as the portal does.

The stack (``/datasets/{uid}/fields/``) is applied in order to the extracted fields and records:
``rename`` (technical name and label), ``type`` (values converted; ``geo_point_2d`` reads
``"lat,lon"`` into ``{"lat", "lon"}`` as Explore returns it, ``geo_shape`` its GeoJSON text into the geometry),
``annotate`` (Explore's ``annotations`` object, name → args), ``description``, ``order`` and ``delete``. The facets
(``asset_content_configuration.facets``) are shown by :mod:`.catalog` from the published metadata.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .processing import _DATE, _DATETIME, Extraction

_NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


def geo_point(value: Any) -> dict[str, float] | None:
    """``"50.46, 4.86"`` (latitude first, as the vendor's geo_point_2d text form) → ``{"lat", "lon"}``."""
    if isinstance(value, dict) and "lat" in value and "lon" in value:
        return {"lat": float(value["lat"]), "lon": float(value["lon"])}
    parts = str(value or "").split(",")
    if len(parts) != 2 or not all(_NUMBER.match(p) for p in parts):
        return None
    lat, lon = (float(p) for p in parts)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"lat": lat, "lon": lon}


def geo_shape(value: Any) -> dict[str, Any] | None:
    """A GeoJSON geometry, as sent (the vendor's ``geo_shape``: « geographical shapes expressed in GeoJSON »,
    « Defining a dataset schema »); None for a text that is none."""
    if not isinstance(value, dict):
        try:
            value = json.loads(str(value))
        except ValueError:
            return None
    return value if isinstance(value, dict) and isinstance(value.get("type"), str) else None


def _convert(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if kind == "int":
            return int(float(text))
        if kind == "double":
            return float(text)
    except ValueError:
        return None
    if kind == "geo_point_2d":
        return geo_point(value)
    if kind == "geo_shape":
        return geo_shape(value)
    if kind == "date":
        return text if _DATE.match(text) else None
    if kind == "datetime":
        return text if _DATETIME.match(text) else None
    return text


def _field(fields: list[dict[str, Any]], name: Any) -> dict[str, Any] | None:
    return next((f for f in fields if f["name"] == name), None)


def apply(extraction: Extraction, configs: list[dict[str, Any]]) -> Extraction:
    """The extraction once the configurations are applied (configurations of unknown fields are skipped)."""
    fields = [dict(f, annotations=dict(f.get("annotations") or {})) for f in extraction.fields]
    records = [(rid, dict(data)) for rid, data in extraction.records]
    for config in configs:
        kind = config.get("type")
        target = _field(fields, config.get("from_name") if kind == "rename" else config.get("field"))
        if kind == "order":
            wanted = [str(n) for n in config.get("args") or config.get("order") or []]
            fields.sort(key=lambda f: wanted.index(f["name"]) if f["name"] in wanted else len(wanted))
        elif target is None:
            continue
        elif kind == "rename":
            old, new = target["name"], str(config.get("to_name") or target["name"])
            target["name"], target["label"] = new, str(config.get("field_label") or target["label"])
            if new != old:
                records = [(rid, {(new if k == old else k): v for k, v in data.items()}) for rid, data in records]
        elif kind == "type":
            target["type"] = str(config["type_param"])
            for _rid, data in records:
                data[target["name"]] = _convert(data.get(target["name"]), target["type"])
        elif kind == "annotate":
            target["annotations"][str(config["annotation"])] = list(config.get("args") or [])
        elif kind == "description":
            target["description"] = str(config.get("description") or "") or None
        elif kind == "delete":
            fields.remove(target)
            for _rid, data in records:
                data.pop(target["name"], None)
    return Extraction(fields, records)
