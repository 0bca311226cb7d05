"""Two 64-bit hashes of many texts at once, read from their UTF-8 bytes (Arrow buffers) with numpy.

No Python object is made per text: the bytes of every text are read as 8-byte little-endian words (the last
one of a text padded with zeros), each word is keyed with its position in its text and mixed by a 64-bit
finaliser (SplitMix64's), and a text's first hash is the sum of its words' plus its length times a constant,
mixed again. The second hash sums the same word hashes mixed once more (xorshift, odd multiply: not a linear
image of the first's terms) and ends with another finaliser (MurmurHash3's): two texts share both only when
two different sums collide at once. No polynomial in a fixed base is used (Thue–Morse strings collide in those).

What holds exactly: two texts of the same length that differ in a single 8-byte word (any two texts of the
same length up to 8 bytes) never share either hash, every step being a bijection of that word. Beyond that the
hashes are not keyed with a secret: they are meant for natural data, not for inputs built to collide.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .cells import one_array

if TYPE_CHECKING:
    import numpy as np

# SplitMix64's finaliser (first hash) and MurmurHash3's fmix64 (second hash): shifts and odd multipliers
SPLITMIX = (30, 0xBF58476D1CE4E5B9, 27, 0x94D049BB133111EB, 31)
MURMUR = (33, 0xFF51AFD7ED558CCD, 33, 0xC4CEB9FE1A85EC53, 33)
POSITION = 0x9E3779B97F4A7C15  # a word's key: its position in its text times this odd constant
LENGTH = (0xD6E8FEB86659FD93, 0xA0761D6478BD642F)  # a text's length in bytes times these, per hash
SECOND = (29, 0xE7037ED1A0B428DB)  # the second hash's extra mix of a word hash (xorshift, multiply)


def mix(values: np.ndarray, steps: tuple[int, int, int, int, int] = SPLITMIX) -> np.ndarray:
    """A 64-bit finaliser (xorshift, multiply, xorshift, multiply, xorshift), in place on ``values`` (uint64)."""
    import numpy as np

    first, times, second, again, last = _constants(steps)
    scratch = np.right_shift(values, first)
    values ^= scratch
    values *= times
    np.right_shift(values, second, out=scratch)
    values ^= scratch
    values *= again
    np.right_shift(values, last, out=scratch)
    values ^= scratch
    return values


@cache
def _constants(numbers: tuple[int, ...]) -> tuple[Any, ...]:
    """``numbers`` as numpy 64-bit scalars, made once (a scalar made per call cost more than a short array's work)."""
    import numpy as np

    return tuple(np.uint64(number) for number in numbers)


def text_buffers(array: Any) -> tuple[np.ndarray, np.ndarray]:
    """The byte offsets (int64, one more than texts, the first 0) and the UTF-8 bytes of a pyarrow text array."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = one_array(array)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = pc.cast(array, pa.large_string())
    _, offsets_buffer, data_buffer = array.buffers()
    width = 4 if pa.types.is_string(array.type) else 8
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32 if width == 4 else np.int64, count=len(array) + 1,
                            offset=array.offset * width).astype(np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, dtype=np.uint8)
    data = data[offsets[0]:offsets[-1]]
    return offsets - offsets[0], data


def python_buffers(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`text_buffers`, for Python strings (a lone surrogate kept as its UTF-8-like bytes)."""
    import numpy as np

    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    return offsets, np.frombuffer(b"".join(encoded), dtype=np.uint8)


def hash_texts(offsets: np.ndarray, data: np.ndarray, key: int = 0, spare: int | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Two 64-bit hashes (uint64) of each text ``data[offsets[i]:offsets[i + 1]]``; ``key`` (64 bits) is mixed in
    last (a column's position: the same text in two columns hashed apart); ``spare``: one more entry at the end,
    this 64-bit number finalised like a text's sums (an empty cell's stand-in)."""
    import numpy as np

    count = len(offsets) - 1
    extra = 0 if spare is None else 1
    one, two = np.empty(count + extra, dtype=np.uint64), np.empty(count + extra, dtype=np.uint64)
    if count > 0:
        _sums(offsets, data, one[:count], two[:count])
    if spare is not None:
        one[count] = two[count] = spare
    if key:
        bits = np.uint64(key)
        one ^= bits
        two ^= bits
    return mix(one, SPLITMIX), mix(two, MURMUR)


SHORT = 4  # words: texts up to this long are hashed word by word across the texts (no per-word index arrays)


def _sums(offsets: np.ndarray, data: np.ndarray, one: np.ndarray, two: np.ndarray) -> None:
    """The two sums of word hashes of each text (its length in bytes added in), into ``one`` and ``two``.

    The texts of at most :data:`SHORT` words (nearly all: codes, numbers, names) are read by word position, first
    every text's first word, then the second word of those with two…; the longer ones word by word in one flat
    array (:func:`_long_sums`). The sums are the same either way (additions modulo 2**64)."""
    import numpy as np

    count = len(offsets) - 1
    starts = offsets[:-1]
    lengths = offsets[1:] - starts
    words = np.maximum((lengths + 7) >> 3, 1)  # an empty text reads one word, all of it masked off
    longest = int(words.max()) if count else 0
    padded = np.zeros(len(data) + 8 * SHORT, dtype=np.uint8)  # a word read past a text's end stays inside
    padded[:len(data)] = data
    # every byte position read as the start of an 8-byte little-endian word (unaligned, a view: no copy)
    at = np.ndarray((len(data) + 8 * SHORT - 7,), dtype="<u8", buffer=padded, strides=(1,))
    short = None  # the texts read by word position (None: all of them)
    if longest > SHORT:
        long = np.flatnonzero(words > SHORT)
        if len(long) * 4 > count:  # mostly long texts: all of them in the flat array
            _long_sums_by_group(at, starts, lengths, words, one, two)
            return
        first, second = np.empty(len(long), dtype=np.uint64), np.empty(len(long), dtype=np.uint64)
        _long_sums_by_group(at, starts[long], lengths[long], words[long], first, second)
        one[long], two[long] = first, second
        short = np.flatnonzero(words <= SHORT)
        starts, lengths, words = starts[short], lengths[short], words[short]
    length_one, length_two, shift, times = _constants((*LENGTH, *SECOND))
    keep = np.uint64(0xFFFFFFFFFFFFFFFF) >> (((words << 3) - lengths) << 3).view(np.uint64)
    # the sums (every text has a first word: they start as its hashes)
    first_sum = one if short is None else np.empty(len(starts), dtype=np.uint64)
    second_sum = two if short is None else np.empty(len(starts), dtype=np.uint64)
    for word in range(min(longest, SHORT)):
        more = words > word  # the texts with a word at this position
        reading = None if not word else np.flatnonzero(more)
        if reading is not None and len(reading) * 2 > len(starts):  # most texts: read every one, the others zeroed
            reading = None
        begins = starts if reading is None else starts[reading]
        hashed = at[begins + (word << 3)].astype(np.uint64, copy=False)
        ending = (words if reading is None else words[reading]) == word + 1  # the texts' last word
        if ending.all():
            hashed &= keep if reading is None else keep[reading]
        else:
            last = np.flatnonzero(ending)
            hashed[last] &= keep[last] if reading is None else keep[reading[last]]
        if word:
            hashed ^= _constants((word * POSITION % (1 << 64),))[0]  # the word's key: its position times POSITION
        mix(hashed, SPLITMIX)
        if reading is None and word and not more.all():
            hashed[~more] = 0  # no word there: nothing added
        _add_position(first_sum, hashed, word, reading)
        hashed ^= hashed >> shift  # the second hash's word hashes: the first one's mixed again (see _long_sums)
        hashed *= times
        _add_position(second_sum, hashed, word, reading)
    size = lengths.astype(np.uint64)
    first_sum += size * length_one
    second_sum ^= size * length_two
    if short is not None:
        one[short], two[short] = first_sum, second_sum


def _add_position(sums: np.ndarray, hashed: np.ndarray, word: int, reading: np.ndarray | None) -> None:
    """Add one word position's hashes to the texts' sums: the first position sets them; ``reading``: the texts
    read at this position (None: every one)."""
    if not word:
        sums[:] = hashed
    elif reading is None:
        sums += hashed
    else:
        sums[reading] += hashed


LONG_WORDS = 1 << 19  # words (4 MB of text) hashed at once: the per-word arrays of :func:`_long_sums` stay small


def _long_sums_by_group(at: np.ndarray, starts: np.ndarray, lengths: np.ndarray, words: np.ndarray, one: np.ndarray,
                        two: np.ndarray) -> None:
    """:func:`_long_sums` of the texts in groups of about :data:`LONG_WORDS` words (a text longer than that is a group
    of its own): a column of long texts (a GIS export's shapes, 1 KB a cell) once made per-word arrays of some six
    times its size at once (400 MB for 65,000 parcel outlines). The sums are each text's own: the same either way."""
    import numpy as np

    count = len(starts)
    if not count:
        return
    total = np.cumsum(words)
    cuts = np.searchsorted(total, np.arange(LONG_WORDS, int(total[-1]), LONG_WORDS), side="right")
    edges = np.unique(np.concatenate(([0], cuts, [count])))
    for first, last in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        _long_sums(at, starts[first:last], lengths[first:last], words[first:last], one[first:last], two[first:last])


def _long_sums(at: np.ndarray, starts: np.ndarray, lengths: np.ndarray, words: np.ndarray, one: np.ndarray,
               two: np.ndarray) -> None:
    """:func:`_sums` of the texts at ``starts`` (``at``: the padded bytes read as words from each position), every
    word of every text in one flat array (texts of many words)."""
    import numpy as np

    position, length_one, length_two, shift, times = _constants((POSITION, *LENGTH, *SECOND))
    count = len(starts)
    first = np.zeros(count, dtype=np.int64)
    np.cumsum(words[:-1], out=first[1:])
    total = int(first[-1] + words[-1])
    # a text's last word keeps its own bytes only (0 to 8 of them): all ones shifted right by the unused bits
    # (numpy shifts a 64-bit integer by 64 to 0)
    keep = np.uint64(0xFFFFFFFFFFFFFFFF) >> (((words << 3) - lengths) << 3).view(np.uint64)
    index = np.arange(total, dtype=np.int64)
    index -= np.repeat(first, words)  # a word's position in its text
    hashed = at[np.repeat(starts, words) + (index << 3)].astype(np.uint64, copy=False)
    hashed[first + words - 1] &= keep
    keys = index.view(np.uint64)
    keys *= position
    hashed ^= keys
    mix(hashed, SPLITMIX)
    np.add.reduceat(hashed, first, out=one)
    hashed ^= hashed >> shift  # the second hash's word hashes: the first one's mixed again (not a bijection's
    hashed *= times  # linear image: a sum colliding in the first hash is no hint for the second)
    np.add.reduceat(hashed, first, out=two)
    size = lengths.astype(np.uint64)
    one += size * length_one
    two ^= size * length_two
