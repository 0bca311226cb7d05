"""Number-shape verdicts read from the UTF-8 bytes of Arrow text cells, in a few numpy passes (no regular expression).

The number checks test every distinct value of a column against regular expressions (RE2): on coordinate and amount
columns (one distinct value per row, nearly) that costs some 45 ns a value. Here each byte is looked up once in a
table of character classes, the classes of a cell are or-ed or summed (one ``reduceat``), and the commas are looked
at where they are (the usual number column is recognised from its bytes and offsets alone, with no reduction):
:func:`plain_shapes` gives :mod:`.plain`'s verdict exactly, :func:`surely_not_local` rules out
cells that :data:`.number_forms.LOCAL` can never match (phone numbers, dates: a character no number nor unit holds), so
that the regular expression runs only on the others. Exact on UTF-8 text (tests compare them with the patterns).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

PLAIN = "-?[0-9]+(?:,[0-9]+)?"  # a plain number (:mod:`.plain`): no space, point, letter or sign but a leading minus
DIGIT = 1  # an ASCII digit
COMMA = 2  # ","
OTHER = 4  # neither a digit nor a comma (a leading minus excepted: see :func:`plain_shapes`)
SLASH = 8  # "/": in a LOCAL match only inside a unit, which starts with a lower-case letter
LETTER = 16  # a byte a unit may start with: a-z, or any non-ASCII byte (« à-ÿ », « € »…)
FOREIGN = 32  # an ASCII byte that never appears in a LOCAL match
UNCAST = 64  # a byte pyarrow's float cast never reads (it reads digits, signs, points, « e », « nan(…) », « inf »)

# every ASCII character a LOCAL match may hold (the number's, the spaces around, the units': « EUR », « km/h », « % »)
LOCAL_ASCII = " \t+-0123456789.,'%$EUR/abcdefghijklmnopqrstuvwxyz"
CAST_ASCII = "+-._()"  # with the ASCII letters and digits: every character a text the float cast reads may hold


@cache
def _classes() -> np.ndarray:
    """The class bits of each byte value (read-only), looked up as ``_classes()[data]``: ``np.take(table, data)``
    turned the bytes into 8-byte indices first (+580 MB for the 68 MB of a column of 50,000 parcel outlines), indexing
    does not and runs faster."""
    import numpy as np

    table = np.full(256, OTHER, dtype=np.uint8)
    table[ord("0"):ord("9") + 1] = DIGIT
    table[ord(",")] = COMMA
    table[ord("/")] |= SLASH
    table[ord("a"):ord("z") + 1] |= LETTER
    table[0x80:] |= LETTER
    for byte in range(0x80):
        if chr(byte) not in LOCAL_ASCII:
            table[byte] |= FOREIGN
        if not (chr(byte).isalnum() or chr(byte) in CAST_ASCII):
            table[byte] |= UNCAST
    table[0x80:] |= UNCAST
    table.flags.writeable = False
    return table


def _buffers(cells: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(starts, ends, data): each cell's bytes are ``data[starts[i]:ends[i]]``; None: nulls, or not text."""
    import numpy as np
    import pyarrow as pa

    if cells.null_count or not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return None
    width = np.int64 if pa.types.is_large_string(cells.type) else np.int32
    offsets = np.frombuffer(cells.buffers()[1], dtype=width)[cells.offset:cells.offset + len(cells) + 1]
    low, high = int(offsets[0]), int(offsets[-1])
    data_buffer = cells.buffers()[2]
    data = np.frombuffer(data_buffer, dtype=np.uint8)[low:high] if data_buffer is not None and high > low \
        else np.zeros(0, dtype=np.uint8)
    rebased = offsets.astype(np.int64) - low
    return rebased[:-1], rebased[1:], data


def _or_classes(classes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The class bits of each cell, or-ed over its bytes (0 for an empty cell)."""
    import numpy as np

    found = np.zeros(len(starts), dtype=np.uint8)
    filled = np.flatnonzero(ends > starts)
    if len(filled):  # the segments of the filled cells, in order, tile the bytes: one reduction each
        found[filled] = np.bitwise_or.reduceat(classes, starts[filled])
    return found


def plain_shapes(cells: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """(plain, comma) over ``cells``: which fully match :data:`.plain.PLAIN` (``-?[0-9]+(?:,[0-9]+)?``), and which of
    those hold a comma. None: the cells hold a null or are not text (the caller runs the pattern).

    Each byte counts 0 (a digit, or a leading minus), 1 (a comma between two digits of its cell) or :data:`_WRONG`
    (anything else); a cell is plain when its sum is 0 or 1 and it holds a digit. The sums are exact below
    :data:`_WRONG` bytes a cell: a longer cell (never met) is left to the pattern."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = _buffers(cells)
    if found is None:
        return None
    starts, ends, data = found
    lengths = ends - starts
    at = np.flatnonzero(data == ord(","))
    uniform = _uniform(starts, ends, data, at)
    if uniform is not None:
        return uniform
    filled = np.flatnonzero(lengths)
    heads = starts[filled]
    first, last = data[heads], data[ends[filled] - 1]
    if not (((first - np.uint8(48) < 10) | (first == ord("-"))) & (last - np.uint8(48) < 10)).any():
        return np.zeros(len(starts), dtype=bool), np.zeros(len(starts), dtype=bool)  # none starts and ends so
    weights = _plain_weights()[data]  # indexing, not np.take: it made the bytes 8-byte indices first (:func:`_classes`)
    signed = heads[data[heads] == ord("-")]
    weights[signed] = 0  # a leading minus (a second one, or one further on, stays wrong)
    if len(at):  # a comma must have a digit of its own cell on each side
        edge = np.zeros(len(data) + 1, dtype=bool)
        edge[heads] = True
        edge[-1] = True
        inside = ~(edge[at] | edge[at + 1])
        wrong = at[~inside]
        near = at[inside]
        wrong = np.concatenate([wrong, near[((data[near - 1] - 48).astype(np.uint8) >= 10)
                                            | ((data[near + 1] - 48).astype(np.uint8) >= 10)]])
        weights[wrong] = _WRONG
    sums = np.full(len(starts), _WRONG, dtype=np.uint32)
    if len(filled):
        sums[filled] = np.add.reduceat(weights, heads)
    signs = np.zeros(len(starts), dtype=np.int64)
    signs[filled[data[heads] == ord("-")]] = 1
    plain = (sums <= 1) & (lengths > signs)  # a lone « - » holds no digit
    comma = plain & (sums == 1)
    long = np.flatnonzero(lengths >= _WRONG)
    if len(long):  # the sums may wrap: the pattern decides
        some = cells.take(pa.array(long))
        plain[long] = np.asarray(pc.match_substring_regex(some, f"^(?:{PLAIN})$").to_numpy(zero_copy_only=False))
        comma[long] = plain[long] & np.asarray(pc.match_substring(some, ",").to_numpy(zero_copy_only=False))
    return plain, comma


def _uniform(starts: np.ndarray, ends: np.ndarray, data: np.ndarray, at: np.ndarray,
             ) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`plain_shapes` of the usual number column, recognised from its bytes and offsets alone (a few passes
    over the bytes, none per value): no cell empty, every byte a digit or a comma but for a leading minus, and either
    no comma at all or the n-th comma inside the n-th cell with a digit on each side (one comma a cell, then). None:
    not such a column."""
    import numpy as np

    count = len(starts)
    if not count or not len(data) or not (ends > starts).all():
        return None
    signs = data[starts] == ord("-")
    signed = int(np.count_nonzero(signs))
    if signed != np.count_nonzero(data == ord("-")):  # a minus further on: not plain there
        return None
    if np.count_nonzero((data - np.uint8(48)) < 10) + len(at) + signed != len(data):
        return None
    lengths = ends - starts
    if not len(at):
        if (lengths > signs).all():  # each cell: a digit at least
            return np.ones(count, dtype=bool), np.zeros(count, dtype=bool)
        return None
    if len(at) == count and bool(((at > starts + signs) & (at + 1 < ends)).all()):
        return np.ones(count, dtype=bool), np.ones(count, dtype=bool)
    return None


_WRONG = 1 << 16  # a byte no plain number holds there (cells shorter than this: the sum never wraps)


@cache
def _plain_weights() -> np.ndarray:
    """Each byte's weight in :func:`plain_shapes`' sums: 0 a digit, 1 a comma, else :data:`_WRONG` (uint32)."""
    import numpy as np

    table = np.full(256, _WRONG, dtype=np.uint32)
    table[ord("0"):ord("9") + 1] = 0
    table[ord(",")] = 1
    table.flags.writeable = False
    return table


def number_bits(cells: pa.Array) -> np.ndarray | None:
    """The class bits of each cell (:data:`DIGIT`, :data:`COMMA`, :data:`OTHER`, :data:`SLASH`, :data:`LETTER`,
    :data:`FOREIGN`, :data:`UNCAST`) or-ed over its bytes, uint8 (0: an empty cell); for :func:`surely_not_local` and
    :func:`with_digit`. None: nulls, or not text."""

    found = _buffers(cells)
    if found is None:
        return None
    starts, ends, data = found
    return _or_classes(_classes()[data], starts, ends)


@cache
def _display_table() -> np.ndarray:
    """1 for the bytes of a unit or a sign a number written for display holds: a letter, a non-ASCII byte, a byte no
    local number holds (« ( »), « % », « $ »."""
    import numpy as np

    table = ((_classes() & (LETTER | FOREIGN)) != 0).astype(np.uint8)
    table[ord("A"):ord("Z") + 1] = 1
    table[[ord("%"), ord("$")]] = 1
    table.flags.writeable = False
    return table


def displayed(cells: pa.Array) -> np.ndarray:
    """Which cells hold a byte of :func:`_display_table` (every cell True when the cells are not plain text)."""
    import numpy as np

    found = _buffers(cells)
    if found is None:
        return np.ones(len(cells), dtype=bool)
    starts, ends, data = found
    return _or_classes(_display_table()[data], starts, ends) != 0


def ending_with_minus(cells: pa.Array) -> np.ndarray:
    """Which cells end with « - » (a negative as accounting programs write it: « 1.234,56- »); False for all when the
    cells are not plain text."""
    import numpy as np

    found = _buffers(cells)
    if found is None:
        return np.zeros(len(cells), dtype=bool)
    starts, ends, data = found
    last = np.zeros(len(ends), dtype=bool)
    filled = np.flatnonzero(ends > starts)
    last[filled] = data[ends[filled] - 1] == ord("-")
    return last


PADDING_FIRST = (0x20, 0x09, 0xC2, 0xE2)  # a space, a tab, the lead byte of U+00A0 or of U+202F (and of others)
PADDING_LAST = (0x20, 0x09, 0xA0, 0xAF)  # a space, a tab, the last byte of U+00A0 or of U+202F (and of others)


def maybe_padded(cells: pa.Array) -> np.ndarray | None:
    """Which cells may begin or end with a space (« ␣1 234,56␣ »), read from their first and last bytes: a superset
    (« € » also starts with 0xE2), for an exact test on those cells only. None: nulls, or not text."""
    import numpy as np

    found = _buffers(cells)
    if found is None:
        return None
    starts, ends, data = found
    padded = np.zeros(len(starts), dtype=bool)
    filled = np.flatnonzero(ends > starts)
    padded[filled] = np.isin(data[starts[filled]], PADDING_FIRST) | np.isin(data[ends[filled] - 1], PADDING_LAST)
    return padded


def surely_not_local(bits: np.ndarray) -> np.ndarray:
    """Which cells (their :func:`number_bits`) :data:`.number_forms.LOCAL` can never fully match: one holding an ASCII
    character no LOCAL match holds, or a ``/`` (only met inside a unit) with no byte a unit starts with. False:
    maybe a match (the pattern decides)."""
    return ((bits & FOREIGN) != 0) | ((bits & (SLASH | LETTER)) == SLASH)


def with_digit(bits: np.ndarray) -> np.ndarray:
    """Which cells (their :func:`number_bits`) hold an ASCII digit."""
    return (bits & DIGIT) != 0


def first_in(cells: pa.Array, characters: str, *more: str) -> list[np.ndarray] | None:
    """Which cells start with one of ``characters`` (each one ASCII or two bytes long in UTF-8), read from the first
    two bytes of each cell: exact, since a UTF-8 character's bytes are its own; one mask per set of characters
    given. None: nulls, or not text."""
    import numpy as np

    found = _buffers(cells)
    if found is None:
        return None
    starts, ends, data = found
    filled = ends > starts
    first = np.zeros(len(starts), dtype=np.uint8)
    first[filled] = data[starts[filled]]
    second = None
    masks = []
    for each in (characters, *more):
        table, pairs = _first_table(each)
        hit = table[first] & filled
        if pairs and second is None:
            longer = np.flatnonzero(ends - starts >= 2)
            second = np.zeros(len(starts), dtype=np.uint8)
            second[longer] = data[starts[longer] + 1]
        for pair in pairs:
            hit |= (first == pair[0]) & (second == pair[1])
        masks.append(hit)
    return masks


@cache
def _first_table(characters: str) -> tuple[np.ndarray, tuple[bytes, ...]]:
    """For :func:`first_in`: the one-byte characters as a table over bytes, the two-byte ones as pairs."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    pairs: list[bytes] = []
    for character in characters:
        encoded = character.encode()
        if len(encoded) == 1:
            table[encoded[0]] = True
        elif len(encoded) == 2:
            pairs.append(encoded)
        else:
            raise ValueError(f"more than two bytes: {character!r}")
    table.flags.writeable = False
    return table, tuple(pairs)


def dotted(cells: pa.Array) -> pa.Array:
    """``cells`` with every ``,`` made ``.`` (one byte for another: in UTF-8 the byte of ``,`` is never part of
    another character), the offsets shared: ``pc.replace_substring(cells, ",", ".")`` without its per-value work."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    validity, offsets, data = cells.buffers()
    if data is None or not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return pc.replace_substring(cells, ",", ".")
    raw = np.frombuffer(data, dtype=np.uint8).copy()
    raw[raw == ord(",")] = ord(".")
    return pa.Array.from_buffers(cells.type, len(cells), [validity, offsets, pa.py_buffer(raw)], cells.null_count,
                                 cells.offset)
