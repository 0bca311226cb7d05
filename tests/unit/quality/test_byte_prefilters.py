"""Byte prefilters read from Arrow buffers (issue 17): each gives the verdict of the Python test it stands for."""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from odwb_assist.checks import cells
from odwb_assist.core.contract import ColumnValues

ALPHABET = list(" \t\n\x1c\x85\xa0\u2003\u202f\u212a@aZé€$%‰²°[`{~!0159.,'/+-=mkgEURl")


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6))) for _ in range(count)]


def _shapes(texts: list[str]) -> list[pa.Array | pa.ChunkedArray]:
    """The same cells as a plain array, a sliced large-string array with a null before them, and a chunked array."""
    half = len(texts) // 2
    return [pa.array(texts), pa.array([None, *texts], type=pa.large_string()).slice(1),
            pa.chunked_array([pa.array(texts[:half]), pa.array(texts[half:])])]


@pytest.mark.parametrize("shape", range(3))
def test_the_byte_tests_give_python_s_verdicts(shape: int) -> None:
    texts = _texts(30_000, seed=shape)
    array = _shapes(texts)[shape]
    assert cells.not_blank(array).tolist() == [text.strip() != "" for text in texts]
    assert cells.holding(array, "@").tolist() == ["@" in text for text in texts]
    assert cells.holding(array, "%$", letters=True, non_ascii=True).tolist() == [
        any(c in "%$" or (c.isascii() and c.isalpha()) or not c.isascii() for c in text) for text in texts]
    if not isinstance(array, pa.ChunkedArray):
        assert cells.made_of(array, "0159").tolist() == [text != "" and set(text) <= set("0159") for text in texts]
        first = cells.first_bytes(array)
        assert first.tolist() == [text.encode()[0] if text else 0 for text in texts]
        assert cells.byte_set("=+")[first].tolist() == [text[:1] in ("=", "+") for text in texts]


def test_nulls_are_neither_filled_nor_holding() -> None:
    array = pa.array(["a@", None, " ", "", "x"])
    assert cells.not_blank(array).tolist() == [True, False, False, False, True]
    assert cells.holding(array, "@x").tolist() == [True, False, False, False, True]
    assert cells.first_bytes(array).tolist() == [ord("a"), 0, ord(" "), 0, ord("x")]
    assert cells.made_of(array, "ax@").tolist() == [True, False, False, False, True]
    assert cells.made_of(pa.array(["12", "1 2", "١٢", "+1"]), "0123456789").tolist() == [True, False, False, False]


def test_digits_read_as_the_type_patterns_read_them() -> None:
    """A column of counts is vouched for by its bytes (digits alone); any other cell still meets the pattern: the
    Arrow path gives the verdicts of the Python one (Python's ``re`` on each text, as for a few values)."""
    from odwb_assist.quality.type_readers import _Values

    texts = ["12", "007", " 12", "+3", "1_000", "-0", "1.5", "1e3", "12a", "١٢", "nan", "2024", "99999", "0"]
    column = ColumnValues.from_series(pd.Series(texts * 20 + [f"{n}" for n in range(400)], dtype="str"), 1)
    arrow = _Values(column)
    python = _Values(column)
    python.small = True  # the path of a few values: each text through Python's re
    assert arrow.cells is not None and python.cells is None
    for kind in ("integer", "number", "year"):
        assert arrow._test(None, kind).tolist() == python._test(None, kind).tolist(), kind
    assert arrow._test(None, "integer")[: len(texts)].tolist() == [
        False, False, False, False, False, False, True, True, True, True, True, False, False, False]


def test_filled_mask_counts_every_shape_of_column() -> None:
    texts = _texts(5_000, seed=9)
    rows = range(2, 5_002)
    chunk = pd.DataFrame({"arrow": pd.Series(texts, index=rows, dtype="str"),
                          "object": pd.Series(texts[::-1], index=rows, dtype=object)})
    expected = np.stack([[t.strip() != "" for t in texts], [t.strip() != "" for t in texts[::-1]]], axis=1)
    assert np.array_equal(cells.filled_mask(chunk), expected)
    values = {0: ColumnValues.from_series(chunk["arrow"], 1)}
    assert np.array_equal(cells.filled_mask(chunk, values), expected)


def test_byte_set_refuses_a_character_that_is_not_a_byte() -> None:
    with pytest.raises(ValueError):
        cells.byte_set("€")


def test_unit_and_thousands_prefilters_keep_the_pattern_s_verdicts() -> None:
    from odwb_assist.checks.thousands_separator import SURE_RE2, _sure_mask
    from odwb_assist.checks.unit_in_cell import PATTERN, _unit_mask

    rng = random.Random(5)
    alphabet = list(" \t+-0123456789.,'€$%‰²°mkKgtlhEURusdpace\u212a\u00a0\u202f/")
    texts = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))) for _ in range(60_000)})
    texts += ["12 m", "1.250,50 €", "45%", "€ 12", "$5", "12 places", "3 KWh", "1 250", "12.500.000", "50,3", "-12"]
    column = ColumnValues.from_series(pd.Series(texts, dtype="str"), 1)
    unit = [re.fullmatch(PATTERN, text) is not None for text in column.texts]
    sure = [re.fullmatch(SURE_RE2, text) is not None for text in column.texts]
    assert sum(unit) > 100 and sum(sure) > 10
    assert _unit_mask(column).tolist() == unit
    assert _sure_mask(column).tolist() == sure


def test_bytes_read_at_some_positions_only() -> None:
    array = pa.array(["ab", None, "", "xyz", "é"]).slice(1)
    at = np.array([3, 0, 2])
    assert cells.first_bytes(array, at).tolist() == [0xC3, 0, ord("x")]


def test_plain_ends_mean_nothing_to_strip() -> None:
    texts = _texts(30_000, seed=21)
    array = _shapes(texts)[1]
    plain = cells.plain_ends(array)
    assert all(text.strip() == text and text for text, keep in zip(texts, plain.tolist(), strict=True) if keep)
    assert plain.tolist() == [bool(t) and 0x20 < ord(t[0]) < 0x7F and 0x20 < ord(t[-1]) < 0x7F for t in texts]


def test_trim_spaces_leaves_a_column_with_plain_ends_as_it_is_and_strips_the_others() -> None:
    from odwb_assist.checks.trim_spaces import _strip

    plain = pd.Series(pd.array(["Namur", "", "5000", "a b"], dtype="str"))
    assert _strip(plain) is plain  # nothing to strip: the column itself, no copy, no comparison afterwards
    for text in ["Namur ", "\u00a0Ciney", "Dinant\u202f", "\tGesves", "Andenne\x1c", "é "]:
        padded = pd.Series(pd.array(["Namur", "", text], dtype="str"))
        assert _strip(padded).tolist() == ["Namur", "", text.strip()]


def test_decimal_comma_prefilter_keeps_the_pattern_s_verdicts() -> None:
    from odwb_assist.checks.decimal_comma import PATTERN, _comma_mask

    rng = random.Random(8)
    alphabet = list(" \t+-0123456789.,'\u00a0\u202fa/")
    texts = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(60_000)})
    texts += ["12,5", "-3,25", "1 250,50", "1.250.000,5", "087/61.79.32", "50,354836"]
    column = ColumnValues.from_series(pd.Series(texts, dtype="str"), 1)
    expected = [re.fullmatch(PATTERN, text) is not None for text in column.texts]
    assert sum(expected) > 100
    assert _comma_mask(column).tolist() == expected


def test_dotted_numbers_are_read_as_before() -> None:
    """The thousands check's dotted values: the same dot3 and other-decimals verdicts as its patterns on every value."""
    from odwb_assist.checks.thousands_separator import DOT3, OTHER_DECIMALS, ThousandsSeparatorCheck
    from odwb_assist.core.contract import CheckContext

    rng = random.Random(12)
    alphabet = list(" \t+-0123456789.,a@")
    texts = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(30_000)})
    column = ColumnValues.from_series(pd.Series(texts, dtype="str", name="v"), 1)
    context = CheckContext(source="x", fields=["v"], options={"types": {"v": "string"}})
    check = ThousandsSeparatorCheck()
    check.start(context)
    list(check.check_values(column, context))
    dot3 = [re.fullmatch(DOT3, text) is not None for text in column.texts]
    other = [re.fullmatch(OTHER_DECIMALS, text) is not None for text in column.texts]
    assert sum(dot3) > 20 and sum(other) > 20
    assert check.dot3.counts["v"] == int(column.counts[np.array(dot3)].sum())
    assert check.other["v"] == int(column.counts[np.array(other)].sum())
