"""The ``be-phone`` kind: phone numbers, checked with the Belgian numbering plan of ``phonenumbers``.

The national-number patterns of phonenumbers' metadata for region BE are applied as vectorised
regular expressions; numbers with a foreign country code go to ``phonenumbers`` on distinct values.
In a table that describes people, every phone number is personal data (``be-phone-personal``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from .distinct import VerdictCache, emit_values, encode, filled, stripped
from .findings import SEPARATORS, VALUE_CACHE, compact, share
from .people import describes_people

_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "uan")


@cache
def belgian_pattern() -> str:
    """One regex for every valid Belgian national significant number, from phonenumbers' metadata."""
    from phonenumbers import PhoneMetadata  # imported on first use: the plugin loads fast

    meta = PhoneMetadata.metadata_for_region("BE")
    assert meta is not None
    parts = []
    for name in _TYPES:
        desc = getattr(meta, name)
        if desc is not None and desc.national_number_pattern:
            parts.append(f"(?:{desc.national_number_pattern})")
    return "|".join(parts)


@lru_cache(maxsize=VALUE_CACHE)
def _foreign_ok(number: str) -> bool:
    import phonenumbers

    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(number, "BE")))
    except phonenumbers.NumberParseException:
        return False


def verdicts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Masks (valid, lost leading zero) over stripped non-empty values."""
    text = compact(values.str.replace("(0)", "", regex=False), (*SEPARATORS, "(", ")"))
    text = text.str.replace(r"^00", "+", regex=True)
    nsn = pd.Series("", index=values.index, dtype=object)
    be_intl = text.str.startswith("+32")
    nsn[be_intl] = text[be_intl].str[3:]
    trunk = text.str.match(r"0[1-9]")
    nsn[trunk] = text[trunk].str[1:]
    pattern = belgian_pattern()
    valid = (be_intl | trunk) & nsn.astype(str).str.fullmatch(pattern)
    foreign = text.str.startswith("+") & ~be_intl
    if foreign.any():
        ok = {v for v in text[foreign].unique() if _foreign_ok(v)}
        valid = valid | (foreign & text.isin(ok))
    bare = ~(be_intl | trunk | foreign)
    lost = bare & text.str.fullmatch(pattern)
    return valid.astype(bool), lost.astype(bool)


def detect(sample: pd.Series) -> float:
    return share(sample, lambda values: verdicts(values)[0])


VERDICTS = VerdictCache(lambda values: verdicts(values))
"""(valid, lost zero) of the distinct values seen so far: a value is judged once per process (bounded)."""


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if not keep.any():
        return
    valid, lost = (mask & keep for mask in VERDICTS(stripped(column)))
    yield from emit_values("be-phone-lost-zero", column, lost, context, lambda cell: {"fixed": "0" + cell.strip()})
    yield from emit_values("be-phone-invalid", column, keep & ~(valid | lost), context)
    if describes_people(context.fields):
        yield from emit_values("be-phone-personal", column, valid, context)


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-phone",
    label=Msg("numéro de téléphone", "phone number"),
    header_patterns=(r"t[eé]l[eé]?phone", r"(^|[^a-z])(tel|tél|gsm|telefoon|mobile|portable|fax)([^a-z]|$)", r"phone"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=12,
    # a valid number starts with + (or 00) or with the trunk 0 followed by 8 digits at least
    prefilter=r"^[\s./()\-\u00a0]*(?:\+|0(?:\D*+\d){7})",
)
