"""The ``be-enterprise-number`` kind: BCE/KBO numbers (10 digits, first 0 or 1, mod-97 check).

The rule is python-stdnum's ``stdnum.be.vat`` (the tests check agreement on random values); it is
applied here with vectorised integer arithmetic so that a million rows stay fast. A 9-digit value
that becomes valid with a leading ``0`` is reported as a lost zero (stdnum silently pads it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from .distinct import VerdictCache, emit_values, encode, filled, stripped
from .findings import compact, share
from .messages import errors


def normalise(values: pd.Series) -> pd.Series:
    """``BE 0440.966.354`` → ``0440966354`` (vectorised)."""
    return compact(values).str.removeprefix("BE")


def mod97_ok(digits: pd.Series) -> pd.Series:
    """For 10-digit strings: 97 − (first 8 digits mod 97) equals the last 2 digits."""
    if digits.empty:
        return pd.Series([], dtype=bool, index=digits.index)
    number = digits.astype("int64")
    return (97 - (number // 100) % 97) == number % 100


def verdicts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Masks (valid, lost zero) over stripped non-empty values."""
    digits = normalise(values)
    ten = digits.str.fullmatch(r"[01]\d{9}")
    valid = pd.Series(False, index=values.index)
    valid[ten] = mod97_ok(digits[ten])
    nine = digits.str.fullmatch(r"\d{9}")
    lost = pd.Series(False, index=values.index)
    lost[nine] = mod97_ok("0" + digits[nine])
    return valid, lost


def valid_or_lost(values: pd.Series) -> pd.Series:
    valid, lost = verdicts(values)
    return valid | lost


def detect(sample: pd.Series) -> float:
    return share(sample, valid_or_lost)


def shaped(values: pd.Series) -> pd.Series:
    """Values written as an enterprise number, whatever their check digits: ten digits starting with 0 or 1, or
    nine (a lost zero), with or without ``BE`` and separators."""
    return normalise(values).str.fullmatch(r"[01]\d{9}|\d{9}").fillna(False).astype(bool)


def detect_shape(sample: pd.Series) -> float:
    """The score under a header that names enterprise numbers: their shape (wrong check digits are reported)."""
    return share(sample, shaped)


VERDICTS = VerdictCache(lambda values: verdicts(values))
"""(valid, lost zero) of the distinct values seen so far: a value is judged once per process (bounded)."""


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if not keep.any():
        return
    valid, lost = (mask & keep for mask in VERDICTS(stripped(column)))
    yield from emit_values("be-enterprise-lost-zero", column, lost, context, lambda cell: {"fixed": repad(cell)})
    yield from emit_values("be-enterprise-invalid", column, keep & ~(valid | lost), context)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


def repad(cell: str) -> str:
    """The cell with its lost leading zero restored, keeping the writing (``440.966.354`` → ``0440.966.354``)."""
    text = cell.strip()
    if text.upper().startswith("BE"):
        return "BE0" + text[2:].lstrip()
    return "0" + text


KIND = FieldKind(
    name="be-enterprise-number",
    identifier=True,  # each value belongs to its row (never a merged label)
    label=Msg("numéro d'entreprise BCE", "BCE/KBO enterprise number"),
    header_patterns=(r"(^|[^a-z])(bce|kbo|tva|btw|vat)([^a-z]|$)", r"entreprise", r"onderneming", r"enterprise"),
    detect=detect,
    header_detect=detect_shape,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=15,
    prefilter=r"(?:\d\D*+){9}",
    types=("be-enterprise-lost-zero", "be-enterprise-invalid"),
    blocking=errors(("be-enterprise-lost-zero", "be-enterprise-invalid")),
)
