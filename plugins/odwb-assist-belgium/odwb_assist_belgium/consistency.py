"""Row checks across columns: NIS code vs commune name, postal code vs NIS code or commune name.

The columns come from the detected kinds (``be-nis-code``, ``be-postal-code``,
``be-commune-name``); the commune-name column is also found by its header when no kind was
assigned. Work is done on distinct (code, name) pairs, then mapped back to the rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, Finding

from . import reference as ref
from .commune import HEADER_PATTERNS as COMMUNE_HEADERS
from .findings import emit
from .nis import current_code


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


def _nis_name_bad(nis: str, name: str) -> dict[str, str] | None:
    code = current_code(nis)
    names = ref.commune_names_by_nis().get(code)
    key = ref.normalise_name(name)
    if names is None or key not in ref.all_names() or key in names:
        return None
    return {"name": ref.communes()[code].name_fr, "other": name}


def _postal_nis_bad(postal: str, nis: str) -> dict[str, str] | None:
    owner = ref.postal_to_nis().get(postal)
    code = current_code(nis)
    if owner is None or code not in ref.communes() or owner == code:
        return None
    return {"new": owner, "name": ref.communes()[owner].name_fr, "other": nis}


def _postal_name_bad(postal: str, name: str) -> dict[str, str] | None:
    owner = ref.postal_to_nis().get(postal)
    key = ref.normalise_name(name)
    if owner is None or key not in ref.all_names() or key in ref.commune_names_by_nis().get(owner, frozenset()):
        return None
    return {"name": ref.communes()[owner].name_fr, "other": name}


class CommuneConsistencyCheck(BaseTableCheck):
    """NIS code, postal code and commune name of one row must designate the same commune."""

    name = "belgium.commune-consistency"
    types = ("be-nis-name-mismatch", "be-postal-nis-mismatch", "be-postal-commune-mismatch")

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        nis_col = column_of(context, "be-nis-code")
        postal_col = column_of(context, "be-postal-code")
        name_col = commune_column(context)
        if nis_col and name_col:
            yield from _pairs(chunk, nis_col, name_col, "be-nis-name-mismatch", _nis_name_bad, context)
        judged = pd.Series(False, index=chunk.index)
        if postal_col and nis_col and nis_col in chunk.columns:
            yield from _pairs(chunk, postal_col, nis_col, "be-postal-nis-mismatch", _postal_nis_bad, context)
            codes = chunk[nis_col].astype(str).str.strip()
            judged = codes.isin([v for v in codes.unique() if current_code(v) in ref.communes()])
        if postal_col and name_col:
            # the name speaks only where no usable NIS code does
            yield from _pairs(chunk.loc[~judged], postal_col, name_col, "be-postal-commune-mismatch", _postal_name_bad, context)


Judge = Callable[[str, str], "dict[str, str] | None"]


def _constant(values: dict[str, str]) -> Callable[[str], dict[str, str]]:
    return lambda _cell: values


def _pairs(
    chunk: pd.DataFrame, col: str, other_col: str, error_type: str, judge: Judge, context: CheckContext
) -> Iterator[Finding]:
    if col not in chunk.columns or other_col not in chunk.columns:
        return
    a = chunk[col].astype(str).str.strip()
    b = chunk[other_col].astype(str).str.strip()
    both = (a != "") & (b != "")
    if not both.any():
        return
    a, b = a[both], b[both]
    keys = a + "\x1f" + b
    verdicts: dict[str, dict[str, str]] = {}
    for key in keys.unique():
        x, y = key.split("\x1f", 1)
        bad = judge(x, y)
        if bad is not None:
            verdicts[key] = bad
    if not verdicts:
        return
    rows = keys[keys.isin(list(verdicts))]
    for key, group in rows.groupby(rows, sort=False):
        cells = chunk.loc[group.index, col].astype(str)
        yield from emit(error_type, cells, col, context, _constant(verdicts[str(key)]))
