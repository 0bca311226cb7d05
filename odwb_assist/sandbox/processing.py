"""Dataset processing: read a dataset's resources (CSV files) into typed fields and records.

Field names are normalised as the portal does (``Code INS`` -> ``code_ins``, label kept); types are
inferred (``int``, ``double``, ``date``, ``datetime``, else ``text``). A file that cannot be decoded
or parsed, or rows with the wrong number of values, make the processing fail with
``records_errors`` (the previous publication, if any, stays online).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import processors

MAX_RECORD_ERRORS = 100


class ProcessingFailed(Exception):
    def __init__(self, message: str, records_errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.records_errors = records_errors or []


@dataclass
class Extraction:
    fields: list[dict[str, Any]] = field(default_factory=list)
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def field_name(label: str, taken: set[str], position: int) -> str:
    """The portal's technical name for a column header."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or f"field_{position + 1}"
    if name[0].isdigit():
        name = "field_" + name
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


_INT = re.compile(r"^-?(0|[1-9]\d{0,14})$")  # leading zeros (postal, NIS codes) stay text
_DOUBLE = re.compile(r"^-?\d+\.\d+$|^-?\d+(\.\d+)?[eE][-+]?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def infer_type(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    if not present:
        return "text"
    for kind, pattern in (("int", _INT), ("double", _DOUBLE), ("date", _DATE), ("datetime", _DATETIME)):
        if all(pattern.match(v) for v in present):
            return kind
    if all(_INT.match(v) or _DOUBLE.match(v) for v in present) and any(_DOUBLE.match(v) for v in present):
        return "double"
    return "text"


def convert(value: str, kind: str) -> Any:
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "double":
        return float(value)
    return value


def _decode(content: bytes, encoding: str) -> str:
    try:
        text = content.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except LookupError as exc:
        raise ProcessingFailed(f"Unknown encoding '{encoding}'.") from exc
    except UnicodeDecodeError as exc:
        raise ProcessingFailed(
            f"The file cannot be decoded with encoding '{encoding}' (byte {exc.start}). "
            "Save it as UTF-8 or set the resource parameter 'encoding'.") from exc
    if "\x00" in text:
        raise ProcessingFailed("The file is binary, not a CSV text file.")
    return text


def extract_csv(content: bytes, params: dict[str, Any]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header labels and ``(line number, values)`` rows of a CSV file, with the resource's parameters."""
    text = _decode(content, str(params.get("encoding") or "utf-8"))
    separator = params.get("separator")
    if not separator:
        first = text.splitlines()[0] if text.strip() else ""
        separator = max([",", ";", "\t", "|"], key=first.count)
    doublequote = bool(params.get("doublequote", True))
    first_row = max(int(params.get("first_row_no") or 1), 1)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=str(separator)[0], doublequote=doublequote,
                               escapechar=None if doublequote else "\\", strict=True))
    except csv.Error as exc:
        raise ProcessingFailed(f"The CSV file cannot be parsed: {exc}.") from exc
    numbered = [(i + 1, row) for i, row in enumerate(rows) if i + 1 >= first_row and any(cell.strip() for cell in row)]
    if not numbered:
        raise ProcessingFailed("The file is empty: no header and no record.")
    if params.get("headers_first_row", True):
        header = [cell.strip() for cell in numbered[0][1]]
        numbered = numbered[1:]
    else:
        header = [f"Field {i + 1}" for i in range(len(numbered[0][1]))]
    return header, numbered


def extract(resources: list[tuple[dict[str, Any], bytes]], stack: list[dict[str, Any]] | None = None) -> Extraction:
    """Fields and records of all the resources (appended in order), once the processors of ``stack`` have run on
    the text values (before typing, as the portal does); raises :class:`ProcessingFailed`."""
    labels: list[str] = []
    rows: list[list[str]] = []
    errors: list[dict[str, str]] = []
    for resource, content in resources:
        kind = resource.get("type")
        if kind != "csvfile":
            raise ProcessingFailed(f"The sandbox can only process 'csvfile' resources, not '{kind}'.")
        header, numbered = extract_csv(content, resource.get("params") or {})
        for label in header:
            if label not in labels:
                labels.append(label)
        index = [labels.index(label) for label in header]
        for line, values in numbered:
            if len(values) != len(header):
                errors.append({"record_id": f"{resource.get('uid', '')}:{line}", "field_uid": "", "processor_uid": "",
                               "message": f"Line {line} of '{resource.get('title', '')}' has {len(values)} values, "
                                          f"{len(header)} expected (check the separator and the quotes)."})
                continue
            row = [""] * len(labels)
            for position, value in zip(index, values, strict=True):
                row[position] = value.strip()
            rows.append(row)
    if errors:
        raise ProcessingFailed(f"{len(errors)} line(s) could not be parsed.", errors[:MAX_RECORD_ERRORS])
    rows = [row + [""] * (len(labels) - len(row)) for row in rows]
    taken: set[str] = set()
    names = [field_name(label, taken, i) for i, label in enumerate(labels)]
    rows = processors.apply(names, rows, stack or [])
    types = [infer_type([row[i] for row in rows]) for i in range(len(labels))]
    fields: list[dict[str, Any]] = [{"name": n, "label": label, "type": t, "annotations": {}, "description": None}
              for n, label, t in zip(names, labels, types, strict=True)]
    records: list[tuple[str, dict[str, Any]]] = []
    for position, row in enumerate(rows):
        data = {n: convert(v, t) for n, v, t in zip(names, row, types, strict=True)}
        digest = hashlib.sha1(f"{position}:{json.dumps(data, sort_keys=True, default=str)}".encode()).hexdigest()
        records.append((digest, data))
    return Extraction(fields, records)
