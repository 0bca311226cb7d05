"""The ``be-national-number`` kind: national register (NN/RRN/NISS) and BIS numbers — personal data.

Vectorised prefilter (11 digits, mod 97 with the rule for births from 2000), then python-stdnum
(``stdnum.be.nn`` / ``stdnum.be.bis``) on the distinct candidates to confirm the birth date.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from .distinct import emit_values, encode, filled, stripped
from .findings import VALUE_CACHE, compact, share
from .messages import errors


@lru_cache(maxsize=VALUE_CACHE)
def _confirmed(digits: str) -> bool:
    from stdnum.be import bis, nn

    return bool(nn.is_valid(digits) or bis.is_valid(digits))


def mask(values: pd.Series) -> pd.Series:
    """True where a stripped value is a valid national register or BIS number."""
    digits = compact(values)
    eleven = digits.str.fullmatch(r"\d{11}")
    result = pd.Series(False, index=values.index)
    if not eleven.any():
        return result
    cand = digits[eleven]
    number = cand.astype("int64")
    head, tail = number // 100, number % 100
    checksum = ((97 - head % 97) == tail) | ((97 - (head + 2_000_000_000) % 97) == tail)
    cand = cand[checksum]
    if cand.empty:
        return result
    confirmed = {d for d in cand.unique() if _confirmed(d)}
    result[cand.index[cand.isin(confirmed)]] = True
    return result


def detect(sample: pd.Series) -> float:
    return share(sample, mask)


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if keep.any():
        yield from emit_values("be-national-number", column, keep & mask(stripped(column)).to_numpy(dtype=bool), context)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


# « rrn », « n° RRN », « niss_demandeur », but not « street_number_rrn » (a street code of the Walloon
# data standards): the acronym opens the label, after at most a word meaning « number ».
_ACRONYM = r"^(?:(?:n|no|num|numero|nr|nummer|number)[^a-z0-9]*)?(?:nn|rrn|niss|insz)(?:[^a-z]|$)"

KIND = FieldKind(
    name="be-national-number",
    identifier=True,  # each value belongs to its row (never a merged label)
    label=Msg("numéro de registre national ou BIS", "national register or BIS number"),
    header_patterns=(r"registre.?national", _ACRONYM, r"^bis$", r"rijksregister", r"national.?number"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.3,
    value_threshold=0.3,  # random 11-digit numbers pass the check 2 times in 97: a third is a strong signal
    personal=True,
    priority=30,
    prefilter=r"(?:\d\D*+){11}",
    types=("be-national-number",),
    blocking=errors(("be-national-number",)),
)
