"""The ``be-nis-code`` kind: 5-digit REFNIS codes of Belgian communes (and higher levels).

Codes are checked against the national list of 1 January 2025 (565 communes, 2019 and 2025
mergers): retired codes get their replacement, Walloon or not. Whether a code lies outside
Wallonia is the territory check's business (:mod:`.territory`: one warning per row in a Walloon
column, one summary per column in a national, Flemish or Brussels one).

Validation works on the distinct values of the chunk (a NIS column holds a few hundred codes at
most), then maps the verdicts back to the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from . import reference as ref
from .distinct import emit_classified_values, encode
from .findings import VALUE_CACHE, share_of
from .messages import errors

OUTSIDE = "be-nis-outside-wallonia"


@lru_cache(maxsize=VALUE_CACHE)
def classify(code: str) -> tuple[str | None, dict[str, str]]:
    """The error type of one stripped NIS value (``None`` when valid) and the message values."""
    if code in ref.communes() or code in ref.walloon_higher_levels() or code == ref.KINGDOM:
        return None, {}  # the kingdom holds Wallonia: neither outside it nor unknown
    if code.isdigit() and len(code) == 4:
        padded = "0" + code
        if ref.is_walloon_nis(padded) or padded in ref.belgian_refnis() or padded == ref.KINGDOM:
            name = ref.walloon_higher_levels().get(padded) or ref.belgian_refnis().get(
                padded, "Belgique" if padded == ref.KINGDOM else "")
            return "be-nis-lost-zero", {"fixed": padded, "name": name}
    if not (code.isdigit() and len(code) == 5):
        return "be-nis-invalid", {}
    retired = ref.retired_nis().get(code)
    if retired:
        new, name, date = retired
        return "be-nis-retired", {"new": new, "name": name, "date": _date_fr(date)}
    commune = ref.belgian_communes().get(code)
    if commune is not None:
        return OUTSIDE, {"name": commune[0]}
    if code in ref.belgian_higher_levels():
        return OUTSIDE, {"name": ref.belgian_higher_levels()[code]}
    end = ref.refnis_end_dates().get(code)
    if end is not None and end != "31/12/9999":
        return "be-nis-obsolete", {"name": ref.belgian_refnis()[code], "date": _next_day(end)}
    return "be-nis-unknown", {}


def _date_fr(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _next_day(end: str) -> str:
    day, month, year = end.split("/")
    return f"01/01/{int(year) + 1}" if (day, month) == ("31", "12") else end


def current_code(code: str) -> str:
    """The current code for a valid or retired one (the code itself otherwise)."""
    retired = ref.retired_nis().get(code)
    return retired[0] if retired else code


def looks_like(value: str) -> bool:
    """A Belgian NIS code, current or retired, of a commune or a higher level."""
    code = value.strip()
    return (code in ref.belgian_communes() or code in ref.retired_nis() or code in ref.walloon_higher_levels()
            or code in ref.belgian_higher_levels() or code == ref.KINGDOM)


def detect(sample: pd.Series) -> float:
    return share_of(sample, looks_like)


def territory(values: pd.Series, context: CheckContext) -> tuple[pd.Series, pd.Series]:
    """(in Wallonia, elsewhere in Belgium) masks over stripped non-empty values."""
    kinds = [classify(code)[0] for code in values.tolist()]  # a few hundred codes: plain Python, cached verdicts
    return (pd.Series([kind is None for kind in kinds], index=values.index, dtype=bool),
            pd.Series([kind == OUTSIDE for kind in kinds], index=values.index, dtype=bool))


def _error(code: str) -> str | None:
    error_type = classify(code)[0]
    return None if error_type == OUTSIDE else error_type


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    yield from emit_classified_values(column, _error, context, lambda cell: classify(cell.strip())[1])


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-nis-code",
    label=Msg("code INS (REFNIS) de commune", "NIS (REFNIS) municipality code"),
    header_patterns=(r"(^|[^a-z])(nis|ins|refnis|niscode|insee?)([^a-z]|$)", r"code.?(ins|nis)", r"(ins|nis).?code"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.95,
    priority=20,
    prefilter=r"^\s*\d{5}\s*$",
    types=("be-nis-lost-zero", "be-nis-invalid", "be-nis-retired", "be-nis-obsolete", "be-nis-unknown"),
    blocking=errors(("be-nis-lost-zero", "be-nis-invalid", "be-nis-retired", "be-nis-obsolete", "be-nis-unknown")),
)
