"""Vectorised type checks for the types Frictionless infers, so that it need not parse every cell.

When no schema is given, Frictionless infers one from a sample; the engine then validates with
string fields for the types below (structure errors stay Frictionless's) and checks those types
here, one column chunk at a time, with the same rules as Frictionless's value readers (default
formats, missing value ``""``) and the same ``type-error`` findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pandas as pd

from .messages import RawError, from_frictionless

# Frictionless v5 default readers: int(cell.strip()), Decimal(cell.strip()), strptime %Y-%m-%d,
# a 4-character int, the default true/false values. Written for RE2 (pyarrow): no \s, \d or lookaround,
# so that pandas runs them in pyarrow instead of falling back to Python's re.
WS = "[ \t\n\r\f\v]*"
DIGITS = "[0-9]+(?:_[0-9]+)*"
EXPONENT = "(?:[eE][+-]?[0-9]+)?"
PATTERNS: dict[str, str] = {
    "integer": f"{WS}[+-]?{DIGITS}{WS}",
    "number": (f"{WS}[+-]?(?:(?:{DIGITS})?\\.?{DIGITS}{EXPONENT}|{DIGITS}\\.{EXPONENT}"
               f"|(?i:inf|infinity|nan|snan)){WS}"),
    "year": f"{WS}(?:\\+?{DIGITS}|-[0_]*0){WS}",  # int(cell) in 0..9999, and len(cell) == 4 (below)
    "boolean": "true|True|TRUE|1|false|False|FALSE|0",
    "date": "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
    "string": "(?s).*",
}
VECTOR_TYPES = frozenset(PATTERNS)
# Field properties that do not change how a cell is read (anything else, e.g. groupChar, keeps Frictionless).
NEUTRAL_PROPERTIES = frozenset({"custom", "name", "schema", "title", "description", "example", "rdf_type", "format"})


def vectorisable(field: Any) -> bool:
    """Whether an inferred field can be checked here (a default-format type, no constraint)."""
    try:
        defined = set(field.list_defined())
    except Exception:  # not a Frictionless field
        return False
    return (
        field.type in VECTOR_TYPES
        and getattr(field, "format", "default") in (None, "default")
        and not getattr(field, "constraints", None)
        and defined <= NEUTRAL_PROPERTIES
    )


def _strptime_ok(cell: str) -> bool:
    try:
        datetime.strptime(cell, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def invalid_mask(column: pd.Series, field_type: str) -> pd.Series:
    """True where a non-empty cell cannot be read as ``field_type``."""
    filled = column != ""
    if field_type == "string":
        return filled & False
    valid = column.str.fullmatch(PATTERNS[field_type]).fillna(False).astype(bool)
    bad = filled & ~valid
    if field_type == "date" and valid.any():
        parsed = pd.to_datetime(column.where(valid & filled), format="%Y-%m-%d", errors="coerce")
        doubtful = column[valid & filled & parsed.isna()]
        if not doubtful.empty:  # out of pandas' range (year 0001…) or impossible: ask strptime, as Frictionless does
            bad |= column.index.isin([row for row, cell in doubtful.items() if not _strptime_ok(str(cell))])
    if field_type == "year":
        bad |= filled & (column.str.len() != 4)
    return bad


def type_errors(chunk: pd.DataFrame, types: dict[str, tuple[int, str]]) -> Iterator[Any]:
    """Findings for cells of ``chunk`` that do not read as their column's type (field -> (number, type))."""
    for name, (number, field_type) in types.items():
        if field_type == "string" or name not in chunk.columns:
            continue
        column = chunk[name]
        bad = invalid_mask(column, field_type)
        if not bad.any():
            continue
        note = f'type is "{field_type}/default"'
        for row, cell in column[bad].items():
            yield from_frictionless(RawError("type-error", int(row), name, number, str(cell), note))
