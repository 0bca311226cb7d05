"""The ``be-postal-code`` kind: 4-digit Belgian postal codes, with a warning outside Wallonia."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from . import reference as ref
from .distinct import emit_classified_values, encode
from .findings import share_of
from .messages import errors

# « B-5000 », « B5000 », « BE-5000 »: the country prefix of old international addresses, before a real code
PREFIXED = re.compile(r"(?i)(?:b|be)[ \t]*[-–.]?[ \t]*([0-9]{4})")
# « 5590/5591 », « 4000, 4020 », « 1300 - 1301 », « 5000 et 5001 »: a street, a service or a round over two postal
# areas, written in one cell
SEVERAL = re.compile(r"[0-9]{4}(?:[ \t]*(?:[/,;&+–-]|et|ou)[ \t]*[0-9]{4}){1,4}")


def unprefixed(code: str) -> str | None:
    """The Belgian postal code written after a « B- » prefix (None: no such prefix, or no known code after it)."""
    found = PREFIXED.fullmatch(code.strip())
    return found.group(1) if found and found.group(1) in ref.belgian_postal_codes() else None


def several(code: str) -> bool:
    """Whether a cell holds two to five Belgian postal codes (« 5590/5591 »), each one known."""
    return SEVERAL.fullmatch(code) is not None and all(
        part in ref.belgian_postal_codes() for part in re.findall(r"[0-9]{4}", code))


def classify(code: str, walloon_administration: bool = True) -> str | None:
    """The error type of one stripped postal code value, ``None`` when valid."""
    if not (len(code) == 4 and code.isdigit()):
        if several(code):
            return "be-postal-several"
        return "be-postal-prefixed" if unprefixed(code) else "be-postal-invalid"
    if code in ref.walloon_postal_codes():
        return None
    if code in ref.belgian_postal_codes():
        return "be-postal-outside-wallonia" if walloon_administration else None
    return "be-postal-unknown"


def walloon_administration(context: CheckContext) -> bool:
    """True unless the project names an administration whose NIS code is known and not Walloon."""
    nis = (context.administration_nis or "").strip()
    if not nis:
        return True
    current = ref.retired_nis().get(nis, (nis,))[0]
    return ref.is_walloon_nis(current) or (current not in ref.belgian_refnis() and current not in ref.belgian_communes())


def looks_like(value: str) -> bool:
    """A Belgian postal code, also after a « B- » prefix (a column written « B-5000 » throughout is still one)."""
    code = value.strip()
    return code in ref.belgian_postal_codes() or unprefixed(code) is not None


def detect(sample: pd.Series) -> float:
    return share_of(sample, looks_like)


@cache
def _code_sets() -> tuple[Any, Any]:
    """The Walloon and the Belgian postal codes as pyarrow arrays (``pyarrow.compute.is_in`` value sets), made once."""
    import pyarrow as pa

    return (pa.array(sorted(ref.walloon_postal_codes()), pa.string()),
            pa.array(sorted(ref.belgian_postal_codes()), pa.string()))


def _isin(values: pd.Series, codes: Any) -> pd.Series:
    """``values.isin(codes)`` in pyarrow when the values are pyarrow-backed (no Python list made per call)."""
    import pyarrow.compute as pc

    array = getattr(values.array, "_pa_array", None)
    if array is None or array.null_count:
        return values.isin(codes.to_pylist())
    found = pc.is_in(array, value_set=codes).to_numpy(zero_copy_only=False)
    return pd.Series(found, index=values.index, dtype=bool)


def territory(values: pd.Series, context: CheckContext) -> tuple[pd.Series, pd.Series]:
    """(in Wallonia, elsewhere in Belgium) masks over stripped non-empty values; nothing is « elsewhere »
    for an administration that is not Walloon."""
    walloon_codes, belgian_codes = _code_sets()
    walloon = _isin(values, walloon_codes)
    if not walloon_administration(context):
        return walloon, pd.Series(False, index=values.index)
    return walloon, ~walloon & _isin(values, belgian_codes)


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    """Invalid and unknown codes; codes outside Wallonia are the territory check's (:mod:`.territory`)."""
    yield from emit_classified_values(column, _classify_anywhere, context, _fixed)


def _fixed(cell: str) -> dict[str, Any]:
    code = unprefixed(cell)
    return {"fixed": code} if code else {}


def _classify_anywhere(code: str) -> str | None:
    return classify(code, False)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-postal-code",
    label=Msg("code postal belge", "Belgian postal code"),
    header_patterns=(r"code.?postal", r"postal", r"(^|[^a-z])(cp|zip|zipcode|postcode|npa)([^a-z]|$)", r"postcode"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=1.01,  # 4-digit numbers (years, amounts) look like postal codes: a header is required
    priority=10,
    prefilter=r"^\s*(?:[Bb][Ee]?[ \t]*[-–.]?[ \t]*)?\d{4}\s*$",
    types=("be-postal-invalid", "be-postal-prefixed", "be-postal-unknown", "be-postal-several"),
    blocking=errors(("be-postal-invalid", "be-postal-prefixed", "be-postal-unknown")),
)
