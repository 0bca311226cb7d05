"""The duplicate-row set's bit filter and merge (issue 17): the same answers as a plain set of pairs, chunk after
chunk, with colliding first hashes, repeats inside a chunk and blocks merged up to their bound."""

from __future__ import annotations

import numpy as np
import pytest

from odwb_assist.checks import duplicate_row
from odwb_assist.checks.duplicate_row import SortedPairs, _merged


@pytest.mark.parametrize("bits", [4, 12, 25])  # 4: every bit soon set, every pair searched; 25: the run's filter
def test_the_filtered_set_answers_as_a_plain_set(monkeypatch: pytest.MonkeyPatch, bits: int) -> None:
    monkeypatch.setattr(duplicate_row, "FILTER_BITS", bits)
    monkeypatch.setattr(duplicate_row, "BLOCK", 3000)
    generator = np.random.default_rng(17)
    pool = generator.integers(0, 2**64 - 1, size=(4000, 2), dtype=np.uint64)
    pool[100:200, 0] = pool[0:100, 0]  # the same first hash, another second one
    pool[200:300, 0] = pool[300:400, 0] + np.uint64(1)  # neighbours in the sorted blocks
    pairs, seen = SortedPairs(), set()
    for _ in range(40):
        chunk = pool[generator.integers(0, len(pool), size=int(generator.integers(1, 600)))]
        order = np.argsort(chunk[:, 0], kind="stable")
        first, second = chunk[order, 0], chunk[order, 1]
        expected = [(int(a), int(b)) in seen for a, b in zip(first, second, strict=True)]
        assert pairs.found_then_add(first, second).tolist() == expected
        seen.update(zip(first.tolist(), second.tolist(), strict=True))
        assert pairs.contains(chunk[:, 0], chunk[:, 1]).all()
    assert sum(len(keys) for keys, *_ in pairs.blocks) == len(seen)  # each pair kept once
    assert all(len(keys) <= 3000 for keys, *_ in pairs.blocks)
    more = generator.integers(0, 2**64 - 1, size=(50, 2), dtype=np.uint64)
    pairs.add(more[:, 0], more[:, 1])
    assert pairs.contains(more[:, 0], more[:, 1]).all()


def test_a_merge_keeps_the_keys_sorted_with_their_check_hashes() -> None:
    generator = np.random.default_rng(3)
    keys = np.sort(generator.integers(0, 1000, size=500).astype(np.uint64))
    more = np.sort(generator.integers(0, 1000, size=80).astype(np.uint64))
    checks, more_checks = keys * np.uint64(3), more * np.uint64(3)
    merged, merged_checks = _merged(keys, checks, more, more_checks)
    assert merged.tolist() == sorted(keys.tolist() + more.tolist())
    assert (merged_checks == merged * np.uint64(3)).all()


def test_the_filter_keeps_every_bit_of_unsorted_hashes() -> None:
    """Hashes given out of order (sharing bytes of the filter far apart) all leave their bit set."""
    pairs = SortedPairs()
    first = np.array([5 << 58, 1 << 58, (5 << 58) + (1 << 39), 3 << 58, 1 << 58], dtype=np.uint64)
    pairs._maybe(first, add=True)
    assert pairs._maybe(first).all()


@pytest.mark.parametrize("bits", [4, 25])
def test_the_set_gives_the_row_each_pair_was_first_seen_on(monkeypatch: pytest.MonkeyPatch, bits: int) -> None:
    """earlier_then_add names, for each pair already held, the earliest row it came with: across blocks merged up to
    their bound, with first hashes shared by other pairs (a run walked along), a pair repeated within a chunk."""
    monkeypatch.setattr(duplicate_row, "FILTER_BITS", bits)
    monkeypatch.setattr(duplicate_row, "BLOCK", 500)
    generator = np.random.default_rng(23)
    pool = generator.integers(0, 2**63, size=(1500, 2), dtype=np.uint64)
    pool[50:150, 0] = pool[0:100, 0]  # the same first hash, another second one
    pairs, first_row = SortedPairs(), {}
    row = 2
    for _ in range(30):
        chunk = pool[generator.integers(0, len(pool), size=int(generator.integers(1, 300)))]
        rows = np.arange(row, row + len(chunk))
        row += len(chunk)
        order = np.argsort(chunk[:, 0], kind="stable")
        first, second, numbers = chunk[order, 0], chunk[order, 1], rows[order]
        expected = [first_row.get((int(a), int(b)), 0) for a, b in zip(first, second, strict=True)]
        found, earlier = pairs.earlier_then_add(first, second, numbers)
        assert earlier.tolist() == expected
        assert found.tolist() == [bool(each) for each in expected]
        for a, b, number in zip(chunk[:, 0].tolist(), chunk[:, 1].tolist(), rows.tolist(), strict=True):
            first_row.setdefault((a, b), number)
