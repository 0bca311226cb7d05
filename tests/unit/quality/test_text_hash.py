"""The byte hashes of duplicate-row (:mod:`odwb_assist.checks.text_hash`) on inputs built to collide: Thue–Morse
strings (which break a polynomial hash modulo 2^64), permutations, one-byte changes, trailing zero bytes; the
same text hashed alike from a pyarrow array (sliced, large, chunked) or from Python strings."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pyarrow as pa

from odwb_assist.checks.text_hash import hash_texts, python_buffers, text_buffers


def hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    return hash_texts(*python_buffers(texts))


def all_distinct(texts: list[str]) -> None:
    assert len(set(texts)) == len(texts)
    first, second = hashes(texts)
    assert len(np.unique(first)) == len(texts)
    assert len(np.unique(second)) == len(texts)


def thue_morse(bits: int) -> str:
    return "".join("ab"[bin(i).count("1") % 2] for i in range(1 << bits))


def test_thue_morse_strings_and_their_complements_differ() -> None:
    texts = []
    for bits in range(1, 13):
        word = thue_morse(bits)
        texts += [word, word.translate(str.maketrans("ab", "ba"))]
        texts += [word + word, word[::-1] + "!"]
    all_distinct(sorted(set(texts)))


def test_permutations_of_the_same_bytes_and_words_differ() -> None:
    all_distinct(["".join(p) for p in permutations("abcdefg")])  # 5040 orders of the same seven bytes
    blocks = ["abcdefgh", "12345678", "ABCDEFGH", "zzzzzzzz", "é€ü1"]  # whole 8-byte words swapped
    all_distinct(["".join(p) for p in permutations(blocks)])


def test_texts_one_byte_apart_differ() -> None:
    base = "Rue de la Station 12, 5000 Namur"
    texts = [base[:at] + chr(code) + base[at + 1:] for at in range(len(base)) for code in range(32, 127)]
    all_distinct(sorted(set(texts)))


def test_trailing_zero_bytes_and_lengths_differ() -> None:
    all_distinct(["", "a", "a\0", "a\0\0", "\0", "\0\0", "a" * 8, "a" * 8 + "\0", "a" * 9, "a" * 16, "a" * 17])


def test_many_random_texts_never_collide_on_either_hash() -> None:
    rng = np.random.default_rng(3)
    lengths = rng.integers(0, 40, 200_000)
    letters = rng.integers(0, 64, int(lengths.sum()))
    alphabet = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,éè"))
    joined = "".join(alphabet[letters])
    ends = np.cumsum(lengths)
    texts = sorted({joined[end - size:end] for end, size in zip(ends.tolist(), lengths.tolist(), strict=True)})
    all_distinct(texts)


def test_pyarrow_buffers_hash_like_python_strings() -> None:
    texts = ["", "Liège", "a" * 8, "b" * 9, "Rue de l'Église 3", "€", "x" * 100]
    expected = hashes(texts)
    arrays = [pa.array(texts), pa.array(texts, pa.large_string()),
              pa.array(["skip", *texts, "tail"]).slice(1, len(texts)),
              pa.chunked_array([texts[:3], texts[3:]]), pa.array(texts, pa.string_view())]
    for array in arrays:
        got = hash_texts(*text_buffers(array))
        assert [part.tolist() for part in got] == [part.tolist() for part in expected], array.type
    assert [part.tolist() for part in hash_texts(*python_buffers([]))] == [[], []]


def _flat_hashes(texts: list[str], key: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The hashes with every text read word by word in one flat array (:func:`text_hash._long_sums`, the first way
    they were computed), finalised as :func:`hash_texts` does."""
    from odwb_assist.checks import text_hash

    offsets, data = python_buffers(texts)
    padded = np.zeros(len(data) + 8, dtype=np.uint8)
    padded[:len(data)] = data
    at = np.ndarray((len(data) + 1,), dtype="<u8", buffer=padded, strides=(1,))
    lengths = np.diff(offsets)
    words = np.maximum((lengths + 7) >> 3, 1)
    one, two = np.empty(len(texts), dtype=np.uint64), np.empty(len(texts), dtype=np.uint64)
    text_hash._long_sums(at, offsets[:-1], lengths, words, one, two)
    if key:
        one ^= np.uint64(key)
        two ^= np.uint64(key)
    return text_hash.mix(one, text_hash.SPLITMIX), text_hash.mix(two, text_hash.MURMUR)


def test_texts_read_by_word_position_hash_as_read_flat() -> None:
    """Short texts are hashed one word position at a time (dense or sparse), long ones flat: the same hashes."""
    import random

    rng = random.Random(4)
    alphabet = "ab€é\x00 xyz0123456789,"
    for trial in range(60):
        longest = rng.choice([0, 1, 7, 8, 9, 15, 16, 17, 24, 32, 33, 40, 120])
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
                 for _ in range(rng.choice([1, 2, 3, 50, 2000]))]
        if trial % 3 == 0:  # a few long texts among short ones (then: mostly long ones)
            texts += ["q" * rng.randint(33, 200) for _ in range(rng.randint(1, 1 + len(texts) // (1 + trial % 2 * 50)))]
        rng.shuffle(texts)
        key = rng.getrandbits(64) if trial % 2 else 0
        first, second = hash_texts(*python_buffers(texts), key=key)
        expected = _flat_hashes(texts, key)
        assert first.tolist() == expected[0].tolist()
        assert second.tolist() == expected[1].tolist()


def test_long_texts_hash_alike_whatever_the_group_of_words_hashed_at_once() -> None:
    """Long texts (a GIS export's shapes) are hashed a group of words at a time; each text's hashes are its own."""
    from odwb_assist.checks import text_hash

    rng = np.random.default_rng(17)
    texts = ["POLYGON ((" + ", ".join(f"{x:.7f} {y:.7f}" for x, y in rng.random((int(n), 2)) + (4.8, 50.4)) + "))"
             for n in rng.integers(1, 60, 300)] + ["", "a", "x" * 9]
    whole = hashes(texts)
    original = text_hash.LONG_WORDS
    try:
        for words in (1, 7, 100, 5_000):
            text_hash.LONG_WORDS = words
            grouped = hashes(texts)
            assert (grouped[0] == whole[0]).all() and (grouped[1] == whole[1]).all()
    finally:
        text_hash.LONG_WORDS = original
    all_distinct(texts)
