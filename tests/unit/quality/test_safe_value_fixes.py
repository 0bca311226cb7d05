"""Safe value fixes: category spellings unified, count words stripped; free text and other units left alone."""

from __future__ import annotations

import pandas as pd

from odwb_assist.checks.inconsistent_category import UnifyCategories
from odwb_assist.core.contract import FixContext


def table(values: dict[str, list[str]]) -> pd.DataFrame:
    frame = pd.DataFrame(values, dtype=object)
    frame.index = range(2, 2 + len(frame))
    return frame


def test_variants_take_the_main_spelling_with_changes_listed() -> None:
    frame = table({"type": ["Couvert", "Couvert", "couvert", "COUVERT", "Non couvert", "Non couvert", "Couvert", "Box"],
                   "nom": [f"Parking {i}" for i in range(8)]})
    fixed, changes = UnifyCategories().apply(frame, FixContext())
    assert list(fixed["type"]) == ["Couvert"] * 4 + ["Non couvert", "Non couvert", "Couvert", "Box"]
    assert [(c.row_number, c.before, c.after) for c in changes] == [(4, "couvert", "Couvert"), (5, "COUVERT", "Couvert")]
    assert list(frame["type"])[2] == "couvert"  # the input table is not modified


def test_names_and_free_text_are_not_touched() -> None:
    frame = table({"nom": ["Dupont", "DUPONT", "Martin", "Lambert"]})
    fixed, changes = UnifyCategories().apply(frame, FixContext())
    assert changes == [] and list(fixed["nom"]) == ["Dupont", "DUPONT", "Martin", "Lambert"]


def test_count_words_are_stripped_only_in_columns_of_whole_numbers() -> None:
    from odwb_assist.checks.unit_in_cell import StripCountWords

    frame = table({"capacite": ["10", "12 places", "8"], "surface": ["12 m2", "10", "8"], "note": ["3 places", "abc", ""]})
    fixed, changes = StripCountWords().apply(frame, FixContext())
    assert list(fixed["capacite"]) == ["10", "12", "8"]
    assert list(fixed["surface"]) == ["12 m2", "10", "8"] and list(fixed["note"]) == ["3 places", "abc", ""]
    assert [(c.row_number, c.field_name, c.before, c.after) for c in changes] == [(3, "capacite", "12 places", "12")]
