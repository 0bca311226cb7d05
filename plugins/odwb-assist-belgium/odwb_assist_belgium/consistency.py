"""Row checks across columns: NIS code vs commune name, postal code vs NIS code or commune name.

The columns come from the detected kinds (``be-nis-code``, ``be-postal-code``,
``be-commune-name``); the commune-name column is also found by its header when no kind was
assigned. Work is done on distinct (code, name) pairs of the chunk's encoded columns, then mapped back
to the rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from . import reference as ref
from .commune import HEADER_PATTERNS as COMMUNE_HEADERS
from .distinct import StashedColumns, memo, row_cells, stripped, trimmed
from .findings import VALUE_CACHE, emit
from .messages import errors
from .nis import current_code
from .postal import unprefixed


def column_of(context: CheckContext, kind: str) -> str | None:
    return next((f for f, k in context.kinds.items() if k == kind and f in context.fields), None)


def commune_column(context: CheckContext) -> str | None:
    found = column_of(context, "be-commune-name")
    if found:
        return found
    for label in context.fields:
        if context.kinds.get(label):
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", label.lower()) if not unicodedata.combining(c))
        if any(re.search(p, plain) for p in COMMUNE_HEADERS):
            return label
    return None


@lru_cache(maxsize=VALUE_CACHE)
def _nis_name_bad(nis: str, name: str) -> dict[str, str] | None:
    code = current_code(nis)
    names = ref.commune_names_by_nis().get(code)
    key = ref.normalise_name(name)
    if names is None or key not in ref.all_names() or key in names:
        return None
    return {"name": ref.communes()[code].name_fr, "other": name}


@lru_cache(maxsize=VALUE_CACHE)
def _postal_nis_bad(postal: str, nis: str) -> dict[str, str] | None:
    owner = ref.postal_to_nis().get(unprefixed(postal) or postal)
    code = current_code(nis)
    if owner is None or code not in ref.communes() or owner == code:
        return None
    return {"new": owner, "name": ref.communes()[owner].name_fr, "other": nis}


@lru_cache(maxsize=VALUE_CACHE)
def _postal_name_bad(postal: str, name: str) -> dict[str, str] | None:
    owner = ref.postal_to_nis().get(unprefixed(postal) or postal)
    key = ref.normalise_name(name)
    if owner is None or key not in ref.all_names() or key in ref.commune_names_by_nis().get(owner, frozenset()):
        return None
    return {"name": ref.communes()[owner].name_fr, "other": name}


class CommuneConsistencyCheck(StashedColumns, BaseTableCheck):
    """NIS code, postal code and commune name of one row must designate the same commune."""

    name = "belgium.commune-consistency"
    types = ("be-nis-name-mismatch", "be-postal-nis-mismatch", "be-postal-commune-mismatch")
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        nis_col = column_of(context, "be-nis-code")
        postal_col = column_of(context, "be-postal-code")
        name_col = commune_column(context)
        columns = {name: self.column(chunk, name) for name in (nis_col, postal_col, name_col)
                   if name and name in chunk.columns}
        self.forget()
        if nis_col in columns and name_col in columns:
            yield from _pairs(columns[nis_col], columns[name_col], "be-nis-name-mismatch", _nis_name_bad, context)
        judged = np.zeros(len(chunk), dtype=bool)
        if postal_col in columns and nis_col in columns:
            nis = columns[nis_col]
            yield from _pairs(columns[postal_col], nis, "be-postal-nis-mismatch", _postal_nis_bad, context)
            current = np.array([_usable(v) for v in stripped(nis).tolist()], dtype=bool)
            judged = nis.row_mask(current)
        if postal_col in columns and name_col in columns:
            # the name speaks only where no usable NIS code does
            yield from _pairs(columns[postal_col], columns[name_col], "be-postal-commune-mismatch", _postal_name_bad,
                              context, ~judged)


Judge = Callable[[str, str], "dict[str, str] | None"]
_SMALL = 5000  # distinct values: up to this, a column's stripped values are numbered in plain Python


@lru_cache(maxsize=VALUE_CACHE)
def _usable(nis: str) -> bool:
    """A NIS code that names a current Walloon commune (itself or through its replacement)."""
    return current_code(nis) in ref.communes()


def _constant(values: dict[str, str]) -> Callable[[str], dict[str, str]]:
    return lambda _cell: values


def _keys(column: ColumnValues) -> tuple[np.ndarray, list[str]]:
    """Per row: the position of its stripped cell among the distinct stripped cells (-1 when blank); those cells."""
    def compute() -> tuple[np.ndarray, list[str]]:
        if trimmed(column):  # nothing to strip: the distinct values stay distinct, none is blank
            return column.codes, column.texts
        values = stripped(column)
        if len(values) <= _SMALL:  # a code or name column holds a few hundred values: plain Python
            seen: dict[str, int] = {}
            codes = np.array([seen.setdefault(text, len(seen)) for text in values.tolist()], dtype=np.int64)
            texts = list(seen)
        else:
            codes, uniques = pd.factorize(values)
            texts = [str(text) for text in uniques.tolist()]
        blank = np.array([text == "" for text in texts] + [True], dtype=bool)
        by_value = np.append(np.where(blank[codes], -1, codes), -1)
        return by_value[column.codes], texts
    return memo(column, "stripped-codes", compute)


def _pairs(column: ColumnValues, other: ColumnValues, error_type: str, judge: Judge, context: CheckContext,
           rows: np.ndarray | None = None) -> Iterator[Finding]:
    a, a_texts = _keys(column)
    b, b_texts = _keys(other)
    both = (a >= 0) & (b >= 0)
    if rows is not None:
        both &= rows
    if not both.any():
        return
    width = len(b_texts) + 1
    order, uniques = pd.factorize(a[both] * width + b[both])  # distinct pairs, in order of first appearance
    verdicts: dict[int, dict[str, str]] = {}
    for position, (a_key, b_key) in enumerate(zip((uniques // width).tolist(), (uniques % width).tolist(), strict=True)):
        verdict = judge(a_texts[a_key], b_texts[b_key])
        if verdict is not None:
            verdicts[position] = verdict
    if not verdicts:
        return
    bad = np.zeros(len(uniques), dtype=bool)
    bad[list(verdicts)] = True
    hits = bad[np.asarray(order)]
    positions, groups = np.flatnonzero(both)[hits], order[hits]
    sort = np.argsort(groups, kind="stable")  # grouped by pair, rows in order within a group
    positions, groups = positions[sort], groups[sort]
    starts = np.flatnonzero(np.diff(groups, prepend=-1))
    for start, end in zip(starts, [*starts[1:], len(groups)], strict=True):
        cells = row_cells(column, positions[start:end])
        yield from emit(error_type, cells, column.name, context, _constant(verdicts[int(groups[start])]))
