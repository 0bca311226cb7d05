"""The ``be-phone`` kind: phone numbers, checked with the Belgian numbering plan of ``phonenumbers``.

The national-number patterns of phonenumbers' metadata for region BE are applied as vectorised
regular expressions; numbers with a foreign country code go to ``phonenumbers`` on distinct values.
In a table that describes people, every phone number is personal data (``be-phone-personal``), but on a row about a
public office (a bourgmestre, an échevine: ``official_values``) it is the office's contact, a warning
(``be-phone-official``); nothing is said of a number three holders give (``shared_official_values``: the town hall's
switchboard, their administration's), nor of fixed lines of one block three holders share (« 081 24 60 01 »,
« 081 24 60 02 »…: the administration's direct lines). A number followed by
an internal extension (« 081 24 64 13 (ext. 203) », « 081/24.64.13 poste 203 ») is a valid number: the extension is
how a service is reached, not an error. A valid number followed by a remark in brackets (« 0486 23 45 67 (après
18h) ») is no invalid number either: the remark is said (``be-phone-remark``, a warning), the number judged as any.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

import pandas as pd

from odwb_assist.plugin import (
    CheckContext,
    ColumnValues,
    FieldKind,
    Finding,
    Msg,
    official_values,
    shared_official_values,
)

from .distinct import VerdictCache, emit_values, encode, filled, stripped
from .findings import SEPARATORS, VALUE_CACHE, compact, share
from .messages import errors
from .people import rows_are_people
from .remarks import split_remark
from .several import several

# an internal extension after the number: « (ext. 203) », « poste 203 », « int. 12 », « ext 4 », « x204 »
EXTENSION = re.compile(r"\s*[(\[]?\s*(?:ext(?:ension)?|poste|post|int(?:erne)?|tstl|toestel|x)\s*[.:]?\s*\d{1,6}\s*[)\]]?\s*$",
                       re.IGNORECASE)
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
    """Masks (valid, lost leading zero) over stripped non-empty values.

    Values in plain ASCII without a line break go through :func:`_plain_verdicts` (pyarrow, no pandas call per
    step); the others (accents, non-Latin digits, line breaks: where Python's ``re`` and RE2 may differ) through
    :func:`_verdicts` as ever."""
    import numpy as np

    array = getattr(values.array, "_pa_array", None)
    if array is None or array.null_count or len(values) == 0:
        return _verdicts(values)
    plain = _plain(array)
    if not plain.any():
        return _verdicts(values)
    valid = np.zeros(len(values), dtype=bool)
    lost = np.zeros(len(values), dtype=bool)
    if plain.all():
        valid[:], lost[:] = _plain_verdicts(array)
    else:
        import pyarrow as pa

        valid[plain], lost[plain] = _plain_verdicts(array.filter(pa.array(plain)))
        rest_valid, rest_lost = _verdicts(values[~plain])
        valid[~plain], lost[~plain] = rest_valid.to_numpy(dtype=bool), rest_lost.to_numpy(dtype=bool)
    return pd.Series(valid, index=values.index), pd.Series(lost, index=values.index)


def _plain(array: Any) -> Any:
    """Over a pyarrow string array: plain ASCII without a line break (RE2 and Python's ``re`` read it alike)."""
    import pyarrow.compute as pc

    ascii_only = pc.string_is_ascii(array).to_numpy(zero_copy_only=False)
    return ascii_only & ~pc.match_substring(array, "\n").to_numpy(zero_copy_only=False)


_REMOVED = "[" + "".join(c for c in (*SEPARATORS, "(", ")") if c.isascii()).replace("-", "") + "-]"  # one class, ASCII


def _without_separators(array: Any) -> Any:
    """The values without the separators of :func:`compact`: the ASCII bytes dropped from the data buffer, the offsets
    recounted (no regular expression per value)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    _, offsets_buffer, data = array.buffers()
    if data is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)) or array.null_count:
        return pc.replace_substring_regex(array, _REMOVED, "")
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, dtype=width)[array.offset:array.offset + len(array) + 1]
    raw = np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]]
    kept = ~_SEPARATOR_BYTES[raw]  # indexing: np.take made the bytes 8-byte indices first
    before = np.zeros(len(raw) + 1, dtype=np.int32 if len(raw) < 2**31 else np.int64)  # bytes kept before each one
    np.cumsum(kept, out=before[1:])
    starts = before[offsets - offsets[0]].astype(width)
    return pa.Array.from_buffers(array.type, len(array), [None, pa.py_buffer(starts),
                                                          pa.py_buffer(np.compress(kept, raw))])


def _separator_bytes() -> Any:
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[[ord(c) for c in (*SEPARATORS, "(", ")") if c.isascii()]] = True
    return table


_SEPARATOR_BYTES = _separator_bytes()


def _plain_verdicts(array: Any) -> tuple[Any, Any]:
    """:func:`_verdicts` step by step in pyarrow, for plain ASCII values (see :func:`_plain`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = _without_separators(pc.ascii_upper(pc.replace_substring(array, "(0)", "")))  # compact, as :func:`compact`
    text = pc.replace_substring_regex(text, "^00", "+")
    be_intl = pc.starts_with(text, "+32").to_numpy(zero_copy_only=False)
    trunk = pc.match_substring_regex(text, "^(0[1-9])").to_numpy(zero_copy_only=False)
    foreign_mask = pc.starts_with(text, "+").to_numpy(zero_copy_only=False) & ~be_intl
    national_mask = be_intl | trunk
    pattern = belgian_pattern()
    # the national significant number follows « +32 » or the trunk « 0 » (never both: a text opens with one or the
    # other); where there is neither, the whole text may be a number that lost its zero. Each pattern runs only on
    # the texts its verdict can hold (a phone column: nearly all national, the second pattern on none of them)
    valid = _matching(text, national_mask, f"^(?:\\+32|0)(({pattern})$)")
    lost = _matching(text, ~(national_mask | foreign_mask), f"^(({pattern})$)")
    if foreign_mask.any():
        picked = text.filter(pa.array(foreign_mask)).to_pylist()
        valid[foreign_mask] = [_foreign_ok(number) for number in picked]
    return valid, lost


def _matching(text: Any, among: Any, pattern: str) -> Any:
    """Which texts (a pyarrow array) among ``among`` (a numpy mask) match ``pattern`` (RE2): a numpy mask."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = np.zeros(len(among), dtype=bool)
    if among.all():
        found[:] = pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False)
    elif among.any():
        at = np.flatnonzero(among)
        found[at] = pc.match_substring_regex(text.take(pa.array(at)), pattern).to_numpy(zero_copy_only=False)
    return found


def _verdicts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Masks (valid, lost leading zero) over stripped non-empty values, with pandas' string methods."""
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
    return share(sample, _valid_or_several)


def detect_named(sample: pd.Series) -> float:
    """The score of a column whose header names phones: numbers that lost their leading zero count too (a column
    Excel read as numbers: « 81246411 », « 475123456 »); without such a header, bare digits are no phone."""
    return share(sample, lambda values: _valid_or_several(values) | verdicts(values)[1])


def _valid_or_several(values: pd.Series) -> pd.Series:
    """Valid numbers (an extension after one included, a word before one: « Tél. 081 24 64 11 »), and cells of two
    right numbers or more (« 081 22 33 44 / 0475 12 34 56 »)."""
    valid = verdicts(values)[0]
    if not valid.all():
        others = values[~valid]
        valid = valid.copy()
        valid[others.index] = [with_extension(text) or several(text, _one_number) > 0 or unlabelled(text) is not None
                               for text in others.tolist()]
    return valid


# a word before the number, as a directory types it (« Tél. 081 24 64 11 », « GSM : 0475 12 34 56 »); not « Fax »,
# which says what the number is for
LABEL = re.compile(r"(?i)[ \t]*(?:t[ée]l[ée]?phone|t[ée]l|gsm|portable|mobile|phone|t|g)[ \t]*[.:]?[ \t]*[:.]?[ \t]*")


def unlabelled(cell: str) -> str | None:
    """The number after a word such as « Tél. » or « GSM : » in ``cell`` (None: no such word, or no valid number
    after it, with its extension or not)."""
    found = LABEL.match(cell)
    if found is None or not found.group(0).strip() or not cell[found.end():].strip():
        return None
    number = cell[found.end():].strip()
    return number if _one_number(number) else None


def with_extension(text: str) -> bool:
    """Whether ``text`` is a valid number followed by an internal extension (« 081 24 64 13 (ext. 203) »)."""
    found = EXTENSION.search(text)
    return bool(found and found.start() and _one_valid(text[:found.start()]))


VERDICTS = VerdictCache(lambda values: verdicts(values))
"""(valid, lost zero) of the distinct values seen so far: a value is judged once per process (bounded)."""


def validate_values(column: ColumnValues, context: CheckContext) -> Iterator[Finding]:
    keep = filled(column)
    if not keep.any():
        return
    import numpy as np

    valid, lost = (mask & keep for mask in VERDICTS(stripped(column)))
    yield from emit_values("be-phone-lost-zero", column, lost, context, lambda cell: {"fixed": "0" + cell.strip()})
    invalid = keep & ~(valid | lost)
    at = np.flatnonzero(invalid)
    if len(at):  # « 081 24 64 13 (ext. 203) »: a valid number and its extension
        extended = np.array([with_extension(text) for text in stripped(column).iloc[at].tolist()], dtype=bool)
        valid, invalid = valid.copy(), invalid.copy()
        valid[at[extended]], invalid[at[extended]] = True, False
        at = at[~extended]
    labelled = np.zeros(len(invalid), dtype=bool)  # « Tél. 081 24 64 11 »: a right number after a word
    if len(at):
        labelled[at] = [unlabelled(text) is not None for text in stripped(column).iloc[at].tolist()]
        yield from emit_values("be-phone-labelled", column, labelled, context,
                               lambda cell: {"fixed": unlabelled(cell.strip())})
        at = at[~labelled[at]]
        valid, invalid = valid | labelled, invalid & ~labelled
    shared = np.zeros(len(invalid), dtype=bool)  # « 081 22 33 44 - 0475 12 34 56 »: two right numbers
    if len(at):
        shared[at] = [several(text, _one_number) > 0 for text in stripped(column).iloc[at].tolist()]
        yield from emit_values("be-phone-several", column, shared, context,
                               lambda cell: {"count": several(cell.strip(), _one_number)})
        at = at[~shared[at]]
    remarked = np.zeros(len(invalid), dtype=bool)  # « 0486 23 45 67 (après 18h) »: a right number and a remark
    if len(at):
        remarked[at] = [with_remark(text) is not None for text in stripped(column).iloc[at].tolist()]
        yield from emit_values("be-phone-remark", column, remarked, context,
                               lambda cell: {"note": (with_remark(cell.strip()) or ("", ""))[1]})
        shared = shared | remarked  # a number of the cell's, as the several ones
    yield from emit_values("be-phone-invalid", column, invalid & ~shared, context)
    if rows_are_people(context):  # a cell with two numbers holds a person's too
        official = official_values(column, context)  # the numbers of public office holders: said, not blocked
        yield from emit_values("be-phone-personal", column, (valid | shared) & ~official, context)
        # a number three holders give is the town hall's (its switchboard, a secretariat), and so are the direct lines
        # of one block the holders share (« 081 24 60 01 », « 081 24 60 02 »…): nothing to ask
        town_hall = shared_official_values(column, context) | office_lines(column, official & valid)
        yield from emit_values("be-phone-official", column, (valid | shared) & official & ~town_hall, context)


OFFICE_LINES = 3  # office rows whose fixed numbers share a block: the administration's lines (as core's SHARED_BY)


def office_lines(column: ColumnValues, candidates: Any) -> Any:
    """Which of the ``candidates`` (a mask over the distinct values: office holders' valid numbers) are fixed lines of
    one block, all their digits but the last two the same (« 081 24 60 01 », « 081 24 60 02 »: an administration's
    direct lines), given on :data:`OFFICE_LINES` rows at least. A mobile is a person's, whatever its neighbours."""
    import numpy as np

    found = np.zeros(len(column), dtype=bool)
    at = np.flatnonzero(candidates)
    if len(at) < 2:
        return found
    keys = [_block(text) for text in stripped(column).iloc[at].tolist()]
    rows: dict[str, int] = {}
    for key, position in zip(keys, at.tolist(), strict=True):
        if key is not None:
            rows[key] = rows.get(key, 0) + int(column.counts[position])
    for key, position in zip(keys, at.tolist(), strict=True):
        found[position] = key is not None and rows[key] >= OFFICE_LINES
    return found


def _block(text: str) -> str | None:
    """A Belgian fixed number's digits but the last two (« 0812460 » of « 081 24 60 01 », « +32 81 24 60 01 »); None
    for a mobile, a number with an extension, another country's."""
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if text.lstrip().startswith("+32"):
        digits = "0" + digits[2:]
    elif digits.startswith("0032"):
        digits = "0" + digits[4:]
    if len(digits) != 9 or not digits.startswith("0") or digits.startswith("04"):
        return None
    return digits[:-2]


def with_remark(text: str) -> tuple[str, str] | None:
    """(the number, the remark) of a valid number followed by a remark in brackets (« 0486 23 45 67 (après 18h) »);
    None for anything else."""
    return split_remark(text, _one_number)


def _one_number(text: str) -> bool:
    """Whether one part of a cell is a valid number, with its extension or without (« 081 22 33 44 (ext. 12) »)."""
    return _one_valid(text) or with_extension(text)


def _one_valid(number: str) -> bool:
    """Whether one number is a valid phone number (Belgian, or foreign after « + »)."""
    return bool(verdicts(pd.Series([number.strip()], dtype=object))[0].iloc[0])


def validate(series: pd.Series, field_name: str, context: CheckContext) -> Iterator[Finding]:
    yield from validate_values(encode(series, field_name), context)


KIND = FieldKind(
    name="be-phone",
    identifier=True,  # each value belongs to its row (never a merged label)
    label=Msg("numéro de téléphone", "phone number"),
    header_patterns=(r"t[eé]l[eé]?phone", r"(^|[^a-z])(tel|tél|gsm|telefoon|mobile|portable|fax)([^a-z]|$)", r"phone"),
    detect=detect,
    header_detect=detect_named,
    validate=validate,
    validate_values=validate_values,
    threshold=0.5,
    value_threshold=0.9,
    priority=12,
    # a valid number starts with + (or 00) or with the trunk 0 followed by 8 digits at least; one that lost that 0 is
    # 8 or 9 digits alone (counted under a phone header only: :func:`detect_named`); or a word, « Tél. », before it.
    # Not a date « 01/03/2024 » (with a time or not): its 8 digits leave 7 after the trunk 0, never a valid number, and
    # a column of such dates would load phonenumbers' metadata for nothing (some 35 ms of a short file's check)
    prefilter=r"^[\s./()\-\u00a0]*(?:\+|0(?!\d[./-]\d\d[./-]\d{4}(?:[ T]\d\d?:\d\d(?::\d\d)?)?\s*$)(?:\D*+\d){7})"
              r"|^[1-9]\d{7,8}$|^\s*(?i:t[ée]l|gsm|portable|mobile|phone)",
    types=("be-phone-lost-zero", "be-phone-invalid", "be-phone-labelled", "be-phone-personal", "be-phone-official",
           "be-phone-several", "be-phone-remark"),
    blocking=errors(("be-phone-lost-zero", "be-phone-invalid", "be-phone-labelled", "be-phone-personal",
                     "be-phone-several")),
)
