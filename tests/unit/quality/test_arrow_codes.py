"""The dictionary encoding made ahead (quality/encoding.py ``arrow_codes``): distinct non-empty values in order of
first appearance, ``""`` left out with code -1, whatever the column's Arrow shape (one array, several chunks,
a slice, large strings)."""

from __future__ import annotations

import random

import pandas as pd
import pyarrow as pa
import pytest

from odwb_assist.quality.encoding import arrow_codes
from odwb_assist.quality.stream import TEXT


def _expected(texts: list[str]) -> tuple[list[int], list[str]]:
    distinct: dict[str, int] = {}
    codes = []
    for text in texts:
        if text == "":
            codes.append(-1)
            continue
        codes.append(distinct.setdefault(text, len(distinct)))
    return codes, list(distinct)


def _series(array: pa.Array | pa.ChunkedArray) -> pd.Series:
    return pd.Series(TEXT.__from_arrow__(array))


def _columns() -> list[list[str]]:
    rng = random.Random(2)
    columns = [["", "a", "b", "", "a", "c"], ["a", "b", ""], ["", ""], [""], ["x"], ["b", "a", "b"]]
    for share in (0.0, 0.1, 0.5, 0.95):
        columns.append(["" if rng.random() < share else f"v{rng.randint(0, 300)}" for _ in range(3000)])
    return columns


@pytest.mark.parametrize("shape", ["array", "chunked", "sliced", "large"])
def test_codes_and_values_are_the_first_appearances(shape: str) -> None:
    for texts in _columns():
        if shape == "array":
            array: pa.Array | pa.ChunkedArray = pa.array(texts, type=pa.string())
        elif shape == "chunked":
            third = max(1, len(texts) // 3)
            array = pa.chunked_array([pa.array(part, type=pa.string()) for part in (texts[:third],
                                      texts[third:2 * third], texts[2 * third:])], type=pa.string())
        elif shape == "sliced":
            array = pa.array(["zz", "", *texts, "yy"], type=pa.string()).slice(2, len(texts))
        else:
            array = pa.array(texts, type=pa.large_string())
        codes = arrow_codes(_series(array))
        assert codes is not None
        expected_codes, expected_values = _expected(texts)
        assert codes.indices.to_pylist() == expected_codes
        assert codes.dictionary.to_pylist() == expected_values
        assert codes.indices.null_count == 0


def test_a_column_with_nulls_or_not_text_is_not_encoded() -> None:
    assert arrow_codes(_series(pa.array(["a", None]))) is None
    assert arrow_codes(pd.Series([1, 2])) is None
