"""Row check: national register / BIS numbers hidden in other columns (free-text remarks, mixed
identifiers). Cheap prefilter (cell length, then one regular expression), checksum and stdnum on
the few candidates.

To avoid flagging arbitrary 11-digit identifiers, a number counts only when it is written the way
national numbers are (``85.07.30-033.28``, ``850730-033-28``) or when the table describes people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, Finding

from .findings import emit
from .national_number import mask
from .people import describes_people

_NUMBER = r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}"
PATTERN = rf"(?:^|\D)({_NUMBER})(?:\D|$)"
_PREFILTER = rf"(?:^|\D){_NUMBER}(?:\D|$)"
# kinds whose values legitimately hold long digit runs, or that are checked by their own validator
SKIPPED_KINDS = ("be-national-number", "be-iban", "be-phone", "be-enterprise-number", "wgs84-latitude", "wgs84-longitude",
                 "lambert72-x", "lambert72-y", "be-nis-code", "be-postal-code")


SMALL_CHUNK = 1000  # rows: below this, columns are screened in plain Python first (wide files, few rows)


_SCREEN = re.compile(_PREFILTER)


def candidate_columns(chunk: pd.DataFrame) -> set[object] | None:
    """The columns of a short chunk with a cell the prefilter accepts (``None``: chunk too long to screen).

    One conversion of the whole chunk costs less than a pandas call per column on a 500-column sheet.
    """
    if len(chunk) > SMALL_CHUNK:
        return None
    cells = chunk.to_numpy(dtype=object)
    return {column for column, values in zip(chunk.columns, cells.T, strict=True)
            if any(isinstance(v, str) and len(v) >= 11 and _SCREEN.search(v) for v in values)}


class NationalNumberScan(BaseTableCheck):
    name = "belgium.national-number-scan"
    types = ("be-national-number",)

    def start(self, context: CheckContext) -> None:
        self.people = describes_people(context.fields)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        people = self.people if hasattr(self, "people") else describes_people(context.fields)
        screened = candidate_columns(chunk)
        for column in chunk.columns:
            if context.kinds.get(str(column)) in SKIPPED_KINDS or (screened is not None and column not in screened):
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
