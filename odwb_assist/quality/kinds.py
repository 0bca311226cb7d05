"""Field kinds: which semantic kind (NIS code, e-mail, latitude…) each column holds.

Kinds come from the ``odwb_field_kinds`` hook. A column's kind is the one its Table Schema field
declares (``"odwb:kind"``), else the best detected one: a header matching a kind's patterns
(lower-cased, accent-free) with a value sample scoring at least ``threshold``, or the sample alone
scoring at least ``value_threshold``; ties go to the higher ``priority``.

Detection must cost little per column (workbooks have hundreds): header patterns and prefilters
are compiled once per kind; per column, the header is matched and the distinct sample values go
through each kind's cheap ``prefilter`` in plain Python before any detector runs; a detector runs
only when enough values could pass it; kinds are tried by decreasing priority and a match stops
the search among lower priorities (a perfect one stops it altogether).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pluggy

from ..core.contract import FieldKind
from ..core.plugins import collect, default_plugin_manager

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


def identifier_fields(kinds: dict[str, str], available: dict[str, FieldKind]) -> frozenset[str]:
    """The fields whose kind is an identifier (``FieldKind.identifier``): their values belong each to its row."""
    return frozenset(name for name, kind in kinds.items()
                     if getattr(available.get(kind), "identifier", False))


def _declared(schema: Any) -> dict[str, str]:
    if schema is None:
        return {}
    fields = schema.get("fields", []) if isinstance(schema, dict) else [f.to_descriptor() for f in schema.fields]
    return {f["name"]: f["odwb:kind"] for f in fields if isinstance(f, dict) and f.get("odwb:kind") and f.get("name")}


def _score(kind: FieldKind, values: pd.Series, shaped: bool = False) -> float:
    """``kind.detect`` of a sample (``shaped``: its ``header_detect``, the header matching)."""
    detector = getattr(kind, "header_detect", None) if shaped else kind.detect
    if detector is None or values.empty:
        return 0.0
    try:
        return float(detector(values))
    except Exception as exc:  # a plugin's detector must not stop the check
        warnings.warn(f"field kind {kind.name}: detector failed: {exc}", RuntimeWarning, stacklevel=2)
        return 0.0


@dataclass(frozen=True)
class _Compiled:
    """A kind with its patterns compiled (once per detection run, not once per column)."""

    kind: FieldKind
    header: re.Pattern[str] | None
    prefilter: re.Pattern[str] | None


def _compile(kinds: dict[str, FieldKind]) -> list[_Compiled]:
    compiled = []
    for kind in kinds.values():
        patterns = tuple(getattr(kind, "header_patterns", ()) or ())
        header = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        prefilter = getattr(kind, "prefilter", None)
        compiled.append(_Compiled(kind, header, re.compile(prefilter) if prefilter else None))
    # by decreasing priority: once a kind matched, lower priorities cannot win
    return sorted(compiled, key=lambda c: -getattr(c.kind, "priority", 0))


def _could_pass(compiled: _Compiled, distinct: Counter[str], total: int, needed: float) -> bool:
    """Cheap upper bound of the detector's score: the share of values the prefilter accepts."""
    if compiled.prefilter is None:
        return True
    search = compiled.prefilter.search
    passing = sum(count for value, count in distinct.items() if search(value))
    return passing / total >= needed


def _best_kind(header: str, cells: list[str], compiled: list[_Compiled],
               scores: dict[tuple[str, tuple[str, ...]], float] | None = None) -> str | None:
    """The best kind for a column; ``scores``: the detectors' scores of this run by (kind, cells), since columns
    of a wide table often repeat the same values (a detector's score depends on the values only)."""
    distinct = Counter(cells)
    values: pd.Series | None = None
    best: tuple[int, float, str] | None = None
    for entry in compiled:
        kind = entry.kind
        priority = getattr(kind, "priority", 0)
        if best is not None and priority < best[0]:
            break
        by_header = bool(entry.header and entry.header.search(header))
        needed = min(kind.threshold, kind.value_threshold) if by_header else kind.value_threshold
        shaped = by_header and getattr(kind, "header_detect", None) is not None  # scored by the values' shape
        if kind.detect is None and not shaped:
            score = 1.0 if by_header else 0.0
        elif not cells or needed > 1.0 or not _could_pass(entry, distinct, len(cells), needed):
            continue
        else:
            key = (f"{kind.name} header" if shaped else kind.name, tuple(cells))
            if scores is not None and key in scores:
                score = scores[key]
            else:
                if values is None:
                    values = pd.Series(cells, dtype=object)
                score = _score(kind, values, shaped)
                if scores is not None:
                    scores[key] = score
        matched = (by_header and score >= kind.threshold) or (not shaped and score >= kind.value_threshold)
        if not matched:
            continue
        candidate = (priority, score + (1.0 if by_header else 0.0), kind.name)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
        if candidate[1] >= 2.0:  # header and every value: nothing can do better
            break
    return best[2] if best is not None else None


def detect_kinds(
    frame: pd.DataFrame,
    plugins: pluggy.PluginManager | None = None,
    schema: Any = None,
    *,
    kinds: dict[str, FieldKind] | None = None,
) -> dict[str, str]:
    """Field name -> kind name for the columns of ``frame`` (raw text) that have a recognisable kind."""
    sample = frame if len(frame) <= SAMPLE_SIZE else frame.head(SAMPLE_SIZE)
    data = sample.to_numpy(dtype=object)  # one conversion (a column at a time costs a pandas call per column)
    columns = [data[:, position].tolist() for position in range(data.shape[1])]
    return column_kinds([str(column) for column in frame.columns], columns, plugins, schema, kinds=kinds)


def column_kinds(
    names: list[str],
    columns: list[list[Any]],
    plugins: pluggy.PluginManager | None = None,
    schema: Any = None,
    *,
    kinds: dict[str, FieldKind] | None = None,
) -> dict[str, str]:
    """:func:`detect_kinds` on a sample given as one list of text cells per column (the first ``SAMPLE_SIZE`` kept)."""
    available = kinds if kinds is not None else field_kinds(plugins)
    declared = _declared(schema)
    compiled = _compile(available)
    result: dict[str, str] = {}
    scores: dict[tuple[str, tuple[str, ...]], float] = {}
    for name, column in zip(names, columns, strict=True):
        if name in declared:
            result[name] = declared[name]
            continue
        cells = [text for v in column[:SAMPLE_SIZE] if v is not None and (text := str(v)).strip() != ""]
        found = _best_kind(normalise_header(name), cells, compiled, scores)
        if found is not None:
            result[name] = found
    return result
