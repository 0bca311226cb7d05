"""The ``email`` kind: syntax of e-mail addresses, checked with one vectorised regular expression.

Personal e-mail addresses (``prenom.nom@…``) are the core ``personal-email`` check's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from odwb_assist.plugin import CheckContext, ColumnValues, FieldKind, Finding, Msg

from .distinct import VerdictCache, emit_values, encode, filled, stripped
from .findings import share_of
from .messages import errors
from .remarks import split_remark
from .several import SPLIT_ADDRESSES, several

# Letters with Latin accents are allowed (internationalised addresses such as info@liège.be); the
# range is written with literal characters so that Python's re and Arrow's RE2 read it alike.
_ALNUM = "A-Za-z0-9\u00c0-\u024f"
_LABEL = rf"[{_ALNUM}](?:[{_ALNUM}\-]{{0,61}}[{_ALNUM}])?"
EMAIL = (
    rf"[{_ALNUM}!#$%&'*+/=?^_`{{|}}~\-]+(?:\.[{_ALNUM}!#$%&'*+/=?^_`{{|}}~\-]+)*"
    rf"@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}"
)


# an address behind « mailto: », as a link copied from a web page or a document writes it
LINKED = re.compile(rf"(?i)mailto:[ \t]*({EMAIL})")


# « info[at]commune.be », « info (at) commune.be », « info[arobase]commune[dot]be »: an address disguised against
# robots, which a dataset writes as it is (the brackets are what tells it from text)
_MASKED_AT = re.compile(r"(?i)[ \t]*[\[({][ \t]*(?:at|arobase|@)[ \t]*[\])}][ \t]*")
_MASKED_DOT = re.compile(r"(?i)[ \t]*[\[({][ \t]*(?:dot|point)[ \t]*[\])}][ \t]*")


def unmasked(cell: str) -> str | None:
    """The address disguised with « [at] » (and « [dot] ») in ``cell`` (None: no such disguise, or no valid address
    once it is taken off)."""
    if "@" in cell or not any(mark in cell for mark in "[({"):
        return None
    address = _MASKED_DOT.sub(".", _MASKED_AT.sub("@", cell.strip()))
    return address if address.count("@") == 1 and _valid(address) else None


def valid_mask(values: pd.Series) -> pd.Series:
    return values.str.fullmatch(EMAIL).astype(bool)


def unlinked(cell: str) -> str | None:
    """The address written after « mailto: » (None: no such prefix, or no valid address after it)."""
    if "mailto:" not in cell[:16].lower():
        return None
    found = LINKED.fullmatch(cell.strip())
    return found.group(1) if found else None


def detect(sample: pd.Series) -> float:
    return share_of(sample, lambda value: "@" in value or unmasked(value) is not None)


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if keep.any():
        (invalid,) = VERDICTS(stripped(column))
        invalid = keep & invalid
        if not invalid.any():
            return
        # « mailto:x@y.be »: the address is right, the prefix is not part of it (the invalid values are few: read
        # one by one)
        at = np.flatnonzero(invalid)
        linked = np.zeros(len(invalid), dtype=bool)
        linked[at] = [unlinked(text) is not None for text in stripped(column).iloc[at].tolist()]
        if linked.any():
            yield from emit_values("email-mailto", column, linked, context, lambda cell: {"fixed": unlinked(cell)})
        masked = np.zeros(len(invalid), dtype=bool)
        masked[at] = [unmasked(text) is not None for text in stripped(column).iloc[at].tolist()]
        if masked.any():
            yield from emit_values("email-masked", column, masked, context, lambda cell: {"fixed": unmasked(cell)})
        linked |= masked
        counts = np.zeros(len(invalid), dtype=np.int64)  # « a@x.be / b@x.be »: two right addresses, not a wrong one
        counts[at] = [several(text, _valid, SPLIT_ADDRESSES) for text in stripped(column).iloc[at].tolist()]
        shared = counts > 0
        if shared.any():
            yield from emit_values("email-several", column, shared & ~linked, context,
                                   lambda cell: {"count": several(cell.strip(), _valid, SPLIT_ADDRESSES)})
        rest = np.flatnonzero(invalid & ~linked & ~shared)
        remarked = np.zeros(len(invalid), dtype=bool)  # « info@club.be (secrétariat) »: a right address and a remark
        remarked[rest] = [split_remark(text, _valid) is not None for text in stripped(column).iloc[rest].tolist()]
        if remarked.any():
            yield from emit_values("email-remark", column, remarked, context,
                                   lambda cell: {"note": (split_remark(cell, _valid) or ("", ""))[1]})
        yield from emit_values("email-invalid", column, invalid & ~linked & ~shared & ~remarked, context)


def _valid(address: str) -> bool:
    return re.fullmatch(EMAIL, address) is not None


def _invalid(values: pd.Series) -> pd.Series:
    return ~valid_mask(values)


VERDICTS = VerdictCache(lambda values: (_invalid(values),))
"""Whether each distinct value seen so far is invalid: a column's few addresses are judged once per process (bounded)."""


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="email",
    identifier=True,  # each value belongs to its row (never a merged label)
    label=Msg("adresse e-mail", "e-mail address"),
    header_patterns=(r"e.?mail", r"courriel", r"(^|[^a-z])(mail|adresse.?electronique)([^a-z]|$)"),
    detect=detect,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=10,
    prefilter=r"@|[\[({][ \t]*(?i:at|arobase)[ \t]*[\])}]",  # what every value ``detect`` accepts holds
    types=("email-invalid", "email-mailto", "email-masked", "email-several", "email-remark"),
    blocking=errors(("email-invalid", "email-mailto", "email-masked", "email-several")),
)
