"""Row check: national register / BIS numbers hidden in other columns (free-text remarks, mixed
identifiers). Cheap prefilter (cell length, then one regular expression), checksum and stdnum on
the few candidates.

To avoid flagging arbitrary 11-digit identifiers, a number counts only when it is written the way
national numbers are (``85.07.30-033.28``, ``850730-033-28``) or when the table describes people.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from odwb_assist.checks.base import BaseTableCheck, CheckContext
from odwb_assist.quality.model import Finding

from .findings import emit
from .national_number import mask
from .people import describes_people

_NUMBER = r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}"
PATTERN = rf"(?:^|\D)({_NUMBER})(?:\D|$)"
_PREFILTER = rf"(?:^|\D){_NUMBER}(?:\D|$)"
# kinds whose values legitimately hold long digit runs, or that are checked by their own validator
SKIPPED_KINDS = ("be-national-number", "be-iban", "be-phone", "be-enterprise-number", "wgs84-latitude", "wgs84-longitude",
                 "lambert72-x", "lambert72-y", "be-nis-code", "be-postal-code")


class NationalNumberScan(BaseTableCheck):
    name = "belgium.national-number-scan"
    types = ("be-national-number",)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        people = describes_people(context.fields)
        for column in chunk.columns:
            if context.kinds.get(str(column)) in SKIPPED_KINDS:
                continue
            cells = chunk[column].astype(str)
            long_enough = cells.str.len() >= 11
            if not long_enough.any():
                continue
            candidates = cells[long_enough]
            candidates = candidates[candidates.str.contains(_PREFILTER, regex=True)]
            if candidates.empty:
                continue
            found = candidates.str.extract(PATTERN, expand=False).astype(str)
            if not people:
                found = found[found.str.contains(r"[.\-]", regex=True)]
            if found.empty:
                continue
            valid = mask(found)
            if valid.any():
                yield from emit("be-national-number", cells.loc[found.index[valid]], str(column), context)
