"""What the portal holds versus what we want to send: metadata values, resource, checksum of a payload.

Pure functions (no I/O) used by :mod:`.planning` to compute the minimal plan.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

CSV_PARAMS: dict[str, Any] = {
    "separator": ",", "encoding": "utf-8", "headers_first_row": True, "first_row_no": 1, "doublequote": True,
}


def unwrap(value: Any) -> Any:
    """``{"value": x}`` → ``x`` (the Automation API wraps every metadata value)."""
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and not value)


def _as_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit() or value[4] != "-":
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def same_value(current: Any, wanted: Any) -> bool:
    """Whether the portal's ``current`` value already is ``wanted`` (dates and spacing compared loosely)."""
    current = unwrap(current)
    if is_empty(current) and is_empty(wanted):
        return True
    if isinstance(wanted, str) and isinstance(current, str):
        if current.strip() == wanted.strip():
            return True
        a, b = _as_datetime(current), _as_datetime(wanted)
        return a is not None and a == b
    if isinstance(wanted, (list, tuple)) and isinstance(current, (list, tuple)):
        return [str(v).strip() for v in current] == [str(v).strip() for v in wanted]
    if isinstance(wanted, bool) or isinstance(current, bool):
        return current is wanted
    return bool(current == wanted)


def normalise_payload(metadata: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{template: {field: value}}`` with values unwrapped and empty values dropped."""
    clean: dict[str, dict[str, Any]] = {}
    for template, fields in (metadata or {}).items():
        if not isinstance(fields, dict):
            continue
        values = {name: unwrap(value) for name, value in fields.items()}
        values = {name: value for name, value in values.items() if not is_empty(value)}
        if values:
            clean[str(template)] = values
    return clean


def metadata_changes(current: dict[str, Any], wanted: dict[str, dict[str, Any]]) -> list[tuple[str, str, Any]]:
    """``(template, field, value)`` for each wanted field that the portal does not hold yet."""
    changes = []
    for template, fields in wanted.items():
        held = current.get(template) or {}
        for name, value in fields.items():
            if not same_value(held.get(name), value):
                changes.append((template, name, value))
    return changes


def wrap(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: {"value": value} for name, value in fields.items()}


def checksum_of(data: Any) -> str:
    """A stable ``sha256:…`` of a JSON-able value (to know whether the metadata changed since last time)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def resource_file(resource: dict[str, Any]) -> dict[str, Any]:
    """The ``datasource.file`` of an uploaded-file resource (``{}`` otherwise)."""
    source = resource.get("datasource") or {}
    if source.get("type") != "uploaded_file":
        return {}
    return dict(source.get("file") or {})


def same_params(current: dict[str, Any] | None, wanted: dict[str, Any]) -> bool:
    held = current or {}
    return all(held.get(key) == value for key, value in wanted.items())
