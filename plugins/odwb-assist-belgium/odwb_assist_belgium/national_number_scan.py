"""Row check: national register / BIS numbers hidden in other columns (free-text remarks, mixed
identifiers). Cheap prefilter (cell length, then one regular expression), checksum and stdnum on
the few candidates, all on the distinct values of each column.

To avoid flagging arbitrary 11-digit identifiers, a number counts only when it is written the way
national numbers are (``85.07.30-033.28``, ``850730-033-28``) or when the table describes people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from odwb_assist.plugin import BaseTableCheck, CheckContext, ColumnValues, Finding

from .distinct import StashedColumns, emit_values, memo, text_buffers
from .messages import errors
from .national_number import mask
from .people import rows_are_people

# as it is written (« 85.07.30-033.28 », « 850730 033 28 », « 85073003328 »): the date's two dots, or none; never a
# decimal number (« 50.451234567 », a latitude with nine decimals, is no « 50.45.12… »)
_NUMBER = r"\d{2}(?:\.\d{2}\.|\d{2})\d{2}[-. ]?\d{3}\.?\d{2}"
# before it: the start of the text, or a character other than a digit, unless that is the decimal point or comma of a
# number (« POINT (4.77220229360 50.52…) »: eleven decimals of a coordinate in a GIS export's WKT, 99 of 20,000
# points taken for national numbers in a table of people); RE2 (pyarrow) reads it too: no look-behind
_BEFORE = r"(?:^|[^\d.,]|[^\d][.,])"
# every number of a cell is read (« dossier 23.11.15-123.45, NN 85.07.30-033.28 »): what follows is looked at, not taken
PATTERN = rf"{_BEFORE}({_NUMBER})(?=\D|$)"
_PREFILTER = rf"{_BEFORE}{_NUMBER}(?:\D|$)"
# kinds whose values legitimately hold long digit runs, or that are checked by their own validator
SKIPPED_KINDS = ("be-national-number", "be-iban", "be-phone", "be-enterprise-number", "be-establishment-unit",
                 "wgs84-latitude", "wgs84-longitude", "lambert72-x", "lambert72-y", "be-nis-code", "be-postal-code")


SMALL = 1000  # distinct values: up to this, a column is screened in plain Python first (cheaper than pandas calls)


_SCREEN = re.compile(_PREFILTER)


def _screened(values: pd.Series) -> bool:
    """Whether a short column may hold a candidate at all (one pass in plain Python, no pandas call)."""
    return any(len(v) >= 11 and _SCREEN.search(v) for v in values.tolist())


# a decimal digit other than 0-9 (Arabic-Indic, fullwidth…): Python's \d takes it, RE2's does not
_OTHER_DIGIT = r"[^\P{Nd}0-9]"


def _shaped(array: Any, digits: np.ndarray | None = None) -> np.ndarray:
    """Over a pyarrow string array: the values holding a number written as a national number (``_PREFILTER``), found
    with RE2 in one pass over the values long enough. RE2 reads ``\\d`` as 0-9, Python's ``re`` (which pandas uses on
    non-ASCII text) as any decimal digit: the few values with another digit go through Python's ``re``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    result = np.zeros(len(array), dtype=bool)
    long_enough = digits_at_least(array, 11) if digits is None else digits >= 11
    if long_enough is None:
        long_enough = (pc.binary_length(array).to_numpy(zero_copy_only=False) >= 11)  # bytes >= characters
    if not long_enough.any():
        return result
    positions = np.flatnonzero(long_enough)
    picked = array.filter(pa.array(long_enough))
    found = pc.match_substring_regex(picked, _PREFILTER).to_numpy(zero_copy_only=False)
    other = pc.match_substring_regex(picked, _OTHER_DIGIT).to_numpy(zero_copy_only=False)
    if other.any():
        found[other] = [_SCREEN.search(text) is not None for text in picked.filter(pa.array(other)).to_pylist()]
    result[positions[found]] = True
    return result


OTHER_DIGIT_WEIGHT = 11  # what a character that may be another script's digit counts for (the most a check needs)
FEW_DIGITS = 9  # the fewest digits a check here looks for (a phone number): shorter values are not counted


DIGIT_SLICE = 1 << 20  # bytes of values counted at once: the per-byte temporaries (8 bytes a byte) stay small


def digit_counts(array: Any) -> np.ndarray | None:
    """Over a pyarrow string array: how many digits each value may hold, read from the buffers (no kernel call): its
    ASCII digits, and :data:`OTHER_DIGIT_WEIGHT` for each character from U+0660 on (the first decimal digit beyond
    ASCII, « ٠ »: another script's digit, which Python's ``\\d`` reads; its UTF-8 lead byte is 0xD9 or more, accented
    letters' are below). All 0 when no value is :data:`FEW_DIGITS` bytes long. None: not a plain string array.
    Counted :data:`DIGIT_SLICE` bytes of values at a time (a longer value alone): a column of long texts (a GIS
    export's shapes, 1 KB a cell) once made per-byte arrays of twelve times its size (1 GB for 65,000 parcels)."""
    buffers = text_buffers(array)
    if buffers is None:
        return None
    offsets, data = buffers
    count = len(offsets) - 1
    if not len(data):
        return np.zeros(count, dtype=np.int64)
    low, high = int(offsets[0]), int(offsets[-1])
    if (offsets[1:] - offsets[:-1]).max() < FEW_DIGITS and not (data[low:high] >= 0xD9).any():
        return np.zeros(count, dtype=np.int64)  # short ASCII values only (a few bytes each: the test is cheap)
    counts = np.zeros(count, dtype=np.int64)
    # the values in groups of about DIGIT_SLICE bytes (a value longer than that is a group of its own)
    cuts = np.searchsorted(offsets, np.arange(low + DIGIT_SLICE, high, DIGIT_SLICE), side="right") - 1
    edges = np.unique(np.concatenate(([0], cuts, [count])))
    for first, last in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        start, end = int(offsets[first]), int(offsets[last])
        part = data[start:end]
        weight = ((part - 48).astype(np.uint8) < 10).astype(np.int32)  # a digit counts 1
        weight[part >= 0xD9] = OTHER_DIGIT_WEIGHT
        sums = np.zeros(len(part) + 1, dtype=np.int64 if len(part) * OTHER_DIGIT_WEIGHT >= 2**31 else np.int32)
        np.cumsum(weight, out=sums[1:])
        counts[first:last] = sums[offsets[first + 1:last + 1] - start] - sums[offsets[first:last] - start]
    return counts


def digits_at_least(array: Any, least: int) -> np.ndarray | None:
    """Over a pyarrow string array: the values that may hold ``least`` digits (:func:`digit_counts`; ``least`` between
    :data:`FEW_DIGITS` and :data:`OTHER_DIGIT_WEIGHT`). None: not a plain string array."""
    counts = digit_counts(array)
    return None if counts is None else counts >= least


def column_digits(column: ColumnValues) -> np.ndarray | None:
    """:func:`digit_counts` of a column's distinct values, once per chunk column for every check that reads it."""
    arrow = column.arrow
    return None if arrow is None else memo(column, "digit_counts", lambda: digit_counts(arrow))


def candidates(column: ColumnValues, people: bool) -> np.ndarray:
    """A mask over the column's distinct values: those holding a valid national number written as one."""
    result = np.zeros(len(column), dtype=bool)
    arrow = column.arrow
    if arrow is not None and not arrow.null_count:
        shaped = _shaped(arrow, column_digits(column))
        if not shaped.any():
            return result
        picked = column.values[shaped]
    else:
        values = column.values
        if len(values) <= SMALL and not _screened(values):
            return result
        long_enough = (values.str.len() >= 11).to_numpy(dtype=bool)
        if not long_enough.any():
            return result
        picked = values[long_enough]
        picked = picked[picked.str.contains(_PREFILTER, regex=True).to_numpy(dtype=bool)]
    if picked.empty:
        return result
    found = picked.str.extractall(PATTERN)[0].astype(str)  # index: (the value's position, the match's)
    if not people:
        found = found[found.str.contains(r"[.\-]", regex=True).to_numpy(dtype=bool)]
    if found.empty:
        return result
    valid = mask(found.reset_index(drop=True)).to_numpy(dtype=bool)
    result[found.index.get_level_values(0)[valid].to_numpy()] = True
    return result


class NationalNumberScan(StashedColumns, BaseTableCheck):
    name = "belgium.national-number-scan"
    types = ("be-national-number",)
    blocking = errors(types)  # the types it may report as errors (see ``TableCheck.blocking``)

    def start(self, context: CheckContext) -> None:
        self.people = rows_are_people(context)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterator[Finding]:
        people = self.people if hasattr(self, "people") else rows_are_people(context)
        for name in chunk.columns:
            if context.kinds.get(str(name)) in SKIPPED_KINDS:
                continue
            column = self.column(chunk, str(name))
            yield from emit_values("be-national-number", column, candidates(column, people), context)
        self.forget()
