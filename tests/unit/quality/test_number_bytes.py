"""Number verdicts read from Arrow bytes (issue 17, checks/number_bytes.py): each is the verdict of the regular
expression or kernel it stands for, on random and crafted values, and the parse built on them reads every number as
the pattern path does."""

from __future__ import annotations

import random
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from odwb_assist.checks import number_arrow, number_bytes, number_forms, numbers, plain
from odwb_assist.checks.number_forms import LOCAL
from odwb_assist.checks.numbers import parse_column

ALPHABET = list("0123456789,,..--+ \t\u00a0\u202f'’/%€$°²EURkmhénaifNI\u0663\uff11xZ:#\n")
CRAFTED = ["", "-", "+", ",", "-,5", "5,", ",5", "1,2,3", "1,2", "--5", "-5-", "0012", "-0,0", "-0", "5\n", "\n5",
           "١٢", "１２", "12,5 %", "1 234,5", "1.234,5", "1,234.5", "1 234", "12 34", "087 61 79 32", "+32 87 61 79 32",
           "087/61.79.32", "05/04/2024", "12 km/h", "12 /h", "5 €", "€ 5", "12 EUR", "12 eur", "nan", "NaN", "inf",
           "-inf", "Infinity", "1e5", "1E5", "1.5e-3", " 12 ", "\t12\t", "\u00a012", "12\u00a0", "1\u202f234",
           "1’234", "1'234,5", "9" * 40, "-" + "9" * 40 + ",5", "0" * 30 + "1", "1,0000000000000000001",
           "50,354836", "-5,186115", "112000", "1 234 5", "12\t345", "1 2345", "123 456 789", "n.d.", "--",
           "+12", "+1,5", "12,5,", "1.2.3", "12 ", " -12", "- 12", "12-", "é12", "12é", "12 m²", "12m2"]


def _texts(count: int, seed: int, longest: int = 8) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _numbers(count: int, seed: int, comma: bool, sign: bool) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = str(rng.randint(0, 10 ** rng.randint(1, 18)))
        if comma:
            text += "," + str(rng.randint(0, 10 ** rng.randint(1, 9))).zfill(rng.randint(1, 9))
        if sign and rng.random() < 0.3:
            text = "-" + text
        texts.append(text)
    return texts


def _arrays(texts: list[str]) -> list[pa.Array]:
    """The same cells as a plain array and as a sliced large-string array (offsets not starting at 0)."""
    return [pa.array(texts, type=pa.string()),
            pa.array(["xx", *texts, "yy"], type=pa.large_string()).slice(1, len(texts))]


def _uniform_columns() -> list[list[str]]:
    """Columns of plain numbers (the fast path of :func:`number_bytes.plain_shapes`), and the same broken once."""
    columns = []
    for seed, (comma, sign) in enumerate([(True, False), (True, True), (False, False), (False, True)]):
        column = _numbers(3000, seed, comma, sign)
        columns.append(column)
        for odd in CRAFTED[:40]:
            broken = list(column)
            broken[seed * 7 % len(broken)] = odd
            columns.append(broken)
    return columns


def _pattern_plain(texts: list[str]) -> tuple[list[bool], list[bool]]:
    found = [re.fullmatch(plain.PLAIN, text) is not None for text in texts]
    return found, [hit and "," in text for hit, text in zip(found, texts, strict=True)]


@pytest.mark.parametrize("seed", range(3))
def test_plain_shapes_are_the_pattern_s_verdicts(seed: int) -> None:
    texts = _texts(40_000, seed) + CRAFTED
    expected = _pattern_plain(texts)
    for array in _arrays(texts):
        found = number_bytes.plain_shapes(array)
        assert found is not None
        assert found[0].tolist() == expected[0]
        assert found[1].tolist() == expected[1]
        arrow = np.asarray(pc.match_substring_regex(array, f"^(?:{plain.PLAIN})$").to_numpy(zero_copy_only=False))
        assert found[0].tolist() == arrow.tolist()


def test_plain_shapes_of_number_columns_and_of_columns_broken_once() -> None:
    for texts in _uniform_columns():
        expected = _pattern_plain(texts)
        for array in _arrays(texts):
            found = number_bytes.plain_shapes(array)
            assert found is not None
            assert (found[0].tolist(), found[1].tolist()) == expected, texts[:3]


def test_plain_shapes_of_very_long_cells() -> None:
    texts = ["1" * 70_000, "1" * 70_000 + "," + "2" * 70_000, "1" * 65_536, "x" * 65_536 + "1", "-" + "1" * 65_535,
             ",".join(["1"] * 40_000), "12,5", "-3"]
    expected = _pattern_plain(texts)
    found = number_bytes.plain_shapes(pa.array(texts))
    assert found is not None
    assert (found[0].tolist(), found[1].tolist()) == expected


def test_nulls_and_other_types_are_left_to_the_patterns() -> None:
    assert number_bytes.plain_shapes(pa.array(["1", None])) is None
    assert number_bytes.number_bits(pa.array([1, 2])) is None
    assert number_bytes.first_in(pa.array(["1", None]), "1") is None


@pytest.mark.parametrize("seed", range(3))
def test_surely_not_local_never_rules_out_a_match(seed: int) -> None:
    texts = _texts(40_000, seed, longest=10) + CRAFTED
    for array in _arrays(texts):
        bits = number_bytes.number_bits(array)
        assert bits is not None
        ruled_out = number_bytes.surely_not_local(bits)
        matches = np.asarray(pc.match_substring_regex(array, f"^(?:{LOCAL})$").to_numpy(zero_copy_only=False))
        python = np.array([re.fullmatch(LOCAL, text) is not None for text in texts])
        assert not (ruled_out & (matches | python)).any()
        assert ruled_out.sum() > len(texts) // 4  # it rules out many: the point of it
        assert number_bytes.with_digit(bits).tolist() == [any("0" <= c <= "9" for c in text) for text in texts]
        assert (bits != 0).tolist() == [text != "" for text in texts]


@pytest.mark.parametrize("characters", [number_forms._FIRST, number_forms._CASTABLE_FIRST, "é€", "0"])
def test_first_in_is_the_first_character_s_membership(characters: str) -> None:
    texts = _texts(20_000, 5) + CRAFTED + ["\u00a0", "\u00a1", "\u00c2", "é"]
    for array in _arrays(texts):
        if any(len(c.encode()) > 2 for c in characters):
            with pytest.raises(ValueError):
                number_bytes.first_in(array, characters)
            continue
        found = number_bytes.first_in(array, characters, "+é")
        assert found is not None
        assert found[0].tolist() == [text[:1] != "" and text[:1] in characters for text in texts]
        assert found[1].tolist() == [text[:1] != "" and text[:1] in "+é" for text in texts]


def test_dotted_is_replace_substring() -> None:
    texts = _texts(5_000, 7) + CRAFTED
    for array in _arrays(texts):
        assert number_bytes.dotted(array).to_pylist() == pc.replace_substring(array, ",", ".").to_pylist()
        assert number_bytes.dotted(array.take(pa.array([0, 3, 2]))).to_pylist() == [
            text.replace(",", ".") for text in (texts[0], texts[3], texts[2])]


def _same(found: tuple[np.ndarray, np.ndarray], expected: tuple[np.ndarray, np.ndarray]) -> bool:
    """The same floats bit for bit (NaN where NaN) and the same text verdicts."""
    return (found[0].tobytes() == expected[0].tobytes() or np.array_equal(found[0], expected[0], equal_nan=True)) \
        and found[1].tolist() == expected[1].tolist()


def _columns() -> list[list[str]]:
    columns = [_texts(3000, seed, longest=10) + CRAFTED for seed in range(4)]
    columns += _uniform_columns()[::9]
    columns.append(["087 61 79 32", "05/04/2024", "n.d.", "", "12,5", "1 234", "-"] * 50)
    columns.append(["12,5", "1 234,5", "nan", "5 km", "n.a."] * 60)
    columns.append(CRAFTED)
    return columns


def test_the_parse_reads_what_the_patterns_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_column with the byte verdicts, and with them turned off (the pattern path): the same floats and text."""
    columns = _columns()
    fast = [[parse_column(pa.chunked_array([array]).to_pandas(types_mapper={array.type: "str"}.get))
             for array in _arrays(texts)] for texts in columns]
    monkeypatch.setattr(number_arrow, "number_bits", lambda cells: None)
    for texts, found in zip(columns, fast, strict=True):
        for array, mine in zip(_arrays(texts), found, strict=True):
            slow = number_arrow.parse_arrow(array)
            assert _same(mine, slow), texts[:5]


@pytest.mark.parametrize("strict", [True, False])
def test_the_arrow_parse_is_the_pattern_parse(monkeypatch: pytest.MonkeyPatch, strict: bool) -> None:
    columns = _columns()
    fast = [[number_arrow.parse_arrow(array, strict) for array in _arrays(texts)] for texts in columns]
    monkeypatch.setattr(number_arrow, "number_bits", lambda cells: None)
    for texts, found in zip(columns, fast, strict=True):
        for array, mine in zip(_arrays(texts), found, strict=True):
            assert _same(mine, number_arrow.parse_arrow(array, strict)), texts[:5]


def test_python_s_parse_agrees_on_the_numbers_it_reads() -> None:
    """parse_number (one cell in Python) and the vectorised parse read the same value where both see a number."""
    texts = CRAFTED + _texts(3000, 11, longest=8)
    values, _ = number_arrow.parse_arrow(pa.array(texts), strict=False)
    for text, value in zip(texts, values, strict=True):
        one = number_forms.parse_number(text)
        if one is not None and not np.isnan(value):
            assert one[0] == value, text


def test_plain_verdicts_are_the_pattern_s(monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from odwb_assist.core.contract import ColumnValues

    for texts in _columns():
        unique = list(dict.fromkeys(t for t in texts if t))
        column = ColumnValues.from_series(pd.Series(unique, dtype="str", name="x"), 1)
        found = plain._plain_verdicts(column)
        with monkeypatch.context() as patch:
            patch.setattr(plain, "plain_shapes", lambda cells: None)
            expected = plain._plain_verdicts(column)
        if expected is None:
            assert found is None
            continue
        assert found is not None
        assert found[0].tolist() == expected[0].tolist()
        assert found[1].tolist() == expected[1].tolist()


def test_the_shared_parse_of_distinct_values_is_the_pattern_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse the checks share (plain verdicts from the bytes, commas made points in the bytes) against the same
    parse with the patterns and pyarrow's kernels."""
    import pandas as pd

    from odwb_assist.core.contract import ColumnValues

    columns = _columns()

    def parsed(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        column = ColumnValues.from_series(pd.Series(texts, dtype="str", name="x"), 1)
        return numbers._parse_distinct(column)

    fast = [parsed(texts) for texts in columns]
    monkeypatch.setattr(number_arrow, "number_bits", lambda cells: None)
    monkeypatch.setattr(plain, "plain_shapes", lambda cells: None)
    monkeypatch.setattr(number_arrow, "dotted", lambda cells: pc.replace_substring(cells, ",", "."))
    monkeypatch.setattr(numbers, "dotted", lambda cells: pc.replace_substring(cells, ",", "."))
    for texts, found in zip(columns, fast, strict=True):
        assert _same(found, parsed(texts)), texts[:5]


def test_the_cast_never_reads_a_cell_holding_an_uncast_byte() -> None:
    texts = _texts(20_000, 8, longest=5) + CRAFTED + ["nan(ab_1)", "+Infinity", ".5", "5.", "-nan", "nan()"]
    bits = number_bytes.number_bits(pa.array(texts))
    assert bits is not None
    uncast = (bits & number_bytes.UNCAST) != 0
    for text, never in zip(texts, uncast, strict=True):
        if never:
            with pytest.raises(pa.ArrowInvalid):
                pc.cast(pa.array([text]), pa.float64())
    assert not uncast[-6:].any()


@pytest.mark.parametrize("texts", [["Rue de la Gare 12", "BE0123.456.789", "a@b.be", ""], ["12a", "a12", "-", "", "1 "],
                                   ["Rue 1", "", "5"], ["x"] * 300 + ["-1,5"], ["", ""]])
def test_plain_shapes_of_text_columns(texts: list[str]) -> None:
    for array in _arrays(texts):
        found = number_bytes.plain_shapes(array)
        assert found is not None
        assert (found[0].tolist(), found[1].tolist()) == _pattern_plain(texts)


def test_a_placeholder_with_a_digit_turns_the_digit_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse skips the placeholder lookup for cells holding a digit only while no placeholder holds one."""
    texts = ["n.d.", "0-8", "x1", "abc", "12,5"] * 20
    assert not number_arrow._FORMS_DIGITS
    assert number_arrow.parse_arrow(pa.array(texts))[1].tolist() == [False, True, True, True, False] * 20
    monkeypatch.setattr(number_arrow, "_PLACEHOLDER_FORMS", number_arrow._PLACEHOLDER_FORMS | {"0-8"})
    monkeypatch.setattr(number_arrow, "_FORMS_DIGITS", True)
    assert number_arrow.parse_arrow(pa.array(texts))[1].tolist() == [False, False, True, True, False] * 20


@pytest.mark.parametrize("with_bits", [True, False])
def test_numbers_written_for_display_are_found_through_their_digit_prefilter(with_bits: bool) -> None:
    """A cell read for display holds a digit or « € » (the accounting zero « - € »): the cells left before the
    pattern (names that start as a match may, « Estinnes ») are those the pattern never reads."""
    from odwb_assist.checks.display_numbers import read_displays

    texts = [*CRAFTED, *_texts(3000, 11, longest=12), "- €", " -  € ", "-\u00a0€", "Estinnes", "Ellezelles", "EUR 12",
             "eur", "E", "(1 500,00 €)", "−12,5", "1.234,56-", "- $", "€", "(€)", "+ €", "e", "EUR"]
    array = pa.array(texts, type=pa.string())
    numbers = np.full(len(texts), np.nan)
    number_arrow.display_numbers(array, numbers, np.ones(len(texts), dtype=bool),
                                 number_bytes.number_bits(array) if with_bits else None)
    read, _ = read_displays(array)  # the pattern on every cell
    expected = np.asarray(read.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    assert (~np.isnan(numbers)).tolist() == expected.tolist()
    assert expected.sum() > 20 and expected[texts.index("- €")] and not expected[texts.index("Estinnes")]
