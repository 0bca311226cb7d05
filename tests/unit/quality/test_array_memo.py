"""What the checks read from a column's Arrow buffers is read once per array and kept while it lives (issue 17)."""

from __future__ import annotations

import gc

import numpy as np
import pyarrow as pa
import pytest

from odwb_assist.checks import array_memo, cells


def test_the_same_chunked_values_give_the_same_array_and_their_bytes_are_read_once() -> None:
    chunked = pa.chunked_array([pa.array(["Namur", "", "4000"]), pa.array(["#N/A", "é"])])
    one = cells.one_array(chunked)
    assert one is cells.one_array(chunked)
    assert one.to_pylist() == ["Namur", "", "4000", "#N/A", "é"]
    first = cells.first_bytes(one)
    assert first is cells.first_bytes(one)
    assert first.tolist() == [ord("N"), 0, ord("4"), ord("#"), 0xC3]
    assert cells.byte_lengths(one).tolist() == [5, 0, 4, 4, 2]
    assert cells.byte_offsets(one) is cells.byte_offsets(one)


def test_what_is_kept_is_read_only_so_no_check_spoils_it_for_the_next() -> None:
    array = pa.array(["a", "bc"])
    with pytest.raises(ValueError, match="read-only"):
        cells.first_bytes(array)[0] = 0
    with pytest.raises(ValueError, match="read-only"):
        cells.byte_lengths(array)[:] = 0
    assert cells.first_bytes(array).tolist() == [ord("a"), ord("b")]


def test_positions_asked_for_are_read_fresh_and_may_be_changed() -> None:
    array = pa.array(["xy", "z", ""])
    picked = cells.first_bytes(array, np.array([2, 0]))
    assert picked.tolist() == [0, ord("x")]
    picked[0] = 1  # a fresh array, not the kept one
    assert cells.first_bytes(array).tolist() == [ord("x"), ord("z"), 0]


def test_nothing_is_kept_once_the_arrays_are_freed() -> None:
    gc.collect()
    before = array_memo.kept_count()
    arrays = [pa.array([f"v{i}", "w"]) for i in range(50)]
    for array in arrays:
        cells.first_bytes(array)
        cells.byte_lengths(array)
    assert array_memo.kept_count() >= before + 100
    del arrays, array
    gc.collect()
    assert array_memo.kept_count() == before


def test_a_new_array_at_a_freed_array_s_address_is_read_anew() -> None:
    for round_ in range(200):  # CPython reuses a freed object's identity: the weak reference's callback forgets it
        text = f"{round_ % 10}x"
        assert cells.first_bytes(pa.array([text])).tolist() == [ord(text[0])]
