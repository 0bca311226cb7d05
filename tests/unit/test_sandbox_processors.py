"""The sandbox's processing stack: ``string_replace`` replaces every occurrence, in order, in one field."""

from __future__ import annotations

from odwb_assist.sandbox import processors


def test_string_replace_replaces_every_occurrence_in_its_field_only() -> None:
    rows = [["a-b-c", "a-b"], ["", "-"]]
    stack = [{"type": "string_replace", "label": "x", "field": "code", "old": "-", "new": "/"}]
    assert processors.apply(["code", "other"], rows, stack) == [["a/b/c", "a-b"], ["", "-"]]
    assert rows == [["a-b-c", "a-b"], ["", "-"]]  # the extracted rows are not changed in place


def test_the_stack_runs_in_order_and_skips_what_does_not_apply() -> None:
    stack = [
        {"type": "string_replace", "label": "1", "field": "nom", "old": "St-", "new": "Saint-"},
        {"type": "string_replace", "label": "2", "field": "nom", "old": "Saint-", "new": "S."},
        {"type": "string_replace", "label": "empty old", "field": "nom", "old": "", "new": "!"},
        {"type": "string_replace", "label": "unknown field", "field": "absent", "old": "S", "new": "!"},
        {"type": "other", "label": "unknown type", "field": "nom", "old": "S", "new": "!"},
    ]
    assert processors.apply(["nom"], [["St-Hubert"], ["Namur"]], stack) == [["S.Hubert"], ["Namur"]]
