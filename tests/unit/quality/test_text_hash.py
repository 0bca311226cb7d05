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
