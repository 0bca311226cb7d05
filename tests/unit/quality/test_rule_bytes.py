"""Each cell rule's ``needs`` (issue 17): a column holding none of those bytes is left at once, so every cell the
rule's prefilter or test flags must hold one of them."""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import odwb_assist.checks as checks
from odwb_assist.checks import cell_rules
from odwb_assist.checks.cell_rules import BYTES_SEEN, CellRule
from odwb_assist.checks.tally import SMALL_VALUES
from odwb_assist.core.contract import ColumnValues


def _rules_with_needs() -> dict[str, CellRule]:
    found = {}
    for info in pkgutil.iter_modules(checks.__path__):
        if info.name == "base":  # a moved module's old path (it warns)
            continue
        module = importlib.import_module(f"odwb_assist.checks.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, CellRule) and value.needs:
                found[f"{info.name}.{name}"] = value
    return found


RULES = _rules_with_needs()
# cells each rule is there to flag, so that every rule meets some of its own
POSITIVES = ["#N/A", "#DIV/0!", " #REF!", "Err:502", "1,23457E+12", "4,5e+09", "00/00/0000", "0000-00-00", " 00-00-0000",
             "'0123", "=\"0456\"", " 12", "<b>gras</b>", "Tom &amp; Jerry", "Li?ge", "LiÃ¨ge", "Ã©tÃ©", "a\x01b",
             "x\x7fy", "z\u0080", "\ufffd", "x\u200by", "\u00adz", "\ufeffNom", "e\u0301te", "50°28'12\"N",
             "4º52'", "12)", "1 250*", "(3)", "<5", "≤ 5", " 5", "< 10"]
ALPHABET = st.sampled_from(list("0123456789 ,.;:-+/()*#?!'\"<>&=eEaZÉé\t\n\r") +
                           ["\x01", "\x1f", "\x7f", "\u0080", "\u00ad", "°", "º", "≤", "\u200b", "\ufeff",
                            "\u0301", "\ufffd", "Ã", "¨", "€"])
TEXTS = st.one_of(st.text(ALPHABET, max_size=16), st.sampled_from(POSITIVES))


def _holds(text: str, needs: str) -> bool:
    needed = {ord(character) for character in needs}
    return any(byte in needed for byte in text.encode("utf-8"))


def test_the_rules_that_skip_columns_are_found() -> None:
    """The rules named here declare their bytes (a rule that lost them would only be slower: caught here)."""
    names = {name.split(".")[0] for name in RULES}
    assert names >= {"excel_errors", "scientific_notation", "zero_dates", "text_markers", "html_cells", "lost_letters",
                     "double_encoding", "invisible_characters", "format_characters", "decomposed_accents",
                     "dms_coordinates", "number_notes"}


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_positive_holds_a_needed_byte(name: str) -> None:
    rule = RULES[name]
    flagged = [text for text in POSITIVES if rule.test(text)]
    assert flagged, f"{name}: no example among the positives"
    assert all(_holds(text, rule.needs) for text in flagged)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=30))
def test_what_a_rule_flags_holds_one_of_its_bytes(texts: list[str]) -> None:
    cells = pa.array(texts, type=pa.string())
    for name, rule in RULES.items():
        assert rule.arrow_mask(cells).tolist() == [rule.test(text) for text in texts], name
        if not "".join(texts):
            continue  # no byte to read: ``arrow_mask`` never asks the prefilter
        candidates = rule.candidates(cells).tolist()
        for text, candidate in zip(texts, candidates, strict=True):
            if candidate or rule.test(text):
                assert _holds(text, rule.needs), (name, text)


def _column(texts: list[str]) -> ColumnValues:
    return ColumnValues.from_series(pd.Series(texts, dtype="str"), 1)


def test_a_column_without_the_bytes_is_left_without_its_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.checks.html_cells import RULE

    figures = _column([f"{n},5" for n in range(SMALL_VALUES + 50)])
    called = []
    rule = CellRule(RULE.test, lambda cells: called.append(len(cells)) or RULE.candidates(cells), needs=RULE.needs)
    assert not rule.values_mask(figures).any() and called == []  # no « < » nor « & » in the column: no pass
    assert BYTES_SEEN(figures)[ord(",")] and not BYTES_SEEN(figures)[ord("<")]
    marked = _column([*(f"{n},5" for n in range(SMALL_VALUES + 50)), "<b>5</b>"])
    assert rule.values_mask(marked).tolist() == [False] * (SMALL_VALUES + 50) + [True] and called


def test_the_bytes_seen_are_those_of_the_column_s_own_cells() -> None:
    """A slice of a larger array reads its own bytes only; a column of no Arrow text says nothing (None)."""
    array = pa.array(["ab", None, "<c", "dé", "&"], type=pa.string())
    seen = cell_rules._bytes_seen(SimpleNamespace(arrow=array.slice(2, 2)))  # « <c », « dé »
    assert sorted(map(int, seen.nonzero()[0])) == sorted({*b"<c", *"dé".encode()})
    assert not cell_rules._bytes_seen(SimpleNamespace(arrow=pa.array([None, ""], type=pa.string()))).any()
    assert cell_rules._bytes_seen(SimpleNamespace(arrow=None)) is None


@pytest.mark.parametrize("name", sorted(RULES))
def test_cells_all_empty_are_flagged_by_no_rule(name: str) -> None:
    """A block of a column with only empty cells (a fix rewrites it block by block): no rule fails on it."""
    assert RULES[name].arrow_mask(pa.array(["", "", None], type=pa.string())).tolist() == [False, False, False]


def test_checks_for_words_leave_a_column_of_figures_and_read_the_others() -> None:
    """``null-markers`` and ``repeated-header`` leave a column without letters at once: every marker holds an ASCII
    letter, and a label holding a letter can only be met in a cell holding one (ASCII, or an accented letter)."""
    from odwb_assist.checks import null_markers, repeated_header
    from odwb_assist.checks.cell_rules import may_hold_letters

    assert all(any(c.isascii() and c.isalpha() for c in marker) for marker in null_markers.MARKERS)
    figures = [f"{n},5" for n in range(SMALL_VALUES + 50)]
    assert not may_hold_letters(_column(figures)) and may_hold_letters(_column([*figures, "É"]), beyond_ascii=True)
    assert not may_hold_letters(_column([*figures, "É"]))
    assert not null_markers.marker_mask(_column(figures)).any()
    assert null_markers.marker_mask(_column([*figures, " NULL "])).tolist()[-1]

    def same(cells: list[str], label: str) -> list[bool]:
        folded = label.strip().casefold()
        return repeated_header.same_values(_column(cells), folded, repeated_header.technical(folded)).tolist()

    assert not any(same(figures, "Code INS"))
    assert same([*figures, "CODE_INS"], "Code INS")[-1] and same([*figures, "É"], "é")[-1]
    assert same([*figures, "2024"], "2024")[-1] and same([*figures, "-"], "-")[-1]  # labels without a letter: read
