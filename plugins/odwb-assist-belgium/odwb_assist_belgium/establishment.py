"""The ``be-establishment-unit`` kind: the BCE/KBO numbers of establishment units (« unités d'établissement »).

Each place where an enterprise works (a shop, a branch, a school site) has its own number in the Crossroads Bank
for Enterprises: 10 digits written « 2.123.456.789 », the same mod-97 check as an enterprise number, but never
starting with 0 or 1 (those are enterprise numbers: :mod:`.enterprise`). Microsoft's documentation of the Belgian
« branch number » field gives the format 9.999.999.999 and the check
(https://learn.microsoft.com/fr-fr/previous-versions/dynamicsnav-2016/jj966193(v=nav.90)). Read as numbers, their
dots were taken for thousands separators: known as identifiers, they are not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from .distinct import VerdictCache, emit_values, encode, filled, stripped
from .enterprise import mod97_ok, normalise
from .findings import share
from .messages import errors

SHAPE = r"[2-9]\d{9}"  # ten digits, not an enterprise number's 0 or 1 first


def valid(values: pd.Series) -> pd.Series:
    """Mask over stripped non-empty values: an establishment unit number with right check digits (« 2.123.456.789 »,
    « 2123456789 », « BE 2.123.456.789 »)."""
    digits = normalise(values)
    ten = digits.str.fullmatch(SHAPE).fillna(False).astype(bool)
    found = pd.Series(False, index=values.index)
    found[ten] = mod97_ok(digits[ten])
    return found


def shaped(values: pd.Series) -> pd.Series:
    """Values written as an establishment unit number, whatever their check digits."""
    return normalise(values).str.fullmatch(SHAPE).fillna(False).astype(bool)


def detect(sample: pd.Series) -> float:
    return share(sample, valid)


def detect_shape(sample: pd.Series) -> float:
    """The score under a header that names establishment units: their shape (wrong check digits are reported)."""
    return share(sample, shaped)


VERDICTS = VerdictCache(lambda values: (valid(values),))


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if not keep.any():
        return
    good = VERDICTS(stripped(column))[0] & keep
    yield from emit_values("be-establishment-invalid", column, keep & ~good, context)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-establishment-unit",
    identifier=True,  # each value belongs to its row (never a merged label, never a number with separators)
    label=Msg("numéro d'unité d'établissement BCE", "BCE/KBO establishment unit number"),
    # on the label lower-cased without accents (« N° d'établissement » → « n d'etablissement »)
    header_patterns=(r"unites?.{0,4}etablissement", r"vestigingseenhe", r"establishment.?unit",
                     r"(^|[^a-z])(n|no|nr|num|numero)\W*(d\W*)?etablissement"),
    detect=detect,
    header_detect=detect_shape,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=15,
    prefilter=r"^\D*[2-9](?:\D*\d){9}\D*$",
    types=("be-establishment-invalid",),
    blocking=errors(("be-establishment-invalid",)),
)
