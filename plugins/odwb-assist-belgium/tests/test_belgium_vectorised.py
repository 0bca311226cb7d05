"""The pyarrow shortcuts give the verdicts of the pandas / Python paths they stand for, value for value.

Coordinates parsed from the pyarrow values (commas made dots in the bytes) equal ``numbers(stripped)``; phone
verdicts in pyarrow equal the pandas steps; the national-number screen in RE2 keeps every value Python's ``re``
keeps (and no other); postal territory with ``pyarrow.compute.is_in`` equals ``Series.isin``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from odwb_assist_belgium import coordinates, phone, postal
from odwb_assist_belgium import reference as ref
from odwb_assist_belgium.national_number_scan import _PREFILTER, _SCREEN, _shaped

from odwb_assist.core.contract import CheckContext, ColumnValues

# digits (ASCII and others), separators, signs and letters that numbers, phones and identifiers are made of
_CHARS = st.sampled_from(list("0123456789012345678901234567890 ,.,.-+/()eE\t\u00a0\n\u0663\uff11éAx"))
_TEXT = st.text(_CHARS, min_size=1, max_size=18)


def column(values: list[str]) -> ColumnValues:
    """The encoded column the engine hands over (pyarrow-backed distinct values)."""
    from odwb_assist.quality.check_run import from_arrow

    series = pd.Series(values, index=range(2, 2 + len(values)), dtype="str", name="c")
    encoded = from_arrow(series, 1, None)
    assert encoded is not None
    return encoded


def _coordinate_like(draw: st.DrawFn) -> str:
    whole = draw(st.integers(-400_000, 400_000))
    decimals = draw(st.text(st.sampled_from("0123456789"), max_size=10))
    comma = draw(st.sampled_from([",", "."]))
    pad = draw(st.sampled_from(["", " ", "\t"]))
    return f"{pad}{whole}{comma + decimals if decimals else ''}{pad}"


_FILLER = [f"50,{n:06d}" for n in range(coordinates._FAST)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.composite(_coordinate_like)(), _TEXT), min_size=1, max_size=400))
def test_coordinates_parsed_in_pyarrow_equal_numbers_of_the_stripped_values(values):
    encoded = column(values + _FILLER)  # enough distinct values for the pyarrow path
    assert encoded.arrow is not None and len(encoded) >= coordinates._FAST
    expected = coordinates.numbers(encoded.values.str.strip()).to_numpy(dtype=float, na_value=np.nan)
    np.testing.assert_array_equal(coordinates._parse(encoded), expected)


def test_coordinates_of_a_large_column_take_the_pyarrow_path_and_agree():
    rng = np.random.default_rng(7)
    values = [f"{x:.6f}".replace(".", ",") for x in rng.uniform(-200, 200, 3000)]
    values += [" 50,5 ", "1e5", "inf", "50,1,2", "-", "12345678,1", "4,123456789", "+5", ".5", "5.", "\t", "0x1A"]
    encoded = column(values)
    assert encoded.arrow is not None and len(encoded) >= coordinates._FAST
    expected = coordinates.numbers(encoded.values.str.strip()).to_numpy(dtype=float, na_value=np.nan)
    np.testing.assert_array_equal(coordinates._parse(encoded), expected)


def _phone_like(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["", "0", "00", "+", "+32 ", "0032", "+33 ", "(0)", "+32 (0)"]))
    digits = draw(st.text(st.sampled_from("0123456789"), min_size=6, max_size=10))
    seps = draw(st.lists(st.sampled_from([" ", ".", "/", "-", "\u00a0", "\t", "(", ")", ""]), min_size=len(digits),
                         max_size=len(digits)))
    return (prefix + "".join(d + s for d, s in zip(digits, seps, strict=True))).strip() or "0"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.composite(_phone_like)(), _TEXT.map(lambda t: t.strip() or "x")), min_size=1,
                max_size=60))
def test_phone_verdicts_in_pyarrow_equal_the_pandas_steps(values):
    texts = pd.Series(values, dtype="str")
    valid, lost = phone.verdicts(texts)
    old_valid, old_lost = phone._verdicts(texts)
    assert valid.tolist() == old_valid.astype(bool).tolist()
    assert lost.tolist() == old_lost.astype(bool).tolist()


def test_phone_verdicts_on_known_numbers():
    texts = pd.Series(["+32 81 24 64 11", "0032 81 24 64 11", "081/24.64.11", "81 24 64 11", "+33 1 42 68 53 00",
                       "081 23 45", "+32 (0)81 24 64 11", "Tél. 081 24 64 11", "\u0660\u0668\u0661 24 64 11"],
                      dtype="str")
    valid, lost = phone.verdicts(texts)
    assert valid.tolist() == [True, True, True, False, True, False, True, False, False]
    assert lost.tolist() == [False, False, False, True, False, False, False, False, False]
    old_valid, old_lost = phone._verdicts(texts)
    assert valid.tolist() == old_valid.tolist() and lost.tolist() == old_lost.tolist()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(_CHARS, min_size=1, max_size=30), min_size=1, max_size=40))
def test_national_number_screen_in_re2_keeps_what_python_re_keeps(values):
    array = column(values).arrow
    kept = _shaped(array)
    expected = [len(text) >= 11 and _SCREEN.search(text) is not None for text in array.to_pylist()]
    assert kept.tolist() == expected


def test_national_number_screen_examples():
    texts = ["Né le 85.07.30-033.28 à Namur", "85073003328", "850730-033-28", "Tél 081 24 64 11", "BE0440.966.354",
             "\uff18\uff15073003328 x", "x 8507300332\u0663 y", "12345678901234"]
    array = column(texts).arrow
    assert _shaped(array).tolist() == [bool(_SCREEN.search(t)) for t in texts]
    assert _PREFILTER.startswith("(?:^|[^\\d.,]|[^\\d][.,])")


@given(st.lists(st.sampled_from(["4000", "5000", "1000", "9000", "4351", "12", "abcd", "0000", "6688"]), min_size=1))
def test_postal_territory_in_pyarrow_equals_isin(values):
    texts = pd.Series(values, dtype="str")
    context = CheckContext(source="x", fields=["c"])
    walloon, elsewhere = postal.territory(texts, context)
    assert walloon.tolist() == texts.isin(list(ref.postal_to_nis())).tolist()
    expected = ~texts.isin(list(ref.postal_to_nis())) & texts.isin(list(ref.belgian_postal_codes()))
    assert elsewhere.tolist() == expected.tolist()


@given(st.lists(st.text(st.sampled_from(list("0123 ./-()\t+AB")), max_size=12), min_size=2, max_size=30),
       st.sampled_from(["string", "large_string"]))
def test_phone_separators_dropped_from_the_bytes_as_literal_replacements(values, type_name):
    import pyarrow as pa

    array = pa.array(values, getattr(pa, type_name)()).slice(1)  # an offset into the buffers, as a filtered chunk has
    expected = list(values[1:])
    for char in (" ", ".", "/", "-", "\t", "(", ")"):
        expected = [v.replace(char, "") for v in expected]
    assert phone._without_separators(array).to_pylist() == expected


_DIGITS = st.text(st.sampled_from("0123456789"), max_size=10)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_DIGITS, _DIGITS).map(".".join), min_size=1, max_size=40),
       st.lists(st.text(st.sampled_from(list("0123456789.-,e ")), min_size=1, max_size=12), max_size=2),
       st.sampled_from(["string", "large_string"]))
def test_plain_decimals_read_from_the_bytes_equal_re2(decimals, others, type_name):
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(["0.1", *decimals, *others], getattr(pa, type_name)()).slice(1)
    expected = pc.match_substring_regex(array, coordinates.PLAIN_DECIMAL).to_numpy(zero_copy_only=False)
    assert coordinates._plain(array).tolist() == expected.tolist()


def test_national_number_digit_count_lets_through_every_value_the_pattern_may_match() -> None:
    """The byte count before the scan's regular expressions drops only values they could not match."""
    import random
    import re
    import sys
    import unicodedata

    import pyarrow as pa
    from odwb_assist_belgium.national_number_scan import _PREFILTER, digits_at_least

    other_digits = [chr(c) for c in range(128, sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"]
    assert min(ord(c) for c in other_digits) >= 0x660  # the lead byte 0xD9 the count relies on
    rng = random.Random(3)
    alphabet = list("0123456789.- /éa°") + other_digits[:40]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 20))) for _ in range(20_000)]
    texts += ["85.07.30-033.28", "Rue des Écoles 197", "Facture n° 2023/145", "٨٥٠٧٣٠٠٣٣٢٨"]
    kept = digits_at_least(pa.array(texts), 11)
    assert kept is not None
    screen = re.compile(_PREFILTER)
    matched = [screen.search(text) is not None for text in texts]
    assert sum(matched) > 50
    assert all(keep for keep, match in zip(kept.tolist(), matched, strict=True) if match)
    assert not kept[-3] and not kept[-2] and kept[-1] and kept[-4]


def test_national_number_digit_count_of_short_values_skips_the_count_but_not_other_digits() -> None:
    """A column of short ASCII values (coordinates, postal codes) holds no national number: answered without the
    byte count; one value with another script's digit still goes through it."""
    import pyarrow as pa
    from odwb_assist_belgium.national_number_scan import digits_at_least

    short = ["50,354836", "5000", "", "31/12/2024", "Namur", "é1234567"]
    assert digits_at_least(pa.array(short), 11).tolist() == [False] * 6
    assert digits_at_least(pa.array([*short, "٨"]), 11).tolist() == [False] * 6 + [True]
    assert digits_at_least(pa.array([*short, "12345678901"]), 11).tolist() == [False] * 6 + [True]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(_CHARS, min_size=0, max_size=60), min_size=1, max_size=80),
       st.sampled_from([1, 5, 64, 1 << 22]))
def test_digit_counts_are_the_same_whatever_the_slice_of_bytes_counted_at_once(texts: list[str], slice_: int) -> None:
    """The count made a slice of bytes at a time (a column of long texts stays small in memory) is the count of
    each value's digits, another script's digit counted as OTHER_DIGIT_WEIGHT."""
    import pyarrow as pa
    from odwb_assist_belgium import national_number_scan as scan

    whole = scan.digit_counts(pa.array(texts))
    original = scan.DIGIT_SLICE
    try:
        scan.DIGIT_SLICE = slice_
        assert scan.digit_counts(pa.array(texts)).tolist() == whole.tolist()
    finally:
        scan.DIGIT_SLICE = original
    if any(len(text.encode()) >= scan.FEW_DIGITS or any(ord(c) >= 0x640 for c in text) for text in texts):
        assert whole.tolist() == [sum(1 if "0" <= c <= "9" else scan.OTHER_DIGIT_WEIGHT if ord(c) >= 0x640 else 0
                                      for c in text) for text in texts]
