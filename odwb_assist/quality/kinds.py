"""Field kinds: which semantic kind (NIS code, e-mail, latitude…) each column holds.

Kinds come from the ``odwb_field_kinds`` hook. A column's kind is the one its Table Schema field
declares (``"odwb:kind"``), else the best detected one: a header matching a kind's patterns
(lower-cased, accent-free) with a value sample scoring at least ``threshold``, or the sample alone
scoring at least ``value_threshold``; ties go to the higher ``priority``.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import Any

import pandas as pd
import pluggy

from ..checks.base import FieldKind
from ..plugins import collect, default_plugin_manager

SAMPLE_SIZE = 500


def normalise_header(label: str) -> str:
    """Lower-case, accent-free, single-spaced: the text header patterns are matched against."""
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


def field_kinds(plugins: pluggy.PluginManager | None = None) -> dict[str, FieldKind]:
    """Every contributed kind by name (the first contribution of a name wins)."""
    pm = plugins if plugins is not None else default_plugin_manager()
    kinds: dict[str, FieldKind] = {}
    for kind in collect(pm.hook.odwb_field_kinds()):
        if isinstance(kind, FieldKind) or hasattr(kind, "name"):
            kinds.setdefault(kind.name, kind)
    return kinds


def _declared(schema: Any) -> dict[str, str]:
    if schema is None:
        return {}
    fields = schema.get("fields", []) if isinstance(schema, dict) else [f.to_descriptor() for f in schema.fields]
    return {f["name"]: f["odwb:kind"] for f in fields if isinstance(f, dict) and f.get("odwb:kind") and f.get("name")}


def _score(kind: FieldKind, values: pd.Series) -> float:
    if kind.detect is None or values.empty:
        return 0.0
    try:
        return float(kind.detect(values))
    except Exception as exc:  # a plugin's detector must not stop the check
        warnings.warn(f"field kind {kind.name}: detector failed: {exc}", RuntimeWarning, stacklevel=2)
        return 0.0


def detect_kinds(
    frame: pd.DataFrame,
    plugins: pluggy.PluginManager | None = None,
    schema: Any = None,
    *,
    kinds: dict[str, FieldKind] | None = None,
) -> dict[str, str]:
    """Field name -> kind name for the columns of ``frame`` (raw text) that have a recognisable kind."""
    available = kinds if kinds is not None else field_kinds(plugins)
    declared = _declared(schema)
    result: dict[str, str] = {}
    sample = frame.head(SAMPLE_SIZE)
    for column in frame.columns:
        name = str(column)
        if name in declared:
            result[name] = declared[name]
            continue
        values = sample[column]
        values = values[values.str.strip() != ""]
        header = normalise_header(name)
        best: tuple[int, float, str] | None = None
        for kind in available.values():
            by_header = any(re.search(pattern, header) for pattern in kind.header_patterns)
            score = 1.0 if by_header and kind.detect is None else _score(kind, values)
            matched = (by_header and score >= kind.threshold) or score >= kind.value_threshold
            if not matched:
                continue
            candidate = (kind.priority, score + (1.0 if by_header else 0.0), kind.name)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        if best is not None:
            result[name] = best[2]
    return result
